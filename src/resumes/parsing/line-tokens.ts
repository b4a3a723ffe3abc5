// A line cut into runs of letters, runs of digits, runs of blanks and single other characters,
// with their offsets. Rules that look for dates or labels walk these tokens instead of running
// regular expressions over the raw line, which keeps them linear in the line's length.
export type LineTokenKind = 'word' | 'number' | 'blank' | 'punct';

export interface LineToken {
  kind: LineTokenKind;
  text: string;
  start: number;
  end: number;
}

const LETTER = /\p{L}|\p{M}/u;

function kindOf(char: string): LineTokenKind {
  if (char >= '0' && char <= '9') {
    return 'number';
  }
  if (char === ' ' || char === '\t') {
    return 'blank';
  }
  // One character per test: the expression never sees more than a code unit pair.
  return LETTER.test(char) ? 'word' : 'punct';
}

export function tokenizeLine(line: string): LineToken[] {
  const tokens: LineToken[] = [];
  let index = 0;
  while (index < line.length) {
    const code = line.codePointAt(index)!;
    const char = String.fromCodePoint(code);
    const kind = kindOf(char);
    let end = index + char.length;
    if (kind !== 'punct') {
      while (end < line.length) {
        const nextChar = String.fromCodePoint(line.codePointAt(end)!);
        if (kindOf(nextChar) !== kind) {
          break;
        }
        end += nextChar.length;
      }
    }
    tokens.push({ kind, text: line.slice(index, end), start: index, end });
    index = end;
  }
  return tokens;
}
