/**
 * One signing in a fresh process, for bench/sign.ts: prints the stage timings and how far the peak RSS
 * rose above the peak reached after loading the code (so the figure is what signing itself costs);
 * with `--warm N`, also the stage timings of the median of N more signings in the same process.
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
  const rssDeltaKb = process.resourceUsage().maxRSS - baseline;
  // --warm N: then N more signings of the same file in this process, as in the app once it has signed
  // before (modules compiled, certificate parsed): the stages of the run with the median total.
  const warm = process.argv.indexOf('--warm');
  const rounds = warm >= 0 ? Number(process.argv[warm + 1]) : 0;
  const runs: (typeof r.timings)[] = [];
  for (let i = 0; i < rounds; i++) runs.push((await signPdf({ input, output, signer, writeFile: withTempFile, placement: 'invisible', reason: 'bench' })).timings);
  const warmTimings = rounds > 0 ? [...runs].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(runs.length / 2)] : null;
  console.log(JSON.stringify({ timings: r.timings, warmTimings, rssDeltaKb, baselineKb: baseline }));
}
main();
