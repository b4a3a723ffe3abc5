import type { DimensionScores } from '../ai-provider';
import type { ClarityReport } from './clarity';
import type { KeyPointMatch } from './key-point-matcher';

export interface FeedbackInput {
  scores: DimensionScores;
  matches: readonly KeyPointMatch[];
  flags: readonly string[];
  clarity: ClarityReport;
  // Why a human should look at it (empty when the scorer is confident).
  reasons?: readonly string[];
}

const MAX_COACHED_KEY_POINTS = 3;

const GUARD_EXPLANATIONS: Readonly<Record<string, string>> = {
  too_short: 'The answer is too short to show understanding, so every dimension is capped low.',
  nonsense:
    'Most of the answer is not recognisable language or repeats the same few words, so it earns almost nothing.',
  parrots_question:
    'The answer mostly restates the question and adds almost nothing to it, so it scores close to zero.',
  copied_gold_answer:
    'The answer reproduces the reference answer nearly word for word; completeness and accuracy are capped at 5 and a reviewer should check it.',
  off_topic: 'The answer has little in common with the question and its reference answer.',
  contradicts_reference:
    'At least one statement says the opposite of the reference answer, so the scores are capped low however fluent the answer is.',
  keyword_list:
    'The answer lists terms without sentences that connect them, which shows familiarity with the words, not understanding.',
  questionable_practice:
    'The answer presents a practice a hiring team would question as the right thing to do, so the scores are capped low.',
};

const format = (value: number): string => value.toFixed(1);

function quoteList(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join('; ');
}

export function buildRationale({ scores, matches, flags, reasons = [] }: FeedbackInput): string {
  const matched = matches.filter((m) => m.matched).map((m) => m.keyPoint);
  const missed = matches.filter((m) => !m.matched).map((m) => m.keyPoint);
  const parts = [
    `Relevance ${format(scores.relevance)}, completeness ${format(scores.completeness)}, accuracy ${format(scores.accuracy)}, clarity ${format(scores.clarity)} (out of 10).`,
    matches.length === 0
      ? 'No key points were defined for this question.'
      : `Covered ${matched.length} of ${matches.length} key points${matched.length > 0 ? `: ${quoteList(matched)}` : ''}.`,
  ];
  if (missed.length > 0) {
    parts.push(`Missed: ${quoteList(missed)}.`);
  }
  for (const flag of flags) {
    if (Object.hasOwn(GUARD_EXPLANATIONS, flag)) {
      parts.push(GUARD_EXPLANATIONS[flag]);
    }
  }
  if (reasons.length > 0) {
    parts.push(`Flagged for human review: ${reasons.join('; ')}.`);
  }
  return parts.join(' ');
}

function clarityTip(clarity: ClarityReport): string {
  if (clarity.fillerRate >= 0.03) {
    return 'Cut filler words such as "um", "basically" and "you know"; a short pause sounds more confident.';
  }
  if (clarity.wordCount < 40) {
    return 'Develop the answer: aim for four or five sentences, including one concrete example.';
  }
  if (clarity.averageSentenceWords > 28) {
    return 'Break long sentences into shorter ones that each carry a single idea.';
  }
  if (clarity.wordCount > 350) {
    return 'Tighten the answer: lead with the main point and drop details that do not support it.';
  }
  return 'Structure the answer: state the main point first, then explain it, then give an example.';
}

const DIMENSION_TIPS: Readonly<Record<Exclude<keyof DimensionScores, 'clarity'>, string>> = {
  relevance:
    'Answer the question that was asked: address its core in the first sentence and keep every example tied to it.',
  completeness:
    'Before answering, list the aspects the question touches and make sure each gets at least one sentence.',
  accuracy:
    'Use precise technical terms and name the concrete mechanism behind each claim instead of describing it loosely.',
};

const GUARD_TIPS: Readonly<Record<string, string>> = {
  too_short: 'Give a full answer: a one-line reply cannot show what you know.',
  nonsense:
    'Answer in plain sentences about the question; unrelated or repeated words score nothing.',
  parrots_question: 'Do not restate the question; spend the time explaining the answer instead.',
  copied_gold_answer: 'Explain the answer in your own words, drawing on your own experience.',
  off_topic: 'Re-read the question and make sure the answer addresses what it asks.',
  contradicts_reference:
    'Double-check the facts you state; at least one claim contradicts the expected answer.',
  keyword_list:
    'Explain in full sentences how the ideas connect; a list of terms does not show understanding.',
  questionable_practice:
    'Reconsider the approach you described: keep the people affected informed, keep safeguards such as tests and reviews, and own the outcome.',
};

// Practice-mode advice: guard problems first, then the weakest dimension, then missed key points.
export function buildCoaching({ scores, matches, flags, clarity }: FeedbackInput): string[] {
  const tips = flags
    .filter((flag) => Object.hasOwn(GUARD_TIPS, flag))
    .map((flag) => GUARD_TIPS[flag]);
  const dimensions: Array<keyof DimensionScores> = [
    'relevance',
    'completeness',
    'accuracy',
    'clarity',
  ];
  const weakest = dimensions.reduce((low, d) => (scores[d] < scores[low] ? d : low), dimensions[0]);
  if (scores[weakest] < 8) {
    tips.push(weakest === 'clarity' ? clarityTip(clarity) : DIMENSION_TIPS[weakest]);
  }
  const missed = matches.filter((m) => !m.matched).slice(0, MAX_COACHED_KEY_POINTS);
  for (const { keyPoint } of missed) {
    tips.push(`Cover this point next time: ${keyPoint}.`);
  }
  if (tips.length === 0) {
    tips.push('Strong answer. To stand out further, add a short example from your own experience.');
  }
  return [...new Set(tips)];
}
