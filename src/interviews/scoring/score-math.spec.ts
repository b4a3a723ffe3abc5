import { interviewOverall, recommendationFor, weightedOverall } from './score-math';

const WEIGHTS = { relevance: 0.3, completeness: 0.25, accuracy: 0.3, clarity: 0.15 };
const THRESHOLDS = { selectThreshold: 7.5, nextRoundThreshold: 5 };

describe('score math', () => {
  it('weights the four dimensions as configured', () => {
    expect(
      weightedOverall({ relevance: 10, completeness: 8, accuracy: 6, clarity: 4 }, WEIGHTS),
    ).toBe(7.4);
  });

  it('clamps dimensions to 0..10 before weighting', () => {
    expect(
      weightedOverall({ relevance: 14, completeness: -3, accuracy: 10, clarity: 10 }, WEIGHTS),
    ).toBe(7.5);
  });

  it('counts an unanswered question as zero in the interview mean', () => {
    expect(interviewOverall([8, 6], 2)).toBe(7);
    expect(interviewOverall([8, 6], 4)).toBe(3.5);
    expect(interviewOverall([], 0)).toBeNull();
  });

  it('recommends by the configured thresholds, inclusive', () => {
    expect(recommendationFor(7.5, THRESHOLDS)).toBe('select');
    expect(recommendationFor(7.49, THRESHOLDS)).toBe('next_round');
    expect(recommendationFor(5, THRESHOLDS)).toBe('next_round');
    expect(recommendationFor(4.99, THRESHOLDS)).toBe('reject');
  });
});
