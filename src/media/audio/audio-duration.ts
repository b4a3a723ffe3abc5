import type { AudioFormat } from '../../interviews';
import { matroskaDurationSeconds } from './matroska-duration';
import { mpegDurationSeconds } from './mpeg-duration';

// Duration read from the container, never trusted from a client. null when the container does
// not say (live WebM, a streamed Ogg without a final granule): the size limit bounds those.

// RIFF/WAVE: the data chunk's length over the fmt chunk's byte rate. A streaming writer may
// leave the data size at 0 or 0xFFFFFFFF, so the bytes actually present are the upper bound.
export function wavDurationSeconds(data: Buffer): number | null {
  let byteRate = 0;
  for (let offset = 12; offset + 8 <= data.length;) {
    const id = data.toString('latin1', offset, offset + 4);
    const size = data.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ' && body + 12 <= data.length) {
      byteRate = data.readUInt32LE(body + 8);
    } else if (id === 'data') {
      if (byteRate === 0) {
        return null;
      }
      const available = data.length - body;
      const declared = size === 0 || size === 0xffffffff ? available : Math.min(size, available);
      return declared / byteRate;
    }
    // Chunks are padded to an even length.
    offset = body + size + (size % 2);
  }
  return null;
}

// FLAC: STREAMINFO (always the first metadata block) holds the sample rate and total samples.
export function flacDurationSeconds(data: Buffer): number | null {
  if (data.length < 26 || (data[4] & 0x7f) !== 0) {
    return null;
  }
  const s = 8;
  const sampleRate = (data[s + 10] << 12) | (data[s + 11] << 4) | (data[s + 12] >> 4);
  const totalSamples = (data[s + 13] & 0x0f) * 2 ** 32 + data.readUInt32BE(s + 14);
  return sampleRate > 0 && totalSamples > 0 ? totalSamples / sampleRate : null;
}

// ISO BMFF (M4A/MP4): moov → mvhd holds the timescale and the duration in that timescale.
export function mp4DurationSeconds(data: Buffer): number | null {
  const boxes = (
    start: number,
    end: number,
    visit: (type: string, s: number, e: number) => boolean,
  ) => {
    for (let offset = start; offset + 8 <= end;) {
      let size = data.readUInt32BE(offset);
      let header = 8;
      if (size === 1 && offset + 16 <= end) {
        size = Number(data.readBigUInt64BE(offset + 8));
        header = 16;
      } else if (size === 0) {
        size = end - offset;
      }
      if (size < header) {
        return;
      }
      const type = data.toString('latin1', offset + 4, offset + 8);
      if (visit(type, offset + header, Math.min(end, offset + size))) {
        return;
      }
      offset += size;
    }
  };
  let seconds: number | null = null;
  boxes(0, data.length, (type, start, end) => {
    if (type !== 'moov') {
      return false;
    }
    boxes(start, end, (inner, s, e) => {
      const v1 = data[s] === 1;
      if (inner !== 'mvhd' || e - s < (v1 ? 32 : 20)) {
        return false;
      }
      const timescale = data.readUInt32BE(s + (v1 ? 20 : 12));
      const duration = v1 ? Number(data.readBigUInt64BE(s + 24)) : data.readUInt32BE(s + 16);
      seconds = timescale > 0 && duration > 0 ? duration / timescale : null;
      return true;
    });
    return true;
  });
  return seconds;
}

// Ogg: the last page's granule position over the codec's rate (Vorbis: its sample rate; Opus:
// always 48 kHz, minus the pre-skip). RFC 3533, RFC 7845 §4.
export function oggDurationSeconds(data: Buffer): number | null {
  if (data.length < 28 || data.toString('latin1', 0, 4) !== 'OggS') {
    return null;
  }
  const packet = 27 + data[26];
  let rate = 0;
  let preSkip = 0;
  if (data.toString('latin1', packet, packet + 8) === 'OpusHead' && packet + 12 <= data.length) {
    rate = 48000;
    preSkip = data.readUInt16LE(packet + 10);
  } else if (
    data[packet] === 0x01 &&
    data.toString('latin1', packet + 1, packet + 7) === 'vorbis' &&
    packet + 16 <= data.length
  ) {
    rate = data.readUInt32LE(packet + 12);
  }
  if (rate === 0) {
    return null;
  }
  const serial = data.readUInt32LE(14);
  for (let at = data.lastIndexOf('OggS', data.length - 4, 'latin1'); at >= 0;) {
    if (at + 27 <= data.length && data.readUInt32LE(at + 14) === serial) {
      const granule = data.readBigInt64LE(at + 6);
      // -1 marks a page on which no packet ends; look at the one before.
      if (granule >= 0n) {
        return Math.max(0, Number(granule) - preSkip) / rate;
      }
    }
    at = at > 0 ? data.lastIndexOf('OggS', at - 1, 'latin1') : -1;
  }
  return null;
}

export function audioDurationSeconds(data: Buffer, format: AudioFormat): number | null {
  switch (format) {
    case 'wav':
      return wavDurationSeconds(data);
    case 'flac':
      return flacDurationSeconds(data);
    case 'm4a':
      return mp4DurationSeconds(data);
    case 'ogg':
      return oggDurationSeconds(data);
    case 'mp3':
      return mpegDurationSeconds(data);
    case 'webm':
      return matroskaDurationSeconds(data);
  }
}
