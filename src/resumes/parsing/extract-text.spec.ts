import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocx, buildZipBomb } from '../../../test/fixtures/resumes/generate-fixtures';
import { extractResumeText, extractResumeTextIsolated } from './extract-text';
import { ResumeParseError } from './resume-parse.error';

const SAMPLE_RESUME = join(__dirname, '../../../../shared/corpus/resumes/sb2nov-sample-resume.pdf');
// Generous: under ts-jest the worker first loads the TypeScript compiler.
const WORKER_TIMEOUT_MS = 15_000;

describe(extractResumeText.name, () => {
  it('decodes a text file, dropping the byte-order mark and Windows line endings', async () => {
    const bytes = Buffer.from('\ufeffJane Doe\r\nSkills: Go\r\n', 'utf8');
    expect(await extractResumeText(bytes, 'txt')).toEqual({
      text: 'Jane Doe\nSkills: Go',
      truncated: false,
    });
  });

  it('caps the length of any kind of text', async () => {
    expect(await extractResumeText(Buffer.from('a'.repeat(50)), 'txt', { maxChars: 10 })).toEqual({
      text: 'a'.repeat(10),
      truncated: true,
    });
    const docx = buildDocx(['b'.repeat(50)]);
    expect((await extractResumeText(docx, 'docx', { maxChars: 20 })).truncated).toBe(true);
  });

  it('dispatches DOCX and PDF files to their extractors', async () => {
    expect((await extractResumeText(buildDocx(['Ada Lovelace']), 'docx')).text).toBe(
      'Ada Lovelace',
    );
    expect((await extractResumeText(readFileSync(SAMPLE_RESUME), 'pdf')).text).toContain(
      'Coursera',
    );
  });
});

describe(extractResumeTextIsolated.name, () => {
  it('returns the same text as in-process extraction', async () => {
    const bytes = readFileSync(SAMPLE_RESUME);
    const isolated = await extractResumeTextIsolated(bytes, 'pdf', {
      timeoutMs: WORKER_TIMEOUT_MS,
    });
    expect(isolated).toEqual(await extractResumeText(bytes, 'pdf'));
  });

  it('keeps the event loop free while the worker runs', async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    try {
      await extractResumeTextIsolated(readFileSync(SAMPLE_RESUME), 'pdf', {
        timeoutMs: WORKER_TIMEOUT_MS,
      });
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it('terminates the worker and reports TIMEOUT when time runs out', async () => {
    const started = performance.now();
    await expect(
      extractResumeTextIsolated(readFileSync(SAMPLE_RESUME), 'pdf', { timeoutMs: 1 }),
    ).rejects.toMatchObject({ name: 'ResumeParseError', code: 'TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('passes typed parse errors back from the worker', async () => {
    const failure = extractResumeTextIsolated(buildZipBomb(), 'docx', {
      timeoutMs: WORKER_TIMEOUT_MS,
    });
    await expect(failure).rejects.toBeInstanceOf(ResumeParseError);
    await expect(failure).rejects.toMatchObject({ code: 'ZIP_BOMB' });
  });

  it('reports TOO_LARGE when the worker runs out of its heap', async () => {
    const failure = extractResumeTextIsolated(readFileSync(SAMPLE_RESUME), 'pdf', {
      timeoutMs: WORKER_TIMEOUT_MS,
      resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
    });
    await expect(failure).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });
});
