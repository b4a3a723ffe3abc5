// Small, valid audio containers built byte by byte, for upload, sniffing and duration tests.

// PCM WAV: a 440 Hz tone (or silence) of the given length.
export function wav(
  seconds: number,
  options: { sampleRate?: number; bits?: 8 | 16; channels?: number; silent?: boolean } = {},
): Buffer {
  const sampleRate = options.sampleRate ?? 8000;
  const bits = options.bits ?? 8;
  const channels = options.channels ?? 1;
  const blockAlign = (channels * bits) / 8;
  const frames = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(frames * blockAlign);
  for (let i = 0; i < frames; i += 1) {
    const v = options.silent ? 0 : Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 0.5;
    for (let c = 0; c < channels; c += 1) {
      const at = i * blockAlign + (c * bits) / 8;
      if (bits === 8) {
        data[at] = Math.round(128 + v * 127);
      } else {
        data.writeInt16LE(Math.round(v * 32767), at);
      }
    }
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(bits, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

// MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, joint stereo: 417-byte frames of 1152 samples.
export const MP3_FRAME_BYTES = 417;
export function mp3(frames: number, options: { id3?: boolean; xingFrames?: number } = {}): Buffer {
  const frame = () => {
    const f = Buffer.alloc(MP3_FRAME_BYTES);
    f.set([0xff, 0xfb, 0x90, 0x40]);
    return f;
  };
  const parts: Buffer[] = [];
  if (options.id3) {
    const tag = Buffer.alloc(10 + 20);
    tag.write('ID3', 0, 'latin1');
    tag.set([4, 0, 0, 0, 0, 0, 20], 3);
    parts.push(tag);
  }
  if (options.xingFrames !== undefined) {
    // An "Info" header in the first (silent) frame, after 32 bytes of side information.
    const info = frame();
    info.write('Info', 4 + 32, 'latin1');
    info.writeUInt32BE(0x01, 4 + 32 + 4);
    info.writeUInt32BE(options.xingFrames, 4 + 32 + 8);
    parts.push(info);
  }
  for (let i = 0; i < frames; i += 1) {
    parts.push(frame());
  }
  return Buffer.concat(parts);
}

// FLAC with only STREAMINFO (no audio frames): enough for sniffing and duration.
export function flac(totalSamples: number, sampleRate = 16000): Buffer {
  const info = Buffer.alloc(34);
  info.writeUInt16BE(4096, 0);
  info.writeUInt16BE(4096, 2);
  info[10] = (sampleRate >> 12) & 0xff;
  info[11] = (sampleRate >> 4) & 0xff;
  // sample rate low 4 bits | channels-1 (0) | bits-per-sample-1 (15) high bit
  info[12] = ((sampleRate & 0x0f) << 4) | 0x00;
  info[13] = (15 << 4) | Math.floor(totalSamples / 2 ** 32);
  info.writeUInt32BE(totalSamples % 2 ** 32, 14);
  return Buffer.concat([Buffer.from('fLaC', 'latin1'), Buffer.from([0x80, 0, 0, 34]), info]);
}

function box(type: string, ...children: Buffer[]): Buffer {
  const body = Buffer.concat(children);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

// ISO BMFF: ftyp, an mdat placeholder, then moov/mvhd (as non-"faststart" files have it).
export function m4a(duration: number, timescale = 1000, brand = 'M4A '): Buffer {
  const ftyp = Buffer.alloc(8);
  ftyp.write(brand, 0, 'latin1');
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(timescale, 12);
  mvhd.writeUInt32BE(duration, 16);
  return Buffer.concat([
    box('ftyp', ftyp),
    box('mdat', Buffer.alloc(64)),
    box('moov', box('mvhd', mvhd)),
  ]);
}

function oggPage(granule: bigint, serial: number, packet: Buffer, headerType = 0): Buffer {
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'latin1');
  header[5] = headerType;
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(serial, 14);
  header[26] = 1;
  return Buffer.concat([header, Buffer.from([packet.length]), packet]);
}

// Ogg Opus: OpusHead (pre-skip 312) on the first page, the final granule on the last.
export function oggOpus(seconds: number): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1;
  head.writeUInt16LE(312, 10);
  head.writeUInt32LE(48000, 12);
  return Buffer.concat([
    oggPage(0n, 7, head, 2),
    oggPage(0n, 7, Buffer.from('OpusTags', 'latin1')),
    oggPage(BigInt(Math.round(seconds * 48000) + 312), 7, Buffer.alloc(40), 4),
  ]);
}

function ebml(id: number[], body: Buffer): Buffer {
  // One-byte or eight-byte size, whichever fits (0x01 marker for eight bytes).
  const size =
    body.length < 127
      ? Buffer.from([0x80 | body.length])
      : Buffer.concat([
          Buffer.from([0x01, 0, 0]),
          Buffer.from(body.length.toString(16).padStart(10, '0'), 'hex'),
        ]);
  return Buffer.concat([Buffer.from(id), size, body]);
}

// WebM with Segment → Info → (TimestampScale 1 ms, Duration), or without Duration like a
// MediaRecorder stream (unknown-size Segment, then a Cluster).
export function webm(durationMs: number | null): Buffer {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x82], Buffer.from('webm', 'latin1')));
  const scale = ebml([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40]));
  const duration = Buffer.alloc(8);
  duration.writeDoubleBE(durationMs ?? 0);
  const info = ebml(
    [0x15, 0x49, 0xa9, 0x66],
    durationMs === null ? scale : Buffer.concat([scale, ebml([0x44, 0x89], duration)]),
  );
  const cluster = ebml([0x1f, 0x43, 0xb6, 0x75], Buffer.alloc(32));
  if (durationMs === null) {
    const unknownSize = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    return Buffer.concat([
      header,
      Buffer.from([0x18, 0x53, 0x80, 0x67]),
      unknownSize,
      info,
      cluster,
    ]);
  }
  return Buffer.concat([header, ebml([0x18, 0x53, 0x80, 0x67], Buffer.concat([info, cluster]))]);
}
