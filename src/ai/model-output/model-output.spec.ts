import type { AnswerToScore, QuestionRequest } from '../ai-provider';
import { parseAnswerScore } from './answer-score.parser';
import { parseDraftQuestions } from './draft-questions.parser';
import { parseJsonReply } from './json-reply';
import { ModelOutputError } from './model-output-error';

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

describe('model output validation', () => {
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
        ModelOutputError,
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
      ).toThrow(ModelOutputError);
    });

    it.each(['', 'not json', '[]', '{"questions": {}}'])('rejects the reply %j', (reply) => {
      expect(() => parseDraftQuestions(reply, aRequest())).toThrow(ModelOutputError);
    });
  });

  describe(parseJsonReply.name, () => {
    it('reads JSON wrapped in a Markdown fence or a sentence of prose', () => {
      expect(parseJsonReply('```json\n{"a": {"b": "}"}}\n```')).toEqual({ a: { b: '}' } });
      expect(parseJsonReply('Here is the grade: {"a": 1} Hope it helps.')).toEqual({ a: 1 });
    });

    it.each(['', '   ', 'no json here', '{"a": '])('rejects %j', (reply) => {
      expect(() => parseJsonReply(reply)).toThrow(ModelOutputError);
    });
  });

  describe(parseAnswerScore.name, () => {
    const parse = (reply: Record<string, unknown>) =>
      parseAnswerScore(JSON.stringify(reply), anAnswer());

    it("rounds scores to one decimal and returns key points in the caller's spelling", () => {
      const { score, warnings } = parse(aScore());

      expect(score.scores.accuracy).toBe(7.3);
      expect(score.matched_key_points).toEqual(['Wide transformations']);
      expect(score.missed_key_points).toEqual(['data moves between executors']);
      expect(warnings).toEqual([]);
    });

    it('counts key points the model left out as missed', () => {
      const { score } = parse(aScore({ missed_key_points: [] }));

      expect(score.missed_key_points).toEqual(['data moves between executors']);
    });

    it('maps a paraphrased key point to the one it restates and says so', () => {
      const { score, warnings } = parse(
        aScore({
          matched_key_points: ['The answer names wide transformations such as joins'],
          missed_key_points: ['moving data across executors'],
        }),
      );

      expect(score.matched_key_points).toEqual(['Wide transformations']);
      expect(score.missed_key_points).toEqual(['data moves between executors']);
      expect(warnings.join('\n')).toContain('paraphrase mapped');
    });

    it('accepts key points given by their number', () => {
      const { score } = parse(aScore({ matched_key_points: ['2'], missed_key_points: ['#1'] }));

      expect(score.matched_key_points).toEqual(['data moves between executors']);
      expect(score.missed_key_points).toEqual(['Wide transformations']);
    });

    it('drops an unknown key point with a warning that does not echo it, and keeps the scores', () => {
      const { score, warnings } = parse(
        aScore({ matched_key_points: ['wide transformations', 'mentions the Catalyst optimiser'] }),
      );

      expect(score.scores.relevance).toBe(8);
      expect(score.matched_key_points).toEqual(['Wide transformations']);
      expect(warnings).toEqual([
        '$.matched_key_points[1]: not one of the key points given; dropped',
      ]);
    });

    it('settles a key point listed on both sides as missed unless one listing is closer', () => {
      const tie = parse(aScore({ missed_key_points: ['wide transformations'] }));
      const closer = parse(
        aScore({
          matched_key_points: ['wide transformations'],
          missed_key_points: ['wide transformations such as groupBy'],
        }),
      );

      expect(tie.score.matched_key_points).toEqual([]);
      expect(closer.score.matched_key_points).toEqual(['Wide transformations']);
    });

    it('drops unknown flags and malformed coaching, and fills in a missing rationale', () => {
      const { score, warnings } = parse(
        aScore({ flags: ['great_answer', 'off_topic'], coaching: 'practice more', rationale: '' }),
      );

      expect(score.flags).toEqual(['off_topic']);
      expect(score.coaching).toBeUndefined();
      expect(score.rationale).toMatch(/1 of 2 key points/);
      expect(warnings).toHaveLength(3);
    });

    it('accepts a score written as a numeric string', () => {
      const { score } = parse(
        aScore({ scores: { relevance: '8', completeness: 5, accuracy: 5, clarity: 5 } }),
      );

      expect(score.scores.relevance).toBe(8);
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
        'a score that is not a number',
        aScore({ scores: { relevance: 'high', completeness: 5, accuracy: 5, clarity: 5 } }),
      ],
      ['a missing dimension', aScore({ scores: { relevance: 8, completeness: 5, accuracy: 5 } })],
      ['no scores at all', aScore({ scores: undefined })],
    ])('rejects %s: the scores themselves are unusable', (_case, reply) => {
      expect(() => parseAnswerScore(JSON.stringify(reply), anAnswer())).toThrow(ModelOutputError);
    });

    it('names the failing path without echoing the content', () => {
      const reply = aScore({
        scores: { relevance: 'sk-should-not-appear', completeness: 5, accuracy: 5, clarity: 5 },
      });

      expect(() => parseAnswerScore(JSON.stringify(reply), anAnswer())).toThrow(
        'invalid model output: $.scores.relevance: expected a number from 0 to 10',
      );
    });
  });
});
