import { assessFraudRisk, IntegrityAnswer } from './fraud-risk';

function answer(overrides: Partial<IntegrityAnswer> = {}): IntegrityAnswer {
  return {
    questionId: 'q1',
    wordCount: 60,
    secondsSincePrevious: 300,
    similarAnswerIds: [],
    scorerFlags: [],
    ...overrides,
  };
}

describe('assessFraudRisk', () => {
  it('is zero and low with no signals', () => {
    expect(assessFraudRisk([], [answer()])).toEqual({ score: 0, level: 'low', signals: [] });
  });

  it('caps each kind of browser event so one noisy signal cannot dominate', () => {
    const events = Array.from({ length: 50 }, () => ({
      type: 'tab_hidden' as const,
      questionId: null,
      detail: {},
    }));
    const risk = assessFraudRisk(events, [answer()]);
    expect(risk.score).toBe(20);
    expect(risk.signals).toEqual([
      expect.objectContaining({ type: 'tab_hidden', count: 50, points: 20 }),
    ]);
  });

  it('treats a long paste as a pasted answer and a short one as a plain paste', () => {
    const risk = assessFraudRisk(
      [
        { type: 'paste', questionId: null, detail: { length: 600 } },
        { type: 'paste', questionId: null, detail: { length: 5 } },
      ],
      [answer()],
    );
    expect(risk.signals.map((s) => s.type).sort()).toEqual(['paste', 'pasted_answer']);
    expect(risk.score).toBe(20);
  });

  it('flags implausibly fast long answers, near-duplicates and copied reference answers', () => {
    const risk = assessFraudRisk(
      [],
      [
        answer({ questionId: 'q1', wordCount: 200, secondsSincePrevious: 20 }),
        answer({ questionId: 'q2', similarAnswerIds: ['other'] }),
        answer({ questionId: 'q3', scorerFlags: ['copied_gold_answer'] }),
      ],
    );
    expect(risk.signals.map((s) => s.type)).toEqual([
      'similar_to_other_candidate',
      'copied_gold_answer',
      'fast_answer',
    ]);
    expect(risk.score).toBe(67);
    expect(risk.level).toBe('high');
  });
});
