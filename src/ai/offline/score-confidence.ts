import type { DimensionScores, QuestionType, ScoreConfidence } from '../ai-provider';
import type { ClaimCheck } from './claim-check';
import type { StoryReport } from './story-structure';

// Guard flags that always ask for a human, whoever scored the answer.
const REVIEW_FLAGS: Readonly<Record<string, string>> = {
  copied_gold_answer: 'the answer reproduces the reference answer',
};

// A model's verdict carries no confidence measure of its own; it is sent to a human only when a
// deterministic guard or the model itself raised a flag that needs one.
export function reviewForRemoteScore(flags: readonly string[]): ScoreConfidence {
  const reasons = flags.filter((f) => Object.hasOwn(REVIEW_FLAGS, f)).map((f) => REVIEW_FLAGS[f]);
  return { value: null, needs_review: reasons.length > 0, reasons };
}

export interface ConfidenceInput {
  questionType: QuestionType;
  flags: readonly string[];
  scores: DimensionScores;
  signals: {
    topical: number;
    coverage: number;
    referenceTerms: number;
    claims: ClaimCheck;
    story: StoryReport;
  };
  wordCount: number;
  // Absolute words ("only", "always", "never", "every") that the reference answer never uses.
  unbackedAbsolutes: number;
  weakContradictions: number;
  strongContradictions: number;
}

export interface ConfidenceResult {
  scores: DimensionScores;
  review: ScoreConfidence;
}

// Below this agreement the score is not trusted without a human.
const MIN_CONFIDENCE = 0.5;
// What an unverified answer may score on relevance and accuracy: an incomplete answer and a fluent
// wrong one look alike to text statistics, so neither is guessed high (overall stays near 5).
const UNVERIFIED_ACCURACY = 4;
const UNVERIFIED_RELEVANCE = 6;
const MAX_UNBACKED_ABSOLUTES = 3;
const ON_TOPIC = 6;
const FEW_KEY_POINTS = 0.35;
const DEVELOPED_ANSWER_WORDS = 50;

function clamp01(value: number): number {
  return Math.max(0, Math.min(1, value));
}

function quote(text: string): string {
  return text.length > 90 ? `"${text.slice(0, 87)}…"` : `"${text}"`;
}

// Confidence is agreement among independent signals (topic similarity, key points covered,
// reference terms used, claims checked against the reference, story structure). Where they
// disagree, or a heuristic found a doubtful claim, the answer is flagged for a human and its
// accuracy is held back instead of guessed high.
export function assessConfidence(input: ConfidenceInput): ConfidenceResult {
  const { signals, flags } = input;
  const reasons: string[] = [];
  let scores = { ...input.scores };
  const holdBack = (reason: string): void => {
    reasons.push(reason);
    scores = {
      ...scores,
      relevance: Math.min(scores.relevance, UNVERIFIED_RELEVANCE),
      accuracy: Math.min(scores.accuracy, UNVERIFIED_ACCURACY),
    };
  };

  // Reasons quote the reference, never the answer: they are stored in clear beside the score,
  // while the answer itself is personal data and encrypted.
  for (const c of signals.claims.contradictions) {
    reasons.push(
      c.kind === 'swapped'
        ? `${c.strong ? 'attributes' : 'may attribute'} to one side what the reference says of the other: ${quote(c.referenceClaim)}`
        : `${c.strong ? 'states' : 'may state'} the opposite of the reference claim ${quote(c.referenceClaim)}`,
    );
  }
  for (const practice of input.questionType === 'technical'
    ? []
    : signals.story.questionablePractices) {
    reasons.push(`describes questionable practice: ${practice}`);
  }
  if (flags.includes('copied_gold_answer')) {
    reasons.push('the answer reproduces the reference answer');
  }
  const guarded = flags.some((f) =>
    ['too_short', 'nonsense', 'parrots_question', 'off_topic', 'keyword_list'].includes(f),
  );
  const content =
    input.questionType === 'behavioral'
      ? [signals.story.star, signals.story.specificity, signals.coverage]
      : [signals.topical / 10, signals.coverage, signals.referenceTerms / 10];
  const disagreement = Math.max(...content) - Math.min(...content);
  if (!guarded && input.questionType !== 'behavioral' && reasons.length === 0) {
    if (
      signals.topical >= ON_TOPIC &&
      signals.coverage < FEW_KEY_POINTS &&
      input.wordCount >= DEVELOPED_ANSWER_WORDS
    ) {
      holdBack(
        'on topic and developed, but covers few key points: an incomplete answer cannot be told from a wrong one',
      );
    } else if (input.unbackedAbsolutes >= MAX_UNBACKED_ABSOLUTES && signals.coverage < 0.7) {
      holdBack(
        'makes absolute claims ("only", "always", "never") that the reference does not make',
      );
    }
  }
  const value = clamp01(1 - 0.6 * Math.max(0, disagreement - 0.35) - 0.2 * reasons.length);
  if (!guarded && reasons.length === 0 && value < MIN_CONFIDENCE) {
    holdBack('the scoring signals disagree');
  }
  return {
    scores,
    review: {
      value: Math.round(value * 100) / 100,
      needs_review: reasons.length > 0,
      reasons,
    },
  };
}
