import type { FastifyRequest } from 'fastify';
import { BadRequestProblem, DomainException } from '../../common/errors/domain.exception';
import type { UploadedFile } from '../../common/http/body-reader';
import { validateDto } from '../../common/http/body-reader';
import { multipartFingerprintOf } from '../../common/http/multipart-fingerprint';
import { TranscribeDto } from '../dto/transcribe.dto';

export function requireMultipart(request: FastifyRequest): void {
  if (!request.isMultipart()) {
    throw new DomainException(
      415,
      'MULTIPART_REQUIRED',
      'Send the audio as multipart/form-data in a field named file',
    );
  }
}

// POST /api/transcribe: multipart { file, answer_id?, language? }. The route's own size limit is
// passed to @fastify/multipart, which stops streaming past it (413 before the body is buffered).
export async function readAudioUpload(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ dto: TranscribeDto; file: UploadedFile }> {
  requireMultipart(request);
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  const fingerprint = multipartFingerprintOf(request);
  for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
    if (part.type !== 'file') {
      fingerprint.field(part);
      fields[part.fieldname] = String(part.value);
      continue;
    }
    if (part.fieldname !== 'file') {
      await part.toBuffer().catch(() => undefined);
      throw new BadRequestProblem('UNEXPECTED_FILE', `Unexpected file field "${part.fieldname}"`, [
        { field: part.fieldname, message: 'send the audio in the field file' },
      ]);
    }
    const data = await fingerprint.file(part);
    if (part.file.truncated) {
      throw new DomainException(
        413,
        'FILE_TOO_LARGE',
        `The audio is larger than ${maxBytes} bytes`,
      );
    }
    file = { data, filename: part.filename ?? 'audio', mimetype: part.mimetype, field: 'file' };
  }
  fingerprint.finish();
  const dto = await validateDto(TranscribeDto, fields);
  if (!file) {
    throw new BadRequestProblem('FILE_REQUIRED', 'No audio file was uploaded', [
      { field: 'file', message: 'file is required' },
    ]);
  }
  return { dto, file };
}
