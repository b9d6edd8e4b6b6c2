import { describe, expect, it } from 'vitest';
import { checkCccd } from '../../../src/main/core/people/cccd';
import { CCCD_PROVINCES } from '../../../src/main/core/people/provinces';
import { checkPhone, formatPhone } from '../../../src/main/core/people/phone';
import { parseDate, placeAndDateLine } from '../../../src/main/core/people/dates';
import { checkStaff, compareStaffNames } from '../../../src/main/core/people/staff';

describe('CCCD numbers', () => {
  it('reads province, gender and birth year from a valid number', () => {
    const r = checkCccd('031 190 001 234');
    expect(r).toEqual({ ok: true, value: { number: '031190001234', provinceCode: '031', provinceName: 'Hải Phòng', gender: 'female', birthYear: 1990 } });
    const woman2000s = checkCccd('031305001234');
    expect(woman2000s.ok && woman2000s.value).toMatchObject({ gender: 'female', birthYear: 2005 });
    const man2000s = checkCccd('031204001234');
    expect(man2000s.ok && man2000s.value).toMatchObject({ gender: 'male', birthYear: 2004 });
    const man1900s = checkCccd('030085004321');
    expect(man1900s.ok && man1900s.value).toMatchObject({ gender: 'male', birthYear: 1985 });
  });

  it('accepts old Hải Dương numbers (030) at a Hải Phòng school after the 2025 merger', () => {
    const r = checkCccd('030085004321', '1985-03-02');
    expect(r.ok && r.value.provinceName).toBe('Hải Dương');
  });

  it('knows all 63 provinces and only them', () => {
    expect(Object.keys(CCCD_PROVINCES)).toHaveLength(63);
    for (const code of ['003', '005', '013', '099', '000', '097']) expect(checkCccd(`${code}190001234`).ok).toBe(false);
    for (const code of ['001', '079', '096', '011']) expect(checkCccd(`${code}190001234`).ok).toBe(true);
  });

  it('refuses wrong lengths and letters with a Vietnamese message', () => {
    for (const bad of ['03119000123', '0311900012345', '03119000123A', '']) {
      const r = checkCccd(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.messageVi).toMatch(/12 chữ số/);
    }
  });

  it('refuses a century digit that puts the birth in the future', () => {
    const r = checkCccd('031490001234');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.messageVi).toContain('2190');
  });

  it('checks the birth year against the date of birth', () => {
    expect(checkCccd('031190001234', '1990-12-31').ok).toBe(true);
    const r = checkCccd('031190001234', '1991-01-01');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.messageVi).toContain('năm sinh 1990');
  });
});

describe('phone numbers', () => {
  it('accepts mobiles in every written form and keeps the national form', () => {
    for (const t of ['0912345678', '0912.345.678', '0912 345 678', '+84912345678', '+84 912 345 678', '84912345678', '0971-245-368']) {
      const r = checkPhone(t);
      expect(r.ok, t).toBe(true);
    }
    expect(checkPhone('+84 912 345 678')).toEqual({ ok: true, value: { number: '0912345678', kind: 'mobile' } });
    for (const prefix of ['03', '05', '07', '08', '09']) expect(checkPhone(`${prefix}12345678`).ok).toBe(true);
  });

  it('refuses what the widespread [3|5|7|8|9] regex lets through, and bad prefixes', () => {
    for (const t of ['0|12345678', '0112345678', '0412345678', '0612345678', '091234567', '09123456789', 'abc']) {
      expect(checkPhone(t).ok, t).toBe(false);
    }
  });

  it('accepts landlines with a real area code (Hải Phòng 0225, Hà Nội 024)', () => {
    expect(checkPhone('(0225) 3842 113')).toEqual({ ok: true, value: { number: '02253842113', kind: 'landline', area: 'Hải Phòng' } });
    expect(checkPhone('024 3825 1234')).toMatchObject({ ok: true, value: { area: 'Hà Nội' } });
    expect(checkPhone('0220 3851 234')).toMatchObject({ ok: true, value: { area: 'Hải Dương' } });
    expect(checkPhone('0200 3851 234').ok).toBe(false);
    expect(checkPhone('0225 384 211').ok).toBe(false);
    expect(formatPhone('02253842113')).toBe('0225 384 2113');
    expect(formatPhone('0912345678')).toBe('0912 345 678');
  });
});

