import {
  type DateRange,
  findDateRanges,
  formatMonth,
  leadingRangeEnd,
  type MonthSpan,
} from './resume-dates';
import { lineParts, removeSpan, stripBullet, wordCount } from './resume-line-parts';
import { classifyRole, isTitle, type RoleContext, wordsOf } from './resume-roles';

export interface WorkHistoryEntry {
  title?: string;
  company?: string;
  start: string;
  // null = the role is ongoing.
  end: string | null;
}

// A role as the parser sees it: its spans, and whether it counts as professional experience.
export interface WorkRole {
  entry: WorkHistoryEntry;
  span: MonthSpan;
  professional: boolean;
}

export interface WorkLine {
  text: string;
  // The section the line sits in: roles under "Research" are judged as research.
  research: boolean;
}

export interface WorkHistoryOptions {
  // Set when the lines are not under an Experience heading: skip anything that reads like a
  // degree, so university years do not count as work.
  skipEducationLike?: boolean;
  // When the person studied (merged, month precision): see resume-roles.ts.
  education?: MonthSpan[];
}

// Words of a degree line, dots removed ("B.Sc." → bsc, "Ph.D" → phd).
const EDUCATION_WORDS = new Set([
  'university',
  'college',
  'institute',
  'school',
  'academy',
  'bachelor',
  'bachelors',
  'master',
  'masters',
  'phd',
  'bs',
  'bsc',
  'ba',
  'beng',
  'btech',
  'ms',
  'msc',
  'meng',
  'mtech',
  'mba',
  'degree',
  'gpa',
  'diploma',
  'coursework',
  'graduated',
]);
const CONNECTOR_WORDS = new Set([
  'of',
  'and',
  'for',
  'the',
  'at',
  'in',
  'on',
  'to',
  '&',
  'a',
  'de',
]);
// Longer lines are sentences about the work; a year inside one is not a role's date range.
const MAX_ENTRY_LINE_WORDS = 25;
const MAX_SINGLE_DATE_LINE_WORDS = 10;
const MAX_HEADER_LINE_WORDS = 12;
const MAX_CONTEXT_LINE_WORDS = 8;
// Several seasons on one line: "Summer 2012 and 2013".
const MAX_SPANS_PER_LINE = 6;

interface Anchor {
  index: number;
  spans: MonthSpan[];
  // Parts of the dated line itself, when it reads like an entry header.
  own: string[];
  before: string[][];
  after: string[];
  research: boolean;
}

function looksEducational(line: string): boolean {
  return wordsOf(line.replaceAll('.', '')).some((word) => EDUCATION_WORDS.has(word));
}

// The dates that make a line an entry, with what is left of the line once they are cut out.
function entryDates(line: string, now: Date): { ranges: DateRange[]; rest: string } | null {
  if (wordCount(line) > MAX_ENTRY_LINE_WORDS) {
    return null;
  }
  const ranges = findDateRanges(line, now);
  const explicit = ranges.find((range) => !range.single || range.open === 'text');
  if (explicit) {
    return { ranges: [explicit], rest: removeSpan(line, explicit.index, explicit.length) };
  }
  // Lone "Summer 2012" or "May 2020" dates can date a short role; lone years cannot.
  const singles = ranges.filter((range) => !range.yearOnly).slice(0, MAX_SPANS_PER_LINE);
  if (singles.length === 0 || wordCount(line) > MAX_SINGLE_DATE_LINE_WORDS) {
    return null;
  }
  let rest = line;
  for (const range of [...singles].reverse()) {
    rest = removeSpan(rest, range.index, range.length);
  }
  return { ranges: singles, rest };
}

// A line that can name a role's company or title: short, not a sentence, not an achievement
// bullet ("• Led the migration…").
function isContextLine(raw: string | undefined, maxWords = MAX_CONTEXT_LINE_WORDS): boolean {
  if (raw === undefined || raw.trim() === '') {
    return false;
  }
  const line = stripBullet(raw);
  const bulleted = line !== raw.trim();
  // A bullet names a role only when it is short ("• Software Engineer, Initech").
  const limit = bulleted ? Math.min(maxWords, MAX_CONTEXT_LINE_WORDS) : maxWords;
  const firstWord = line.split(' ')[0] ?? '';
  const last = line[line.length - 1];
  const words = wordCount(line);
  // "Yahoo!" is a name; "Shipped the new checkout." is a sentence.
  const sentence = words > 3 && (last === '.' || last === '!' || last === '?');
  if (words > limit || sentence) {
    return false;
  }
  if (line.includes(': ') || !mostlyCapitalised(line)) {
    return false;
  }
  return !(bulleted && (firstWord.endsWith('ed') || firstWord.endsWith('ing')));
}

// Names and titles are capitalised ("Kestrel Works", "Vice President of Product", "eBay");
// achievement lines and wrapped sentences are not ("Built the perception stack…").
function mostlyCapitalised(line: string): boolean {
  let words = 0;
  let capitalised = 0;
  for (const word of line.split(' ')) {
    if (CONNECTOR_WORDS.has(word) || !/\p{L}/u.test(word)) {
      continue;
    }
    words += 1;
    capitalised += /\p{Lu}/u.test(word) ? 1 : 0;
  }
  return words > 0 && capitalised * 2 > words;
}

