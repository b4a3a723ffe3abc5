import { readFileSync } from 'node:fs';
import type {
  AiProvider,
  AiSource,
  AnswerToScore,
  DimensionScores,
  QuestionType,
} from '../ai-provider';
import { meanAbsoluteError, pearson, spearman } from './agreement-metrics';

export const ANSWER_CATEGORIES = [
  'excellent',
  'good_incomplete',
  'vague',
  'confidently_wrong',
  'off_topic',
  'keyword_list',
] as const;
export type AnswerCategory = (typeof ANSWER_CATEGORIES)[number];

export interface GradedAnswer {
  category: AnswerCategory;
  human: number;
  text: string;
}

export interface EvaluationQuestion {
  id: string;
  type: QuestionType;
  skills: string[];
  question: string;
  gold: string;
  key_points: string[];
  answers: GradedAnswer[];
}

export interface EvaluationSet {
  split: string;
  questions: EvaluationQuestion[];
}

export function loadEvaluationSet(path: string): EvaluationSet {
  return JSON.parse(readFileSync(path, 'utf8')) as EvaluationSet;
}

export function answerToScore(question: EvaluationQuestion, answer: GradedAnswer): AnswerToScore {
  return {
    questionText: question.question,
    goldStandardAnswer: question.gold,
    keyPoints: question.key_points,
    answerText: answer.text,
    questionType: question.type,
    skills: question.skills,
  };
}

export interface ScoredAnswer {
  id: string;
  questionType: QuestionType;
  category: AnswerCategory;
  human: number;
  machine: number;
  needsReview: boolean;
  source: AiSource;
  flags: string[];
}

// The interview's default weights (WEIGHT_* in API.md); the overall is what a recruiter sees.
export const DEFAULT_WEIGHTS: DimensionScores = {
  relevance: 0.3,
  completeness: 0.25,
  accuracy: 0.3,
  clarity: 0.15,
};

export function overallOf(scores: DimensionScores, weights = DEFAULT_WEIGHTS): number {
  const value =
    scores.relevance * weights.relevance +
    scores.completeness * weights.completeness +
    scores.accuracy * weights.accuracy +
    scores.clarity * weights.clarity;
  return Math.round(value * 100) / 100;
}

export async function scoreEvaluationSet(
  provider: AiProvider,
  set: EvaluationSet,
): Promise<ScoredAnswer[]> {
  const results: ScoredAnswer[] = [];
  for (const question of set.questions) {
    for (const answer of question.answers) {
      const result = await provider.scoreAnswer(answerToScore(question, answer));
      results.push({
        id: `${question.id}/${answer.category}`,
        questionType: question.type,
        category: answer.category,
        human: answer.human,
        machine: overallOf(result.value.scores),
        needsReview: result.value.confidence?.needs_review ?? false,
        source: result.source,
        flags: result.value.flags,
      });
    }
  }
  return results;
}

export interface AgreementSummary {
  answers: number;
  spearman: number;
  pearson: number;
  mae: number;
  confidentlyWrong: number;
  confidentlyWrongAtLeast6: number;
  keywordListMax: number;
  // Answers a human is asked to grade, and how many of them are confidently wrong.
  flaggedForReview: number;
  confidentlyWrongFlagged: number;
  meanByCategory: Record<AnswerCategory, number>;
}

export function summarise(scored: readonly ScoredAnswer[]): AgreementSummary {
  const human = scored.map((s) => s.human);
  const machine = scored.map((s) => s.machine);
  const wrong = scored.filter((s) => s.category === 'confidently_wrong');
  const meanOf = (category: AnswerCategory): number => {
    const values = scored.filter((s) => s.category === category).map((s) => s.machine);
    return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
  };
  return {
    answers: scored.length,
    spearman: spearman(human, machine),
    pearson: pearson(human, machine),
    mae: meanAbsoluteError(human, machine),
    confidentlyWrong: wrong.length,
    confidentlyWrongAtLeast6: wrong.filter((s) => s.machine >= 6).length,
    keywordListMax: Math.max(
      ...scored.filter((s) => s.category === 'keyword_list').map((s) => s.machine),
    ),
    flaggedForReview: scored.filter((s) => s.needsReview).length,
    confidentlyWrongFlagged: wrong.filter((s) => s.needsReview).length,
    meanByCategory: Object.fromEntries(ANSWER_CATEGORIES.map((c) => [c, meanOf(c)])) as Record<
      AnswerCategory,
      number
    >,
  };
}
