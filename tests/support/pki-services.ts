/**
 * The online services of a PKI, on loopback only, started by a test and stopped by it (or by their own
 * deadline): an RFC 3161 timestamp authority (`openssl ts -reply` per request), an OCSP responder
 * (`openssl ocsp` per request, over an index file), a CRL and the issuing CA certificate served over HTTP.
 *
 * The test PKI is made after the server listens, so that its certificates carry this server's URLs.
 * Each service can be switched 'up', 'down' (connection reset: no network), 'hang' (never answers) or
 * 'corrupt' (answers bytes whose signature no longer verifies).
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';
import http from 'node:http';
import type { Socket } from 'node:net';
import { execFile } from 'node:child_process';
import { createHash, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki, type Identity, type TestPki, RSA_ALG, type PkiOptions } from './pki';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type ServiceName = 'tsa' | 'ocsp' | 'crl' | 'caIssuers';
export type ServiceMode = 'up' | 'down' | 'hang' | 'corrupt';

export interface PkiServices {
  pki: TestPki;
  dir: string;
  baseUrl: string;
  tsaUrl: string;
  ocspUrl: string;
  crlUrl: string;
  caIssuersUrl: string;
  set(service: ServiceName | 'all', mode: ServiceMode): void;
  /** Marks a certificate revoked at `at` in the OCSP index and the CRL of its issuer. */
  revoke(identity: Identity, at: Date): Promise<void>;
  /** Requests answered (or refused) per service, for assertions about caching and retries. */
  readonly requests: Record<ServiceName, number>;
  stop(): Promise<void>;
}

const run = (args: string[]) =>
  new Promise<void>((resolve, reject) =>
    execFile('openssl', args, { timeout: 10_000 }, (err, _out, stderr) => (err ? reject(new Error(`openssl ${args[0]}: ${stderr || err.message}`)) : resolve())),
  );

/** openssl's index and BN_bn2hex form of a serial: upper-case hex, whole bytes, no leading zero byte. */
const serialHex = (cert: x509.X509Certificate) => {
  const hex = BigInt('0x' + cert.serialNumber).toString(16).toUpperCase();
  return hex.length % 2 ? '0' + hex : hex;
};
const asn1Time = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
const keyHash = (cert: x509.X509Certificate) => {
  const pk = pkijs.Certificate.fromBER(cert.rawData).subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  return createHash('sha1').update(pk).digest('hex');
};

