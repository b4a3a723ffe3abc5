import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { BadRequestProblem, DomainException } from '../errors/domain.exception';
import { validationExceptionFactory } from '../errors/validation-problem';
import { multipartFingerprintOf } from './multipart-fingerprint';

export interface UploadedFile {
  data: Buffer;
  filename: string;
  mimetype: string;
  field: string;
}

type DtoClass<T> = new () => T;

export async function validateDto<T extends object>(cls: DtoClass<T>, plain: unknown): Promise<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new BadRequestProblem('VALIDATION_FAILED', 'The request body must be a JSON object');
  }
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw validationExceptionFactory(errors);
  }
  return instance;
}

// Routes that take either JSON or multipart/form-data with one optional file. The file size limit
// is enforced by @fastify/multipart while streaming (413 before the whole body is buffered).
export async function readJsonOrMultipart<T extends object>(
  request: FastifyRequest,
  cls: DtoClass<T>,
  fileFields: string[],
): Promise<{ dto: T; file: UploadedFile | null }> {
  if (!request.isMultipart()) {
    return { dto: await validateDto(cls, request.body ?? {}), file: null };
  }
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  const fingerprint = multipartFingerprintOf(request);
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (!fileFields.includes(part.fieldname) || file) {
        await part.toBuffer().catch(() => undefined);
        throw new BadRequestProblem(
          'UNEXPECTED_FILE',
          `Unexpected file field "${part.fieldname}"`,
          [{ field: part.fieldname, message: `only ${fileFields.join(' or ')} may carry a file` }],
        );
      }
      const data = await fingerprint.file(part);
      if (part.file.truncated) {
        throw new DomainException(
          413,
          'FILE_TOO_LARGE',
          'The uploaded file is larger than allowed',
        );
      }
      file = {
        data,
        filename: part.filename ?? 'upload',
        mimetype: part.mimetype,
        field: part.fieldname,
      };
    } else {
      fingerprint.field(part);
      fields[part.fieldname] = String(part.value);
    }
  }
  fingerprint.finish();
  return { dto: await validateDto(cls, fields), file };
}
