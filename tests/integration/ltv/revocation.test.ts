import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import { startPkiServices, type PkiServices } from '../../support/pki-services';
import { ltvService } from '../../../src/main/api/services/ltv';
import type { PdfVerificationReport } from '../../../src/shared/contract/verify';
import type { LtvUpgradeResult } from '../../../src/shared/contract/ltv';
import { makeWorld, sign, type LtvWorld } from './support';

let svc: PkiServices;
let w: LtvWorld;

beforeAll(async () => {
  svc = await startPkiServices();
  w = await makeWorld(svc, 'hosoky-ltv-rev-');
});
afterAll(async () => {
  await w?.close();
  await svc?.stop();
});

/** pdf.verify through the API: the LTV service supplies revocation (online allowed) and timestamp checks. */
async function verify(file: string): Promise<PdfVerificationReport> {
  const r = await w.app.server.call('pdf.verify', { path: file });
  if (!r.ok) throw new Error(r.error.messageEn);
  return r.value as PdfVerificationReport;
}

describe('a revoked certificate, judged at the time proven by a timestamp', () => {
  it('revoked after the timestamped signing time: the signature stays valid, also from the embedded data alone', async () => {
    svc.set('all', 'up');
    const signed = path.join(w.dir, 'after.pdf');
    await sign(w.plan, signed, svc.pki.revoked, svc.pki.caGov, ltvService(w.app.ctx).signatureTimestamper().hook);
    // Revoked strictly after the TSA's genTime (which has one-second precision).
    await new Promise((r) => setTimeout(r, 1200));
    await svc.revoke(svc.pki.revoked, new Date());
    const report = await verify(signed);
    const s = report.signatures[0]!;
    expect(s.signingTime?.usedSource).toBe('timestamp');
    expect(s.checks.revocation).toMatchObject({ status: 'passed', code: 'CERT_REVOKED_AFTER_SIGNING' });
    expect(s.checks.revocation.vi).toContain('sau thời điểm ký');
    expect(report.verdict).toBe('valid');

    // Upgraded now (the responder already says "revoked"), then checked with the network gone.
    const up = await w.app.server.call('ltv.upgrade', { input: signed, output: path.join(w.dir, 'after-lta.pdf'), level: 'B-LTA' });
    expect(up.ok && (up.value as LtvUpgradeResult).level).toBe('B-LTA');
    svc.set('all', 'down');
    const offline = await verify(path.join(w.dir, 'after-lta.pdf'));
    const o = offline.signatures.find((x) => x.kind === 'approval')!;
    expect(o.checks.revocation).toMatchObject({ status: 'passed', code: 'CERT_REVOKED_AFTER_SIGNING' });
    expect(offline.verdict).toBe('valid');
    svc.set('all', 'up');
  });

  it('revoked before the timestamped signing time: the signature is invalid and the report says so', async () => {
    svc.set('all', 'up');
    await svc.revoke(svc.pki.revoked, new Date(Date.now() - 3600_000));
    const signed = path.join(w.dir, 'before.pdf');
    await sign(w.plan, signed, svc.pki.revoked, svc.pki.caGov, ltvService(w.app.ctx).signatureTimestamper().hook);
    const report = await verify(signed);
    const s = report.signatures[0]!;
    expect(s.signingTime?.usedSource).toBe('timestamp');
    expect(s.checks.revocation.status).toBe('failed');
    expect(s.checks.revocation.vi).toContain('trước thời điểm ký');
    expect(report.verdict).toBe('invalid');
  });
});
