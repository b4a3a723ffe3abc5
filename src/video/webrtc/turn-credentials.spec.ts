import { createHmac } from 'node:crypto';
import { turnCredentials } from './turn-credentials';

describe('turnCredentials', () => {
  it('follows the TURN REST scheme: expiry:user and base64 HMAC-SHA1 of it', () => {
    const { username, credential, expiresAt } = turnCredentials(
      's3cret',
      'opaque',
      1_700_000_000_500,
      600,
    );
    expect(expiresAt).toBe(1_700_000_600);
    expect(username).toBe('1700000600:opaque');
    expect(credential).toBe(createHmac('sha1', 's3cret').update(username).digest('base64'));
  });
});
