export type ResumeSectionKind =
  'header' | 'summary' | 'experience' | 'education' | 'skills' | 'projects' | 'other';

export interface ResumeSection {
  kind: ResumeSectionKind;
  heading: string | null;
  lines: string[];
}

const HEADINGS: Record<Exclude<ResumeSectionKind, 'header'>, string[]> = {
  experience: [
    'experience',
    'work experience',
    'professional experience',
    'relevant experience',
    'employment',
    'employment history',
    'work history',
    'career history',
    'professional history',
    'career',
    'professional background',
    'industry experience',
    'technical experience',
    'positions held',
    'work',
    'experience and employment',
    'professional employment',
    'career experience',
  ],
  education: [
    'education',
    'academic background',
    'academics',
    'education and training',
    'educational background',
    'academic qualifications',
    'qualifications',
    'degrees',
    'academic history',
    'education history',
    'education and certifications',
  ],
  skills: [
    'skills',
    'technical skills',
    'core skills',
    'key skills',
    'skills and tools',
    'skills and technologies',
    'technologies',
    'tech stack',
    'technical proficiencies',
    'core competencies',
    'competencies',
    'expertise',
    'areas of expertise',
    'technical expertise',
    'tools',
    'tools and technologies',
    'programming languages',
    'languages',
    'languages and technologies',
    'skills summary',
    'toolbox',
    'technical summary',
    'skills and expertise',
    'skill set',
    'skillset',
    'technical competencies',
  ],
  projects: [
    'projects',
    'personal projects',
    'side projects',
    'selected projects',
    'key projects',
    'academic projects',
    'open source',
    'open source projects',
    'project experience',
    'notable projects',
  ],
  summary: [
    'summary',
    'profile',
    'professional summary',
    'objective',
    'career objective',
    'about',
    'about me',
    'professional profile',
    'career summary',
    'personal statement',
    'overview',
  ],
  other: [
    'certifications',
    'certificates',
    'licenses and certifications',
    'awards',
    'honors',
    'honours',
    'awards and honors',
    'achievements',
    'accomplishments',
    'publications',
    'interests',
    'hobbies',
    'volunteer',
    'volunteering',
    'volunteer experience',
    'references',
    'activities',
    'leadership',
    'extracurricular activities',
    'courses',
    'coursework',
    'relevant coursework',
    'patents',
    'talks',
    'presentations',
    'training',
    'memberships',
    'affiliations',
    'additional information',
  ],
};

const HEADING_LOOKUP = new Map<string, ResumeSectionKind>(
  Object.entries(HEADINGS).flatMap(([kind, names]) =>
    names.map((name) => [name, kind as ResumeSectionKind]),
  ),
);

const ENTRY_SECTIONS = new Set<ResumeSectionKind>(['experience', 'education', 'projects']);
const DECORATION = /^[\s#*=•·▪◦●■►➢|_~:>-]+|[\s#*=•·▪◦●■►➢|_~:<-]+$/g;

function headingKey(text: string): string {
  let key = text.replace(DECORATION, '');
  // "E X P E R I E N C E": letter-spaced headings from designed templates.
  if (/^(?:\p{L} ){3,}\p{L}$/u.test(key)) {
    key = key.replace(/ /g, '');
  }
  return key
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface HeadingMatch {
  kind: ResumeSectionKind;
  heading: string;
  // Text after "Skills:" on the same line, which belongs to the section.
  rest: string;
}

export function matchHeading(line: string): HeadingMatch | null {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > 60) {
    return null;
  }
  const whole = HEADING_LOOKUP.get(headingKey(trimmed));
  if (whole) {
    return { kind: whole, heading: trimmed.replace(DECORATION, ''), rest: '' };
  }
  return null;
}

// "Skills: Python, Go" or "Languages — TypeScript, Rust": a heading with its content inline.
function matchInlineHeading(line: string): HeadingMatch | null {
  const inline = /^\s*([\p{L} &/]{3,40}?)\s*(?::|：|\s[–—]\s)\s*(.+)$/u.exec(line);
  if (!inline) {
    return null;
  }
  const kind = HEADING_LOOKUP.get(headingKey(inline[1]));
  return kind ? { kind, heading: inline[1].trim(), rest: inline[2].trim() } : null;
}

export function splitSections(text: string): ResumeSection[] {
  const sections: ResumeSection[] = [{ kind: 'header', heading: null, lines: [] }];
  for (const line of text.split(/\r\n?|\n/)) {
    const heading = matchHeading(line);
    if (heading) {
      sections.push({ kind: heading.kind, heading: heading.heading, lines: [] });
      continue;
    }
    const current = sections[sections.length - 1];
    const inline = matchInlineHeading(line);
    // Only a skills label opens a section inline, and not inside a job, degree or project, where
    // "Tech stack: …" describes that entry.
    if (inline && inline.kind === 'skills' && !ENTRY_SECTIONS.has(current.kind)) {
      sections.push({ kind: 'skills', heading: inline.heading, lines: [inline.rest] });
      continue;
    }
    current.lines.push(line);
  }
  return sections.filter(
    (section) => section.kind !== 'header' || section.lines.some((line) => line.trim() !== ''),
  );
}