describe('dates', () => {
  it('parses day/month/year and ISO, refusing impossible days', () => {
    expect(parseDate('05/09/1985')).toBe('1985-09-05');
    expect(parseDate('5-9-1985')).toBe('1985-09-05');
    expect(parseDate('1985-09-05')).toBe('1985-09-05');
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDate('29/02/2023')).toBeNull();
    expect(parseDate('31/04/2020')).toBeNull();
    expect(parseDate('12/13/2020')).toBeNull();
    expect(parseDate('1985/09/05')).toBeNull();
  });

  it('writes the place-and-date line the Decree 30 way (leading zero for days < 10 and months 1–2)', () => {
    expect(placeAndDateLine('Hải Phòng', '2026-11-28')).toBe('Hải Phòng, ngày 28 tháng 11 năm 2026');
    expect(placeAndDateLine('Hải Phòng', '2026-02-05')).toBe('Hải Phòng, ngày 05 tháng 02 năm 2026');
    expect(placeAndDateLine('Hải Phòng', '2026-03-09')).toBe('Hải Phòng, ngày 09 tháng 3 năm 2026');
  });
});

describe('a member of staff', () => {
  const today = '2026-11-28';
  it('is normalised: NFC name, ISO dates, plain CCCD and phone', () => {
    const decomposed = 'Nguye\u0302\u0303n  Thi\u0323 Hoa'; // NFD as typed on some keyboards, double space
    const r = checkStaff({ fullName: decomposed, dateOfBirth: '05/09/1990', cccd: '031 190 001 234', cccdIssuedOn: '12/04/2021', phone: '+84 912 345 678' }, today);
    expect(r.problems).toEqual([]);
    expect(r.details).toMatchObject({ fullName: 'Nguyễn Thị Hoa', dateOfBirth: '1990-09-05', cccd: '031190001234', cccdIssuedOn: '2021-04-12', phone: '0912345678', status: 'working' });
    expect(r.details!.fullName).toBe('Nguyễn Thị Hoa'.normalize('NFC'));
  });

  it('reports every problem of a row at once', () => {
    const r = checkStaff({ fullName: 'Trần Văn 2', dateOfBirth: '31/02/1980', cccd: '031180', cccdIssuedOn: '01/01/2030', phone: '0|12345678', status: 'other' }, today);
    expect(r.details).toBeUndefined();
    expect(r.problems.map((p) => p.field).sort()).toEqual(['cccd', 'cccdIssuedOn', 'dateOfBirth', 'fullName', 'phone', 'statusNote']);
    for (const p of r.problems) expect(p.messageVi).toMatch(/[ạảãàáâầấậẫẩăằắặẵẳđêềếệễểôồốộỗổơờớợỡởưừứựữửìíịĩỉòóọõỏùúụũủỳýỵỹỷ]/);
  });

  it('refuses a CCCD issue date before the birth', () => {
    const r = checkStaff({ fullName: 'Lê Thị Thu Hương', dateOfBirth: '01/01/1978', cccd: '031178009876', cccdIssuedOn: '01/01/1977' }, today);
    expect(r.problems.map((p) => p.field)).toEqual(['cccdIssuedOn']);
  });

  it('sorts the Vietnamese way: by given name, Đ after D', () => {
    const names = ['Nguyễn Thị Đào', 'Trần Văn An', 'Lê Thị Dung', 'Phạm Văn Ánh', 'Đỗ Thị Bình', 'Vũ Thị Ân'];
    expect([...names].sort(compareStaffNames)).toEqual(['Trần Văn An', 'Phạm Văn Ánh', 'Vũ Thị Ân', 'Đỗ Thị Bình', 'Lê Thị Dung', 'Nguyễn Thị Đào']);
  });
});
