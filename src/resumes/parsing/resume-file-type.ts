import { fileTypeFromBuffer } from 'file-type';
import { isZipArchive, readZipDirectory } from './zip-directory';

export type ResumeFileKind = 'pdf' | 'docx' | 'txt';

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// Enough entries for any real DOCX; a larger directory is not worth reading to decide a type.
const MAX_DIRECTORY_ENTRIES = 5000;
const MIN_PRINTABLE_SHARE = 0.95;
const DISALLOWED_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/;
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\t\n\r\f]/gu;

function looksLikeDocx(bytes: Buffer): boolean {
  try {
    const names = new Set(
      readZipDirectory(bytes, MAX_DIRECTORY_ENTRIES).map((entry) => entry.name),
    );
    return names.has('[Content_Types].xml') && names.has('word/document.xml');
  } catch {
    return false;
  }
}

function looksLikeText(bytes: Buffer): boolean {
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return false;
  }
  if (text.trim() === '' || DISALLOWED_CONTROL.test(text)) {
    return false;
  }
  const printable = text.match(PRINTABLE)?.length ?? 0;
  return printable / [...text].length >= MIN_PRINTABLE_SHARE && /\p{L}/u.test(text);
}

// Decided from the bytes alone: the client's file name and Content-Type are not trusted.
export async function detectResumeType(bytes: Buffer): Promise<ResumeFileKind | null> {
  if (bytes.length === 0) {
    return null;
  }
  // Windows executables, and polyglots built on them, start with "MZ" whatever follows.
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) {
    return null;
  }
  if (bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    return 'pdf';
  }
  const sniffed = await fileTypeFromBuffer(bytes);
  if (isZipArchive(bytes)) {
    const zipLike = sniffed === undefined || sniffed.ext === 'docx' || sniffed.ext === 'zip';
    return zipLike && looksLikeDocx(bytes) ? 'docx' : null;
  }
  if (sniffed !== undefined) {
    return null;
  }
  return looksLikeText(bytes) ? 'txt' : null;
}
