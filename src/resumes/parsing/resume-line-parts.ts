import { COUNTRIES, REGIONS } from './resume-places';

// Small helpers for the one-line records of a résumé: "• Google\tMountain View, CA",
// "Data Engineer, Globex Corporation\tMar 2019 – Jun 2021". All of them walk the text with loops:
// none runs a regular expression whose cost could grow faster than the text.
const BULLETS = ' \t•·▪◦●○■□►➢▸‣*–—-';
const EDGE_PUNCTUATION = ' \t\n,;:|·•–—-';
// Always a separator between the parts of a line.
const HARD_SEPARATORS = new Set(['\t', '|', '•', '·']);
// A separator only with blanks on both sides ("Google – Mountain View", "Engineer @ Initech").
const SPACED_SEPARATORS = new Set(['-', '–', '—', '@']);
const WORK_MODES = new Set(['remote', 'hybrid', 'on-site', 'onsite']);
// What is left of "Summer 2012 and 2013" once the dates are cut out.
const LEFTOVERS = new Set(['and', 'or', 'to', '&']);
const MAX_CITY_WORDS = 4;

export function trimCharacters(text: string, characters: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && characters.includes(text[start])) {
    start += 1;
  }
  while (end > start && characters.includes(text[end - 1])) {
    end -= 1;
  }
  return text.slice(start, end);
}

export function stripBullet(line: string): string {
  let start = 0;
  while (start < line.length && BULLETS.includes(line[start])) {
    start += 1;
  }
  return line.slice(start).trim();
}

function isLetter(char: string): boolean {
  return char.toLowerCase() !== char.toUpperCase();
}

function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

// Icon fonts (Font Awesome and friends) land in the text layer as private-use characters or as
// stray symbols: never part of a word.
export function isIconCharacter(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (
    (code >= 0xe000 && code <= 0xf8ff) ||
    code >= 0xf0000 ||
    (code >= 0x2600 && code <= 0x27bf) ||
    (code >= 0x1f300 && code <= 0x1faff)
  );
}

// "* Sunnyvale, CA", "z July 2012", "# Address": a lone glyph before the text is an icon that
// the PDF font mapped to an ordinary character. Capital A–Z stay ("A Coruña", "X Corp").
export function stripIcon(part: string): string {
  let text = part.trim();
  while (text !== '' && isIconCharacter(String.fromCodePoint(text.codePointAt(0)!))) {
    text = text.slice(String.fromCodePoint(text.codePointAt(0)!).length).trim();
  }
  const first = text[0];
  const lone = text.length > 2 && text[1] === ' ' && !(first >= 'A' && first <= 'Z');
  return lone && !(first >= '0' && first <= '9') ? text.slice(2).trim() : text;
}

// Splits on layout separators: tabs, "|", "•", "·", icons, a spaced dash or "@", and wide gaps.
export function splitLayoutParts(text: string, minGap = 3): string[] {
  const parts: string[] = [];
  let current = '';
  let blanks = 0;
  const flush = (): void => {
    parts.push(current);
    current = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    blanks = char === ' ' ? blanks + 1 : 0;
    const spaced =
      SPACED_SEPARATORS.has(char) && isBlank(text[index - 1]) && isBlank(text[index + 1]);
    if (HARD_SEPARATORS.has(char) || spaced || isIconCharacter(char)) {
      flush();
    } else if (blanks === minGap) {
      flush();
    } else {
      current += char;
    }
  }
  flush();
  return parts.map((part) => stripIcon(trimCharacters(part, EDGE_PUNCTUATION))).filter(Boolean);
}

function isPlaceName(text: string): boolean {
  const key = text.trim().toLowerCase();
  return COUNTRIES.has(key) || REGIONS.has(key);
}

function isRegionCode(text: string): boolean {
  return text.length === 2 && text >= 'AA' && text <= 'ZZ' && text === text.toUpperCase();
}

