import { Component, type ReactNode } from 'react';

/**
 * A screen that fails to draw shows what happened and a way back, instead of a blank window.
 * (Class component: React has no hook for render errors.)
 */
export class ScreenErrorBoundary extends Component<{ children: ReactNode; resetKey: string; title: string; retry: string }, { error: Error | undefined }> {
  override state: { error: Error | undefined } = { error: undefined };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-box" role="alert">
        <strong>{this.props.title}</strong> {this.state.error.message}{' '}
        <button type="button" className="link" onClick={() => this.setState({ error: undefined })}>
          {this.props.retry}
        </button>
      </div>
    );
  }
}
