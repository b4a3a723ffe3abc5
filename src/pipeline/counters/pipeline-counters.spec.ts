import { CountedApplication, splitRange, transitionDeltas } from './pipeline-counters';

const app = (stage: string, rejectionReasonId: string | null = null): CountedApplication => ({
  jobId: 'job',
  appliedAt: new Date('2026-01-05T10:00:00Z'),
  stage,
  source: 'referral',
  rejectionReasonId,
});
const at = (iso: string) => new Date(iso);
const ORDER = ['applied', 'screening', 'interview', 'offer', 'hired'];

describe('splitRange', () => {
  it('uses whole days only when both ends are midnights', () => {
    expect(splitRange(at('2026-01-01T00:00:00Z'), at('2026-02-01T00:00:00Z'))).toEqual({
      days: ['2026-01-01', '2026-02-01'],
      edges: [],
    });
    expect(splitRange(null, null)).toEqual({ days: [null, null], edges: [] });
  });

  it('recounts the partial days at either end', () => {
    expect(splitRange(at('2026-01-01T12:00:00Z'), at('2026-01-10T06:00:00Z'))).toEqual({
      days: ['2026-01-02', '2026-01-10'],
      edges: [
        [at('2026-01-01T12:00:00Z'), at('2026-01-02T00:00:00Z')],
        [at('2026-01-10T00:00:00Z'), at('2026-01-10T06:00:00Z')],
      ],
    });
    expect(splitRange(at('2026-01-01T12:00:00Z'), null)).toEqual({
      days: ['2026-01-02', null],
      edges: [[at('2026-01-01T12:00:00Z'), at('2026-01-02T00:00:00Z')]],
    });
  });

  it('recounts the whole range when it holds no whole day', () => {
    expect(splitRange(at('2026-01-01T01:00:00Z'), at('2026-01-01T23:00:00Z'))).toEqual({
      days: null,
      edges: [[at('2026-01-01T01:00:00Z'), at('2026-01-01T23:00:00Z')]],
    });
    expect(splitRange(at('2026-01-01T20:00:00Z'), at('2026-01-02T03:00:00Z'))).toEqual({
      days: null,
      edges: [[at('2026-01-01T20:00:00Z'), at('2026-01-02T03:00:00Z')]],
    });
  });
});

describe('transitionDeltas', () => {
  const reach = (stage: string, first: string, last = first) => ({
    stage,
    firstAt: at(first),
    lastAt: at(last),
  });

  it('moves the current count, reaches the target and converts from every earlier stage', () => {
    const deltas = transitionDeltas(
      app('screening'),
      app('interview'),
      [reach('applied', '2026-01-05T10:00:00Z'), reach('screening', '2026-01-06T10:00:00Z')],
      ORDER,
    );
    expect(deltas).toEqual([
      { metric: 'current', k1: 'screening', k2: 'referral', delta: -1 },
      { metric: 'current', k1: 'interview', k2: 'referral', delta: 1 },
      { metric: 'reached', k1: 'interview', k2: '', delta: 1 },
      { metric: 'converted', k1: 'applied', k2: 'interview', delta: 1 },
      { metric: 'converted', k1: 'screening', k2: 'interview', delta: 1 },
      { metric: 'passed', k1: 'interview', k2: '', delta: 1 },
    ]);
  });

  it('counts a revisit only for stages first reached after the last visit', () => {
    // applied → interview → screening → interview: interview already followed applied.
    const deltas = transitionDeltas(
      app('screening'),
      app('interview'),
      [
        reach('applied', '2026-01-05T10:00:00Z'),
        reach('interview', '2026-01-06T10:00:00Z'),
        reach('screening', '2026-01-07T10:00:00Z'),
      ],
      ORDER,
    );
    expect(deltas.filter((d) => d.metric !== 'current')).toEqual([
      { metric: 'converted', k1: 'screening', k2: 'interview', delta: 1 },
    ]);
  });

  it('keeps rejection reasons with the rejected count, both ways', () => {
    const rejected = transitionDeltas(
      app('offer'),
      app('rejected', 'r1'),
      [reach('applied', '2026-01-05T10:00:00Z'), reach('offer', '2026-01-06T10:00:00Z')],
      ORDER,
    );
    expect(rejected).toContainEqual({ metric: 'rejected', k1: 'r1', k2: '', delta: 1 });
    const unrejected = transitionDeltas(
      app('rejected', 'r1'),
      app('offer'),
      [
        reach('applied', '2026-01-05T10:00:00Z'),
        reach('offer', '2026-01-06T10:00:00Z'),
        reach('rejected', '2026-01-07T10:00:00Z'),
      ],
      ORDER,
    );
    expect(unrejected).toContainEqual({ metric: 'rejected', k1: 'r1', k2: '', delta: -1 });
    expect(unrejected).toContainEqual({
      metric: 'converted',
      k1: 'rejected',
      k2: 'offer',
      delta: 1,
    });
    expect(unrejected.some((d) => d.metric === 'reached')).toBe(false);
    expect(rejected.some((d) => d.metric === 'passed')).toBe(false);
    expect(unrejected.some((d) => d.metric === 'passed')).toBe(false);
  });

  it('passes every stage up to the target when a move skips stages, once', () => {
    const hired = transitionDeltas(
      app('applied'),
      app('hired'),
      [reach('applied', '2026-01-05T10:00:00Z')],
      ORDER,
    );
    expect(hired.filter((d) => d.metric === 'passed').map((d) => d.k1)).toEqual([
      'screening',
      'interview',
      'offer',
      'hired',
    ]);
    // Back to screening after an offer: nothing newly passed.
    const back = transitionDeltas(
      app('offer'),
      app('screening'),
      [reach('applied', '2026-01-05T10:00:00Z'), reach('offer', '2026-01-06T10:00:00Z')],
      ORDER,
    );
    expect(back.some((d) => d.metric === 'passed')).toBe(false);
  });
});
