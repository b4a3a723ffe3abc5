import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describeWithCorpus } from '../../../test/fixtures/resumes/describe-with-corpus';
import {
  buildImageOnlyPdf,
  buildTwoColumnResumePdf,
} from '../../../test/fixtures/resumes/generate-fixtures';
import { buildLatexResumePdf } from '../../../test/fixtures/resumes/layout-fixtures';
import { extractPdfText } from './pdf-text';
import { ResumeParseError } from './resume-parse.error';

async function pagesOf(count: number, line: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let index = 0; index < count; index += 1) {
    doc.addPage([612, 792]).drawText(`${line} ${index + 1}`, { x: 50, y: 700, size: 12, font });
  }
  return Buffer.from(await doc.save());
}

describe(extractPdfText.name, () => {
  it('keeps right-aligned dates and places on their lines in a LaTeX-style résumé', async () => {
    const { text, pageCount } = await extractPdfText(await buildLatexResumePdf());
    expect(pageCount).toBe(1);
    expect(text).toMatch(/^Senior Software Engineer\tJan\. 2014 – Sep\. 2016$/m);
    expect(text).toMatch(/^• Orbital Maps\tSeattle, WA$/m);
    expect(text).toMatch(
      /^Master of Science in Computer Science; GPA: 3\.9\tAug 2012 – Dec 2013$/m,
    );
    // The text layer drops a soft hyphen used as a dash, as it does for LaTeX fonts.
    expect(text).toMatch(/^Software Engineer\tSep\. 2016 Now$/m);
  });

  it('reads a two-column résumé one column at a time', async () => {
    const { text } = await extractPdfText(await buildTwoColumnResumePdf());
    const lines = text.split('\n');
    expect(lines).toContain('TypeScript, Go, Python');
    expect(lines).toContain('Staff Software Engineer\tMar 2018 – Present');
    expect(lines.indexOf('2010 – 2014')).toBeLessThan(lines.indexOf('EXPERIENCE'));
    expect(lines.indexOf('Priya Raman')).toBe(0);
  });

  it('rejects a PDF whose pages hold no text', async () => {
    await expect(extractPdfText(await buildImageOnlyPdf())).rejects.toMatchObject({
      code: 'IMAGE_ONLY_PDF',
    });
  });

  it('reports bytes that are not a PDF as corrupt', async () => {
    const failure = extractPdfText(Buffer.from('%PDF-1.7\nthis is not really a PDF'));
    await expect(failure).rejects.toBeInstanceOf(ResumeParseError);
    await expect(failure).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });

  it('stops at the page cap and says the text is truncated', async () => {
    const result = await extractPdfText(await pagesOf(4, 'Experience page'), { maxPages: 2 });
    expect(result).toMatchObject({ pageCount: 4, pagesRead: 2, truncated: true });
    expect(result.text).toContain('Experience page 2');
    expect(result.text).not.toContain('Experience page 3');
  });

  it('stops at the character cap', async () => {
    const result = await extractPdfText(
      await pagesOf(3, 'A fairly long line of résumé text on page'),
      { maxChars: 60 },
    );
    expect(result.text.length).toBeLessThanOrEqual(60);
    expect(result.truncated).toBe(true);
  });
});

describeWithCorpus('extractPdfText on the real-world LaTeX résumé', (corpus) => {
  it('keeps right-aligned dates on their title lines', async () => {
    const { text, pageCount } = await extractPdfText(corpus.read('sb2nov-sample-resume.pdf'));
    expect(pageCount).toBe(1);
    expect(text).toMatch(/^Software Engineer\tOct 2016 – Present$/m);
    expect(text).toMatch(/^Senior Software Engineer\tJan 2014 – Oct 2016$/m);
    expect(text).toMatch(/^• Google\tMountain View, CA$/m);
    expect(text).toMatch(
      /^Master of Science in Computer Science; GPA: 4\.00\tAug 2012 – Dec 2013$/m,
    );
  });
});
