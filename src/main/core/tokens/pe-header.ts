/**
 * Reads the machine type of a Windows DLL from its PE header, so that a 32-bit driver is explained
 * before anything tries to load it (a 64-bit process cannot load a 32-bit DLL; LoadLibrary only says
 * "not a valid Win32 application"). Layout: "MZ" at 0, e_lfanew (u32 LE) at 0x3C, then "PE\0\0" and
 * the COFF Machine field (u16 LE).
 */
export type PeMachine = 'x86' | 'x64' | 'arm64' | 'other';

const MACHINES: Record<number, PeMachine> = { 0x014c: 'x86', 0x8664: 'x64', 0xaa64: 'arm64' };

/** `head` is the start of the file (the first 4 KiB is enough for real DLLs). null: not a PE file. */
export function peMachine(head: Uint8Array): PeMachine | null {
  if (head.length < 0x40 || head[0] !== 0x4d || head[1] !== 0x5a) return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const peOffset = view.getUint32(0x3c, true);
  if (peOffset + 6 > head.length) return null;
  if (view.getUint32(peOffset, false) !== 0x50450000) return null;
  return MACHINES[view.getUint16(peOffset + 4, true)] ?? 'other';
}

/** What the app process can load, given its architecture (process.arch). */
export function peLoadableBy(machine: PeMachine, processArch: string): boolean {
  if (processArch === 'x64') return machine === 'x64';
  if (processArch === 'ia32') return machine === 'x86';
  // A native ARM64 process cannot load an x64 DLL either (only an emulated x64 process can).
  if (processArch === 'arm64') return machine === 'arm64';
  return false;
}

/** ELF class of a Linux module: '32' or '64', null when not ELF. */
export function elfClass(head: Uint8Array): '32' | '64' | null {
  if (head.length < 5 || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return null;
  return head[4] === 1 ? '32' : head[4] === 2 ? '64' : null;
}
