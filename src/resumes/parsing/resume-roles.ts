import type { MonthSpan } from './resume-dates';

// What a role is: a job title or not, professional experience or not, and the level a title
// states. The rules are written out in README.md ("Experience years").
export type ExperienceLevel = 'entry' | 'junior' | 'mid' | 'senior' | 'lead';

const TITLE_WORDS = new Set([
  'engineer',
  'developer',
  'programmer',
  'architect',
  'manager',
  'director',
  'lead',
  'leader',
  'head',
  'chief',
  'officer',
  'cto',
  'ceo',
  'cfo',
  'coo',
  'cio',
  'vp',
  'president',
  'founder',
  'cofounder',
  'scientist',
  'analyst',
  'consultant',
  'designer',
  'intern',
  'internship',
  'assistant',
  'associate',
  'specialist',
  'administrator',
  'technician',
  'coordinator',
  'researcher',
  'fellow',
  'professor',
  'lecturer',
  'teacher',
  'tutor',
  'instructor',
  'sre',
  'owner',
  'contractor',
  'freelancer',
  'freelance',
  'partner',
  'editor',
  'writer',
  'strategist',
  'recruiter',
  'representative',
  'executive',
  'supervisor',
  'advisor',
  'adviser',
  'apprentice',
  'trainee',
  'principal',
  'contributor',
  'maintainer',
  'ambassador',
  'delegate',
  'treasurer',
  'secretary',
  'volunteer',
  'member',
  'chair',
  'chairman',
  'chairperson',
  'captain',
  'organizer',
  'organiser',
  'mentor',
  'coach',
  'student',
  'co-op',
  'coop',
  'devops',
  'sde',
  'swe',
  'staff',
]);
// Roles people hold while studying or for free: they are not professional experience.
const STUDENT_TITLE_WORDS = new Set([
  'intern',
  'internship',
  'co-op',
  'coop',
  'student',
  'assistantship',
  'undergraduate',
  'volunteer',
  'volunteering',
  'ambassador',
  'delegate',
  'apprentice',
  'trainee',
]);
const ACADEMIC_ASSISTANT_WORDS = new Set(['teaching', 'research', 'graduate', 'lab', 'laboratory']);
// An organisation that is a school or a student body.
const ACADEMIC_ORGANISATION_WORDS = new Set([
  'university',
  'universidad',
  'universität',
  'college',
  'school',
  'institute',
  'academy',
  'lab',
  'laboratory',
  'club',
  'society',
  'association',
  'team',
  'chapter',
  'council',
  'committee',
  'fraternity',
  'sorority',
]);
const LEAD_TITLE_WORDS = new Set([
  'lead',
  'leader',
  'principal',
  'staff',
  'head',
  'director',
  'vp',
  'president',
  'chief',
  'cto',
  'ceo',
  'cio',
  'coo',
  'cfo',
  'founder',
  'cofounder',
  'partner',
  'manager',
]);
const SENIOR_TITLE_WORDS = new Set(['senior', 'sr']);
const JUNIOR_TITLE_WORDS = new Set(['junior', 'jr', 'graduate', 'entry']);
// A job during studies counts as a student job when it is this short (summers, a semester).
const MAX_STUDENT_JOB_MONTHS = 12;
const LEVELS: ExperienceLevel[] = ['entry', 'junior', 'mid', 'senior', 'lead'];

// Lower-case words of letters only: "Co-Founder & CTO" → co, founder, cto.
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  let word = '';
  for (const char of text.toLowerCase()) {
    if (char.toLowerCase() !== char.toUpperCase()) {
      word += char;
    } else if (word !== '') {
      words.push(word);
      word = '';
    }
  }
  if (word !== '') {
    words.push(word);
  }
  return words;
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
}

function hasWord(words: string[], set: Set<string>): boolean {
  return words.some((word) => set.has(word) || set.has(singular(word)));
}

export function isTitle(part: string): boolean {
  const words = wordsOf(part);
  return hasWord(words, TITLE_WORDS) || part.toLowerCase().includes('co-op');
}

export interface RoleContext {
  title?: string;
  // Every header part of the entry (company, team, school…).
  organisation: string[];
  span: MonthSpan;
  // Listed under a Research or Teaching heading.
  research: boolean;
  // When the person studied, merged.
  education: MonthSpan[];
}

function isStudentTitle(title: string | undefined): boolean {
  if (!title) {
    return false;
  }
  const words = wordsOf(title);
  if (hasWord(words, STUDENT_TITLE_WORDS) || title.toLowerCase().includes('co-op')) {
    return true;
  }
  const assistant = words.some((word) => word === 'assistant' || word === 'asst');
  return assistant && hasWord(words, ACADEMIC_ASSISTANT_WORDS);
}

function months(span: MonthSpan, now: number): number {
  return (span.end ?? now) - span.start + 1;
}

// Professional experience, unless the role is an internship, an assistantship, student research,
// volunteering or a club role, or a short job held while studying (see README.md).
export function classifyRole(role: RoleContext): boolean {
  if (isStudentTitle(role.title)) {
    return false;
  }
  const studiedUntil = role.education.reduce<number | null>(
    (last, period) => Math.max(last ?? period.end!, period.end!),
    null,
  );
  const beforeGraduating = studiedUntil !== null && role.span.start < studiedUntil;
  if (beforeGraduating && role.research) {
    return false;
  }
  const organisation = role.organisation.filter((part) => part !== role.title);
  if (
    beforeGraduating &&
    organisation.some((part) => hasWord(wordsOf(part), ACADEMIC_ORGANISATION_WORDS))
  ) {
    return false;
  }
  const during = role.education.some(
    (period) =>
      period.start <= role.span.start && role.span.end !== null && role.span.end <= period.end!,
  );
  return !(during && months(role.span, role.span.start) <= MAX_STUDENT_JOB_MONTHS);
}

function levelAtLeast(level: ExperienceLevel, floor: ExperienceLevel): ExperienceLevel {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(floor) ? level : floor;
}

function levelAtMost(level: ExperienceLevel, ceiling: ExperienceLevel): ExperienceLevel {
  return LEVELS.indexOf(level) <= LEVELS.indexOf(ceiling) ? level : ceiling;
}

// Years give the level up to senior (under 1 entry, under 3 junior, under 6 mid); only a title
// that leads people or a practice (lead, principal, staff, head, manager, director, founder,
// C-level) makes someone with 6 years or more "lead". "Senior Engineer" is senior at most, an
// intern is entry level, a junior title is junior below 3 years and mid above.
export function experienceLevel(years: number, title?: string): ExperienceLevel {
  const byYears: ExperienceLevel =
    years < 1 ? 'entry' : years < 3 ? 'junior' : years < 6 ? 'mid' : 'senior';
  const words = wordsOf(title ?? '');
  if (isStudentTitle(title)) {
    return 'entry';
  }
  if (hasWord(words, LEAD_TITLE_WORDS)) {
    return years >= 6 ? 'lead' : byYears;
  }
  if (hasWord(words, SENIOR_TITLE_WORDS)) {
    return levelAtMost(levelAtLeast(byYears, 'mid'), 'senior');
  }
  if (hasWord(words, JUNIOR_TITLE_WORDS)) {
    return levelAtMost(byYears, years < 3 ? 'junior' : 'mid');
  }
  return byYears;
}
