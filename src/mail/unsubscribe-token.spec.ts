import { ConfigService } from '@nestjs/config';
import { CryptoService } from '../crypto/crypto.service';
import { recipientHashOf, unsubscribeToken } from './unsubscribe-token';

function crypto(blindKey: string): CryptoService {
  const config = {
    get: () => ({
      keys: [{ id: 'k1', key: Buffer.alloc(32, 1) }],
      currentKeyId: 'k1',
      blindIndexKey: Buffer.from(blindKey),
    }),
  } as unknown as ConfigService<never, true>;
  return new CryptoService(config);
}

describe('unsubscribe token', () => {
  const server = crypto('blind-index-key-for-unit-tests-0123456789');
  const hash = server.blindIndex('mail-recipient', 'ada@example.com');

  it('round-trips to the recipient hash', () => {
    expect(recipientHashOf(server, unsubscribeToken(server, hash))).toBe(hash);
  });

  it('refuses a token for another address, a tampered signature or another key', () => {
    const token = unsubscribeToken(server, hash);
    const other = server.blindIndex('mail-recipient', 'eve@example.com');
    expect(recipientHashOf(server, `${other}.${token.split('.')[1]}`)).toBeNull();
    expect(
      recipientHashOf(server, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
    ).toBeNull();
    expect(recipientHashOf(crypto('another-blind-index-key-0123456789abcdef'), token)).toBeNull();
    expect(recipientHashOf(server, 'garbage')).toBeNull();
  });
});
