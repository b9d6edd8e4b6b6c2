/**
 * The certificates the verifier trusts. Three sources, each anchor remembered with where it came from
 * and its SHA-256 fingerprint so that a report can say which anchor a chain ends in:
 *   - bundled: `resources/trust/` shipped with the app (see resources/trust/ANCHORS.md);
 *   - user:    `<dataDir>/trust/`, what the school imported;
 *   - explicit: files given for one check (`hosoky verify --trust CA.pem`).
 * In a folder, the files at its top are anchors; files under `intermediates/` are only used to build
 * chains (Vietnamese signers often embed only their own certificate) and are never trusted by themselves.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type TrustSource = 'bundled' | 'user' | 'explicit';

export interface StoredCertificate {
  certificate: x509.X509Certificate;
  der: Uint8Array;
  /** Hex upper case SHA-256 of the DER. */
  sha256Fingerprint: string;
  source: TrustSource;
  file: string;
}

export interface TrustStore {
  anchors: StoredCertificate[];
  intermediates: StoredCertificate[];
  /** Files that could not be read as certificates (a folder's broken file never stops verification). */
  skipped: Array<{ file: string; reason: string }>;
  anchorByFingerprint(sha256: string): StoredCertificate | undefined;
}

const CERT_EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.der', '.p7b', '.p7c']);

export const sha256Hex = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex').toUpperCase();

/** Every certificate in a PEM (one or many), DER, or PKCS#7 certificate bundle (.p7b, as rootca.gov.vn serves). */
export function readCertificates(bytes: Uint8Array): x509.X509Certificate[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('-----BEGIN')) {
    const blocks = text.match(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g) ?? [];
    const out: x509.X509Certificate[] = [];
    for (const block of blocks) {
      if (/BEGIN (PKCS7|CMS)/.test(block)) out.push(...new x509.X509Certificates(block));
      else if (/BEGIN (X509 |TRUSTED )?CERTIFICATE-----/.test(block)) out.push(new x509.X509Certificate(block));
    }
    return out;
  }
  try {
    return [new x509.X509Certificate(new Uint8Array(bytes))];
  } catch {
    return [...new x509.X509Certificates(new Uint8Array(bytes))];
  }
}

function entry(certificate: x509.X509Certificate, source: TrustSource, file: string): StoredCertificate {
  const der = new Uint8Array(certificate.rawData);
  return { certificate, der, sha256Fingerprint: sha256Hex(der), source, file };
}

function listCertificateFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && CERT_EXTENSIONS.has(path.extname(d.name).toLowerCase()))
      .map((d) => path.join(dir, d.name))
      .sort();
  } catch {
    return [];
  }
}

export interface TrustStoreSources {
  bundledDir?: string | null;
  userDir?: string | null;
  explicitFiles?: string[];
}

export function loadTrustStore(sources: TrustStoreSources): TrustStore {
  const anchors: StoredCertificate[] = [];
  const intermediates: StoredCertificate[] = [];
  const skipped: TrustStore['skipped'] = [];
  const seen = new Set<string>();
  const add = (list: StoredCertificate[], item: StoredCertificate) => {
    const key = `${list === anchors ? 'a' : 'i'}:${item.sha256Fingerprint}`;
    if (seen.has(key)) return;
    seen.add(key);
    list.push(item);
  };
  const readFolder = (dir: string | null | undefined, source: TrustSource) => {
    if (!dir) return;
    for (const [list, folder] of [
      [anchors, dir],
      [intermediates, path.join(dir, 'intermediates')],
    ] as const) {
      for (const file of listCertificateFiles(folder)) {
        try {
          for (const cert of readCertificates(fs.readFileSync(file))) add(list, entry(cert, source, file));
        } catch (e) {
          skipped.push({ file, reason: e instanceof Error ? e.message : String(e) });
        }
      }
    }
  };
  readFolder(sources.bundledDir, 'bundled');
  readFolder(sources.userDir, 'user');
  for (const file of sources.explicitFiles ?? []) {
    let certs: x509.X509Certificate[];
    try {
      certs = readCertificates(fs.readFileSync(file));
    } catch (e) {
      throw new AppError(
        'VERIFY_TRUST_FILE_INVALID',
        `Không đọc được chứng thư tin cậy trong tệp "${file}". Hãy chọn tệp chứng thư (.pem, .crt, .cer, .p7b) của CA.`,
        `Could not read a trusted certificate from "${file}". Choose a CA certificate file (.pem, .crt, .cer, .p7b).`,
        { file },
        { cause: e },
      );
    }
    if (certs.length === 0) {
      throw new AppError(
        'VERIFY_TRUST_FILE_INVALID',
        `Tệp "${file}" không chứa chứng thư số nào. Hãy chọn tệp chứng thư (.pem, .crt, .cer, .p7b) của CA.`,
        `"${file}" holds no certificate. Choose a CA certificate file (.pem, .crt, .cer, .p7b).`,
        { file },
      );
    }
    for (const cert of certs) add(anchors, entry(cert, 'explicit', file));
  }
  const byFingerprint = new Map(anchors.map((a) => [a.sha256Fingerprint, a]));
  return { anchors, intermediates, skipped, anchorByFingerprint: (fp) => byFingerprint.get(fp.toUpperCase()) };
}