// The dated lines, each with its spans; a range whose end wrapped onto the next line ("June
// 2020 –" / "Present …") is completed from it.
function findAnchors(lines: WorkLine[], now: Date, options: WorkHistoryOptions): Anchor[] {
  const texts = lines.map((line) => line.text);
  const anchors: Anchor[] = [];
  for (let index = 0; index < texts.length; index += 1) {
    const line = stripBullet(texts[index]);
    const dates = entryDates(line, now);
    if (!dates) {
      continue;
    }
    if (
      options.skipEducationLike &&
      (looksEducational(line) || looksEducational(texts[index - 1] ?? ''))
    ) {
      continue;
    }
    const [first] = dates.ranges;
    let spans: MonthSpan[] = dates.ranges.map((range) => ({ start: range.start, end: range.end }));
    if (first.open) {
      const wrapped = index + 1 < texts.length ? leadingRangeEnd(texts[index + 1], now) : null;
      if (wrapped) {
        spans = [{ start: first.start, end: wrapped.end }];
        texts[index + 1] = texts[index + 1].slice(wrapped.length).trim();
      }
    }
    // The dated line names the role too, unless it is a sentence or an achievement bullet
    // (dates printed in a column beside the bullets).
    const bullet = texts[index].trim().slice(0, texts[index].trim().length - line.length);
    const header = isContextLine(
      `${bullet}${dates.rest.replaceAll('\t', ' ').trim()}`,
      MAX_HEADER_LINE_WORDS,
    );
    anchors.push({
      index,
      spans,
      own: header ? lineParts(dates.rest) : [],
      before: [],
      after: [],
      research: lines[index].research,
    });
  }
  attachContext(texts, anchors);
  return anchors;
}

// Where a document writes the company and title relative to the dates is the same for all its
// entries: decide it once, by which side more often holds a short header line.
function attachContext(texts: string[], anchors: Anchor[]): void {
  const dated = new Set(anchors.map((anchor) => anchor.index));
  const usable = (at: number): boolean => !dated.has(at) && isContextLine(texts[at]);
  let votes = 0;
  for (const anchor of anchors) {
    votes += (usable(anchor.index - 1) ? 1 : 0) - (usable(anchor.index + 1) ? 1 : 0);
  }
  const used = new Set<number>();
  const take = (at: number): string[] => {
    if (used.has(at) || !usable(at)) {
      return [];
    }
    used.add(at);
    return lineParts(stripBullet(texts[at]));
  };
  for (const anchor of anchors) {
    const complete = anchor.own.some(isTitle) && anchor.own.some((part) => !isTitle(part));
    if (complete) {
      continue;
    }
    if (votes >= 0) {
      const first = take(anchor.index - 1);
      anchor.before.push(first);
      // Title and company on two lines above the dates (AltaCV and similar templates).
      const needsMore =
        [...anchor.own, ...first].filter((part) => !isTitle(part)).length === 0 ||
        ![...anchor.own, ...first].some(isTitle);
      if (first.length > 0 && needsMore) {
        anchor.before.push(take(anchor.index - 2));
      }
    } else {
      anchor.after = take(anchor.index + 1);
    }
  }
}

interface NamedAnchor extends Anchor {
  title?: string;
  company?: string;
  // The header parts of the employer line a role sits under.
  employer?: string[];
}

function nameAnchor(anchor: Anchor): NamedAnchor {
  const parts = [...anchor.own, ...anchor.before.flat(), ...anchor.after];
  const title = parts.find(isTitle);
  const company = parts.find((part) => !isTitle(part) && wordCount(part) <= MAX_CONTEXT_LINE_WORDS);
  return { ...anchor, ...(title ? { title } : {}), ...(company ? { company } : {}) };
}

function contains(outer: MonthSpan, inner: MonthSpan): boolean {
  const outerEnd = outer.end ?? Number.MAX_SAFE_INTEGER;
  const innerEnd = inner.end ?? Number.MAX_SAFE_INTEGER;
  return inner.start >= outer.start && innerEnd <= outerEnd;
}

// "Beckhoff Automation LLC  Jun 2022 – Present" followed by roles dated inside that span: the
// first line names the employer of the roles under it and is not a role of its own.
function resolveEmployers(anchors: NamedAnchor[]): NamedAnchor[] {
  const roles: NamedAnchor[] = [];
  for (let index = 0; index < anchors.length; index += 1) {
    const employer = anchors[index];
    const nested: NamedAnchor[] = [];
    for (let next = index + 1; next < anchors.length; next += 1) {
      const role = anchors[next];
      if (
        role.title === undefined ||
        role.spans.length !== 1 ||
        !contains(employer.spans[0], role.spans[0])
      ) {
        break;
      }
      nested.push(role);
    }
    if (employer.title === undefined && employer.spans.length === 1 && nested.length > 0) {
      const parts = [...employer.own, ...employer.before.flat(), ...employer.after];
      for (const role of nested) {
        const ownCompany = role.own.some((part) => !isTitle(part));
        roles.push({
          ...role,
          company: ownCompany ? role.company : (employer.company ?? role.company),
          employer: parts,
        });
      }
      index += nested.length;
      continue;
    }
    roles.push(employer);
  }
  return roles;
}

export function parseWorkHistory(
  lines: WorkLine[],
  now: Date,
  options: WorkHistoryOptions = {},
): WorkRole[] {
  const anchors = resolveEmployers(findAnchors(lines, now, options).map(nameAnchor));
  return anchors.flatMap((anchor) =>
    anchor.spans.map((span) => {
      const entry: WorkHistoryEntry = {
        ...(anchor.title ? { title: anchor.title } : {}),
        ...(anchor.company ? { company: anchor.company } : {}),
        start: formatMonth(span.start),
        end: span.end === null ? null : formatMonth(span.end),
      };
      const context: RoleContext = {
        title: anchor.title,
        organisation: [
          ...anchor.own,
          ...anchor.before.flat(),
          ...anchor.after,
          ...(anchor.employer ?? []),
        ],
        span,
        research: anchor.research,
        education: options.education ?? [],
      };
      return { entry, span, professional: classifyRole(context) };
    }),
  );
}
