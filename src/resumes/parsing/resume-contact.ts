import { normalizeSkill } from '../../skills/skill-normalizer';
import { isLocation, trimCharacters } from './resume-line-parts';
import { matchHeading } from './resume-sections';

export interface ResumeContact {
  name?: string;
  email?: string;
  phone?: string;
  location?: string;
  links: string[];
}

// The lookbehinds make each pattern start only at the beginning of a run of its characters, so
// a long run without a match costs one scan instead of one scan per position.
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const URL_WITH_SCHEME = /\bhttps?:\/\/[^\s<>"'()[\]{}|]+/gi;
const WWW_URL = /\bwww\.[^\s<>"'()[\]{}|]+/gi;
const BARE_DOMAIN =
  /(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|io|dev|org|net|me|ai|co|app|xyz|tech|info|page|site|blog|eu|uk|de|in|ca)(?:\/[^\s<>"'()[\]{}|]*)?(?![\w@])/gi;
const PHONE =
  /(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w])/g;
const CONTACT_LABEL =
  /\b(?:e-?mail|mobile|phone|tel|telephone|cell|linkedin|github|website|web|portfolio|blog|homepage)\s*[:：]\s*/gi;
const LINK_TRAILER = '.,;:!?';
const LINE_EDGE = ' \t|·•,;/-';
const HEADER_LINES = 8;
const NAME_WORD =
  /^(?:\p{Lu}[\p{L}'’.-]*|de|da|del|della|di|van|von|der|den|la|le|bin|al|el|du|dos)$/u;

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  const groups = candidate.match(/\d+/g) ?? [];
  // "2012-2013 2014" is a run of years, not a number to call.
  const onlyYears = groups.every((group) => /^(?:19|20)\d{2}$/.test(group));
  return digits.length >= 9 && digits.length <= 15 && !onlyYears;
}

function findPhones(text: string): string[] {
  return [...text.matchAll(PHONE)].map((match) => match[0].trim()).filter(isPhone);
}

export function findLinks(text: string): string[] {
  const withoutEmails = text.replace(EMAIL, ' ');
  const found: string[] = [];
  for (const pattern of [URL_WITH_SCHEME, WWW_URL]) {
    for (const match of withoutEmails.matchAll(pattern)) {
      found.push(trimCharacters(match[0], LINK_TRAILER));
    }
  }
  const withoutUrls = withoutEmails.replace(URL_WITH_SCHEME, ' ').replace(WWW_URL, ' ');
  for (const match of withoutUrls.matchAll(BARE_DOMAIN)) {
    const link = trimCharacters(match[0], LINK_TRAILER);
    // "ASP.NET" and "Socket.IO" look like domains but are skills.
    if (normalizeSkill(link) === null) {
      found.push(link);
    }
  }
  return [...new Set(found)];
}

function titleCase(value: string): string {
  return value
    .toLowerCase()
    .replace(
      /(^|[\s'’-])(\p{L})/gu,
      (_, lead: string, letter: string) => lead + letter.toUpperCase(),
    );
}

function nameFrom(line: string): string | null {
  const labelled = /^\s*name\s*[:：]\s*(.+)$/i.exec(line);
  const first = (labelled ? labelled[1] : line).split(/\t|\s[|·•]\s|\s{3,}|,/)[0].trim();
  if (first.length < 3 || first.length > 50 || /[\d@/]/.test(first) || matchHeading(first)) {
    return null;
  }
  const words = first.split(/\s+/);
  if (words.length < 2 || words.length > 4 || !words.every((word) => NAME_WORD.test(word))) {
    return null;
  }
  if (words.every((word) => normalizeSkill(word) !== null)) {
    return null;
  }
  return first === first.toUpperCase() ? titleCase(first) : first;
}

function headerLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split(/\r\n?|\n/)) {
    if (matchHeading(line)) {
      break;
    }
    if (line.trim() !== '') {
      lines.push(line);
    }
    if (lines.length >= HEADER_LINES) {
      break;
    }
  }
  return lines;
}

export function findName(text: string): string | null {
  for (const line of headerLines(text).slice(0, 5)) {
    const name = nameFrom(line);
    if (name) {
      return name;
    }
  }
  return null;
}

function findLocation(lines: string[]): string | undefined {
  for (const line of lines) {
    const labelled = /\blocation\s*[:：]\s*([^|•·\t]+)/i.exec(line);
    if (labelled) {
      return labelled[1].trim();
    }
    const cleaned = line
      .replace(EMAIL, ' ')
      .replace(URL_WITH_SCHEME, ' ')
      .replace(CONTACT_LABEL, '');
    // "email | phone | Seattle, WA": the place is one of the separated parts.
    const place = cleaned
      .split(/[|·•\t]/)
      .map((part) => part.trim())
      .find((part) => part.includes(',') && isLocation(part));
    if (place) {
      return place;
    }
  }
  return undefined;
}

export function extractContact(text: string): ResumeContact {
  const header = headerLines(text);
  const headerText = header.join('\n');
  const email = headerText.match(EMAIL)?.[0] ?? text.match(EMAIL)?.[0];
  const phone = findPhones(headerText)[0] ?? findPhones(text)[0];
  const contact: ResumeContact = { links: findLinks(text) };
  const name = findName(text);
  if (name) {
    contact.name = name;
  }
  if (email) {
    contact.email = email;
  }
  if (phone) {
    contact.phone = phone;
  }
  const location = findLocation(header);
  if (location) {
    contact.location = location;
  }
  return contact;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function stripLine(line: string, name: string | null): string {
  let stripped = line.replace(EMAIL, ' ').replace(URL_WITH_SCHEME, ' ').replace(WWW_URL, ' ');
  for (const link of findLinks(stripped)) {
    stripped = stripped.split(link).join(' ');
  }
  stripped = stripped.replace(PHONE, (match) => (isPhone(match) ? ' ' : match));
  if (name) {
    stripped = stripped.replace(new RegExp(escapeRegExp(name), 'gi'), ' ');
  }
  if (stripped === line) {
    return line;
  }
  // Tidy only the lines that lost something: "a@b.com | +1 415 … | Seattle" → "Seattle".
  const tidied = stripped
    .replace(CONTACT_LABEL, ' ')
    .replace(/([|·•])(?:[ \t]*[|·•])+/g, '$1')
    .replace(/[ \t]{2,}/g, ' ');
  return trimCharacters(tidied, LINE_EDGE);
}

// Used before résumé text goes to an AI vendor: the model needs the career, not the person.
export function stripContactDetails(text: string): string {
  const name = findName(text);
  return text
    .split(/\r\n?|\n/)
    .map((line) => ({ line, stripped: stripLine(line, name) }))
    .filter(({ line, stripped }) => stripped !== '' || line.trim() === '')
    .map(({ stripped }) => stripped)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
