/** pdfsig (poppler) as an independent checker, trusting only the test root through its own NSS store. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readState } from './state';

export function pdfsigReport(file: string): string {
  const s = readState();
  const nss = path.join(s.workDir, 'nss');
  if (!fs.existsSync(nss)) {
    fs.mkdirSync(nss);
    execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${nss}`]);
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'hosoky-test-root', '-t', 'CT,C,C', '-a', '-i', path.join(s.pkiDir, 'root.pem')]);
    // The signed files embed the signer's certificate only: the issuing CA is known to NSS as a school's PC would know it.
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'hosoky-test-ca-gov', '-t', ',,', '-a', '-i', path.join(s.pkiDir, 'caGov.pem')]);
  }
  return execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, file], { encoding: 'utf8' });
}

/** One entry per signature: the lines pdfsig printed for it. */
export function pdfsigSignatures(report: string): string[] {
  return report.split(/^Signature #\d+:/m).slice(1);
}
