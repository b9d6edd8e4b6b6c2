import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startPkiServices, type PkiServices } from '../../support/pki-services';
import { ltvService } from '../../../src/main/api/services/ltv';
import { upgradePdf } from '../../../src/main/core/ltv/upgrade';
import { verifyPdf } from '../../../src/main/core/pdf/verify/verify-pdf';
import { loadTrustStore } from '../../../src/main/core/pki/trust-store';
import { createRevocationChecker } from '../../../src/main/core/ltv/revocation';
import { createTimestampValidator } from '../../../src/main/core/ltv/timestamp-validator';
import { main as cli } from '../../../src/main/cli/index';
import type { LtvQueueItem, LtvStatus, LtvUpgradeResult } from '../../../src/shared/contract/ltv';
import { makeWorld, opensslVerifyDocumentTimestamps, pdfsigSignatures, qpdfCheck, sign, type LtvWorld } from './support';

let svc: PkiServices;
let w: LtvWorld;

beforeAll(async () => {
  svc = await startPkiServices();
  w = await makeWorld(svc, 'hosoky-ltv-up-');
});
afterAll(async () => {
  await w?.close();
  await svc?.stop();
});

/** Every earlier byte kept, pdfsig valid + trusted for every PAdES signature, qpdf clean, doc timestamps OK in OpenSSL. */
async function checkIndependently(file: string, previous: Buffer, signatures: number) {
  const bytes = fs.readFileSync(file);
  expect(bytes.length).toBeGreaterThan(previous.length);
  expect(bytes.subarray(0, previous.length).equals(previous)).toBe(true);
  const sigs = await pdfsigSignatures(file, w.nss);
  expect(sigs).toHaveLength(signatures);
  for (const s of sigs) {
    expect(s.valid, s.text).toBe(true);
    expect(s.trusted, s.text).toBe(true);
  }
  expect((await qpdfCheck(file)).code).toBe(0);
  await opensslVerifyDocumentTimestamps(file, w.rootPem);
  return bytes;
}

