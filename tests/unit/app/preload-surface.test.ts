import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { buildExposedApi } from '../../../src/preload/exposed-api';
import { methodNames, eventNames } from '../../../src/shared/contract';
import { isVettedExternalUrl, rendererFileFor, secureWebPreferences } from '../../../src/main/electron/security';

describe('preload surface', () => {
  it('exposes exactly the contract methods, each forwarding its own name', async () => {
    const calls: Array<[string, unknown]> = [];
    const api = buildExposedApi(
      async (m, input) => {
        calls.push([m, input]);
        return { ok: true, value: null };
      },
      () => () => undefined,
    );
    expect(Object.keys(api).sort()).toEqual(['methods', 'on']);
    expect(Object.keys(api.methods).sort()).toEqual([...methodNames].sort());
    expect(Object.isFrozen(api.methods)).toBe(true);
    for (const name of methodNames) await (api.methods[name] as (i: unknown) => Promise<unknown>)({});
    expect(calls.map((c) => c[0])).toEqual(methodNames);
  });

  it('subscribes only to contract events and delivers only the named one', () => {
    let emit: (name: string, payload: unknown) => void = () => undefined;
    const api = buildExposedApi(async () => ({ ok: true, value: null }), (l) => {
      emit = l;
      return () => undefined;
    });
    const seen: unknown[] = [];
    const first = eventNames[0]!;
    api.on(first, (p) => seen.push(p));
    emit('some.other', 1);
    emit(first, 2);
    expect(seen).toEqual([2]);
    expect(() => api.on('ipc.raw' as typeof first, () => undefined)).toThrow();
  });

  it('the preload source hands the page nothing but the built API', () => {
    const src = fs.readFileSync('src/preload/index.ts', 'utf8');
    const exposed = [...src.matchAll(/exposeInMainWorld\(([^)]*)\)/g)].map((m) => m[1]);
    expect(exposed).toEqual(["'hosoky', api"]);
  });
});

describe('Electron security rules', () => {
  it('opens only vetted https sites in the system browser', () => {
    expect(isVettedExternalUrl('https://vnpt-ca.vn/ho-tro')).toBe(true);
    expect(isVettedExternalUrl('https://www.moet.gov.vn/')).toBe(true);
    expect(isVettedExternalUrl('http://moet.gov.vn/')).toBe(false);
    expect(isVettedExternalUrl('https://moet.gov.vn.evil.com/')).toBe(false);
    expect(isVettedExternalUrl('https://evilmoet.gov.vn/')).toBe(false);
    expect(isVettedExternalUrl('https://user@moet.gov.vn/')).toBe(false);
    expect(isVettedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isVettedExternalUrl('javascript:alert(1)')).toBe(false);
  });

  it('gives the renderer no Node, a sandbox and context isolation', () => {
    const p = secureWebPreferences('/x/preload.cjs');
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });

  it('serves app:// only from inside the renderer folder', () => {
    expect(rendererFileFor('app://hosoky/', '/r')).toBe('/r/index.html');
    expect(rendererFileFor('app://hosoky/assets/a.js', '/r')).toBe('/r/assets/a.js');
    expect(rendererFileFor('app://hosoky/..%2f..%2fetc%2fpasswd', '/r')).toBeUndefined();
    // Dot segments are resolved by the URL parser itself and stay inside the folder.
    expect(rendererFileFor('app://hosoky/%2e%2e/%2e%2e/etc/passwd', '/r')).toBe('/r/etc/passwd');
    expect(rendererFileFor('app://other/index.html', '/r')).toBeUndefined();
  });
});
