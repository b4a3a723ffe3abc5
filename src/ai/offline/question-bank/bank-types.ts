import type { Difficulty } from '../../ai-provider';

export interface BankQuestion {
  difficulty: Difficulty;
  text: string;
  gold: string;
  keyPoints: readonly string[];
}

export interface SkillBankEntry {
  // Display name, aligned with the canonical names of the skills taxonomy.
  skill: string;
  // Lower-case alternative names a job or résumé may use for the same skill.
  aliases: readonly string[];
  questions: readonly BankQuestion[];
}
