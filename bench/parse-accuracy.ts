import { extname } from 'node:path';
import { extractResumeText } from '../src/resumes/parsing/extract-text';
import type { ResumeFileKind } from '../src/resumes/parsing/resume-file-type';
import { parseResumeText } from '../src/resumes/parsing/resume-parser';
import {
  findResumeCorpus,
  type GroundTruthEntry,
  RESUME_CORPUS_SETTING,
} from '../test/fixtures/resumes/resume-corpus';
import { FIELDS, type FileScore, type ParserAnswer, scoreFile, totals } from './parse-scoring';

// Parsing accuracy on a folder of résumés with a ground-truth.json (the format of the shared
// corpus). Usage: npm run bench:parse [-- <corpus dir>]; without an argument RESUME_CORPUS_DIR,
// else ../shared/corpus. Each file is parsed with its own `as_of` month as "today".
const KINDS: Record<string, ResumeFileKind> = { '.pdf': 'pdf', '.docx': 'docx', '.txt': 'txt' };

function asOf(entry: GroundTruthEntry): Date {
  const [year, month] = entry.as_of.split('-').map(Number);
  return new Date(year, month - 1, 15);
}

async function parseOne(bytes: Buffer, entry: GroundTruthEntry): Promise<ParserAnswer> {
  const kind = KINDS[extname(entry.file).toLowerCase()];
  if (!kind) {
    throw new Error(`${entry.file}: only .pdf, .docx and .txt files can be benchmarked`);
  }
  const { text } = await extractResumeText(bytes, kind);
  const parsed = parseResumeText(text, asOf(entry));
  return {
    parsed,
    currentPosition: parsed.current_position ?? null,
    currentCompany: parsed.current_company ?? null,
  };
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

function printTables(files: FileScore[]): void {
  const header = ['file', ...FIELDS, 'overall'];
  const rule = header.map(() => '---');
  const rows = files.map((file) => [
    file.file,
    ...FIELDS.map((field) => file.scores[field].toFixed(2)),
    percent(file.overall),
  ]);
  const total = totals(files);
  rows.push([
    `**total (${files.length} files)**`,
    ...FIELDS.map((field) => `**${percent(total.fields[field])}**`),
    `**${percent(total.overall)}**`,
  ]);
  console.log([header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n'));
  console.log('\nWhat the parser answered:\n');
  for (const file of files) {
    console.log(`- ${file.file}`);
    for (const field of FIELDS) {
      console.log(`  - ${field}: ${file.seen[field]}${file.scores[field] < 1 ? '  ✗' : ''}`);
    }
  }
  console.log(`\nOverall ${percent(total.overall)}`);
}

async function main(): Promise<void> {
  const corpus = findResumeCorpus(process.argv[2]);
  if (!corpus) {
    console.error(
      `No résumé corpus: pass a folder with a ground-truth.json, set ${RESUME_CORPUS_SETTING}, ` +
        'or place the shared corpus at ../shared/corpus.',
    );
    process.exitCode = 2;
    return;
  }
  console.log(`Corpus: ${corpus.dir} (${corpus.entries.length} files)\n`);
  const files: FileScore[] = [];
  for (const entry of corpus.entries) {
    files.push(scoreFile(entry, await parseOne(corpus.read(entry.file), entry)));
  }
  printTables(files);
}

void main();
