/**
 * Where the PKCS#11 modules of the tokens Vietnamese staff carry are installed. Sources and confidence:
 * shared/reference/vn-domain.md §1 (public signing tools' driver lists, vendor guides). Windows drivers
 * copy the DLL into System32 (64-bit) or SysWOW64 (32-bit); only the file name is listed for those.
 * Genuine Linux/macOS module names of the Vietnamese CAs were not found (vn-domain.md §1.4), so only
 * the well-attested middleware paths are listed there; users add others in settings.
 */
import type { TokenModule } from '../../../shared/contract/tokens';

export type ModuleProvider = TokenModule['provider'];

export interface KnownModule {
  provider: ModuleProvider;
  /** What the UI says. */
  label: string;
  /** DLL file names looked for in System32 and SysWOW64, or absolute Windows paths. */
  windows: string[];
  linux: string[];
  darwin: string[];
}

export const KNOWN_MODULES: KnownModule[] = [
  {
    provider: 'vgca',
    label: 'Token Ban Cơ yếu Chính phủ (SafeNet/Bit4id)',
    // VGCA tokens are SafeNet or Bit4id hardware; the GCA-01 module name was not found.
    windows: ['eTPKCS11.dll', 'bit4xpki.dll'],
    linux: [],
    darwin: [],
  },
  {
    provider: 'vnpt',
    label: 'Token VNPT-CA',
    windows: [
      'vnpt-ca_csp11.dll', 'VNPT-CA_v34.dll', 'vnptca_p11_v5.dll', 'vnptca_p11_v6.dll', 'vnptca_p11_v7.dll', 'vnptca_p11_v8.dll',
      'vnptca_p11_v81.dll', 'vnptca_p11_v10.dll', 'vnpt-ca_cl_v1.dll', 'vnptcav2_p11_v8.dll', 'VNPTCACardv8csp11.dll', 'vnpt-ca_v4.dll',
      'C:\\Program Files\\VNPT-CA\\VNPT-CA PKI Token CSP\\wdpkcs.dll',
    ],
    linux: [],
    darwin: [],
  },
  {
    provider: 'viettel',
    label: 'Token Viettel-CA',
    windows: ['viettel-ca_v6.dll', 'viettel-ca_v5.dll', 'viettel-ca_v4.dll', 'viettel-ca_v3.dll', 'viettel-ca_v2.dll', 'viettel-ca_v1.dll', 'viettel-ca.dll'],
    linux: [],
    darwin: [],
  },
  {
    provider: 'bkav',
    label: 'Token BKAV-CA',
    windows: ['BkavCA.dll', 'BkavCAv2S.dll', 'st3csp11.dll', 'C:\\Program Files\\Bkav Corporation\\BkavCA Token Manager\\st3csp11.dll'],
    linux: [],
    darwin: [],
  },
  { provider: 'fpt', label: 'Token FPT-CA', windows: ['fpt-ca.dll', 'fpt-ca_v4.dll', 'fpt-ca_v5.dll', 'fpt-ca-stx.dll'], linux: ['/usr/lib/fptca_v4.so'], darwin: [] },
  { provider: 'newtel', label: 'Token Newtel-CA', windows: ['newca_v4.dll'], linux: [], darwin: [] },
  { provider: 'ca2', label: 'Token CA2 (Nacencomm)', windows: ['CA2_csp11.dll', 'CA2_v34.dll', 'ncca_csp11_v1.dll'], linux: [], darwin: [] },
  { provider: 'misa', label: 'Token MISA-CA', windows: ['misaca_csp11_v2.dll'], linux: [], darwin: [] },
  {
    provider: 'safenet',
    label: 'SafeNet eToken',
    windows: [],
    linux: ['/usr/lib/libeTPkcs11.so', '/usr/lib/libeToken.so', '/lib/libeToken.so.8'],
    darwin: ['/usr/local/lib/libeTPkcs11.dylib', '/Library/Frameworks/eToken.framework/Versions/A/libeTPkcs11.dylib'],
  },
  {
    provider: 'feitian',
    label: 'Feitian ePass2003',
    windows: ['eps2003csp11.dll', 'eps2003csp11v2.dll'],
    linux: ['/usr/lib/libcastle.so.1.0.0', '/usr/lib/libcastle_v2.so.1.0.0'],
    darwin: ['/usr/local/lib/libcastle.1.0.0.dylib', '/usr/local/lib/libcastle_v2.1.0.0.dylib'],
  },
  { provider: 'gemalto', label: 'Thales IDPrime', windows: ['IDPrimePKCS1164.dll'], linux: [], darwin: ['/usr/local/lib/libIDPrimePKCS11.dylib'] },
  { provider: 'watchdata', label: 'WatchData', windows: ['wdpkcs.dll'], linux: ['/usr/lib/libwdpkcs.so'], darwin: ['/usr/local/lib/libwdpkcs.dylib'] },
  {
    provider: 'opensc',
    label: 'OpenSC (thẻ thông minh)',
    windows: ['C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll'],
    linux: ['/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', '/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so', '/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so'],
    darwin: ['/usr/local/lib/opensc-pkcs11.so', '/opt/homebrew/lib/opensc-pkcs11.so'],
  },
];

/** Names a module file found by path (settings, CSP, --module) from the table or its file name. */
export function identifyModule(filePath: string): { provider: ModuleProvider; label: string } {
  const base = filePath.split(/[\\/]/).pop()!.toLowerCase();
  for (const m of KNOWN_MODULES) {
    if ([...m.windows, ...m.linux, ...m.darwin].some((p) => p.split(/[\\/]/).pop()!.toLowerCase() === base)) return { provider: m.provider, label: m.label };
  }
  if (base.includes('softhsm')) return { provider: 'softhsm', label: 'SoftHSM2 (token phần mềm để thử)' };
  const hints: Array<[RegExp, ModuleProvider, string]> = [
    [/vnpt/, 'vnpt', 'Token VNPT-CA'],
    [/viettel/, 'viettel', 'Token Viettel-CA'],
    [/bkav/, 'bkav', 'Token BKAV-CA'],
    [/fpt/, 'fpt', 'Token FPT-CA'],
    [/misa/, 'misa', 'Token MISA-CA'],
    [/newca|newtel/, 'newtel', 'Token Newtel-CA'],
    [/ca2|ncca/, 'ca2', 'Token CA2 (Nacencomm)'],
    [/vgca|gca01|gca-01/, 'vgca', 'Token Ban Cơ yếu Chính phủ'],
    [/opensc/, 'opensc', 'OpenSC (thẻ thông minh)'],
  ];
  for (const [re, provider, label] of hints) if (re.test(base)) return { provider, label };
  return { provider: 'unknown', label: `Thiết bị ký số (${filePath.split(/[\\/]/).pop()})` };
}
