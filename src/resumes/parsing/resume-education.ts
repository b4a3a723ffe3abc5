import { findDateRanges, yearOf } from './resume-dates';
import { isLocation, lineParts, removeSpan, stripBullet } from './resume-line-parts';

export interface EducationEntry {
  institution: string;
  degree?: string;
  field?: string;
  start_year?: number;
  end_year?: number;
}

interface DegreePattern {
  pattern: RegExp;
  degree: string;
}

// Spelled-out forms match in any case; abbreviations only as written, so the English words
// "be" and "ma" (or "Boston, MA") are not read as degrees.
const DEGREES: DegreePattern[] = [
  { pattern: /\b(?:doctor of philosophy|doctorate)\b/i, degree: 'PhD' },
  { pattern: /\b(?:Ph\.?\s?D\.?|D\.?Phil\.?)(?![\p{L}])/u, degree: 'PhD' },
  { pattern: /\bmaster of business administration\b/i, degree: 'MBA' },
  { pattern: /\bM\.?B\.?A\.?(?![\p{L}])/u, degree: 'MBA' },
  { pattern: /\bmaster of science\b/i, degree: 'MS' },
  { pattern: /\b(?:M\.?\s?Sc\.?|M\.S\.|MS)(?![\p{L}])/u, degree: 'MS' },
  { pattern: /\bmaster of engineering\b/i, degree: 'MEng' },
  { pattern: /\bM\.?\s?Eng\.?(?![\p{L}])/u, degree: 'MEng' },
  { pattern: /\bmaster of technology\b/i, degree: 'MTech' },
  { pattern: /\bM\.?\s?Tech\.?(?![\p{L}])/u, degree: 'MTech' },
  { pattern: /\bmaster of arts\b/i, degree: 'MA' },
  { pattern: /\b(?:M\.A\.|MA(?=\s+(?:in|of)\b))/u, degree: 'MA' },
  { pattern: /\bbachelor of business administration\b/i, degree: 'BBA' },
  { pattern: /\bBBA(?![\p{L}])/u, degree: 'BBA' },
  { pattern: /\bbachelor of science\b/i, degree: 'BS' },
  { pattern: /\b(?:B\.?\s?Sc\.?|B\.S\.|BS)(?![\p{L}])/u, degree: 'BS' },
  { pattern: /\bbachelor of engineering\b/i, degree: 'BE' },
  { pattern: /\b(?:B\.E\.|BE|B\.?\s?Eng\.?)(?![\p{L}])/u, degree: 'BE' },
  { pattern: /\bbachelor of technology\b/i, degree: 'BTech' },
  { pattern: /\bB\.?\s?Tech\.?(?![\p{L}])/u, degree: 'BTech' },
  { pattern: /\bbachelor of arts\b/i, degree: 'BA' },
  { pattern: /\b(?:B\.A\.|BA)(?![\p{L}])/u, degree: 'BA' },
  {
    pattern: /\bassociate(?:'s)? (?:degree|of (?:arts|science|applied science))\b/i,
    degree: 'Associate',
  },
  { pattern: /\bmaster'?s(?: degree)?\b/i, degree: 'Master' },
  { pattern: /\bbachelor'?s(?: degree)?\b/i, degree: 'Bachelor' },
  { pattern: /\bhigh school(?: diploma)?\b/i, degree: 'High School' },
  { pattern: /\bdiploma\b/i, degree: 'Diploma' },
];

const INSTITUTION =
  /\b(?:university|universit[äéà]t?|universidad|college|institute|institut|school|academy|polytechnic|politecnico|conservatory|IIT|MIT|UCLA|ETH)\b/iu;
const FIELD_CONNECTOR = /^[\s,:;–—-]*(?:(?:of\s+science\s+)?(?:in|of)\s+)?/i;
const FIELD = /^(\p{Lu}[\p{L}&/.'’-]*(?:\s+(?:and|of|&|in|for|the|\p{Lu}[\p{L}&/.'’-]*))*)/u;
const FIELD_STOP = /\s+(?:and|of|&|in|for|the)$/i;
const GPA = /\b(?:c?gpa|grade|honou?rs|cum laude|magna|summa|distinction)\b.*$/i;

interface DegreeHit {
  degree: string;
  field?: string;
  index: number;
  length: number;
}

function findDegree(line: string): DegreeHit | null {
  let best: DegreeHit | null = null;
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
  const after = line.slice(best.index + best.length).replace(FIELD_CONNECTOR, '');
  const field = FIELD.exec(after.replace(GPA, ''))?.[1].replace(FIELD_STOP, '').trim();
  return field && !INSTITUTION.test(field) ? { ...best, field } : best;
}

function institutionIn(parts: string[]): string | undefined {
  return parts.find((part) => INSTITUTION.test(part) && !isLocation(part));
}

function hasContent(entry: Partial<EducationEntry>): entry is EducationEntry {
  return entry.institution !== undefined && entry.institution !== '';
}

export function parseEducation(lines: string[], now: Date): EducationEntry[] {
  const entries: EducationEntry[] = [];
  let current: Partial<EducationEntry> = {};

  for (const raw of lines) {
    let line = stripBullet(raw);
    if (line === '') {
      continue;
    }
    const ranges = findDateRanges(line, now);
    const range = ranges.find((candidate) => !candidate.single) ?? ranges[0];
    if (range) {
      line = removeSpan(line, range.index, range.length);
    }
    const degree = findDegree(line);
    const rest = degree ? removeSpan(line, degree.index, degree.length) : line;
    const parts = lineParts(rest.replace(GPA, ''));
    let institution = institutionIn(parts);
    if (!institution && degree && !current.institution) {
      // "BS Computer Science, Stanford, 2015": what is left after degree and field.
      institution = parts.find((part) => part !== degree.field && /^\p{Lu}/u.test(part));
    }

    // A second school, or a second degree at the same school, starts a new entry.
    const newSchool =
      institution !== undefined &&
      current.institution !== undefined &&
      institution !== current.institution;
    const newDegree = degree !== null && current.degree !== undefined;
    if (newSchool || newDegree) {
      if (hasContent(current)) {
        entries.push(current);
      }
      current =
        institution === undefined && current.institution
          ? { institution: current.institution }
          : {};
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
    if (range && current.start_year === undefined && current.end_year === undefined) {
      if (range.single) {
        current.end_year = yearOf(range.start);
      } else {
        current.start_year = yearOf(range.start);
        if (range.end !== null) {
          current.end_year = yearOf(range.end);
        }
      }
    }
  }
  if (hasContent(current)) {
    entries.push(current);
  }
  return entries;
}
