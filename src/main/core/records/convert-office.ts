import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

const OFFICE_EXT = new Set(['.doc', '.docx', '.odt', '.rtf']);
export const isOfficeFile = (file: string): boolean => OFFICE_EXT.has(path.extname(file).toLowerCase());

/** Where LibreOffice usually is: on PATH (Linux), or its default install folders (Windows, macOS). */
export function findLibreOffice(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const candidates: string[] = [];
  if (env.HOSOKY_SOFFICE) candidates.push(env.HOSOKY_SOFFICE);
  const exe = platform === 'win32' ? 'soffice.exe' : 'soffice';
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, exe));
  if (platform === 'win32') {
    for (const pf of [env.ProgramFiles, env['ProgramFiles(x86)']]) if (pf) candidates.push(path.join(pf, 'LibreOffice', 'program', 'soffice.exe'));
  }
  if (platform === 'darwin') candidates.push('/Applications/LibreOffice.app/Contents/MacOS/soffice');
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

/**
 * Word/ODT → PDF with LibreOffice headless, in a private profile folder so that a LibreOffice window
 * the user has open does not swallow the request. (Word by COM automation on Windows is not wired yet:
 * docs/records.md.)
 */
export function libreOfficeConverter(soffice: string, opts: { parallel?: number } = {}): (file: string, outDir: string) => Promise<string> {
  // A conversion is a whole LibreOffice (~1 s, a few hundred MB): an import of a folder prepares 16 files
  // at once, but only this many convert at a time; the others wait their turn.
  const parallel = opts.parallel ?? 2;
  let running = 0;
  const waiting: Array<() => void> = [];
  const turn = () => (running < parallel ? (running++, Promise.resolve()) : new Promise<void>((go) => waiting.push(go)));
  const done = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async (file, outDir) => {
    await turn();
    try {
      return await convertOne(soffice, file, outDir);
    } finally {
      done();
    }
  };
}

function convertOne(soffice: string, file: string, outDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const profile = path.join(outDir, 'lo-profile');
    const args = [`-env:UserInstallation=file://${profile.startsWith('/') ? '' : '/'}${profile.replace(/\\/g, '/')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, file];
    execFile(soffice, args, { timeout: 120_000 }, (err) => {
      const out = path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
      if (!err && fs.existsSync(out)) return resolve(out);
      reject(new AppError('RECORDS_CONVERT_FAILED', `LibreOffice không chuyển được "${path.basename(file)}" sang PDF. Hãy mở tệp, lưu lại thành PDF rồi nhập tệp PDF đó.`, `LibreOffice could not convert "${path.basename(file)}" to PDF. Save it as PDF yourself and import that.`, { file }, { cause: err }));
    });
  });
}
