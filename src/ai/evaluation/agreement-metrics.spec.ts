import { averageRanks, meanAbsoluteError, pearson, spearman } from './agreement-metrics';

describe('agreement metrics', () => {
  it('averages the ranks of ties', () => {
    expect(averageRanks([0.5, 1, 1, 9])).toEqual([1, 2.5, 2.5, 4]);
  });

  it('gives 1 for a monotone but non-linear relation and -1 for a reversed one', () => {
    const human = [1, 2, 3, 4, 5];

    expect(spearman(human, [1, 4, 9, 16, 25])).toBeCloseTo(1, 10);
    expect(pearson(human, [1, 4, 9, 16, 25])).toBeLessThan(1);
    expect(spearman(human, [5, 4, 3, 2, 1])).toBeCloseTo(-1, 10);
  });

  it('matches a hand-computed Spearman with ties', () => {
    // Ranks x: 1, 2.5, 2.5, 4; ranks y: 1, 3, 2, 4 → r = 4.5 / sqrt(4.5 * 5).
    expect(spearman([1, 2, 2, 3], [10, 30, 20, 40])).toBeCloseTo(4.5 / Math.sqrt(22.5), 10);
  });

  it('measures the mean absolute error', () => {
    expect(meanAbsoluteError([1, 5, 9], [2, 5, 6])).toBeCloseTo(4 / 3, 10);
  });
});
