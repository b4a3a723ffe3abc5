import { isCommonPassword } from './common-passwords';

describe('isCommonPassword', () => {
  it.each(['password', 'Password123', 'P@ssw0rd', 'qwertyuiop', 'Password2024!', 'letmein123'])(
    'refuses %s',
    (candidate) => {
      expect(isCommonPassword(candidate)).toBe(true);
    },
  );

  it.each(['correct horse battery staple', 'mauve-otter-lantern-42', 'Tr1cky!Kestrel'])(
    'accepts %s',
    (candidate) => {
      expect(isCommonPassword(candidate)).toBe(false);
    },
  );
});
