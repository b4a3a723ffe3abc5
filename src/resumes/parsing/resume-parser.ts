import { countSkillMentions } from '../../skills/skill-normalizer';
import { extractContact, type ResumeContact, stripContactDetails } from './resume-contact';
import { coveredMonths } from './resume-dates';
import { type EducationEntry, parseEducation } from './resume-education';
import { type ResumeSection, splitSections } from './resume-sections';
import { parseWorkHistory, type WorkHistoryEntry } from './resume-work-history';

export { stripContactDetails } from './resume-contact';
export type { ResumeContact } from './resume-contact';
export type { EducationEntry } from './resume-education';
export type { WorkHistoryEntry } from './resume-work-history';

export type ExperienceLevel = 'entry' | 'junior' | 'mid' | 'senior' | 'lead';

export interface ParsedResume {
  skills: string[];
  experience_years: number;
  experience_level: ExperienceLevel;
  education: EducationEntry[];
  contact: ResumeContact;
  work_history: WorkHistoryEntry[];
}

// Levels by total years of work: under 1 entry, under 3 junior, under 6 mid, under 10 senior,
// 10 and more lead. The bands follow the usual IC ladder (new grad, L3/L4, L5, staff-ish).
const LEVEL_THRESHOLDS: [number, ExperienceLevel][] = [
  [1, 'entry'],
  [3, 'junior'],
  [6, 'mid'],
  [10, 'senior'],
];

export function experienceLevel(years: number): ExperienceLevel {
  return LEVEL_THRESHOLDS.find(([below]) => years < below)?.[1] ?? 'lead';
}

function linesOf(sections: ResumeSection[], kinds: ResumeSection['kind'][]): string[] {
  return sections
    .filter((section) => kinds.includes(section.kind))
    .flatMap((section) => [...section.lines, '']);
}

// Skills named in a Skills section come first, in the order the candidate listed them; the rest
// follow by how often the résumé mentions them.
function rankSkills(sections: ResumeSection[], text: string): string[] {
  const listed = countSkillMentions(linesOf(sections, ['skills']).join('\n'), {
    listContext: true,
  });
  const mentioned = countSkillMentions(text);
  const firstSeen = new Map([...mentioned.keys()].map((name, order) => [name, order]));
  const others = [...mentioned.entries()]
    .filter(([name]) => !listed.has(name))
    .sort((a, b) => b[1] - a[1] || firstSeen.get(a[0])! - firstSeen.get(b[0])!)
    .map(([name]) => name);
  return [...listed.keys(), ...others];
}

export function parseResumeText(text: string, now = new Date()): ParsedResume {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  const sections = splitSections(normalized);
  const hasExperienceSection = sections.some((section) => section.kind === 'experience');
  // Without an Experience heading, dated lines anywhere outside education and projects count,
  // minus the ones that read like a degree.
  const workLines = hasExperienceSection
    ? linesOf(sections, ['experience'])
    : linesOf(sections, ['header', 'summary', 'other']);
  const work = parseWorkHistory(workLines, now, { skipEducationLike: !hasExperienceSection });
  const years = Math.round((coveredMonths(work.ranges, now) / 12) * 10) / 10;

  return {
    // Contact details go first so "github.com/…" or "@docker.com" are not read as skills.
    skills: rankSkills(
      splitSections(stripContactDetails(normalized)),
      stripContactDetails(normalized),
    ),
    experience_years: years,
    experience_level: experienceLevel(years),
    education: parseEducation(linesOf(sections, ['education']), now),
    contact: extractContact(normalized),
    work_history: work.entries,
  };
}
