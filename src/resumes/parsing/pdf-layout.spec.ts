import { layoutPageText, type PositionedText } from './pdf-layout';

// Helvetica at 10 pt averages about 5 pt per character, close enough for layout.
function at(str: string, x: number, y: number, fontSize = 10): PositionedText {
  return { str, x, y, width: str.length * fontSize * 0.5, fontSize };
}

function column(lines: string[], x: number, top: number, leading = 14): PositionedText[] {
  return lines.map((line, index) => at(line, x, top + index * leading));
}

describe(layoutPageText.name, () => {
  it('reads a sidebar column to the end before the main column', () => {
    const left = column(
      ['SKILLS', 'Go, Rust', 'Kubernetes', 'EDUCATION', 'BSc Physics', '2009 – 2012'],
      40,
      100,
    );
    const right = column(
      [
        'EXPERIENCE',
        'Platform Engineer at Umbrella Health',
        'Owned the deploy pipeline for 40 services',
        'Cut build times in half with remote caching',
        'Backend Developer at Vandelay Imports',
        'Wrote the invoicing service and its APIs',
      ],
      230,
      100,
    );
    const text = layoutPageText([...left, ...right].sort(() => 0.5 - Math.random()));
    expect(text.split('\n').filter((line) => line !== '')).toEqual([
      'SKILLS',
      'Go, Rust',
      'Kubernetes',
      'EDUCATION',
      'BSc Physics',
      '2009 – 2012',
      'EXPERIENCE',
      'Platform Engineer at Umbrella Health',
      'Owned the deploy pipeline for 40 services',
      'Cut build times in half with remote caching',
      'Backend Developer at Vandelay Imports',
      'Wrote the invoicing service and its APIs',
    ]);
  });

  it('puts a centred header spanning both columns before them', () => {
    const items = [
      at('Jordan Example', 110, 40, 18),
      ...column(['SKILLS', 'Python', 'SQL', 'Airflow'], 40, 100),
      ...column(
        [
          'EXPERIENCE',
          'Data Engineer at Hooli',
          'Built the warehouse loaders',
          'Ran the on-call rota',
        ],
        230,
        100,
      ),
    ];
    const lines = layoutPageText(items)
      .split('\n')
      .filter((line) => line !== '');
    expect(lines[0]).toBe('Jordan Example');
    expect(lines.indexOf('Airflow')).toBeLessThan(lines.indexOf('EXPERIENCE'));
  });

  it('keeps right-aligned dates on the line of the title they belong to', () => {
    const items = [
      at('Software Engineer', 50, 100),
      at('Oct 2016 – Present', 480, 100),
      at('Worked on training performance for accelerator hardware and the public API', 60, 114),
      at('Senior Software Engineer', 50, 128),
      at('Jan 2014 – Oct 2016', 478, 128),
      at('Built the notification service and the data warehouse loaders', 60, 142),
      at('Data Scientist', 50, 156),
      at('Summer 2012', 500, 156),
    ];
    expect(layoutPageText(items).split('\n')).toEqual([
      'Software Engineer\tOct 2016 – Present',
      'Worked on training performance for accelerator hardware and the public API',
      'Senior Software Engineer\tJan 2014 – Oct 2016',
      'Built the notification service and the data warehouse loaders',
      'Data Scientist\tSummer 2012',
    ]);
  });

  it('does not split a page whose only right-hand text is dates and places', () => {
    const items = [
      at('Acme Corp', 50, 100),
      at('Berlin, Germany', 480, 100),
      at('Engineer', 50, 114),
      at('2019 – 2021', 500, 114),
      at('Globex', 50, 128),
      at('Remote', 520, 128),
      at('Analyst', 50, 142),
      at('2016 – 2019', 500, 142),
    ];
    expect(layoutPageText(items).split('\n')).toEqual([
      'Acme Corp\tBerlin, Germany',
      'Engineer\t2019 – 2021',
      'Globex\tRemote',
      'Analyst\t2016 – 2019',
    ]);
  });

  it('joins pieces of one word and spaces separate words', () => {
    const items = [
      at('Kube', 50, 100),
      at('rnetes', 70, 100),
      at('and', 103, 100),
      at('Helm', 125, 100),
    ];
    expect(layoutPageText(items)).toBe('Kubernetes and Helm');
  });

  it('ignores items with impossible positions instead of sizing arrays from them', () => {
    const items = [
      at('Kept line one', 50, 100),
      at('Kept line two', 50, 114),
      { str: 'far away', x: 1e12, y: 128, width: 40, fontSize: 10 },
      { str: 'broken', x: Number.NaN, y: 142, width: 30, fontSize: 10 },
    ];
    expect(layoutPageText(items)).toBe('Kept line one\nKept line two\nfar away');
  });
});
