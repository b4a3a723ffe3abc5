import { isStopWord } from './text/stop-words';
import { sentences, wordTokens } from './text/tokenizer';

// Words that make a sequence of terms a sentence: auxiliaries, modals and subject pronouns. A
// sentence without any of them, and with few function words, is a list of terms.
const VERB_CUES: ReadonlySet<string> = new Set(
  `is are was were be been being am has have had do does did can could will would shall should may
  might must i we you they he she it its theres thats im ive weve youre theyre`.split(/\s+/),
);

// English prose runs at 40–55 % function words (terse technical prose rarely below 30 %); lists of
// terms, buzzwords strung together and word salad at 0–20 %.
const PROSE_FUNCTION_WORDS = 0.3;
const LIST_FUNCTION_WORDS = 0.25;
const MIN_WORDS_FOR_LIST = 4;
const LIST_SEGMENTS = 5;
const LIST_SEGMENT_WORDS = 3;

export interface StructureReport {
  functionWordRatio: number;
  // Share of sentences with a verb cue.
  verbSentenceShare: number;
  // Comma-separated fragments of one to three words make up most of the answer.
  listLike: boolean;
  // No sentence structure at all: a bare list of terms, buzzwords strung together, word salad.
  unstructured: boolean;
  // 0..1: how much the text reads as sentences.
  score: number;
}

function clamp01(value: number): number {
  return Math.max(0, Math.min(1, value));
}

export function analyseStructure(text: string): StructureReport {
  const tokens = wordTokens(text);
  const parts = sentences(text);
  const functionWordRatio =
    tokens.length === 0 ? 0 : tokens.filter(isStopWord).length / tokens.length;
  const verbSentences = parts.filter((s) => wordTokens(s).some((t) => VERB_CUES.has(t))).length;
  const verbSentenceShare = parts.length === 0 ? 0 : verbSentences / parts.length;
  const segments = text
    .split(/[,;\n]/)
    .map((segment) => wordTokens(segment).length)
    .filter((n) => n > 0);
  const shortSegmentWords = segments
    .filter((n) => n <= LIST_SEGMENT_WORDS)
    .reduce((sum, n) => sum + n, 0);
  const listLike =
    segments.length >= LIST_SEGMENTS && shortSegmentWords >= 0.5 * Math.max(1, tokens.length);
  const unstructured =
    tokens.length >= MIN_WORDS_FOR_LIST &&
    (functionWordRatio < LIST_FUNCTION_WORDS ||
      (listLike && functionWordRatio < PROSE_FUNCTION_WORDS));
  const score =
    0.7 * clamp01((functionWordRatio - 0.1) / (PROSE_FUNCTION_WORDS - 0.1)) +
    0.3 * verbSentenceShare;
  return {
    functionWordRatio,
    verbSentenceShare,
    listLike,
    unstructured,
    score: unstructured ? Math.min(score, 0.2) : score,
  };
}
