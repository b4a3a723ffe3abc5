import { buildInvite, calAddress, escapeText, foldLine, icsDateTime, uriValue } from './ics';

describe('iCalendar writer', () => {
  const invite = {
    uid: 'abc@panelist',
    method: 'REQUEST' as const,
    sequence: 2,
    start: new Date('2026-12-01T09:30:00.000Z'),
    end: new Date('2026-12-01T10:15:00.000Z'),
    stamp: new Date('2026-11-23T12:00:00.000Z'),
    summary: 'Interview: Backend Engineer, Berlin; remote',
    description: 'Line one\nLine two with ünïcödé and a long tail '.repeat(4),
    organizer: { name: 'Panelist', email: 'interviews@panelist.test' },
    attendee: { name: 'Casey "CC" Candidate', email: 'casey@example.com' },
  };

  it('writes UTC date-times', () => {
    expect(icsDateTime(new Date('2026-12-01T09:30:00.123Z'))).toBe('20261201T093000Z');
  });

  it('escapes text values', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds at 75 octets without splitting a multi-byte character', () => {
    const folded = foldLine(`DESCRIPTION:${'é'.repeat(100)}`);
    for (const line of folded.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(
      folded
        .split('\r\n')
        .map((l, i) => (i === 0 ? l : l.slice(1)))
        .join(''),
    ).toBe(`DESCRIPTION:${'é'.repeat(100)}`);
  });

  it('produces a CRLF-terminated VCALENDAR with one VEVENT', () => {
    const text = buildInvite(invite);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const unfolded = text.replace(/\r\n /g, '').split('\r\n');
    expect(unfolded).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'METHOD:REQUEST',
        'BEGIN:VEVENT',
        'UID:abc@panelist',
        'DTSTART:20261201T093000Z',
        'DTEND:20261201T101500Z',
        'SEQUENCE:2',
        'SUMMARY:Interview: Backend Engineer\\, Berlin\\; remote',
        'ATTENDEE;CN="Casey CC Candidate";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:casey@example.com',
        'END:VEVENT',
        'END:VCALENDAR',
      ]),
    );
  });

  describe('#13.11 hostile values', () => {
    const hostile = {
      ...invite,
      uid: 'x@panelist\r\nATTACH:https://evil.test/uid',
      summary: 'Interview\r\nATTACH:https://evil.test/summary',
      description: 'Hi\rATTACH:https://evil.test/cr\u2028X-EVIL:1\u0000\u0007 done',
      url: 'https://panelist.test/interviews/1\r\nATTACH:https://evil.test/url',
      organizer: {
        name: 'Panelist"\r\nATTACH:x',
        email: 'org\r\nATTACH:https://evil.test/o@panelist.test',
      },
      attendee: {
        name: 'Eve "the"\r\nATTACH:https://evil.test/name; Attacker',
        email: '"x\r\nATTACH:https://evil.test/mail"@example.com',
      },
    };

    it('#13.11 no value can start a property of its own (CR, LF, CRLF, U+2028 in every field)', () => {
      const text = buildInvite(hostile);
      // Only CRLF ends a line, and every physical line is at most 75 octets.
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n\u2028\u2029]/);
      const physical = text.split('\r\n').slice(0, -1);
      for (const line of physical) {
        expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      }
      const names = text
        .replace(/\r\n[ \t]/g, '')
        .split('\r\n')
        .filter(Boolean)
        .map((line) => /^[A-Z-]+/.exec(line)?.[0]);
      expect(names).not.toContain('ATTACH');
      expect(names).not.toContain('X-EVIL');
      expect(new Set(names)).toEqual(
        new Set([
          'BEGIN',
          'VERSION',
          'PRODID',
          'CALSCALE',
          'METHOD',
          'UID',
          'DTSTAMP',
          'DTSTART',
          'DTEND',
          'SEQUENCE',
          'STATUS',
          'SUMMARY',
          'DESCRIPTION',
          'URL',
          'ORGANIZER',
          'ATTENDEE',
          'TRANSP',
          'END',
        ]),
      );
      expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    });

    it('#13.11 percent-encodes CAL-ADDRESS and URI values and quotes parameter values safely', () => {
      expect(calAddress('"x\r\nATTACH:y"@example.com')).toBe(
        'mailto:%22x%0D%0AATTACH%3Ay%22@example.com',
      );
      expect(calAddress('ada.o+cal@example.com')).toBe('mailto:ada.o+cal@example.com');
      expect(uriValue('https://panelist.test/i/1 x"y')).toBe('https://panelist.test/i/1%20x%22y');
      expect(uriValue('https://panelist.test/a\r\nATTACH:b')).not.toMatch(/[\r\n]/);
      expect(uriValue('not a url')).toBeNull();
      const unfolded = buildInvite(hostile).replace(/\r\n /g, '');
      expect(unfolded).toContain('ATTENDEE;CN="Eve theATTACH:https://evil.test/name; Attacker";');
      expect(unfolded).toContain('SUMMARY:Interview\\nATTACH:https://evil.test/summary');
    });

    it('#13.11 folds escaped text at 75 octets without splitting UTF-8 sequences', () => {
      const long = { ...invite, summary: `${'é,'.repeat(40)}🎉${'ü;'.repeat(40)}` };
      const text = buildInvite(long);
      for (const line of text.split('\r\n')) {
        expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
        expect(line).not.toContain('\uFFFD');
      }
      const summary = text
        .replace(/\r\n /g, '')
        .split('\r\n')
        .find((l) => l.startsWith('SUMMARY:'));
      expect(summary).toBe(`SUMMARY:${escapeText(long.summary)}`);
    });
  });
});
