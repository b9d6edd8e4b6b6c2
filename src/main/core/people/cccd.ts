/**
 * The 12-digit citizen identity number (số định danh cá nhân, printed on the CCCD card):
 * digits 1–3 the province of birth registration, digit 4 gender and century, digits 5–6 the last two
 * digits of the birth year, digits 7–12 a serial. Source: vn-domain.md §5 (public parsers, Thông tư
 * 07/2016/TT-BCA then 59/2021/TT-BCA).
 */
import { CCCD_PROVINCES } from './provinces';
import type { IsoDate } from './dates';
import { yearOf } from './dates';

export interface CccdFacts {
  number: string;
  provinceCode: string;
  provinceName: string;
  gender: 'male' | 'female';
  birthYear: number;
}

export interface Problem {
  messageVi: string;
  messageEn: string;
}

export type Checked<T> = { ok: true; value: T } | ({ ok: false } & Problem);

/** Strips spaces and dots people type between groups of digits ("031 085 012 345"). */
export function normalizeCccd(text: string): string {
  return text.replace(/[\s.]/g, '');
}

export function checkCccd(text: string, dateOfBirth?: IsoDate | null): Checked<CccdFacts> {
  const number = normalizeCccd(text);
  if (!/^\d{12}$/.test(number)) {
    return {
      ok: false,
      messageVi: `Số CCCD "${text.trim()}" phải gồm đúng 12 chữ số. Hãy xem lại trên thẻ căn cước.`,
      messageEn: `CCCD number "${text.trim()}" must be exactly 12 digits. Check the card.`,
    };
  }
  const provinceCode = number.slice(0, 3);
  const provinceName = CCCD_PROVINCES[provinceCode];
  if (!provinceName) {
    return {
      ok: false,
      messageVi: `Số CCCD ${number} có mã tỉnh ${provinceCode} không tồn tại (ba chữ số đầu phải là mã tỉnh, ví dụ 031 Hải Phòng). Hãy xem lại trên thẻ.`,
      messageEn: `CCCD number ${number} starts with ${provinceCode}, which is no province code (e.g. 031 Hải Phòng). Check the card.`,
    };
  }
  const genderCentury = Number(number[3]);
  const century = 1900 + Math.floor(genderCentury / 2) * 100;
  const birthYear = century + Number(number.slice(4, 6));
  const gender = genderCentury % 2 === 0 ? 'male' : 'female';
  if (birthYear > new Date().getUTCFullYear()) {
    return {
      ok: false,
      messageVi: `Số CCCD ${number} cho năm sinh ${birthYear}, chưa tới: chữ số thứ tư (giới tính và thế kỷ) hoặc chữ số 5–6 (năm sinh) bị nhầm. Hãy xem lại trên thẻ.`,
      messageEn: `CCCD number ${number} gives birth year ${birthYear}, in the future: digit 4 (gender and century) or digits 5–6 (year) are wrong.`,
    };
  }
  if (dateOfBirth && yearOf(dateOfBirth) !== birthYear) {
    return {
      ok: false,
      messageVi: `Số CCCD ${number} ứng với năm sinh ${birthYear} nhưng ngày sinh ghi năm ${yearOf(dateOfBirth)}. Hãy xem lại số CCCD hoặc ngày sinh.`,
      messageEn: `CCCD number ${number} encodes birth year ${birthYear} but the date of birth is in ${yearOf(dateOfBirth)}. Check either.`,
    };
  }
  return { ok: true, value: { number, provinceCode, provinceName, gender, birthYear } };
}
