/**
 * A list that renders only the rows in view (plus a small margin), so a folder of 100,000 records
 * scrolls as smoothly as one of ten. Rows have a fixed height; rows not yet loaded are asked for
 * through `onNeedRange` and shown as placeholders meanwhile.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  count: number;
  rowHeight: number;
  height: number;
  /** The row at an index, or undefined while it is loading. */
  rowAt: (index: number) => T | undefined;
  renderRow: (row: T | undefined, index: number) => ReactNode;
  onNeedRange?: (from: number, to: number) => void;
  label: string;
  selectedIndex?: number;
  onSelect?: (index: number) => void;
  onActivate?: (index: number) => void;
  testId?: string;
}

const OVERSCAN = 8;

export function VirtualList<T>(p: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / p.rowHeight) - OVERSCAN);
  const last = Math.min(p.count, Math.ceil((scrollTop + p.height) / p.rowHeight) + OVERSCAN);
  const { onNeedRange } = p;

  useEffect(() => {
    if (onNeedRange && last > first) onNeedRange(first, last);
  }, [first, last, onNeedRange]);

  const onScroll = useCallback(() => {
    if (ref.current) setScrollTop(ref.current.scrollTop);
  }, []);

  const move = (to: number) => {
    const i = Math.max(0, Math.min(p.count - 1, to));
    p.onSelect?.(i);
    const el = ref.current;
    if (!el) return;
    const top = i * p.rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + p.rowHeight > el.scrollTop + p.height) el.scrollTop = top + p.rowHeight - p.height;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const sel = p.selectedIndex ?? -1;
    const page = Math.max(1, Math.floor(p.height / p.rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(sel + 1),
      ArrowUp: () => move(sel - 1),
      PageDown: () => move(sel + page),
      PageUp: () => move(sel - page),
      Home: () => move(0),
      End: () => move(p.count - 1),
      Enter: () => sel >= 0 && p.onActivate?.(sel),
    };
    const action = keys[e.key];
    if (action && p.count > 0) {
      e.preventDefault();
      action();
    }
  };

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const selected = i === p.selectedIndex;
    rows.push(
      <div
        key={i}
        role="option"
        aria-selected={selected}
        aria-posinset={i + 1}
        aria-setsize={p.count}
        id={`${p.testId ?? 'vl'}-row-${i}`}
        className={`vlist-row${selected ? ' selected' : ''}`}
        style={{ top: i * p.rowHeight, height: p.rowHeight }}
        onClick={() => p.onSelect?.(i)}
        onDoubleClick={() => p.onActivate?.(i)}
      >
        {p.renderRow(p.rowAt(i), i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className="vlist"
      role="listbox"
      aria-label={p.label}
      aria-activedescendant={p.selectedIndex !== undefined && p.selectedIndex >= 0 ? `${p.testId ?? 'vl'}-row-${p.selectedIndex}` : undefined}
      tabIndex={0}
      style={{ height: p.height }}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      data-testid={p.testId}
    >
      <div style={{ height: p.count * p.rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
