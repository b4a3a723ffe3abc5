import type { AnswerFlag, AnswerToScore, DimensionScores } from '../ai-provider';
import { scoringVocabulary } from './scoring-vocabulary';
import { analyseStructure } from './sentence-structure';
import { stem } from './text/stemmer';
import { isStopWord } from './text/stop-words';
import { shingles } from './text/term-weights';
import { contentTerms, isNumber, wordTokens } from './text/tokenizer';

export const MIN_ANSWER_WORDS = 8;
const NONSENSE_REAL_WORD_RATIO = 0.5;
const REPETITIVE_UNIQUE_RATIO = 0.25;
const PARROT_QUESTION_SHARE = 0.6;
const PARROT_MAX_NEW_TERMS = 3;
const COPY_SHINGLE_SIZE = 5;
const COPY_ANSWER_SHARE = 0.5;
const COPY_GOLD_SHARE = 0.5;
// Mean letter-transition log-probability that separates pronounceable words from key mashing.
// Measured against the bank vocabulary: real words -2.1 to -3.0 ("kubelet" -3.0), mashing such
// as "sdfgh" or "qwoeiru" -3.7 to -5.1.
const LETTER_LOG_PROBABILITY_THRESHOLD = -3.2;

export interface AnswerGuards {
  wordCount: number;
  realWordRatio: number;
  tooShort: boolean;
  nonsense: boolean;
  repetitive: boolean;
  parrotsQuestion: boolean;
  copiedGoldAnswer: boolean;
  // No sentence structure: terms listed or strung together without function words and verbs.
  unstructured: boolean;
}

// Ceilings applied per guard. Parroting gets the lowest ceiling of all: a restated question says
// nothing the question did not, and it is the one non-answer that similarity scoring would
// otherwise reward, so it ranks below noise.
export const GUARD_CAPS: Readonly<
  Record<
    Exclude<AnswerFlag, 'off_topic' | 'contradicts_reference' | 'questionable_practice'>,
    DimensionScores
  >
> = {
  too_short: { relevance: 1.5, completeness: 1.5, accuracy: 1.5, clarity: 1.5 },
  nonsense: { relevance: 0.5, completeness: 0.5, accuracy: 0.5, clarity: 1 },
  parrots_question: { relevance: 0, completeness: 0, accuracy: 0, clarity: 0.5 },
  // A verbatim copy of the reference proves access to it, not understanding: scored, capped at
  // half marks and flagged for a human.
  copied_gold_answer: { relevance: 10, completeness: 5, accuracy: 5, clarity: 10 },
  // A list of terms (or buzzwords strung into one sentence) shows the candidate has heard the
  // words, not that they understand them.
  keyword_list: { relevance: 3, completeness: 2, accuracy: 1.5, clarity: 2 },
};

function wordLikeness(token: string): number {
  const vocabulary = scoringVocabulary();
  if (isNumber(token) || isStopWord(token) || vocabulary.knownWords.has(token)) {
    return 1;
  }
  if (vocabulary.knownStems.has(stem(token))) {
    return 1;
  }
  if (!/^[a-z]+$/.test(token) || !/[aeiouy]/.test(token) || /(.)\1\1/.test(token)) {
    return 0;
  }
  // An unknown but pronounceable word is only half evidence of language: invented words are
  // pronounceable too, and real prose always carries known words around its rare ones.
  const margin = vocabulary.letters.averageLogProbability(token) - LETTER_LOG_PROBABILITY_THRESHOLD;
  return 0.5 / (1 + Math.exp(-margin * 6));
}

export function detectAnswerGuards(
  answer: Pick<AnswerToScore, 'questionText' | 'goldStandardAnswer' | 'answerText'>,
): AnswerGuards {
  const tokens = wordTokens(answer.answerText);
  const terms = contentTerms(answer.answerText);
  const uniqueTerms = new Set(terms);
  const questionTerms = new Set(contentTerms(answer.questionText));

  const realWordRatio =
    tokens.length === 0 ? 0 : tokens.reduce((sum, t) => sum + wordLikeness(t), 0) / tokens.length;
  const repetitive =
    terms.length >= MIN_ANSWER_WORDS && uniqueTerms.size / terms.length < REPETITIVE_UNIQUE_RATIO;

  const newTerms = [...uniqueTerms].filter((term) => !questionTerms.has(term));
  const questionShare = uniqueTerms.size === 0 ? 0 : 1 - newTerms.length / uniqueTerms.size;
  const parrotsQuestion =
    uniqueTerms.size > 0 &&
    questionShare >= PARROT_QUESTION_SHARE &&
    newTerms.length <= PARROT_MAX_NEW_TERMS;

  const answerShingles = shingles(tokens, COPY_SHINGLE_SIZE);
  const goldShingles = shingles(wordTokens(answer.goldStandardAnswer), COPY_SHINGLE_SIZE);
  const shared = [...answerShingles].filter((s) => goldShingles.has(s)).length;
  const copiedGoldAnswer =
    shared >= 3 &&
    (shared / answerShingles.size >= COPY_ANSWER_SHARE ||
      shared / goldShingles.size >= COPY_GOLD_SHARE);

  return {
    wordCount: tokens.length,
    realWordRatio,
    tooShort: tokens.length < MIN_ANSWER_WORDS,
    nonsense: tokens.length > 0 && (realWordRatio < NONSENSE_REAL_WORD_RATIO || repetitive),
    repetitive,
    parrotsQuestion,
    copiedGoldAnswer,
    unstructured: analyseStructure(answer.answerText).unstructured,
  };
}

export function guardFlags(guards: AnswerGuards): AnswerFlag[] {
  const flags: AnswerFlag[] = [];
  if (guards.tooShort) {
    flags.push('too_short');
  }
  if (guards.nonsense) {
    flags.push('nonsense');
  }
  if (guards.parrotsQuestion && !guards.nonsense) {
    flags.push('parrots_question');
  }
  if (guards.copiedGoldAnswer) {
    flags.push('copied_gold_answer');
  }
  if (guards.unstructured && !guards.nonsense && !guards.tooShort && !guards.parrotsQuestion) {
    flags.push('keyword_list');
  }
  return flags;
}

export function applyGuardCaps(scores: DimensionScores, flags: readonly string[]): DimensionScores {
  const capped = { ...scores };
  for (const flag of flags) {
    if (!Object.hasOwn(GUARD_CAPS, flag)) {
      continue;
    }
    const caps = GUARD_CAPS[flag as keyof typeof GUARD_CAPS];
    capped.relevance = Math.min(capped.relevance, caps.relevance);
    capped.completeness = Math.min(capped.completeness, caps.completeness);
    capped.accuracy = Math.min(capped.accuracy, caps.accuracy);
    capped.clarity = Math.min(capped.clarity, caps.clarity);
  }
  return capped;
}
