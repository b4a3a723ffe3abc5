import { ZipArchive } from 'archiver';
import type {
  PersonalDataExport,
  PersonalDataFile,
  PersonalDataRow,
  WithheldRecords,
} from '../../kernel/personal-data/personal-data-handler';
import { toCsv } from './csv';

export interface ExportDocument {
  exportId: string;
  generatedAt: Date;
  subject: { user_id: string | null; candidate_id: string | null };
  records: Record<string, PersonalDataRow[]>;
  files: PersonalDataFile[];
  withheld: Record<string, WithheldRecords>;
}

const RECORD_TYPE = /^[a-z][a-z0-9_]{0,60}$/;

// Handlers' parts, in handler order, as one document. Two handlers using the same record type
// share one list.
export function mergeExports(parts: readonly PersonalDataExport[]): {
  records: Record<string, PersonalDataRow[]>;
  files: PersonalDataFile[];
  withheld: Record<string, WithheldRecords>;
} {
  const records: Record<string, PersonalDataRow[]> = {};
  const files: PersonalDataFile[] = [];
  const withheld: Record<string, WithheldRecords> = {};
  for (const part of parts) {
    for (const [type, rows] of Object.entries(part.records)) {
      if (!RECORD_TYPE.test(type)) {
        throw new Error(`Invalid export record type "${type}"`);
      }
      records[type] = [...(records[type] ?? []), ...rows];
    }
    files.push(...(part.files ?? []));
    for (const [type, entry] of Object.entries(part.withheld ?? {})) {
      if (entry.count > 0) {
        withheld[type] = {
          count: (withheld[type]?.count ?? 0) + entry.count,
          reason: entry.reason,
        };
      }
    }
  }
  return { records, files, withheld };
}

// Every id of every exported row: lets later handlers (audit) find entries about them.
export function exportedIds(records: Record<string, PersonalDataRow[]>): string[] {
  return Object.values(records).flatMap((rows) =>
    rows.map((r) => r.id).filter((id): id is string => typeof id === 'string'),
  );
}

function header(doc: ExportDocument) {
  return {
    export_id: doc.exportId,
    generated_at: doc.generatedAt.toISOString(),
    subject: doc.subject,
    record_counts: Object.fromEntries(
      Object.entries(doc.records).map(([type, rows]) => [type, rows.length]),
    ),
    withheld: doc.withheld,
  };
}

// One JSON document; uploaded files are embedded as base64 so the download is self-contained.
export function buildJsonExport(doc: ExportDocument): Buffer {
  return Buffer.from(
    JSON.stringify(
      {
        ...header(doc),
        records: doc.records,
        files: doc.files.map((f) => ({
          path: f.path,
          content_type: f.contentType,
          size_bytes: f.data.length,
          data_base64: f.data.toString('base64'),
        })),
      },
      null,
      2,
    ),
    'utf8',
  );
}

// A zip: export.json (metadata), one <record type>.csv per type, and the original files under
// files/.
export async function buildZipExport(doc: ExportDocument): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    archive.on('end', () => resolve());
    archive.on('error', reject);
  });
  const date = doc.generatedAt;
  archive.append(JSON.stringify(header(doc), null, 2), { name: 'export.json', date });
  for (const [type, rows] of Object.entries(doc.records)) {
    archive.append(toCsv(rows), { name: `${type}.csv`, date });
  }
  for (const file of doc.files) {
    archive.append(file.data, { name: `files/${file.path}`, date });
  }
  await archive.finalize();
  await ended;
  return Buffer.concat(chunks);
}
