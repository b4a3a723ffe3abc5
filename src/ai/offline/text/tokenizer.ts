import { stem } from './stemmer';
import { isStopWord } from './stop-words';
import { PHRASE_REWRITES, TERM_SYNONYMS } from './term-synonyms';

const SYNONYMS: ReadonlyMap<string, string> = new Map(Object.entries(TERM_SYNONYMS));

const WORD_PATTERN = /[a-z0-9]+(?:['’][a-z0-9]+)*/g;

function normalise(text: string): string {
  let result = text.toLowerCase().normalize('NFKC');
  for (const [pattern, replacement] of PHRASE_REWRITES) {
    result = result.replace(pattern, replacement);
  }
  return result;
}

// Lower-cased word tokens with apostrophes removed ("don't" → "dont"), hyphenated words split
// ("block-scoped" → "block", "scoped"), synonyms folded, stop words kept.
export function wordTokens(text: string): string[] {
  const matches = normalise(text).match(WORD_PATTERN) ?? [];
  return matches.map((raw) => {
    const token = raw.replace(/['’]/g, '');
    return SYNONYMS.get(token) ?? token;
  });
}

// Stemmed content terms: stop words and one-letter tokens removed.
export function contentTerms(text: string): string[] {
  return wordTokens(text)
    .filter((token) => token.length > 1 && !isStopWord(token))
    .map(stem);
}

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[a-z0-9]/i.test(sentence));
}

export function isNumber(token: string): boolean {
  return /^\d+$/.test(token);
}
