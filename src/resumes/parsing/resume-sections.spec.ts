import { matchHeading, splitSections } from './resume-sections';

describe(matchHeading.name, () => {
  it.each([
    ['Experience', 'experience'],
    ['WORK EXPERIENCE', 'experience'],
    ['Professional Experience:', 'experience'],
    ['Employment History', 'experience'],
    ['E X P E R I E N C E', 'experience'],
    ['## Education ##', 'education'],
    ['Technical Skills', 'skills'],
    ['Skills & Tools', 'skills'],
    ['Core Competencies', 'skills'],
    ['Side Projects', 'projects'],
    ['Summary', 'summary'],
    ['Certifications', 'other'],
    ['Skills and Tech', 'skills'],
    ['Selected Honors', 'other'],
    ['Honors and Experience', 'other'],
    ['RESEARCH', 'research'],
    ['Strengths', 'skills'],
  ])('reads %p as a %s heading', (line, kind) => {
    expect(matchHeading(line)?.kind).toBe(kind);
  });

  it.each([
    'Experience building distributed systems at scale',
    'Senior Software Engineer',
    'Research and Development Engineer',
    'Education and Outreach Coordinator',
    '',
  ])('does not treat %p as a heading', (line) => {
    expect(matchHeading(line)).toBeNull();
  });
});

describe(splitSections.name, () => {
  it('groups lines under their headings and keeps the header block', () => {
    const sections = splitSections(
      'Jane Doe\njane@example.com\n\nExperience\nEngineer\nEducation\nBSc',
    );
    expect(sections.map((section) => [section.kind, section.lines.filter(Boolean)])).toEqual([
      ['header', ['Jane Doe', 'jane@example.com']],
      ['experience', ['Engineer']],
      ['education', ['BSc']],
    ]);
  });

  it('opens a skills section from an inline label, but not inside a job', () => {
    const sections = splitSections(
      'Skills: Go, Rust\nExperience\nEngineer\nTech stack: React, Node.js\nLater bullet',
    );
    expect(sections.map((section) => [section.kind, section.lines])).toEqual([
      ['skills', ['Go, Rust']],
      ['experience', ['Engineer', 'Tech stack: React, Node.js', 'Later bullet']],
    ]);
  });
});

describe('splitSections with labels in a left gutter (Word table layouts)', () => {
  const kinds = (text: string) =>
    splitSections(text).map((section) => [section.kind, section.lines.filter(Boolean)]);

  it('reads a label split over two lines beside the first entry', () => {
    expect(
      kinds(
        [
          'EDUCATION Lone Star University\tMay 2021',
          'WORK Ferrovia Controls LLC\tJun 2020 – Present',
          'EXPERIENCE Controls Engineer, Jan 2022 – Current',
          '• Commissioned conveyor lines',
        ].join('\n'),
      ),
    ).toEqual([
      ['education', ['Lone Star University\tMay 2021']],
      [
        'experience',
        [
          'Ferrovia Controls LLC\tJun 2020 – Present',
          'Controls Engineer, Jan 2022 – Current',
          '• Commissioned conveyor lines',
        ],
      ],
    ]);
  });

  it('files qualified and joined labels under their subject', () => {
    expect(
      kinds(
        [
          'RELEVANT TAMU Robotics Team\tJan 2018 – May 2021',
          'EXPERIENCE Embedded Lead, Aug 2019 – May 2021',
          'SELECTED Youth Exchange\tJun 2012 – Present',
          'LEADERSHIP Treasurer, Jul 2016 – Jun 2018',
          'HONORS Dean’s List\tSpring 2019',
          'AND ',
          'EXPERIENCE',
          'SKILLS QUALITIES',
          '& INTERESTS\tSoftware: TwinCAT, Python',
        ].join('\n'),
      ).map(([kind]) => kind),
    ).toEqual(['experience', 'other', 'other', 'skills']);
  });

  it('keeps a title that merely continues on the next line inside its section', () => {
    expect(
      kinds('HONORS\nAND EXPERIENCE\tDean’s List\nSKILLS\nPython').map(([kind]) => kind),
    ).toEqual(['other', 'skills']);
  });

  it('does not take capitalised company names for labels', () => {
    expect(
      kinds('EXPERIENCE\nFACEBOOK | SOFTWARE ENGINEER\nJan 2015 - Present\nCORNELL UNIVERSITY').map(
        ([kind]) => kind,
      ),
    ).toEqual(['experience']);
  });
});
