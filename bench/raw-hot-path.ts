import Busboy from '@fastify/busboy';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import type { AppConfig } from '../src/config/app-config';
import type { CryptoService } from '../src/crypto/crypto.service';
import { JOB_ROW_COLUMNS } from '../src/jobs/job.presenter';

// The raw twins of the issue-16 scenarios (bench/hot-path.ts): one job by id, the first page of
// the list, and an application carrying a résumé — the same statements as the API, without the
// framework, guards, validation, logging or presenters.
type Handler = (req: IncomingMessage, params: URLSearchParams) => Promise<[number, unknown]>;
type Apply = (
  body: { job_id: string; applicant_name: string; applicant_email: string },
  withinTransaction?: (client: PoolClient) => Promise<void>,
) => Promise<unknown>;

interface Upload {
  fields: Record<string, string>;
  file: Buffer | null;
  filename: string;
}

function readMultipart(req: IncomingMessage): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const upload: Upload = { fields: {}, file: null, filename: 'resume' };
    const parser = new Busboy({ headers: req.headers as never, limits: { files: 1 } });
    parser.on('field', (name: string, value: string) => (upload.fields[name] = value));
    parser.on('file', (_name: string, stream: NodeJS.ReadableStream, filename: string) => {
      const chunks: Buffer[] = [];
      upload.filename = filename;
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => (upload.file = Buffer.concat(chunks)));
    });
    parser.on('finish', () => resolve(upload));
    parser.on('error', reject);
    req.pipe(parser);
  });
}

export function hotPathRoutes(deps: {
  pool: Pool;
  crypto: CryptoService;
  config: AppConfig;
  apply: Apply;
}): Map<string, Handler> {
  const { pool, crypto, config, apply } = deps;
  const files = join(config.app.dataDir, 'files');
  const strip = ({ cursor_at: _c, ...job }: Record<string, unknown>) => job;
  return new Map<string, Handler>([
    [
      '/job',
      async (_req, params) => {
        const { rows } = await pool.query(
          `SELECT ${JOB_ROW_COLUMNS} FROM jobs j WHERE j.id = $1 AND j.status = 'Open' AND j.archived_at IS NULL`,
          [params.get('id')],
        );
        return rows[0] ? [200, strip(rows[0])] : [404, {}];
      },
    ],
    [
      '/list',
      async () => {
        const { rows } = await pool.query(
          `SELECT ${JOB_ROW_COLUMNS} FROM jobs j WHERE j.status = 'Open' AND j.archived_at IS NULL
            ORDER BY j.created_at DESC, j.id DESC LIMIT 21`,
        );
        return [200, { items: rows.slice(0, 20).map(strip), next_cursor: 'x', limit: 20 }];
      },
    ],
    [
      // Multipart parse, magic-byte check, encrypted file written then renamed, then inside the
      // apply transaction: the upload-quota charge, the résumé row and its link.
      '/apply-resume',
      async (req, params) => {
        const upload = await readMultipart(req);
        if (!upload.file || upload.file.subarray(0, 5).toString() !== '%PDF-') {
          return [415, {}];
        }
        const data = upload.file;
        const key = `resume-${randomUUID()}`;
        const path = join(files, key.slice(7, 9), key);
        await mkdir(join(files, key.slice(7, 9)), { recursive: true });
        const temp = `${path}.${randomUUID()}.tmp`;
        await writeFile(temp, crypto.encryptBuffer(data, `file:${key}`), { mode: 0o600 });
        await rename(temp, path);
        const resumeId = randomUUID();
        const created = await apply(
          {
            job_id: params.get('job_id')!,
            applicant_name: upload.fields.applicant_name,
            applicant_email: upload.fields.applicant_email,
          },
          async (client) => {
            await client.query(
              `INSERT INTO upload_quota_windows AS q (key, window_start, bytes, files)
               VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / 3600) * 3600), $2, 1)
               ON CONFLICT (key, window_start) DO UPDATE SET bytes = q.bytes + EXCLUDED.bytes, files = q.files + 1`,
              [crypto.pseudonym('upload-quota', req.socket.remoteAddress ?? ''), data.length],
            );
            await client.query(
              `INSERT INTO resumes (id, storage_key, original_filename_encrypted, file_kind, content_type, size_bytes, content_hash)
               VALUES ($1, $2, $3, 'pdf', 'application/pdf', $4, $5)`,
              [
                resumeId,
                key,
                crypto.encrypt(upload.filename, `r.${resumeId}`),
                data.length,
                createHash('sha256').update(data).digest('hex'),
              ],
            );
          },
        );
        return [201, { ...(created as object), resume_id: resumeId }];
      },
    ],
  ]);
}
