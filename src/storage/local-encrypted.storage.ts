import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppConfig, AppSettings } from '../config/app-config';
import { CryptoService } from '../crypto/crypto.service';
import {
  assertKey,
  ByteCounter,
  EncryptedStorageBase,
  KEY_PATTERN,
} from './encrypted-storage.base';
import type { FileStorage } from './file-storage';

// AES-256-GCM encrypted files under DATA_DIR/files, sharded by key suffix (the default driver).
@Injectable()
export class LocalEncryptedStorage extends EncryptedStorageBase implements FileStorage {
  readonly driver = 'local';
  readonly intake = null;
  private readonly root: string;

  constructor(config: ConfigService<AppConfig, true>, crypto: CryptoService) {
    super(crypto);
    this.root = join(config.get<AppSettings>('app').dataDir, 'files');
  }

  async putStream(key: string, source: Readable): Promise<number> {
    const path = this.pathFor(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // Write then rename so a crash never leaves a half-written file under the real key.
    const temp = `${path}.${randomUUID()}.tmp`;
    const counter = new ByteCounter();
    try {
      await pipeline(
        source,
        counter,
        this.crypto.encryptFileStream(CryptoService.fileAad(key)),
        createWriteStream(temp, { mode: 0o600 }),
      );
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return counter.bytes;
  }

  async getStream(key: string): Promise<Readable | null> {
    const path = this.pathFor(key);
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        return null;
      }
      throw error;
    });
    if (!handle) {
      return null;
    }
    const decrypt = this.crypto.decryptFileStream(CryptoService.fileAad(key));
    const file = createReadStream(path, { fd: handle, highWaterMark: 1024 * 1024 });
    file.on('error', (error) => decrypt.destroy(error));
    return file.pipe(decrypt);
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

  async check(): Promise<void> {
    // The local disk is part of this process: nothing to reach.
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

  // The on-disk path of a key (storage:migrate reads the files it copies).
  pathFor(key: string): string {
    assertKey(key);
    return join(this.root, key.slice(-2), key);
  }
}
