import { describeWithCorpus } from '../../../test/fixtures/resumes/describe-with-corpus';
import {
  buildDocx,
  buildSingleColumnResumePdf,
  buildTwoColumnResumePdf,
  SINGLE_COLUMN_CANDIDATE,
  TWO_COLUMN_CANDIDATE,
} from '../../../test/fixtures/resumes/generate-fixtures';
import { buildLatexResumePdf } from '../../../test/fixtures/resumes/layout-fixtures';
import { extractResumeText } from './extract-text';
import { extractPdfText } from './pdf-text';
import { experienceLevel, parseResumeText, stripContactDetails } from './resume-parser';

const NOW = new Date(2024, 5, 15);

async function parsePdf(bytes: Buffer): Promise<ReturnType<typeof parseResumeText>> {
  return parseResumeText((await extractPdfText(bytes)).text, NOW);
}

// The generated twin of the real-world LaTeX résumé below: what the corpus test proves, proved
// without the corpus (more of it in resume-layouts.spec.ts).
describe('parseResumeText on a generated LaTeX-style résumé', () => {
  let text: string;
  let parsed: ReturnType<typeof parseResumeText>;

  beforeAll(async () => {
    text = (await extractPdfText(await buildLatexResumePdf())).text;
    parsed = parseResumeText(text, NOW);
  });

  it('reads both degrees with school, degree, field and years', () => {
    expect(parsed.education).toEqual([
      {
        institution: 'Northbridge Institute of Technology',
        degree: 'MS',
        field: 'Computer Science',
        start_year: 2012,
        end_year: 2013,
      },
      expect.objectContaining({
        institution: 'Lakeside University',
        degree: 'BE',
        start_year: 2008,
        end_year: 2012,
      }),
    ]);
  });

  it('finds the skills named in the role descriptions', () => {
    expect(parsed.skills).toEqual(
      expect.arrayContaining([
        'Go',
        'PostgreSQL',
        'Redis',
        'Apache Beam',
        'Docker',
        'Elasticsearch',
        'Amazon Web Services',
        'Python',
        'R',
      ]),
    );
  });

  it('strips the contact details but keeps the career', () => {
    const stripped = stripContactDetails(text);
    for (const detail of [
      'Aiko',
      'aiko.tanaka@',
      'aikotanaka.dev',
      '4155550188',
      'Email:',
      'Mobile:',
    ]) {
      expect(stripped).not.toContain(detail);
    }
    expect(stripped).toContain('Quillbase');
    expect(stripped.startsWith('Education')).toBe(true);
  });
});

describeWithCorpus('parseResumeText on the real-world LaTeX résumé', (corpus) => {
  let text: string;
  let parsed: ReturnType<typeof parseResumeText>;

  beforeAll(async () => {
    text = (await extractPdfText(corpus.read('sb2nov-sample-resume.pdf'))).text;
    parsed = parseResumeText(text, NOW);
  });

  it('reads both degrees with school, degree, field and years', () => {
    expect(parsed.education).toEqual([
      {
        institution: 'Georgia Institute of Technology',
        degree: 'MS',
        field: 'Computer Science',
        start_year: 2012,
        end_year: 2013,
      },
      expect.objectContaining({
        institution: 'Birla Institute of Technology and Science',
        degree: 'BE',
        start_year: 2008,
        end_year: 2012,
      }),
    ]);
  });

  it('reads the full-time roles with their employers and the ones held while studying', () => {
    expect(parsed.work_history).toEqual(
      expect.arrayContaining([
        { title: 'Software Engineer', company: 'Google', start: '2016-10', end: null },
        {
          title: 'Senior Software Engineer',
          company: 'Coursera',
          start: '2014-01',
          end: '2016-10',
        },
        expect.objectContaining({
          company: 'Georgia Institute of Technology',
          start: '2012-01',
          end: '2013-12',
        }),
        expect.objectContaining({ title: 'Data Scientist', company: 'Lucena Research' }),
      ]),
    );
  });

  it('counts professional work from January 2014: not the assistantship nor the summers', () => {
    expect(parsed.experience_years).toBe(10.5);
    expect(parsed.experience_level).toBe('senior');
    expect(parsed.current_company).toBe('Google');
  });

  it('finds the skills named in the role descriptions', () => {
    expect(parsed.skills).toEqual(
      expect.arrayContaining([
        'TensorFlow',
        'Apache Beam',
        'Hadoop',
        'Cassandra',
        'Docker',
        'Amazon Web Services',
        'Python',
        'R',
        'Amazon Redshift',
      ]),
    );
  });

  it('reads the contact block', () => {
    expect(parsed.contact).toEqual({
      name: 'Sourabh Bajaj',
      email: 'sourabh@sourabhbajaj.com',
      phone: '+1-123-456-7890',
      links: ['sourabhbajaj.com'],
    });
  });

  it('strips the contact details but keeps the career', () => {
    const stripped = stripContactDetails(text);
    for (const detail of [
      'Sourabh',
      'sourabh@',
      'sourabhbajaj.com',
      '123-456-7890',
      'Email:',
      'Mobile:',
    ]) {
      expect(stripped).not.toContain(detail);
    }
    expect(stripped).toContain('Coursera');
    expect(stripped.startsWith('Education')).toBe(true);
  });
});

