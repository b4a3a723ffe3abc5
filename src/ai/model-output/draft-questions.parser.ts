import {
  DIFFICULTIES,
  QUESTION_TYPES,
  type Difficulty,
  type DraftQuestion,
  type QuestionRequest,
  type QuestionType,
} from '../ai-provider';
import { parseJsonReply } from './json-reply';
import { failAt } from './model-output-error';

const MAX_TEXT = 6000;
const MAX_ITEM = 500;

function objectAt(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    failAt(path, 'an object');
  }
  return value as Record<string, unknown>;
}

function textAt(value: unknown, path: string, max = MAX_TEXT): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    failAt(path, `a non-empty string of at most ${max} characters`);
  }
  return value.trim();
}

function textListAt(value: unknown, path: string, min: number, max: number): string[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    failAt(path, `an array of ${min} to ${max} strings`);
  }
  return value.map((item, index) => textAt(item, `${path}[${index}]`, MAX_ITEM));
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    failAt(path, `one of ${allowed.join(', ')}`);
  }
  return value as T;
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

// Generated questions become reference material, so they are checked strictly: exactly `count`
// distinct questions that respect the request, or the reply is rejected.
export function parseDraftQuestions(
  text: string | undefined,
  req: QuestionRequest,
): DraftQuestion[] {
  const root = objectAt(parseJsonReply(text), '$');
  if (!Array.isArray(root.questions)) {
    failAt('$.questions', 'an array');
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
    failAt('$.questions', `${req.count} distinct new questions, got ${questions.length}`);
  }
  return questions.slice(0, req.count);
}
