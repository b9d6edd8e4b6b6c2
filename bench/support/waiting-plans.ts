/**
 * What a batch-approval benchmark starts from: the end-to-end tests' SoftHSM2 tokens and test PKI, a dev
 * host on a fresh store, a preschool with a teacher and a principal, and N one-page plans imported,
 * signed and submitted by the teacher, all through the loopback API the renderer uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startDevHost } from '../../src/main/transports/dev-host';
import { makePlanPdf } from '../../tests/e2e/support/plans';

interface Prepared {
  dataDir: string;
  hsm: { dir: string; confPath: string; modulePath: string };
  tokens: { teacher: { label: string; pin: string }; principal: { label: string; pin: string } };
}
export interface TokenInfo {
  tokenId: string;
  label: string;
  certificates: Array<{ certificateId: string; info: { holder: string } }>;
}
export type Api = <T>(method: string, input: unknown) => Promise<T>;

export interface WaitingPlans {
  host: Awaited<ReturnType<typeof startDevHost>>;
  api: Api;
  documentIds: number[];
  principal: { staffId: number; token: TokenInfo; pin: string };
  /** Closes the host and removes the tokens' folder. */
  close(): Promise<void>;
}

export async function prepareWaitingPlans(work: string, n: number): Promise<WaitingPlans> {
  fs.mkdirSync(work, { recursive: true });
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'tests/e2e/support/prepare.ts', work], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`token preparation failed: ${out.stderr.slice(0, 300)}`);
  const prep = JSON.parse(out.stdout.trim().split('\n').pop()!) as Prepared;
  process.env.SOFTHSM2_CONF = prep.hsm.confPath;
  const host = await startDevHost({ dataDir: prep.dataDir });
  const close = async () => {
    await host.close();
    fs.rmSync(prep.hsm.dir, { recursive: true, force: true });
  };
  const api: Api = async <T>(method: string, input: unknown): Promise<T> => {
    const res = await fetch(`${host.bridge.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hosoky-secret': host.bridge.secret }, body: JSON.stringify(input) });
    const r = (await res.json()) as { ok: boolean; value: T; error?: { code: string; messageEn: string } };
    if (!r.ok) throw new Error(`${method}: ${r.error?.code} ${r.error?.messageEn}`);
    return r.value;
  };
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
    const list = await api<{ modules: Array<{ tokens: TokenInfo[] }> }>('tokens.list', {});
    const tokenOf = (label: string) => list.modules.flatMap((m) => m.tokens).find((t) => t.label === label)!;
    const tt = tokenOf(prep.tokens.teacher.label);
    const login = await api<{ sessionId: string }>('tokens.login', { tokenId: tt.tokenId, pin: prep.tokens.teacher.pin });
    for (const d of imported) await api('plans.submit', { documentId: d.documentId, actorStaffId: teacher.id, signing: { signer: { kind: 'token', sessionId: login.sessionId, certificateId: tt.certificates[0]!.certificateId } } });
    await api('tokens.logout', { sessionId: login.sessionId });
    return {
      host, api, close,
      documentIds: imported.map((d) => d.documentId),
      principal: { staffId: principal.id, token: tokenOf(prep.tokens.principal.label), pin: prep.tokens.principal.pin },
    };
  } catch (e) {
    await close();
    throw e;
  }
}
