/**
 * One page of a PDF drawn by pdf.js. When `onPlace` is given the page becomes a target: a click places
 * a box of the default size, a drag draws one; the box is reported in PDF points (origin bottom-left),
 * as the signer wants it. Arrow keys move a placed box for keyboard users.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useT } from '../../i18n';
import { openPdf } from './pdfjs';

export interface PdfRect {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

type PdfDoc = Awaited<ReturnType<typeof openPdf>>;

interface Props {
  data: Uint8Array;
  page: number;
  onPageCount?: (n: number) => void;
  box?: PdfRect | undefined;
  onPlace?: (rect: PdfRect) => void;
  /** Size of a box placed by a simple click (PDF points). */
  defaultBox?: { width: number; height: number };
  label: string;
  maxWidth?: number;
}

export function PdfPreview({ data, page, onPageCount, box, onPlace, defaultBox = { width: 180, height: 70 }, label, maxWidth = 620 }: Props) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PdfDoc | undefined>();
  const [view, setView] = useState<{ scale: number; width: number; height: number } | undefined>();
  const [failed, setFailed] = useState(false);
  const drag = useRef<{ x: number; y: number } | undefined>(undefined);
  const [dragRect, setDragRect] = useState<{ x: number; y: number; w: number; h: number } | undefined>();

  useEffect(() => {
    let cancelled = false;
    let opened: PdfDoc | undefined;
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    openPdf(data.slice()).then(
      (d) => {
        opened = d;
        if (cancelled) return void d.destroy();
        setDoc(d);
        onPageCount?.(d.numPages);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
      void opened?.destroy();
    };
  }, [data]); // onPageCount is read once per document on purpose

  useEffect(() => {
    if (!doc) return;
    let task: { cancel(): void; promise: Promise<void> } | undefined;
    let cancelled = false;
    void doc.getPage(page).then((p) => {
      if (cancelled || !canvasRef.current) return;
      const base = p.getViewport({ scale: 1 });
      const scale = Math.min(maxWidth / base.width, 1.5);
      const viewport = p.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      const canvas = canvasRef.current;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${viewport.width}px`;
      canvas.style.height = `${viewport.height}px`;
      setView({ scale, width: viewport.width, height: viewport.height });
      task = p.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
      task.promise.catch(() => undefined);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page, maxWidth]);

  const toPdf = (left: number, top: number, w: number, h: number): PdfRect => {
    const s = view!.scale;
    return { page, x: left / s, y: (view!.height - top - h) / s, width: w / s, height: h / s };
  };
  const local = (e: PointerEvent) => {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    return { x: Math.max(0, Math.min(view!.width, e.clientX - r.left)), y: Math.max(0, Math.min(view!.height, e.clientY - r.top)) };
  };
  const onDown = (e: PointerEvent) => {
    if (!onPlace || !view) return;
    drag.current = local(e);
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
  };
  const onMove = (e: PointerEvent) => {
    if (!drag.current || !view) return;
    const p = local(e);
    const s = drag.current;
    setDragRect({ x: Math.min(s.x, p.x), y: Math.min(s.y, p.y), w: Math.abs(p.x - s.x), h: Math.abs(p.y - s.y) });
  };
  const onUp = (e: PointerEvent) => {
    if (!drag.current || !view || !onPlace) return;
    const p = local(e);
    const s = drag.current;
    drag.current = undefined;
    setDragRect(undefined);
    const w = Math.abs(p.x - s.x);
    const h = Math.abs(p.y - s.y);
    if (w > 20 && h > 12) onPlace(toPdf(Math.min(s.x, p.x), Math.min(s.y, p.y), w, h));
    else {
      // A click: the default box, centred on the click and kept on the page.
      const bw = defaultBox.width * view.scale;
      const bh = defaultBox.height * view.scale;
      const left = Math.max(0, Math.min(view.width - bw, p.x - bw / 2));
      const top = Math.max(0, Math.min(view.height - bh, p.y - bh / 2));
      onPlace(toPdf(left, top, bw, bh));
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (!onPlace || !view) return;
    const step = e.shiftKey ? 50 : 10;
    const current = box && box.page === page ? box : { page, x: 350, y: 120, ...defaultBox };
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const m = moves[e.key];
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPlace(current);
    } else if (m) {
      e.preventDefault();
      onPlace({ ...current, x: Math.max(0, current.x + m[0]), y: Math.max(0, current.y + m[1]) });
    }
  };

  if (failed) return <p className="error-box">{t.document.previewFailed}</p>;
  const shown = box && box.page === page && view ? { left: box.x * view.scale, top: view.height - (box.y + box.height) * view.scale, width: box.width * view.scale, height: box.height * view.scale } : undefined;
  return (
    <div
      className="page-canvas-wrap"
      style={{ cursor: onPlace ? 'crosshair' : 'default' }}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onKeyDown={onKey}
      tabIndex={onPlace ? 0 : undefined}
      role={onPlace ? 'application' : 'img'}
      aria-label={label}
      data-testid="pdf-page"
      data-rendered={view ? 'true' : 'false'}
    >
      <canvas ref={canvasRef} />
      {shown ? <div className="sig-box" style={shown} data-testid="signature-box" /> : null}
      {dragRect ? <div className="sig-box" style={{ left: dragRect.x, top: dragRect.y, width: dragRect.w, height: dragRect.h }} /> : null}
    </div>
  );
}
