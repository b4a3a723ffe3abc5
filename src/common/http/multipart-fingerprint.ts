import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { createHash, Hash } from 'node:crypto';

const FINGERPRINT = Symbol('panelist.multipartFingerprint');

// A digest of a multipart body taken part by part while it streams: field names and values,
// file field names, file names, declared types and every byte of the files. The boundary is
// not in it, so a client that retries with a fresh boundary sends the same request. Idempotency
// keys compare it (src/idempotency); `complete` says whether the whole body went through.
export class MultipartFingerprint {
  private readonly hash: Hash = createHash('sha256');
  private result: string | null = null;

  get complete(): boolean {
    return this.result !== null;
  }

  field(part: MultipartValue): void {
    this.piece('field', part.fieldname, String(part.value));
  }

  // Reads a file part into memory, hashing each chunk as it arrives. The size limit of
  // @fastify/multipart still applies while streaming (413 before the file is buffered whole).
  async file(part: MultipartFile): Promise<Buffer> {
    this.piece('file', part.fieldname, part.filename ?? '', part.mimetype);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      this.hash.update(chunk);
      chunks.push(chunk);
      size += chunk.length;
    }
    this.piece('end', String(size));
    return Buffer.concat(chunks, size);
  }

  // Called once every part was read; the digest exists from then on.
  finish(): string {
    this.result ??= this.hash.digest('hex');
    return this.result;
  }

  digest(): string | null {
    return this.result;
  }

  // Length-prefixed pieces: no two different bodies hash the same sequence of bytes.
  private piece(...values: string[]): void {
    for (const value of values) {
      const bytes = Buffer.from(value, 'utf8');
      this.hash.update(`${bytes.length}:`);
      this.hash.update(bytes);
    }
  }
}

export function multipartFingerprintOf(request: FastifyRequest): MultipartFingerprint {
  const carrier = request as FastifyRequest & { [FINGERPRINT]?: MultipartFingerprint };
  carrier[FINGERPRINT] ??= new MultipartFingerprint();
  return carrier[FINGERPRINT];
}

// Reads a whole multipart body only to fingerprint it (a replayed request does not run its route).
export async function fingerprintMultipart(request: FastifyRequest): Promise<string> {
  const fingerprint = multipartFingerprintOf(request);
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      await fingerprint.file(part);
    } else {
      fingerprint.field(part);
    }
  }
  return fingerprint.finish();
}
