import type { ParsedMail } from 'mailparser';

export interface IcsProperty {
  name: string;
  params: string;
  value: string;
}

// RFC 5545 §3.1: unfold (CRLF + one space or tab continues a line), then NAME;PARAMS:VALUE.
// Quoted parameter values may hold ':' and ';'.
export function parseIcs(text: string): IcsProperty[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      let inQuotes = false;
      let split = -1;
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '"') {
          inQuotes = !inQuotes;
        } else if (line[i] === ':' && !inQuotes) {
          split = i;
          break;
        }
      }
      const head = line.slice(0, split);
      const semicolon = head.indexOf(';');
      return {
        name: semicolon < 0 ? head : head.slice(0, semicolon),
        params: semicolon < 0 ? '' : head.slice(semicolon + 1),
        value: line.slice(split + 1),
      };
    });
}

export function icsValue(props: IcsProperty[], name: string): string | undefined {
  return props.find((p) => p.name === name)?.value;
}

// The unescaped TEXT value (§3.3.11).
export function icsText(value: string | undefined): string | undefined {
  return value?.replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));
}

export function calendarOf(mail: ParsedMail): {
  raw: string;
  props: IcsProperty[];
  contentType: string;
} {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) {
    throw new Error(`No text/calendar part in "${mail.subject}"`);
  }
  const raw = part.content.toString('utf8');
  return { raw, props: parseIcs(raw), contentType: part.contentType };
}
