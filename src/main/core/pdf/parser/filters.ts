import zlib from 'node:zlib';
import { PdfDict, PdfName, num, type PdfObject } from './objects';
import { malformed, unsupported } from './errors';

/** Most a single decoded stream (xref stream, object stream, form data) may grow to: a zip-bomb guard. */
const MAX_DECODED = 256 * 1024 * 1024;

/**
 * Decodes stream data for the filters the structure needs (xref streams, object streams): FlateDecode
 * with or without PNG/TIFF predictors. Anything else is reported as unsupported for that stream.
 */
export function decodeStream(dict: PdfDict, raw: Uint8Array, resolve: (o: PdfObject | undefined) => PdfObject | undefined): Uint8Array {
  const filterObj = resolve(dict.get('Filter'));
  const filters = filterObj === undefined || filterObj === null ? [] : Array.isArray(filterObj) ? filterObj.map((f) => resolve(f)) : [filterObj];
  const parmsObj = resolve(dict.get('DecodeParms'));
  const parmsList = Array.isArray(parmsObj) ? parmsObj.map((p) => resolve(p)) : [parmsObj];
  let data = raw;
  filters.forEach((f, i) => {
    if (!(f instanceof PdfName)) throw malformed('stream filter is not a name');
    const parms = parmsList[i];
    if (f.name === 'FlateDecode' || f.name === 'Fl') {
      data = inflate(data);
      if (parms instanceof PdfDict) data = unpredict(data, parms);
    } else {
      throw unsupported(`stream filter ${f.name} in a structural stream`);
    }
  });
  return data;
}

function inflate(data: Uint8Array): Uint8Array {
  try {
    return zlib.inflateSync(data, { maxOutputLength: MAX_DECODED });
  } catch {
    // Some producers end the deflate data without its checksum; take what decodes.
    try {
      return zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: MAX_DECODED });
    } catch {
      throw malformed('FlateDecode data is corrupt');
    }
  }
}

function unpredict(data: Uint8Array, parms: PdfDict): Uint8Array {
  const predictor = num(parms.get('Predictor')) ?? 1;
  if (predictor === 1) return data;
  const colors = num(parms.get('Colors')) ?? 1;
  const bpc = num(parms.get('BitsPerComponent')) ?? 8;
  const columns = num(parms.get('Columns')) ?? 1;
  if (predictor === 2) {
    if (bpc !== 8) throw unsupported('TIFF predictor with BitsPerComponent ≠ 8');
    const out = Uint8Array.from(data);
    const row = colors * columns;
    for (let r = 0; r + row <= out.length; r += row) for (let i = colors; i < row; i++) out[r + i] = (out[r + i]! + out[r + i - colors]!) & 0xff;
    return out;
  }
  if (predictor < 10) throw unsupported(`predictor ${predictor}`);
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  if (rowLen <= 0 || rowLen > 1 << 20) throw malformed('bad predictor columns');
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  let prev = new Uint8Array(rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)]!;
    const src = data.subarray(r * (rowLen + 1) + 1, (r + 1) * (rowLen + 1));
    const cur = out.subarray(r * rowLen, (r + 1) * rowLen);
    for (let i = 0; i < rowLen; i++) {
      const a = i >= bpp ? cur[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const x = src[i]!;
      let v: number;
      switch (type) {
        case 0: v = x; break;
        case 1: v = x + a; break;
        case 2: v = x + b; break;
        case 3: v = x + ((a + b) >> 1); break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default: throw malformed(`PNG predictor row type ${type}`);
      }
      cur[i] = v & 0xff;
    }
    prev = cur;
  }
  return out;
}
