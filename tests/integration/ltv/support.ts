/** Shared by the LTV integration tests: an app on a temp data folder, signing, and the independent checks. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/main/api';
import { signPdf } from '../../../src/main/core/pdf/sign';
import { createSoftwareSigner } from '../../../src/main/core/signing/software-signer';
import { withTempFile } from '../../../src/main/infra/fs/atomic-write';
import { PdfDocument, signatureFields } from '../../../src/main/core/pdf/parser';
import { findSignatures } from '../../../src/main/core/ltv/pdf-signatures';
import { makeBasePdf } from '../../support/pdf-attacks';
import { nssTrusting, pdfsig, qpdfCheck } from '../../support/pdf-check';
import type { Identity } from '../../support/pki';
import type { PkiServices } from '../../support/pki-services';

const exec = promisify(execFile);

export interface LtvWorld {
  dir: string;
  app: App;
  nss: string;
  rootPem: string;
  plan: string;
  close(): Promise<void>;
}

/** A data folder whose user trust store holds the test root, settings pointing at the loopback TSA. */
export async function makeWorld(svc: PkiServices, prefix: string): Promise<LtvWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(dir, 'data');
  const app = createApp({ dataDir, host: 'bridge', version: 'test' });
  const rootPem = path.join(dir, 'root.pem');
  fs.writeFileSync(rootPem, svc.pki.root.pem);
  const added = await app.server.call('trust.add', { path: rootPem });
  if (!added.ok) throw new Error(added.error.messageEn);
  const set = await app.server.call('settings.update', { tsaUrl: svc.tsaUrl });
  if (!set.ok) throw new Error(set.error.messageEn);
  const plan = path.join(dir, 'ke-hoach.pdf');
  await makeBasePdf(plan);
  return {
    dir,
    app,
    nss: nssTrusting(path.join(dir, 'nss'), svc.pki.root.pem),
    rootPem,
    plan,
    async close() {
      await app.ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function sign(input: string, output: string, who: Identity, issuer: Identity, timestamp?: (v: Uint8Array) => Promise<Uint8Array | null>) {
  const signer = createSoftwareSigner({ privateKey: who.keys.privateKey, certificate: who.der, chain: [issuer.der], source: 'p12' });
  return signPdf({ input, output, signer, writeFile: withTempFile, placement: 'invisible', reason: 'Trình kế hoạch giáo dục', ...(timestamp ? { timestamp } : {}) });
}

/** pdfsig on every PAdES signature (it cannot validate RFC 3161 document timestamps: "Signature Type: unknown"). */
export async function pdfsigSignatures(file: string, nss: string) {
  const all = await pdfsig(file, nss);
  return all.filter((s) => /Signature Type: ETSI\.CAdES\.detached/.test(s.text));
}

/**
 * Checks each document timestamp with OpenSSL, independently of our code: the token's imprint must be
 * the SHA-256 of the bytes its ByteRange covers, and its signature must chain to the test root.
 */
export async function opensslVerifyDocumentTimestamps(file: string, rootPem: string): Promise<number> {
  const bytes = fs.readFileSync(file);
  const doc = PdfDocument.open(file);
  let checked = 0;
  try {
    for (const ts of findSignatures(doc).filter((s) => s.kind === 'document-timestamp')) {
      const dict = doc.dict(signatureFields(doc).find((f) => f.name === ts.field)?.value)!;
      const br = (doc.resolve(dict.get('ByteRange')) as number[]).map(Number);
      const covered = Buffer.concat([bytes.subarray(br[0]!, br[0]! + br[1]!), bytes.subarray(br[2]!, br[2]! + br[3]!)]);
      const tokenFile = path.join(path.dirname(file), `.token-${checked}.der`);
      const dataFile = path.join(path.dirname(file), `.data-${checked}.bin`);
      fs.writeFileSync(tokenFile, ts.cms);
      fs.writeFileSync(dataFile, covered);
      try {
        const { stdout } = await exec('openssl', ['ts', '-verify', '-in', tokenFile, '-token_in', '-data', dataFile, '-CAfile', rootPem], { timeout: 30_000 });
        if (!/Verification: OK/.test(stdout)) throw new Error(`openssl ts -verify: ${stdout}`);
      } finally {
        fs.rmSync(tokenFile, { force: true });
        fs.rmSync(dataFile, { force: true });
      }
      checked++;
    }
  } finally {
    doc.close();
  }
  return checked;
}

export { qpdfCheck };
