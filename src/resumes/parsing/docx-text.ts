import { inflateRawSync } from 'node:zlib';
import { ResumeParseError } from './resume-parse.error';
import { wordXmlToLines } from './word-xml-text';
import { entryData, readZipDirectory, type ZipEntry } from './zip-directory';

export interface DocxLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxCompressionRatio: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_DOCX_LIMITS: DocxLimits = {
  maxEntries: 1000,
  maxEntryBytes: 20 * MIB,
  maxTotalBytes: 50 * MIB,
  maxCompressionRatio: 100,
};

// Small parts compress far better than 100:1 (runs of identical XML) and cannot hurt anyone,
// so the ratio rule only applies from this size up.
const RATIO_CHECK_FROM_BYTES = 256 * 1024;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 0x1;
const DOCUMENT_PART = 'word/document.xml';
const HEADER_PART = /^word\/header\d*\.xml$/;
const FOOTER_PART = /^word\/footer\d*\.xml$/;

function zipBomb(message: string): ResumeParseError {
  return new ResumeParseError('ZIP_BOMB', message);
}

// Every rule is checked against the declared sizes before a single byte is inflated.
function checkDeclaredSizes(entries: ZipEntry[], limits: DocxLimits): void {
  let total = 0;
  for (const entry of entries) {
    if (entry.flags & ENCRYPTED_FLAG) {
      throw new ResumeParseError('UNSUPPORTED', 'Password-protected documents cannot be read');
    }
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      throw zipBomb(`${entry.name} declares ${entry.uncompressedSize} bytes uncompressed`);
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize >= RATIO_CHECK_FROM_BYTES && ratio > limits.maxCompressionRatio) {
      throw zipBomb(`${entry.name} declares a ${Math.round(ratio)}:1 compression ratio`);
    }
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw zipBomb(`The archive declares more than ${limits.maxTotalBytes} bytes uncompressed`);
    }
  }
}

// A header can lie about the size; zlib stops as soon as the output passes the declared size,
// so the lie costs at most one chunk of work.
function inflateEntry(bytes: Buffer, entry: ZipEntry): Buffer {
  const data = entryData(bytes, entry);
  if (entry.method === STORED) {
    if (data.length !== entry.uncompressedSize) {
      throw new ResumeParseError('CORRUPT_FILE', `${entry.name} has an inconsistent stored size`);
    }
    return data;
  }
  if (entry.method !== DEFLATED) {
    throw new ResumeParseError(
      'UNSUPPORTED',
      `${entry.name} uses compression method ${entry.method}`,
    );
  }
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw zipBomb(`${entry.name} inflates past its declared ${entry.uncompressedSize} bytes`);
    }
    throw new ResumeParseError('CORRUPT_FILE', `${entry.name} cannot be decompressed`, {
      cause: error,
    });
  }
  if (inflated.length > entry.uncompressedSize) {
    throw zipBomb(`${entry.name} inflates past its declared ${entry.uncompressedSize} bytes`);
  }
  return inflated;
}

function partsToRead(entries: ZipEntry[]): ZipEntry[] {
  const document = entries.find((entry) => entry.name === DOCUMENT_PART);
  if (!document) {
    throw new ResumeParseError('CORRUPT_FILE', 'The document has no word/document.xml part');
  }
  const byName = (pattern: RegExp): ZipEntry[] =>
    entries
      .filter((entry) => pattern.test(entry.name))
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  // Many templates put the candidate's name and contact line in the page header.
  return [...byName(HEADER_PART), document, ...byName(FOOTER_PART)];
}

export function extractDocxText(bytes: Buffer, limits: DocxLimits = DEFAULT_DOCX_LIMITS): string {
  const entries = readZipDirectory(bytes, limits.maxEntries);
  checkDeclaredSizes(entries, limits);
  const lines: string[] = [];
  let inflatedTotal = 0;
  for (const entry of partsToRead(entries)) {
    const xml = inflateEntry(bytes, entry);
    inflatedTotal += xml.length;
    if (inflatedTotal > limits.maxTotalBytes) {
      throw zipBomb(`The archive inflates past ${limits.maxTotalBytes} bytes`);
    }
    lines.push(...wordXmlToLines(xml.toString('utf8')));
  }
  return lines
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
