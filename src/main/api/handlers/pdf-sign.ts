import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../context';
import type { Handlers, Handler } from '../server';
import type { PdfSignResult, SignaturePlacement } from '../../../shared/contract/pdf';
import { AppError, isAppError, toApiError } from '../../core/errors';
import type { Signer } from '../../core/signing/signer';
import { signPdf } from '../../core/pdf/sign';
import type { Placement } from '../../core/pdf/sign';
import { PdfDocument, pages, signatureFields } from '../../core/pdf/parser';
import { decree30Appearance, sampleSealPng, sealRectOver } from '../../core/pdf/appearance';
import { withScratchFile, withTempFile } from '../../infra/fs/atomic-write';
import { resolveSigner } from '../services/tokens';
import { ltvService } from '../services/ltv';

type SignInput = Parameters<Handler<'pdf.sign'>>[0];
type Options = Omit<SignInput, 'input' | 'output'>;

async function readImage(p: string | undefined): Promise<Uint8Array | undefined> {
  if (!p) return undefined;
  try {
    return await fs.promises.readFile(p);
  } catch (e) {
    throw new AppError('SIGN_IMAGE_NOT_FOUND', `Không mở được tệp ảnh "${p}". Hãy kiểm tra lại đường dẫn.`, `Cannot open the image file "${p}".`, { path: p }, { cause: e });
  }
}

