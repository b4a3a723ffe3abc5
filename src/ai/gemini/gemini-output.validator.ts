import {
  ANSWER_FLAGS,
  DIFFICULTIES,
  QUESTION_TYPES,
  type AnswerFlag,
  type AnswerScore,
  type AnswerToScore,
  type Difficulty,
  type DimensionScores,
  type DraftQuestion,
  type QuestionRequest,
  type QuestionType,
} from '../ai-provider';

// Raised when the model's reply is not exactly what the schema promised. The message names the
// offending path only, never the content, so it is safe to log.
export class GeminiOutputError extends Error {
  constructor(detail: string) {
    super(`invalid Gemini output: ${detail}`);
    this.name = 'GeminiOutputError';
  }
}

const MAX_TEXT = 6000;
const MAX_ITEM = 500;

function fail(path: string, expected: string): never {
  throw new GeminiOutputError(`${path}: expected ${expected}`);
}

function objectAt(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, 'an object');
  }
  return value as Record<string, unknown>;
}

function textAt(value: unknown, path: string, max = MAX_TEXT): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    fail(path, `a non-empty string of at most ${max} characters`);
  }
  return value.trim();
}

function textListAt(value: unknown, path: string, min: number, max: number): string[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    fail(path, `an array of ${min} to ${max} strings`);
  }
  return value.map((item, index) => textAt(item, `${path}[${index}]`, MAX_ITEM));
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    fail(path, `one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function scoreAt(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 10) {
    fail(path, 'a number from 0 to 10');
  }
  return Math.round(value * 10) / 10;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') {
    throw new GeminiOutputError('empty reply');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new GeminiOutputError('reply is not JSON');
  }
}

const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();

function draftQuestionAt(value: unknown, path: string, req: QuestionRequest): DraftQuestion {
  const item = objectAt(value, path);
  const allowedTypes = req.types.length > 0 ? req.types : QUESTION_TYPES;
  const allowedDifficulties: readonly Difficulty[] = req.difficulty
    ? [req.difficulty]
    : DIFFICULTIES;
  return {
    question_text: textAt(item.question_text, `${path}.question_text`, 1000),
    question_type: oneOf<QuestionType>(item.question_type, `${path}.question_type`, allowedTypes),
    difficulty_level: oneOf(item.difficulty_level, `${path}.difficulty_level`, allowedDifficulties),
    skills_tested: textListAt(item.skills_tested, `${path}.skills_tested`, 1, 10),
    gold_standard_answer: textAt(item.gold_standard_answer, `${path}.gold_standard_answer`),
    key_points: textListAt(item.key_points, `${path}.key_points`, 2, 8),
  };
}

// Returns exactly `count` distinct questions that respect the request, or throws.
export function parseDraftQuestions(
  text: string | undefined,
  req: QuestionRequest,
): DraftQuestion[] {
  const root = objectAt(parseJson(text), '$');
  if (!Array.isArray(root.questions)) {
    fail('$.questions', 'an array');
  }
  const seen = new Set((req.excludeTexts ?? []).map(normalise));
  const questions: DraftQuestion[] = [];
  root.questions.forEach((value, index) => {
    const question = draftQuestionAt(value, `$.questions[${index}]`, req);
    const key = normalise(question.question_text);
    if (!seen.has(key)) {
      seen.add(key);
      questions.push(question);
    }
  });
  if (questions.length < req.count) {
    fail('$.questions', `${req.count} distinct new questions, got ${questions.length}`);
  }
  return questions.slice(0, req.count);
}

// Key points the model lists must be the ones it was given (compared without case and
// punctuation); they are returned in the caller's spelling.
function keyPointsAt(value: unknown, path: string, known: ReadonlyMap<string, string>): string[] {
  return textListAt(value, path, 0, 50).map((point, index) => {
    const canonical = known.get(normalise(point));
    if (canonical === undefined) {
      fail(`${path}[${index}]`, 'one of the key points given');
    }
    return canonical;
  });
}

export function parseAnswerScore(text: string | undefined, answer: AnswerToScore): AnswerScore {
  const root = objectAt(parseJson(text), '$');
  const rawScores = objectAt(root.scores, '$.scores');
  const scores: DimensionScores = {
    relevance: scoreAt(rawScores.relevance, '$.scores.relevance'),
    completeness: scoreAt(rawScores.completeness, '$.scores.completeness'),
    accuracy: scoreAt(rawScores.accuracy, '$.scores.accuracy'),
    clarity: scoreAt(rawScores.clarity, '$.scores.clarity'),
  };
  const known = new Map(answer.keyPoints.map((point) => [normalise(point), point]));
  const matched = [...new Set(keyPointsAt(root.matched_key_points, '$.matched_key_points', known))];
  const missed = [...new Set(keyPointsAt(root.missed_key_points, '$.missed_key_points', known))];
  if (matched.some((point) => missed.includes(point))) {
    fail('$.missed_key_points', 'no key point that is also matched');
  }
  // A key point the model forgot to classify counts as missed.
  const unclassified = answer.keyPoints.filter((p) => !matched.includes(p) && !missed.includes(p));
  const flags = textListAt(root.flags, '$.flags', 0, ANSWER_FLAGS.length).map((flag, index) =>
    oneOf<AnswerFlag>(flag, `$.flags[${index}]`, ANSWER_FLAGS),
  );
  const result: AnswerScore = {
    scores,
    rationale: textAt(root.rationale, '$.rationale', 3000),
    matched_key_points: matched,
    missed_key_points: [...missed, ...unclassified],
    flags: [...new Set(flags)],
  };
  if (root.coaching !== undefined) {
    result.coaching = textListAt(root.coaching, '$.coaching', 0, 5);
  }
  return result;
}
