import { HEADINGS, type ResumeSectionKind } from './resume-headings';
import { trimCharacters } from './resume-line-parts';

export type { ResumeSectionKind } from './resume-headings';

export interface ResumeSection {
  kind: ResumeSectionKind;
  heading: string | null;
  lines: string[];
}

export interface HeadingMatch {
  kind: ResumeSectionKind;
  heading: string;
  // Text after "Skills:" on the same line, which belongs to the section.
  rest: string;
}

const HEADING_LOOKUP = new Map<string, ResumeSectionKind>(
  Object.entries(HEADINGS).flatMap(([kind, names]) =>
    names.map((name) => [name, kind as ResumeSectionKind]),
  ),
);

const ENTRY_SECTIONS = new Set<ResumeSectionKind>([
  'experience',
  'research',
  'education',
  'projects',
]);
const DECORATION = ' \t#*=•·▪◦●■►➢|_~:<>-';
const MAX_HEADING_LENGTH = 60;
// Words that qualify a title without changing what the section holds.
const MODIFIERS = new Set([
  'selected',
  'relevant',
  'additional',
  'other',
  'recent',
  'notable',
  'key',
  'my',
]);
const MAX_LABEL_WORDS = 4;
const MAX_LABEL_LINES = 3;

function isLetter(char: string): boolean {
  return char.toLowerCase() !== char.toUpperCase();
}

// "E X P E R I E N C E": letter-spaced titles from designed templates.
function unspaced(text: string): string {
  if (text.length < 7 || text.length % 2 === 0) {
    return text;
  }
  for (let index = 0; index < text.length; index += 1) {
    if ((index % 2 === 0) !== isLetter(text[index]) || (index % 2 === 1 && text[index] !== ' ')) {
      return text;
    }
  }
  return text.replaceAll(' ', '');
}

// Lower case, "&" spelled out, anything but letters turned into single spaces: one loop.
export function headingWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  for (const char of unspaced(trimCharacters(text, DECORATION)).toLowerCase()) {
    if (isLetter(char)) {
      word += char;
      continue;
    }
    if (word !== '') {
      words.push(word);
      word = '';
    }
    if (char === '&') {
      words.push('and');
    }
  }
  if (word !== '') {
    words.push(word);
  }
  return words;
}

function lookup(words: string[]): ResumeSectionKind | undefined {
  let from = 0;
  while (from < words.length - 1 && MODIFIERS.has(words[from])) {
    from += 1;
  }
  return HEADING_LOOKUP.get(words.join(' ')) ?? HEADING_LOOKUP.get(words.slice(from).join(' '));
}

// "Honors and Experience" is about honours: a title joining two known subjects files under the
// first ("Research and Development Engineer" is no title: "development engineer" names none).
// With `firstWords`, an all-caps gutter label may also file under the first known words of its
// first subject ("SKILLS QUALITIES & INTERESTS" → skills).
function resolveKind(words: string[], firstWords: boolean): ResumeSectionKind | undefined {
  const whole = lookup(words);
  const and = words.indexOf('and');
  if (whole || and <= 0 || !lookup(words.slice(and + 1))) {
    return whole;
  }
  const head = words.slice(0, and);
  const joined = lookup(head);
  if (joined || !firstWords) {
    return joined;
  }
  for (let length = head.length - 1; length >= 1; length -= 1) {
    const kind = lookup(head.slice(0, length));
    if (kind) {
      return kind;
    }
  }
  return undefined;
}

export function matchHeading(line: string): HeadingMatch | null {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > MAX_HEADING_LENGTH) {
    return null;
  }
  const kind = resolveKind(headingWords(trimmed), false);
  return kind ? { kind, heading: trimCharacters(trimmed, DECORATION), rest: '' } : null;
}

// "Skills: Python, Go" or "Languages — TypeScript, Rust": a heading with its content inline.
function matchInlineHeading(line: string): HeadingMatch | null {
  const limit = Math.min(line.length, 46);
  for (let index = 0; index < limit; index += 1) {
    const char = line[index];
    const dash =
      (char === '–' || char === '—') && line[index - 1] === ' ' && line[index + 1] === ' ';
    if (char !== ':' && char !== '：' && !dash) {
      if (!isLetter(char) && char !== ' ' && char !== '&' && char !== '/' && char !== '\t') {
        return null;
      }
      continue;
    }
    const label = line.slice(0, index).trim();
    const rest = line.slice(index + 1).trim();
    const kind =
      label.length >= 3 && rest !== '' ? resolveKind(headingWords(label), false) : undefined;
    return kind ? { kind, heading: label, rest } : null;
  }
  return null;
}