// One to four capitalised words of letters, dots, apostrophes and hyphens: "Mountain View".
function isCityName(text: string): boolean {
  const words = text.trim().split(' ');
  if (words.length > MAX_CITY_WORDS || words[0] === '') {
    return false;
  }
  return words.every((word) => {
    const first = word[0];
    if (!first || !isLetter(first) || first !== first.toUpperCase()) {
      return false;
    }
    for (const char of word) {
      if (!isLetter(char) && !".'’-".includes(char)) {
        return false;
      }
    }
    return true;
  });
}

function isRegion(text: string): boolean {
  return isRegionCode(text.trim()) || isPlaceName(text);
}

export function isLocation(part: string): boolean {
  const trimmed = stripIcon(part);
  if (WORK_MODES.has(trimmed.toLowerCase()) || isPlaceName(trimmed)) {
    return true;
  }
  // "Palo Alto, CA & Ithaca, NY": two places.
  const joined = trimmed.split(' & ');
  if (joined.length > 1 && joined.every((piece) => isLocation(piece))) {
    return true;
  }
  // "Mountain View, CA", "Pilani, India", "Savage, Minnesota, USA". "Northwind Logistics,
  // Seattle" is not decidable, so it is left for the comma split to separate.
  const [city, region, ...rest] = trimmed.split(',').map((piece) => piece.trim());
  return (
    rest.length <= 1 &&
    region !== undefined &&
    isCityName(city) &&
    isRegion(region) &&
    (rest.length === 0 || isPlaceName(rest[0]))
  );
}

export function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  let hasLetter = false;
  for (const char of text) {
    if (char === ' ' || char === '\t' || char === '\n') {
      words += inWord && hasLetter ? 1 : 0;
      inWord = false;
      hasLetter = false;
    } else {
      inWord = true;
      hasLetter = hasLetter || isLetter(char);
    }
  }
  return words + (inWord && hasLetter ? 1 : 0);
}

// Commas outside parentheses, and " at ": "Data Engineer, Globex", "Engineer at Initech".
function splitCommas(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    depth += char === '(' ? 1 : char === ')' && depth > 0 ? -1 : 0;
    if (char === ',' && depth === 0) {
      pieces.push(text.slice(start, index));
      start = index + 1;
    } else if (depth === 0 && text.startsWith(' at ', index)) {
      pieces.push(text.slice(start, index));
      start = index + 4;
      index += 3;
    }
  }
  pieces.push(text.slice(start));
  return pieces.map((piece) => trimCharacters(piece, EDGE_PUNCTUATION));
}

// Drops the places from a comma list: "Los Angeles", "CA"; "San Salvador", "El Salvador".
function withoutPlaces(pieces: string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < pieces.length; index += 1) {
    const piece = pieces[index];
    const next = pieces[index + 1];
    if (next !== undefined && isCityName(piece) && isRegion(next)) {
      index += 1;
      continue;
    }
    if (!isPlaceName(piece) && !WORK_MODES.has(piece.toLowerCase())) {
      kept.push(piece);
    }
  }
  return kept;
}

function hasTwoLetters(text: string): boolean {
  let run = 0;
  for (const char of text) {
    run = isLetter(char) ? run + 1 : 0;
    if (run >= 2) {
      return true;
    }
  }
  return false;
}

// Splits on layout separators first so "Mountain View, CA" survives as a location, then on
// commas and " at " ("Data Engineer, Globex", "Engineer at Initech"); places are left out.
export function lineParts(text: string): string[] {
  return splitLayoutParts(text)
    .filter((part) => !isLocation(part))
    .flatMap((part) => withoutPlaces(splitCommas(part)))
    .map(stripIcon)
    .filter(
      (part) =>
        hasTwoLetters(part) &&
        !LEFTOVERS.has(part.split(' ')[0].toLowerCase()) &&
        !isLocation(part),
    );
}

export function removeSpan(text: string, index: number, length: number): string {
  return `${text.slice(0, index)}\t${text.slice(index + length)}`;
}
