// Turns WordprocessingML (word/document.xml, headers, footers) into plain lines without an XML
// library. Only the handful of elements that carry visible text matter; everything else is
// skipped. The patterns never let an attribute run across "<", so hostile input stays linear.
const XML_TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<![^<>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>|([^<]+)|</g;

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

  for (const match of xml.matchAll(XML_TOKEN)) {
    const [, cdata, slash, rawName, attributes, text] = match;
    if (text !== undefined || cdata !== undefined) {
      if (skipDepth === 0 && textDepth > 0) {
        append(text !== undefined ? decodeXmlEntities(text) : cdata);
      }
      continue;
    }
    if (rawName === undefined) {
      continue;
    }
    const closing = slash === '/';
    const selfClosing = !closing && attributes.trimEnd().endsWith('/');
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
