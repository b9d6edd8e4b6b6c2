/**
 * The independent checkers, read the way checking-tools.md says: pdfsig's text (it exits 0 whatever it
 * finds) against an NSS database that trusts the test root, and qpdf --check's exit code and text.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const exec = promisify(execFile);

/** Makes an NSS database under `dir` trusting `rootPem` as a CA; returns the -nssdir value. */
export function nssTrusting(dir: string, rootPem: string, intermediatePems: string[] = []): string {
  fs.mkdirSync(dir, { recursive: true });
  const pem = path.join(dir, 'root.pem');
  fs.writeFileSync(pem, rootPem);
  execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${dir}`], { stdio: 'pipe' });
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'root', '-t', 'CT,C,C', '-a', '-i', pem], { stdio: 'pipe' });
  // Intermediates known but not trusted on their own (signers that embed only their own certificate).
  intermediatePems.forEach((p, i) => {
    const f = path.join(dir, `ca${i}.pem`);
    fs.writeFileSync(f, p);
    execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', `ca${i}`, '-t', ',,', '-a', '-i', f], { stdio: 'pipe' });
  });
  return `sql:${dir}`;
}

export interface PdfsigSignature {
  valid: boolean;
  trusted: boolean;
  total: boolean;
  text: string;
}

/** Runs pdfsig and splits its report per signature (empty signature fields are listed too). */
export async function pdfsig(file: string, nssdir: string): Promise<PdfsigSignature[]> {
  const { stdout } = await exec('pdfsig', ['-nssdir', nssdir, file], { timeout: 60_000 });
  return stdout
    .split(/^Signature #\d+:/m)
    .slice(1)
    .map((text) => ({
      text,
      valid: text.includes('Signature Validation: Signature is Valid.'),
      trusted: text.includes('Certificate Validation: Certificate is Trusted.'),
      total: /- Total document signed/.test(text),
    }));
}

/** qpdf --check: exit code (0 clean, 3 warnings only, 2 errors) and its output. */
export async function qpdfCheck(file: string): Promise<{ code: number; text: string }> {
  try {
    const { stdout, stderr } = await exec('qpdf', ['--check', file], { timeout: 120_000 });
    return { code: 0, text: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, text: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}
