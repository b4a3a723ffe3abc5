import { DEFAULT_DOCX_LIMITS, type DocxLimits, extractDocxText } from './docx-text';
import { DEFAULT_PDF_MAX_CHARS, extractPdfText } from './pdf-text';
import type { ResumeFileKind } from './resume-file-type';
import { ResumeParseError } from './resume-parse.error';

export interface ExtractTextOptions {
  maxPages?: number;
  maxChars?: number;
  docxLimits?: DocxLimits;
}

export interface ResumeText {
  text: string;
  // True when the page or character cap cut the text short.
  truncated: boolean;
}

const UTF8_BOM = '\ufeff';

function capped(text: string, maxChars: number): ResumeText {
  return text.length > maxChars
    ? { text: text.slice(0, maxChars), truncated: true }
    : { text, truncated: false };
}

function decodeText(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new ResumeParseError('CORRUPT_FILE', 'The text file is not valid UTF-8', {
      cause: error,
    });
  }
  return (text.startsWith(UTF8_BOM) ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

export async function extractResumeText(
  bytes: Buffer,
  kind: ResumeFileKind,
  options: ExtractTextOptions = {},
): Promise<ResumeText> {
  const maxChars = options.maxChars ?? DEFAULT_PDF_MAX_CHARS;
  switch (kind) {
    case 'pdf': {
      const pdf = await extractPdfText(bytes, { maxPages: options.maxPages, maxChars });
      return { text: pdf.text, truncated: pdf.truncated };
    }
    case 'docx':
      return capped(extractDocxText(bytes, options.docxLimits ?? DEFAULT_DOCX_LIMITS), maxChars);
    case 'txt':
      return capped(decodeText(bytes).trim(), maxChars);
  }
}
