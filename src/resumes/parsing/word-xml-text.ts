// Turns WordprocessingML (word/document.xml, headers, footers) into plain lines without an XML
// library. Only the handful of elements that carry visible text matter; everything else is
// skipped. The markup is read by one forward scan (indexOf from the current position): an
// unterminated comment or CDATA section ends the scan instead of being searched for again.
interface XmlToken {
  // Character data when defined: raw text (entities not yet decoded), or a CDATA section.
  text?: string;
  cdata?: boolean;
  name?: string;
  closing?: boolean;
  selfClosing?: boolean;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[\w.:-]/;

// "<w:tab/>", "</w:p>", '<w:t xml:space="preserve">': the name and whether it closes itself.
function readTag(xml: string, at: number): { token: XmlToken; next: number } | null {
  let index = at + 1;
  const closing = xml[index] === '/';
  if (closing) {
    index += 1;
  }
  const nameStart = index;
  if (!NAME_START.test(xml[index] ?? '')) {
    return null;
  }
  while (index < xml.length && NAME_CHAR.test(xml[index])) {
    index += 1;
  }
  const name = xml.slice(nameStart, index);
  let quote = '';
  let last = '';
  for (; index < xml.length; index += 1) {
    const char = xml[index];
    if (quote !== '') {
      quote = char === quote ? '' : quote;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '<') {
      return null;
    } else if (char === '>') {
      return { token: { name, closing, selfClosing: !closing && last === '/' }, next: index + 1 };
    }
    if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') {
      last = char;
    }
  }
  return null;
}

// Markup that holds no element: comments, processing instructions, CDATA, declarations.
const SPECIAL_SECTIONS: [string, string][] = [
  ['<!--', '-->'],
  ['<?', '?>'],
  ['<![CDATA[', ']]>'],
  ['<!', '>'],
];

function* xmlTokens(xml: string): Generator<XmlToken> {
  let at = 0;
  while (at < xml.length) {
    const open = xml.indexOf('<', at);
    if (open !== at) {
      const end = open < 0 ? xml.length : open;
      yield { text: xml.slice(at, end) };
      at = end;
      continue;
    }
    const special = SPECIAL_SECTIONS.find(([start]) => xml.startsWith(start, at));
    if (special) {
      const [start, stop] = special;
      const close = xml.indexOf(stop, at + start.length);
      if (close < 0) {
        return;
      }
      if (start === '<![CDATA[') {
        yield { text: xml.slice(at + start.length, close), cdata: true };
      }
      at = close + stop.length;
      continue;
    }
    const tag = readTag(xml, at);
    if (tag) {
      yield tag.token;
      at = tag.next;
    } else {
      // A stray "<" is text.
      yield { text: '<' };
      at += 1;
    }
  }
}

// Deleted revisions, field codes and the legacy copy of every text box (Word writes text boxes
// twice: mc:Choice for new readers, mc:Fallback for old ones) would duplicate or invent text.
const SKIPPED = new Set(['w:del', 'w:delText', 'w:instrText', 'mc:Fallback', 'w:pPr', 'w:rPr']);

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXmlEntities(value: string): string {
  return value.replace(
    /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,4});/g,
    (whole, body: string) => {
      if (body.startsWith('#')) {
        const code =
          body[1] === 'x' || body[1] === 'X'
            ? parseInt(body.slice(2), 16)
            : parseInt(body.slice(1), 10);
        const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
        return valid ? String.fromCodePoint(code) : '';
      }
      return NAMED_ENTITIES[body] ?? whole;
    },
  );
}

interface Row {
  cells: string[][];
}

export function wordXmlToLines(xml: string): string[] {
  const containers: string[][] = [[]];
  const rows: Row[] = [];
  const paragraphs: string[] = [];
  let skipDepth = 0;
  let textDepth = 0;
  let runDepth = 0;

  const append = (value: string): void => {
    if (paragraphs.length > 0) {
      paragraphs[paragraphs.length - 1] += value;
    }
  };
  const emit = (line: string): void => {
    containers[containers.length - 1].push(line);
  };

  for (const token of xmlTokens(xml)) {
    if (token.text !== undefined) {
      if (skipDepth === 0 && textDepth > 0) {
        append(token.cdata ? token.text : decodeXmlEntities(token.text));
      }
      continue;
    }
    const rawName = token.name!;
    const closing = token.closing === true;
    const selfClosing = token.selfClosing === true;
    if (SKIPPED.has(rawName)) {
      if (!selfClosing) {
        skipDepth = Math.max(0, skipDepth + (closing ? -1 : 1));
      }
      continue;
    }
    if (skipDepth > 0) {
      continue;
    }
    switch (rawName) {
      case 'w:p':
        if (!closing) {
          paragraphs.push('');
        }
        if (closing || selfClosing) {
          emit(paragraphs.pop() ?? '');
        }
        break;
      case 'w:t':
        if (!selfClosing) {
          textDepth = Math.max(0, textDepth + (closing ? -1 : 1));
        }
        break;
      case 'w:r':
        if (!selfClosing) {
          runDepth = Math.max(0, runDepth + (closing ? -1 : 1));
        }
        break;
      case 'w:tab':
        // A w:tab outside a run is a tab-stop definition, not a character.
        if (runDepth > 0 && !closing) {
          append('\t');
        }
        break;
      case 'w:br':
      case 'w:cr':
        if (!closing) {
          append('\n');
        }
        break;
      case 'w:noBreakHyphen':
        append('-');
        break;
      case 'w:tr':
        if (!closing && !selfClosing) {
          rows.push({ cells: [] });
        } else if (closing) {
          emitRow(rows.pop(), emit);
        }
        break;
      case 'w:tc':
        if (!closing && !selfClosing) {
          containers.push([]);
        } else if (closing && containers.length > 1) {
          const cell = containers.pop()!;
          rows[rows.length - 1]?.cells.push(cell);
        }
        break;
      default:
        break;
    }
  }
  while (paragraphs.length > 0) {
    emit(paragraphs.shift()!);
  }
  return containers.flat().flatMap((line) => line.split('\n'));
}

// A row of one-line cells ("Software Engineer | Jan 2020 – Present") reads as one line; a row
// used as page layout (a whole column per cell) reads cell after cell.
function emitRow(row: Row | undefined, emit: (line: string) => void): void {
  if (!row) {
    return;
  }
  const cells = row.cells.map((lines) => lines.filter((line) => line.trim() !== ''));
  if (cells.every((lines) => lines.length <= 1)) {
    const texts = cells.map((lines) => lines[0] ?? '');
    while (texts.length > 0 && texts[texts.length - 1] === '') {
      texts.pop();
    }
    emit(texts.join('\t'));
    return;
  }
  for (const lines of cells) {
    lines.forEach(emit);
  }
}
