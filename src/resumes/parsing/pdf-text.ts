import { getDocumentProxy } from 'unpdf';
import { layoutPageText, type PositionedText } from './pdf-layout';
import { ResumeParseError } from './resume-parse.error';

export interface PdfTextOptions {
  maxPages?: number;
  maxChars?: number;
}

export interface PdfText {
  text: string;
  pageCount: number;
  pagesRead: number;
  truncated: boolean;
}

export const DEFAULT_PDF_MAX_PAGES = 20;
export const DEFAULT_PDF_MAX_CHARS = 200_000;
// Below this many visible characters the pages are pictures (a scan or an exported image).
const MIN_TEXT_CHARS = 25;

type DocumentOptions = NonNullable<Parameters<typeof getDocumentProxy>[1]>;

// Eval stays off so a crafted font program can never reach `new Function`. The pdf.js 6 build
// inside unpdf 1.8 has dropped that code path and the option from its types; the flag is still
// passed so a downgrade or a custom pdf.js build cannot silently turn it back on.
const PDF_OPTIONS: DocumentOptions & { isEvalSupported: boolean } = {
  isEvalSupported: false,
  useSystemFonts: false,
  disableFontFace: true,
  stopAtErrors: false,
  verbosity: 0,
};

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
}

interface Viewport {
  convertToViewportPoint(x: number, y: number): number[];
}

function positioned(item: PdfTextItem, viewport: Viewport): PositionedText | null {
  const [a, b, , , e, f] = item.transform;
  // Text rotated more than 45° (a vertical sidebar label) has no place in a line of prose.
  if (Math.abs(b) > Math.abs(a)) {
    return null;
  }
  const [x, y] = viewport.convertToViewportPoint(e, f);
  const fontSize = Math.hypot(a, b) || 1;
  const width = item.width > 0 ? item.width : item.str.length * fontSize * 0.5;
  return { str: item.str, x, y, width, fontSize };
}

function openFailure(error: unknown): ResumeParseError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new ResumeParseError('UNSUPPORTED', 'Password-protected PDFs cannot be read', {
      cause: error,
    });
  }
  return new ResumeParseError('CORRUPT_FILE', 'The PDF cannot be opened', { cause: error });
}

export async function extractPdfText(
  bytes: Buffer,
  options: PdfTextOptions = {},
): Promise<PdfText> {
  const maxPages = options.maxPages ?? DEFAULT_PDF_MAX_PAGES;
  const maxChars = options.maxChars ?? DEFAULT_PDF_MAX_CHARS;
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given, hence the copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), PDF_OPTIONS);
  } catch (error) {
    throw openFailure(error);
  }

  try {
    const pageTexts: string[] = [];
    let length = 0;
    let truncated = pdf.numPages > maxPages;
    const pagesToRead = Math.min(pdf.numPages, maxPages);
    let pagesRead = 0;
    for (let number = 1; number <= pagesToRead; number += 1) {
      const page = await pdf.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items = content.items.flatMap((item) => {
        const placed = 'str' in item ? positioned(item, viewport) : null;
        return placed ? [placed] : [];
      });
      const pageText = layoutPageText(items);
      page.cleanup();
      pagesRead = number;
      if (length + pageText.length > maxChars) {
        pageTexts.push(pageText.slice(0, Math.max(0, maxChars - length)));
        truncated = true;
        break;
      }
      pageTexts.push(pageText);
      length += pageText.length + 2;
    }
    const text = pageTexts.join('\n\n').trim();
    if (pdf.numPages > 0 && text.replace(/\s/g, '').length < MIN_TEXT_CHARS) {
      throw new ResumeParseError(
        'IMAGE_ONLY_PDF',
        'The PDF has no extractable text; it looks like a scan',
      );
    }
    return { text, pageCount: pdf.numPages, pagesRead, truncated };
  } catch (error) {
    if (error instanceof ResumeParseError) {
      throw error;
    }
    throw new ResumeParseError('CORRUPT_FILE', 'The PDF content cannot be read', { cause: error });
  } finally {
    await pdf.loadingTask.destroy();
  }
}
