import { skillKey } from '../skills/skill-normalizer';

export function skillKeysOf(skills: string[]): string[] {
  return [...new Set(skills.map((s) => skillKey(s)).filter(Boolean))];
}
