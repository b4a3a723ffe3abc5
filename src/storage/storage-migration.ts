import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import type { FileStorage } from './file-storage';

export interface StorageMigrationReport {
  copied: number;
  alreadyThere: number;
  failed: string[];
}

// SHA-256 of the bytes that pass through.
class Digest extends Transform {
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    done(null, chunk);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}

async function digestOf(stream: Readable | null): Promise<string | null> {
  if (!stream) {
    return null;
  }
  const hash = createHash('sha256');
  for await (const part of stream) {
    hash.update(part as Buffer);
  }
  return hash.digest('hex');
}

// Copies every file of one store into another (`npm run storage:migrate`: local disk → S3),
// streaming and re-encrypting on the way, and proves each copy by reading it back: the SHA-256 of
// the decrypted copy must equal the SHA-256 of the original. A file already present with the same
// checksum is left alone, so the migration can be interrupted and run again.
export async function migrateFiles(
  from: FileStorage,
  to: FileStorage,
  log: (line: string) => void,
): Promise<StorageMigrationReport> {
  if (!from.keys) {
    throw new Error('The source store cannot list its files');
  }
  const report: StorageMigrationReport = { copied: 0, alreadyThere: 0, failed: [] };
  for await (const key of from.keys()) {
    try {
      const original = await digestOf(await from.getStream(key));
      if (original === null) {
        continue;
      }
      if (
        (await to.exists(key)) &&
        (await digestOf(await to.getStream(key)).catch(() => null)) === original
      ) {
        report.alreadyThere++;
        continue;
      }
      const source = await from.getStream(key);
      const digest = new Digest();
      await to.putStream(
        key,
        pipeline(source!, digest, () => undefined),
      );
      const copy = await digestOf(await to.getStream(key));
      if (digest.hex() !== original || copy !== original) {
        throw new Error('checksum of the copy differs from the original');
      }
      report.copied++;
    } catch (error) {
      report.failed.push(key);
      log(`${key}: ${(error as Error).message}`);
    }
  }
  log(
    `${report.copied} copied, ${report.alreadyThere} already there, ${report.failed.length} failed`,
  );
  return report;
}
