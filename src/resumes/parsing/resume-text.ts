// One pass over the extracted text before any rule reads it, so that every later rule sees one
// spelling of a dash, a space and a line break. A character loop, linear by construction.
const SOFT_HYPHEN = '\u00ad';
// Hyphen-like characters that join words or digits ("e-mail", "415‑555"): a plain hyphen.
const HYPHENS = new Set(['\u2010', '\u2011', '\u2043']);
// Dash-like characters that separate ("2019 ― 2021", "Jan 2020 − now"): an en dash.
const DASHES = new Set([
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  '\u2212',
  '\ufe58',
  '\ufe63',
  '\uff0d',
]);
// Zero-width characters and the byte-order mark carry no text.
const INVISIBLE = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']);

function isSpaceLike(char: string): boolean {
  const code = char.charCodeAt(0);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0x0b ||
    code === 0x0c
  );
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

// A soft hyphen is an invisible hyphenation point inside a word, but some PDF fonts (LaTeX
// templates among them) map the dash between two dates or phone digits to U+00AD: standing
// between spaces it is a dash, between digits a hyphen, inside a word nothing.
function softHyphen(before: string | undefined, after: string | undefined): string {
  const spaced = (char: string | undefined): boolean =>
    char === undefined || char === ' ' || char === '\t' || char === '\n';
  if (spaced(before) && spaced(after)) {
    return '–';
  }
  return isDigit(before) && isDigit(after) ? '-' : '';
}

export function normalizeResumeText(text: string): string {
  // Collected in an array: reading the last character of a string being built with += would
  // flatten it on every soft hyphen, which is quadratic.
  const out: string[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\r') {
      out.push('\n');
      if (text[index + 1] === '\n') {
        index += 1;
      }
    } else if (char === SOFT_HYPHEN) {
      out.push(softHyphen(out[out.length - 1], text[index + 1]));
    } else if (HYPHENS.has(char)) {
      out.push('-');
    } else if (DASHES.has(char)) {
      out.push('–');
    } else if (isSpaceLike(char)) {
      out.push(' ');
    } else if (!INVISIBLE.has(char)) {
      out.push(char);
    }
  }
  return out.join('');
}