export async function startPkiServices(opts: { lifetimeMs?: number; pki?: Omit<PkiOptions, 'crlUrl' | 'ocspUrl' | 'caIssuersUrl'> } = {}): Promise<PkiServices> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-pki-services-'));
  const modes: Record<ServiceName, ServiceMode> = { tsa: 'up', ocsp: 'up', crl: 'up', caIssuers: 'up' };
  const requests: Record<ServiceName, number> = { tsa: 0, ocsp: 0, crl: 0, caIssuers: 0 };
  const sockets = new Set<Socket>();
  let crlDer = Buffer.alloc(0);
  const revoked = new Map<string, { serial: string; at: Date; issuer: Identity }>();
  let seq = 0;
  // openssl ts keeps its serial in a file: one reply at a time per file, so a few files with disjoint
  // serial ranges let replies run side by side.
  const TSA_SLOTS = 2;
  const tsaChains: Promise<unknown>[] = Array.from({ length: TSA_SLOTS }, () => Promise.resolve());
  let tsaTurn = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const service: ServiceName | undefined = url.startsWith('/tsa') ? 'tsa' : url.startsWith('/ocsp') ? 'ocsp' : url.startsWith('/crl') ? 'crl' : url.startsWith('/certs') ? 'caIssuers' : undefined;
      if (!service) return void res.writeHead(404).end();
      requests[service]++;
      const mode = modes[service];
      if (mode === 'down') return void req.socket.destroy();
      if (mode === 'hang') return;
      const body = Buffer.concat(chunks);
      const answer = async (): Promise<[string, Buffer]> => {
        if (service === 'tsa') return ['application/timestamp-reply', await tsaReply(body)];
        if (service === 'ocsp') {
          const der = req.method === 'GET' ? Buffer.from(decodeURIComponent(url.slice('/ocsp/'.length)), 'base64') : body;
          return ['application/ocsp-response', await ocspReply(der)];
        }
        if (service === 'crl') return ['application/pkix-crl', crlDer];
        return ['application/pkix-cert', pki.caGov.der];
      };
      answer().then(
        ([type, data]) => {
          const out = mode === 'corrupt' ? corrupt(data) : data;
          res.writeHead(200, { 'content-type': type, 'content-length': out.length }).end(out);
        },
        (e: unknown) => res.writeHead(500).end(String(e)),
      );
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const urls = { tsaUrl: `${baseUrl}/tsa`, ocspUrl: `${baseUrl}/ocsp`, crlUrl: `${baseUrl}/crl/ca.crl`, caIssuersUrl: `${baseUrl}/certs/ca.crt` };
  const pki: TestPki = await createTestPki({ ...opts.pki, ocspUrl: urls.ocspUrl, crlUrl: urls.crlUrl, caIssuersUrl: urls.caIssuersUrl });
  pki.writeTo(dir);
  const p = (name: string) => path.join(dir, name);
  for (let slot = 0; slot < TSA_SLOTS; slot++) {
    fs.writeFileSync(p(`tsaserial-${slot}`), `${slot + 1}0000001\n`);
    fs.writeFileSync(
      p(`tsa-${slot}.cnf`),
      [
        '[ tsa ]',
        'default_tsa = tsa_config',
        '[ tsa_config ]',
        `serial = ${p(`tsaserial-${slot}`)}`,
        'crypto_device = builtin',
        `signer_cert = ${p('tsa.pem')}`,
        `certs = ${p('root.pem')}`,
        `signer_key = ${p('tsa.key.pem')}`,
        'signer_digest = sha256',
        'default_policy = 1.2.3.4.1',
        'digests = sha256, sha384, sha512',
        'accuracy = secs:1',
        'ordering = no',
        'tsa_name = no',
        'ess_cert_id_chain = no',
        'ess_cert_id_alg = sha256',
        '',
      ].join('\n'),
    );
  }

  const writeIndex = () => {
    const lines = (['caGov', 'caCommercial', 'teacher', 'groupHead', 'principal', 'seal', 'ecSigner', 'expired', 'revoked', 'tsa', 'ocsp'] as const).map((k) => {
      const c = pki[k].cert;
      const serial = serialHex(c);
      const r = revoked.get(serial);
      return r ? `R\t${asn1Time(c.notAfter)}\t${asn1Time(r.at)},keyCompromise\t${serial}\tunknown\t/CN=${k}` : `V\t${asn1Time(c.notAfter)}\t\t${serial}\tunknown\t/CN=${k}`;
    });
    fs.writeFileSync(p('index.txt'), lines.join('\n') + '\n');
    fs.writeFileSync(p('index.txt.attr'), 'unique_subject = no\n');
  };
  const writeCrl = async () => {
    const entries = [...revoked.values()].filter((r) => r.issuer === pki.caGov).map((r) => ({ serialNumber: r.serial, revocationDate: r.at, reason: x509.X509CrlReason.keyCompromise }));
    const crl = await x509.X509CrlGenerator.create({
      issuer: pki.caGov.cert.subjectName,
      thisUpdate: new Date(Date.now() - 60_000),
      nextUpdate: new Date(Date.now() + 7 * 24 * 3600_000),
      entries,
      signingKey: pki.caGov.keys.privateKey,
      signingAlgorithm: RSA_ALG,
      extensions: [await x509.AuthorityKeyIdentifierExtension.create(pki.caGov.cert, false)],
    });
    crlDer = Buffer.from(crl.rawData);
  };
  writeIndex();
  await writeCrl();

  const cas = [pki.root, pki.caGov, pki.caCommercial].map((ca) => ({ ca, keyHash: keyHash(ca.cert) }));
  async function ocspReply(der: Buffer): Promise<Buffer> {
    const request = pkijs.OCSPRequest.fromBER(new Uint8Array(der));
    const first = request.tbsRequest.requestList[0];
    const issuerKeyHash = first ? Buffer.from(first.reqCert.issuerKeyHash.valueBlock.valueHexView).toString('hex') : '';
    const issuer = cas.find((c) => c.keyHash === issuerKeyHash)?.ca;
    const n = ++seq;
    const reqFile = p(`ocsp-${n}.req`);
    const respFile = p(`ocsp-${n}.resp`);
    fs.writeFileSync(reqFile, der);
    try {
      if (!issuer) {
        // An issuer this responder does not serve: openssl answers "unauthorized".
        return Buffer.from(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: 6 }) }).toSchema().toBER(false));
      }
      // The special-purpose CA delegates to its OCSP responder certificate; the others sign their own answers.
      const signer = issuer === pki.caGov ? 'ocsp' : issuer.key;
      await run(['ocsp', '-index', p('index.txt'), '-CA', p(`${issuer.key}.pem`), '-rsigner', p(`${signer}.pem`), '-rkey', p(`${signer}.key.pem`), '-reqin', reqFile, '-respout', respFile, '-nmin', '60']);
      return fs.readFileSync(respFile);
    } finally {
      fs.rmSync(reqFile, { force: true });
      fs.rmSync(respFile, { force: true });
    }
  }

  function tsaReply(der: Buffer): Promise<Buffer> {
    const slot = tsaTurn++ % TSA_SLOTS;
    const next = tsaChains[slot]!.then(async () => {
      const n = ++seq;
      const reqFile = p(`ts-${n}.tsq`);
      const respFile = p(`ts-${n}.tsr`);
      fs.writeFileSync(reqFile, der);
      try {
        await run(['ts', '-reply', '-config', p(`tsa-${slot}.cnf`), '-queryfile', reqFile, '-out', respFile]);
        return fs.readFileSync(respFile);
      } finally {
        fs.rmSync(reqFile, { force: true });
        fs.rmSync(respFile, { force: true });
      }
    });
    tsaChains[slot] = next.catch(() => undefined);
    return next;
  }

  /** Flips bits near the end, where every one of these DER structures carries its signature. */
  function corrupt(data: Buffer): Buffer {
    const out = Buffer.from(data);
    for (let i = Math.max(0, out.length - 40); i < out.length - 8; i++) out[i]! ^= 0x5a;
    return out;
  }

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(deadline);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = setTimeout(() => void stop(), opts.lifetimeMs ?? 5 * 60_000);
  deadline.unref();

  return {
    pki,
    dir,
    baseUrl,
    ...urls,
    requests,
    set(service, mode) {
      if (service === 'all') for (const k of Object.keys(modes) as ServiceName[]) modes[k] = mode;
      else modes[service] = mode;
      // Answers already held back stay held back; a 'down' service also drops open keep-alive sockets.
      if (mode === 'down') for (const s of sockets) s.destroy();
    },
    async revoke(identity, at) {
      const issuer = [pki.caGov, pki.caCommercial, pki.root].find((ca) => identity.cert.issuer === ca.cert.subject) ?? pki.caGov;
      revoked.set(serialHex(identity.cert), { serial: serialHex(identity.cert), at, issuer });
      writeIndex();
      await writeCrl();
    },
    stop,
  };
}
