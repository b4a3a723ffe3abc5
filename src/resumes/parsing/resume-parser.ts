import type { SkillCategory } from '../../skills/skill-definition';
import { countSkillMentions, getSkillDefinition } from '../../skills/skill-normalizer';
import { extractContact, type ResumeContact, stripContactDetails } from './resume-contact';
import { coveredMonths } from './resume-dates';
import { type EducationEntry, parseEducation } from './resume-education';
import { experienceLevel, type ExperienceLevel } from './resume-roles';
import { type ResumeSection, type ResumeSectionKind, splitSections } from './resume-sections';
import { normalizeResumeText } from './resume-text';
import { parseWorkHistory, type WorkHistoryEntry, type WorkRole } from './resume-work-history';

export { stripContactDetails } from './resume-contact';
export type { ResumeContact } from './resume-contact';
export type { EducationEntry } from './resume-education';
export { experienceLevel, type ExperienceLevel } from './resume-roles';
export type { WorkHistoryEntry } from './resume-work-history';

export interface ParsedResume {
  skills: string[];
  experience_years: number;
  experience_level: ExperienceLevel;
  education: EducationEntry[];
  contact: ResumeContact;
  work_history: WorkHistoryEntry[];
  // The most recent professional role (the latest-started one still held, else the last one).
  current_position?: string;
  current_company?: string;
}

function linesOf(sections: ResumeSection[], kinds: ResumeSectionKind[]): string[] {
  return sections
    .filter((section) => kinds.includes(section.kind))
    .flatMap((section) => [...section.lines, '']);
}

// General practices and soft skills read from prose ("algorithms", "communication") say less
// about a person than the tools and technologies the prose names.
const GENERAL_CATEGORIES = new Set<SkillCategory>(['practice', 'soft-skill', 'methodology']);

function isGeneral(name: string): boolean {
  const category = getSkillDefinition(name)?.category;
  return category !== undefined && GENERAL_CATEGORIES.has(category);
}

// Skills named in a Skills section come first, in the order the candidate listed them; then
// technologies the rest of the résumé mentions, by how often; then general practices.
function rankSkills(sections: ResumeSection[], text: string): string[] {
  const listed = countSkillMentions(linesOf(sections, ['skills']).join('\n'), {
    listContext: true,
  });
  const mentioned = countSkillMentions(text);
  const firstSeen = new Map([...mentioned.keys()].map((name, order) => [name, order]));
  const general = new Map([...mentioned.keys()].map((name) => [name, isGeneral(name) ? 1 : 0]));
  const others = [...mentioned.entries()]
    .filter(([name]) => !listed.has(name))
    .sort(
      (a, b) =>
        general.get(a[0])! - general.get(b[0])! ||
        b[1] - a[1] ||
        firstSeen.get(a[0])! - firstSeen.get(b[0])!,
    )
    .map(([name]) => name);
  return [...listed.keys(), ...others];
}

function currentRole(roles: WorkRole[]): WorkRole | undefined {
  const professional = roles.filter((role) => role.professional);
  const pool = professional.length > 0 ? professional : roles;
  const ongoing = pool.filter((role) => role.span.end === null);
  const candidates = ongoing.length > 0 ? ongoing : pool;
  // Latest end first, then latest start; on a tie the one listed first.
  return candidates.reduce<WorkRole | undefined>((best, role) => {
    if (!best) {
      return role;
    }
    const bestEnd = best.span.end ?? Infinity;
    const roleEnd = role.span.end ?? Infinity;
    return roleEnd > bestEnd || (roleEnd === bestEnd && role.span.start > best.span.start)
      ? role
      : best;
  }, undefined);
}

export function parseResumeText(text: string, now = new Date()): ParsedResume {
  const normalized = normalizeResumeText(text);
  const sections = splitSections(normalized);
  const education = parseEducation(linesOf(sections, ['education']), now);
  const hasExperienceSection = sections.some(
    (section) => section.kind === 'experience' || section.kind === 'research',
  );
  // Without an Experience heading, dated lines anywhere outside education and projects count,
  // minus the ones that read like a degree.
  const workKinds: ResumeSectionKind[] = hasExperienceSection
    ? ['experience', 'research']
    : ['header', 'summary', 'other'];
  const workLines = sections
    .filter((section) => workKinds.includes(section.kind))
    .flatMap((section) =>
      [...section.lines, ''].map((line) => ({ text: line, research: section.kind === 'research' })),
    );
  const roles = parseWorkHistory(workLines, now, {
    skipEducationLike: !hasExperienceSection,
    education: education.periods,
  });
  const professional = roles.filter((role) => role.professional).map((role) => role.span);
  const years = Math.round((coveredMonths(professional, now) / 12) * 10) / 10;
  const current = currentRole(roles);
  const stripped = stripContactDetails(normalized);

  return {
    // Contact details go first so "github.com/…" or "@docker.com" are not read as skills.
    skills: rankSkills(splitSections(stripped), stripped),
    experience_years: years,
    experience_level: experienceLevel(years, current?.entry.title),
    education: education.entries,
    contact: extractContact(normalized),
    work_history: roles.map((role) => role.entry),
    ...(current?.entry.title ? { current_position: current.entry.title } : {}),
    ...(current?.entry.company ? { current_company: current.entry.company } : {}),
  };
}
