import { describe, it, expect } from 'vitest';
import { X509Certificate, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve('resources/trust');
interface Entry { file: string; role: 'root' | 'intermediate'; sha256: string; sha1?: string; issuer?: string; name: string }
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'anchors.json'), 'utf8')) as { anchors: Entry[] };

/** Fingerprints published in the team's reference (vn-domain.md §2), independent of the files. */
const PUBLISHED_SHA256 = new Set([
  'BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7',
  'F04BA4B459A7C9A1B971AD9B1CB833E695A80C79AEA63B174B66A70EDFE2FDB8',
  'D8CAB7A4AEF92E6BB2509D7C61CEE7B44F3731B2D21074963530277B366FAE4B',
]);
const PUBLISHED_SHA1 = new Set(['B5F411428E90466E99F4F2D31E394C1E7714D835']);

const load = (file: string) => new X509Certificate(fs.readFileSync(path.join(dir, file)));

describe('shipped Vietnamese trust anchors', () => {
  it('lists every certificate file in the folder, and nothing that is not there', () => {
    const onDisk = [
      ...fs.readdirSync(dir).filter((f) => /\.(pem|crt|cer|der)$/i.test(f)),
      ...fs.readdirSync(path.join(dir, 'intermediates')).map((f) => `intermediates/${f}`),
    ].sort();
    expect(manifest.anchors.map((a) => a.file).sort()).toEqual(onDisk);
  });

  it.each(manifest.anchors.map((a) => [a.file, a] as const))('%s has the fingerprint that was published for it', (_file, entry) => {
    const cert = load(entry.file);
    const sha256 = createHash('sha256').update(cert.raw).digest('hex').toUpperCase();
    expect(sha256).toBe(entry.sha256);
    const published = PUBLISHED_SHA256.has(sha256) || (entry.sha1 !== undefined && PUBLISHED_SHA1.has(createHash('sha1').update(cert.raw).digest('hex').toUpperCase()));
    expect(published).toBe(true);
  });

  it('roots are self-signed CAs and intermediates are signed by a shipped root', () => {
    const roots = manifest.anchors.filter((a) => a.role === 'root').map((a) => load(a.file));
    for (const root of roots) {
      expect(root.ca).toBe(true);
      expect(root.checkIssued(root)).toBe(true);
      expect(root.verify(root.publicKey)).toBe(true);
    }
    for (const entry of manifest.anchors.filter((a) => a.role === 'intermediate')) {
      const cert = load(entry.file);
      expect(cert.ca).toBe(true);
      expect(roots.some((r) => cert.checkIssued(r) && cert.verify(r.publicKey))).toBe(true);
    }
  });
});
