/**
 * The school's own trust anchors in `<dataDir>/trust/` (intermediates in `trust/intermediates/`), next
 * to the bundled ones in resources/trust. Reading goes through the verifier's trust store, so what is
 * listed here is exactly what verification trusts. Files are stored as `<SHA-256>.pem`.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/errors';
import { loadTrustStore, readCertificates, sha256Hex, type StoredCertificate } from '../../core/pki/trust-store';
import { writeFileAtomic } from '../../infra/fs/atomic-write';
import { bundledTrustDir } from '../handlers/pdf-verify';
import type { TrustAddResult, TrustAnchorInfo } from '../../../shared/contract/trust';

interface Published {
  sha256: string;
  name: string;
}

/** Names of published fingerprints (shipped and not-found lists of anchors.json). */
function publishedFingerprints(bundledDir: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!bundledDir) return out;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(bundledDir, 'anchors.json'), 'utf8')) as { anchors?: Published[]; notFound?: Partial<Published>[] };
    for (const e of [...(manifest.anchors ?? []), ...(manifest.notFound ?? [])]) if (e.sha256 && e.name) out.set(e.sha256.toUpperCase(), e.name);
  } catch {
    // No manifest: names are simply not shown.
  }
  return out;
}

export class TrustAnchors {
  readonly userDir: string;
  private readonly bundledDir = bundledTrustDir();

  constructor(dataDir: string) {
    this.userDir = path.join(dataDir, 'trust');
  }

  list(): TrustAnchorInfo[] {
    const store = loadTrustStore({ bundledDir: this.bundledDir, userDir: this.userDir });
    const published = publishedFingerprints(this.bundledDir);
    const info = (c: StoredCertificate, role: TrustAnchorInfo['role']): TrustAnchorInfo => ({
      sha256: c.sha256Fingerprint,
      subject: c.certificate.subject,
      issuer: c.certificate.issuer,
      notBefore: c.certificate.notBefore.toISOString(),
      notAfter: c.certificate.notAfter.toISOString(),
      role,
      source: c.source === 'bundled' ? 'bundled' : 'user',
      file: c.file,
      publishedAs: published.get(c.sha256Fingerprint) ?? null,
    });
    return [...store.anchors.map((c) => info(c, 'anchor')), ...store.intermediates.map((c) => info(c, 'intermediate'))];
  }

  async add(input: { path?: string | undefined; certificate?: string | undefined; as?: 'anchor' | 'intermediate' | undefined }): Promise<TrustAddResult> {
    let bytes: Uint8Array;
    if (input.path) {
      try {
        bytes = fs.readFileSync(input.path);
      } catch (e) {
        throw new AppError('TRUST_FILE_UNREADABLE', `Không đọc được tệp "${input.path}". Hãy kiểm tra lại đường dẫn.`, `Cannot read "${input.path}". Check the path.`, { path: input.path }, { cause: e });
      }
    } else {
      const text = input.certificate ?? '';
      bytes = text.includes('-----BEGIN') ? Buffer.from(text, 'utf8') : Buffer.from(text.replace(/\s+/g, ''), 'base64');
    }
    let certs: x509.X509Certificate[] = [];
    try {
      certs = readCertificates(bytes);
    } catch {
      certs = [];
    }
    if (certs.length === 0) {
      throw new AppError('TRUST_NOT_A_CERTIFICATE', 'Tệp không chứa chứng thư số nào. Hãy chọn tệp chứng thư của CA (.crt, .cer, .pem, .der, .p7b).', 'No certificate found. Choose a CA certificate file (.crt, .cer, .pem, .der, .p7b).');
    }
    const present = new Map(this.list().map((a) => [a.sha256 + a.role, a]));
    const result: TrustAddResult = { added: [], alreadyPresent: [], warnings: [] };
    for (const cert of certs) {
      const bc = cert.getExtension(x509.BasicConstraintsExtension);
      if (!bc?.ca) {
        throw new AppError(
          'TRUST_NOT_A_CA',
          `"${cert.subject}" là chứng thư của người ký, không phải của CA. Chỉ thêm chứng thư của CA (gốc hoặc trung gian).`,
          `"${cert.subject}" is a signer's certificate, not a CA's. Add only CA certificates (root or intermediate).`,
        );
      }
      const selfSigned = cert.subject === cert.issuer && (await cert.verify({ signatureOnly: true }).catch(() => false));
      const role = input.as ?? (selfSigned ? 'anchor' : 'intermediate');
      const sha = sha256Hex(new Uint8Array(cert.rawData));
      const existing = present.get(sha + role);
      if (existing) {
        result.alreadyPresent.push(existing);
        continue;
      }
      if (role === 'anchor' && !selfSigned) {
        result.warnings.push({
          message: `"${cert.subject}" không phải chứng thư gốc (tự ký); nó được tin cậy trực tiếp theo lựa chọn của bạn.`,
          messageEn: `"${cert.subject}" is not a self-signed root; it is trusted directly as you chose.`,
        });
      }
      if (cert.notAfter < new Date()) {
        result.warnings.push({ message: `"${cert.subject}" đã hết hạn ngày ${cert.notAfter.toISOString().slice(0, 10)}; chỉ dùng để kiểm tra chữ ký cũ.`, messageEn: `"${cert.subject}" expired on ${cert.notAfter.toISOString().slice(0, 10)}; it only serves to check old signatures.` });
      }
      const dir = role === 'anchor' ? this.userDir : path.join(this.userDir, 'intermediates');
      fs.mkdirSync(dir, { recursive: true });
      await writeFileAtomic(path.join(dir, `${sha}.pem`), cert.toString('pem') + '\n');
    }
    const after = this.list();
    for (const cert of certs) {
      const sha = sha256Hex(new Uint8Array(cert.rawData));
      const added = after.find((a) => a.sha256 === sha && a.source === 'user' && !result.alreadyPresent.some((p) => p.sha256 === sha));
      if (added && !result.added.includes(added)) result.added.push(added);
    }
    return result;
  }

  remove(sha256: string): TrustAnchorInfo {
    const fp = sha256.replace(/:/g, '').toUpperCase();
    const matches = this.list().filter((a) => a.sha256 === fp);
    if (matches.length === 0) {
      throw new AppError('TRUST_NOT_FOUND', 'Không có chứng thư tin cậy nào có dấu vân tay này.', 'No trusted certificate has this fingerprint.', { sha256: fp });
    }
    const user = matches.filter((a) => a.source === 'user');
    if (user.length === 0) {
      throw new AppError(
        'TRUST_BUNDLED_NOT_REMOVABLE',
        'Chứng thư này đi kèm phần mềm (chứng thư gốc quốc gia hoặc của Ban Cơ yếu) nên không thể xoá.',
        'This certificate ships with the app (a national or Government Cipher Committee root) and cannot be removed.',
        { sha256: fp },
      );
    }
    for (const a of user) fs.rmSync(a.file, { force: true });
    return user[0]!;
  }
}
