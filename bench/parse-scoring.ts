import type { ParsedResume } from '../src/resumes/parsing/resume-parser';
import { skillKey } from '../src/skills/skill-normalizer';
import type { GroundTruthEntry } from '../test/fixtures/resumes/resume-corpus';

// How one parsed résumé is scored against its ground truth. Every field scores 0…1 and the
// overall score of a file is their plain mean; the corpus total of a field is the mean over files.
export const FIELDS = [
  'name',
  'email',
  'phone',
  'location',
  'experience',
  'position',
  'company',
  'education',
  'skills_must',
  'skills_precision',
] as const;

export type Field = (typeof FIELDS)[number];

export interface FileScore {
  file: string;
  scores: Record<Field, number>;
  overall: number;
  // What the parser said, for the per-file table.
  seen: Record<Field, string>;
}

export interface ParserAnswer {
  parsed: ParsedResume;
  currentPosition: string | null;
  currentCompany: string | null;
}

// Exact match after Unicode, case and spacing normalisation: "Yahoo!" ≠ "Yahoo" unless accepted.
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const tidy = (value: string | null | undefined): string =>
    (value ?? '')
      .normalize('NFKC')
      .replace(/\u00ad/g, '')
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .join(' ');
  return tidy(a) === tidy(b);
}

function matchesTruth(
  truth: GroundTruthEntry,
  field: string,
  expected: string | null,
  actual: string | null | undefined,
): boolean {
  const accepted = [expected, ...(truth.accept?.[field] ?? [])];
  return accepted.some((value) =>
    value === null ? actual == null || actual.trim() === '' : sameText(value, actual),
  );
}

// Degree levels, decided here without the parser's own tables so the benchmark does not grade
// the parser with its own rules.
const LEVELS: [RegExp, string][] = [
  [/\b(?:ph\.?\s?d|doctor(?:ate)?|d\.?phil)\b/i, 'doctorate'],
  [/\b(?:master|m\.?\s?sc?|m\.?\s?eng|m\.?\s?tech|mba|m\.?a)\b/i, 'master'],
  [/\b(?:bachelor|b\.?\s?sc?|b\.?\s?eng|b\.?\s?tech|bba|b\.?a|b\.?e)\b/i, 'bachelor'],
  [/\bassociate\b/i, 'associate'],
  [/\b(?:high school|diploma)\b/i, 'school'],
];

function degreeLevel(degree: string | null | undefined): string | null {
  if (!degree) {
    return null;
  }
  return LEVELS.find(([pattern]) => pattern.test(degree))?.[1] ?? degree.toLowerCase();
}

// Each truth entry needs one parsed entry with the same institution and, when the truth names a
// degree, the same level. Extra parsed entries count against the score.
function educationScore(truth: GroundTruthEntry, parsed: ParsedResume): number {
  const expected = truth.education;
  const found = parsed.education;
  if (expected.length === 0) {
    return found.length === 0 ? 1 : 0;
  }
  const used = new Set<number>();
  let matched = 0;
  for (const want of expected) {
    const at = found.findIndex(
      (entry, index) =>
        !used.has(index) &&
        sameText(entry.institution, want.institution) &&
        (want.degree === null || degreeLevel(entry.degree) === degreeLevel(want.degree)),
    );
    if (at >= 0) {
      used.add(at);
      matched += 1;
    }
  }
  return matched / Math.max(expected.length, found.length);
}

function keysOf(names: string[]): Set<string> {
  return new Set(names.map((name) => skillKey(name)));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function scoreFile(truth: GroundTruthEntry, answer: ParserAnswer): FileScore {
  const { parsed } = answer;
  const contact = parsed.contact;
  const [low, high] = truth.experience_years_range;
  const must = keysOf(truth.skills_must);
  const stated = keysOf(truth.skills);
  const found = keysOf(parsed.skills);
  const mustFound = [...must].filter((key) => found.has(key)).length;
  // The truth lists 10–25 of the skills a document states, not all of them, so precision is
  // taken over the parser's first k skills, k = how many the truth lists (R-precision); the
  // precision over everything the parser returned is shown beside it.
  const ranked = [...found];
  const top = ranked.slice(0, stated.size);
  const correctTop = top.filter((key) => stated.has(key)).length;
  const correct = ranked.filter((key) => stated.has(key)).length;
  const scores: Record<Field, number> = {
    name: Number(matchesTruth(truth, 'name', truth.name, contact.name)),
    email: Number(matchesTruth(truth, 'email', truth.email, contact.email)),
    phone: Number(matchesTruth(truth, 'phone', truth.phone, contact.phone)),
    location: Number(matchesTruth(truth, 'location', truth.location, contact.location)),
    experience: Number(parsed.experience_years >= low && parsed.experience_years <= high),
    position: Number(
      matchesTruth(truth, 'current_position', truth.current_position, answer.currentPosition),
    ),
    company: Number(
      matchesTruth(truth, 'current_company', truth.current_company, answer.currentCompany),
    ),
    education: educationScore(truth, parsed),
    skills_must: must.size === 0 ? 1 : mustFound / must.size,
    skills_precision: top.length === 0 ? 0 : correctTop / top.length,
  };
  const seen: Record<Field, string> = {
    name: contact.name ?? '—',
    email: contact.email ?? '—',
    phone: contact.phone ?? '—',
    location: contact.location ?? '—',
    experience: `${parsed.experience_years} (${low}–${high})`,
    position: answer.currentPosition ?? '—',
    company: answer.currentCompany ?? '—',
    education: parsed.education
      .map((entry) => `${entry.degree ?? '?'} ${entry.institution}`)
      .join('; '),
    skills_must: `${mustFound}/${must.size}`,
    skills_precision: `${correctTop}/${top.length} in the first ${stated.size} (all: ${correct}/${found.size})`,
  };
  const values = FIELDS.map((field) => scores[field]);
  return {
    file: truth.file,
    scores: Object.fromEntries(FIELDS.map((field) => [field, round(scores[field])])) as Record<
      Field,
      number
    >,
    overall: round(values.reduce((sum, value) => sum + value, 0) / values.length),
    seen,
  };
}

export function totals(files: FileScore[]): { fields: Record<Field, number>; overall: number } {
  const mean = (values: number[]): number =>
    values.length === 0 ? 0 : round(values.reduce((sum, value) => sum + value, 0) / values.length);
  return {
    fields: Object.fromEntries(
      FIELDS.map((field) => [field, mean(files.map((file) => file.scores[field]))]),
    ) as Record<Field, number>,
    overall: mean(files.map((file) => file.overall)),
  };
}
