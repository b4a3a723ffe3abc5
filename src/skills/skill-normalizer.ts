import type { SkillDefinition } from './skill-definition';
import { findSkillByName, findSkillForm, lookupKey } from './skill-index';
import { scanSkillMentions, type SkillScanOptions } from './skill-text-scanner';

export type { SkillScanOptions } from './skill-text-scanner';

export interface NormalizeSkillsOptions {
  // Keep entries the taxonomy does not know (trimmed, de-duplicated) instead of dropping them.
  keepUnknown?: boolean;
}

const MAX_UNKNOWN_SKILL_LENGTH = 60;
const EDGE_NOISE = ' \t\r\n"\'“”‘’`•·*-–—,;:()[]';
// Skill names are short; anything longer is a sentence, not a skill.
const MAX_SKILL_INPUT_LENGTH = 120;

// "Python 3.11", "Angular v17", "Java 21+": the version does not change the skill. Read from the
// end with a loop: /\s*v?\d+(?:\.\d+)*\+?$/ would retry from every digit of a long number.
function withoutTrailingVersion(text: string): string {
  let end = text.length;
  if (text[end - 1] === '+') {
    end -= 1;
  }
  const digitsEnd = end;
  while (end > 0 && ((text[end - 1] >= '0' && text[end - 1] <= '9') || text[end - 1] === '.')) {
    end -= 1;
  }
  const version = text.slice(end, digitsEnd);
  if (
    version === '' ||
    version.startsWith('.') ||
    version.endsWith('.') ||
    version.includes('..')
  ) {
    return text;
  }
  if (text[end - 1] === 'v' || text[end - 1] === 'V') {
    end -= 1;
  }
  return text.slice(0, end).trimEnd();
}

// Trims bullets, quotes and list punctuation with a loop; /[…]+$/ backtracks quadratically.
function tidy(raw: string): string {
  let start = 0;
  let end = raw.length;
  while (start < end && EDGE_NOISE.includes(raw[start])) {
    start += 1;
  }
  while (end > start && EDGE_NOISE.includes(raw[end - 1])) {
    end -= 1;
  }
  return raw.slice(start, end).replace(/\s+/g, ' ');
}

function resolve(raw: string): SkillDefinition | null {
  if (raw.length > MAX_SKILL_INPUT_LENGTH) {
    return null;
  }
  const trimmed = tidy(raw);
  if (trimmed === '') {
    return null;
  }
  const direct = findSkillForm(lookupKey(trimmed));
  if (direct) {
    return direct.skill;
  }
  const withoutVersion = withoutTrailingVersion(trimmed);
  if (withoutVersion !== trimmed && withoutVersion !== '') {
    const versioned = findSkillForm(lookupKey(withoutVersion));
    if (versioned) {
      return versioned.skill;
    }
  }
  // "Go (Golang)", "Postgres (9.6)": try what stands before the parenthesis.
  const beforeParen = trimmed.split('(')[0];
  if (beforeParen !== trimmed && beforeParen.trim() !== '') {
    return resolve(beforeParen);
  }
  return null;
}

export function normalizeSkill(raw: string): string | null {
  return resolve(raw)?.name ?? null;
}

export function getSkillDefinition(nameOrAlias: string): SkillDefinition | null {
  return findSkillByName(nameOrAlias) ?? resolve(nameOrAlias);
}

export function skillKey(name: string): string {
  const known = resolve(name);
  return lookupKey(known ? known.name : tidy(name));
}

export function normalizeSkills(list: string[], options: NormalizeSkillsOptions = {}): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of list) {
    const known = resolve(raw);
    let display: string | null = known?.name ?? null;
    if (!display && options.keepUnknown) {
      const tidied = tidy(raw);
      display = tidied.length > 0 && tidied.length <= MAX_UNKNOWN_SKILL_LENGTH ? tidied : null;
    }
    if (!display) {
      continue;
    }
    const key = lookupKey(display);
    if (!seen.has(key)) {
      seen.add(key);
      result.push(display);
    }
  }
  return result;
}

export function extractSkillsFromText(text: string, options: SkillScanOptions = {}): string[] {
  const names = new Set<string>();
  for (const mention of scanSkillMentions(text, options)) {
    names.add(mention.name);
  }
  return [...names];
}

export function countSkillMentions(
  text: string,
  options: SkillScanOptions = {},
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mention of scanSkillMentions(text, options)) {
    counts.set(mention.name, (counts.get(mention.name) ?? 0) + 1);
  }
  return counts;
}
