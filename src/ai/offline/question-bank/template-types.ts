import type { Difficulty, QuestionType } from '../../ai-provider';

// A question with placeholders filled in at generation time: {role} (job title), {skill} and
// {domain} (what the company builds, inferred from the job description).
export interface QuestionTemplate {
  id: string;
  type: QuestionType;
  difficulty: Difficulty;
  // Soft skill a behavioural or situational question probes; reported in skills_tested.
  competency?: string;
  text: string;
  gold: string;
  keyPoints: readonly string[];
}
