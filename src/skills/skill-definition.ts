export const SKILL_CATEGORIES = [
  'language',
  'framework',
  'mobile',
  'database',
  'cloud',
  'devops',
  'data',
  'ml',
  'testing',
  'security',
  'tool',
  'design',
  'practice',
  'methodology',
  'soft-skill',
] as const;

export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

export interface SkillDefinition {
  name: string;
  aliases: string[];
  category: SkillCategory;
  related?: string[];
  // Forms that are also everyday words ("React", "Spark", "Chef"). In free text they count only
  // when capitalised mid-sentence or when they sit in a list next to another skill.
  wordForms?: string[];
  // Forms too short to trust on their own ("R", "Go", "C"). In free text they count only when
  // capitalised and inside a list of skills; a plain `normalizeSkill('go')` still resolves them.
  listForms?: string[];
}

export type SkillEntry = Omit<SkillDefinition, 'category'>;

export function inCategory(category: SkillCategory, entries: SkillEntry[]): SkillDefinition[] {
  return entries.map((entry) => ({ ...entry, category }));
}
