import {
  type ParsedDate,
  readConnector,
  readDate,
  readNamedDate,
  readPresent,
  readYear,
  lower,
  SERIES_WORDS,
  skipBlanks,
} from './date-reader';
import { type LineToken, tokenizeLine } from './line-tokens';

// Dates as résumés write them: "Jan 2014 – Oct 2016", "Oct 2016 – Present", "2012–2013",
// "03/2019 - 06/2021", "Sept. 2015 - now", "Summer 2012 and 2013", "since 2019". Months are
// whole calendar months, both ends included, as integers (year * 12 + month - 1). Read by walking
// line tokens once, never a regular expression over the line (README.md, "Limits").
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
  // "June 2020 –" with nothing after the dash ('line-end') or with words after it ('text'): the
  // end may be the first thing on the next line (a date column wrapped over two lines). Unless
  // joined, a dash at the end of the line reads as ongoing, a dash before words as a lone date.
  open?: 'line-end' | 'text';
}

function spanOf(tokens: LineToken[], from: number, to: number): { index: number; length: number } {
  let last = to - 1;
  while (last > from && tokens[last].kind === 'blank') {
    last -= 1;
  }
  return { index: tokens[from].start, length: tokens[last].end - tokens[from].start };
}

export function monthIndex(year: number, month: number): MonthIndex {
  return year * 12 + (month - 1);
}

function startOf(date: ParsedDate): MonthIndex {
  return monthIndex(date.year, date.firstMonth);
}

function endOf(date: ParsedDate): MonthIndex {
  return monthIndex(date.year, date.lastMonth);
}

function single(tokens: LineToken[], from: number, date: ParsedDate): DateRange {
  return {
    start: startOf(date),
    end: endOf(date),
    ...spanOf(tokens, from, date.next),
    single: true,
    yearOnly: date.yearOnly,
  };
}

// What follows a month or a season: "and 2013" / "& Summer 2014" add more of the same period.
function readSeries(
  tokens: LineToken[],
  first: ParsedDate,
  at: number,
  now: Date,
): { dates: [number, ParsedDate][]; next: number } {
  const dates: [number, ParsedDate][] = [];
  let next = at;
  for (let count = 0; count < 6; count += 1) {
    const joint = skipBlanks(tokens, next);
    if (!SERIES_WORDS.has(lower(tokens[joint]))) {
      break;
    }
    const from = skipBlanks(tokens, joint + 1);
    const named = tokens[from]?.kind === 'word' ? readNamedDate(tokens, from, now) : null;
    const year = named ? null : readYear(tokens, from, now);
    const date = named ?? (year ? { ...first, year: year.year, next: year.next } : null);
    // "Summer 2012 and 2013 – 2015" would be a range starting at 2013, not a second summer.
    if (!date || readConnector(tokens, date.next) !== null) {
      break;
    }
    dates.push([from, date]);
    next = date.next;
  }
  return { dates, next };
}

// The token where an end date stands right after a month date with only blanks between.
function besideEnd(tokens: LineToken[], start: ParsedDate, now: Date): number | null {
  const at = skipBlanks(tokens, start.next);
  if (at === start.next || at >= tokens.length) {
    return null;
  }
  const end = tokens[at].kind === 'word' ? readNamedDate(tokens, at, now) : null;
  return (end && !end.yearOnly) || readPresent(tokens, at, false) !== null ? at : null;
}

export function findDateRanges(line: string, now: Date): DateRange[] {
  const tokens = tokenizeLine(line);
  const ranges: DateRange[] = [];
  let at = 0;
  while (at < tokens.length) {
    const sinceWord = lower(tokens[at]) === 'since';
    const from = sinceWord ? skipBlanks(tokens, at + 1) : at;
    const start = readDate(tokens, from, now);
    if (!start) {
      at += 1;
      continue;
    }
    if (sinceWord) {
      ranges.push({
        start: startOf(start),
        end: null,
        ...spanOf(tokens, at, start.next),
        single: false,
        yearOnly: start.yearOnly,
      });
      at = start.next;
      continue;
    }
    // PDF text extraction drops a soft hyphen used as the dash ("Sep. 2023 \u00ad Mar. 2024" is
    // read as "Sep. 2023 Mar. 2024"): two month dates, or a month and "Now", side by side.
    const connected =
      readConnector(tokens, start.next) ?? (start.yearOnly ? null : besideEnd(tokens, start, now));
    if (connected !== null) {
      const end = readDate(tokens, connected, now);
      const present = end ? null : readPresent(tokens, connected, true);
      if (end || present !== null) {
        const next = end ? end.next : present!;
        ranges.push({
          start: startOf(start),
          end: end ? endOf(end) : null,
          ...spanOf(tokens, from, next),
          single: false,
          yearOnly: start.yearOnly && (end?.yearOnly ?? true),
        });
        at = next;
        continue;
      }
      // A dash with nothing after it, or with words after it: "June 2020 – MERN Developer".
      const dashAt = skipBlanks(tokens, start.next);
      if (tokens[dashAt].kind === 'punct') {
        const atLineEnd = connected >= tokens.length;
        ranges.push({
          start: startOf(start),
          end: atLineEnd ? null : endOf(start),
          ...spanOf(tokens, from, dashAt + 1),
          single: !atLineEnd,
          yearOnly: start.yearOnly,
          open: atLineEnd ? 'line-end' : 'text',
        });
        at = connected;
        continue;
      }
    }
    ranges.push(single(tokens, from, start));
    at = start.next;
    if (!start.yearOnly) {
      const series = readSeries(tokens, start, at, now);
      for (const [seriesFrom, date] of series.dates) {
        ranges.push(single(tokens, seriesFrom, date));
      }
      at = series.next;
    }
  }
  return ranges;
}

// A line that starts with the end of a range wrapped from the line before: "Present …",
// "May 2020 Developed …". Returns the end (null = ongoing) and how much of the line it takes.
export function leadingRangeEnd(
  line: string,
  now: Date,
): { end: MonthIndex | null; length: number } | null {
  const tokens = tokenizeLine(line);
  const first = skipBlanks(tokens, 0);
  if (first >= tokens.length) {
    return null;
  }
  const date = readDate(tokens, first, now);
  if (date) {
    return { end: endOf(date), length: tokens[date.next - 1].end };
  }
  const present = readPresent(tokens, first, false);
  return present === null ? null : { end: null, length: tokens[present - 1].end };
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

export interface MonthSpan {
  start: MonthIndex;
  end: MonthIndex | null;
}

// Total months covered by the ranges, overlaps counted once. Ongoing ranges run to `now`; a
// range that starts in the future or ends before it starts is ignored.
export function coveredMonths(ranges: MonthSpan[], now: Date): number {
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
