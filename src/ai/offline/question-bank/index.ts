import { ARCHITECTURE_SKILLS } from './architecture-skills';
import type { SkillBankEntry } from './bank-types';
import { CLOUD_SKILLS } from './cloud-skills';
import { DATA_ML_SKILLS } from './data-ml-skills';
import { DATA_STORE_SKILLS } from './data-store-skills';
import { DELIVERY_SKILLS } from './delivery-skills';
import { ENGINEERING_SKILLS } from './engineering-skills';
import { FRAMEWORK_SKILLS } from './framework-skills';
import { LANGUAGE_SKILLS } from './language-skills';
import { PRODUCT_SKILLS } from './product-skills';
import { WEB_SKILLS } from './web-skills';

export type { BankQuestion, SkillBankEntry } from './bank-types';

export const QUESTION_BANK: readonly SkillBankEntry[] = [
  ...WEB_SKILLS,
  ...LANGUAGE_SKILLS,
  ...DATA_STORE_SKILLS,
  ...FRAMEWORK_SKILLS,
  ...CLOUD_SKILLS,
  ...DELIVERY_SKILLS,
  ...ARCHITECTURE_SKILLS,
  ...ENGINEERING_SKILLS,
  ...DATA_ML_SKILLS,
  ...PRODUCT_SKILLS,
];

// Names that are also everyday words: they identify a skill when a caller lists it, but are
// too ambiguous to detect in free text ("go to market", "a swift reply", "security deposit").
const AMBIGUOUS_IN_PROSE = new Set([
  'go',
  'rust',
  'swift',
  'spring',
  'express',
  'next',
  'security',
  'testing',
  'shell',
  'elastic',
  'tf',
  'ml',
  'ts',
  'js',
  'py',
  'ux',
  'sre',
  'qa',
  'ror',
]);

export function skillKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\s_]+/g, ' ')
    .replace(/^[\s,;:]+|[\s,;:.]+$/g, '');
}

function buildIndex(): Map<string, SkillBankEntry> {
  const index = new Map<string, SkillBankEntry>();
  for (const entry of QUESTION_BANK) {
    for (const name of [entry.skill, ...entry.aliases]) {
      const key = skillKey(name);
      if (!index.has(key)) {
        index.set(key, entry);
      }
    }
  }
  return index;
}

const BANK_INDEX = buildIndex();

// Case-insensitive lookup by name or alias; "Kubernetes (K8s)" and "iOS/Swift" resolve too.
export function findSkillEntry(skill: string): SkillBankEntry | undefined {
  const key = skillKey(skill);
  const candidates = [key, key.replace(/\s*\(.*\)$/, ''), ...key.split(/\s*(?:\/|&|,| and )\s*/)];
  for (const candidate of candidates) {
    const entry = BANK_INDEX.get(skillKey(candidate));
    if (entry) {
      return entry;
    }
  }
  return undefined;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Skills of the bank that a free text names, in order of first mention.
export function detectBankSkills(text: string): SkillBankEntry[] {
  const haystack = ` ${text.toLowerCase()} `;
  const found: Array<{ entry: SkillBankEntry; at: number }> = [];
  for (const entry of QUESTION_BANK) {
    const names = [entry.skill, ...entry.aliases]
      .map(skillKey)
      .filter((n) => !AMBIGUOUS_IN_PROSE.has(n));
    let first = -1;
    for (const name of names) {
      const match = new RegExp(`(^|[^a-z0-9+#.])${escapeForRegExp(name)}(?![a-z0-9+#])`).exec(
        haystack,
      );
      if (match && (first === -1 || match.index < first)) {
        first = match.index;
      }
    }
    if (first !== -1) {
      found.push({ entry, at: first });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ entry }) => entry);
}
