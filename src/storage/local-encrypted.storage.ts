import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AppConfig, AppSettings } from '../config/app-config';
import { CryptoService } from '../crypto/crypto.service';
import { FileStorage } from './file-storage';

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{7,80}$/;

// AES-256-GCM encrypted files under DATA_DIR/files, sharded by key prefix. The AAD binds each
// file to its key, so swapping two files on disk makes both unreadable rather than mixed up.
@Injectable()
export class LocalEncryptedStorage implements FileStorage {
  private readonly root: string;

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly crypto: CryptoService,
  ) {
    this.root = join(config.get<AppSettings>('app').dataDir, 'files');
  }

  static newKey(prefix: string): string {
    return `${prefix}-${randomUUID()}`;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathFor(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // Write then rename so a crash never leaves a half-written file under the real key.
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, this.crypto.encryptBuffer(data, `file:${key}`), { mode: 0o600 });
    await rename(temp, path);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return this.crypto.decryptBuffer(await readFile(this.pathFor(key)), `file:${key}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return null;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      await stat(this.pathFor(key));
      return true;
    } catch {
      return false;
    }
  }

  // Sorted, so a rotation interrupted halfway walks the files in the same order next time.
  async *keys(): AsyncIterable<string> {
    const shards = await readdir(this.root).catch(() => [] as string[]);
    for (const shard of shards.sort()) {
      const names = await readdir(join(this.root, shard)).catch(() => [] as string[]);
      for (const name of names.sort()) {
        if (KEY_PATTERN.test(name)) {
          yield name;
        }
      }
    }
  }

  async keyIdOf(key: string): Promise<string | null> {
    const handle = await open(this.pathFor(key), 'r').catch(() => null);
    if (!handle) {
      return null;
    }
    try {
      const header = Buffer.alloc(64);
      const { bytesRead } = await handle.read(header, 0, header.length, 0);
      return this.crypto.fileKeyIdOf(header.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  }

  private pathFor(key: string): string {
    if (!KEY_PATTERN.test(key)) {
      throw new Error('Invalid storage key');
    }
    const shard = key.slice(-2);
    return join(this.root, shard, key);
  }
}
