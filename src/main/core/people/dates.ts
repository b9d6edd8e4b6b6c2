/**
 * Calendar dates as the office writes them (dd/mm/yyyy) and as the store keeps them (ISO yyyy-mm-dd).
 * A date is a day in Vietnam, not an instant: no time zone arithmetic, only calendar checks.
 */

export type IsoDate = string;

const VN_FORM = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses "28/11/2026", "28-11-2026", "28.11.2026" or "2026-11-28"; null when it is not a real calendar day. */
export function parseDate(text: string): IsoDate | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  const vn = VN_FORM.exec(t);
  const iso = ISO_FORM.exec(t);
  if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2026-11-28" → "28/11/2026" (the form on Vietnamese documents). */
export function formatDateVn(iso: IsoDate | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/**
 * "Hải Phòng, ngày 28 tháng 11 năm 2026" — the place-and-date line of an administrative document.
 * Decree 30/2020, Appendix I: days below 10 and the months 1 and 2 are written with a leading 0
 * ("ngày 05 tháng 02 năm 2026") so that nobody can add a digit afterwards.
 */
export function placeAndDateLine(place: string, iso: IsoDate): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** The calendar day (in Vietnam, UTC+7) of an instant. */
export function vnDay(instant: Date): IsoDate {
  return new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export function yearOf(iso: IsoDate): number {
  return Number(iso.slice(0, 4));
}

/** Whole days from `from` to `to` (both calendar days); negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(to.slice(0, 10) + 'T00:00:00Z') - Date.parse(from.slice(0, 10) + 'T00:00:00Z')) / 86_400_000);
}
