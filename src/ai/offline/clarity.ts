import { analyseStructure } from './sentence-structure';
import { contentTerms, sentences, wordTokens } from './text/tokenizer';

// Filler words and phrases of spoken answers; "like" only when set off by commas, since
// "languages like Go" is ordinary usage.
const FILLER_PATTERNS: readonly RegExp[] = [
  /\b(?:um+|uh+|erm+|hmm+|uhm+)\b/g,
  /\b(?:you know|i mean|you see)\b/g,
  /\b(?:basically|literally|actually|totally|whatever|anyway)\b/g,
  /(?:^|[,.;]\s*)like\s*,/g,
  /,\s*like\b(?!\s+(?:a|an|the|this|that)\b)/g,
  /\b(?:stuff like that|and stuff|or something)\b/g,
];

const IDEAL_SENTENCE_WORDS: readonly [number, number] = [8, 28];
const IDEAL_ANSWER_WORDS: readonly [number, number] = [40, 350];

export interface ClarityReport {
  score: number;
  // The same without the structure factor: sentence shape alone, for text that is not language
  // (capped by the nonsense guard, which keeps it ranked above a restated question).
  formScore: number;
  wordCount: number;
  sentenceCount: number;
  averageSentenceWords: number;
  fillerCount: number;
  fillerRate: number;
  lexicalDiversity: number;
  // 0..1, from sentence structure (function words, verbs): lists of terms and word salad score low.
  structure: number;
  unstructured: boolean;
}

function countFillers(text: string): number {
  const lower = text.toLowerCase();
  return FILLER_PATTERNS.reduce((sum, pattern) => sum + (lower.match(pattern)?.length ?? 0), 0);
}

function clamp01(value: number): number {
  return Math.max(0, Math.min(1, value));
}

function sentenceLengthScore(average: number): number {
  const [low, high] = IDEAL_SENTENCE_WORDS;
  if (average < low) {
    return clamp01(0.4 + (0.6 * average) / low);
  }
  if (average > high) {
    return clamp01(1 - (average - high) / 40);
  }
  return 1;
}

function lengthScore(words: number): number {
  const [low, high] = IDEAL_ANSWER_WORDS;
  if (words < low) {
    return clamp01(words / low);
  }
  if (words > high) {
    return clamp01(1 - (words - high) / (2 * high)) * 0.4 + 0.6;
  }
  return 1;
}

// Clarity from the text's form alone: real sentences (function words and verbs, so that keyword
// lists and word salad score low), sentence length in a readable range, few fillers, enough but not
// endless words, and vocabulary that does not circle on the same few terms. Structure multiplies
// the rest: well-sized fragments of a list are still not clear writing.
export function measureClarity(text: string): ClarityReport {
  const words = wordTokens(text);
  const sentenceCount = Math.max(1, sentences(text).length);
  const averageSentenceWords = words.length / sentenceCount;
  const fillerCount = countFillers(text);
  const fillerRate = words.length === 0 ? 0 : fillerCount / words.length;
  const terms = contentTerms(text);
  const lexicalDiversity = terms.length === 0 ? 0 : new Set(terms).size / terms.length;

  const structure = analyseStructure(text);
  const parts =
    0.35 * sentenceLengthScore(averageSentenceWords) +
    0.25 * clamp01(1 - fillerRate * 8) +
    0.25 * lengthScore(words.length) +
    0.15 * clamp01((lexicalDiversity - 0.2) / 0.4);
  return {
    score: words.length === 0 ? 0 : 10 * parts * structure.score,
    formScore: words.length === 0 ? 0 : 10 * parts,
    wordCount: words.length,
    sentenceCount,
    averageSentenceWords,
    fillerCount,
    fillerRate,
    lexicalDiversity,
    structure: structure.score,
    unstructured: structure.unstructured,
  };
}
