// Dates as résumés write them: "Jan 2014 – Oct 2016", "Oct 2016 – Present", "2012–2013",
// "03/2019 - 06/2021", "Sept. 2015 - now", "Summer 2012", "since 2019". Months are counted as
// whole calendar months, both ends included, as integers (year * 12 + month - 1).
export type MonthIndex = number;

export interface DateRange {
  start: MonthIndex;
  // null = still ongoing ("Present", "now", "current").
  end: MonthIndex | null;
  // Where the matched text sits in the line, so callers can cut it out.
  index: number;
  length: number;
  // True for a lone date ("Summer 2012", "May 2020") rather than an explicit range.
  single: boolean;
  yearOnly: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const SEASONS: Record<string, [number, number]> = {
  winter: [1, 2],
  spring: [3, 5],
  summer: [6, 8],
  fall: [9, 11],
  autumn: [9, 11],
};

const MONTH_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const SEASON = '(?:spring|summer|fall|autumn|winter)';
const YEAR = '(?:19|20)\\d{2}';
const DATE =
  `(?:(?:${MONTH_NAME}|${SEASON}),?\\s*(?:${YEAR}|['’]\\d{2})(?!\\d)` +
  `|(?:0?[1-9]|1[0-2])\\s*[/.]\\s*${YEAR}(?!\\d)` +
  `|${YEAR}\\s*[/.-]\\s*(?:0[1-9]|1[0-2])(?![\\d/.])` +
  `|(?<![\\d.,$])${YEAR}(?![\\d%,]))`;
const PRESENT = '(?:present|current(?:ly)?|now|today|ongoing|(?:to\\s+)?date)\\b';
const CONNECTOR =
  '\\s*(?:-{1,2}|–|—|‒|―|~|→|\\bto\\b|\\btill\\b|\\buntil\\b|\\bthrough\\b|\\bthru\\b)\\s*';

const RANGE = new RegExp(
  `(?<![\\w/])(${DATE})(?:${CONNECTOR}(?:(${DATE})|(${PRESENT}))|(\\s*[-–—]\\s*$))`,
  'gi',
);
const SINCE = new RegExp(`\\bsince\\s+(${DATE})`, 'gi');
const SINGLE = new RegExp(`(?<![\\w/])(${DATE})`, 'gi');

interface ParsedDate {
  year: number;
  firstMonth: number;
  lastMonth: number;
  yearOnly: boolean;
}

function fullYear(digits: string, now: Date): number {
  if (digits.length === 4) {
    return Number(digits);
  }
  const short = Number(digits);
  const century = short <= (now.getFullYear() % 100) + 1 ? 2000 : 1900;
  return century + short;
}

export function parseDate(raw: string, now: Date): ParsedDate | null {
  const text = raw.trim().toLowerCase();
  let match = /^([a-z]+)\.?,?\s*['’]?(\d{2}|\d{4})$/.exec(text);
  if (match) {
    const year = fullYear(match[2], now);
    const season = SEASONS[match[1]];
    if (season) {
      return { year, firstMonth: season[0], lastMonth: season[1], yearOnly: false };
    }
    const month = MONTHS[match[1].slice(0, 3)];
    return month ? { year, firstMonth: month, lastMonth: month, yearOnly: false } : null;
  }
  match = /^(\d{1,2})\s*[/.]\s*(\d{4})$/.exec(text);
  if (match) {
    return {
      year: Number(match[2]),
      firstMonth: Number(match[1]),
      lastMonth: Number(match[1]),
      yearOnly: false,
    };
  }
  match = /^(\d{4})\s*[/.-]\s*(\d{1,2})$/.exec(text);
  if (match) {
    return {
      year: Number(match[1]),
      firstMonth: Number(match[2]),
      lastMonth: Number(match[2]),
      yearOnly: false,
    };
  }
  match = /^(\d{4})$/.exec(text);
  if (match) {
    // A bare year reads as the whole year: "2012–2013" is January 2012 to December 2013.
    return { year: Number(match[1]), firstMonth: 1, lastMonth: 12, yearOnly: true };
  }
  return null;
}

export function monthIndex(year: number, month: number): MonthIndex {
  return year * 12 + (month - 1);
}

export function nowMonth(now: Date): MonthIndex {
  return monthIndex(now.getFullYear(), now.getMonth() + 1);
}

export function formatMonth(value: MonthIndex): string {
  const year = Math.floor(value / 12);
  const month = (value % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function yearOf(value: MonthIndex): number {
  return Math.floor(value / 12);
}

function overlapsTaken(taken: [number, number][], from: number, to: number): boolean {
  return taken.some(([start, end]) => from < end && to > start);
}

export function findDateRanges(line: string, now: Date): DateRange[] {
  const ranges: DateRange[] = [];
  const taken: [number, number][] = [];
  const add = (range: DateRange): void => {
    ranges.push(range);
    taken.push([range.index, range.index + range.length]);
  };

  for (const match of line.matchAll(RANGE)) {
    const start = parseDate(match[1], now);
    const end = match[2] ? parseDate(match[2], now) : null;
    if (!start || (match[2] && !end)) {
      continue;
    }
    add({
      start: monthIndex(start.year, start.firstMonth),
      end: end ? monthIndex(end.year, end.lastMonth) : null,
      index: match.index,
      length: match[0].length,
      single: false,
      yearOnly: start.yearOnly && (end?.yearOnly ?? true),
    });
  }
  for (const match of line.matchAll(SINCE)) {
    const start = parseDate(match[1], now);
    if (start && !overlapsTaken(taken, match.index, match.index + match[0].length)) {
      const at = match.index;
      add({
        start: monthIndex(start.year, start.firstMonth),
        end: null,
        index: at,
        length: match[0].length,
        single: false,
        yearOnly: start.yearOnly,
      });
    }
  }
  for (const match of line.matchAll(SINGLE)) {
    const date = parseDate(match[1], now);
    if (!date || overlapsTaken(taken, match.index, match.index + match[0].length)) {
      continue;
    }
    add({
      start: monthIndex(date.year, date.firstMonth),
      end: monthIndex(date.year, date.lastMonth),
      index: match.index,
      length: match[0].length,
      single: true,
      yearOnly: date.yearOnly,
    });
  }
  return ranges.sort((a, b) => a.index - b.index);
}

// Total months covered by the ranges, overlaps counted once. Ongoing ranges run to `now`; a
// range that starts in the future or ends before it starts is ignored.
export function coveredMonths(
  ranges: { start: MonthIndex; end: MonthIndex | null }[],
  now: Date,
): number {
  const current = nowMonth(now);
  const spans = ranges
    .map(({ start, end }) => [start, Math.min(end ?? current, current)] as [number, number])
    .filter(([start, end]) => start <= end)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let open: [number, number] | null = null;
  for (const [start, end] of spans) {
    if (open && start <= open[1] + 1) {
      open[1] = Math.max(open[1], end);
      continue;
    }
    if (open) {
      total += open[1] - open[0] + 1;
    }
    open = [start, end];
  }
  if (open) {
    total += open[1] - open[0] + 1;
  }
  return total;
}
