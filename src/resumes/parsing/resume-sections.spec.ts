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
  ])('reads %p as a %s heading', (line, kind) => {
    expect(matchHeading(line)?.kind).toBe(kind);
  });

  it.each(['Experience building distributed systems at scale', 'Senior Software Engineer', ''])(
    'does not treat %p as a heading',
    (line) => {
      expect(matchHeading(line)).toBeNull();
    },
  );
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
