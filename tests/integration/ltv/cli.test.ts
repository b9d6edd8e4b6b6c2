import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startPkiServices, type PkiServices } from '../../support/pki-services';
import { main as cli } from '../../../src/main/cli/index';
import { makeWorld, pdfsigSignatures, type LtvWorld } from './support';

let svc: PkiServices;
let w: LtvWorld;
let p12: string;

beforeAll(async () => {
  svc = await startPkiServices();
  w = await makeWorld(svc, 'hosoky-ltv-cli-');
  const keyFile = path.join(w.dir, 'teacher.key.pem');
  const certFile = path.join(w.dir, 'teacher.pem');
  fs.writeFileSync(keyFile, svc.pki.teacher.keyPem);
  fs.writeFileSync(certFile, `${svc.pki.teacher.pem.trim()}\n${svc.pki.caGov.pem.trim()}\n`);
  p12 = path.join(w.dir, 'teacher.p12');
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', keyFile, '-in', certFile, '-out', p12, '-passout', 'pass:matkhau123']);
});
afterAll(async () => {
  await w?.close();
  await svc?.stop();
});

function io() {
  const out: string[] = [];
  return {
    out,
    io: { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), readStdin: async () => '', env: { HOSOKY_DATA: w.app.ctx.options.dataDir, HOSOKY_PIN: 'matkhau123' } },
  };
}

describe('hosoky sign --level / --tsa and hosoky ltv', () => {
  it('signs at B-LTA with a TSA given on the command line, and reports the level', async () => {
    svc.set('all', 'up');
    const out = path.join(w.dir, 'cli-lta.pdf');
    const a = io();
    const code = await cli(['sign', w.plan, '-o', out, '--p12', p12, '--pin-env', 'HOSOKY_PIN', '--level', 'B-LTA', '--tsa', svc.tsaUrl], a.io);
    expect(code, a.out.join('\n')).toBe(0);
    expect(a.out.join('\n')).toContain('Mức PAdES / level: B-LTA');
    const sigs = await pdfsigSignatures(out, w.nss);
    expect(sigs.map((s) => s.valid && s.trusted)).toEqual([true]);
    const b = io();
    expect(await cli(['ltv', 'level', out], b.io)).toBe(0);
    expect(b.out.join('\n')).toMatch(/level: B-LTA — 1 chữ ký, 1 dấu thời gian chữ ký, 1 dấu thời gian tài liệu, DSS: có/);
    const v = io();
    expect(await cli(['verify', out, '--trust', w.rootPem], v.io)).toBe(0);
    expect(v.out.join('\n')).toContain('Mức hiệu lực dài hạn (PAdES) / long-term level: B-LTA');
  });

  it('offline: signs at B-B, queues, and "hosoky ltv run" finishes the job when the network is back', async () => {
    svc.set('all', 'down');
    const out = path.join(w.dir, 'cli-offline.pdf');
    const a = io();
    expect(await cli(['sign', w.plan, '-o', out, '--p12', p12, '--pin-env', 'HOSOKY_PIN', '--level', 'B-LT'], a.io)).toBe(0);
    const text = a.out.join('\n');
    expect(text).toContain('Mức PAdES / level: B-B (cần / wanted B-LT)');
    expect(text).toContain('Đã đưa vào hàng đợi');
    const stillOffline = io();
    expect(await cli(['ltv', 'run'], stillOffline.io)).toBe(1);
    svc.set('all', 'up');
    const run = io();
    expect(await cli(['ltv', 'run', '--json'], run.io)).toBe(0);
    const summary = JSON.parse(run.out.join(''));
    expect(summary.value.completed).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(path.join(w.dir, 'cli-offline.B-LT.pdf'))).toBe(true);
  });
});
