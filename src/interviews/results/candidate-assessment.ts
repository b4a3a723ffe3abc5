import type { AnswerScoreRecord } from '../entities/answer-score.entity';
import type { Interview, InterviewKind } from '../entities/interview.entity';
import { type ScoreSet, scoreSet } from './score-set';

// The one rule for what a candidate receives about an assessment: practice yes, screening no
// (see ../README.md, "What a candidate sees of an assessment").
export function candidateSeesAssessment(kind: InterviewKind): boolean {
  return kind === 'practice';
}

export interface CandidateInterviewResults {
  results_status: Interview['resultsStatus'] | null;
  overall_score: number | null;
}

export function candidateInterviewResults(interview: Interview): CandidateInterviewResults {
  const visible = candidateSeesAssessment(interview.kind);
  return {
    results_status: visible ? interview.resultsStatus : null,
    overall_score: visible ? interview.overallScore : null,
  };
}

export interface CandidateAnswerAssessment {
  // The human review when there is one, else the machine score.
  scores: ScoreSet | null;
  coaching: string[];
}

// `scores` are the score rows of one answer. Null when the candidate may not see them.
export function candidateAnswerAssessment(
  kind: InterviewKind,
  scores: readonly AnswerScoreRecord[],
): CandidateAnswerAssessment | null {
  if (!candidateSeesAssessment(kind)) {
    return null;
  }
  const machine = scores.find((s) => s.kind === 'machine');
  const effective = scores.find((s) => s.kind === 'human') ?? machine;
  return {
    scores: effective ? scoreSet(effective) : null,
    coaching: machine?.coaching ?? [],
  };
}
