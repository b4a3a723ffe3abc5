import { createHmac } from 'node:crypto';
import { estimatedJaccard, fingerprintAnswer, NEAR_DUPLICATE_JACCARD } from './answer-fingerprint';

const keyed = (shingle: string) => createHmac('sha256', 'test-key').update(shingle).digest();

const ANSWER =
  'An index lets PostgreSQL find matching rows without scanning the whole table, which matters once the table is large and the query is selective enough to benefit.';

describe('fingerprintAnswer', () => {
  it('gives identical answers identical signatures, whatever the case and punctuation', () => {
    const a = fingerprintAnswer(ANSWER, keyed)!;
    const b = fingerprintAnswer(ANSWER.toUpperCase().replace(/,/g, ' ;'), keyed)!;
    expect(estimatedJaccard(a.minhash, b.minhash)).toBe(1);
    expect(a.bands).toEqual(b.bands);
  });

  it('keeps a one-word edit above the near-duplicate threshold and an unrelated answer far below', () => {
    const a = fingerprintAnswer(ANSWER, keyed)!;
    const edited = fingerprintAnswer(`${ANSWER} Indeed.`, keyed)!;
    const other = fingerprintAnswer(
      'I would profile the endpoint first, look at the slow query log and only then decide whether caching or a different data model is the right fix.',
      keyed,
    )!;
    expect(estimatedJaccard(a.minhash, edited.minhash)).toBeGreaterThanOrEqual(
      NEAR_DUPLICATE_JACCARD,
    );
    expect(estimatedJaccard(a.minhash, other.minhash)).toBeLessThan(0.2);
  });

  it('does not fingerprint short answers and depends on the key', () => {
    expect(fingerprintAnswer('I do not know.', keyed)).toBeNull();
    const otherKey = (s: string) => createHmac('sha256', 'another').update(s).digest();
    const a = fingerprintAnswer(ANSWER, keyed)!;
    const b = fingerprintAnswer(ANSWER, otherKey)!;
    expect(estimatedJaccard(a.minhash, b.minhash)).toBeLessThan(0.2);
  });
});
