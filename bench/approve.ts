/**
 * Batch approval in the core, without the browser: N plans imported, signed and submitted by the teacher,
 * then ONE `plans.approve` call (principal's signature + school seal on each, one token login) through the
 * same loopback API the renderer uses. bench/ui-batch.ts measures the same step from the click in the UI.
 *   npx tsx bench/approve.ts [--n 100] [--seal false] [--profile FILE.cpuprofile]
 * --profile records a V8 CPU profile of the approval call alone (open it in Chrome's DevTools).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { prepareWaitingPlans } from './support/waiting-plans';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const n = Number(opt('n', '100'));
const withSeal = opt('seal', 'true') !== 'false';
const profileFile = opt('profile', '');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-bench-approve-'));
const { api, documentIds, principal, close } = await prepareWaitingPlans(work, n);
try {
  const pLogin = await api<{ sessionId: string }>('tokens.login', { tokenId: principal.token.tokenId, pin: principal.pin });
  const person = principal.token.certificates.find((c) => c.info.holder !== 'organisation')!;
  const seal = principal.token.certificates.find((c) => c.info.holder === 'organisation')!;
  const signer = (certificateId: string) => ({ kind: 'token', sessionId: pLogin.sessionId, certificateId });
  const inspector = profileFile ? new Session() : null;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await api<Array<{ ok: boolean; error?: { messageEn: string } }>>('plans.approve', {
    documentIds,
    actorStaffId: principal.staffId,
    signing: { signer: signer(person.certificateId), placement: { page: 1, rect: [330, 60, 230, 90] }, ...(withSeal ? { seal: { signer: signer(seal.certificateId) } } : {}) },
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (inspector) {
    const { profile } = await inspector.post('Profiler.stop');
    fs.writeFileSync(profileFile, JSON.stringify(profile));
    inspector.disconnect();
  }
  const ok = results.filter((r) => r.ok).length;
  const firstError = results.find((r) => !r.ok)?.error?.messageEn;
  console.log(`batch approval of ${n} plans (${withSeal ? 'signature + seal' : 'signature only'}, one login), one plans.approve call: ${(ms / 1000).toFixed(2)} s wall, ` +
    `${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU in this process (the token worker is another), ${ok}/${n} approved${firstError ? ` (first error: ${firstError})` : ''}; load ${os.loadavg()[0]!.toFixed(1)}`);
} finally {
  await close();
  fs.rmSync(work, { recursive: true, force: true });
}
