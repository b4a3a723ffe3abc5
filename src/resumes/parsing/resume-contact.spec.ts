import { extractContact, stripContactDetails } from './resume-contact';
import { normalizeResumeText } from './resume-text';

const contactOf = (lines: string[]) => extractContact(normalizeResumeText(lines.join('\n')));

describe(extractContact.name, () => {
  it.each([
    ['an icon glyph mapped to a character', '@ elena@example.com\t* Portland, OR', 'Portland, OR'],
    ['private-use icons', '\uf3c5 San Francisco, CA \uf0e0 john@example.com', 'San Francisco, CA'],
    [
      'wide gaps in a Word header',
      'Austin, TX      diego@example.com      (512) 555-0147',
      'Austin, TX',
    ],
    ['a state spelled out', 'ana@example.com | Savage, Minnesota', 'Savage, Minnesota'],
  ])('finds the place behind %s', (_label, line, place) => {
    expect(contactOf(['Jane Roe', line]).location).toBe(place);
  });

  it('reads a city alone only on a line that also reaches the person', () => {
    expect(contactOf(['Noor Haddad', 'Melbourne · noor@example.com · 0412345678'])).toMatchObject({
      location: 'Melbourne',
      phone: '0412345678',
    });
    expect(
      contactOf(['Noor Haddad', 'Platform Engineer', 'noor@example.com']).location,
    ).toBeUndefined();
  });

  it('reads a phone number written with soft hyphens', () => {
    expect(contactOf(['Jane Roe', 'jane@example.com | 607\u00ad379\u00ad5733']).phone).toBe(
      '607-379-5733',
    );
  });

  it('does not take a one-group number for a phone outside the header', () => {
    const lines = ['Jane Roe', 'jane@example.com', 'Experience', 'Order 123456789012 shipped'];
    expect(contactOf(lines).phone).toBeUndefined();
  });
});

describe(stripContactDetails.name, () => {
  it('removes a one-group phone number too', () => {
    expect(stripContactDetails('Noor Haddad\nMelbourne · 0412345678\nExperience')).not.toContain(
      '0412345678',
    );
  });
});
