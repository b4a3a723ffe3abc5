import { extname } from 'node:path';
import { type FileScore, scoreFile, totals } from '../../../bench/parse-scoring';
import { describeWithCorpus } from '../../../test/fixtures/resumes/describe-with-corpus';
import { extractResumeText } from './extract-text';
import { parseResumeText } from './resume-parser';

// The optional real-world corpus (RESUME_CORPUS_DIR, ../shared/corpus by default), scored the
// way `npm run bench:parse` scores it. Skipped, with the reason, when the corpus is absent.
describeWithCorpus('parseResumeText on the real-world corpus', (corpus) => {
  const scores = new Map<string, FileScore>();

  beforeAll(async () => {
    for (const entry of corpus.entries) {
      const kind = extname(entry.file) === '.docx' ? 'docx' : 'pdf';
      const { text } = await extractResumeText(corpus.read(entry.file), kind);
      const [year, month] = entry.as_of.split('-').map(Number);
      const parsed = parseResumeText(text, new Date(year, month - 1, 15));
      scores.set(
        entry.file,
        scoreFile(entry, {
          parsed,
          currentPosition: parsed.current_position ?? null,
          currentCompany: parsed.current_company ?? null,
        }),
      );
    }
  });

  it.each(corpus.entries.map((entry) => entry.file))(
    'reads professional years of %s within the range a careful reader gives',
    (file) => {
      expect(scores.get(file)!.scores.experience).toBe(1);
    },
  );

  it('scores at least 95 % over all fields and files', () => {
    expect(totals([...scores.values()]).overall).toBeGreaterThanOrEqual(0.95);
  });
});
