import { stripIcon } from './resume-line-parts';

// Rebuilds reading order from positioned PDF text. Coordinates are top-down (y grows towards the
// bottom of the page), x grows to the right, sizes are in PDF points.
export interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

interface Row {
  y: number;
  fontSize: number;
  items: PositionedText[];
}

interface Gutter {
  from: number;
  to: number;
}

const MAX_COLUMN_DEPTH = 2;
const MAX_PAGE_SPAN = 10_000;
const MIN_GUTTER_WIDTH = 10;
// Bounds on the gutter search, so a page of thousands of rows stays linear in its rows.
const MAX_CROSSING_LEVELS = 8;
const RUNS_PER_LEVEL = 3;
const MIN_ROWS_PER_COLUMN = 3;
const MIN_COLUMN_SHARE = 0.1;
const ALIGNMENT_TOLERANCE = 4;
const MIN_ALIGNED_SHARE = 0.4;
const MAX_ANNOTATION_SHARE = 0.6;
const DATE_LIKE =
  /^(?:(?:[A-Za-z]{3,9}\.?|\d{1,2}[/.-])\s*)?(?:19|20)\d{2}\b|^(?:present|current|now)\b|^(?:spring|summer|fall|autumn|winter)\b/i;
const LOCATION_LIKE = /^[\p{Lu}][\p{L} .'-]+,\s*[\p{Lu}][\p{L} .'-]*$|^remote$/iu;

function right(item: PositionedText): number {
  return item.x + item.width;
}

function buildRows(items: PositionedText[]): Row[] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: Row[] = [];
  for (const item of sorted) {
    const row = rows[rows.length - 1];
    // Half a line of tolerance keeps superscripts and baseline jitter on their line.
    if (row && Math.abs(item.y - row.y) <= 0.5 * Math.min(item.fontSize, row.fontSize)) {
      row.items.push(item);
      row.fontSize = Math.max(row.fontSize, item.fontSize);
    } else {
      rows.push({ y: item.y, fontSize: item.fontSize, items: [item] });
    }
  }
  for (const row of rows) {
    row.items.sort((a, b) => a.x - b.x);
  }
  return rows;
}

// The horizontal stretches a row covers, with ordinary word spacing bridged.
function rowSpans(row: Row): [number, number][] {
  const spans: [number, number][] = [];
  for (const item of row.items) {
    const last = spans[spans.length - 1];
    if (last && item.x - last[1] <= 1.2 * item.fontSize) {
      last[1] = Math.max(last[1], right(item));
    } else {
      spans.push([item.x, right(item)]);
    }
  }
  return spans;
}

function rowText(row: Row): string {
  let text = '';
  let previous: PositionedText | null = null;
  for (const item of row.items) {
    if (previous) {
      const gap = item.x - right(previous);
      if (/\s$/.test(text) || /^\s/.test(item.str)) {
        // pdf.js already emitted the space.
      } else if (gap > 2.5 * item.fontSize) {
        // A wide gap is layout (a right-aligned date or location), kept apart with a tab.
        text += '\t';
      } else if (gap > 0.15 * item.fontSize) {
        text += ' ';
      }
    }
    text += item.str;
    previous = item;
  }
  return text.replace(/[ \u00a0]+/g, ' ').trim();
}

function rowsToLines(rows: Row[]): string[] {
  const lines: string[] = [];
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    if (previous && row.y - previous.y > 2.2 * Math.max(row.fontSize, previous.fontSize)) {
      lines.push('');
    }
    lines.push(rowText(row));
  });
  return lines;
}

function findGutter(rows: Row[]): Gutter | null {
  let minX = Infinity;
  let maxX = -Infinity;
  for (const row of rows) {
    for (const item of row.items) {
      minX = Math.min(minX, Math.floor(item.x));
      maxX = Math.max(maxX, Math.ceil(right(item)));
    }
  }
  const span = maxX - minX;
  // The coverage array is one cell per point; a page wider than any paper size is not a résumé
  // layout worth analysing, and must not become a multi-gigabyte allocation.
  if (span < 4 * MIN_GUTTER_WIDTH || span > MAX_PAGE_SPAN) {
    return null;
  }
  const coverage = new Int32Array(span + 2);
  const spansByRow = rows.map(rowSpans);
  for (const spans of spansByRow) {
    for (const [from, to] of spans) {
      coverage[Math.max(0, Math.floor(from) - minX)] += 1;
      coverage[Math.min(span + 1, Math.ceil(to) - minX)] -= 1;
    }
  }
  // Headers, footers and the odd wide line may cross the gutter; body text may not.
  const allowance = Math.max(3, Math.floor(rows.length * 0.1));
  const low = Math.floor(span * 0.12);
  const high = Math.ceil(span * 0.88);
  const depths = new Int32Array(span + 1);
  let depth = 0;
  for (let offset = 0; offset <= span; offset += 1) {
    depth += coverage[offset];
    depths[offset] = depth;
  }
  // A stretch where few rows have text at each point may still be crossed by many different
  // rows (three bullets here, places there): the rows touching it anywhere must stay within the
  // allowance. Stretches are tried at each crossing level, the widest few per level.
  const touching = (gutter: Gutter): number =>
    spansByRow.filter((spans) =>
      spans.some(([from, to]) => from < minX + gutter.to && to > minX + gutter.from),
    ).length;
  let best: Gutter | null = null;
  for (let crossings = 0; crossings <= Math.min(allowance, MAX_CROSSING_LEVELS); crossings += 1) {
    for (const run of widestRuns(depths, low, high, crossings)) {
      if ((!best || run.to - run.from > best.to - best.from) && touching(run) <= allowance) {
        best = run;
      }
    }
  }
  return best ? { from: minX + best.from, to: minX + best.to } : null;
}

