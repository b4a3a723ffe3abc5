import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { CryptoService } from '../crypto/crypto.service';

export const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{7,80}$/;

export function assertKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new Error('Invalid storage key');
  }
}

// Counts the bytes that pass through (the plaintext size of a streamed upload).
export class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

// What both drivers share: keys, and the Buffer methods as thin wrappers over the streams.
export abstract class EncryptedStorageBase {
  constructor(protected readonly crypto: CryptoService) {}

  newKey(prefix: string): string {
    return `${prefix}-${randomUUID()}`;
  }

  abstract putStream(key: string, source: Readable): Promise<number>;
  abstract getStream(key: string): Promise<Readable | null>;

  async put(key: string, data: Buffer): Promise<void> {
    await this.putStream(key, Readable.from([data]));
  }

  async get(key: string): Promise<Buffer | null> {
    const stream = await this.getStream(key);
    if (!stream) {
      return null;
    }
    const parts: Buffer[] = [];
    for await (const part of stream) {
      parts.push(part as Buffer);
    }
    return Buffer.concat(parts);
  }
}
