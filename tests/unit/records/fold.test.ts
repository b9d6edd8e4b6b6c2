import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchExpression } from '../../../src/main/core/records/fold';

describe('Vietnamese folding for search', () => {
  it('removes tone and vowel marks and folds đ/Đ to d', () => {
    expect(foldVietnamese('Kế hoạch tuần 5')).toBe('ke hoach tuan 5');
    expect(foldVietnamese('ĐẶNG VĂN ĐỨC')).toBe('dang van duc');
    expect(foldVietnamese('Hồ sơ quản lý hoạt động chăm sóc nuôi dưỡng')).toBe('ho so quan ly hoat dong cham soc nuoi duong');
  });

  it('folds composed (NFC) and decomposed (NFD) input the same way', () => {
    expect(foldVietnamese('Kế hoạch'.normalize('NFD'))).toBe(foldVietnamese('Kế hoạch'.normalize('NFC')));
  });

  it('turns what a user types into a safe FTS5 expression (quoted words, last one a prefix)', () => {
    expect(matchExpression('Kế hoạch giáo')).toBe('"ke" "hoach" "giao"*');
    expect(matchExpression('tuần 5')).toBe('"tuan" "5"');
    expect(matchExpression('"NEAR" - OR')).toBe('"near" "or"*');
    expect(matchExpression('  ,.;  ')).toBeNull();
  });
});
