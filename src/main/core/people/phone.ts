/**
 * Vietnamese phone numbers: mobiles are 10 digits 0[35789]xxxxxxxx (also written +84…), landlines an area
 * code (024/028 or 02xx) and subscriber digits, 11 digits in all. Written forms vary ("0912.345.678",
 * "(0225) 3842 113", "+84 912 345 678"); the store keeps the plain national form.
 * The character class is [35789], not the widespread [3|5|7|8|9] that also lets "|" through.
 */
import { LANDLINE_AREAS } from './provinces';
import type { Checked } from './cccd';

export interface PhoneFacts {
  /** National form, digits only: 0912345678, 02253842113. */
  number: string;
  kind: 'mobile' | 'landline';
  /** For landlines, the province of the area code. */
  area?: string;
}

const MOBILE = /^0[35789]\d{8}$/;
const LANDLINE = /^02\d{9}$/;

export function checkPhone(text: string): Checked<PhoneFacts> {
  const raw = text.trim();
  const compact = raw.replace(/[\s.()-]/g, '');
  let number = compact;
  if (/^\+84\d+$/.test(compact)) number = '0' + compact.slice(3);
  else if (/^84\d{9,10}$/.test(compact)) number = '0' + compact.slice(2);
  if (MOBILE.test(number)) return { ok: true, value: { number, kind: 'mobile' } };
  if (LANDLINE.test(number)) {
    const code = LANDLINE_AREAS[number.slice(0, 3)] ? number.slice(0, 3) : number.slice(0, 4);
    const area = LANDLINE_AREAS[code];
    if (area) return { ok: true, value: { number, kind: 'landline', area } };
    return {
      ok: false,
      messageVi: `Số điện thoại bàn "${raw}" có mã vùng ${number.slice(0, 4)} không tồn tại (ví dụ Hải Phòng 0225). Hãy xem lại.`,
      messageEn: `Landline "${raw}" has an unknown area code ${number.slice(0, 4)} (e.g. Hải Phòng 0225).`,
    };
  }
  return {
    ok: false,
    messageVi: `Số điện thoại "${raw}" không đúng: số di động có 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09 (hoặc +84…); số bàn có 11 chữ số gồm mã vùng, ví dụ 0225 3842 113.`,
    messageEn: `Phone "${raw}" is not valid: mobiles have 10 digits starting 03, 05, 07, 08 or 09 (or +84…); landlines 11 digits with the area code, e.g. 0225 3842 113.`,
  };
}

/** 0912345678 → "0912 345 678"; 02253842113 → "0225 3842 113"; for documents. */
export function formatPhone(number: string): string {
  if (MOBILE.test(number)) return `${number.slice(0, 4)} ${number.slice(4, 7)} ${number.slice(7)}`;
  const codeLen = LANDLINE_AREAS[number.slice(0, 3)] ? 3 : 4;
  const sub = number.slice(codeLen);
  return `${number.slice(0, codeLen)} ${sub.slice(0, sub.length - 4)} ${sub.slice(-4)}`;
}
