import { resolve } from 'node:path';
import { OfflineAiProvider } from '../offline/offline-ai.provider';
import { loadEvaluationSet, scoreEvaluationSet, summarise } from './evaluation-set';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/scoring');

// The goals of issue 21 for the offline scorer, on the project's graded evaluation set: agreement
// with the human grades, no fluent wrong answer passed as good, keyword lists kept low. A change
// that loses them fails here; `npm run bench:scoring` prints the full picture.
describe('offline scorer agreement with human grades', () => {
  it.each(['dev', 'held-out'])('meets the goals on the %s split', async (split) => {
    const set = loadEvaluationSet(resolve(FIXTURES, `${split}.json`));

    const summary = summarise(await scoreEvaluationSet(new OfflineAiProvider(), set));

    expect(summary.spearman).toBeGreaterThanOrEqual(0.8);
    expect(summary.confidentlyWrongAtLeast6).toBe(0);
    expect(summary.keywordListMax).toBeLessThan(4);
    expect(summary.meanByCategory.excellent).toBeGreaterThan(summary.meanByCategory.vague + 3);
  });

  it('flags most confidently wrong answers for a human rather than passing them', async () => {
    const scored = await Promise.all(
      ['dev', 'held-out'].map((split) =>
        scoreEvaluationSet(
          new OfflineAiProvider(),
          loadEvaluationSet(resolve(FIXTURES, `${split}.json`)),
        ),
      ),
    );
    const summary = summarise(scored.flat());

    expect(summary.confidentlyWrongFlagged / summary.confidentlyWrong).toBeGreaterThanOrEqual(0.75);
    expect(summary.flaggedForReview).toBeLessThan(summary.answers / 3);
  });
});
