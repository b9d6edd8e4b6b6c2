import { create } from 'zustand';
import type { ModuleReport, TokenLogin, TokenSummary } from '../../../shared/contract/tokens';
import type { ApiError } from '../../../shared/result';
import type { PayloadOf } from '../../../shared/contract';
import { call, onEvent, transport } from '../../api/client';

interface TokenState {
  modules: ModuleReport[];
  loading: boolean;
  error: ApiError | undefined;
  /** The PIN error of the last login attempt, per token (carries the remaining tries). */
  loginErrors: Record<string, ApiError | undefined>;
  /** The logged-in session the Sign screen signs with (one at a time: one person at the computer). */
  session: TokenLogin | undefined;
  /** Why the last session ended without a logout (token pulled, idle). */
  sessionEnded: PayloadOf<'tokens.sessionClosed'>['reason'] | undefined;
  busyToken: string | undefined;
  refresh(): Promise<void>;
  login(tokenId: string, pin: string, confirmFinalTry?: boolean): Promise<boolean>;
  logout(): Promise<void>;
}

let refreshTicket = 0;

export const useTokens = create<TokenState>((set, get) => ({
  modules: [],
  loading: false,
  error: undefined,
  loginErrors: {},
  session: undefined,
  sessionEnded: undefined,
  busyToken: undefined,
  async refresh() {
    // Events (inserted, removed, session closed) can start listings that overlap: only the newest
    // one may set what the screen shows, or an older "token absent" answer would hide a token.
    const ticket = ++refreshTicket;
    set({ loading: true });
    const r = await call('tokens.list', {});
    if (ticket !== refreshTicket) return;
    if (!r.ok) return set({ error: r.error, loading: false });
    set({ modules: r.value.modules, error: undefined, loading: false });
    // The token of this window's session is no longer plugged in: the session went with it.
    const s = get().session;
    if (s && !allTokens(r.value.modules).some((t) => t.tokenId === s.tokenId)) set({ session: undefined, sessionEnded: 'removed' });
  },
  async login(tokenId, pin, confirmFinalTry) {
    set({ busyToken: tokenId });
    const r = await call('tokens.login', { tokenId, pin, ...(confirmFinalTry ? { confirmFinalTry } : {}) });
    set({ busyToken: undefined });
    if (!r.ok) {
      set({ loginErrors: { ...get().loginErrors, [tokenId]: r.error } });
      void get().refresh();
      return false;
    }
    const previous = get().session;
    if (previous && previous.sessionId !== r.value.sessionId) void call('tokens.logout', { sessionId: previous.sessionId });
    set({ session: r.value, sessionEnded: undefined, loginErrors: { ...get().loginErrors, [tokenId]: undefined } });
    void get().refresh();
    return true;
  },
  async logout() {
    const s = get().session;
    if (!s) return;
    await call('tokens.logout', { sessionId: s.sessionId });
    set({ session: undefined });
    void get().refresh();
  },
}));

export const allTokens = (modules: ModuleReport[]): TokenSummary[] => modules.flatMap((m) => m.tokens);

if (transport.kind !== 'none') {
  onEvent('tokens.changed', (p) => {
    const s = useTokens.getState().session;
    // The token holding this window's session was pulled out: the session is gone with it.
    if (s && p.removed.includes(s.tokenId)) useTokens.setState({ session: undefined, sessionEnded: 'removed' });
    void useTokens.getState().refresh();
  });
  onEvent('tokens.sessionClosed', (p) => {
    const s = useTokens.getState().session;
    if (s && s.sessionId === p.sessionId) useTokens.setState({ session: undefined, sessionEnded: p.reason });
    void useTokens.getState().refresh();
  });
}
