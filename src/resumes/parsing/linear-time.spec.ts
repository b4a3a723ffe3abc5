import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkSync } from 'recheck';
import * as ts from 'typescript';
import { measureClarity } from '../../ai/offline/clarity';
import { clauses } from '../../ai/offline/text/clauses';
import { sentences, wordTokens } from '../../ai/offline/text/tokenizer';
import { countFillers } from '../../media/analysis/speech-metrics';
import { scanSkillMentions } from '../../skills/skill-text-scanner';
import { findDateRanges } from './resume-dates';
import { lineParts } from './resume-line-parts';
import { parseResumeText, stripContactDetails } from './resume-parser';
import { splitSections } from './resume-sections';
import { normalizeResumeText } from './resume-text';
import { wordXmlToLines } from './word-xml-text';

// Issue #13.4: a 30 KB upload ("Jane Doe\n" + 30,000 spaces + "x") held the event loop for 24 s
// because overlapping quantifiers backtracked quadratically. Two checks, neither timed against a
// clock: every regular expression literal in the code that reads request data or uploaded text
// passes recheck (a ReDoS checker that proves or refutes super-linear backtracking), and every
// function over such text does at most ~linear work when its hostile input grows eightfold.
const ROOT = join(__dirname, '..', '..', '..');

// The files reviewed in test/security/README.md ("Regular expressions over untrusted text").
const REVIEWED_FILES = [
  'src/resumes/parsing',
  'src/skills',
  'src/resumes/resume-download-name.ts',
  'src/media/analysis/speech-metrics.ts',
  'src/media/files/raw-upload-parser.ts',
  'src/media/transcription/transcript-validator.ts',
  'src/auth/passwords/common-passwords.ts',
  'src/auth/guards/jwt-auth.guard.ts',
  'src/throttling/rate-limit-tracker.ts',
  'src/ai/offline',
  'src/ai/model-output',
  'src/interviews/integrity/answer-fingerprint.ts',
  'src/questions/question-history.service.ts',
  'src/candidates/candidate-identity.service.ts',
  'src/candidates/matching/match-scorer.ts',
  'src/jobs/salary.ts',
  'src/webhooks/ssrf-guard.ts',
  'src/app.setup.ts',
  'src/jobs/jobs.service.ts',
  'src/auth/users.service.ts',
];

// Literals recheck calls polynomial that only ever see input made safe first (the README gives
// each reason): skill names of at most 60 characters, a practice track of 100, a job title of 200;
// sentences whose blank runs were collapsed to single spaces; a model's listed key point after
// normalisation to single spaces without line breaks. Keyed "file:pattern".
const GUARDED = new Set([
  'src/ai/offline/question-bank/index.ts:^[\\s,;:]+|[\\s,;:.]+$',
  'src/ai/offline/question-bank/index.ts:\\s*\\(.*\\)$',
  'src/ai/offline/question-bank/index.ts:\\s*(?:\\/|&|,| and )\\s*',
  'src/ai/offline/text/clauses.ts:\\s*[;:–—]\\s*|\\s+-\\s+|,\\s+(?:and|or|then|otherwise)\\s+|,?\\s+\\b(?:but|whereas|while|although|though|because|since|so that|so|which means|instead|otherwise)\\b\\s+',
  'src/ai/model-output/key-point-resolver.ts:^(?:key point |kp )?#?(\\d{1,2})(?:\\s+(.*))?$',
]);

