import type { ResumeFileKind } from './parsing/resume-file-type';

export const RESUME_CONTENT_TYPES: Record<ResumeFileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain; charset=utf-8',
};

const EXTENSIONS: Record<ResumeFileKind, string> = { pdf: '.pdf', docx: '.docx', txt: '.txt' };
const MAX_NAME_LENGTH = 120;
// Control characters (CR/LF included), bidi overrides and line separators never belong in a name.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// Quotes, backslashes and characters Windows refuses in file names.
const UNSAFE = /["\\<>:|?*]/g;

// The name a client sees when saving the file: the last path segment of what was uploaded,
// cleaned, with the extension of the detected kind (a PDF named "cv.exe" downloads as cv.exe.pdf).
export function downloadFileName(original: string | null, kind: ResumeFileKind): string {
  const lastSegment = (original ?? '').split(/[\\/]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  const extension = EXTENSIONS[kind];
  if (name === '' || name.toLowerCase() === extension) {
    name = 'resume';
  }
  if (!name.toLowerCase().endsWith(extension)) {
    name = `${truncate(name, MAX_NAME_LENGTH - extension.length)}${extension}`;
  } else if ([...name].length > MAX_NAME_LENGTH) {
    name = `${truncate(name, MAX_NAME_LENGTH - extension.length)}${extension}`;
  }
  return name;
}

// By code points: cutting UTF-16 units can leave half a surrogate pair, on which
// encodeURIComponent throws (the download answered 500 for a long emoji name).
function truncate(value: string, length: number): string {
  return [...value].slice(0, length).join('');
}

// RFC 5987 value: everything outside attr-char is percent-encoded.
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

// RFC 6266: an ASCII `filename` for old clients plus the exact UTF-8 name in `filename*`.
// `%` and `;` are replaced in the ASCII form because some browsers decode or split on them.
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/gu, '_')
    .replace(/[%;"\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
