import type { FastifyRequest } from 'fastify';
import { BadRequestProblem, DomainException } from '../common/errors/domain.exception';
import { multipartFingerprintOf } from '../common/http/multipart-fingerprint';
import type { IncomingResume } from './resume-intake.service';

const FILE_FIELDS = ['file', 'resume'];

// POST /api/resume/upload: exactly one file and no other fields. (readJsonOrMultipart needs a DTO
// with at least one validated property; this route has none.) The size limit is enforced by
// @fastify/multipart while streaming, so an oversized file is a 413 before it is buffered.
export async function readResumeUpload(request: FastifyRequest): Promise<IncomingResume> {
  if (!request.isMultipart()) {
    throw new DomainException(415, 'MULTIPART_REQUIRED', 'Send the file as multipart/form-data');
  }
  let file: IncomingResume | null = null;
  const fingerprint = multipartFingerprintOf(request);
  for await (const part of request.parts()) {
    if (part.type !== 'file') {
      throw new BadRequestProblem('UNEXPECTED_FIELD', `Unexpected field "${part.fieldname}"`, [
        { field: part.fieldname, message: 'only a file field named file is accepted' },
      ]);
    }
    if (!FILE_FIELDS.includes(part.fieldname) || file) {
      await part.toBuffer().catch(() => undefined);
      throw new BadRequestProblem('UNEXPECTED_FILE', `Unexpected file field "${part.fieldname}"`, [
        { field: part.fieldname, message: 'send exactly one file, in the field file' },
      ]);
    }
    const data = await fingerprint.file(part);
    if (part.file.truncated) {
      throw new DomainException(413, 'FILE_TOO_LARGE', 'The uploaded file is larger than allowed');
    }
    file = { data, filename: part.filename ?? 'resume' };
  }
  fingerprint.finish();
  if (!file) {
    throw new BadRequestProblem('FILE_REQUIRED', 'No file was uploaded', [
      { field: 'file', message: 'file is required' },
    ]);
  }
  return file;
}
