import type { LineToken } from './line-tokens';

// Reading one date, connector or "present" word from a line's tokens (see resume-dates.ts).
export interface ParsedDate {
  year: number;
  firstMonth: number;
  lastMonth: number;
  yearOnly: boolean;
  // Token index just past the date.
  next: number;
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
// "January", "Jan" and "Sept" for September.
const MONTHS = new Map<string, number>([
  ...MONTH_NAMES.flatMap((name, index): [string, number][] => [
    [name, index + 1],
    [name.slice(0, 3), index + 1],
  ]),
  ['sept', 9],
]);
const SEASONS = new Map<string, [number, number]>([
  ['winter', [1, 2]],
  ['spring', [3, 5]],
  ['summer', [6, 8]],
  ['fall', [9, 11]],
  ['autumn', [9, 11]],
]);
const PRESENT_WORDS = new Set(['present', 'current', 'currently', 'now', 'today', 'ongoing']);
const CONNECTOR_WORDS = new Set(['to', 'till', 'until', 'through', 'thru']);
const CONNECTOR_MARKS = new Set(['-', '–', '—', '‒', '―', '−', '~', '→', '>']);
export const SERIES_WORDS = new Set(['and', '&', ',']);
const DAY_SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);

export function lower(token: LineToken | undefined): string {
  return token ? token.text.toLowerCase() : '';
}

// Index of the next token that is not a blank.
export function skipBlanks(tokens: LineToken[], at: number): number {
  let next = at;
  while (next < tokens.length && tokens[next].kind === 'blank') {
    next += 1;
  }
  return next;
}

function isYear(token: LineToken | undefined): boolean {
  if (!token || token.kind !== 'number' || token.text.length !== 4) {
    return false;
  }
  const year = Number(token.text);
  return year >= 1900 && year <= 2099;
}

function fullYear(digits: string, now: Date): number {
  const short = Number(digits);
  return short <= (now.getFullYear() % 100) + 1 ? 2000 + short : 1900 + short;
}

// "2014", "’19" or "'19" starting at token `at`.
export function readYear(
  tokens: LineToken[],
  at: number,
  now: Date,
): { year: number; next: number } | null {
  const token = tokens[at];
  if (isYear(token)) {
    return { year: Number(token.text), next: at + 1 };
  }
  const digits = tokens[at + 1];
  if (
    token?.kind === 'punct' &&
    (token.text === "'" || token.text === '’') &&
    digits?.kind === 'number' &&
    digits.text.length === 2 &&
    digits.start === token.end
  ) {
    return { year: fullYear(digits.text, now), next: at + 2 };
  }
  return null;
}

// "Jan 2014", "Sept. 2015", "January, 2015", "Jan 5, 2014", "Summer 2012".
export function readNamedDate(tokens: LineToken[], at: number, now: Date): ParsedDate | null {
  const name = lower(tokens[at]);
  const month = MONTHS.get(name);
  const season = SEASONS.get(name);
  if (month === undefined && season === undefined) {
    return null;
  }
  let next = at + 1;
  if (tokens[next]?.text === '.' && month !== undefined) {
    next += 1;
  }
  next = skipBlanks(tokens, next);
  if (tokens[next]?.text === ',') {
    next = skipBlanks(tokens, next + 1);
  }
  if (month !== undefined && tokens[next]?.kind === 'number' && tokens[next].text.length <= 2) {
    // A day of the month: "Jan 5, 2014", "March 3rd 2020".
    next += 1;
    if (DAY_SUFFIXES.has(lower(tokens[next]))) {
      next += 1;
    }
    next = skipBlanks(tokens, next);
    if (tokens[next]?.text === ',') {
      next = skipBlanks(tokens, next + 1);
    }
  }
  const year = readYear(tokens, next, now);
  if (!year) {
    return null;
  }
  const [firstMonth, lastMonth] = season ?? [month!, month!];
  return { year: year.year, firstMonth, lastMonth, yearOnly: false, next: year.next };
}

// True when the token right before `at` is glued to it (no blank between them).
function touching(tokens: LineToken[], at: number): boolean {
  return at > 0 && tokens[at - 1].kind !== 'blank';
}

