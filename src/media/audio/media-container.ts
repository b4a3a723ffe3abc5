import { detectAudioFormat } from '../../interviews';
import type { AudioFormat } from '../../interviews';
import { audioDurationSeconds } from './audio-duration';

export type MediaKind = 'audio' | 'video';
export const MEDIA_KINDS: readonly MediaKind[] = ['audio', 'video'];

// Declared content type → the container its bytes must be. The sniffer (shared with interview
// answers) names ISO BMFF "m4a" whatever its brand, so video/mp4 and audio/mp4 both map to it.
const CONTAINERS: Record<MediaKind, Record<string, AudioFormat>> = {
  audio: {
    'audio/wav': 'wav',
    'audio/x-wav': 'wav',
    'audio/wave': 'wav',
    'audio/mpeg': 'mp3',
    'audio/mp3': 'mp3',
    'audio/mp4': 'm4a',
    'audio/x-m4a': 'm4a',
    'audio/flac': 'flac',
    'audio/x-flac': 'flac',
    'audio/webm': 'webm',
    'audio/ogg': 'ogg',
  },
  video: {
    'video/webm': 'webm',
    'video/mp4': 'm4a',
    'video/quicktime': 'm4a',
    'video/ogg': 'ogg',
  },
};

// The MIME type a vendor is told for each sniffed audio container.
const AUDIO_MIME: Record<AudioFormat, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mp3',
  m4a: 'audio/mp4',
  flac: 'audio/flac',
  webm: 'audio/webm',
  ogg: 'audio/ogg',
};

export const FILE_EXTENSIONS: Record<AudioFormat, Record<MediaKind, string>> = {
  wav: { audio: 'wav', video: 'wav' },
  mp3: { audio: 'mp3', video: 'mp3' },
  m4a: { audio: 'm4a', video: 'mp4' },
  flac: { audio: 'flac', video: 'flac' },
  webm: { audio: 'webm', video: 'webm' },
  ogg: { audio: 'ogg', video: 'ogv' },
};

export function contentTypesFor(kind: MediaKind): string[] {
  return Object.keys(CONTAINERS[kind]);
}

// "audio/webm; codecs=opus" → "audio/webm".
export function mimeEssence(contentType: string | undefined | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function expectedContainer(kind: MediaKind, contentType: string): AudioFormat | null {
  return CONTAINERS[kind][mimeEssence(contentType)] ?? null;
}

export interface InspectedAudio {
  format: AudioFormat;
  mime: string;
  durationSeconds: number | null;
}

export function inspectAudio(data: Buffer): InspectedAudio | null {
  const format = detectAudioFormat(data);
  if (!format) {
    return null;
  }
  return { format, mime: AUDIO_MIME[format], durationSeconds: audioDurationSeconds(data, format) };
}
