import type { SkillDefinition } from './skill-definition';
import { SKILL_TAXONOMY } from './skill-taxonomy';

export type SkillGuard = 'none' | 'word' | 'list';

export interface SkillForm {
  skill: SkillDefinition;
  guard: SkillGuard;
}

// Separators people use interchangeably inside one skill name: "Node.js" = "NodeJS" = "node js",
// "CI/CD" = "CICD", "scikit-learn" = "scikit learn". "+" and "#" stay because C, C++ and C# differ.
const INSIGNIFICANT = /[\s._\-/'’]+/g;

export function lookupKey(raw: string): string {
  const text = raw.normalize('NFKC').replace(/♯/g, '#').trim().toLowerCase();
  // A leading dot is what tells ".NET" apart from the English word "net".
  const lead = /^\.[a-z]/.test(text) ? '.' : '';
  return lead + text.replace(INSIGNIFICANT, '');
}

function buildIndex(taxonomy: readonly SkillDefinition[]): Map<string, SkillForm> {
  const index = new Map<string, SkillForm>();
  for (const skill of taxonomy) {
    const wordKeys = new Set((skill.wordForms ?? []).map(lookupKey));
    const listKeys = new Set((skill.listForms ?? []).map(lookupKey));
    for (const form of [skill.name, ...skill.aliases]) {
      const key = lookupKey(form);
      if (key === '' || index.get(key)?.skill === skill) {
        continue;
      }
      const guard: SkillGuard = listKeys.has(key) ? 'list' : wordKeys.has(key) ? 'word' : 'none';
      // First definition wins; the taxonomy spec asserts there are no such clashes.
      if (!index.has(key)) {
        index.set(key, { skill, guard });
      }
    }
  }
  return index;
}

const SKILL_INDEX = buildIndex(SKILL_TAXONOMY);
const BY_NAME = new Map(SKILL_TAXONOMY.map((skill) => [skill.name, skill]));

export function findSkillForm(key: string): SkillForm | undefined {
  return SKILL_INDEX.get(key);
}

export function findSkillByName(name: string): SkillDefinition | undefined {
  return BY_NAME.get(name);
}
