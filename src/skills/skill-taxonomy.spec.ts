import { lookupKey } from './skill-index';
import { SKILL_CATEGORIES, SKILL_TAXONOMY } from './skill-taxonomy';

describe('SKILL_TAXONOMY', () => {
  const names = new Set(SKILL_TAXONOMY.map((skill) => skill.name));

  it('holds several hundred skills with unique display names', () => {
    expect(SKILL_TAXONOMY.length).toBeGreaterThanOrEqual(350);
    expect(names.size).toBe(SKILL_TAXONOMY.length);
  });

  it('never lets one spelling point at two skills', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const skill of SKILL_TAXONOMY) {
      for (const form of [skill.name, ...skill.aliases]) {
        const key = lookupKey(form);
        const previous = owner.get(key);
        if (previous && previous !== skill.name) {
          clashes.push(`${form} → ${previous} / ${skill.name}`);
        }
        owner.set(key, skill.name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('only relates skills that exist', () => {
    const dangling = SKILL_TAXONOMY.flatMap((skill) =>
      (skill.related ?? [])
        .filter((name) => !names.has(name))
        .map((name) => `${skill.name} → ${name}`),
    );
    expect(dangling).toEqual([]);
  });

  it('guards only spellings the skill actually has', () => {
    const stray = SKILL_TAXONOMY.flatMap((skill) => {
      const forms = new Set([skill.name, ...skill.aliases].map(lookupKey));
      return [...(skill.wordForms ?? []), ...(skill.listForms ?? [])]
        .filter((form) => !forms.has(lookupKey(form)))
        .map((form) => `${skill.name}: ${form}`);
    });
    expect(stray).toEqual([]);
  });

  it('files every skill under a known category and covers each category', () => {
    const used = new Set(SKILL_TAXONOMY.map((skill) => skill.category));
    expect([...used].sort()).toEqual([...SKILL_CATEGORIES].sort());
  });
});
