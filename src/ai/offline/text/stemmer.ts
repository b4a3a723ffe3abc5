// A small suffix-stripping stemmer: enough to make "caching", "cached" and "caches" meet at
// "cach" and "optimisation" meet "optimized", without the full Porter rule set.
const DERIVATIONAL_SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['ibilities', ''],
  ['abilities', ''],
  ['izations', 'ize'],
  ['isations', 'ize'],
  ['ational', 'ate'],
  ['ibility', ''],
  ['ability', ''],
  ['ization', 'ize'],
  ['isation', 'ize'],
  ['fulness', ''],
  ['iveness', 'ive'],
  ['ousness', 'ous'],
  ['tional', 'tion'],
  ['ations', 'ate'],
  ['ements', ''],
  ['ation', 'ate'],
  ['ement', ''],
  ['ments', ''],
  ['ness', ''],
  ['ment', ''],
  ['ency', 'ent'],
  ['ancy', 'ant'],
  ['able', ''],
  ['ible', ''],
  ['ising', 'ize'],
  ['ised', 'ize'],
  ['ings', ''],
  ['edly', ''],
  ['ing', ''],
  ['ise', 'ize'],
  ['ity', ''],
  ['ied', 'y'],
  ['ers', ''],
  ['ed', ''],
  ['er', ''],
  ['ly', ''],
];

const MIN_STEM = 3;
const VOWEL = /[aeiouy]/;
const KEEP_DOUBLE = new Set(['l', 's', 'z']);

function stripPlural(word: string): string {
  if (word.endsWith('sses')) {
    return word.slice(0, -2);
  }
  if (word.endsWith('ies') && word.length > 4) {
    return `${word.slice(0, -3)}y`;
  }
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word) && word.length > MIN_STEM) {
    return word.slice(0, -1);
  }
  return word;
}

function stripSuffix(word: string): string {
  for (const [suffix, replacement] of DERIVATIONAL_SUFFIXES) {
    if (!word.endsWith(suffix)) {
      continue;
    }
    const base = word.slice(0, word.length - suffix.length);
    if (base.length >= MIN_STEM && VOWEL.test(base)) {
      return base + replacement;
    }
  }
  return word;
}

function tidy(word: string): string {
  let result = word;
  const last = result.at(-1) ?? '';
  if (
    result.length > MIN_STEM &&
    last === result.at(-2) &&
    !KEEP_DOUBLE.has(last) &&
    !VOWEL.test(last)
  ) {
    result = result.slice(0, -1);
  }
  if (result.endsWith('e') && result.length > MIN_STEM) {
    result = result.slice(0, -1);
  }
  return result;
}

export function stem(token: string): string {
  const word = token.toLowerCase();
  if (word.length <= MIN_STEM || !/^[a-z]+$/.test(word)) {
    return word;
  }
  return tidy(stripSuffix(stripPlural(word)));
}
