import { findDateRanges, type MonthSpan, yearOf } from './resume-dates';
import { isLocation, lineParts, removeSpan, stripBullet, wordCount } from './resume-line-parts';
import { wordsOf } from './resume-roles';

export interface EducationEntry {
  institution: string;
  degree?: string;
  field?: string;
  start_year?: number;
  end_year?: number;
}

export interface Education {
  entries: EducationEntry[];
  // When the person studied, in months, overlapping and adjacent periods merged.
  periods: MonthSpan[];
}

interface DegreePattern {
  pattern: RegExp;
  degree: string;
}

// Spelled-out forms match in any case; abbreviations only as written (or in capitals), so the
// English words "be" and "ma" (or "Boston, MA") are not read as degrees. Every pattern is a
// plain alternation of fixed words between boundaries: linear.
const DEGREES: DegreePattern[] = [
  { pattern: /\b(?:doctor of philosophy|doctorate)\b/i, degree: 'PhD' },
  { pattern: /\b(?:Ph\.?\s?D\.?|PHD|D\.?Phil\.?)(?![\p{L}])/u, degree: 'PhD' },
  { pattern: /\bmaster of business administration\b/i, degree: 'MBA' },
  { pattern: /\bM\.?B\.?A\.?(?![\p{L}])/u, degree: 'MBA' },
  { pattern: /\bmaster of science\b/i, degree: 'MS' },
  { pattern: /\b(?:M\.?\s?Sc\.?|MSC|M\.S\.|MS)(?![\p{L}])/u, degree: 'MS' },
  { pattern: /\bmaster of engineering\b/i, degree: 'MEng' },
  { pattern: /\b(?:M\.?\s?Eng\.?|MENG)(?![\p{L}])/u, degree: 'MEng' },
  { pattern: /\bmaster of technology\b/i, degree: 'MTech' },
  { pattern: /\b(?:M\.?\s?Tech\.?|MTECH)(?![\p{L}])/u, degree: 'MTech' },
  { pattern: /\bmaster of arts\b/i, degree: 'MA' },
  { pattern: /\b(?:M\.A\.|MA(?=\s+(?:in|of|IN|OF)\b))/u, degree: 'MA' },
  { pattern: /\bbachelor of business administration\b/i, degree: 'BBA' },
  { pattern: /\bBBA(?![\p{L}])/u, degree: 'BBA' },
  { pattern: /\bbachelor of science\b/i, degree: 'BS' },
  { pattern: /\b(?:B\.?\s?Sc\.?|BSC|B\.S\.|BS)(?![\p{L}])/u, degree: 'BS' },
  { pattern: /\bbachelor of engineering\b/i, degree: 'BE' },
  { pattern: /\b(?:B\.E\.|BE|B\.?\s?Eng\.?|BENG)(?![\p{L}])/u, degree: 'BE' },
  { pattern: /\bbachelor of technology\b/i, degree: 'BTech' },
  { pattern: /\b(?:B\.?\s?Tech\.?|BTECH)(?![\p{L}])/u, degree: 'BTech' },
  { pattern: /\bbachelor of arts\b/i, degree: 'BA' },
  { pattern: /\b(?:B\.A\.|BA)(?![\p{L}])/u, degree: 'BA' },
  {
    pattern: /\bassociate(?:'s)? (?:degree|of (?:arts|science|applied science))\b/i,
    degree: 'Associate',
  },
  { pattern: /\bmaster(?:'?s)?(?: degree)?\b/i, degree: 'Master' },
  { pattern: /\bbachelor(?:'?s)?(?: degree)?\b/i, degree: 'Bachelor' },
  { pattern: /\bhigh school(?: diploma)?\b/i, degree: 'High School' },
  { pattern: /\bdiploma\b/i, degree: 'Diploma' },
];

const INSTITUTION =
  /\b(?:university|universit[äéà]t?|universidad|college|institute|institut|school|academy|polytechnic|politecnico|conservatory|IIT|MIT|UCLA|ETH)\b/iu;
// "College of Engineering" under a university is a part of it, not another school.
const SUB_UNIT = [
  'college of',
  'school of',
  'faculty of',
  'department of',
  'dept of',
  'division of',
];
const FIELD_CONNECTOR = /^[\s,:;–—-]*(?:(?:of\s+science\s+)?(?:in|of)\s+)?/i;
const FIELD = /^(\p{Lu}[\p{L}&/.'’-]*(?:\s+(?:and|of|&|in|for|the|\p{Lu}[\p{L}&/.'’-]*))*)/u;
const FIELD_STOP_WORDS = new Set(['and', 'of', '&', 'in', 'for', 'the']);
const GPA =
  /\b(?:c?gpa|grade|honou?rs|cum\.? laude|magna|summa|distinction|coursework|thesis|advisor|minors?)\b/i;
const MAX_SCHOOL_NAME_WORDS = 6;
// Typical lengths, for a degree printed with its end date only.
const YEARS_BY_DEGREE: Record<string, number> = {
  PhD: 5,
  MBA: 2,
  MS: 2,
  MEng: 1,
  MTech: 2,
  MA: 2,
  Master: 2,
};
const DEFAULT_YEARS = 4;
// A year alone reads as an academic year: "2011 – 2014" is September 2011 to June 2014.
const ACADEMIC_START_MONTH = 9;
const ACADEMIC_END_MONTH = 6;

interface DegreeHit {
  degree: string;
  field?: string;
  index: number;
  // Degree, connector and field together.
  length: number;
}

interface Draft extends Partial<EducationEntry> {
  startMonth?: number;
  endMonth?: number;
}

function withoutTrailingConnectors(field: string): string {
  const words = field.split(' ');
  while (words.length > 0 && FIELD_STOP_WORDS.has(words[words.length - 1].toLowerCase())) {
    words.pop();
  }
  return words.join(' ').trim();
}

function beforeGrades(text: string): string {
  const grade = GPA.exec(text);
  return grade ? text.slice(0, grade.index) : text;
}

function findDegree(line: string): DegreeHit | null {
  let best: { degree: string; index: number; length: number } | null = null;
  for (const { pattern, degree } of DEGREES) {
    const match = pattern.exec(line);
    // The earliest mention wins; on a tie the spelled-out form listed first does.
    if (match && (best === null || match.index < best.index)) {
      best = { degree, index: match.index, length: match[0].length };
    }
  }
  if (best === null) {
    return null;
  }
  const after = line.slice(best.index + best.length);
  const connector = FIELD_CONNECTOR.exec(after)?.[0] ?? '';
  const raw = FIELD.exec(beforeGrades(after.slice(connector.length)))?.[1];
  const field = raw ? withoutTrailingConnectors(raw) : '';
  if (!field || INSTITUTION.test(field)) {
    return best;
  }
  return { ...best, field, length: best.length + connector.length + raw!.length };
}

function isSubUnit(part: string): boolean {
  const lower = wordsOf(part).join(' ');
  return SUB_UNIT.some((prefix) => lower.startsWith(prefix));
}

function institutionIn(parts: string[]): string | undefined {
  return parts.find((part) => INSTITUTION.test(part) && !isLocation(part));
}

// A school named without "University" or "College" ("La Martiniere for Boys", "CalTech"): a
// short capitalised line or part, when nothing else names the school.
function looksLikeSchoolName(part: string): boolean {
  const first = part[0];
  return (
    first !== undefined &&
    first === first.toUpperCase() &&
    first !== first.toLowerCase() &&
    wordCount(part) <= MAX_SCHOOL_NAME_WORDS &&
    !GPA.test(part)
  );
}

function finish(draft: Draft): EducationEntry | null {
  if (!draft.institution) {
    return null;
  }
  const entry: EducationEntry = { institution: draft.institution };
  for (const key of ['degree', 'field', 'start_year', 'end_year'] as const) {
    if (draft[key] !== undefined) {
      (entry as unknown as Record<string, unknown>)[key] = draft[key];
    }
  }
  return entry;
}

function hasDate(line: string | undefined, now: Date): boolean {
  return line !== undefined && findDateRanges(stripBullet(line), now).length > 0;
}

export function parseEducation(lines: string[], now: Date): Education {
  const drafts: Draft[] = [];
  let current: Draft = {};
  const start = (seed: Draft = {}): void => {
    drafts.push(current);
    current = seed;
  };
  const content = lines.map(stripBullet).filter((line) => line !== '');

  content.forEach((raw, position) => {
    let line = raw;
    const ranges = findDateRanges(line, now);
    const range = ranges.find((candidate) => !candidate.single) ?? ranges[0];
    if (range) {
      line = removeSpan(line, range.index, range.length);
    }
    const degree = findDegree(line);
    const rest = degree ? removeSpan(line, degree.index, degree.length) : line;
    const parts = lineParts(beforeGrades(rest));
    let institution = institutionIn(parts);
    if (institution && current.institution && !degree && !range && isSubUnit(institution)) {
      institution = undefined;
    }
    const newDegree = degree !== null && current.degree !== undefined;
    if (!institution && degree && (!current.institution || newDegree)) {
      // "BS Computer Science, Stanford, 2015": what is left after degree and field.
      institution = parts.find((part) => looksLikeSchoolName(part) && !isSubUnit(part));
    }
    const finished = current.endMonth !== undefined || current.degree !== undefined;
    if (
      !institution &&
      !degree &&
      !range &&
      finished &&
      parts.length === 1 &&
      looksLikeSchoolName(parts[0]) &&
      hasDate(content[position + 1], now)
    ) {
      // "LA MARTINIERE FOR BOYS" followed by "Grad. May 2011": a school on a line of its own.
      institution = parts[0];
    }

    // A second school, or a second degree at the same school, starts a new entry.
    const newSchool =
      institution !== undefined &&
      current.institution !== undefined &&
      institution !== current.institution;
    if (newSchool || newDegree) {
      start(
        institution === undefined && current.institution
          ? { institution: current.institution }
          : {},
      );
    }
    if (institution && !current.institution) {
      current.institution = institution;
    }
    if (degree) {
      current.degree = degree.degree;
      if (degree.field) {
        current.field = degree.field;
      }
    }
    if (range && current.startMonth === undefined && current.endMonth === undefined) {
      const startMonth = range.single ? undefined : range.start;
      current.startMonth =
        startMonth === undefined
          ? undefined
          : range.yearOnly
            ? startMonth + ACADEMIC_START_MONTH - 1
            : startMonth;
      current.endMonth = range.single ? range.end! : (range.end ?? undefined);
      if (range.yearOnly && current.endMonth !== undefined) {
        current.endMonth -= 12 - ACADEMIC_END_MONTH;
      }
      if (current.startMonth !== undefined) {
        current.start_year = yearOf(current.startMonth);
      }
      if (current.endMonth !== undefined) {
        current.end_year = yearOf(current.endMonth);
      } else if (!range.single) {
        current.endMonth = undefined;
      }
    }
  });
  drafts.push(current);
  const kept = drafts.filter((draft) => draft.institution);
  return {
    entries: kept.map(finish).filter((entry): entry is EducationEntry => entry !== null),
    periods: studyPeriods(kept, now),
  };
}

// Each degree's months; one printed with its end only starts where the one before it ended, or
// its typical length before its end.
function studyPeriods(drafts: Draft[], now: Date): MonthSpan[] {
  const current = now.getFullYear() * 12 + now.getMonth();
  const dated = drafts
    .filter((draft) => draft.endMonth !== undefined || draft.startMonth !== undefined)
    .map((draft) => ({ draft, end: draft.endMonth ?? current }))
    .sort((a, b) => a.end - b.end);
  const spans: MonthSpan[] = [];
  let previousEnd: number | null = null;
  for (const { draft, end } of dated) {
    const typical = end - 12 * (YEARS_BY_DEGREE[draft.degree ?? ''] ?? DEFAULT_YEARS);
    const start =
      draft.startMonth ??
      (previousEnd !== null && previousEnd < end ? Math.max(previousEnd, typical) : typical);
    spans.push({ start, end });
    previousEnd = end;
  }
  return mergeSpans(spans);
}

// Overlapping spans, and spans a summer apart, become one.
function mergeSpans(spans: MonthSpan[]): MonthSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: MonthSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end! + 4) {
      last.end = Math.max(last.end!, span.end!);
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}
