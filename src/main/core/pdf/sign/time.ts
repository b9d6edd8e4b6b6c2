/** Vietnam time (UTC+07:00, no daylight saving): the zone signing times are shown in. */
const VN_OFFSET_MS = 7 * 3600 * 1000;

function vnParts(d: Date): string[] {
  const v = new Date(d.getTime() + VN_OFFSET_MS);
  const p = (x: number, n = 2) => String(x).padStart(n, '0');
  return [p(v.getUTCFullYear(), 4), p(v.getUTCMonth() + 1), p(v.getUTCDate()), p(v.getUTCHours()), p(v.getUTCMinutes()), p(v.getUTCSeconds())];
}

/** PDF date string for /M: D:YYYYMMDDHHmmSS+07'00'. */
export function pdfDate(d: Date): string {
  const [y, mo, da, h, mi, s] = vnParts(d);
  return `D:${y}${mo}${da}${h}${mi}${s}+07'00'`;
}

/** ISO 8601 with the +07:00 offset, as shown in the signature appearance: 2026-11-28T09:15:00+07:00. */
export function isoVietnam(d: Date): string {
  const [y, mo, da, h, mi, s] = vnParts(d);
  return `${y}-${mo}-${da}T${h}:${mi}:${s}+07:00`;
}
