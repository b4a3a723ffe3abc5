import type { AnswerScoreRecord } from '../entities/answer-score.entity';
import type { Interview, InterviewKind } from '../entities/interview.entity';
import { type ScoreSet, scoreSet } from './score-set';

// The one rule for what a candidate receives about the assessment of their interviews, applied by
// every candidate route (interview presenter, practice feedback) and by the person's GDPR export
// (src/gdpr/README.md, "What the person's copy leaves out"):
// - practice (self-coaching): results status, overall score, per-answer scores and coaching;
// - screening: nothing of the assessment — no scores, rationale, key points, flags,
//   recommendation, fraud risk or reviewer comments — only the process (status and dates) and
//   what the person gave us (answers, recordings, reported events).
// Reference material (gold answers, key points) is never shown for either kind.
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
