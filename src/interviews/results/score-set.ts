import type { AnswerScoreRecord } from '../entities/answer-score.entity';
import type { ScoreSet } from './results.presenter';

export function scoreSet(s: AnswerScoreRecord): ScoreSet {
  return {
    relevance: s.relevance,
    completeness: s.completeness,
    accuracy: s.accuracy,
    clarity: s.clarity,
    overall: s.overall,
  };
}
