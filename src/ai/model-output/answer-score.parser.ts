import {
  ANSWER_FLAGS,
  type AnswerFlag,
  type AnswerScore,
  type AnswerToScore,
  type DimensionScores,
} from '../ai-provider';
import { parseJsonReply } from './json-reply';
import { KeyPointResolver, type ResolvedKeyPoint } from './key-point-resolver';
import { failAt } from './model-output-error';

const DIMENSIONS: ReadonlyArray<keyof DimensionScores> = [
  'relevance',
  'completeness',
  'accuracy',
  'clarity',
];
const MAX_RATIONALE = 3000;
const MAX_ITEM = 500;
const MAX_COACHING = 5;

export interface ParsedAnswerScore {
  score: AnswerScore;
  // What was repaired or dropped, by JSON path and reason, never the content: safe to log.
  warnings: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A score is usable when it is a number (or a numeric string) on the 0–10 scale; anything else
// means the model did not grade on our scale, and the whole verdict is discarded.
function scoreAt(value: unknown, path: string): number {
  const number =
    typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0 || number > 10) {
    failAt(path, 'a number from 0 to 10');
  }
  return Math.round(number * 10) / 10;
}

function nonEmptyText(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max
    ? value.trim()
    : undefined;
}

// The model's verdict on one answer, kept whenever its four scores are usable. Key points are
// tied back to the ones given (verbatim, by number or by a clear paraphrase); unknown ones, unknown
// flags and malformed coaching are dropped with a warning instead of discarding the scores.
export function parseAnswerScore(
  text: string | undefined,
  answer: AnswerToScore,
): ParsedAnswerScore {
  const root = parseJsonReply(text);
  if (!isObject(root)) {
    failAt('$', 'an object');
  }
  if (!isObject(root.scores)) {
    failAt('$.scores', 'an object');
  }
  const rawScores = root.scores;
  const scores = Object.fromEntries(
    DIMENSIONS.map((d) => [d, scoreAt(rawScores[d], `$.scores.${d}`)]),
  ) as unknown as DimensionScores;

  const warnings: string[] = [];
  const resolver = new KeyPointResolver(answer.keyPoints);
  const matched = resolveList(root.matched_key_points, '$.matched_key_points', resolver, warnings);
  const missed = resolveList(root.missed_key_points, '$.missed_key_points', resolver, warnings);
  for (const [point, evidence] of matched) {
    const other = missed.get(point);
    if (other === undefined) {
      continue;
    }
    // Listed on both sides (often after a paraphrase was mapped): the closer listing wins, and a
    // tie goes to "missed" so that no key point is credited on doubtful evidence.
    warnings.push(`key point ${answer.keyPoints.indexOf(point) + 1} listed as matched and missed`);
    if (evidence.similarity > other.similarity) {
      missed.delete(point);
    } else {
      matched.delete(point);
    }
  }
  const matchedPoints = answer.keyPoints.filter((p) => matched.has(p));
  // A key point the model did not classify counts as missed.
  const missedPoints = answer.keyPoints.filter((p) => !matched.has(p));

  const flags = parseFlags(root.flags, warnings);
  let rationale = nonEmptyText(root.rationale, MAX_RATIONALE);
  if (rationale === undefined) {
    warnings.push('$.rationale: missing or too long; replaced by a summary');
    rationale = `Scored by the model; it found ${matchedPoints.length} of ${answer.keyPoints.length} key points covered.`;
  }
  const score: AnswerScore = {
    scores,
    rationale,
    matched_key_points: matchedPoints,
    missed_key_points: missedPoints,
    flags,
  };
  const coaching = parseCoaching(root.coaching, warnings);
  if (coaching !== undefined) {
    score.coaching = coaching;
  }
  return { score, warnings };
}

function resolveList(
  value: unknown,
  path: string,
  resolver: KeyPointResolver,
  warnings: string[],
): Map<string, ResolvedKeyPoint> {
  const resolved = new Map<string, ResolvedKeyPoint>();
  if (value === undefined) {
    return resolved;
  }
  if (!Array.isArray(value)) {
    warnings.push(`${path}: not a list; ignored`);
    return resolved;
  }
  value.forEach((item, index) => {
    const listed = nonEmptyText(item, MAX_ITEM);
    const match = listed === undefined ? undefined : resolver.resolve(listed);
    if (match === undefined) {
      warnings.push(`${path}[${index}]: not one of the key points given; dropped`);
      return;
    }
    if (match.kind === 'near') {
      warnings.push(
        `${path}[${index}]: paraphrase mapped to key point (similarity ${match.similarity})`,
      );
    }
    const earlier = resolved.get(match.keyPoint);
    if (!earlier || match.similarity > earlier.similarity) {
      resolved.set(match.keyPoint, match);
    }
  });
  return resolved;
}

function parseFlags(value: unknown, warnings: string[]): AnswerFlag[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    warnings.push('$.flags: not a list; ignored');
    return [];
  }
  const flags: AnswerFlag[] = [];
  value.forEach((flag, index) => {
    if (typeof flag === 'string' && ANSWER_FLAGS.includes(flag as AnswerFlag)) {
      flags.push(flag as AnswerFlag);
    } else {
      warnings.push(`$.flags[${index}]: unknown flag; dropped`);
    }
  });
  return [...new Set(flags)];
}

function parseCoaching(value: unknown, warnings: string[]): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    warnings.push('$.coaching: not a list; ignored');
    return undefined;
  }
  const tips = value.map((tip) => nonEmptyText(tip, MAX_ITEM));
  if (tips.some((tip) => tip === undefined)) {
    warnings.push('$.coaching: items that are not short texts dropped');
  }
  return tips.filter((tip): tip is string => tip !== undefined).slice(0, MAX_COACHING);
}
