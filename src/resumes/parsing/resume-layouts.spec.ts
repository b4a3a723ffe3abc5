import {
  buildDatesBesideBulletsResumePdf,
  buildLatexResumePdf,
  buildMarginDatesResumePdf,
  buildSidebarResumePdf,
  buildTitleFirstResumePdf,
  DATES_BESIDE_BULLETS_EXPECTED,
  LATEX_EXPECTED,
  MARGIN_EXPECTED,
  SIDEBAR_EXPECTED,
  TITLE_FIRST_EXPECTED,
} from '../../../test/fixtures/resumes/layout-fixtures';
import {
  buildWordTableResumeDocx,
  buildWordTableResumePdf,
  WORD_TABLE_EXPECTED,
} from '../../../test/fixtures/resumes/word-table-fixture';
import { extractResumeText } from './extract-text';
import type { ResumeFileKind } from './resume-file-type';
import { type ParsedResume, parseResumeText } from './resume-parser';

// The parser's rules proved on generated documents of the layouts real templates produce (see
// test/fixtures/resumes/layout-fixtures.ts), through the same extraction as an upload.
const NOW = new Date(2024, 5, 15);

async function parse(bytes: Buffer, kind: ResumeFileKind = 'pdf'): Promise<ParsedResume> {
  return parseResumeText((await extractResumeText(bytes, kind)).text, NOW);
}

describe('a one-column LaTeX-style PDF', () => {
  let parsed: ParsedResume;
  beforeAll(async () => {
    parsed = await parse(await buildLatexResumePdf());
  });

  it('reads a range whose soft-hyphen dash the PDF text layer dropped, up to "Now"', () => {
    expect(parsed.work_history[0]).toEqual({
      title: 'Software Engineer',
      company: 'Orbital Maps',
      start: '2016-09',
      end: null,
    });
  });

  it('reads "Summer 2012 and 2013" as two summers and "Jan." with its dot', () => {
    expect(parsed.work_history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ company: 'Quillbase', start: '2014-01', end: '2016-09' }),
        expect.objectContaining({ title: 'Data Scientist', start: '2012-06', end: '2012-08' }),
        expect.objectContaining({ title: 'Data Scientist', start: '2013-06', end: '2013-08' }),
      ]),
    );
  });

  it('leaves the assistantship and the summers while studying out of professional years', () => {
    expect(parsed.experience_years).toBe(LATEX_EXPECTED.experienceYears);
  });

  it('calls an engineer with ten years senior, not lead', () => {
    expect(parsed.experience_level).toBe(LATEX_EXPECTED.level);
  });

  it('reads the contact block, the phone despite soft hyphens, and the current role', () => {
    expect(parsed.contact).toMatchObject({
      name: LATEX_EXPECTED.name,
      email: LATEX_EXPECTED.email,
      phone: LATEX_EXPECTED.phone,
    });
    expect(parsed.current_position).toBe(LATEX_EXPECTED.currentPosition);
    expect(parsed.current_company).toBe(LATEX_EXPECTED.currentCompany);
  });

  it('reads both degrees', () => {
    expect(parsed.education).toEqual([
      expect.objectContaining({ institution: 'Northbridge Institute of Technology', degree: 'MS' }),
      expect.objectContaining({ institution: 'Lakeside University', degree: 'BE' }),
    ]);
  });
});

describe('a PDF with dates in a margin column, wrapped over two lines', () => {
  let parsed: ParsedResume;
  beforeAll(async () => {
    parsed = await parse(await buildMarginDatesResumePdf());
  });

  it('joins "June 2020 –" with the "Present" on the next line', () => {
    expect(parsed.work_history).toEqual([
      { title: 'Backend Developer', company: 'Tidewater Labs', start: '2020-06', end: null },
      {
        title: 'Software Developer',
        company: 'Northwind Marine',
        start: '2016-07',
        end: '2020-05',
      },
    ]);
    expect(parsed.experience_years).toBe(MARGIN_EXPECTED.experienceYears);
  });

  it('reads the contact block in the corner and the degree', () => {
    expect(parsed.contact).toMatchObject({
      name: MARGIN_EXPECTED.name,
      location: MARGIN_EXPECTED.location,
    });
    expect(parsed.education[0]).toMatchObject({
      institution: MARGIN_EXPECTED.institution,
      degree: 'BS',
      start_year: 2012,
      end_year: 2016,
    });
  });
});

