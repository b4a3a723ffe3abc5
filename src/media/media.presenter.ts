import type { AnalysisResponse } from './dto/media-analysis.dto';
import type { MediaAnalysis } from './entities/media-analysis.entity';
import type { Transcript } from './transcription/transcriber';

export function presentTranscript(t: Transcript): Transcript {
  return {
    text: t.text,
    language: t.language,
    duration_seconds: t.duration_seconds,
    segments: t.segments.map((s) => ({ start: s.start, end: s.end, text: s.text })),
    ...(t.words
      ? { words: t.words.map((w) => ({ word: w.word, start: w.start, end: w.end })) }
      : {}),
  };
}

export function presentAnalysis(
  analysis: MediaAnalysis,
  fileKey: string,
  transcript: Transcript | null,
): AnalysisResponse {
  return {
    id: analysis.id,
    file_key: fileKey,
    status: analysis.status,
    transcript: transcript ? presentTranscript(transcript) : null,
    metrics: analysis.metrics,
    advice: analysis.advice,
    ...(analysis.error ? { error: analysis.error } : {}),
    created_at: analysis.createdAt.toISOString(),
    completed_at: analysis.completedAt?.toISOString() ?? null,
  };
}