// The widest few stretches between `low` and `high` where at most `crossings` rows have text.
function widestRuns(depths: Int32Array, low: number, high: number, crossings: number): Gutter[] {
  const runs: Gutter[] = [];
  let runStart = -1;
  for (let offset = low; offset <= high + 1; offset += 1) {
    const open = offset <= high && offset < depths.length && depths[offset] <= crossings;
    if (open && runStart < 0) {
      runStart = offset;
    }
    if (!open && runStart >= 0) {
      if (offset - runStart >= MIN_GUTTER_WIDTH) {
        runs.push({ from: runStart, to: offset });
      }
      runStart = -1;
    }
  }
  return runs.sort((a, b) => b.to - b.from - (a.to - a.from)).slice(0, RUNS_PER_LEVEL);
}

function isAnnotation(text: string): boolean {
  // "* Sunnyvale, CA", "z July 2012": an icon glyph before the place or date changes nothing.
  const trimmed = stripIcon(text);
  return trimmed.length <= 40 && (DATE_LIKE.test(trimmed) || LOCATION_LIKE.test(trimmed));
}

// Share of rows starting within ALIGNMENT_TOLERANCE of the most common start, in 2 pt buckets.
function alignedShare(starts: number[]): number {
  const counts = new Map<number, number>();
  for (const start of starts) {
    const bucket = Math.round(start / 2);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const reach = ALIGNMENT_TOLERANCE / 2;
  let best = 0;
  for (const bucket of counts.keys()) {
    let near = 0;
    for (let offset = -reach; offset <= reach; offset += 1) {
      near += counts.get(bucket + offset) ?? 0;
    }
    best = Math.max(best, near);
  }
  return starts.length === 0 ? 0 : best / starts.length;
}

// A real column is a block of left-aligned text with a substantial share of the page's
// characters. Right-aligned dates and locations beside a title (LaTeX résumés) are not a column:
// they start at ragged x positions and are mostly dates or places.
function isColumn(rows: Row[], totalChars: number, requireAlignment: boolean): boolean {
  if (rows.length < MIN_ROWS_PER_COLUMN) {
    return false;
  }
  const texts = rows.map(rowText);
  const chars = texts.reduce((sum, text) => sum + text.replace(/\s/g, '').length, 0);
  const annotations = texts.filter(isAnnotation).length;
  if (chars < totalChars * MIN_COLUMN_SHARE || annotations / rows.length >= MAX_ANNOTATION_SHARE) {
    return false;
  }
  return !requireAlignment || alignedShare(rows.map((row) => row.items[0].x)) >= MIN_ALIGNED_SHARE;
}

interface ColumnSplit {
  left: Map<Row, Row>;
  right: Map<Row, Row>;
  spanning: Set<Row>;
}

// Each page row is cut at the gutter; the maps lead from a page row to its part in each column.
function splitRows(rows: Row[], gutter: Gutter): ColumnSplit {
  const middle = (gutter.from + gutter.to) / 2;
  const crosses = (row: Row): boolean =>
    rowSpans(row).some(([from, to]) => from < middle && to > middle);
  const split: ColumnSplit = { left: new Map(), right: new Map(), spanning: new Set() };
  for (const row of rows) {
    if (crosses(row)) {
      split.spanning.add(row);
      continue;
    }
    const leftItems = row.items.filter((item) => item.x + item.width / 2 < middle);
    const rightItems = row.items.filter((item) => item.x + item.width / 2 >= middle);
    if (leftItems.length > 0) {
      split.left.set(row, { ...row, items: leftItems });
    }
    if (rightItems.length > 0) {
      split.right.set(row, { ...row, items: rightItems });
    }
  }
  return split;
}

function layoutRows(rows: Row[], depth: number): string[] {
  if (rows.length === 0) {
    return [];
  }
  const gutter = depth < MAX_COLUMN_DEPTH ? findGutter(rows) : null;
  if (!gutter) {
    return rowsToLines(rows);
  }
  const split = splitRows(rows, gutter);
  const totalChars = rows.reduce((sum, row) => sum + rowText(row).replace(/\s/g, '').length, 0);
  if (
    !isColumn([...split.left.values()], totalChars, false) ||
    !isColumn([...split.right.values()], totalChars, true)
  ) {
    return rowsToLines(rows);
  }
  // Rows that cross the gutter (a centred name, a full-width footer) split the page into bands;
  // inside each band the left column is read to the end before the right one.
  const lines: string[] = [];
  let band: Row[] = [];
  const flush = (): void => {
    const bandLeft = band.flatMap((row) => split.left.get(row) ?? []);
    const bandRight = band.flatMap((row) => split.right.get(row) ?? []);
    lines.push(...layoutRows(bandLeft, depth + 1));
    if (bandLeft.length > 0 && bandRight.length > 0) {
      lines.push('');
    }
    lines.push(...layoutRows(bandRight, depth + 1));
    band = [];
  };
  for (const row of rows) {
    if (split.spanning.has(row)) {
      flush();
      lines.push(rowText(row));
    } else {
      band.push(row);
    }
  }
  flush();
  return lines;
}

export function layoutPageText(items: PositionedText[]): string {
  const visible = items.filter(
    (item) =>
      item.str.trim() !== '' &&
      [item.x, item.y, item.width, item.fontSize].every(Number.isFinite) &&
      item.fontSize > 0,
  );
  return layoutRows(buildRows(visible), 0)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
