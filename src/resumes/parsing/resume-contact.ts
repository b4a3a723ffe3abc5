import { normalizeSkill } from '../../skills/skill-normalizer';
import { isLocation, splitLayoutParts, stripIcon, trimCharacters } from './resume-line-parts';
import { isTitle } from './resume-roles';
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
// "0411021021": a number written as one group, trusted only in the header.
const PHONE_ONE_GROUP = /(?<![\w+.-])\+?\d{9,15}(?![\w.-])/g;
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

function findPhones(text: string, oneGroup = false): string[] {
  const grouped = [...text.matchAll(PHONE)].map((match) => match[0].trim()).filter(isPhone);
  if (grouped.length > 0 || !oneGroup) {
    return grouped;
  }
  return [...text.matchAll(PHONE_ONE_GROUP)].map((match) => match[0]).filter(isPhone);
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

// "Name: Jane Doe" → "Jane Doe"; the label is read with string tests, not a pattern.
function withoutNameLabel(line: string): string {
  const trimmed = line.trim();
  if (!trimmed.toLowerCase().startsWith('name')) {
    return line;
  }
  const rest = trimmed.slice(4).trimStart();
  return rest.startsWith(':') || rest.startsWith('：') ? rest.slice(1).trim() : line;
}

function nameFrom(line: string): string | null {
  const first = withoutNameLabel(line)
    .split(/\t|\s[|·•]\s|\s{3,}|,/)[0]
    .trim();
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

function labelledLocation(line: string): string | undefined {
  const lower = line.toLowerCase();
  const at = lower.indexOf('location');
  if (at < 0) {
    return undefined;
  }
  const rest = line.slice(at + 'location'.length).trimStart();
  if (!rest.startsWith(':') && !rest.startsWith('：')) {
    return undefined;
  }
  return splitLayoutParts(rest.slice(1))[0];
}

function contactParts(line: string): string[] {
  const cleaned = line
    .replace(EMAIL, '\t')
    .replace(URL_WITH_SCHEME, '\t')
    .replace(CONTACT_LABEL, '\t');
  return splitLayoutParts(cleaned, 2);
}

// One to three capitalised words and nothing else: "Melbourne", "New York".
function isPlaceWord(part: string, name: string | null): boolean {
  const words = part.split(' ');
  return (
    words.length <= 3 &&
    part !== name &&
    words.every((word) => /^\p{Lu}\p{Ll}+$/u.test(word)) &&
    !isTitle(part) &&
    normalizeSkill(part) === null &&
    matchHeading(part) === null
  );
}

// "email | phone | Seattle, WA" or icons between them: the place is one of the parts. A bare
// city name ("Melbourne · me@example.com") counts only on a line that also gives a way to reach
// the person.
function findLocation(lines: string[], name: string | null): string | undefined {
  for (const line of lines) {
    const labelled = labelledLocation(line);
    if (labelled) {
      return labelled;
    }
    const place = contactParts(line).find((part) => part.includes(',') && isLocation(part));
    if (place) {
      return stripIcon(place);
    }
  }
  for (const line of lines) {
    const reachable = line.search(EMAIL) >= 0 || findPhones(line, true).length > 0;
    const place = reachable
      ? contactParts(line).find((part) => isPlaceWord(part, name))
      : undefined;
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
  const phone = findPhones(headerText, true)[0] ?? findPhones(text)[0];
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
  const location = findLocation(header, name);
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
  stripped = stripped
    .replace(PHONE, (match) => (isPhone(match) ? ' ' : match))
    .replace(PHONE_ONE_GROUP, (match) => (isPhone(match) ? ' ' : match));
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
