import { randomBytes } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app-config';
import { CryptoService, DecryptionError } from './crypto.service';

function serviceWith(keys: { id: string; key: Buffer }[], blind = 'b'.repeat(40)): CryptoService {
  const crypto = { keys, currentKeyId: keys[0].id, blindIndexKey: Buffer.from(blind) };
  return new CryptoService({ get: () => crypto } as unknown as ConfigService<AppConfig, true>);
}

describe(CryptoService.name, () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const k2 = { id: 'k2', key: randomBytes(32) };
  const aad = CryptoService.fieldAad('users', 'email', '5a0f7c1e-0000-4000-8000-000000000001');

  it('round-trips a field value and never stores the plaintext', () => {
    const service = serviceWith([k1]);
    const sealed = service.encrypt('ada@example.com', aad);
    expect(sealed).not.toContain('ada');
    expect(sealed.startsWith('enc1.k1.')).toBe(true);
    expect(service.decrypt(sealed, aad)).toBe('ada@example.com');
  });

  it('uses a fresh IV so equal plaintexts give different ciphertexts', () => {
    const service = serviceWith([k1]);
    expect(service.encrypt('same', aad)).not.toBe(service.encrypt('same', aad));
  });

  it('refuses a ciphertext whose tag was tampered with', () => {
    const service = serviceWith([k1]);
    const parts = service.encrypt('secret', aad).split('.');
    const tag = Buffer.from(parts[3], 'base64url');
    tag[0] ^= 0xff;
    parts[3] = tag.toString('base64url');
    expect(() => service.decrypt(parts.join('.'), aad)).toThrow(DecryptionError);
  });

  it('refuses a ciphertext moved to another row (wrong AAD)', () => {
    const service = serviceWith([k1]);
    const sealed = service.encrypt('secret', aad);
    const otherRow = CryptoService.fieldAad(
      'users',
      'email',
      '5a0f7c1e-0000-4000-8000-000000000002',
    );
    expect(() => service.decrypt(sealed, otherRow)).toThrow(DecryptionError);
  });

  it('still decrypts values written under an older key after rotation', () => {
    const before = serviceWith([k1]);
    const sealed = before.encrypt('kept', aad);
    const after = serviceWith([k2, k1]);
    expect(after.decrypt(sealed, aad)).toBe('kept');
    expect(after.keyIdOf(after.encrypt('new', aad))).toBe('k2');
  });

  it('fails clearly when the key id is unknown', () => {
    const sealed = serviceWith([k1]).encrypt('x', aad);
    expect(() => serviceWith([k2]).decrypt(sealed, aad)).toThrow(/could not be decrypted/);
  });

  it('round-trips files and binds them to their AAD', () => {
    const service = serviceWith([k1]);
    const data = Buffer.from('resume text: Kubernetes, PostgreSQL');
    const sealed = service.encryptBuffer(data, 'file:abc');
    expect(sealed.includes(Buffer.from('Kubernetes'))).toBe(false);
    expect(service.decryptBuffer(sealed, 'file:abc').equals(data)).toBe(true);
    expect(() => service.decryptBuffer(sealed, 'file:other')).toThrow(DecryptionError);
  });

  it('gives the same blind index for differently cased e-mails and differs per purpose', () => {
    const service = serviceWith([k1]);
    expect(service.emailIndex(' Ada@Example.com ')).toBe(service.emailIndex('ada@example.com'));
    expect(service.blindIndex('email', 'x')).not.toBe(service.blindIndex('phone', 'x'));
    expect(serviceWith([k1], 'c'.repeat(40)).emailIndex('ada@example.com')).not.toBe(
      service.emailIndex('ada@example.com'),
    );
  });
});
