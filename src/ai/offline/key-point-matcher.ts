import { scoringVocabulary } from './scoring-vocabulary';
import { stem } from './text/stemmer';
import { RUBRIC_WORDS } from './text/stop-words';
import { contentTerms, isNumber, wordTokens } from './text/tokenizer';

const MATCH_SHARE = 0.5;
const PREFIX_LENGTH = 6;
const NUMBER_CUE = '#number';

// Looser evidence for rubric-style key points ("states a measurable result", "takes
// ownership"): a concept in the key point is also satisfied by any of these words in the answer.
const CUE_WORDS: Readonly<Record<string, string>> = {
  result:
    'outcome impact reduced improved increased decreased saved cut delivered shipped launched dropped fell grew #number',
  outcome: 'result impact reduced improved increased shipped launched delivered #number',
  measurable: 'measured metric percent data #number',
  measure: 'measured metric metrics percent dashboard data profile #number',
  evidence: 'measured data metric percent showed #number',
  learned: 'learnt lesson realised realized taught next differently would',
  reflect: 'learned learnt lesson realised realized differently next',
  action:
    'i decided built wrote led implemented proposed created added fixed asked organised organized set',
  personal: 'i my myself me',
  personally: 'i my myself me',
  contribution: 'i my built wrote designed led owned implemented',
  situation: 'when project team company joined during while',
  stake: 'risk deadline customers customer users revenue critical',
  communicate: 'told informed updated explained shared talked escalated raised',
  communicates: 'told informed updated explained shared talked escalated raised',
  stakeholder: 'manager product owner customer lead sales leadership sponsor client',
  escalate: 'manager lead escalated raised security',
  ownership: 'owned responsibility responsible took i',
  prioritize: 'priority priorities essential must first important defer deferred scope',
  rollback: 'revert reverted rolled previous',
  root: 'cause caused why investigate investigated traced found',
  example: 'instance project case when',
  data: 'metrics measured numbers dashboards logs',
  feedback: 'review reviewed comments criticism',
};

export interface KeyPointMatch {
  keyPoint: string;
  matched: boolean;
  // Share of the key point's evidence found in the answer, weighted by term rarity (0..1).
  coverage: number;
}

export interface AnswerEvidence {
  contentTerms: ReadonlySet<string>;
  allStems: ReadonlySet<string>;
  hasNumber: boolean;
}

export function answerEvidence(answerText: string): AnswerEvidence {
  const tokens = wordTokens(answerText);
  return {
    contentTerms: new Set(contentTerms(answerText)),
    allStems: new Set(tokens.map(stem)),
    hasNumber: tokens.some(isNumber) || /%/.test(answerText),
  };
}

const CUE_STEMS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(CUE_WORDS).map(([concept, words]) => [
    stem(concept),
    words.split(' ').map((word) => (word === NUMBER_CUE ? word : stem(word))),
  ]),
);

// Exact stem, or a shared six-letter prefix for long terms ("replica" / "replicate").
export function hasTerm(term: string, evidence: AnswerEvidence): boolean {
  if (evidence.contentTerms.has(term)) {
    return true;
  }
  if (term.length < PREFIX_LENGTH) {
    return false;
  }
  const prefix = term.slice(0, PREFIX_LENGTH);
  for (const candidate of evidence.contentTerms) {
    if (candidate.length >= PREFIX_LENGTH && candidate.startsWith(prefix)) {
      return true;
    }
  }
  return false;
}

function termPresent(term: string, evidence: AnswerEvidence): boolean {
  if (hasTerm(term, evidence)) {
    return true;
  }
  const cues = CUE_STEMS.get(term) ?? [];
  return cues.some((cue) => (cue === NUMBER_CUE ? evidence.hasNumber : evidence.allStems.has(cue)));
}

export function keyPointTerms(keyPoint: string): string[] {
  const rubric = new Set([...RUBRIC_WORDS].map(stem));
  const terms = [...new Set(contentTerms(keyPoint))].filter((term) => !rubric.has(term));
  return terms.length > 0 ? terms : [...new Set(contentTerms(keyPoint))];
}

// A key point counts as covered when at least half of its (rarity-weighted) content terms, or
// their cue words, appear in the answer, and at least two terms for multi-term points.
export function matchKeyPoint(keyPoint: string, evidence: AnswerEvidence): KeyPointMatch {
  const { weights } = scoringVocabulary();
  const terms = keyPointTerms(keyPoint);
  if (terms.length === 0) {
    return { keyPoint, matched: false, coverage: 0 };
  }
  let total = 0;
  let found = 0;
  let hits = 0;
  for (const term of terms) {
    const weight = weights.idf(term);
    total += weight;
    if (termPresent(term, evidence)) {
      found += weight;
      hits += 1;
    }
  }
  const coverage = found / total;
  return {
    keyPoint,
    matched: coverage >= MATCH_SHARE && hits >= Math.min(2, terms.length),
    coverage,
  };
}

export function matchKeyPoints(
  keyPoints: readonly string[],
  evidence: AnswerEvidence,
): KeyPointMatch[] {
  return keyPoints.map((point) => matchKeyPoint(point, evidence));
}
