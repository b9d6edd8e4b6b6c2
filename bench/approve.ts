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
import { spawnSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { startDevHost } from '../src/main/transports/dev-host';
import { makePlanPdf } from '../tests/e2e/support/plans';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const n = Number(opt('n', '100'));
const withSeal = opt('seal', 'true') !== 'false';
const profileFile = opt('profile', '');

interface Prepared {
  dataDir: string;
  hsm: { dir: string; confPath: string; modulePath: string };
  tokens: { teacher: { label: string; pin: string }; principal: { label: string; pin: string } };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-bench-approve-'));
const prepOut = spawnSync(process.execPath, ['--import', 'tsx', 'tests/e2e/support/prepare.ts', work], { encoding: 'utf8' });
if (prepOut.status !== 0) throw new Error(`token preparation failed: ${prepOut.stderr.slice(0, 500)}`);
const prep = JSON.parse(prepOut.stdout.trim().split('\n').pop()!) as Prepared;
process.env.SOFTHSM2_CONF = prep.hsm.confPath;
const host = await startDevHost({ dataDir: prep.dataDir });
const api = async <T>(method: string, input: unknown): Promise<T> => {
  const res = await fetch(`${host.bridge.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hosoky-secret': host.bridge.secret }, body: JSON.stringify(input) });
  const r = (await res.json()) as { ok: boolean; value: T; error?: { code: string; messageEn: string } };
  if (!r.ok) throw new Error(`${method}: ${r.error?.code} ${r.error?.messageEn}`);
  return r.value;
};
type TokenList = { modules: Array<{ tokens: Array<{ tokenId: string; label: string; certificates: Array<{ certificateId: string; info: { holder: string } }> }> }> };

try {
  await api('settings.update', { tokenModulePaths: [prep.hsm.modulePath] });
  await api('records.setSchool', { name: 'Trường Mầm non Hoa Sen', managingUnit: 'Phòng GD&ĐT', level: 'mam_non' });
  const year = await api<{ id: number }>('records.addSchoolYear', { name: '2025-2026' });
  const teacher = await api<{ id: number }>('staff.save', { staff: { fullName: 'Nguyễn Thị Hoa', roles: ['teacher'], cccd: '031190001234' } });
  const principal = await api<{ id: number }>('staff.save', { staff: { fullName: 'Lê Thị Thu Hương', roles: ['principal'], cccd: '031178009876', position: 'Hiệu trưởng' } });
  const tree = await api<Array<{ id: number; code: string | null }>>('records.tree', { schoolYearId: year.id });
  const folder = tree.find((f) => f.code === 'mn.giao_duc')!;
  const plansDir = path.join(work, 'batch-plans');
  fs.mkdirSync(plansDir);
  const files: string[] = [];
  for (let i = 1; i <= n; i++) files.push(await makePlanPdf(path.join(plansDir, `Kế hoạch giáo dục số ${i}.pdf`), `Kế hoạch giáo dục số ${i}`, 'Nguyễn Thị Hoa', 1));
  const imported = await api<Array<{ ok: boolean; documentId: number }>>('records.import', { paths: files, folderId: folder.id, ownerStaffId: teacher.id, actorStaffId: teacher.id });
  const list = await api<TokenList>('tokens.list', {});
  const tokenOf = (label: string) => list.modules.flatMap((m) => m.tokens).find((t) => t.label === label)!;
  const tt = tokenOf(prep.tokens.teacher.label);
  const tLogin = await api<{ sessionId: string }>('tokens.login', { tokenId: tt.tokenId, pin: prep.tokens.teacher.pin });
  for (const d of imported) await api('plans.submit', { documentId: d.documentId, actorStaffId: teacher.id, signing: { signer: { kind: 'token', sessionId: tLogin.sessionId, certificateId: tt.certificates[0]!.certificateId } } });
  await api('tokens.logout', { sessionId: tLogin.sessionId });

  const pt = tokenOf(prep.tokens.principal.label);
  const pLogin = await api<{ sessionId: string }>('tokens.login', { tokenId: pt.tokenId, pin: prep.tokens.principal.pin });
  const person = pt.certificates.find((c) => c.info.holder !== 'organisation')!;
  const seal = pt.certificates.find((c) => c.info.holder === 'organisation')!;
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
    documentIds: imported.map((d) => d.documentId),
    actorStaffId: principal.id,
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
  await host.close();
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(prep.hsm.dir, { recursive: true, force: true });
}
