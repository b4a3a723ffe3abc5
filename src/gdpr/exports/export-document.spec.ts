import { unzipSync } from 'fflate';
import { csvCell, toCsv } from './csv';
import { buildJsonExport, buildZipExport, ExportDocument, mergeExports } from './export-document';

function document(): ExportDocument {
  return {
    exportId: '7a0c6f3e-2f7b-4c1e-9a57-0c7e1d2b3a4f',
    generatedAt: new Date('2026-11-23T10:00:00Z'),
    subject: { user_id: null, candidate_id: 'c1' },
    ...mergeExports([
      { records: { applications: [{ id: 'a1', applicant_name: 'Ada, "Countess"' }] } },
      {
        records: { resumes: [{ id: 'r1', text: 'line one\nline two' }] },
        files: [{ path: 'resumes/r1.txt', contentType: 'text/plain', data: Buffer.from('CV') }],
      },
    ]),
  };
}

describe('CSV', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('x\ny')).toBe('"x\ny"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1 555 0100')).toBe("'+1 555 0100");
    expect(csvCell(-3)).toBe('-3');
  });

  it('writes nested values as JSON and the union of keys as columns', () => {
    expect(toCsv([{ a: 1 }, { b: ['x'], a: null }])).toBe('a,b\r\n1,\r\n,"[""x""]"\r\n');
  });
});

describe('export documents', () => {
  it('merges handler parts and embeds files in the JSON document', () => {
    const parsed = JSON.parse(buildJsonExport(document()).toString('utf8'));
    expect(parsed.record_counts).toEqual({ applications: 1, resumes: 1 });
    expect(parsed.records.applications[0].applicant_name).toBe('Ada, "Countess"');
    expect(Buffer.from(parsed.files[0].data_base64, 'base64').toString()).toBe('CV');
  });

  it('zips one CSV per record type plus the original files', async () => {
    const entries = unzipSync(new Uint8Array(await buildZipExport(document())));
    expect(Object.keys(entries).sort()).toEqual([
      'applications.csv',
      'export.json',
      'files/resumes/r1.txt',
      'resumes.csv',
    ]);
    expect(Buffer.from(entries['applications.csv']).toString()).toContain('"Ada, ""Countess"""');
    expect(Buffer.from(entries['files/resumes/r1.txt']).toString()).toBe('CV');
  });

  it('refuses record types that would not make safe file names', () => {
    expect(() => mergeExports([{ records: { '../x': [] } }])).toThrow(/Invalid export record/);
  });
});
