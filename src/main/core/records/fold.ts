/**
 * Vietnamese text folded for search: decomposed (NFD), combining marks removed, đ/Đ → d, lower case.
 * "Kế hoạch tuần 5" and "ke hoach tuan 5" fold to the same words, so teachers can type without
 * diacritics (Telex/VNI off, or a phone keyboard) and still find their plans.
 */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

// FTS5's unicode61 tokenizer keeps letters, numbers and private-use characters (its default
// categories "L* N* Co") and splits on everything else; the vocabulary kept beside the index
// (search_terms) must name exactly the tokens FTS5 stores.
const SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;

/** The tokens of an already folded text, as FTS5 stores them. */
export function indexTokens(folded: string): string[] {
  return folded.split(SEPARATORS).filter((w) => w.length > 0);
}

/** The words of a text, folded, as FTS5's unicode61 tokenizer splits them. */
export function foldedWords(text: string): string[] {
  return indexTokens(foldVietnamese(text));
}

export interface QueryWord {
  word: string;
  /** Matched as the start of a word (the one still being typed). */
  prefix: boolean;
}

/**
 * What the user typed as words that must all occur. FTS5 operators typed by accident (AND, NEAR, "-")
 * are plain words. The last word is a prefix when it has two letters or more ("ke hoach gia" finds
 * "giáo dục" while typing); a number is matched whole ("tuần 5" does not find "tuần 15").
 */
export function queryWords(query: string): QueryWord[] {
  const words = foldedWords(query);
  return words.map((word, i) => ({ word, prefix: i === words.length - 1 && word.length >= 2 && !/^\d+$/.test(word) }));
}
