// WebM/Matroska duration from Segment → Info → Duration (scaled by TimestampScale). Browsers'
// MediaRecorder writes live WebM without a Duration element; then this answers null and the
// caller relies on the size limit. Element ids: https://www.matroska.org/technical/elements.html

const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const CLUSTER = 0x1f43b675;
const TIMESTAMP_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
const DEFAULT_TIMESTAMP_SCALE_NS = 1_000_000;

interface Vint {
  value: number;
  length: number;
  unknown: boolean;
}

// An EBML variable-length integer; ids keep their length marker, sizes drop it.
function readVint(data: Buffer, offset: number, keepMarker: boolean): Vint | null {
  if (offset >= data.length) {
    return null;
  }
  const first = data[offset];
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) {
    length += 1;
  }
  if (length > 8 || offset + length > data.length) {
    return null;
  }
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i += 1) {
    value = value * 256 + data[offset + i];
    allOnes = allOnes && data[offset + i] === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

interface Element {
  id: number;
  dataStart: number;
  // End of the element's data; the end of the buffer for an unknown-size (live) element.
  dataEnd: number;
}

function readElement(data: Buffer, offset: number, limit: number): Element | null {
  const id = readVint(data, offset, true);
  const size = id && readVint(data, offset + id.length, false);
  if (!id || !size) {
    return null;
  }
  const dataStart = offset + id.length + size.length;
  const dataEnd = size.unknown ? limit : Math.min(limit, dataStart + size.value);
  return { id: id.value, dataStart, dataEnd };
}

function readUnsigned(data: Buffer, e: Element): number {
  let value = 0;
  for (let i = e.dataStart; i < e.dataEnd; i += 1) {
    value = value * 256 + data[i];
  }
  return value;
}

function readInfoDuration(data: Buffer, info: Element): number | null {
  let scale = DEFAULT_TIMESTAMP_SCALE_NS;
  let duration: number | null = null;
  for (let offset = info.dataStart; offset < info.dataEnd;) {
    const e = readElement(data, offset, info.dataEnd);
    if (!e) {
      break;
    }
    if (e.id === TIMESTAMP_SCALE) {
      scale = readUnsigned(data, e) || DEFAULT_TIMESTAMP_SCALE_NS;
    } else if (e.id === DURATION) {
      const bytes = e.dataEnd - e.dataStart;
      if (bytes === 4) {
        duration = data.readFloatBE(e.dataStart);
      } else if (bytes === 8) {
        duration = data.readDoubleBE(e.dataStart);
      }
    }
    offset = e.dataEnd;
  }
  return duration !== null && Number.isFinite(duration) && duration >= 0
    ? (duration * scale) / 1e9
    : null;
}

export function matroskaDurationSeconds(data: Buffer): number | null {
  for (let offset = 0; offset < data.length;) {
    const top = readElement(data, offset, data.length);
    if (!top) {
      return null;
    }
    if (top.id !== SEGMENT) {
      offset = top.dataEnd;
      continue;
    }
    // Info precedes the first Cluster in every muxer we know of; stop there.
    for (let inner = top.dataStart; inner < top.dataEnd;) {
      const child = readElement(data, inner, top.dataEnd);
      if (!child || child.id === CLUSTER) {
        return null;
      }
      if (child.id === INFO) {
        return readInfoDuration(data, child);
      }
      inner = child.dataEnd;
    }
    return null;
  }
  return null;
}
