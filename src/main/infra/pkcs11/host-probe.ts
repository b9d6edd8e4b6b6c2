/**
 * The real computer for module discovery: files, their headers, and on Windows the CSPs that token
 * drivers register (read with `reg query`, which every Windows has; no native registry module).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { ModuleProbe } from '../../core/tokens/discovery';
import { parseCspImagePaths } from '../../core/tokens/csp';

export function hostProbe(): ModuleProbe {
  return {
    platform: process.platform,
    arch: process.arch,
    systemRoot: process.env.SystemRoot ?? process.env.windir ?? 'C:\\Windows',
    exists: (p) => {
      try {
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    },
    realPath: (p) => {
      try {
        return fs.realpathSync(p);
      } catch {
        return p;
      }
    },
    readHead: (p) => {
      let fd: number | undefined;
      try {
        fd = fs.openSync(p, 'r');
        const buf = Buffer.alloc(4096);
        const n = fs.readSync(fd, buf, 0, buf.length, 0);
        return new Uint8Array(buf.subarray(0, n));
      } catch {
        return null;
      } finally {
        if (fd !== undefined) fs.closeSync(fd);
      }
    },
  };
}

let cspCache: string[] | null = null;

/** Image paths of the registered CSPs (Windows only; [] elsewhere or when reg fails). Read once. */
export function windowsCspImagePaths(): string[] {
  if (process.platform !== 'win32') return [];
  if (cspCache) return cspCache;
  try {
    const out = execFileSync('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\Provider', '/s', '/v', 'Image Path'], {
      encoding: 'utf8',
      timeout: 5000,
      windowsHide: true,
    });
    cspCache = parseCspImagePaths(out, process.env.SystemRoot ?? 'C:\\Windows').map((c) => c.imagePath);
  } catch {
    cspCache = [];
  }
  return cspCache;
}
