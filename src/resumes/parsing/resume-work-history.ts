import { type DateRange, findDateRanges, formatMonth, type MonthIndex } from './resume-dates';
import { lineParts, removeSpan, stripBullet, wordCount } from './resume-line-parts';

export interface WorkHistoryEntry {
  title?: string;
  company?: string;
  start: string;
  // null = the role is ongoing.
  end: string | null;
}

export interface WorkHistory {
  entries: WorkHistoryEntry[];
  ranges: { start: MonthIndex; end: MonthIndex | null }[];
}

export interface WorkHistoryOptions {
  // Set when the lines are not under an Experience heading: skip anything that reads like a
  // degree, so university years do not count as work.
  skipEducationLike?: boolean;
}

const TITLE_WORDS =
  /\b(?:engineer|developer|programmer|architect|manager|director|lead|head|chief|officer|cto|ceo|cfo|coo|vp|vice president|president|founder|co-founder|scientist|analyst|consultant|designer|intern|internship|assistant|associate|specialist|administrator|technician|coordinator|researcher|fellow|professor|lecturer|teacher|tutor|instructor|sre|owner|contractor|freelancer|freelance|partner|editor|writer|strategist|recruiter|representative|executive|supervisor|advisor|adviser|apprentice|trainee|principal|member of technical staff)s?\b/i;
const EDUCATION_LIKE =
  /\b(?:university|college|institute|school|academy|bachelor|master|ph\.?d|b\.?sc?|m\.?sc?|mba|degree|gpa|diploma|coursework|graduated)\b/i;
// Longer lines are sentences about the work; a year inside one is not a role's date range.
const MAX_ENTRY_LINE_WORDS = 25;
const MAX_SINGLE_DATE_LINE_WORDS = 10;
const MAX_CONTEXT_LINE_WORDS = 8;

interface DatedLine {
  index: number;
  range: DateRange;
  parts: string[];
}

function entryRange(line: string, now: Date): DateRange | null {
  if (wordCount(line) > MAX_ENTRY_LINE_WORDS) {
    return null;
  }
  const ranges = findDateRanges(line, now);
  const explicit = ranges.find((range) => !range.single);
  if (explicit) {
    return explicit;
  }
  // A lone "Summer 2012" or "May 2020" can date a short role; a lone year cannot.
  const single = ranges.find((range) => !range.yearOnly);
  return single && wordCount(line) <= MAX_SINGLE_DATE_LINE_WORDS ? single : null;
}

// Lines around a dated line that can name its company or title: short, not a sentence, not an
// achievement bullet ("• Led the migration…").
function isContextLine(raw: string | undefined): boolean {
  if (raw === undefined || raw.trim() === '') {
    return false;
  }
  const line = stripBullet(raw);
  const bulleted = line !== raw.trim();
  const firstWord = line.split(/\s+/)[0] ?? '';
  if (wordCount(line) > MAX_CONTEXT_LINE_WORDS || /[.!?]$/.test(line) || line.includes(': ')) {
    return false;
  }
  return !(bulleted && /(?:ed|ing)$/i.test(firstWord));
}

function isTitle(part: string): boolean {
  return TITLE_WORDS.test(part);
}

function assign(
  same: string[],
  before: string[],
  after: string[],
  inherited: string | undefined,
): Pick<WorkHistoryEntry, 'title' | 'company'> {
  const title = [...same, ...before, ...after].find(isTitle);
  const company =
    same.find((part) => !isTitle(part)) ??
    before.find((part) => !isTitle(part)) ??
    after.find((part) => !isTitle(part)) ??
    inherited;
  return {
    ...(title ? { title } : {}),
    ...(company ? { company } : {}),
  };
}

export function parseWorkHistory(
  lines: string[],
  now: Date,
  options: WorkHistoryOptions = {},
): WorkHistory {
  const dated = new Map<number, DatedLine>();
  lines.forEach((raw, index) => {
    const line = stripBullet(raw);
    const range = entryRange(line, now);
    if (!range) {
      return;
    }
    if (
      options.skipEducationLike &&
      (EDUCATION_LIKE.test(line) || EDUCATION_LIKE.test(lines[index - 1] ?? ''))
    ) {
      return;
    }
    dated.set(index, {
      index,
      range,
      parts: lineParts(removeSpan(line, range.index, range.length)),
    });
  });

  const entries: WorkHistoryEntry[] = [];
  const ranges: WorkHistory['ranges'] = [];
  const usedContext = new Set<number>();
  let previous: { index: number; company?: string } | null = null;
  for (const entry of dated.values()) {
    const contextParts = (at: number): string[] => {
      if (dated.has(at) || usedContext.has(at) || !isContextLine(lines[at])) {
        return [];
      }
      return lineParts(stripBullet(lines[at]));
    };
    const before = contextParts(entry.index - 1);
    const sameHasBoth = entry.parts.some(isTitle) && entry.parts.some((part) => !isTitle(part));
    const after = sameHasBoth ? [] : contextParts(entry.index + 1);
    // Consecutive dated lines under one employer ("Senior Engineer 2020–", "Engineer 2017–2019").
    const inherited = previous && previous.index === entry.index - 1 ? previous.company : undefined;
    const names = assign(entry.parts, before, after, inherited);
    if (before.length > 0) {
      usedContext.add(entry.index - 1);
    }
    if ([names.company, names.title].some((name) => name !== undefined && after.includes(name))) {
      usedContext.add(entry.index + 1);
    }
    entries.push({
      ...names,
      start: formatMonth(entry.range.start),
      end: entry.range.end === null ? null : formatMonth(entry.range.end),
    });
    ranges.push({ start: entry.range.start, end: entry.range.end });
    previous = { index: entry.index, company: names.company };
  }
  return { entries, ranges };
}