const call = async <T>(name: string, input: unknown): Promise<T> => {
  const r = await w.app.server.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.messageEn}`);
  return r.value as T;
};

/** The verifier as a school uses it offline, with only what the file carries. */
async function verifyOffline(file: string) {
  const trustStore = loadTrustStore({ explicitFiles: [w.rootPem] });
  const revocation = createRevocationChecker({ network: null });
  return verifyPdf(file, { trustStore, revocation, timestamps: createTimestampValidator({ trustStore, revocation }) });
}

describe('long-term validation of signed plans', () => {
  it('online signing gets a signature timestamp and reaches B-LTA step by step, each step an incremental update that pdfsig still accepts', async () => {
    svc.set('all', 'up');
    const signed = path.join(w.dir, 'online-signed.pdf');
    const stamper = ltvService(w.app.ctx).signatureTimestamper();
    await sign(w.plan, signed, svc.pki.teacher, svc.pki.caGov, stamper.hook);
    expect(stamper.lastFailure()).toBeNull();
    expect((await call<{ level: string }>('ltv.level', { path: signed })).level).toBe('B-T');
    let previous = await checkIndependently(signed, fs.readFileSync(w.plan), 1);

    const lt = await call<LtvUpgradeResult>('ltv.upgrade', { input: signed, output: path.join(w.dir, 'online-lt.pdf'), level: 'B-LT' });
    expect(lt).toMatchObject({ levelBefore: 'B-T', level: 'B-LT', steps: ['dss'], error: null, queued: null });
    previous = await checkIndependently(lt.output, previous, 1);

    const lta = await call<LtvUpgradeResult>('ltv.upgrade', { input: lt.output, output: path.join(w.dir, 'online-lta.pdf'), level: 'B-LTA' });
    expect(lta).toMatchObject({ levelBefore: 'B-LT', level: 'B-LTA', steps: ['archive-timestamp'], error: null });
    await checkIndependently(lta.output, previous, 1);
    expect(await opensslVerifyDocumentTimestamps(lta.output, w.rootPem)).toBe(1);

    // Years later, offline: the file alone proves the signature, its time, and that nothing was revoked.
    const report = await verifyOffline(lta.output);
    expect(report.verdict).toBe('valid');
    const teacher = report.signatures.find((s) => s.kind === 'approval')!;
    expect(teacher.signingTime?.usedSource).toBe('timestamp');
    expect(teacher.checks.revocation.status).toBe('passed');
    expect(teacher.checks.revocation.vi).toContain('dữ liệu kèm trong tệp');
    expect(teacher.checks.timestamp.status).toBe('passed');
    // The signed input is never modified.
    expect(fs.readFileSync(signed).equals(fs.readFileSync(path.join(w.dir, 'online-signed.pdf')))).toBe(true);
  });

  it('offline signing is B-B at once, is queued, and completes to B-LTA when the services come back', async () => {
    svc.set('all', 'down');
    const events: LtvQueueItem[] = [];
    const unsubscribe = w.app.ctx.events.subscribe((name, payload) => name === 'ltv.queueChanged' && events.push((payload as { item: LtvQueueItem }).item));
    const signed = path.join(w.dir, 'offline-signed.pdf');
    const stamper = ltvService(w.app.ctx).signatureTimestamper();
    const started = Date.now();
    await sign(w.plan, signed, svc.pki.principal, svc.pki.caGov, stamper.hook);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(stamper.lastFailure()?.code).toBe('NET_UNREACHABLE');

    const attempt = await call<LtvUpgradeResult>('ltv.upgrade', { input: signed, level: 'B-LTA' });
    expect(attempt.level).toBe('B-B');
    expect(attempt.error?.code).toBe('NET_UNREACHABLE');
    expect(attempt.error?.message).toContain('Không kết nối được');
    expect(attempt.queued).toMatchObject({ state: 'waiting', levelNow: 'B-B', wantedLevel: 'B-LTA', attempts: 0 });
    const output = attempt.queued!.output;
    expect(output).toBe(path.join(w.dir, 'offline-signed.B-LTA.pdf'));

    // Still offline: a try fails again and backs off; the status says why, in Vietnamese.
    const again = await call<{ stillWaiting: number; items: LtvQueueItem[] }>('ltv.run', {});
    expect(again.stillWaiting).toBeGreaterThanOrEqual(1);
    const lines: string[] = [];
    const io = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t), readStdin: async () => '', env: { HOSOKY_DATA: w.app.ctx.options.dataDir } };
    expect(await cli(['ltv', 'status'], io)).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('offline-signed.pdf');
    expect(text).toMatch(/mức hiện tại \/ now: B-B\s+→\s+cần đạt \/ wanted: B-LTA/);
    expect(text).toContain(output);
    expect(text).toContain('Không kết nối được');

    svc.set('all', 'up');
    // (pdfsig asks the certificate's OCSP responder itself, so the B-B file is checked once it answers.)
    const signedBytes = await checkIndependently(signed, fs.readFileSync(w.plan), 1);
    const summary = await call<{ completed: number; items: LtvQueueItem[] }>('ltv.run', {});
    expect(summary.completed).toBeGreaterThanOrEqual(1);
    const status = await call<LtvStatus>('ltv.status', {});
    const item = status.items.find((i) => i.output === output)!;
    expect(item).toMatchObject({ state: 'done', levelNow: 'B-LTA', lastError: null });
    expect(events.some((e) => e.id === item.id && e.state === 'done')).toBe(true);
    unsubscribe();
    // Incremental from the B-B file: document timestamp, DSS, archive timestamp.
    await checkIndependently(output, signedBytes, 1);
    expect(await opensslVerifyDocumentTimestamps(output, w.rootPem)).toBe(2);
    const report = await verifyOffline(output);
    expect(report.verdict).toBe('valid');
    const json: string[] = [];
    expect(await cli(['ltv', 'status', '--json'], { ...io, out: (t: string) => void json.push(t) })).toBe(0);
    expect(JSON.parse(json.join('')).value.items.find((i: LtvQueueItem) => i.id === item.id).levelNow).toBe('B-LTA');
  });

  it('signing at a level: B-LTA at once when online; offline the file is written at B-B and queued', async () => {
    svc.set('all', 'up');
    const ltv = ltvService(w.app.ctx);
    const online = path.join(w.dir, 'level-online.pdf');
    const a = await ltv.signAtLevel(online, 'B-LTA', undefined, (out, ts) => sign(w.plan, out, svc.pki.groupHead, svc.pki.caGov, ts));
    expect(a.ltv).toMatchObject({ wantedLevel: 'B-LTA', level: 'B-LTA', queued: null, error: null });
    expect((await call<{ level: string; signatureTimestamps: number }>('ltv.level', { path: online })).signatureTimestamps).toBe(1);
    await checkIndependently(online, fs.readFileSync(w.plan), 1);
    expect(fs.readdirSync(w.dir).filter((f) => f.startsWith('.level-online'))).toEqual([]);

    svc.set('all', 'down');
    const offline = path.join(w.dir, 'level-offline.pdf');
    const b = await ltv.signAtLevel(offline, 'B-LT', undefined, (out, ts) => sign(w.plan, out, svc.pki.groupHead, svc.pki.caGov, ts));
    expect(b.ltv).toMatchObject({ wantedLevel: 'B-LT', level: 'B-B', error: { code: 'NET_UNREACHABLE' } });
    expect(b.ltv.queued).toMatchObject({ state: 'waiting', source: offline, output: path.join(w.dir, 'level-offline.B-LT.pdf') });
    expect(fs.existsSync(offline)).toBe(true);
    svc.set('all', 'up');
  });

  it('a TSA that hangs does not hold up signing: B-B within the timeout, the upgrade waits in the queue', async () => {
    svc.set('all', 'up');
    svc.set('tsa', 'hang');
    const signed = path.join(w.dir, 'hang-signed.pdf');
    const stamper = ltvService(w.app.ctx).signatureTimestamper(undefined, 1000);
    const started = Date.now();
    await sign(w.plan, signed, svc.pki.groupHead, svc.pki.caGov, stamper.hook);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(stamper.lastFailure()?.code).toBe('NET_TIMEOUT');
    expect((await call<{ level: string }>('ltv.level', { path: signed })).level).toBe('B-B');
    svc.set('tsa', 'up');
  });

  it('renews the archive timestamp when its TSA certificate nears expiry: DSS for it, then a new document timestamp', async () => {
    svc.set('all', 'up');
    const signed = path.join(w.dir, 'renew-signed.pdf');
    await sign(w.plan, signed, svc.pki.teacher, svc.pki.caGov, ltvService(w.app.ctx).signatureTimestamper().hook);
    const lta = await call<LtvUpgradeResult>('ltv.upgrade', { input: signed, output: path.join(w.dir, 'renew-lta.pdf'), level: 'B-LTA' });
    expect(lta.level).toBe('B-LTA');
    const deps = await ltvService(w.app.ctx).upgradeDeps();
    // Not yet due (the test TSA certificate is valid for three years): nothing is added.
    const idle = await upgradePdf(lta.output, path.join(w.dir, 'renew-idle.pdf'), 'B-LTA', deps);
    expect(idle).toMatchObject({ steps: [], written: false, error: null });
    // Due when the TSA certificate expires within the renewal window.
    const renewed = await upgradePdf(lta.output, path.join(w.dir, 'renew-2.pdf'), 'B-LTA', { ...deps, renewWithinDays: 4 * 365 });
    expect(renewed).toMatchObject({ levelBefore: 'B-LTA', level: 'B-LTA', steps: ['dss', 'archive-timestamp'], error: null });
    await checkIndependently(path.join(w.dir, 'renew-2.pdf'), fs.readFileSync(lta.output), 1);
    expect(await opensslVerifyDocumentTimestamps(path.join(w.dir, 'renew-2.pdf'), w.rootPem)).toBe(2);
    const level = await call<{ documentTimestamps: number; archiveValidUntil: string }>('ltv.level', { path: path.join(w.dir, 'renew-2.pdf') });
    expect(level.documentTimestamps).toBe(2);
    expect(new Date(level.archiveValidUntil).getTime()).toBe(svc.pki.tsa.cert.notAfter.getTime());
  });

  it('a corrupted OCSP response is rejected and the CRL is used; with the CRL corrupted too, the file keeps B-T and waits', async () => {
    svc.set('all', 'up');
    const signed = path.join(w.dir, 'crl-signed.pdf');
    await sign(w.plan, signed, svc.pki.seal, svc.pki.caGov, ltvService(w.app.ctx).signatureTimestamper().hook);
    // A fresh data folder cache would hold nothing: corrupt answers must not come from the cache either.
    fs.rmSync(path.join(w.app.ctx.options.dataDir, 'cache'), { recursive: true, force: true });
    svc.set('ocsp', 'corrupt');
    const viaCrl = await call<LtvUpgradeResult>('ltv.upgrade', { input: signed, output: path.join(w.dir, 'crl-lt.pdf'), level: 'B-LT' });
    expect(viaCrl).toMatchObject({ level: 'B-LT', error: null });
    const report = await verifyOffline(viaCrl.output);
    const seal = report.signatures.find((s) => s.kind === 'approval')!;
    expect(seal.checks.revocation.status).toBe('passed');
    expect(seal.checks.revocation.vi).toContain('CRL');

    fs.rmSync(path.join(w.app.ctx.options.dataDir, 'cache'), { recursive: true, force: true });
    svc.set('crl', 'corrupt');
    const stuck = await call<LtvUpgradeResult>('ltv.upgrade', { input: signed, output: path.join(w.dir, 'crl-stuck.pdf'), level: 'B-LTA' });
    expect(stuck.level).toBe('B-T');
    expect(stuck.error?.code).toBe('LTV_VALIDATION_DATA_MISSING');
    expect(stuck.error?.message).toContain('bị hỏng hoặc giả mạo');
    expect(stuck.queued?.state).toBe('waiting');
    svc.set('all', 'up');
  });
});
