import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app-config';
import { CryptoService } from './crypto.service';
import { CHUNK_BYTES } from './file-stream-cipher';

function serviceWith(keys: { id: string; key: Buffer }[]): CryptoService {
  const crypto = { keys, currentKeyId: keys[0].id, blindIndexKey: Buffer.from('b'.repeat(40)) };
  return new CryptoService({ get: () => crypto } as unknown as ConfigService<AppConfig, true>);
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) {
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

// Feeds `data` in uneven pieces, as a socket would.
function pieces(data: Buffer, size = 7_777): Readable {
  const list: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) {
    list.push(data.subarray(i, i + size));
  }
  return Readable.from(list);
}

describe('streamed file encryption (PNLF2)', () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const service = serviceWith([k1]);
  const seal = (data: Buffer, aad = 'file:a') =>
    collect(pieces(data).pipe(service.encryptFileStream(aad)));
  const open = (data: Buffer, aad = 'file:a') =>
    collect(pieces(data, 5_000).pipe(service.decryptFileStream(aad)));

  it.each([0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 17])(
    'round-trips %i bytes and never stores the plaintext',
    async (size) => {
      const plain = randomBytes(size);
      const sealed = await seal(plain);
      expect(sealed.subarray(0, 5).toString()).toBe('PNLF2');
      expect(service.fileKeyIdOf(sealed)).toBe('k1');
      if (size > 32) {
        expect(sealed.includes(plain.subarray(0, 32))).toBe(false);
      }
      expect((await open(sealed)).equals(plain)).toBe(true);
    },
  );

  it('refuses a file cut short at a record boundary', async () => {
    const sealed = await seal(randomBytes(2 * CHUNK_BYTES + 10));
    const header = 5 + 1 + 2 + 8;
    const firstRecordOnly = sealed.subarray(0, header + CHUNK_BYTES + 16);
    await expect(open(firstRecordOnly)).rejects.toThrow('authentication failed');
  });

  it('refuses a flipped byte and a file moved to another key (AAD)', async () => {
    const sealed = await seal(randomBytes(1000));
    const tampered = Buffer.from(sealed);
    tampered[40] ^= 1;
    await expect(open(tampered)).rejects.toThrow('authentication failed');
    await expect(open(sealed, 'file:b')).rejects.toThrow('authentication failed');
  });

  it('still reads a file written whole by an earlier release (PNLF1)', async () => {
    const plain = randomBytes(100_000);
    const legacy = service.encryptBuffer(plain, 'file:a');
    expect((await open(legacy)).equals(plain)).toBe(true);
  });
});
