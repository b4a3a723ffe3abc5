import { Injectable, Logger } from '@nestjs/common';
import { parseResumeIsolated } from './parsing/isolated-parse';
import type { ResumeFileKind } from './parsing/resume-file-type';
import { ResumeParseError } from './parsing/resume-parse.error';
import type { ParsedResume } from './parsing/resume-parser';

export type ParseOutcome =
  | { status: 'parsed'; text: string; parsed: ParsedResume }
  | { status: 'failed'; code: string; reason: string };

// Inline parsing inside the upload request must stay short; the queue job may take longer.
export const INLINE_PARSE_TIMEOUT_MS = 5_000;
export const SYNC_PARSE_TIMEOUT_MS = 15_000;
export const JOB_PARSE_TIMEOUT_MS = 30_000;
// Each extraction is a worker thread with its own heap: bound how many requests start one.
const MAX_INLINE_PARSES = 4;

// Reasons shown to people. An image-only PDF is called what it is, not an empty résumé.
const FAILURE_REASONS: Record<string, string> = {
  IMAGE_ONLY_PDF:
    'The PDF is a scanned or image-only document: it contains no selectable text to read. Upload a text-based PDF, a DOCX or a plain-text file.',
  CORRUPT_FILE: 'The file is damaged and its text cannot be read.',
  UNSUPPORTED: 'The file cannot be read (for example, it is password-protected).',
  TOO_LARGE: 'The file needs more memory to read than résumé parsing may use.',
  TIMEOUT:
    'Reading the file took longer than résumé parsing may take, so it was stopped. Upload a shorter or simpler file.',
  ZIP_BOMB: 'The document expands to far more data than a résumé could hold (a zip bomb).',
};

export function failureReason(code: string, fallback: string): string {
  return (FAILURE_REASONS[code] ?? fallback).slice(0, 300);
}

// Runs extraction and parsing together in an isolated worker with one time limit (hostile text
// can be as slow to parse as a hostile file is to read) and turns every expected failure into an
// outcome; unexpected errors (a crashed worker) are thrown for the caller to retry.
@Injectable()
export class ResumeParserService {
  private readonly logger = new Logger('ResumeParser');
  private inlineInFlight = 0;

  async parse(bytes: Buffer, kind: ResumeFileKind, timeoutMs: number): Promise<ParseOutcome> {
    try {
      const { text, parsed } = await parseResumeIsolated(bytes, kind, { timeoutMs });
      return { status: 'parsed', text, parsed };
    } catch (error) {
      if (error instanceof ResumeParseError) {
        return {
          status: 'failed',
          code: error.code,
          reason: failureReason(error.code, error.message),
        };
      }
      throw error;
    }
  }

  // null = not parsed here (busy, too slow or a worker problem): the queue job takes over.
  async tryInline(bytes: Buffer, kind: ResumeFileKind): Promise<ParseOutcome | null> {
    if (this.inlineInFlight >= MAX_INLINE_PARSES) {
      return null;
    }
    this.inlineInFlight += 1;
    try {
      const outcome = await this.parse(bytes, kind, INLINE_PARSE_TIMEOUT_MS);
      return outcome.status === 'failed' && outcome.code === 'TIMEOUT' ? null : outcome;
    } catch (error) {
      this.logger.warn(`Inline résumé parsing failed, deferring to the queue: ${String(error)}`);
      return null;
    } finally {
      this.inlineInFlight -= 1;
    }
  }
}
