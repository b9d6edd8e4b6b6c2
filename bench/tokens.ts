/**
 * Token layer figures on SoftHSM2 (run: npx tsx bench/tokens.ts; `node scripts/build.mjs` first for
 * the command-line figure). Prints:
 *   - one token signature (RSA-2048) through the worker, and in-process pkcs11js for comparison;
 *   - 100 signatures after one login (target < 0.3 s), RSA and ECDSA P-256;
 *   - worker overhead per signature = worker time − in-process time (target ≤ 2 ms);
 *   - a worker round trip with no signing (C_GetTokenInfo), i.e. the IPC and scheduling cost alone;
 *   - worker start + C_Initialize + listing;
 *   - `hosoky tokens --module … --json` as a whole process (target < 0.5 s), wall and CPU time, built
 *     from this checkout and from the revision before the start-up work side by side (bench/cli-builds.ts;
 *     `--before REV` or `--before none`, `--runs N`), next to a bare `node -e 0` and `hosoky --help`.
 */
import pkcs11js from 'pkcs11js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki } from '../tests/support/pki';
import { createSoftHsm } from '../tests/support/softhsm';
import { TokenManager } from '../src/main/infra/pkcs11/token-manager';
import { hostProbe } from '../src/main/infra/pkcs11/host-probe';
import { Pkcs11WorkerClient } from '../src/main/infra/pkcs11/worker-client';
import { beforeRevision, buildCli, compare, loadAverage, type CliBuild } from './cli-builds';

const N = 100;
const PIN = '12345678';
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-bench-tokens-'));
const pki = await createTestPki();
pki.writeTo(path.join(work, 'pki'));
const hsm = createSoftHsm();
process.env.SOFTHSM2_CONF = hsm.confPath;
hsm.initToken('BENCH', PIN);
// Personalised with the vendor tools: tests/support/softhsm.ts's importer relies on vitest's CommonJS
// interop for pkcs11js, which plain tsx does not give.
for (const idn of [pki.teacher, pki.ecSigner]) {
  const keyPem = path.join(work, 'pki', `${idn.key}.key.pem`);
  const der = path.join(work, `${idn.key}.der`);
  fs.writeFileSync(der, idn.der);
  execFileSync('softhsm2-util', ['--import', keyPem, '--token', 'BENCH', '--label', idn.key, '--id', idn.id, '--pin', PIN], { env: hsm.env, stdio: 'pipe' });
  execFileSync('pkcs11-tool', ['--module', hsm.modulePath, '--token-label', 'BENCH', '--login', '--pin', PIN, '--write-object', der, '--type', 'cert', '--id', idn.id, '--label', idn.key], { env: hsm.env, stdio: 'pipe' });
}
const data = new TextEncoder().encode('x'.repeat(1500)); // about the size of PAdES signed attributes

// In-process baseline: what SoftHSM2 itself costs per RSA signature.
function inProcessPerSignature(): number {
  const p = new pkcs11js.PKCS11();
  p.load(hsm.modulePath);
  p.C_Initialize();
  try {
    const slot = p.C_GetSlotList(true).find((s) => p.C_GetTokenInfo(s).label.trim() === 'BENCH')!;
    const session = p.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    p.C_Login(session, pkcs11js.CKU_USER, PIN);
    p.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, { type: pkcs11js.CKA_ID, value: Buffer.from(pki.teacher.id, 'hex') }]);
    const [key] = p.C_FindObjects(session, 1);
    p.C_FindObjectsFinal(session);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      p.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key!);
      p.C_Sign(session, Buffer.from(data), Buffer.alloc(512));
    }
    return ms(t0) / N;
  } finally {
    p.C_Finalize();
    p.close();
  }
}

