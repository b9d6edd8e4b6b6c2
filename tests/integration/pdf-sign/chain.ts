/** The school's four-signature chain used by the round-trip tests: teacher, group head, principal, seal. */
import path from 'node:path';
import type { Signer } from '../../../src/main/core/signing/signer';
import { signPdf, type SignPdfResult } from '../../../src/main/core/pdf/sign';
import { decree30Appearance, sampleSealPng, sampleSignaturePng, sealRectOver } from '../../../src/main/core/pdf/appearance';
import { withTempFile } from '../../../src/main/infra/fs/atomic-write';

export const SIGNING_TIME = new Date('2026-11-28T02:15:00Z');
const PRINCIPAL_BOX: [number, number, number, number] = [330, 60, 220, 90];

/** Signs `input` four times; returns the four outputs (after 1, 2, 3 and 4 signatures). */
export async function signChain(input: string, outDir: string, signers: { teacher: Signer; groupHead: Signer; principal: Signer; seal: Signer }, opts: { principalField?: string } = {}): Promise<{ outputs: string[]; results: SignPdfResult[] }> {
  const base = path.basename(input, '.pdf');
  const outputs: string[] = [];
  const results: SignPdfResult[] = [];
  let cur = input;
  const step = async (n: number, signer: Signer, o: Partial<Parameters<typeof signPdf>[0]> & Pick<Parameters<typeof signPdf>[0], 'placement'>) => {
    const output = path.join(outDir, `${base}-${n}.pdf`);
    results.push(await signPdf({ input: cur, output, signer, writeFile: withTempFile, signingTime: SIGNING_TIME, ...o }));
    outputs.push(output);
    cur = output;
  };
  await step(1, signers.teacher, {
    placement: { page: 1, rect: [40, 60, 170, 80] },
    certify: true,
    reason: 'Trình kế hoạch giáo dục',
    location: 'Hải Phòng',
    appearance: decree30Appearance({ certificate: signers.teacher.certificate, kind: 'person', image: sampleSignaturePng(1) }),
  });
  await step(2, signers.groupHead, { placement: 'invisible', reason: 'Tổ trưởng xem xét', location: 'Hải Phòng' });
  await step(3, signers.principal, {
    placement: opts.principalField ? { field: opts.principalField } : { page: 1, rect: PRINCIPAL_BOX },
    reason: 'Phê duyệt',
    location: 'Hải Phòng',
    appearance: decree30Appearance({ certificate: signers.principal.certificate, kind: 'person', image: sampleSignaturePng(2) }),
  });
  await step(4, signers.seal, {
    placement: { page: 1, rect: sealRectOver(PRINCIPAL_BOX) },
    reason: 'Đóng dấu cơ quan',
    appearance: decree30Appearance({ certificate: signers.seal.certificate, kind: 'organisation', image: sampleSealPng() }),
  });
  return { outputs, results };
}