interface CapsLabel {
  words: string[];
  // Offset where the text after each word ends, per word count.
  ends: number[];
}

function isCapsWord(word: string): boolean {
  if (word === '&') {
    return true;
  }
  let letters = 0;
  for (const char of word) {
    if (!isLetter(char) || char !== char.toUpperCase()) {
      return false;
    }
    letters += 1;
  }
  return letters >= 2;
}

// The run of ALL-CAPS words a line starts with: a section label in a narrow left gutter, as
// Word table layouts and some PDFs print them ("WORK Beckhoff …" / "EXPERIENCE Associate …").
function capsLabel(line: string): CapsLabel | null {
  const words: string[] = [];
  const ends: number[] = [];
  let index = 0;
  while (index < line.length && words.length < MAX_LABEL_WORDS) {
    while (line[index] === ' ' || line[index] === '\t') {
      index += 1;
    }
    let end = index;
    while (end < line.length && line[end] !== ' ' && line[end] !== '\t') {
      end += 1;
    }
    const word = line.slice(index, end);
    if (word === '' || !isCapsWord(word)) {
      break;
    }
    words.push(word);
    ends.push(end);
    index = end;
  }
  return words.length > 0 ? { words, ends } : null;
}

interface GutterLabel {
  kind: ResumeSectionKind;
  heading: string;
  // Per line of the label, what is left once its label words are taken away.
  rests: string[];
}

function labelWords(words: string[]): string[] {
  return words.map((word) => (word === '&' ? 'and' : word.toLowerCase()));
}

// A label spread over up to three lines, each line's label words first; the longest reading that
// names a section wins. Only joined titles ("and") may file under their first words.
function gutterLabel(lines: string[], at: number): GutterLabel | null {
  const labels: CapsLabel[] = [];
  for (let offset = 0; offset < MAX_LABEL_LINES && at + offset < lines.length; offset += 1) {
    const label = capsLabel(lines[at + offset]);
    if (!label) {
      break;
    }
    labels.push(label);
  }
  for (let count = labels.length; count >= 1; count -= 1) {
    for (let firstWords = labels[0].words.length; firstWords >= 1; firstWords -= 1) {
      const used = labels
        .slice(0, count)
        .map((label, index) => (index === 0 ? label.words.slice(0, firstWords) : label.words));
      const words = labelWords(used.flat());
      const joined = words.includes('and');
      const kind = resolveKind(words, joined);
      // A one-line label must leave text after it ("EDUCATION Texas A&M …"); a whole-line title
      // is matchHeading's business.
      const rests = used.map((part, index) =>
        lines[at + index].slice(labels[index].ends[part.length - 1]).trim(),
      );
      if (kind && (count > 1 || rests[0] !== '')) {
        return { kind, heading: used.flat().join(' '), rests };
      }
    }
  }
  return null;
}

export function splitSections(text: string): ResumeSection[] {
  const lines = text.split('\n');
  const sections: ResumeSection[] = [{ kind: 'header', heading: null, lines: [] }];
  const open = (kind: ResumeSectionKind, heading: string): ResumeSection => {
    const section: ResumeSection = { kind, heading, lines: [] };
    sections.push(section);
    return section;
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    const heading = matchHeading(line);
    if (heading) {
      open(heading.kind, heading.heading);
      // "HONORS" / "AND EXPERIENCE  Dean's award …": the title goes on in the next line's gutter.
      const next = index + 1 < lines.length ? capsLabel(lines[index + 1]) : null;
      if (next && (next.words[0] === '&' || next.words[0] === 'AND')) {
        lines[index + 1] = lines[index + 1].slice(next.ends[next.words.length - 1]).trim();
      }
      continue;
    }
    const gutter = gutterLabel(lines, index);
    if (gutter) {
      const section = open(gutter.kind, gutter.heading);
      section.lines.push(gutter.rests[0]);
      gutter.rests.slice(1).forEach((rest, offset) => {
        lines[index + 1 + offset] = rest;
      });
      continue;
    }
    const current = sections[sections.length - 1];
    const inline = matchInlineHeading(line);
    // Only a skills label opens a section inline, and not inside a job, degree or project, where
    // "Tech stack: …" describes that entry, nor inside a skills section ("Languages: …").
    if (
      inline &&
      inline.kind === 'skills' &&
      current.kind !== 'skills' &&
      !ENTRY_SECTIONS.has(current.kind)
    ) {
      open('skills', inline.heading).lines.push(inline.rest);
      continue;
    }
    current.lines.push(line);
  }
  return sections.filter(
    (section) => section.kind !== 'header' || section.lines.some((line) => line.trim() !== ''),
  );
}
