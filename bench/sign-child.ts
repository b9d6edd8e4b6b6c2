/**
 * One signing in a fresh process, for bench/sign.ts: prints the stage timings and how far the peak RSS
 * rose above the peak reached after loading the code (so the figure is what signing itself costs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import { createSoftwareSigner } from '../src/main/core/signing/software-signer';
import { signPdf } from '../src/main/core/pdf/sign';
import { withTempFile } from '../src/main/infra/fs/atomic-write';

async function main(): Promise<void> {
  const [input, output, pkiDir] = process.argv.slice(2) as [string, string, string];
  const pem = fs.readFileSync(path.join(pkiDir, 'teacher.key.pem'), 'utf8');
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const privateKey = await webcrypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  const signer = createSoftwareSigner({ privateKey, certificate: fs.readFileSync(path.join(pkiDir, 'teacher.der')), chain: [fs.readFileSync(path.join(pkiDir, 'caGov.der'))], source: 'p12' });
  // Warm the code paths once on a tiny run? No: the first signature is what a user waits for.
  const baseline = process.resourceUsage().maxRSS;
  const r = await signPdf({ input, output, signer, writeFile: withTempFile, placement: 'invisible', reason: 'bench' });
  console.log(JSON.stringify({ timings: r.timings, rssDeltaKb: process.resourceUsage().maxRSS - baseline, baselineKb: baseline }));
}
main();
