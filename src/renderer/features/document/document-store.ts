import { create } from 'zustand';
import type { AuditEntryInfo, DocumentDetail } from '../../../shared/contract/records';
import type { PdfVerificationReport } from '../../../shared/contract/verify';
import type { DocumentFile } from '../../../shared/contract/files';
import type { ApiError } from '../../../shared/result';
import { call } from '../../api/client';
import { base64ToBytes } from './pdfjs';

interface DocumentState {
  documentId: number | undefined;
  detail: DocumentDetail | undefined;
  file: DocumentFile | undefined;
  bytes: Uint8Array | undefined;
  report: PdfVerificationReport | undefined;
  verifying: boolean;
  audit: AuditEntryInfo[];
  error: ApiError | undefined;
  open(id: number): Promise<void>;
}

export const useDocument = create<DocumentState>((set, get) => ({
  documentId: undefined,
  detail: undefined,
  file: undefined,
  bytes: undefined,
  report: undefined,
  verifying: false,
  audit: [],
  error: undefined,
  async open(id) {
    set({ documentId: id, detail: undefined, file: undefined, bytes: undefined, report: undefined, audit: [], error: undefined });
    const [detail, file] = await Promise.all([call('records.get', { documentId: id }), call('files.documentVersion', { documentId: id, withContent: true })]);
    if (get().documentId !== id) return;
    if (!detail.ok) return set({ error: detail.error });
    if (!file.ok) return set({ error: file.error, detail: detail.value });
    set({ detail: detail.value, file: file.value, bytes: file.value.contentBase64 ? base64ToBytes(file.value.contentBase64) : undefined, verifying: true });
    const [report, audit] = await Promise.all([call('pdf.verify', { path: file.value.path }), call('records.audit', { documentUid: detail.value.uid, limit: 500 })]);
    if (get().documentId !== id) return;
    set({
      verifying: false,
      ...(report.ok ? { report: report.value } : { error: report.error }),
      ...(audit.ok ? { audit: audit.value } : {}),
    });
  },
}));
