/**
 * The loopback bridge: the same API that Electron serves over IPC, served over HTTP on 127.0.0.1 for
 * the end-to-end tests and the browser dev host. Never started by the packaged app.
 *
 * Guards: a random per-run secret on every request, loopback only, a Host check against DNS
 * rebinding, JSON bodies with a size limit, and the same input validation as IPC (ApiServer.call).
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { ApiServer } from '../api/server';

export interface BridgeOptions {
  port?: number;
  /** Serve the built renderer from this folder (index.html, assets/). */
  staticDir?: string;
  secret?: string;
  maxBodyBytes?: number;
}

export interface Bridge {
  url: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

/** The same CSP the Electron shell sets: nothing leaves the machine, no inline script. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export function startBridge(server: ApiServer, opts: BridgeOptions = {}): Promise<Bridge> {
  const secret = opts.secret ?? crypto.randomBytes(24).toString('hex');
  const maxBody = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const unsubscribe = server.events.subscribe((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of sseClients) res.write(frame);
  });

  const secretMatches = (given: string | undefined) =>
    typeof given === 'string' && given.length === secret.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(secret));

  const httpServer = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421).end();
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST' || !secretMatches(req.headers['x-hosoky-secret'] as string | undefined)) {
        res.writeHead(403).end();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) {
          res.writeHead(413).end();
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', async () => {
        if (res.writableEnded) return;
        let input: unknown;
        try {
          input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        } catch {
          res.writeHead(400).end();
          return;
        }
        const result = await server.call(decodeURIComponent(url.pathname.slice('/api/'.length)), input);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify(result));
      });
      return;
    }

    if (url.pathname === '/events') {
      if (!secretMatches(url.searchParams.get('secret') ?? undefined)) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (!opts.staticDir || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    const root = path.resolve(opts.staticDir);
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': RENDERER_CSP,
        'x-content-type-options': 'nosniff',
      });
      res.end(data);
    });
  });

  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = httpServer.address();
      port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        secret,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const res of sseClients) res.end();
            sseClients.clear();
            httpServer.closeAllConnections();
            httpServer.close(() => done());
          }),
      });
    });
  });
}
