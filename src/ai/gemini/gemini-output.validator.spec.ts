import type { AnswerToScore, QuestionRequest } from '../ai-provider';
import {
  GeminiOutputError,
  parseAnswerScore,
  parseDraftQuestions,
} from './gemini-output.validator';

function aRequest(overrides: Partial<QuestionRequest> = {}): QuestionRequest {
  return {
    jobTitle: 'Data Engineer',
    jobDescription: 'Build batch pipelines.',
    skills: ['Apache Spark'],
    count: 1,
    types: ['technical'],
    ...overrides,
  };
}

function aQuestion(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    question_text: 'What causes a shuffle in Spark?',
    question_type: 'technical',
    difficulty_level: 'medium',
    skills_tested: ['Apache Spark'],
    gold_standard_answer:
      'Wide transformations such as groupBy and joins move data between executors.',
    key_points: ['wide transformations', 'data moves between executors'],
    ...overrides,
  };
}

function anAnswer(): AnswerToScore {
  return {
    questionText: 'What causes a shuffle in Spark?',
    goldStandardAnswer: 'Wide transformations move data between executors.',
    keyPoints: ['Wide transformations', 'data moves between executors'],
    answerText: 'groupBy and joins need all rows of a key together.',
    questionType: 'technical',
    skills: ['Apache Spark'],
  };
}

function aScore(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    scores: { relevance: 8, completeness: 5, accuracy: 7.25, clarity: 9 },
    rationale: 'Names the wide transformations but not the data movement.',
    matched_key_points: ['wide transformations'],
    missed_key_points: ['Data moves between executors.'],
    flags: [],
    ...overrides,
  };
}

const questionsJson = (...questions: unknown[]): string => JSON.stringify({ questions });

describe('Gemini output validation', () => {
  describe(parseDraftQuestions.name, () => {
    it('accepts a well-formed reply and drops fields it does not know', () => {
      const [question] = parseDraftQuestions(
        questionsJson(aQuestion({ internal_note: 'x' })),
        aRequest(),
      );

      expect(question).toEqual(aQuestion());
    });

    it('returns exactly the requested count when the model sends more', () => {
      const reply = questionsJson(aQuestion(), aQuestion({ question_text: 'Another one?' }));

      expect(parseDraftQuestions(reply, aRequest({ count: 1 }))).toHaveLength(1);
    });

    it.each([
      ['a missing field', aQuestion({ gold_standard_answer: undefined })],
      ['an empty string', aQuestion({ question_text: '   ' })],
      ['a type that was not requested', aQuestion({ question_type: 'behavioral' })],
      ['an unknown difficulty', aQuestion({ difficulty_level: 'expert' })],
      ['key points that are not strings', aQuestion({ key_points: ['ok', 3] })],
      ['a single key point', aQuestion({ key_points: ['only one'] })],
      ['no skills', aQuestion({ skills_tested: [] })],
    ])('rejects %s', (_case, question) => {
      expect(() => parseDraftQuestions(questionsJson(question), aRequest())).toThrow(
        GeminiOutputError,
      );
    });

    it('rejects a difficulty other than the requested one', () => {
      expect(() =>
        parseDraftQuestions(questionsJson(aQuestion()), aRequest({ difficulty: 'hard' })),
      ).toThrow(/difficulty_level/);
    });

    it('does not count excluded or repeated questions towards the count', () => {
      const reply = questionsJson(
        aQuestion(),
        aQuestion({ question_text: 'what causes a SHUFFLE in spark' }),
      );

      expect(() => parseDraftQuestions(reply, aRequest({ count: 2 }))).toThrow(
        /2 distinct new questions/,
      );
      expect(() =>
        parseDraftQuestions(
          questionsJson(aQuestion()),
          aRequest({ excludeTexts: ['What causes a shuffle in Spark?'] }),
        ),
      ).toThrow(GeminiOutputError);
    });

    it.each(['', 'not json', '[]', '{"questions": {}}'])('rejects the reply %j', (reply) => {
      expect(() => parseDraftQuestions(reply, aRequest())).toThrow(GeminiOutputError);
    });
  });

  describe(parseAnswerScore.name, () => {
    it("rounds scores to one decimal and returns key points in the caller's spelling", () => {
      const score = parseAnswerScore(JSON.stringify(aScore()), anAnswer());

      expect(score.scores.accuracy).toBe(7.3);
      expect(score.matched_key_points).toEqual(['Wide transformations']);
      expect(score.missed_key_points).toEqual(['data moves between executors']);
    });

    it('counts key points the model left out as missed', () => {
      const score = parseAnswerScore(JSON.stringify(aScore({ missed_key_points: [] })), anAnswer());

      expect(score.missed_key_points).toEqual(['data moves between executors']);
    });

    it.each([
      [
        'a score above 10',
        aScore({ scores: { relevance: 11, completeness: 5, accuracy: 5, clarity: 5 } }),
      ],
      [
        'a negative score',
        aScore({ scores: { relevance: -1, completeness: 5, accuracy: 5, clarity: 5 } }),
      ],
      [
        'a score as text',
        aScore({ scores: { relevance: '8', completeness: 5, accuracy: 5, clarity: 5 } }),
      ],
      ['a missing dimension', aScore({ scores: { relevance: 8, completeness: 5, accuracy: 5 } })],
      ['an unknown key point', aScore({ matched_key_points: ['something else'] })],
      [
        'a key point both matched and missed',
        aScore({ missed_key_points: ['wide transformations'] }),
      ],
      ['an unknown flag', aScore({ flags: ['great_answer'] })],
      ['an empty rationale', aScore({ rationale: '' })],
      ['coaching that is not a list', aScore({ coaching: 'practice more' })],
    ])('rejects %s', (_case, reply) => {
      expect(() => parseAnswerScore(JSON.stringify(reply), anAnswer())).toThrow(GeminiOutputError);
    });

    it('names the failing path without echoing the content', () => {
      const reply = aScore({ rationale: 42, secret: 'sk-should-not-appear' });

      expect(() => parseAnswerScore(JSON.stringify(reply), anAnswer())).toThrow(
        'invalid Gemini output: $.rationale: expected a non-empty string of at most 3000 characters',
      );
    });
  });
});