const manager = new TokenManager({ probe: hostProbe(), settingsModulePaths: async () => [], idleMinutes: async () => 10, emit: () => undefined });
try {
  let t0 = process.hrtime.bigint();
  const [report] = await manager.list([hsm.modulePath]);
  const startAndList = ms(t0);
  t0 = process.hrtime.bigint();
  const listAgain = (await manager.list([hsm.modulePath]), ms(t0));
  const token = report!.tokens.find((t) => t.label === 'BENCH')!;
  t0 = process.hrtime.bigint();
  const login = await manager.login(token.tokenId, PIN);
  const loginMs = ms(t0);
  const rsa = await manager.getSigner(login.sessionId, login.certificates.find((c) => c.ckaId === pki.teacher.id)!.certificateId);
  const ec = await manager.getSigner(login.sessionId, login.certificates.find((c) => c.ckaId === pki.ecSigner.id)!.certificateId);
  t0 = process.hrtime.bigint();
  await rsa.sign(data);
  const firstSignature = ms(t0);
  const batch = async (signer: typeof rsa) => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await signer.sign(data);
    return ms(t);
  };
  // Worker and in-process runs alternate, so that both see the same machine load; the overhead is the
  // median of the paired differences.
  const pairs: Array<{ worker: number; inProcess: number }> = [];
  for (let i = 0; i < 5; i++) pairs.push({ worker: (await batch(rsa)) / N, inProcess: inProcessPerSignature() });
  const rsaBatch = median(pairs.map((p) => p.worker)) * N;
  const baseline = median(pairs.map((p) => p.inProcess));
  const overhead = median(pairs.map((p) => p.worker - p.inProcess));
  const ecBatch = median([await batch(ec), await batch(ec), await batch(ec)]);
  await manager.logout(login.sessionId);
  const client = new Pkcs11WorkerClient({ modulePath: hsm.modulePath });
  await client.library();
  const roundTrips = async () => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await client.call({ op: 'tokenFlags', slotId: token.slotId });
    return ms(t) / N;
  };
  const roundTrip = median([await roundTrips(), await roundTrips(), await roundTrips()]);
  await client.close();

  // The command line, whole process: this checkout and the revision before, taking turns.
  const args = process.argv.slice(2);
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 7;
  const before = beforeRevision(args);
  const builds: CliBuild[] = [buildCli(work, 'now'), ...(before ? [buildCli(work, `before (${before})`, before)] : [])];
  const env = { ...hsm.env, HOSOKY_DATA: path.join(work, 'data') };
  const cliRuns = compare(runs, [
    { name: 'node -e 0', cmd: process.execPath, argv: ['-e', '0'] },
    ...builds.flatMap((b) => [
      { name: `${b.label}: hosoky tokens --module … --json`, cmd: process.execPath, argv: [b.cli, 'tokens', '--module', hsm.modulePath, '--json'], env },
      { name: `${b.label}: hosoky --help`, cmd: process.execPath, argv: [b.cli, '--help'], env },
    ]),
  ]);
  for (const b of builds) {
    const listed = JSON.parse(cliRuns.get(`${b.label}: hosoky tokens --module … --json`)!.last.stdout) as { ok: boolean; value: { modules: Array<{ tokens: Array<{ label: string }> }> } };
    if (!listed.ok || listed.value.modules[0]?.tokens[0]?.label !== 'BENCH') throw new Error(`${b.label}: hosoky tokens did not list the BENCH token`);
  }

  const f = (x: number) => x.toFixed(2);
  console.log(`machine load average (1 min): ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  console.log(`worker start + C_Initialize + list tokens:      ${f(startAndList)} ms (list again: ${f(listAgain)} ms)`);
  console.log(`login (C_OpenSession + C_Login + certificates): ${f(loginMs)} ms`);
  console.log(`one token signature (RSA-2048, first after login): ${f(firstSignature)} ms`);
  console.log(`${N} RSA-2048 signatures after one login:        ${f(rsaBatch)} ms (target < 300 ms)`);
  console.log(`${N} ECDSA P-256 signatures after one login:     ${f(ecBatch)} ms`);
  console.log(`SoftHSM2 in-process per RSA signature:          ${f(baseline)} ms`);
  console.log(`worker overhead per signature:                  ${f(overhead)} ms (target ≤ 2 ms; median of 5 paired runs)`);
  console.log(`worker round trip without signing:              ${f(roundTrip)} ms`);
  console.log(`\nwhole process, median of ${runs} runs taking turns (${loadAverage()}); target for hosoky tokens < 500 ms wall`);
  for (const [name, t] of cliRuns) console.log(`  ${name.padEnd(58)} wall ${t.wallMs.toFixed(0).padStart(5)} ms   CPU ${t.cpuMs.toFixed(0).padStart(5)} ms`);
} finally {
  await manager.close();
  hsm.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
}