// "03/2019", "3.2019", "2019-03", "2019/03" and the bare year "2019".
function readNumericDate(tokens: LineToken[], at: number): ParsedDate | null {
  const first = tokens[at];
  const mark = tokens[at + 1];
  const second = tokens[at + 2];
  const joined = mark && second && mark.start === first.end && second.start === mark.end;
  const separator = joined && (mark.text === '/' || mark.text === '.' || mark.text === '-');
  if (
    first.text.length <= 2 &&
    separator &&
    (mark.text === '/' || mark.text === '.') &&
    isYear(second)
  ) {
    const month = Number(first.text);
    const after = tokens[at + 3];
    const continues = after && after.start === second.end && after.kind !== 'blank';
    if (month >= 1 && month <= 12 && !continues) {
      return {
        year: Number(second.text),
        firstMonth: month,
        lastMonth: month,
        yearOnly: false,
        next: at + 3,
      };
    }
    return null;
  }
  if (!isYear(first)) {
    return null;
  }
  if (separator && second.kind === 'number' && second.text.length === 2) {
    const month = Number(second.text);
    const after = tokens[at + 3];
    const continues =
      after &&
      after.start === second.end &&
      (after.kind === 'number' || after.text === '/' || after.text === '.');
    if (month >= 1 && month <= 12 && !continues) {
      return {
        year: Number(first.text),
        firstMonth: month,
        lastMonth: month,
        yearOnly: false,
        next: at + 3,
      };
    }
  }
  // A bare year, but not "2,000", "1.2019", "$2019", "2019%" or part of a longer code.
  const before = touching(tokens, at) ? tokens[at - 1].text : '';
  const next = tokens[at + 1];
  const after = next && next.kind !== 'blank' ? next : undefined;
  if (
    ['.', ',', '$'].includes(before) ||
    (after && (after.kind !== 'punct' || ['%', ','].includes(after.text)))
  ) {
    return null;
  }
  return { year: Number(first.text), firstMonth: 1, lastMonth: 12, yearOnly: true, next: at + 1 };
}

export function readDate(tokens: LineToken[], at: number, now: Date): ParsedDate | null {
  const token = tokens[at];
  if (!token) {
    return null;
  }
  // Part of a longer word or code ("v2019", "ISO-2019", "A/2019"): not a date.
  if (touching(tokens, at) && tokens[at - 1].kind !== 'punct') {
    return null;
  }
  if (touching(tokens, at) && tokens[at - 1].text === '/') {
    return null;
  }
  if (token.kind === 'word') {
    return readNamedDate(tokens, at, now);
  }
  if (token.kind === 'number') {
    return readNumericDate(tokens, at);
  }
  const short = readYear(tokens, at, now);
  return short
    ? { year: short.year, firstMonth: 1, lastMonth: 12, yearOnly: true, next: short.next }
    : null;
}

// The connector between two dates: a dash, "~", "→", "to", "till", "until", "through".
export function readConnector(tokens: LineToken[], at: number): number | null {
  let next = skipBlanks(tokens, at);
  const token = tokens[next];
  if (!token) {
    return null;
  }
  if (token.kind === 'punct' && CONNECTOR_MARKS.has(token.text)) {
    next += 1;
    // "--" and "->"
    while (tokens[next]?.kind === 'punct' && CONNECTOR_MARKS.has(tokens[next].text)) {
      next += 1;
    }
    return skipBlanks(tokens, next);
  }
  return token.kind === 'word' && CONNECTOR_WORDS.has(lower(token))
    ? skipBlanks(tokens, next + 1)
    : null;
}

// "Present", "current", "now", "ongoing", "to date", "till date".
export function readPresent(tokens: LineToken[], at: number, afterWord: boolean): number | null {
  const word = lower(tokens[at]);
  if (PRESENT_WORDS.has(word) || (afterWord && word === 'date')) {
    return at + 1;
  }
  if ((word === 'to' || word === 'till') && lower(tokens[skipBlanks(tokens, at + 1)]) === 'date') {
    return skipBlanks(tokens, at + 1) + 1;
  }
  return null;
}
