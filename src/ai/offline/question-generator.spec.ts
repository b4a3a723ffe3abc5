import type { QuestionRequest, QuestionType } from '../ai-provider';
import { OfflineQuestionGenerator, normaliseQuestionText } from './question-generator';

function aQuestionRequest(overrides: Partial<QuestionRequest> = {}): QuestionRequest {
  return {
    jobTitle: 'Senior Backend Engineer',
    jobDescription:
      'Build and run the APIs behind our payments platform. You will design services in Node.js and TypeScript, store data in PostgreSQL and deploy on Kubernetes.',
    skills: ['Node.js', 'PostgreSQL', 'Kubernetes'],
    count: 6,
    types: ['technical', 'behavioral', 'situational'],
    ...overrides,
  };
}

describe(OfflineQuestionGenerator.name, () => {
  const generator = new OfflineQuestionGenerator();

  it.each([1, 5, 12, 20])('returns exactly %i questions', (count) => {
    expect(generator.generate(aQuestionRequest({ count }))).toHaveLength(count);
  });

  it.each<[QuestionType[]]>([
    [['technical']],
    [['behavioral']],
    [['situational']],
    [['technical', 'situational']],
  ])('returns only the requested types %j, spread across them', (types) => {
    const questions = generator.generate(aQuestionRequest({ types, count: 8 }));

    expect(new Set(questions.map((q) => q.question_type))).toEqual(new Set(types));
  });

  it('falls back to all three types when none are requested', () => {
    const questions = generator.generate(aQuestionRequest({ types: [], count: 6 }));

    expect(new Set(questions.map((q) => q.question_type))).toEqual(
      new Set(['technical', 'behavioral', 'situational']),
    );
  });

  it.each(['easy', 'medium', 'hard'] as const)(
    'returns only %s questions when that difficulty is requested',
    (difficulty) => {
      const questions = generator.generate(aQuestionRequest({ difficulty, count: 9 }));

      expect(questions).toHaveLength(9);
      expect(questions.every((q) => q.difficulty_level === difficulty)).toBe(true);
    },
  );

  it('returns the same questions in the same order for the same request', () => {
    const request = aQuestionRequest({ count: 10 });

    expect(new OfflineQuestionGenerator().generate(request)).toEqual(generator.generate(request));
  });

  it('orders questions differently for a different job', () => {
    const first = generator.generate(aQuestionRequest({ types: ['behavioral'], count: 5 }));
    const second = generator.generate(
      aQuestionRequest({ types: ['behavioral'], count: 5, jobTitle: 'Data Engineer' }),
    );

    expect(second.map((q) => q.question_text)).not.toEqual(first.map((q) => q.question_text));
  });

  it('spreads technical questions across the skills', () => {
    const questions = generator.generate(aQuestionRequest({ types: ['technical'], count: 6 }));

    const tested = questions.flatMap((q) => q.skills_tested);
    for (const skill of ['Node.js', 'PostgreSQL', 'Kubernetes']) {
      expect(tested.filter((s) => s === skill)).toHaveLength(2);
    }
  });

  it('never repeats a question and skips the excluded ones', () => {
    const all = generator.generate(aQuestionRequest({ count: 20 }));
    const excluded = all.slice(0, 4).map((q) => q.question_text.toUpperCase());

    const next = generator.generate(aQuestionRequest({ count: 20, excludeTexts: excluded }));

    const texts = next.map((q) => normaliseQuestionText(q.question_text));
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).not.toEqual(expect.arrayContaining(excluded.map(normaliseQuestionText)));
    expect(next).toHaveLength(20);
  });

  it('gives every question a gold answer and key points with no unfilled placeholders', () => {
    const questions = generator.generate(
      aQuestionRequest({ count: 20, skills: ['Kubernetes', 'Haskell'] }),
    );

    for (const question of questions) {
      expect(question.gold_standard_answer.length).toBeGreaterThan(80);
      expect(question.key_points.length).toBeGreaterThanOrEqual(3);
      expect(question.skills_tested.length).toBeGreaterThan(0);
      const text = [
        question.question_text,
        question.gold_standard_answer,
        ...question.key_points,
      ].join(' ');
      expect(text).not.toMatch(/[{}]/);
    }
  });

  it('uses technical templates that name a skill the bank does not know', () => {
    const questions = generator.generate(
      aQuestionRequest({ skills: ['Quantum Annealing'], types: ['technical'], count: 4 }),
    );

    expect(questions).toHaveLength(4);
    for (const question of questions) {
      expect(question.question_text).toContain('Quantum Annealing');
      expect(question.skills_tested).toEqual(['Quantum Annealing']);
    }
  });

  it('gives a skill the bank does not know its turn next to the known ones', () => {
    const questions = generator.generate(
      aQuestionRequest({ skills: ['React', 'Quantum Annealing'], types: ['technical'], count: 2 }),
    );

    expect(questions.map((q) => q.skills_tested[0])).toEqual(['React', 'Quantum Annealing']);
  });

  it("matches bank skills by alias and case, echoing the caller's spelling", () => {
    const questions = generator.generate(
      aQuestionRequest({ skills: ['k8s'], types: ['technical'], count: 3 }),
    );

    expect(questions.map((q) => q.question_text).join(' ')).toMatch(/Kubernetes|Pod/);
    expect(questions.every((q) => q.skills_tested[0] === 'k8s')).toBe(true);
  });

  it('infers skills from the job description when none are given', () => {
    const questions = generator.generate(
      aQuestionRequest({ skills: [], types: ['technical'], count: 3 }),
    );

    expect(questions.flatMap((q) => q.skills_tested)).toEqual(
      expect.arrayContaining(['Node.js', 'TypeScript', 'PostgreSQL']),
    );
  });

  it('fills behavioural and situational templates with the role and the company context', () => {
    const questions = generator.generate(
      aQuestionRequest({ types: ['behavioral', 'situational'], count: 24 }),
    );

    const text = questions.map((q) => q.question_text).join('\n');
    expect(text).toContain('as a Senior Backend Engineer');
    expect(text).toContain('payments platform');
    expect(questions.every((q) => /^[A-Z]/.test(q.question_text))).toBe(true);
  });

  it('returns nothing for a count of zero', () => {
    expect(generator.generate(aQuestionRequest({ count: 0 }))).toEqual([]);
  });
});