export function defaultOutput(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}-da-ky${ext || '.pdf'}`);
}

/** The seal's own placement for a leader's placement: over the left third of the same box. */
function sealPlacement(p: SignaturePlacement): Placement {
  if (typeof p === 'object' && 'rect' in p) return { page: p.page, rect: sealRectOver(p.rect) };
  return 'invisible';
}

/** Signs one file (and, when asked, adds the seal right after), with signers already resolved. */
async function signOne(
  input: string,
  output: string,
  opts: Options,
  signer: Signer,
  sealSigner: Signer | undefined,
  images: { own?: Uint8Array; seal?: Uint8Array },
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array | null>,
): Promise<PdfSignResult> {
  const ownKind = opts.asSeal ? 'organisation' : 'person';
  const ownImage = images.own ?? (opts.asSeal ? images.seal : undefined);
  const first = sealSigner ? path.join(path.dirname(output), `.${path.basename(output)}.step1.pdf`) : output;
  try {
    const r = await signPdf({
      input,
      output: first,
      signer,
      // The first of two steps is only read back by the second: no need to make it durable.
      writeFile: first === output ? withTempFile : withScratchFile,
      placement: opts.asSeal ? sealPlacement(opts.placement) : opts.placement,
      certify: opts.certify,
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(opts.location ? { location: opts.location } : {}),
      ...(opts.contactInfo ? { contactInfo: opts.contactInfo } : {}),
      ...(timestamp ? { timestamp } : {}),
      appearance: decree30Appearance({ certificate: signer.certificate, kind: ownKind, ...(ownImage ? { image: ownImage } : {}) }),
    });
    if (!sealSigner) return { output, fieldName: r.fieldName, warnings: r.warnings, timings: r.timings };
    const s = await signPdf({
      input: first,
      output,
      signer: sealSigner,
      writeFile: withTempFile,
      placement: sealPlacement(opts.placement),
      ...(opts.location ? { location: opts.location } : {}),
      ...(timestamp ? { timestamp } : {}),
      appearance: decree30Appearance({ certificate: sealSigner.certificate, kind: 'organisation', image: images.seal ?? defaultSeal() }),
    });
    return { output, fieldName: r.fieldName, sealFieldName: s.fieldName, warnings: [...r.warnings, ...s.warnings.filter((w) => !r.warnings.some((x) => x.code === w.code))], timings: r.timings };
  } finally {
    if (first !== output) await fs.promises.rm(first, { force: true });
  }
}

let sampleSeal: Buffer | undefined;
/** The stand-in seal used when the school has not set its own seal image: drawn once per process. */
const defaultSeal = () => (sampleSeal ??= sampleSealPng());

async function prepare(ctx: AppContext, opts: Options) {
  const signer = await resolveSigner(ctx, opts.signer);
  const sealSigner = opts.seal ? await resolveSigner(ctx, opts.seal.signer) : undefined;
  const seal = (await readImage(opts.seal?.image)) ?? (opts.seal || opts.asSeal ? defaultSeal() : undefined);
  return { signer, sealSigner, images: { own: await readImage(opts.image), seal } };
}

/**
 * Everything a signing needs that does not depend on the file (signers, images), done once; the
 * returned function then signs any number of files at the level asked (a batch, a batch approval).
 * `queueUpgrade: false` when the output is a temporary file (the record store keeps the result): a
 * queued upgrade would point at a file that is gone.
 */
export async function prepareSigning(
  ctx: AppContext,
  opts: Options,
  { queueUpgrade = true }: { queueUpgrade?: boolean } = {},
): Promise<(input: string, output: string) => Promise<PdfSignResult>> {
  const { signer, sealSigner, images } = await prepare(ctx, opts);
  return async (input, output) => {
    // PAdES level (ltv): a signature timestamp when asked, then B-LT/B-LTA now or queued when offline.
    const { result, ltv } = await ltvService(ctx).signAtLevel(output, opts.level, opts.tsaUrl, (o, ts) => signOne(input, o, opts, signer, sealSigner, images, ts), { queue: queueUpgrade });
    return opts.level || ltv.wantedLevel !== 'B-B' ? { ...result, output, ltv } : result;
  };
}

export function pdfSignHandlers(ctx: AppContext): Pick<Handlers, 'pdf.inspect' | 'pdf.sign' | 'pdf.signBatch'> {
  return {
    'pdf.inspect': async ({ path: file }) => {
      const doc = PdfDocument.open(file);
      try {
        const all = pages(doc);
        return {
          pages: all.map((p) => ({ page: p.index + 1, width: p.mediaBox[2] - p.mediaBox[0], height: p.mediaBox[3] - p.mediaBox[1], rotate: p.rotate })),
          signatureFields: signatureFields(doc).map((f) => {
            const w = f.widgets[0];
            const page = w?.pageRef ? all.find((p) => p.ref.equals(w.pageRef!)) : undefined;
            return { name: f.name, page: page ? page.index + 1 : null, rect: w?.rect ?? [], signed: f.signed };
          }),
          revisions: doc.revisions.length,
          xrefKind: doc.latest.xrefKind,
        };
      } finally {
        doc.close();
      }
    },
    'pdf.sign': async (input) => (await prepareSigning(ctx, input))(input.input, input.output ?? defaultOutput(input.input)),
    'pdf.signBatch': async (input) => {
      const t0 = performance.now();
      let inputs = input.inputs ?? [];
      if (input.inputDir) {
        let names: string[];
        try {
          names = await fs.promises.readdir(input.inputDir);
        } catch (e) {
          throw new AppError('PDF_BATCH_DIR_NOT_FOUND', `Không mở được thư mục "${input.inputDir}". Hãy kiểm tra lại đường dẫn.`, `Cannot open the folder "${input.inputDir}".`, undefined, { cause: e });
        }
        inputs = names.filter((n) => n.toLowerCase().endsWith('.pdf')).sort().map((n) => path.join(input.inputDir!, n));
      }
      await fs.promises.mkdir(input.outputDir, { recursive: true });
      // One login, one preparation for the whole batch.
      const signFile = await prepareSigning(ctx, input);
      const items = [];
      for (const file of inputs) {
        const output = path.join(input.outputDir, path.basename(file));
        if (path.resolve(output) === path.resolve(file)) {
          items.push({ input: file, ok: false, error: { code: 'PDF_BATCH_SAME_FOLDER', message: 'Thư mục kết quả phải khác thư mục tệp gốc.', messageEn: 'The output folder must differ from the input folder.' } });
          continue;
        }
        try {
          await signFile(file, output);
          items.push({ input: file, ok: true, output });
        } catch (e) {
          if (!isAppError(e) && !(e instanceof Error)) throw e;
          const err = toApiError(e);
          items.push({ input: file, ok: false, error: { code: err.code, message: err.message, messageEn: err.messageEn } });
        }
      }
      const signed = items.filter((i) => i.ok).length;
      return { items, signed, failed: items.length - signed, totalMs: performance.now() - t0 };
    },
  };
}
