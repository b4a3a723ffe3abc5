import type { DimensionScores } from '../../ai/ai-provider';
import type { ScoringSettings } from '../../config/app-config';
import type { InterviewRecommendation } from '../entities/interview.entity';

export function roundScore(value: number): number {
  return Math.round(value * 100) / 100;
}

export function clampDimension(value: number): number {
  return Math.max(0, Math.min(10, Number.isFinite(value) ? value : 0));
}

// Overall of one answer: the weighted mean of its four dimensions (weights sum to 1).
export function weightedOverall(
  scores: DimensionScores,
  weights: ScoringSettings['weights'],
): number {
  return roundScore(
    clampDimension(scores.relevance) * weights.relevance +
      clampDimension(scores.completeness) * weights.completeness +
      clampDimension(scores.accuracy) * weights.accuracy +
      clampDimension(scores.clarity) * weights.clarity,
  );
}

// Overall of an interview: the mean of its questions' overalls; an unanswered question counts 0.
export function interviewOverall(answerOveralls: number[], questionCount: number): number | null {
  const count = Math.max(questionCount, answerOveralls.length);
  if (count === 0) {
    return null;
  }
  return roundScore(answerOveralls.reduce((sum, v) => sum + v, 0) / count);
}

export function recommendationFor(
  overall: number,
  settings: Pick<ScoringSettings, 'selectThreshold' | 'nextRoundThreshold'>,
): InterviewRecommendation {
  if (overall >= settings.selectThreshold) {
    return 'select';
  }
  return overall >= settings.nextRoundThreshold ? 'next_round' : 'reject';
}
