import { TranscriptionError } from './transcriber';
import type { Transcript, TranscriptSegment, TranscriptWord } from './transcriber';

// Strict checks on a model's transcript: the schema is a request, not a guarantee. Anything
// off is rejected with the offending JSON path (never the content), so it is safe to log.

export const MAX_SEGMENTS = 5000;
export const MAX_WORDS = 50_000;
const MAX_SEGMENT_CHARS = 4000;
const MAX_TEXT_CHARS = 200_000;
// Model timestamps are approximate; beyond this slack past the real end they are invented.
const END_TOLERANCE_SECONDS = 1.5;
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$/i;

function fail(path: string, expected: string): never {
  throw new TranscriptionError(
    'invalid_output',
    `invalid transcript: ${path}: expected ${expected}`,
  );
}

function objectAt(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, 'an object');
  }
  return value as Record<string, unknown>;
}

function secondsAt(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(path, 'a non-negative number of seconds');
  }
  return Math.round(value * 1000) / 1000;
}

function textAt(value: unknown, path: string, max: number): string {
  if (typeof value !== 'string' || value.length > max) {
    fail(path, `a string of at most ${max} characters`);
  }
  return value.replace(/\s+/g, ' ').trim();
}

function arrayAt(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value) || value.length > max) {
    fail(path, `an array of at most ${max} items`);
  }
  return value;
}

function timedAt(item: unknown, path: string, limit: number | null) {
  const o = objectAt(item, path);
  const start = secondsAt(o.start, `${path}.start`);
  const end = secondsAt(o.end, `${path}.end`);
  if (end < start) {
    fail(`${path}.end`, 'a time not before start');
  }
  if (limit !== null && end > limit + END_TOLERANCE_SECONDS) {
    fail(`${path}.end`, `a time within the audio (${limit} s)`);
  }
  return { o, start, end };
}

export function validateSegments(value: unknown, path: string, limit: number | null) {
  const segments: TranscriptSegment[] = [];
  let previousStart = 0;
  arrayAt(value, path, MAX_SEGMENTS).forEach((item, i) => {
    const { o, start, end } = timedAt(item, `${path}[${i}]`, limit);
    if (start < previousStart) {
      fail(`${path}[${i}].start`, 'segments in time order');
    }
    previousStart = start;
    const text = textAt(o.text, `${path}[${i}].text`, MAX_SEGMENT_CHARS);
    // A model may emit an empty segment for silence; it carries nothing to keep.
    if (text) {
      segments.push({ start, end, text });
    }
  });
  return segments;
}

function validateWords(value: unknown, limit: number | null): TranscriptWord[] {
  return arrayAt(value, '$.words', MAX_WORDS).map((item, i) => {
    const { o, start, end } = timedAt(item, `$.words[${i}]`, limit);
    const word = textAt(o.word, `$.words[${i}].word`, 100);
    if (!word) {
      fail(`$.words[${i}].word`, 'a non-empty string');
    }
    return { word, start, end };
  });
}

export function parseTranscript(
  raw: string | undefined,
  options: { durationSeconds?: number | null } = {},
): Transcript {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? '');
  } catch {
    fail('$', 'JSON');
  }
  const root = objectAt(parsed, '$');
  const limit = options.durationSeconds ?? null;
  const segments = validateSegments(root.segments, '$.segments', limit);
  const words = root.words === undefined ? undefined : validateWords(root.words, limit);
  const reported = secondsAt(root.duration_seconds, '$.duration_seconds');
  const language = textAt(root.language, '$.language', 20).toLowerCase();
  if (language !== 'und' && !LANGUAGE_TAG.test(language)) {
    fail('$.language', 'a BCP 47 language tag or "und"');
  }
  let text = textAt(root.text, '$.text', MAX_TEXT_CHARS);
  if (!text && segments.length > 0) {
    text = segments.map((s) => s.text).join(' ');
  }
  const lastEnd = segments.reduce((max, s) => Math.max(max, s.end), 0);
  // The container's duration when we could read it; else the model's, never shorter than speech.
  const duration = limit ?? Math.max(reported, lastEnd);
  return {
    text,
    language,
    duration_seconds: Math.round(duration * 1000) / 1000,
    segments,
    ...(words && words.length > 0 ? { words } : {}),
  };
}
