import { describe, expect, it } from 'vitest';
import { foldVietnamese, indexTokens, queryWords } from '../../../src/main/core/records/fold';

describe('Vietnamese folding for search', () => {
  it('removes tone and vowel marks and folds đ/Đ to d', () => {
    expect(foldVietnamese('Kế hoạch tuần 5')).toBe('ke hoach tuan 5');
    expect(foldVietnamese('ĐẶNG VĂN ĐỨC')).toBe('dang van duc');
    expect(foldVietnamese('Hồ sơ quản lý hoạt động chăm sóc nuôi dưỡng')).toBe('ho so quan ly hoat dong cham soc nuoi duong');
  });

  it('folds composed (NFC) and decomposed (NFD) input the same way', () => {
    expect(foldVietnamese('Kế hoạch'.normalize('NFD'))).toBe(foldVietnamese('Kế hoạch'.normalize('NFC')));
  });

  it('turns what a user types into plain words (FTS operators are words), the last one a prefix unless a number', () => {
    const w = (q: string) => queryWords(q).map((x) => (x.prefix ? `${x.word}*` : x.word)).join(' ');
    expect(w('Kế hoạch giáo')).toBe('ke hoach giao*');
    expect(w('tuần 5')).toBe('tuan 5');
    expect(w('"NEAR" - OR')).toBe('near or*');
    expect(w('Sổ đăng bộ g')).toBe('so dang bo g');
    expect(queryWords('  ,.;  ')).toEqual([]);
  });

  it('splits folded text into the tokens FTS5 unicode61 stores (letters, digits, private-use characters)', () => {
    expect(indexTokens(foldVietnamese('Năm học 2024-2025: lớp 6A/7B_c'))).toEqual(['nam', 'hoc', '2024', '2025', 'lop', '6a', '7b', 'c']);
    expect(indexTokens('a\ue000b c')).toEqual(['a\ue000b', 'c']);
  });
});
