/**
 * The token layer as the rest of the app uses it. From another domain's handler:
 *   const signer = await resolveSigner(ctx, input.signer);   // SignerRef from the contract
 * or `tokenService(ctx).getSigner(sessionId, certificateId)`, `openP12Signer(path, password)`,
 * `demoSigner(ctx)`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SignerRef } from '../../../shared/contract/tokens';
import { AppError } from '../../core/errors';
import { createDemoIdentity, demoSignerFrom, type DemoIdentity } from '../../core/signing/demo-signer';
import type { Signer } from '../../core/signing/signer';
import { writeFileAtomic } from '../../infra/fs/atomic-write';
import { hostProbe, windowsCspImagePaths } from '../../infra/pkcs11/host-probe';
import { TokenManager } from '../../infra/pkcs11/token-manager';
import { defineService, type AppContext } from '../context';
import { settingsService } from './settings';

export const tokenService = defineService(
  (ctx) =>
    new TokenManager({
      probe: hostProbe(),
      cspImagePaths: windowsCspImagePaths,
      settingsModulePaths: async () => (await settingsService(ctx).get()).tokenModulePaths,
      idleMinutes: async () => (await settingsService(ctx).get()).sessionIdleMinutes,
      emit: (name, payload) => ctx.events.emit(name, payload),
    }),
  (s) => s.close(),
);

/** Opens a .p12/.pfx file; the password is used once and not kept. */
export async function openP12Signer(filePath: string, password: string): Promise<Signer> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(filePath);
  } catch (e) {
    throw new AppError(
      'P12_FILE_NOT_FOUND',
      `Không mở được tệp chứng thư số "${filePath}". Hãy kiểm tra tệp còn đó và bạn có quyền đọc.`,
      `Cannot open the certificate file "${filePath}". Check that it exists and is readable.`,
      { path: filePath },
      { cause: e },
    );
  }
  // Loaded on use: pkijs and node-forge are not needed to list tokens (a quick command).
  const { openP12Signer: p12SignerFromBytes } = await import('../../core/signing/p12-signer');
  return p12SignerFromBytes(bytes, password);
}

const demoFiles = new Map<string, Promise<DemoIdentity>>();

/** The demo profile's signer: its certificate is made once into `<dataDir>/demo/` and reused. */
export async function demoSigner(ctx: AppContext): Promise<Signer> {
  const file = path.join(ctx.options.dataDir, 'demo', 'demo-identity.json');
  let identity = demoFiles.get(file);
  if (!identity) {
    identity = loadOrCreateDemoIdentity(file);
    demoFiles.set(file, identity);
    identity.catch(() => demoFiles.delete(file));
  }
  return demoSignerFrom(await identity);
}

async function loadOrCreateDemoIdentity(file: string): Promise<DemoIdentity> {
  try {
    const stored = JSON.parse(await fs.promises.readFile(file, 'utf8')) as { certificate: string; privateKeyPkcs8: string };
    return { certificate: new Uint8Array(Buffer.from(stored.certificate, 'base64')), privateKeyPkcs8: new Uint8Array(Buffer.from(stored.privateKeyPkcs8, 'base64')) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const identity = await createDemoIdentity();
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(
    file,
    JSON.stringify({
      note: 'Chứng thư DEMO của Hồ Sơ Ký: KHÔNG CÓ GIÁ TRỊ PHÁP LÝ / demo certificate, no legal value',
      certificate: Buffer.from(identity.certificate).toString('base64'),
      privateKeyPkcs8: Buffer.from(identity.privateKeyPkcs8).toString('base64'),
    }),
  );
  await fs.promises.chmod(file, 0o600).catch(() => undefined);
  return identity;
}

/** The one way other domains turn a SignerRef (from their API input) into a Signer. */
export async function resolveSigner(ctx: AppContext, ref: SignerRef): Promise<Signer> {
  switch (ref.kind) {
    case 'token':
      return tokenService(ctx).getSigner(ref.sessionId, ref.certificateId);
    case 'p12':
      return openP12Signer(ref.path, ref.password);
    case 'demo':
      return demoSigner(ctx);
  }
}
