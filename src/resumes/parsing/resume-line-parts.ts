// Small helpers for the one-line records of a résumé: "• Google\tMountain View, CA",
// "Data Engineer, Globex Corporation\tMar 2019 – Jun 2021".
const BULLET = /^[\s•·▪◦●○■□►➢▸‣*–—-]+/u;
const PART_SEPARATOR = /\t+|\s+\|\s+|\s+[–—]\s+|\s+-\s+|\s+@\s+|\s+·\s+|\s+•\s+|[()]/u;
const EDGE_PUNCTUATION = ' \t\n,;:|·•–—-';
// What is left of "Summer 2012 and 2013" once the date is cut out.
const LEFTOVER = /^(?:and|or|to|&)\s/;
const WORK_MODE = /^(?:remote|hybrid|on-?site)$/i;
const CITY = /^\p{Lu}[\p{L}.'-]*(?:\s\p{Lu}[\p{L}.'-]*){0,3}$/u;
const REGION_CODE = /^[A-Z]{2}$/;
const COUNTRIES = new Set([
  'usa',
  'us',
  'united states',
  'canada',
  'mexico',
  'brazil',
  'argentina',
  'chile',
  'colombia',
  'peru',
  'uk',
  'united kingdom',
  'england',
  'scotland',
  'wales',
  'ireland',
  'france',
  'germany',
  'spain',
  'portugal',
  'italy',
  'netherlands',
  'belgium',
  'switzerland',
  'austria',
  'poland',
  'czechia',
  'czech republic',
  'sweden',
  'norway',
  'denmark',
  'finland',
  'estonia',
  'latvia',
  'lithuania',
  'ukraine',
  'romania',
  'bulgaria',
  'greece',
  'turkey',
  'israel',
  'egypt',
  'nigeria',
  'kenya',
  'south africa',
  'morocco',
  'india',
  'pakistan',
  'bangladesh',
  'sri lanka',
  'nepal',
  'china',
  'hong kong',
  'taiwan',
  'japan',
  'korea',
  'south korea',
  'singapore',
  'malaysia',
  'indonesia',
  'philippines',
  'vietnam',
  'thailand',
  'australia',
  'new zealand',
  'uae',
  'united arab emirates',
  'saudi arabia',
  'qatar',
]);

// A loop, not /[…]+$/: that pattern backtracks quadratically over long runs inside a line.
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
  return line.replace(BULLET, '').trim();
}

export function isLocation(part: string): boolean {
  const trimmed = part.trim();
  if (WORK_MODE.test(trimmed) || COUNTRIES.has(trimmed.toLowerCase())) {
    return true;
  }
  // "Mountain View, CA", "Pilani, India": a place. "Northwind Logistics, Seattle" is not
  // decidable, so it is left for the comma split to separate.
  const [city, region, ...rest] = trimmed.split(/,\s*/);
  return (
    rest.length <= 1 &&
    region !== undefined &&
    CITY.test(city) &&
    (REGION_CODE.test(region) || COUNTRIES.has(region.toLowerCase())) &&
    (rest.length === 0 || COUNTRIES.has(rest[0].toLowerCase()))
  );
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;
}

// Splits on layout separators first so "Mountain View, CA" survives as a location, then on
// commas and " at " ("Data Engineer, Globex", "Engineer at Initech").
export function lineParts(text: string): string[] {
  return text
    .split(PART_SEPARATOR)
    .map((part) => trimCharacters(part, EDGE_PUNCTUATION))
    .filter((part) => part !== '' && !isLocation(part))
    .flatMap((part) => part.split(/,\s+|\s+at\s+/u))
    .map((part) => trimCharacters(part, EDGE_PUNCTUATION))
    .filter((part) => /\p{L}{2}/u.test(part) && !LEFTOVER.test(part) && !isLocation(part));
}

export function removeSpan(text: string, index: number, length: number): string {
  return `${text.slice(0, index)}\t${text.slice(index + length)}`;
}
