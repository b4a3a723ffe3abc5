import { attachmentDisposition, downloadFileName } from './resume-download-name';

describe(downloadFileName.name, () => {
  it('keeps only the last path segment and drops CR/LF, quotes and separators', () => {
    const name = downloadFileName('../../etc/passwd"\r\nX-Evil: 1.pdf', 'pdf');
    expect(name).toBe('passwd_X-Evil_ 1.pdf');
    expect(name).not.toMatch(/[\r\n"/\\]/);
  });

  it('handles Windows separators and leading dots', () => {
    expect(downloadFileName('C:\\Users\\me\\..\\.cv.pdf', 'pdf')).toBe('cv.pdf');
  });

  it('forces the extension of the detected kind', () => {
    expect(downloadFileName('cv.exe', 'pdf')).toBe('cv.exe.pdf');
    expect(downloadFileName('Lebenslauf.DOCX', 'docx')).toBe('Lebenslauf.DOCX');
  });

  it('falls back to a neutral name when nothing usable is left', () => {
    expect(downloadFileName(null, 'txt')).toBe('resume.txt');
    expect(downloadFileName('\r\n"', 'pdf')).toBe('_.pdf');
    expect(downloadFileName('../', 'pdf')).toBe('resume.pdf');
  });

  it('caps very long names and keeps the extension', () => {
    const name = downloadFileName(`${'a'.repeat(500)}.pdf`, 'pdf');
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('never cuts a long non-ASCII name inside a surrogate pair', () => {
    const name = downloadFileName(`x${'\u{1F600}'.repeat(200)}.pdf`, 'txt');
    expect(name).toBe(`x${'\u{1F600}'.repeat(115)}.txt`);
    expect(attachmentDisposition(name)).toMatch(
      /^attachment; filename="x_{115}\.txt"; filename\*=/,
    );
  });
});

describe(attachmentDisposition.name, () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Zoë Müller – CV.pdf')).toBe(
      `attachment; filename="Zoe Muller _ CV.pdf"; filename*=UTF-8''Zo%C3%AB%20M%C3%BCller%20%E2%80%93%20CV.pdf`,
    );
  });

  it('never lets a percent sign or quote into the quoted form', () => {
    const header = attachmentDisposition("50%'s (final).pdf");
    expect(header).toBe(
      `attachment; filename="50_'s (final).pdf"; filename*=UTF-8''50%25%27s%20%28final%29.pdf`,
    );
  });
});
