import { describe, expect, it } from 'vitest';
import { peMachine, peLoadableBy, elfClass } from '../../../src/main/core/tokens/pe-header';
import { parseCspImagePaths, modulesBesideCsp } from '../../../src/main/core/tokens/csp';
import { discoverModules, type ModuleProbe } from '../../../src/main/core/tokens/discovery';
import { identifyModule } from '../../../src/main/core/tokens/module-table';

/** The smallest PE header the check reads: "MZ", e_lfanew at 0x3C, "PE\0\0", COFF Machine. */
function peHeader(machine: number): Uint8Array {
  const buf = new Uint8Array(0x80);
  buf[0] = 0x4d;
  buf[1] = 0x5a;
  const view = new DataView(buf.buffer);
  view.setUint32(0x3c, 0x40, true);
  buf.set([0x50, 0x45, 0, 0], 0x40);
  view.setUint16(0x44, machine, true);
  return buf;
}

function windowsProbe(files: Record<string, Uint8Array>): ModuleProbe {
  const lower = Object.fromEntries(Object.entries(files).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    platform: 'win32',
    arch: 'x64',
    systemRoot: 'C:\\Windows',
    exists: (p) => p.toLowerCase() in lower,
    readHead: (p) => lower[p.toLowerCase()] ?? null,
  };
}

describe('PE and ELF headers', () => {
  it('reads the machine type of 32-bit, 64-bit and ARM64 DLLs and rejects what is not PE', () => {
    expect(peMachine(peHeader(0x014c))).toBe('x86');
    expect(peMachine(peHeader(0x8664))).toBe('x64');
    expect(peMachine(peHeader(0xaa64))).toBe('arm64');
    expect(peMachine(new TextEncoder().encode('MZ but far too short'))).toBeNull();
    expect(peMachine(new Uint8Array(0x80))).toBeNull();
    const badOffset = peHeader(0x8664);
    new DataView(badOffset.buffer).setUint32(0x3c, 0x7fffffff, true);
    expect(peMachine(badOffset)).toBeNull();
  });

  it('knows which DLLs a process can load', () => {
    expect(peLoadableBy('x86', 'x64')).toBe(false);
    expect(peLoadableBy('x64', 'x64')).toBe(true);
    expect(peLoadableBy('x86', 'ia32')).toBe(true);
    expect(peLoadableBy('x64', 'arm64')).toBe(false);
  });

  it('reads the ELF class', () => {
    expect(elfClass(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 1]))).toBe('32');
    expect(elfClass(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2]))).toBe('64');
    expect(elfClass(new TextEncoder().encode('#!/bin/sh'))).toBeNull();
  });
});

describe('Windows CSP registrations', () => {
  const regOutput = [
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\Provider\\Microsoft Enhanced Cryptographic Provider v1.0',
    '    Image Path    REG_SZ    rsaenh.dll',
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\Provider\\VNPT-CA CSP v8',
    '    Image Path    REG_EXPAND_SZ    %SystemRoot%\\System32\\vnptca_p11_v8_s.dll',
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\Provider\\Viettel-CA',
    '    Image Path    REG_SZ    C:\\Windows\\System32\\viettel-ca_v2_s.x64.dll',
    '',
    'End of search: 3 match(es) found.',
  ].join('\r\n');

  it('parses reg query output and derives the PKCS#11 module beside each vendor CSP shell', () => {
    const csps = parseCspImagePaths(regOutput, 'C:\\Windows');
    expect(csps).toEqual([
      { provider: 'Microsoft Enhanced Cryptographic Provider v1.0', imagePath: 'C:\\Windows\\System32\\rsaenh.dll' },
      { provider: 'VNPT-CA CSP v8', imagePath: 'C:\\Windows\\System32\\vnptca_p11_v8_s.dll' },
      { provider: 'Viettel-CA', imagePath: 'C:\\Windows\\System32\\viettel-ca_v2_s.x64.dll' },
    ]);
    expect(modulesBesideCsp(csps[0]!.imagePath)).toEqual([]);
    expect(modulesBesideCsp(csps[1]!.imagePath)).toEqual(['C:\\Windows\\System32\\vnptca_p11_v8.dll']);
    expect(modulesBesideCsp(csps[2]!.imagePath)).toEqual(['C:\\Windows\\System32\\viettel-ca_v2.x64.dll', 'C:\\Windows\\System32\\viettel-ca_v2.dll']);
  });
});

