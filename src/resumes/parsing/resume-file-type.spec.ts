import {
  buildDocx,
  buildSingleColumnResumePdf,
  buildZip,
} from '../../../test/fixtures/resumes/generate-fixtures';
import { detectResumeType } from './resume-file-type';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function fakeExecutable(): Buffer {
  const header = Buffer.alloc(256);
  header.write('MZ', 0, 'latin1');
  header.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return header;
}

describe(detectResumeType.name, () => {
  it('recognises a PDF by its magic bytes', async () => {
    expect(await detectResumeType(await buildSingleColumnResumePdf())).toBe('pdf');
  });

  it('recognises a DOCX by its ZIP structure', async () => {
    expect(await detectResumeType(buildDocx(['Ada Lovelace', 'Skills: Python']))).toBe('docx');
  });

  it.each([
    ['plain ASCII', Buffer.from('Jane Doe\nSoftware Engineer\n\tPython, Go\n')],
    [
      'UTF-8 with a byte-order mark and CRLF',
      Buffer.from('\ufeffJosé Müller\r\nÉquipe données – 2019\r\n', 'utf8'),
    ],
    ['a form feed between pages', Buffer.from('Page one\fPage two')],
  ])('accepts %s as text', async (_label, bytes) => {
    expect(await detectResumeType(bytes)).toBe('txt');
  });

  it('rejects a renamed executable', async () => {
    expect(await detectResumeType(fakeExecutable())).toBeNull();
  });

  it('rejects an executable that carries a PDF or ZIP further in (polyglot)', async () => {
    const polyglot = Buffer.concat([
      fakeExecutable(),
      Buffer.from('%PDF-1.7\n'),
      buildDocx(['hi']),
    ]);
    expect(await detectResumeType(polyglot)).toBeNull();
  });

  it('rejects a PNG image', async () => {
    expect(await detectResumeType(Buffer.concat([PNG_SIGNATURE, Buffer.alloc(64)]))).toBeNull();
  });

  it('rejects a ZIP archive that is not a Word document', async () => {
    const zip = buildZip({ '[Content_Types].xml': '<Types/>', 'notes/readme.txt': 'hello' });
    expect(await detectResumeType(zip)).toBeNull();
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['text with NUL bytes', Buffer.from('Jane\u0000Doe resume text')],
    ['invalid UTF-8', Buffer.from([0x4a, 0x61, 0x6e, 0xe9, 0x20, 0x44, 0x6f, 0x65])],
    ['control characters', Buffer.from('Jane Doe \u0007\u0008 engineer')],
    ['whitespace only', Buffer.from('   \n\t  ')],
  ])('rejects %s', async (_label, bytes) => {
    expect(await detectResumeType(bytes)).toBeNull();
  });
});