interface RegexLiteral {
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(entry: string): string[] {
  const path = join(ROOT, entry);
  if (entry.endsWith('.ts')) {
    return [path];
  }
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
    .map((name) => join(path, name));
}

function regexLiterals(file: string): RegexLiteral[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: RegexLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(source);
      const slash = literal.lastIndexOf('/');
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push({
        where: `${relative(ROOT, file)}:${line + 1}`,
        source: literal.slice(1, slash),
        flags: literal.slice(slash + 1),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('13.4 regular expressions over untrusted text', () => {
  const literals = REVIEWED_FILES.flatMap(sourceFiles).flatMap(regexLiterals);

  it('finds the literals of every reviewed file', () => {
    expect(literals.length).toBeGreaterThan(100);
  });

  it('passes recheck: no literal backtracks super-linearly', () => {
    const vulnerable = literals
      .map((literal) => ({
        literal,
        result: checkSync(literal.source, literal.flags, { randomSeed: 13, timeout: 60_000 }),
      }))
      .filter(({ literal, result }) => {
        const guarded = GUARDED.has(`${literal.where.split(':')[0]}:${literal.source}`);
        return result.status !== 'safe' && !guarded;
      })
      .map(({ literal, result }) => `${literal.where} /${literal.source}/ → ${result.status}`);
    expect(vulnerable).toEqual([]);
  }, 900_000);
});

// ---------------------------------------------------------------------------------------------
// Size scaling: CPU time at n characters and at 8n, each the fastest of two runs of the same
// number of calls (calibrated at n so a run takes tens of milliseconds, well above the clock's
// tick). Linear work grows about 8×, quadratic 64×; the bound leaves room for garbage
// collection and a busy machine.
const SMALL = 4_000;
const GROWTH = 8;
const MAX_RATIO = 24;
const TARGET_MICROS = 5_000;

// A full collection before each measurement, when the runtime allows one: late in a long test
// run the heap is large and a major collection landing in one measurement would read as work.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as (() => void) | undefined;

function cpuMicros(calls: number, run: () => unknown, collect: boolean): number {
  let best = Infinity;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (collect) {
      collectGarbage?.();
    }
    const before = process.cpuUsage();
    for (let call = 0; call < calls; call += 1) {
      run();
    }
    const used = process.cpuUsage(before);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

function measuredRatio(
  subject: (text: string) => unknown,
  small: string,
  large: string,
  collect: boolean,
): number {
  let calls = 1;
  while (calls < 4_096 && cpuMicros(calls, () => subject(small), false) < TARGET_MICROS) {
    calls *= 2;
  }
  const largeMicros = cpuMicros(calls, () => subject(large), collect);
  return (
    largeMicros /
    Math.max(
      cpuMicros(calls, () => subject(small), collect),
      1,
    )
  );
}

// Quadratic work fails every measurement; a pause of the machine or a major collection fails one.
// So a ratio over the bound is measured again, twice at most, after a full collection, and the
// lowest counts.
function growthRatio(subject: (text: string) => unknown, input: (n: number) => string): number {
  const small = input(SMALL);
  const large = input(SMALL * GROWTH);
  let ratio = measuredRatio(subject, small, large, false);
  for (let retry = 0; retry < 2 && ratio >= MAX_RATIO; retry += 1) {
    ratio = Math.min(ratio, measuredRatio(subject, small, large, true));
  }
  return ratio;
}

const repeat = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length));

// Hostile shapes: long runs of one character class, and short units repeated many times.
const HOSTILE: Record<string, (n: number) => string> = {
  'the reported upload: a name, then spaces': (n) => `Jane Doe\n${' '.repeat(n)}x`,
  'a run of tabs': (n) => `Jane Doe\n${'\t'.repeat(n)}x`,
  'one long word': (n) => 'a'.repeat(n),
  'dotted labels': (n) => repeat('a.', n),
  'a chain of short skills': (n) => repeat('R, ', n),
  'dates without an end': (n) => repeat('Jan 2020 – ', n),
  'years and dashes': (n) => repeat('2020-', n),
  'capitals on every line': (n) => repeat('WORK EXPERIENCE\n', n),
  'capitals then spaces': (n) => `SKILLS${' '.repeat(n)}x`,
  'labels without a value': (n) => `Skills:${repeat(' :', n)}`,
  'at-signs and dots': (n) => repeat('a.b@', n),
  'digit groups': (n) => repeat('12 ', n),
  'pipes and bullets': (n) => repeat(' | • ', n),
  'seasons and years': (n) => repeat('Summer 2012 and ', n),
  'soft hyphens and dashes': (n) => repeat('\u00ad –', n),
  'apostrophes inside a word': (n) => `x${"'".repeat(n)}y`,
  'unclosed parentheses': (n) => repeat('(a ', n),
  icons: (n) => repeat('\uf0e0 ', n),
  'unclosed comments': (n) => repeat('<!--', n),
  'unclosed CDATA': (n) => repeat('<![CDATA[', n),
  'a tag that never closes': (n) => `<w:t a="${'x'.repeat(n)}`,
  'paragraph runs': (n) => repeat('<w:p><w:r><w:t>a</w:t></w:r></w:p>', n),
};

const ALL = Object.keys(HOSTILE).slice(0, 18);
const LINE_SHAPES = [
  'the reported upload: a name, then spaces',
  'one long word',
  'dotted labels',
  'a chain of short skills',
  'pipes and bullets',
  'apostrophes inside a word',
];
const NOW = new Date(2024, 5, 15);

// Each function that reads uploaded or submitted text, with the shapes that reach its patterns.
const SUBJECTS: [string, (text: string) => unknown, string[]][] = [
  ['parseResumeText', (text) => parseResumeText(text, NOW), ALL],
  ['stripContactDetails', stripContactDetails, ALL],
  ['normalizeResumeText', normalizeResumeText, ['soft hyphens and dashes', 'icons']],
  [
    'splitSections',
    splitSections,
    [...LINE_SHAPES, 'capitals on every line', 'capitals then spaces', 'labels without a value'],
  ],
  [
    'findDateRanges',
    (text) => findDateRanges(text, NOW),
    [
      ...LINE_SHAPES,
      'dates without an end',
      'years and dashes',
      'seasons and years',
      'digit groups',
    ],
  ],
  ['lineParts', lineParts, [...LINE_SHAPES, 'icons', 'at-signs and dots']],
  [
    'scanSkillMentions (prose)',
    (text) => scanSkillMentions(text),
    [...LINE_SHAPES, 'labels without a value'],
  ],
  [
    'scanSkillMentions (a list)',
    (text) => scanSkillMentions(text, { listContext: true }),
    LINE_SHAPES,
  ],
  ['countFillers (transcripts)', countFillers, LINE_SHAPES],
  ['measureClarity (answers)', measureClarity, LINE_SHAPES],
  ['clauses (answers)', clauses, LINE_SHAPES],
  [
    'wordTokens and sentences (answers)',
    (text) => [wordTokens(text), sentences(text)],
    LINE_SHAPES,
  ],
  [
    'wordXmlToLines (DOCX parts)',
    wordXmlToLines,
    [
      'unclosed comments',
      'unclosed CDATA',
      'a tag that never closes',
      'paragraph runs',
      'one long word',
    ],
  ],
];

describe('13.4 work on hostile text grows linearly with its length', () => {
  describe.each(SUBJECTS)('%s', (_name, subject, shapes) => {
    it.each(shapes)('on %s', (shape) => {
      expect(growthRatio(subject, HOSTILE[shape])).toBeLessThan(MAX_RATIO);
    });
  });
});
