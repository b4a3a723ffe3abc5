import { buildDocx, buildZipBomb } from '../../../test/fixtures/resumes/generate-fixtures';
import { buildLatexResumePdf } from '../../../test/fixtures/resumes/layout-fixtures';
import { extractResumeText } from './extract-text';
import { extractResumeTextIsolated, parseResumeIsolated } from './isolated-parse';
import { ResumeParseError } from './resume-parse.error';
import { parseResumeText } from './resume-parser';

let samplePdf: Buffer;
beforeAll(async () => {
  samplePdf = await buildLatexResumePdf();
});
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
    expect((await extractResumeText(samplePdf, 'pdf')).text).toContain('Orbital Maps');
  });
});

describe(extractResumeTextIsolated.name, () => {
  it('returns the same text as in-process extraction', async () => {
    const bytes = samplePdf;
    const isolated = await extractResumeTextIsolated(bytes, 'pdf', {
      timeoutMs: WORKER_TIMEOUT_MS,
    });
    expect(isolated).toEqual(await extractResumeText(bytes, 'pdf'));
  });

  it('keeps the event loop free while the worker runs', async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    try {
      await extractResumeTextIsolated(samplePdf, 'pdf', {
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
      extractResumeTextIsolated(samplePdf, 'pdf', { timeoutMs: 1 }),
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
    const failure = extractResumeTextIsolated(samplePdf, 'pdf', {
      timeoutMs: WORKER_TIMEOUT_MS,
      resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
    });
    await expect(failure).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });
});

describe(parseResumeIsolated.name, () => {
  const now = new Date(2024, 5, 15);

  it('parses in the worker exactly as in process, with the given today', async () => {
    const isolated = await parseResumeIsolated(samplePdf, 'pdf', {
      timeoutMs: WORKER_TIMEOUT_MS,
      now,
    });
    const { text } = await extractResumeText(samplePdf, 'pdf');
    expect(isolated).toEqual({ text, truncated: false, parsed: parseResumeText(text, now) });
  });

  it('13.4: parses hostile text off the event loop and stops at the time limit', async () => {
    const hostile = Buffer.from(`Jane Doe\n${' '.repeat(30_000)}x`);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    try {
      await expect(
        parseResumeIsolated(hostile, 'txt', { timeoutMs: 1, now }),
      ).rejects.toMatchObject({ name: 'ResumeParseError', code: 'TIMEOUT' });
      const parsed = await parseResumeIsolated(hostile, 'txt', {
        timeoutMs: WORKER_TIMEOUT_MS,
        now,
      });
      expect(parsed.parsed.contact.name).toBe('Jane Doe');
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(0);
  });
});
