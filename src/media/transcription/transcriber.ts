// The Transcriber port. Adapters: Gemini (audio input through @google/genai) when GEMINI_API_KEY
// is set; otherwise none is configured and callers say so (503, or a failed analysis) — a
// transcript is never invented.

export interface TranscriptSegment {
  // Seconds from the start of the audio.
  start: number;
  end: number;
  text: string;
}

export interface TranscriptWord {
  word: string;
  start: number;
  end: number;
}

export interface Transcript {
  text: string;
  // BCP 47 language tag ("en", "de-CH"), "und" when the model could not tell.
  language: string;
  duration_seconds: number;
  segments: TranscriptSegment[];
  words?: TranscriptWord[];
}

export interface TranscribeOptions {
  // A BCP 47 hint from the caller.
  language?: string;
  // Duration read from the container, when known: timestamps beyond it are rejected.
  durationSeconds?: number | null;
}

// not_configured: no provider. timeout / rate_limited / unavailable: worth retrying later.
// rejected (the vendor refused the request) and invalid_output: retrying will not help.
export type TranscriptionFailure =
  'not_configured' | 'timeout' | 'rate_limited' | 'unavailable' | 'rejected' | 'invalid_output';

const TRANSIENT: readonly TranscriptionFailure[] = ['timeout', 'rate_limited', 'unavailable'];

// The message names a status code or a JSON path, never audio or transcript content.
export class TranscriptionError extends Error {
  constructor(
    readonly reason: TranscriptionFailure,
    detail: string,
  ) {
    super(detail);
    this.name = 'TranscriptionError';
  }

  get transient(): boolean {
    return TRANSIENT.includes(this.reason);
  }
}

export interface Transcriber {
  readonly provider: 'gemini' | 'none';
  readonly configured: boolean;
  transcribe(audio: Buffer, mime: string, options?: TranscribeOptions): Promise<Transcript>;
}

export const TRANSCRIBER = Symbol('TRANSCRIBER');

export const NO_TRANSCRIPTION_PROVIDER = 'no transcription provider configured';

// Stands in when no provider is configured, so callers check `configured` instead of null.
export class UnconfiguredTranscriber implements Transcriber {
  readonly provider = 'none' as const;
  readonly configured = false;

  transcribe(): Promise<Transcript> {
    return Promise.reject(new TranscriptionError('not_configured', NO_TRANSCRIPTION_PROVIDER));
  }
}
