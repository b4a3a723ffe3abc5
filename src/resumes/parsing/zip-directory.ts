import { ResumeParseError } from './resume-parse.error';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT_LENGTH = 0xffff;
const ZIP64_MARKER = 0xffffffff;

function corrupt(message: string): ResumeParseError {
  return new ResumeParseError('CORRUPT_FILE', message);
}

function findEndRecord(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - END_RECORD_SIZE - MAX_COMMENT_LENGTH);
  for (let at = bytes.length - END_RECORD_SIZE; at >= lowest; at -= 1) {
    if (bytes.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      return at;
    }
  }
  return -1;
}

export function isZipArchive(bytes: Buffer): boolean {
  return bytes.length >= END_RECORD_SIZE && bytes.readUInt32LE(0) === LOCAL_FILE_HEADER;
}

// Reads only the central directory: names and declared sizes, nothing is inflated here. The
// caller decides from these numbers whether it is safe to decompress anything at all.
export function readZipDirectory(bytes: Buffer, maxEntries: number): ZipEntry[] {
  if (bytes.length < END_RECORD_SIZE) {
    throw corrupt('The archive is too short to be a ZIP file');
  }
  const end = findEndRecord(bytes);
  if (end < 0) {
    throw corrupt('The archive has no end-of-central-directory record');
  }
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (directoryOffset === ZIP64_MARKER || count === 0xffff) {
    throw new ResumeParseError('UNSUPPORTED', 'ZIP64 archives are not accepted for résumés');
  }
  if (count > maxEntries) {
    throw new ResumeParseError('ZIP_BOMB', `The archive declares ${count} entries`);
  }
  if (directoryOffset + directorySize > end) {
    throw corrupt('The central directory points outside the archive');
  }

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let index = 0; index < count; index += 1) {
    if (at + CENTRAL_HEADER_SIZE > end || bytes.readUInt32LE(at) !== CENTRAL_FILE_HEADER) {
      throw corrupt('A central directory record is damaged');
    }
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLength),
    };
    if (
      [entry.compressedSize, entry.uncompressedSize, entry.localHeaderOffset].includes(ZIP64_MARKER)
    ) {
      throw new ResumeParseError('UNSUPPORTED', 'ZIP64 entries are not accepted for résumés');
    }
    entries.push(entry);
    at += CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
  }
  return entries;
}

// The local header repeats the name and may carry a different extra field, so the data offset
// has to be computed from it rather than from the central record.
export function entryData(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + LOCAL_HEADER_SIZE > bytes.length || bytes.readUInt32LE(at) !== LOCAL_FILE_HEADER) {
    throw corrupt(`The local header of ${entry.name} is damaged`);
  }
  const start = at + LOCAL_HEADER_SIZE + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const stop = start + entry.compressedSize;
  if (stop > bytes.length) {
    throw corrupt(`The data of ${entry.name} runs past the end of the archive`);
  }
  return bytes.subarray(start, stop);
}
