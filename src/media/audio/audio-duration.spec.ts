import {
  flac,
  m4a,
  mp3,
  MP3_FRAME_BYTES,
  oggOpus,
  wav,
  webm,
} from '../../../test/support/audio-fixtures';
import {
  flacDurationSeconds,
  mp4DurationSeconds,
  oggDurationSeconds,
  wavDurationSeconds,
} from './audio-duration';
import { matroskaDurationSeconds } from './matroska-duration';
import { inspectAudio } from './media-container';
import { mpegDurationSeconds, parseMpegFrameHeader } from './mpeg-duration';

describe('audio durations from the container', () => {
  it('reads WAV as data bytes over the byte rate', () => {
    // 8 kHz, 16-bit, stereo: 32 000 bytes per second.
    expect(wavDurationSeconds(wav(2.5, { bits: 16, channels: 2 }))).toBe(2.5);
    expect(wavDurationSeconds(wav(1))).toBe(1);
  });

  it('trusts the bytes present over a streaming WAV header that claims more', () => {
    const file = wav(1);
    file.writeUInt32LE(0xffffffff, 40);
    expect(wavDurationSeconds(file)).toBe(1);
    expect(wavDurationSeconds(file.subarray(0, 44 + 4000))).toBe(0.5);
  });

  it('reads an MPEG Layer III frame header', () => {
    expect(parseMpegFrameHeader(mp3(1), 0)).toEqual({
      mpeg1: true,
      bitrateKbps: 128,
      sampleRate: 44100,
      samplesPerFrame: 1152,
      frameBytes: MP3_FRAME_BYTES,
      mono: false,
    });
  });

  it('estimates constant-bitrate MP3 from bytes and bitrate, after an ID3 tag', () => {
    // 100 frames × 417 bytes × 8 / 128 000 bit/s
    expect(mpegDurationSeconds(mp3(100, { id3: true }))).toBeCloseTo(2.60625, 5);
  });

  it('uses the Xing/Info frame count when present (exact, VBR-safe)', () => {
    // 1000 frames × 1152 samples / 44 100 Hz
    expect(mpegDurationSeconds(mp3(3, { xingFrames: 1000 }))).toBeCloseTo(26.1224, 4);
  });

  it('reads FLAC STREAMINFO', () => {
    expect(flacDurationSeconds(flac(16000 * 90, 16000))).toBe(90);
  });

  it('reads the mvhd box of an M4A whose moov comes last', () => {
    expect(mp4DurationSeconds(m4a(125_500, 1000))).toBe(125.5);
  });

  it('reads the last Ogg Opus granule at 48 kHz minus the pre-skip', () => {
    expect(oggDurationSeconds(oggOpus(12.5))).toBe(12.5);
  });

  it('reads a WebM Duration and answers null for live WebM without one', () => {
    expect(matroskaDurationSeconds(webm(61_250))).toBe(61.25);
    expect(matroskaDurationSeconds(webm(null))).toBeNull();
  });

  it('sniffs each container and names the MIME type sent to the provider', () => {
    expect(inspectAudio(wav(1))).toEqual({ format: 'wav', mime: 'audio/wav', durationSeconds: 1 });
    expect(inspectAudio(m4a(1000))).toMatchObject({ format: 'm4a', mime: 'audio/mp4' });
    expect(inspectAudio(webm(null))).toEqual({
      format: 'webm',
      mime: 'audio/webm',
      durationSeconds: null,
    });
    expect(inspectAudio(Buffer.from('RIFF....WAVE but really a text file'))).toMatchObject({
      format: 'wav',
      durationSeconds: null,
    });
    expect(inspectAudio(Buffer.from('just some text, not audio at all'))).toBeNull();
  });
});
