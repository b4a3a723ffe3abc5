export type AudioFormat = 'wav' | 'mp3' | 'm4a' | 'flac' | 'webm' | 'ogg';

// Recognised from the bytes, never from the file name or declared type.
export function detectAudioFormat(data: Buffer): AudioFormat | null {
  if (data.length < 12) {
    return null;
  }
  const ascii = (start: number, end: number) => data.subarray(start, end).toString('latin1');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') {
    return 'wav';
  }
  if (ascii(0, 4) === 'fLaC') {
    return 'flac';
  }
  if (ascii(0, 4) === 'OggS') {
    return 'ogg';
  }
  if (data.readUInt32BE(0) === 0x1a45dfa3) {
    return 'webm';
  }
  if (ascii(4, 8) === 'ftyp') {
    return 'm4a';
  }
  // An ID3 tag, or an MPEG audio frame sync (11 set bits) with layer III.
  if (ascii(0, 3) === 'ID3' || (data[0] === 0xff && (data[1] & 0xe6) === 0xe2)) {
    return 'mp3';
  }
  return null;
}
