import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPkiServices, type PkiServices } from '../../support/pki-services';
import { createHttpNetwork } from '../../../src/main/infra/net/http';
import { createValidationCache } from '../../../src/main/infra/net/validation-cache';
import { requestTimestamp } from '../../../src/main/infra/net/tsa-client';
import { checkTimestamp } from '../../../src/main/core/ltv/timestamp-validator';
import { createRevocationChecker } from '../../../src/main/core/ltv/revocation';
import { loadTrustStore } from '../../../src/main/core/pki/trust-store';
import type { Identity } from '../../support/pki';

const none = { certificates: [], crls: [], ocspResponses: [] };
const HOUR = 3600_000;

describe('trust services over the network: TSA, OCSP, CRL, cache', () => {
  let svc: PkiServices;
  let dataDir: string;
  let trust: ReturnType<typeof loadTrustStore>;
  const network = createHttpNetwork();

  beforeAll(async () => {
    svc = await startPkiServices();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-ltv-net-'));
    fs.writeFileSync(path.join(dataDir, 'root.pem'), svc.pki.root.pem);
    trust = loadTrustStore({ explicitFiles: [path.join(dataDir, 'root.pem')] });
  });
  afterAll(async () => {
    await svc.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const query = (who: Identity, issuer: Identity, at = new Date()) => ({ certificate: new Uint8Array(who.der), issuer: new Uint8Array(issuer.der), at, embedded: none });

  it('gets a timestamp whose imprint, signature, TSA chain and EKU check out, and detects changed data', async () => {
    svc.set('all', 'up');
    const signatureValue = new Uint8Array(Buffer.from('giá trị chữ ký của giáo viên'));
    const token = await requestTimestamp(network, svc.tsaUrl, signatureValue);
    expect(Math.abs(token.genTime.getTime() - Date.now())).toBeLessThan(60_000);
    const ok = await checkTimestamp(token.der, signatureValue, none, { trustStore: trust });
    expect(ok.outcome.status).toBe('valid');
    expect(ok.outcome.tsa).toContain('Dịch vụ cấp dấu thời gian');
    expect(ok.chain.length).toBe(2);
    const changed = await checkTimestamp(token.der, new Uint8Array(Buffer.from('chữ ký khác')), none, { trustStore: trust });
    expect(changed.outcome.status).toBe('invalid');
    const untrusted = await checkTimestamp(token.der, signatureValue, none, { trustStore: loadTrustStore({}) });
    expect(untrusted.outcome.status).toBe('indeterminate');
  });

  it('gives up on a TSA that hangs within the timeout, and says so in Vietnamese', async () => {
    svc.set('tsa', 'hang');
    const started = Date.now();
    const error = await requestTimestamp(network, svc.tsaUrl, new Uint8Array([1, 2, 3]), 800).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toMatchObject({ code: 'NET_TIMEOUT' });
    expect((error as { messageVi: string }).messageVi).toContain('không trả lời');
    svc.set('tsa', 'down');
    await expect(requestTimestamp(network, svc.tsaUrl, new Uint8Array([1]), 2000)).rejects.toMatchObject({ code: 'NET_UNREACHABLE' });
    svc.set('tsa', 'up');
  });

  it('checks revocation online with OCSP, then answers from the cache when offline', async () => {
    svc.set('all', 'up');
    await svc.revoke(svc.pki.revoked, new Date(Date.now() - 2 * HOUR));
    const cache = createValidationCache(dataDir);
    const online = createRevocationChecker({ cache, network });
    const good = await online.check(query(svc.pki.teacher, svc.pki.caGov));
    expect(good).toMatchObject({ status: 'good', source: 'ocsp' });
    const bad = await online.check(query(svc.pki.revoked, svc.pki.caGov));
    expect(bad.status).toBe('revoked');
    expect(bad.vi).toContain('trước thời điểm ký');
    // The delegated responder (caGov's OCSP certificate) and a CA answering for itself both pass.
    expect(await online.check(query(svc.pki.ecSigner, svc.pki.caCommercial))).toMatchObject({ status: 'good', source: 'ocsp' });

    svc.set('all', 'down');
    const before = svc.requests.ocsp;
    const offline = createRevocationChecker({ cache, network: null });
    expect(await offline.check(query(svc.pki.teacher, svc.pki.caGov))).toMatchObject({ status: 'good', source: 'ocsp' });
    expect(svc.requests.ocsp).toBe(before);
    const neverSeen = await offline.check(query(svc.pki.groupHead, svc.pki.caGov));
    expect(neverSeen.status).toBe('not_checked');
  });

  it('a revocation after the time being validated does not invalidate; before it does', async () => {
    svc.set('all', 'up');
    const checker = createRevocationChecker({ network });
    const revokedAt = new Date(Date.now() - 2 * HOUR);
    await svc.revoke(svc.pki.revoked, revokedAt);
    const signedBefore = await checker.check(query(svc.pki.revoked, svc.pki.caGov, new Date(revokedAt.getTime() - HOUR)));
    expect(signedBefore.status).toBe('revoked');
    expect(signedBefore.revokedAt?.getTime()).toBe(Math.floor(revokedAt.getTime() / 1000) * 1000);
    expect(signedBefore.vi).toContain('sau thời điểm ký');
    const signedAfter = await checker.check(query(svc.pki.revoked, svc.pki.caGov, new Date(revokedAt.getTime() + HOUR)));
    expect(signedAfter.status).toBe('revoked');
  });

  it('rejects a corrupted OCSP response and falls back to the CRL; a corrupted CRL too leaves the status unknown', async () => {
    svc.set('ocsp', 'corrupt');
    const checker = createRevocationChecker({ network });
    const viaCrl = await checker.check(query(svc.pki.revoked, svc.pki.caGov));
    expect(viaCrl).toMatchObject({ status: 'revoked', source: 'crl' });
    svc.set('crl', 'corrupt');
    const nothing = await checker.check(query(svc.pki.principal, svc.pki.caGov));
    expect(nothing.status).toBe('unknown');
    expect(nothing.en).toMatch(/OCSP.*(damaged or forged).*CRL.*(damaged or forged)/);
    expect(nothing.vi).toContain('bị hỏng hoặc giả mạo');
    svc.set('all', 'up');
  });
});
