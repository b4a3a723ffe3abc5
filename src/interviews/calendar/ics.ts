// Minimal RFC 5545 writer for one interview invitation (iTIP REQUEST / CANCEL, RFC 5546).

export interface CalendarInvite {
  uid: string;
  method: 'REQUEST' | 'CANCEL';
  sequence: number;
  start: Date;
  end: Date;
  stamp: Date;
  summary: string;
  description: string;
  url?: string;
  organizer: { name: string; email: string };
  attendee?: { name: string | null; email: string };
}

const MAX_LINE_OCTETS = 75;

// DATE-TIME in UTC: 20261124T093000Z.
export function icsDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

// Control characters other than HTAB are not allowed in TEXT or parameter values (RFC 5545
// §3.1, §3.3.11); line breaks in TEXT become the two characters "\n".
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;

// TEXT values: backslash, semicolon, comma and line breaks are escaped (RFC 5545 §3.3.11). Every
// text property goes through here, so no value can end its line and start a property of its own.
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|[\r\n\u2028\u2029]/g, '\\n')
    .replace(FORBIDDEN_CONTROLS, '');
}

// Parameter values cannot contain DQUOTE or controls; quoted so ':', ';' and ',' are safe (§3.2).
function paramValue(value: string): string {
  return `"${value.replace(/["\r\n\u2028\u2029]/g, '').replace(FORBIDDEN_CONTROLS, '')}"`;
}

// Characters kept as they are in a URI value; everything else (controls, line breaks, spaces,
// quotes, non-ASCII) is percent-encoded as UTF-8, so a URI value is always one line (§3.3.13).
const URI_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?#%[\]]/;
const ADDRESS_SAFE = /[A-Za-z0-9\-._~!$&'*+=@]/;

function percentEncode(value: string, safe: RegExp): string {
  let out = '';
  for (const char of value) {
    out += safe.test(char)
      ? char
      : [...Buffer.from(char, 'utf8')]
          .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
          .join('');
  }
  return out;
}

// CAL-ADDRESS (ORGANIZER, ATTENDEE): a mailto URI whose address is percent-encoded (RFC 6068).
export function calAddress(email: string): string {
  return `mailto:${percentEncode(email, ADDRESS_SAFE)}`;
}

// URI values (URL): parsed and re-serialised, then percent-encoded where still unsafe; a value that
// is not an absolute URL is left out rather than written.
export function uriValue(value: string): string | null {
  try {
    return percentEncode(new URL(value).href, URI_SAFE);
  } catch {
    return null;
  }
}

// Lines longer than 75 octets continue on the next line after CRLF + one space (§3.1); a
// multi-byte UTF-8 character is never split.
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function buildInvite(invite: CalendarInvite): string {
  const attendee = invite.attendee
    ? [
        `ATTENDEE;${invite.attendee.name ? `CN=${paramValue(invite.attendee.name)};` : ''}ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:${calAddress(invite.attendee.email)}`,
      ]
    : [];
  const url = invite.url ? uriValue(invite.url) : null;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Panelist//Interviews//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${invite.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(invite.uid)}`,
    `DTSTAMP:${icsDateTime(invite.stamp)}`,
    `DTSTART:${icsDateTime(invite.start)}`,
    `DTEND:${icsDateTime(invite.end)}`,
    `SEQUENCE:${invite.sequence}`,
    `STATUS:${invite.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escapeText(invite.summary)}`,
    `DESCRIPTION:${escapeText(invite.description)}`,
    ...(url ? [`URL:${url}`] : []),
    `ORGANIZER;CN=${paramValue(invite.organizer.name)}:${calAddress(invite.organizer.email)}`,
    ...attendee,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
