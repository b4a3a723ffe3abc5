import { ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';

const REMEMBERED_PER_TYPE = 500;

// The global ValidationPipe, which also remembers the DTOs it built from query strings. The hot
// public reads (job list, search) get the same few query strings over and over, and class-validator
// looks a class's rules up by walking every validated class on each call (~10 % of a cached
// job-list request, bench/RESULTS.md). A query DTO is a pure function of the query string, so a
// success is kept per DTO class (the oldest of 500 goes first) and handed out as a fresh deep copy;
// a failure is never kept, so every bad query gets its own problem document.
export class AppValidationPipe extends ValidationPipe {
  private readonly queries = new Map<unknown, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'query' || !metadata.metatype || !this.toValidate(metadata)) {
      return super.transform(value, metadata);
    }
    const key = JSON.stringify(value);
    let known = this.queries.get(metadata.metatype);
    const hit = known?.get(key);
    if (hit) {
      return copy(hit);
    }
    const built = (await super.transform(value, metadata)) as object;
    if (!known) {
      known = new Map();
      this.queries.set(metadata.metatype, known);
    }
    if (known.size >= REMEMBERED_PER_TYPE) {
      known.delete(known.keys().next().value!);
    }
    known.set(key, copy(built));
    return built;
  }
}

function copy<T extends object>(dto: T): T {
  return Object.assign(
    Object.create(Object.getPrototypeOf(dto) as object) as T,
    structuredClone({ ...dto }),
  );
}
