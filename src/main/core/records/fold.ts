/**
 * Vietnamese text folded for search: decomposed (NFD), combining marks removed, đ/Đ → d, lower case.
 * "Kế hoạch tuần 5" and "ke hoach tuan 5" fold to the same words, so teachers can type without
 * diacritics (Telex/VNI off, or a phone keyboard) and still find their plans.
 */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** The words of a folded text, as FTS5's unicode61 tokenizer splits them. */
export function foldedWords(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * An FTS5 MATCH expression for what the user typed: every word must occur (AND); words are quoted so
 * that FTS5 operators typed by accident (AND, NEAR, "-") are plain words. The last word is matched as
 * a prefix when it has two letters or more ("ke hoach gia" finds "giáo dục" while typing).
 */
export function matchExpression(query: string): string | null {
  const words = foldedWords(query);
  if (words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 && w.length >= 2 && !/^\d+$/.test(w) ? `"${w}"*` : `"${w}"`)).join(' ');
}
