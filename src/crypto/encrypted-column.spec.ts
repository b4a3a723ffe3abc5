import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { CryptoService } from './crypto.service';
import {
  EncryptedColumn,
  encryptedField,
  encryptedFieldAad,
  encryptedFieldsOf,
  keyedWordTokens,
  openColumn,
} from './encrypted-column';

function aCryptoService(): CryptoService {
  const settings = {
    keys: [{ id: 'k1', key: randomBytes(32) }],
    currentKeyId: 'k1',
    blindIndexKey: Buffer.from('b'.repeat(40)),
  };
  return new CryptoService({ get: () => settings } as unknown as ConfigService<AppConfig, true>);
}

class Person {
  @EncryptedColumn({ legacy: 'legacyHomeTown', searchTokens: 'homeTownTokens' })
  homeTown: string | null;

  @EncryptedColumn({ kind: 'integer' })
  expectedSalary: number | null;
}

describe('EncryptedColumn', () => {
  const crypto = aCryptoService();
  const id = '5a0f7c1e-0000-4000-8000-000000000001';

  it('declares the column, its AAD name and its options on the entity', () => {
    expect(encryptedFieldsOf(Person)).toEqual([
      {
        property: 'homeTown',
        column: 'home_town',
        kind: 'text',
        legacy: 'legacyHomeTown',
        searchTokens: 'homeTownTokens',
      },
      { property: 'expectedSalary', column: 'expected_salary', kind: 'integer' },
    ]);
    expect(encryptedFieldAad('people', encryptedField(Person, 'homeTown'), id)).toBe(
      CryptoService.fieldAad('people', 'home_town', id),
    );
  });

  it('opens a raw ciphertext, a number as a number, and falls back to the legacy plaintext', () => {
    const stored = crypto.encrypt('91000', CryptoService.fieldAad('people', 'expected_salary', id));

    expect(openColumn(crypto, Person, 'expectedSalary', 'people', { id, stored })).toBe(91000);
    expect(
      openColumn(crypto, Person, 'homeTown', 'people', { id, stored: null, legacy: 'Porto' }),
    ).toBe('Porto');
    expect(() =>
      openColumn(crypto, Person, 'expectedSalary', 'people', { id: `${id.slice(0, -1)}2`, stored }),
    ).toThrow();
  });

  it('digests words, not the text: any order and case, two characters or more', () => {
    const tokens = keyedWordTokens(crypto, 'search:people.home_town', 'Porto, Vila Nova de Gaia');

    expect(tokens).toHaveLength(5);
    expect(tokens).toEqual(
      expect.arrayContaining(keyedWordTokens(crypto, 'search:people.home_town', 'gaia VILA')),
    );
    expect(tokens.join(' ')).not.toMatch(/porto|gaia/i);
    expect(keyedWordTokens(crypto, 'search:other.column', 'Porto')).not.toEqual(
      keyedWordTokens(crypto, 'search:people.home_town', 'Porto'),
    );
  });
});