describe('module discovery', () => {
  it('finds Vietnamese CA drivers on Windows by provider, explains a 32-bit-only driver, adds CSP and settings paths', () => {
    const probe = windowsProbe({
      'C:\\Windows\\System32\\vnptca_p11_v8.dll': peHeader(0x8664),
      'C:\\Windows\\SysWOW64\\BkavCA.dll': peHeader(0x014c),
      'C:\\Windows\\System32\\newdriver.dll': peHeader(0x8664),
      'D:\\Drivers\\school-token.dll': peHeader(0x8664),
    });
    const found = discoverModules(
      { settingsPaths: ['D:\\Drivers\\school-token.dll'], cspImagePaths: ['C:\\Windows\\System32\\newdriver_s.dll'] },
      probe,
    );
    const byPath = Object.fromEntries(found.map((m) => [m.path, m]));
    expect(byPath['C:\\Windows\\System32\\vnptca_p11_v8.dll']).toMatchObject({ provider: 'vnpt', label: 'Token VNPT-CA', source: 'builtin', present: true });
    expect(byPath['C:\\Windows\\System32\\vnptca_p11_v8.dll']!.problem).toBeUndefined();
    const bkav = byPath['C:\\Windows\\SysWOW64\\BkavCA.dll']!;
    expect(bkav).toMatchObject({ provider: 'bkav', label: 'Token BKAV-CA' });
    expect(bkav.problem?.code).toBe('TOKEN_MODULE_WRONG_ARCH');
    expect(bkav.problem?.message).toContain('32-bit');
    expect(bkav.problem?.message).toContain('64-bit');
    expect(byPath['C:\\Windows\\System32\\newdriver.dll']).toMatchObject({ source: 'csp', present: true });
    expect(byPath['D:\\Drivers\\school-token.dll']).toMatchObject({ source: 'settings', present: true });
    // Entries of the table whose files are absent are not offered.
    expect(found).toHaveLength(4);
  });

  it('keeps a user path that is missing (so the UI can say so) and uses the Linux table on Linux', () => {
    const probe: ModuleProbe = {
      platform: 'linux',
      arch: 'x64',
      systemRoot: '',
      exists: (p) => ['/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', '/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so'].includes(p),
      readHead: () => Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2]),
      // Debian's pkcs11/opensc-pkcs11.so is a link to the same library: listed once.
      realPath: (p) => p.replace('/pkcs11/', '/'),
    };
    const found = discoverModules({ settingsPaths: ['/opt/vendor/libtoken.so'] }, probe);
    expect(found).toEqual([
      { path: '/opt/vendor/libtoken.so', provider: 'unknown', label: 'Thiết bị ký số (libtoken.so)', source: 'settings', present: false },
      { path: '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', provider: 'opensc', label: 'OpenSC (thẻ thông minh)', source: 'builtin', present: true },
    ]);
  });

  it('names a module from its file name so the UI says "Token VNPT-CA", not a DLL name', () => {
    expect(identifyModule('C:\\Windows\\System32\\VNPT-CA_v34.dll').label).toBe('Token VNPT-CA');
    expect(identifyModule('C:\\Windows\\System32\\viettel-ca_v6.dll').provider).toBe('viettel');
    expect(identifyModule('/usr/lib/libcastle.so.1.0.0').label).toBe('Feitian ePass2003');
    expect(identifyModule('C:\\Windows\\System32\\eTPKCS11.dll').provider).toBe('vgca');
    expect(identifyModule('/usr/lib/softhsm/libsofthsm2.so').provider).toBe('softhsm');
  });
});