describe('a PDF with a sidebar and icon glyphs', () => {
  let parsed: ParsedResume;
  beforeAll(async () => {
    parsed = await parse(await buildSidebarResumePdf());
  });

  it('finds the place behind an icon and the e-mail', () => {
    expect(parsed.contact).toMatchObject({
      name: SIDEBAR_EXPECTED.name,
      email: SIDEBAR_EXPECTED.email,
      location: SIDEBAR_EXPECTED.location,
    });
  });

  it('merges overlapping roles up to "Ongoing" and reads title and company above the dates', () => {
    expect(parsed.experience_years).toBe(SIDEBAR_EXPECTED.experienceYears);
    expect(parsed.current_position).toBe(SIDEBAR_EXPECTED.currentPosition);
    expect(parsed.current_company).toBe(SIDEBAR_EXPECTED.currentCompany);
    expect(parsed.experience_level).toBe(SIDEBAR_EXPECTED.level);
  });

  it('reads the strengths, a shared first word included, and "A/B tested"', () => {
    expect(parsed.skills).toEqual(expect.arrayContaining(SIDEBAR_EXPECTED.skills));
  });
});

describe('a PDF with the title first and the company under it', () => {
  let parsed: ParsedResume;
  beforeAll(async () => {
    parsed = await parse(await buildTitleFirstResumePdf());
  });

  it('keeps the parenthesis in the title and takes the company from the next line', () => {
    expect(parsed.current_position).toBe(TITLE_FIRST_EXPECTED.currentPosition);
    expect(parsed.current_company).toBe(TITLE_FIRST_EXPECTED.currentCompany);
  });

  it('counts concurrent roles once', () => {
    expect(parsed.experience_years).toBe(TITLE_FIRST_EXPECTED.experienceYears);
    expect(parsed.experience_level).toBe(TITLE_FIRST_EXPECTED.level);
  });

  it('reads a city alone on the contact line and a one-group phone number', () => {
    expect(parsed.contact).toMatchObject({
      name: TITLE_FIRST_EXPECTED.name,
      location: TITLE_FIRST_EXPECTED.location,
      phone: TITLE_FIRST_EXPECTED.phone,
    });
    expect(parsed.education[0]).toMatchObject({
      institution: 'University of Adelaide',
      degree: 'Bachelor',
      field: 'Information Technology',
    });
  });
});

describe('a PDF with the dates beside the first bullet', () => {
  let parsed: ParsedResume;
  beforeAll(async () => {
    parsed = await parse(await buildDatesBesideBulletsResumePdf());
  });

  it('takes company and title from the entry line, never from the bullet', () => {
    expect(parsed.current_position).toBe(DATES_BESIDE_BULLETS_EXPECTED.currentPosition);
    expect(parsed.current_company).toBe(DATES_BESIDE_BULLETS_EXPECTED.currentCompany);
    expect(parsed.work_history[1]).toMatchObject({
      title: 'Research Intern',
      company: 'Aurora Research',
    });
  });

  it('leaves the internship out and keeps a young CTO junior', () => {
    expect(parsed.experience_years).toBe(DATES_BESIDE_BULLETS_EXPECTED.experienceYears);
    expect(parsed.experience_level).toBe(DATES_BESIDE_BULLETS_EXPECTED.level);
    expect(parsed.contact.location).toBe(DATES_BESIDE_BULLETS_EXPECTED.location);
  });
});

describe.each([
  ['DOCX with a layout table', () => Promise.resolve(buildWordTableResumeDocx()), 'docx'],
  ['PDF exported from it, labels in a gutter', buildWordTableResumePdf, 'pdf'],
] as const)('a Word résumé: %s', (_label, build, kind) => {
  let parsed: ParsedResume;
  beforeAll(async () => {
    parsed = await parse(await build(), kind);
  });

  it('counts only professional work: no internship, student team or leadership roles', () => {
    expect(parsed.experience_years).toBe(WORD_TABLE_EXPECTED.experienceYears);
    expect(parsed.experience_level).toBe(WORD_TABLE_EXPECTED.level);
  });

  it('names the employer of the roles listed under it', () => {
    expect(parsed.current_position).toBe(WORD_TABLE_EXPECTED.currentPosition);
    expect(parsed.current_company).toBe(WORD_TABLE_EXPECTED.currentCompany);
  });

  it('reads the education and contact details', () => {
    expect(parsed.education[0]).toMatchObject({
      institution: WORD_TABLE_EXPECTED.institution,
      degree: 'BS',
      end_year: 2021,
    });
    expect(parsed.contact).toMatchObject({
      name: WORD_TABLE_EXPECTED.name,
      location: WORD_TABLE_EXPECTED.location,
      phone: WORD_TABLE_EXPECTED.phone,
    });
  });

  it('lists the software skills and not "Spring 2019" or "The Linux Foundation"', () => {
    expect(parsed.skills).toEqual(expect.arrayContaining(WORD_TABLE_EXPECTED.skills));
    for (const skill of WORD_TABLE_EXPECTED.notSkills) {
      expect(parsed.skills).not.toContain(skill);
    }
  });
});
