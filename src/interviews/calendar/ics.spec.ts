import { buildInvite, escapeText, foldLine, icsDateTime } from './ics';

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
});
