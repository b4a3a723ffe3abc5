import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';

// Stored files, streamed: AES-256-GCM over fixed-size records, so a file of any size is encrypted
// and decrypted with one record in memory at a time.
//
//   "PNLF2" | keyId length | keyId | nonce prefix (8 bytes) | record…
//   record = ciphertext of up to CHUNK_BYTES plaintext bytes | tag (16 bytes)
//
// Record i uses the IV `prefix | i (uint32 BE)` and the AAD `<file aad>|<i>|<last ? 1 : 0>`, so
// records cannot be reordered, dropped, or the file cut short at a record boundary without the
// tag check failing. Plaintext is released only after its record's tag checked out.
// "PNLF1" (one GCM message for the whole file, written by earlier releases) is still read.
export const STREAM_MAGIC = Buffer.from('PNLF2');
export const LEGACY_MAGIC = Buffer.from('PNLF1');
export const CHUNK_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const PREFIX_BYTES = 8;
const RECORD_BYTES = CHUNK_BYTES + TAG_BYTES;
const MAX_RECORDS = 0xffffffff;

export class FileCipherError extends Error {}

function iv(prefix: Buffer, index: number): Buffer {
  const value = Buffer.alloc(12);
  prefix.copy(value, 0);
  value.writeUInt32BE(index, PREFIX_BYTES);
  return value;
}

function recordAad(aad: string, index: number, last: boolean): Buffer {
  return Buffer.from(`${aad}|${index}|${last ? 1 : 0}`, 'utf8');
}

export function encryptingStream(key: KeyObject, keyId: string, aad: string): Transform {
  const prefix = randomBytes(PREFIX_BYTES);
  const id = Buffer.from(keyId, 'utf8');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  let headerSent = false;

  const seal = (plain: Buffer, last: boolean): Buffer => {
    if (index >= MAX_RECORDS) {
      throw new FileCipherError('file too large for one encrypted stream');
    }
    const cipher = createCipheriv('aes-256-gcm', key, iv(prefix, index));
    cipher.setAAD(recordAad(aad, index, last));
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    index++;
    return body;
  };
  const header = (stream: Transform) => {
    if (!headerSent) {
      stream.push(Buffer.concat([STREAM_MAGIC, Buffer.from([id.length]), id, prefix]));
      headerSent = true;
    }
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        header(this);
        pending.push(chunk);
        pendingBytes += chunk.length;
        // Keep at least one byte back: the last record is sealed as last in flush().
        if (pendingBytes > CHUNK_BYTES) {
          let all = Buffer.concat(pending);
          while (all.length > CHUNK_BYTES) {
            this.push(seal(all.subarray(0, CHUNK_BYTES), false));
            all = all.subarray(CHUNK_BYTES);
          }
          pending = [all];
          pendingBytes = all.length;
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        header(this);
        this.push(seal(Buffer.concat(pending), true));
        pending = [];
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

// Reads either layout; `keyFor` resolves the key id found in the header (undefined: unknown).
export function decryptingStream(
  keyFor: (keyId: string) => KeyObject | undefined,
  aad: string,
  decryptLegacy: (whole: Buffer) => Buffer,
): Transform {
  let buffered: Buffer = Buffer.alloc(0);
  let mode: 'header' | 'stream' | 'legacy' = 'header';
  let key: KeyObject | undefined;
  let prefix = Buffer.alloc(0);
  let index = 0;
  // An earlier release's file is one GCM message: its plaintext is known only at the end.
  const legacy: Buffer[] = [];

  const open = (record: Buffer, last: boolean): Buffer => {
    if (record.length < TAG_BYTES) {
      throw new FileCipherError('encrypted file is truncated');
    }
    const decipher = createDecipheriv('aes-256-gcm', key!, iv(prefix, index));
    decipher.setAAD(recordAad(aad, index, last));
    decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([
        decipher.update(record.subarray(0, record.length - TAG_BYTES)),
        decipher.final(),
      ]);
      index++;
      return plain;
    } catch {
      throw new FileCipherError('authentication failed');
    }
  };

  const readHeader = (): boolean => {
    if (buffered.length < STREAM_MAGIC.length + 1) {
      return false;
    }
    const magic = buffered.subarray(0, STREAM_MAGIC.length);
    if (magic.equals(LEGACY_MAGIC)) {
      mode = 'legacy';
      legacy.push(buffered);
      return true;
    }
    if (!magic.equals(STREAM_MAGIC)) {
      throw new FileCipherError('malformed encrypted file');
    }
    const idLength = buffered[STREAM_MAGIC.length];
    const start = STREAM_MAGIC.length + 1;
    if (buffered.length < start + idLength + PREFIX_BYTES) {
      return false;
    }
    const keyId = buffered.subarray(start, start + idLength).toString('utf8');
    key = keyFor(keyId);
    if (!key) {
      throw new FileCipherError(`unknown key id ${keyId}`);
    }
    prefix = Buffer.from(buffered.subarray(start + idLength, start + idLength + PREFIX_BYTES));
    buffered = buffered.subarray(start + idLength + PREFIX_BYTES);
    mode = 'stream';
    return true;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        if (mode === 'legacy') {
          legacy.push(chunk);
          return done();
        }
        buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
        if (mode === 'header' && !readHeader()) {
          return done();
        }
        if (mode === 'stream') {
          // A full record followed by more bytes is not the last one.
          let offset = 0;
          while (buffered.length - offset > RECORD_BYTES) {
            this.push(open(buffered.subarray(offset, offset + RECORD_BYTES), false));
            offset += RECORD_BYTES;
          }
          buffered = offset ? Buffer.from(buffered.subarray(offset)) : buffered;
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (mode === 'header') {
          throw new FileCipherError('malformed encrypted file');
        }
        this.push(mode === 'legacy' ? decryptLegacy(Buffer.concat(legacy)) : open(buffered, true));
        buffered = Buffer.alloc(0);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