describe('parseResumeText on generated résumés', () => {
  it('reads a two-column PDF: merged overlapping roles, sidebar skills first', async () => {
    const parsed = await parsePdf(await buildTwoColumnResumePdf());
    expect(parsed.skills.slice(0, TWO_COLUMN_CANDIDATE.skills.length)).toEqual(
      TWO_COLUMN_CANDIDATE.skills,
    );
    // 2015-01 … 2024-06 inclusive = 114 months; the 2010–2014 degree does not count. A staff
    // engineer with more than six years leads.
    expect(parsed.experience_years).toBe(9.5);
    expect(parsed.experience_level).toBe('lead');
    expect(parsed.work_history).toEqual([
      {
        title: 'Staff Software Engineer',
        company: 'Northwind Logistics',
        start: '2018-03',
        end: null,
      },
      {
        title: 'Software Engineer',
        company: 'Contoso Analytics',
        start: '2015-01',
        end: '2018-06',
      },
    ]);
    expect(parsed.education).toEqual([
      {
        institution: 'University of Washington',
        degree: 'BS',
        field: 'Computer Science',
        start_year: 2010,
        end_year: 2014,
      },
    ]);
    expect(parsed.contact).toMatchObject({
      name: TWO_COLUMN_CANDIDATE.name,
      email: TWO_COLUMN_CANDIDATE.email,
      phone: TWO_COLUMN_CANDIDATE.phone,
      location: 'Seattle, WA',
      links: ['github.com/priyaraman'],
    });
  });

  it('reads a single-column PDF with "Sept. … to …" dates', async () => {
    const parsed = await parsePdf(await buildSingleColumnResumePdf());
    expect(parsed.skills.slice(0, SINGLE_COLUMN_CANDIDATE.skills.length)).toEqual(
      SINGLE_COLUMN_CANDIDATE.skills,
    );
    expect(parsed.experience_years).toBe(SINGLE_COLUMN_CANDIDATE.experienceYears);
    expect(parsed.experience_level).toBe('mid');
    expect(parsed.work_history.map((role) => [role.title, role.company])).toEqual([
      ['Data Engineer', 'Globex Corporation'],
      ['Junior Developer', 'Initech'],
    ]);
    expect(parsed.education[0]).toMatchObject({
      institution: 'University of Edinburgh',
      degree: 'MS',
      field: 'Data Science',
    });
  });

  it('reads a DOCX built with tabs between titles and dates', async () => {
    const docx = buildDocx([
      'Morgan Lee',
      'morgan.lee@example.net | (206) 555-0199',
      'SKILLS',
      'C#, .NET, Azure, SQL Server, React',
      'WORK HISTORY',
      'Lead Developer\tApr 2020 – Present',
      'Fabrikam, Redmond',
      '• Moved the billing platform from .NET Framework to .NET 8 on Azure.',
      'Developer\tJun 2016 – Mar 2020',
      'Tailspin Toys',
      'EDUCATION',
      'BSc Software Engineering, University of Leeds\t2012 – 2016',
    ]);
    const parsed = parseResumeText((await extractResumeText(docx, 'docx')).text, NOW);
    expect(parsed.skills.slice(0, 5)).toEqual([
      'C#',
      '.NET',
      'Microsoft Azure',
      'Microsoft SQL Server',
      'React',
    ]);
    // 2016-06 … 2024-06 with no gap: 97 months.
    expect(parsed.experience_years).toBe(8.1);
    expect(parsed.work_history).toEqual([
      { title: 'Lead Developer', company: 'Fabrikam', start: '2020-04', end: null },
      { title: 'Developer', company: 'Tailspin Toys', start: '2016-06', end: '2020-03' },
    ]);
    expect(parsed.contact).toMatchObject({ name: 'Morgan Lee', phone: '(206) 555-0199' });
  });

  it('counts only work when a résumé has no headings at all', () => {
    const parsed = parseResumeText(
      [
        'Sam Rivera',
        'Backend Engineer, Monzo, 2019 – 2022',
        'BSc Computer Science, University of Leeds, 2015 – 2019',
      ].join('\n'),
      NOW,
    );
    expect(parsed.work_history).toEqual([
      { title: 'Backend Engineer', company: 'Monzo', start: '2019-01', end: '2022-12' },
    ]);
    expect(parsed.experience_years).toBe(4);
  });

  it('does not count project dates as work', () => {
    const parsed = parseResumeText(
      [
        'Experience',
        'QA Analyst, Initrode\tJan 2023 – Present',
        'Projects',
        'Home lab cluster\t2015 – 2022',
      ].join('\n'),
      NOW,
    );
    expect(parsed.experience_years).toBe(1.5);
    expect(parsed.experience_level).toBe('junior');
  });
});

describe(experienceLevel.name, () => {
  it.each([
    [0, 'entry'],
    [0.9, 'entry'],
    [1, 'junior'],
    [2.9, 'junior'],
    [3, 'mid'],
    [5.9, 'mid'],
    [6, 'senior'],
    [9.9, 'senior'],
    [10, 'senior'],
    [30, 'senior'],
  ])('places %p years without a title at %p: years alone never make a lead', (years, level) => {
    expect(experienceLevel(years)).toBe(level);
  });

  it.each([
    [10.5, 'Senior Software Engineer', 'senior'],
    [2, 'Senior Software Engineer', 'mid'],
    [12, 'Software Engineer', 'senior'],
    [8, 'Engineering Manager', 'lead'],
    [8, 'Staff Engineer', 'lead'],
    [15, 'Co-Founder & CTO', 'lead'],
    [2.1, 'Co-Founder & CTO', 'junior'],
    [4, 'Junior Developer', 'mid'],
    [1.5, 'Junior Developer', 'junior'],
    [5, 'Research Intern', 'entry'],
    [7, 'Teaching Assistant', 'entry'],
  ])('places %p years as %p at %p', (years, title, level) => {
    expect(experienceLevel(years, title)).toBe(level);
  });
});
