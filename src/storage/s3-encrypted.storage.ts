import { Logger } from '@nestjs/common';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { pipeline, Readable } from 'node:stream';
import { CryptoService } from '../crypto/crypto.service';
import {
  assertKey,
  ByteCounter,
  EncryptedStorageBase,
  KEY_PATTERN,
} from './encrypted-storage.base';
import { StorageUnavailableError } from './file-storage';
import type { FileStorage, ObjectIntake } from './file-storage';
import type { S3Settings } from './storage-settings';

// Stored files under `files/`, uploads awaiting their check under `intake/`. Object names are
// the port's opaque keys (a kind and a random UUID): nothing in the bucket names a person.
const FILES = 'files/';
const INTAKE = 'intake/';
const INTAKE_KEY = /^intake-[0-9a-f-]{36}$/;
// Multipart above one part; parts of 8 MiB, two in flight: about 16 MiB per upload in memory.
const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

function notFound(error: unknown): boolean {
  const status = (error as S3ServiceException).$metadata?.httpStatusCode;
  const name = (error as Error).name;
  return status === 404 || name === 'NoSuchKey' || name === 'NotFound';
}

// A refused request (403, 400…) is a bug or a misconfiguration and stays a 500; no answer at all,
// a throttle or a server error is the store being unavailable (503, retried by jobs).
function unavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) {
    return true;
  }
  const metadata = (error as S3ServiceException).$metadata;
  const status = metadata?.httpStatusCode;
  if (status !== undefined) {
    return status >= 500 || status === 429;
  }
  if (metadata) {
    // The SDK gave up without any answer from the store (refused, reset, timed out).
    return true;
  }
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const name = (error as Error).name ?? '';
  return (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|EAI_AGAIN)$/.test(code) ||
    /TimeoutError|NetworkingError|RequestTimeout/.test(name)
  );
}

export class S3EncryptedStorage extends EncryptedStorageBase implements FileStorage, ObjectIntake {
  readonly driver = 's3';
  private readonly logger = new Logger('S3Storage');
  readonly client: S3Client;
  readonly bucket: string;

  constructor(settings: S3Settings, crypto: CryptoService) {
    super(crypto);
    this.bucket = settings.bucket;
    this.client = new S3Client({
      endpoint: settings.endpoint ?? undefined,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      maxAttempts: 3,
    });
  }

  get intake(): ObjectIntake {
    return this;
  }

  async putStream(key: string, source: Readable): Promise<number> {
    assertKey(key);
    const counter = new ByteCounter();
    let failure: Error | null = null;
    const body = pipeline(
      source,
      counter,
      this.crypto.encryptFileStream(CryptoService.fileAad(key)),
      (e) => {
        failure = e ?? null;
      },
    );
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: FILES + key, Body: body },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    await this.guard(() => upload.done());
    if (failure) {
      await this.delete(key).catch(() => undefined);
      throw failure as Error;
    }
    return counter.bytes;
  }

  async getStream(key: string): Promise<Readable | null> {
    assertKey(key);
    const body = await this.objectBody(FILES + key);
    if (!body) {
      return null;
    }
    return pipeline(
      body,
      this.crypto.decryptFileStream(CryptoService.fileAad(key)),
      () => undefined,
    );
  }

  async delete(key: string): Promise<void> {
    assertKey(key);
    await this.guard(() =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: FILES + key })),
    );
  }

  async exists(key: string): Promise<boolean> {
    assertKey(key);
    return this.headSize(FILES + key).then((size) => size !== null);
  }

  async check(): Promise<void> {
    await this.guard(() => this.client.send(new HeadBucketCommand({ Bucket: this.bucket })));
  }

  async *keys(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.guard(() =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: FILES,
            ContinuationToken: token,
          }),
        ),
      );
      for (const object of page.Contents ?? []) {
        const key = (object.Key ?? '').slice(FILES.length);
        if (KEY_PATTERN.test(key)) {
          yield key;
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async keyIdOf(key: string): Promise<string | null> {
    assertKey(key);
    const body = await this.objectBody(FILES + key, 'bytes=0-63');
    if (!body) {
      return null;
    }
    const parts: Buffer[] = [];
    for await (const part of body) {
      parts.push(part as Buffer);
    }
    return this.crypto.fileKeyIdOf(Buffer.concat(parts));
  }

  // --- intake (presigned browser uploads) ---

  async presignPut(
    intakeKey: string,
    contentType: string,
    sizeBytes: number,
    expiresInSeconds: number,
  ): Promise<{ url: string; headers: Record<string, string> }> {
    this.assertIntakeKey(intakeKey);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: INTAKE + intakeKey,
      ContentType: contentType,
      ContentLength: sizeBytes,
    });
    // Content-Type and Content-Length are signed headers: another type or size fails the
    // signature at the store.
    const url = await getSignedUrl(this.client, command, {
      expiresIn: expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return { url, headers: { 'Content-Type': contentType, 'Content-Length': String(sizeBytes) } };
  }

  async sizeOf(intakeKey: string): Promise<number | null> {
    this.assertIntakeKey(intakeKey);
    return this.headSize(INTAKE + intakeKey);
  }

  async read(intakeKey: string): Promise<Readable | null> {
    this.assertIntakeKey(intakeKey);
    return this.objectBody(INTAKE + intakeKey);
  }

  async remove(intakeKey: string): Promise<void> {
    this.assertIntakeKey(intakeKey);
    await this.guard(() =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: INTAKE + intakeKey })),
    );
  }

  private assertIntakeKey(intakeKey: string): void {
    if (!INTAKE_KEY.test(intakeKey)) {
      throw new Error('Invalid intake key');
    }
  }

  private async headSize(objectKey: string): Promise<number | null> {
    try {
      const head = await this.guard(() =>
        this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey })),
      );
      return head.ContentLength ?? 0;
    } catch (error) {
      if (notFound(error)) {
        return null;
      }
      throw error;
    }
  }

  private async objectBody(objectKey: string, range?: string): Promise<Readable | null> {
    try {
      const answer = await this.guard(() =>
        this.client.send(
          new GetObjectCommand({ Bucket: this.bucket, Key: objectKey, Range: range }),
        ),
      );
      return answer.Body as Readable;
    } catch (error) {
      if (notFound(error)) {
        return null;
      }
      throw error;
    }
  }

  // Store errors leave as StorageUnavailableError (503) or as they are; the reason goes to the
  // log only (it may name the bucket or endpoint).
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (unavailable(error)) {
        this.logger.warn(
          `Object store unavailable: ${(error as Error).name}: ${(error as Error).message}`,
        );
        throw new StorageUnavailableError();
      }
      throw error;
    }
  }
}
