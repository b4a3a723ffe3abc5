// Speech metrics from a timed transcript. Pure and deterministic; README.md in this folder
// explains each number and the filler-word rules.

export interface TimedSegment {
  start: number;
  end: number;
  text: string;
}

export interface TimedWord {
  word: string;
  start: number;
  end: number;
}

export interface PaceWindow {
  start: number;
  end: number;
  words: number;
  wpm: number;
}

export interface SpeechMetrics {
  word_count: number;
  // First segment start → last segment end, pauses included.
  speaking_span_seconds: number;
  // Time inside segments only.
  speech_seconds: number;
  // Words over the speaking span (what a listener experiences), and over speech time only.
  words_per_minute: number | null;
  articulation_wpm: number | null;
  pace_windows: PaceWindow[];
  window_seconds: number;
  window_step_seconds: number;
  wpm_min: number | null;
  wpm_max: number | null;
  fillers: { count: number; per_100_words: number | null; by_word: Record<string, number> };
  long_pauses: {
    threshold_seconds: number;
    count: number;
    longest_seconds: number;
    total_seconds: number;
  };
}

export const WINDOW_SECONDS = 30;
export const WINDOW_STEP_SECONDS = 15;
export const LONG_PAUSE_SECONDS = 2;

// Always fillers (hesitations and hedges).
const FILLER_WORDS = new Set([
  'um',
  'umm',
  'uh',
  'uhh',
  'uhm',
  'erm',
  'er',
  'ah',
  'hmm',
  'mm',
  'basically',
  'actually',
  'literally',
]);
// "like" after one of these is the verb or a comparison ("I like", "would like", "looks like").
const LIKE_NOT_FILLER_AFTER = new Set([
  'i',
  'you',
  'we',
  'they',
  "i'd",
  "you'd",
  "we'd",
  "they'd",
  'would',
  'do',
  "don't",
  'does',
  "doesn't",
  'did',
  "didn't",
  'to',
  'not',
  'really',
  'also',
  'will',
  'might',
  'could',
  'should',
  'look',
  'looks',
  'looked',
  'feel',
  'feels',
  'felt',
  'seem',
  'seems',
  'sound',
  'sounds',
  'something',
  'just',
  'more',
]);
// "you know" after one of these is a question or a clause ("do you know", "if you know").
const YOU_KNOW_NOT_FILLER_AFTER = new Set(['do', 'did', "don't", "didn't", 'if']);

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

// A loop, not /^'+|'+$/g: that pattern retries from every apostrophe of a long run (quadratic).
function trimApostrophes(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && token[start] === "'") {
    start += 1;
  }
  while (end > start && token[end - 1] === "'") {
    end -= 1;
  }
  return token.slice(start, end);
}

// Lower-cased word tokens; apostrophes stay inside words ("don't"), hyphens split.
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map(trimApostrophes)
    .filter(Boolean);
}

// Counts fillers sentence by sentence, since "so" is a filler only when it opens one.
export function countFillers(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (filler: string) => {
    counts[filler] = (counts[filler] ?? 0) + 1;
  };
  for (const sentence of text.split(/[.!?]+/)) {
    const tokens = tokenize(sentence);
    tokens.forEach((token, i) => {
      const previous = i > 0 ? tokens[i - 1] : '';
      if (FILLER_WORDS.has(token)) {
        add(token);
      } else if (token === 'like' && !LIKE_NOT_FILLER_AFTER.has(previous)) {
        add('like');
      } else if (token === 'so' && i === 0) {
        add('so');
      } else if (
        token === 'know' &&
        previous === 'you' &&
        !YOU_KNOW_NOT_FILLER_AFTER.has(i > 1 ? tokens[i - 2] : '')
      ) {
        add('you know');
      } else if (token === 'mean' && previous === 'i') {
        add('i mean');
      }
    });
  }
  return counts;
}

