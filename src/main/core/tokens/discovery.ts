/**
 * Finds the PKCS#11 modules on this computer: the built-in table for the platform, the vendor CSPs
 * registered on Windows, the paths in settings and the ones given on the command line. Nothing is
 * loaded here: a file is only checked for presence and, for a DLL/ELF, its architecture, because a
 * driver of the wrong bitness cannot be loaded by the app at all.
 */
import type { TokenModule } from '../../../shared/contract/tokens';
import { AppError } from '../errors';
import { KNOWN_MODULES, identifyModule } from './module-table';
import { modulesBesideCsp } from './csp';
import { elfClass, peLoadableBy, peMachine } from './pe-header';

/** The file system as discovery needs it (so the Windows rules can be tested on any machine). */
export interface ModuleProbe {
  platform: NodeJS.Platform;
  arch: string;
  /** %SystemRoot%, e.g. C:\Windows. */
  systemRoot: string;
  exists(path: string): boolean;
  /** The first bytes of the file (4 KiB), or null when unreadable. */
  readHead(path: string): Uint8Array | null;
  /** The file a path finally names (symbolic links resolved), to list one module once. */
  realPath?(path: string): string;
}

export interface DiscoveryInput {
  settingsPaths: string[];
  argumentPaths?: string[];
  /** Windows CSP image paths from the registry (see csp.ts). */
  cspImagePaths?: string[];
}

export function wrongArchitectureError(path: string, moduleBits: '32' | '64' | string, appArch: string): AppError {
  return new AppError(
    'TOKEN_MODULE_WRONG_ARCH',
    `Trình điều khiển token "${path}" là bản ${moduleBits}-bit, còn Hồ Sơ Ký chạy bản ${appArch === 'ia32' ? '32' : '64'}-bit nên không nạp được. Hãy cài bản trình điều khiển ${appArch === 'ia32' ? '32' : '64'}-bit của nhà cung cấp token (thường có trên trang tải phần mềm của nhà cung cấp).`,
    `The token driver "${path}" is ${moduleBits}-bit but Hồ Sơ Ký is ${appArch === 'ia32' ? '32' : '64'}-bit, so it cannot load it. Install the provider's ${appArch === 'ia32' ? '32' : '64'}-bit driver.`,
    { path, moduleBits, appArch },
  );
}

/** Why a present file cannot be used, read from its header; undefined when it looks loadable. */
export function moduleProblem(path: string, probe: ModuleProbe): AppError | undefined {
  const head = probe.readHead(path);
  if (!head) return undefined;
  if (probe.platform === 'win32') {
    const machine = peMachine(head);
    if (machine && !peLoadableBy(machine, probe.arch)) return wrongArchitectureError(path, machine === 'x86' ? '32' : machine, probe.arch);
  } else if (probe.platform === 'linux') {
    const cls = elfClass(head);
    const appBits = probe.arch === 'ia32' || probe.arch === 'arm' ? '32' : '64';
    if (cls && cls !== appBits) return wrongArchitectureError(path, cls, probe.arch);
  }
  return undefined;
}

function windowsCandidates(probe: ModuleProbe, fileOrPath: string): string[] {
  if (/^[a-z]:\\/i.test(fileOrPath)) return [fileOrPath];
  // SysWOW64 holds the 32-bit copies: listed so that a 32-bit-only driver is explained, not ignored.
  return [`${probe.systemRoot}\\System32\\${fileOrPath}`, `${probe.systemRoot}\\SysWOW64\\${fileOrPath}`];
}

/** The modules to offer, de-duplicated by path; built-in entries only when their file is present. */
export function discoverModules(input: DiscoveryInput, probe: ModuleProbe): TokenModule[] {
  const seen = new Map<string, TokenModule>();
  const key = (p: string) => {
    const real = probe.realPath?.(p) ?? p;
    return probe.platform === 'win32' ? real.toLowerCase() : real;
  };
  const add = (path: string, source: TokenModule['source'], named?: { provider: TokenModule['provider']; label: string }) => {
    if (seen.has(key(path))) return;
    const present = probe.exists(path);
    if (!present && source === 'builtin') return;
    const { provider, label } = named ?? identifyModule(path);
    const problem = present ? moduleProblem(path, probe) : undefined;
    seen.set(key(path), { path, provider, label, source, present, ...(problem ? { problem: problem.toApiError() } : {}) });
  };

  for (const p of input.argumentPaths ?? []) add(p, 'argument');
  for (const p of input.settingsPaths) add(p, 'settings');
  for (const image of input.cspImagePaths ?? []) for (const p of modulesBesideCsp(image)) if (probe.exists(p)) add(p, 'csp');
  for (const m of KNOWN_MODULES) {
    const paths = probe.platform === 'win32' ? m.windows.flatMap((f) => windowsCandidates(probe, f)) : probe.platform === 'darwin' ? m.darwin : m.linux;
    for (const p of paths) add(p, 'builtin', { provider: m.provider, label: m.label });
  }
  return [...seen.values()];
}
