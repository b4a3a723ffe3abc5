// MPEG-1/2/2.5 Layer III (MP3) duration from the bytes: the Xing/Info or VBRI header's frame
// count when the encoder wrote one (exact, also for VBR), else a constant-bitrate estimate from
// the first frame's bitrate and the audio byte count. Layout: ISO/IEC 11172-3 §2.4.1.3.

const BITRATES_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2_L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000], // MPEG-1
  2: [22050, 24000, 16000], // MPEG-2
  0: [11025, 12000, 8000], // MPEG-2.5
};

export interface MpegFrameHeader {
  mpeg1: boolean;
  bitrateKbps: number;
  sampleRate: number;
  samplesPerFrame: number;
  frameBytes: number;
  mono: boolean;
}

export function parseMpegFrameHeader(data: Buffer, offset: number): MpegFrameHeader | null {
  if (offset + 4 > data.length || data[offset] !== 0xff || (data[offset + 1] & 0xe0) !== 0xe0) {
    return null;
  }
  const b1 = data[offset + 1];
  const b2 = data[offset + 2];
  const version = (b1 >> 3) & 0x03;
  const layer = (b1 >> 1) & 0x03;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 0x03;
  // Version 1 is reserved; layer 1 (binary 01) is Layer III.
  if (
    version === 1 ||
    layer !== 1 ||
    bitrateIndex === 0 ||
    bitrateIndex === 15 ||
    rateIndex === 3
  ) {
    return null;
  }
  const mpeg1 = version === 3;
  const bitrateKbps = (mpeg1 ? BITRATES_V1_L3 : BITRATES_V2_L3)[bitrateIndex];
  const sampleRate = SAMPLE_RATES[version][rateIndex];
  const padding = (b2 >> 1) & 0x01;
  const samplesPerFrame = mpeg1 ? 1152 : 576;
  const frameBytes =
    Math.floor(((samplesPerFrame / 8) * bitrateKbps * 1000) / sampleRate) + padding;
  return {
    mpeg1,
    bitrateKbps,
    sampleRate,
    samplesPerFrame,
    frameBytes,
    mono: data[offset + 3] >> 6 === 3,
  };
}

// An ID3v2 tag (10-byte header, syncsafe size, optional 10-byte footer) precedes the audio.
function id3v2Length(data: Buffer): number {
  if (data.length < 10 || data.toString('latin1', 0, 3) !== 'ID3') {
    return 0;
  }
  const size =
    ((data[6] & 0x7f) << 21) |
    ((data[7] & 0x7f) << 14) |
    ((data[8] & 0x7f) << 7) |
    (data[9] & 0x7f);
  return 10 + size + (data[5] & 0x10 ? 10 : 0);
}

// Frame count from a Xing/Info header (after the side information) or a VBRI header (Fraunhofer,
// 32 bytes after the frame header), when present.
function vbrFrameCount(data: Buffer, offset: number, header: MpegFrameHeader): number | null {
  const sideInfo = header.mpeg1 ? (header.mono ? 17 : 32) : header.mono ? 9 : 17;
  const xing = offset + 4 + sideInfo;
  const tag = data.toString('latin1', xing, xing + 4);
  if ((tag === 'Xing' || tag === 'Info') && xing + 12 <= data.length) {
    const flags = data.readUInt32BE(xing + 4);
    return flags & 0x01 ? data.readUInt32BE(xing + 8) : null;
  }
  const vbri = offset + 36;
  if (data.toString('latin1', vbri, vbri + 4) === 'VBRI' && vbri + 18 <= data.length) {
    return data.readUInt32BE(vbri + 14);
  }
  return null;
}

export function mpegDurationSeconds(data: Buffer): number | null {
  let offset = id3v2Length(data);
  // Encoders may pad between the tag and the first frame; look a little further for a sync word.
  const searchEnd = Math.min(data.length - 4, offset + 4096);
  let header: MpegFrameHeader | null = null;
  for (; offset <= searchEnd; offset += 1) {
    header = parseMpegFrameHeader(data, offset);
    if (header) {
      break;
    }
  }
  if (!header) {
    return null;
  }
  const frames = vbrFrameCount(data, offset, header);
  if (frames !== null) {
    return (frames * header.samplesPerFrame) / header.sampleRate;
  }
  const id3v1 =
    data.length >= 128 && data.toString('latin1', data.length - 128, data.length - 125) === 'TAG'
      ? 128
      : 0;
  const audioBytes = Math.max(0, data.length - offset - id3v1);
  return (audioBytes * 8) / (header.bitrateKbps * 1000);
}