// When to place each word on the time line: its own timestamps when the transcript has them,
// else spread evenly over its segment (midpoint of its share).
function wordTimes(segments: TimedSegment[], words?: TimedWord[]): number[] {
  if (words && words.length > 0) {
    return words.map((w) => (w.start + w.end) / 2);
  }
  return segments.flatMap((s) => {
    const tokens = tokenize(s.text);
    const step = (s.end - s.start) / Math.max(1, tokens.length);
    return tokens.map((_, i) => s.start + (i + 0.5) * step);
  });
}

// 30 s windows every 15 s from the first word on; one more aligned to the end when the last
// step leaves a tail, so the close of the answer is always measured. A span shorter than one
// window is measured as a whole.
export function paceWindows(times: number[], from: number, to: number): PaceWindow[] {
  const span = to - from;
  if (span <= 0) {
    return [];
  }
  const bounds: [number, number][] = [];
  if (span <= WINDOW_SECONDS) {
    bounds.push([from, to]);
  } else {
    let a = from;
    for (; a + WINDOW_SECONDS <= to + 1e-9; a += WINDOW_STEP_SECONDS) {
      bounds.push([a, a + WINDOW_SECONDS]);
    }
    if (bounds[bounds.length - 1][1] < to - 1e-9) {
      bounds.push([to - WINDOW_SECONDS, to]);
    }
  }
  return bounds.map(([a, b]) => {
    const words = times.filter((t) => t >= a && (t < b || (b >= to && t <= b))).length;
    return { start: round(a, 2), end: round(b, 2), words, wpm: round(words / ((b - a) / 60), 1) };
  });
}

export function computeSpeechMetrics(segments: TimedSegment[], words?: TimedWord[]): SpeechMetrics {
  const sorted = [...segments].sort((a, b) => a.start - b.start || a.end - b.end);
  const wordCount = sorted.reduce((sum, s) => sum + tokenize(s.text).length, 0);
  const from = sorted.length > 0 ? sorted[0].start : 0;
  const to = sorted.reduce((max, s) => Math.max(max, s.end), from);
  const span = to - from;
  const speech = sorted.reduce((sum, s) => sum + (s.end - s.start), 0);

  const byWord: Record<string, number> = {};
  for (const s of sorted) {
    for (const [filler, n] of Object.entries(countFillers(s.text))) {
      byWord[filler] = (byWord[filler] ?? 0) + n;
    }
  }
  const fillerCount = Object.values(byWord).reduce((a, b) => a + b, 0);

  const pauses: number[] = [];
  let lastEnd = from;
  for (const s of sorted) {
    const gap = s.start - lastEnd;
    if (gap > LONG_PAUSE_SECONDS) {
      pauses.push(gap);
    }
    lastEnd = Math.max(lastEnd, s.end);
  }

  const windows = paceWindows(wordTimes(sorted, words), from, to);
  const perMinute = (seconds: number) =>
    seconds > 0 && wordCount > 0 ? round(wordCount / (seconds / 60), 1) : null;
  return {
    word_count: wordCount,
    speaking_span_seconds: round(span, 2),
    speech_seconds: round(speech, 2),
    words_per_minute: perMinute(span),
    articulation_wpm: perMinute(speech),
    pace_windows: windows,
    window_seconds: WINDOW_SECONDS,
    window_step_seconds: WINDOW_STEP_SECONDS,
    wpm_min: windows.length > 0 ? Math.min(...windows.map((w) => w.wpm)) : null,
    wpm_max: windows.length > 0 ? Math.max(...windows.map((w) => w.wpm)) : null,
    fillers: {
      count: fillerCount,
      per_100_words: wordCount > 0 ? round((fillerCount / wordCount) * 100, 1) : null,
      by_word: byWord,
    },
    long_pauses: {
      threshold_seconds: LONG_PAUSE_SECONDS,
      count: pauses.length,
      longest_seconds: round(pauses.length > 0 ? Math.max(...pauses) : 0, 2),
      total_seconds: round(
        pauses.reduce((a, b) => a + b, 0),
        2,
      ),
    },
  };
}
