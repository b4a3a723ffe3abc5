// Agreement between machine scores and human grades: the numbers automated interview scoring is
// judged by (rank correlation, linear correlation, mean absolute error).

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

// Ranks from 1, ties sharing the mean of the ranks they span (needed for Spearman with grades
// such as 0.5, 1.0, 1.0).
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].value === order[start].value) {
      end += 1;
    }
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i += 1) {
      ranks[order[i].index] = rank;
    }
    start = end + 1;
  }
  return ranks;
}

export function pearson(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || xs.length < 2) {
    throw new Error('pearson needs two series of the same length, at least 2');
  }
  const mx = mean(xs);
  const my = mean(ys);
  let covariance = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < xs.length; i += 1) {
    covariance += (xs[i] - mx) * (ys[i] - my);
    vx += (xs[i] - mx) ** 2;
    vy += (ys[i] - my) ** 2;
  }
  return vx === 0 || vy === 0 ? 0 : covariance / Math.sqrt(vx * vy);
}

// Pearson correlation of the tie-averaged ranks.
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  return pearson(averageRanks(xs), averageRanks(ys));
}

export function meanAbsoluteError(xs: readonly number[], ys: readonly number[]): number {
  return mean(xs.map((x, i) => Math.abs(x - ys[i])));
}
