/**
 * Run under tsx by the global setup (Playwright's own loader does not expose pkcs11js's constants on
 * a namespace import): makes the test PKI, the two SoftHSM2 tokens, the trust folder and the PDF
 * plans, then prints one JSON line with where everything is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createTestPki } from '../../support/pki';
import { createSoftHsm } from '../../support/softhsm';
import { makePlanPdf } from './plans';

export const TEACHER = { label: 'GV-NGUYEN-THI-HOA', pin: '11112222' };
export const PRINCIPAL = { label: 'HT-LE-THI-THU-HUONG', pin: '33334444' };

async function main(): Promise<void> {
  const workDir = process.argv[2];
  if (!workDir) throw new Error('usage: prepare.ts <workDir>');
  const dataDir = path.join(workDir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const pki = await createTestPki();
  const pkiDir = pki.writeTo(path.join(workDir, 'pki'));
  const hsm = createSoftHsm('hosoky-e2e-hsm-');
  hsm.initToken(TEACHER.label, TEACHER.pin);
  await hsm.importIdentities(TEACHER.label, TEACHER.pin, [pki.teacher]);
  hsm.initToken(PRINCIPAL.label, PRINCIPAL.pin);
  await hsm.importIdentities(PRINCIPAL.label, PRINCIPAL.pin, [pki.principal, pki.seal]);

  const plansDir = path.join(workDir, 'plans');
  fs.mkdirSync(plansDir);
  const plans = [];
  for (const week of [5, 6, 7]) {
    plans.push(await makePlanPdf(path.join(plansDir, `Kế hoạch giáo dục tuần ${week} - Nguyễn Thị Hoa.pdf`), `Kế hoạch giáo dục tuần ${week}`, 'Nguyễn Thị Hoa'));
  }
  process.stdout.write(
    JSON.stringify({ dataDir, pkiDir, plans, hsm: { dir: hsm.dir, confPath: hsm.confPath, modulePath: hsm.modulePath }, tokens: { teacher: TEACHER, principal: PRINCIPAL } }) + '\n',
  );
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
