/**
 * Verifies every signature of a PDF: integrity (ByteRange + digest + CMS signature), what changed
 * after it (modification analysis), the signer (chain, validity at signing time, key usage,
 * revocation, timestamps) and a verdict per signature and for the document.
 */
import { PdfDict, PdfDocument, PdfName, PdfRef, PdfStream, PdfString, catalog, num, signatureFields, type PdfObject } from '../parser';
import type { Check, ModificationEntry, PdfVerificationReport, SignatureReport } from '../../../../shared/contract/verify';
import { AppError, isAppError } from '../../errors';
import { RangeHasher, checkByteRange } from './byte-range';
import { verifyCms } from './cms';
import { analyseRevision, trailingData, type DocMdpRule } from './modifications';
import { checkSigner, type SignerCheckOptions, type SignerChecks } from './signer-checks';
import type { EmbeddedValidationData } from './extensions';
import { check, failed, passed, unknown } from './checks';
import { composeVerdict, documentSummary } from './verdict';

export type VerifyPdfOptions = Omit<SignerCheckOptions, 'now'> & {
  now?: Date;
  /** Time budget for one file (default 120 s): a hostile file ends in VERIFY_TIMEOUT, never a hang. */
  timeLimitMs?: number;
};

function deadlineOf(ms: number): () => void {
  const end = performance.now() + ms;
  return () => {
    if (performance.now() > end) {
      throw new AppError(
        'VERIFY_TIMEOUT',
        'Kiểm tra chữ ký mất quá nhiều thời gian nên đã dừng; tệp có thể bị làm hỏng có chủ ý. Không coi chữ ký trong tệp này là hợp lệ.',
        'Verification took too long and was stopped; the file may be deliberately malformed. Do not treat its signatures as valid.',
      );
    }
  };
}

interface FoundSignature {
  fieldName: string;
  sig: PdfDict;
  sigNum: number | null;
  /** Revision (0-based) the signature first appears in. */
  seenIn: number;
}

function pdfDate(o: PdfObject | undefined): Date | null {
  if (!(o instanceof PdfString)) return null;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?'?/.exec(o.text().trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz, th = '00', tm = '00'] = m;
  const sign = tz === '-' ? -1 : 1;
  const offset = tz && tz !== 'Z' ? sign * (Number(th) * 60 + Number(tm)) : 0;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset * 60_000;
  return Number.isFinite(t) ? new Date(t) : null;
}

const text = (o: PdfObject | undefined) => (o instanceof PdfString ? o.text() : null);

function findSignatures(doc: PdfDocument, checkTime: () => void): FoundSignature[] {
  const found = new Map<string, FoundSignature>();
  doc.revisions.forEach((rev, idx) => {
    checkTime();
    let list: ReturnType<typeof signatureFields> = [];
    try {
      list = signatureFields(doc, rev);
    } catch {
      return;
    }
    for (const f of list) {
      const key = f.value instanceof PdfRef ? `s${f.value.num}` : `f${f.ref.num}`;
      if (found.has(key)) continue;
      const sig = doc.dict(f.value, rev);
      if (!sig) continue;
      found.set(key, { fieldName: f.name, sig, sigNum: f.value instanceof PdfRef ? f.value.num : null, seenIn: idx });
    }
  });
  return [...found.values()];
}

function docMdpOf(doc: PdfDocument, sig: PdfDict, sigNum: number | null): 1 | 2 | 3 | null {
  const perms = doc.dict(catalog(doc).dict.get('Perms'));
  const permsRef = perms?.get('DocMDP');
  const isCertification = (permsRef instanceof PdfRef && permsRef.num === sigNum) || false;
  const refs = doc.resolve(sig.get('Reference'));
  for (const r of Array.isArray(refs) ? refs : []) {
    const d = doc.dict(r);
    const method = d?.get('TransformMethod');
    if (method instanceof PdfName && method.name === 'DocMDP') {
      const p = num(doc.dict(d!.get('TransformParams'))?.get('P')) ?? 2;
      return p === 1 || p === 3 ? p : 2;
    }
  }
  return isCertification ? 2 : null;
}

