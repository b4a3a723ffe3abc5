export type ResumeParseErrorCode =
  'ZIP_BOMB' | 'CORRUPT_FILE' | 'TOO_LARGE' | 'IMAGE_ONLY_PDF' | 'TIMEOUT' | 'UNSUPPORTED';

export class ResumeParseError extends Error {
  override readonly name = 'ResumeParseError';

  constructor(
    readonly code: ResumeParseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