function embeddedData(doc: PdfDocument, cms: { crls: Uint8Array[]; ocspResponses: Uint8Array[] }): EmbeddedValidationData {
  const out: EmbeddedValidationData = { certificates: [], crls: [...cms.crls], ocspResponses: [...cms.ocspResponses] };
  try {
    const dss = doc.dict(catalog(doc).dict.get('DSS'));
    const read = (key: string, into: Uint8Array[]) => {
      const arr = doc.resolve(dss?.get(key));
      for (const r of Array.isArray(arr) ? arr.slice(0, 10_000) : []) {
        const s = doc.resolve(r);
        if (s instanceof PdfStream) into.push(doc.streamBytes(s));
      }
    };
    read('Certs', out.certificates);
    read('CRLs', out.crls);
    read('OCSPs', out.ocspResponses);
  } catch {
    // A damaged DSS only means less embedded validation data.
  }
  return out;
}

function openForVerification(path: string): PdfDocument {
  try {
    return PdfDocument.open(path);
  } catch (e) {
    if (isAppError(e) && e.code === 'PDF_MALFORMED') {
      throw new AppError(
        'VERIFY_FILE_DAMAGED',
        'Tệp PDF bị hỏng hoặc bị cắt cụt nên không kiểm tra được chữ ký; không thể coi chữ ký trong tệp này là hợp lệ. Hãy xin lại bản gốc từ người gửi.',
        `The PDF is damaged or truncated, so its signatures cannot be checked and cannot be taken as valid (${e.messageEn}). Ask the sender for the original file.`,
        e.details,
        { cause: e },
      );
    }
    if (isAppError(e) && e.code === 'PDF_ENCRYPTED') {
      throw new AppError('VERIFY_ENCRYPTED', 'Tệp PDF được mã hoá nên phần mềm chưa kiểm tra được chữ ký trong đó.', 'The PDF is encrypted; its signatures cannot be checked.', undefined, { cause: e });
    }
    if (!isAppError(e) && (e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('VERIFY_FILE_NOT_FOUND', `Không tìm thấy tệp "${path}". Hãy kiểm tra lại đường dẫn.`, `File "${path}" not found.`, { path });
    }
    throw e;
  }
}

export async function verifyPdf(path: string, options: VerifyPdfOptions): Promise<PdfVerificationReport> {
  const now = options.now ?? new Date();
  const checkTime = deadlineOf(options.timeLimitMs ?? 120_000);
  const doc = openForVerification(path);
  try {
    const found = findSignatures(doc, checkTime);
    let certification: DocMdpRule | null = null;
    const prepared = found.map((f) => {
      const br = checkByteRange(doc, f.sig);
      const docMdp = docMdpOf(doc, f.sig, f.sigNum);
      return { f, br, docMdp };
    });
    prepared.sort((x, y) => (x.br.revision ?? x.f.seenIn) - (y.br.revision ?? y.f.seenIn));
    for (const p of prepared) {
      if (p.docMdp && !certification) certification = { permission: p.docMdp, revision: p.br.revision ?? p.f.seenIn };
    }
    const perRevision = new Map<number, ModificationEntry[]>();
    const changesAfter = (rev: number): ModificationEntry[] => {
      const out: ModificationEntry[] = [];
      for (let r = rev + 1; r < doc.revisions.length; r++) {
        checkTime();
        if (!perRevision.has(r)) {
          let entries: ModificationEntry[];
          try {
            entries = analyseRevision(doc, r, certification);
          } catch (e) {
            entries = [{ revision: r + 1, allowed: false, kind: 'unreadable-update', vi: 'Không đọc được một lần cập nhật sau khi ký (tệp bị hỏng).', en: `A later update cannot be read (${e instanceof Error ? e.message : String(e)}).` }];
          }
          perRevision.set(r, entries);
        }
        out.push(...perRevision.get(r)!);
      }
      return out;
    };
    const trailing = trailingData(doc);
    const firstGap = Math.min(doc.size, ...prepared.map((p) => (p.br.ranges && p.br.ranges[0] === 0 ? p.br.ranges[1] : doc.size)));
    const hasher = new RangeHasher(doc, firstGap);

    const signatures: SignatureReport[] = [];
    for (const [i, { f, br, docMdp }] of prepared.entries()) {
      checkTime();
      const subFilter = f.sig.get('SubFilter') instanceof PdfName ? (f.sig.get('SubFilter') as PdfName).name : null;
      const isTimestamp = f.sig.nameOf() === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161';
      const supported = subFilter === 'adbe.pkcs7.detached' || subFilter === 'ETSI.CAdES.detached' || subFilter === 'ETSI.RFC3161';
      const cms = br.ranges && br.contents && supported ? verifyCms(br.contents, hasher.contentOf(br.ranges), isTimestamp ? 'timestamp' : 'detached') : null;
      const claimed = isTimestamp ? (cms?.timestampGenTime ?? null) : pdfDate(f.sig.get('M'));
      const embedded = embeddedData(doc, cms?.embeddedRevocation ?? { crls: [], ocspResponses: [] });
      let signer: SignerChecks | null = null;
      let signerFailure: Check | null = null;
      try {
        signer = cms?.readable ? await checkSigner(cms, claimed, embedded, { ...options, now }) : null;
      } catch (e) {
        // A certificate damaged in ways the parsers only notice late: the signature is not valid, the check goes on.
        signerFailure = failed('SIGNER_CERT_UNREADABLE', 'Không kiểm tra được chứng thư của người ký vì dữ liệu bị hỏng.', `The signer's certificate could not be checked (${e instanceof Error ? e.message : String(e)}).`);
      }
      if (signer && isTimestamp && cms?.readable) {
        signer.signingTime.timestamp = cms.timestampGenTime?.toISOString() ?? null;
        signer.checks.timestamp = options.timestamps
          ? await documentTimestampCheck(options, br.contents!, embedded)
          : check('not_checked', 'TIMESTAMP_NOT_VALIDATED', 'Dấu thời gian tài liệu: đã kiểm tra tính toàn vẹn, chưa kiểm tra chứng thư của đơn vị cấp dấu thời gian.', 'Document timestamp: integrity checked; the TSA certificate was not checked.');
      }
      const missing = failed('NOT_CHECKED_INTEGRITY', 'Không kiểm tra được vì phạm vi được ký hoặc giá trị chữ ký hỏng.', 'Not checked: the signed range or the signature value is broken.');
      const unsupportedFilter = failed('SUBFILTER_UNSUPPORTED', `Kiểu chữ ký ${subFilter ?? '(không có /SubFilter)'} không được hỗ trợ hoặc đã lỗi thời (SHA-1).`, `Signature type ${subFilter ?? '(no /SubFilter)'} is unsupported or obsolete (SHA-1).`);
      const integrityFallback = signerFailure ?? (!supported ? unsupportedFilter : missing);
      const mods = br.revision !== null ? changesAfter(br.revision) : [];
      if (trailing) mods.push(trailing);
      const modsCheck = modificationsCheck(br.revision, mods);
      const checks: SignatureReport['checks'] = {
        byteRange: br.check,
        digest: cms ? (cms.readable ? cms.digest : cms.structure) : integrityFallback,
        signature: cms?.readable ? (cms.structure.status === 'failed' ? cms.structure : cms.signature) : (cms?.structure ?? integrityFallback),
        signedAttributes: cms?.readable ? cms.signedAttributes : (cms?.structure ?? integrityFallback),
        algorithms: cms?.readable ? cms.algorithms : supported ? unknown('ALGORITHM_UNKNOWN', 'Không xác định được thuật toán.', 'Unknown algorithm.') : unsupportedFilter,
        chain: signer?.checks.chain ?? integrityFallback,
        validityAtSigningTime: signer?.checks.validityAtSigningTime ?? integrityFallback,
        keyUsage: isTimestamp ? check('not_applicable', 'NOT_APPLICABLE', 'Không áp dụng cho dấu thời gian.', 'Not applicable to a timestamp.') : (signer?.checks.keyUsage ?? integrityFallback),
        revocation: signer?.checks.revocation ?? check('not_checked', 'REVOCATION_NOT_CHECKED', 'Tình trạng thu hồi: chưa kiểm tra (ngoại tuyến).', 'Revocation status: not checked (offline).'),
        timestamp: signer?.checks.timestamp ?? check('not_applicable', 'NOT_APPLICABLE', 'Không có dấu thời gian.', 'No timestamp.'),
        modifications: modsCheck,
      };
      const { verdict, reasons } = composeVerdict(checks);
      signatures.push({
        index: i + 1,
        fieldName: f.fieldName || null,
        kind: isTimestamp ? 'document-timestamp' : docMdp ? 'certification' : 'approval',
        subFilter,
        revision: br.revision !== null ? br.revision + 1 : null,
        byteRange: br.ranges ?? (Array.isArray(f.sig.get('ByteRange')) ? (f.sig.get('ByteRange') as PdfObject[]).map((x) => (typeof x === 'number' ? x : NaN)) : null),
        coversWholeFile: br.coversWholeFile,
        reason: text(f.sig.get('Reason')),
        location: text(f.sig.get('Location')),
        nameInDictionary: text(f.sig.get('Name')),
        docMdpPermission: docMdp,
        signer: signer?.signer ?? null,
        issuingCa: signer?.issuingCa ?? null,
        managingUnit: signer?.managingUnit ?? null,
        signingTime: signer?.signingTime ?? null,
        digestAlgorithm: cms?.digestAlgorithm ?? null,
        signatureAlgorithm: cms?.signatureAlgorithm ?? null,
        chain: signer?.chain ?? [],
        trustAnchor: signer?.trustAnchor ?? null,
        checks,
        modifications: mods,
        verdict,
        reasons,
      });
    }
    const summary = documentSummary(signatures);
    const notes: Check[] = [];
    if (!options.revocation && signatures.length > 0) notes.push(check('not_checked', 'REVOCATION_NOT_CHECKED', 'Tình trạng thu hồi chứng thư chưa được kiểm tra (ngoại tuyến).', 'Certificate revocation was not checked (offline).'));
    for (const s of options.trustStore.skipped) notes.push(check('not_checked', 'TRUST_FILE_SKIPPED', `Bỏ qua tệp chứng thư tin cậy không đọc được: ${s.file}.`, `Skipped an unreadable trust file: ${s.file}.`));
    return {
      file: path,
      fileSize: doc.size,
      sha256: hasher.fileSha256(),
      revisions: doc.revisions.length,
      signatures,
      verdict: summary.verdict,
      summaryVi: summary.vi,
      summaryEn: summary.en,
      verifiedAt: now.toISOString(),
      notes,
    };
  } finally {
    doc.close();
  }
}

async function documentTimestampCheck(options: VerifyPdfOptions, contents: Uint8Array, embedded: EmbeddedValidationData): Promise<Check> {
  const out = await options.timestamps!.validateDocumentTimestamp(contents, embedded);
  return check(out.status === 'valid' ? 'passed' : out.status === 'invalid' ? 'failed' : 'unknown', `TIMESTAMP_${out.status.toUpperCase()}`, out.vi, out.en);
}

function modificationsCheck(revision: number | null, mods: ModificationEntry[]): Check {
  if (revision === null) return unknown('MODIFICATIONS_UNKNOWN', 'Không xác định được phiên bản đã ký nên không phân tích được các thay đổi sau đó.', 'The signed revision is unknown, so later changes cannot be analysed.');
  const bad = mods.filter((m) => !m.allowed);
  if (bad.length > 0) {
    const list = bad.slice(0, 3).map((m) => m.vi).join(' ');
    const listEn = bad.slice(0, 3).map((m) => m.en).join(' ');
    return failed('MODIFIED_AFTER_SIGNING', `Tài liệu bị thay đổi không được phép sau khi ký: ${list}${bad.length > 3 ? ` (và ${bad.length - 3} thay đổi khác)` : ''}`, `The document was changed in ways not allowed after signing: ${listEn}${bad.length > 3 ? ` (and ${bad.length - 3} more)` : ''}`);
  }
  if (mods.length === 0) return passed('NO_CHANGES', 'Không có thay đổi nào sau khi ký.', 'No changes after signing.');
  return passed('ALLOWED_CHANGES_ONLY', `Sau khi ký chỉ có các thay đổi được phép (${mods.length}): thêm chữ ký, dữ liệu kiểm tra hiệu lực…`, `Only allowed changes after signing (${mods.length}): further signatures, validation data…`);
}
