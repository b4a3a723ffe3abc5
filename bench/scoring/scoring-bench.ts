import { Logger } from '@nestjs/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AiProvider } from '../../src/ai/ai-provider';
import {
  answerToScore,
  loadEvaluationSet,
  scoreEvaluationSet,
  summarise,
  type AgreementSummary,
  type EvaluationSet,
  type ScoredAnswer,
} from '../../src/ai/evaluation/evaluation-set';
import { GeminiAiProvider } from '../../src/ai/gemini/gemini-ai.provider';
import { OfflineAiProvider } from '../../src/ai/offline/offline-ai.provider';
import { scoringVocabulary } from '../../src/ai/offline/scoring-vocabulary';
import { cosineSimilarity } from '../../src/ai/offline/text/term-weights';
import { contentTerms, wordTokens } from '../../src/ai/offline/text/tokenizer';
import { OpenAiCompatibleAiProvider } from '../../src/ai/openai-compatible/openai-compatible.provider';

// npm run bench:scoring — agreement of every configured scorer with the human grades of
// test/fixtures/scoring (dev and held-out reported apart), next to two raw baselines computed in
// the same run: answer length, and TF-IDF similarity to the reference answer.
// BENCH_DETAIL=dev prints every dev answer's scores (never the held-out ones: they are not for tuning).

const FIXTURES = resolve(__dirname, '../../../test/fixtures/scoring');
const SPLITS = ['dev', 'held-out'] as const;

interface Scorer {
  label: string;
  score(set: EvaluationSet): Promise<ScoredAnswer[]>;
}

function providerScorer(label: string, provider: AiProvider): Scorer {
  return { label, score: (set) => scoreEvaluationSet(provider, set) };
}

// A raw baseline: a number per answer, nothing else.
function baseline(label: string, measure: (text: string, gold: string) => number): Scorer {
  return {
    label,
    score: (set) =>
      Promise.resolve(
        set.questions.flatMap((q) =>
          q.answers.map((a) => ({
            id: `${q.id}/${a.category}`,
            questionType: q.type,
            category: a.category,
            human: a.human,
            machine: measure(answerToScore(q, a).answerText, q.gold),
            needsReview: false,
            source: 'offline',
            flags: [],
          })),
        ),
      ),
  };
}

function configuredScorers(): Scorer[] {
  const offline = new OfflineAiProvider();
  const quiet = { warn: (message: unknown) => new Logger('bench').warn(String(message)) };
  const scorers = [providerScorer('offline', offline)];
  if (process.env.GEMINI_API_KEY) {
    scorers.push(
      providerScorer(
        `gemini (${process.env.GEMINI_MODEL ?? 'gemini-2.5-flash'})`,
        new GeminiAiProvider(
          {
            apiKey: process.env.GEMINI_API_KEY,
            model: process.env.GEMINI_MODEL ?? 'gemini-2.5-flash',
            baseUrl: process.env.GEMINI_BASE_URL,
            timeoutMs: Number(process.env.GEMINI_TIMEOUT_MS ?? 20000),
            maxRetries: 2,
          },
          offline,
          { logger: quiet },
        ),
      ),
    );
  }
  if (process.env.LLM_BASE_URL && process.env.LLM_MODEL) {
    scorers.push(
      providerScorer(
        `openai_compatible (${process.env.LLM_MODEL})`,
        new OpenAiCompatibleAiProvider(
          {
            baseUrl: process.env.LLM_BASE_URL,
            model: process.env.LLM_MODEL,
            apiKey: process.env.LLM_API_KEY,
            timeoutMs: Number(process.env.LLM_TIMEOUT_MS ?? 60000),
            maxRetries: 2,
            responseFormat:
              (process.env.LLM_RESPONSE_FORMAT as 'json_schema' | 'json_object' | 'none') ??
              'json_schema',
          },
          offline,
          { logger: quiet },
        ),
      ),
    );
  }
  const { weights } = scoringVocabulary();
  scorers.push(
    baseline('baseline: answer length (words)', (text) => wordTokens(text).length),
    baseline('baseline: TF-IDF cosine to the reference', (text, gold) =>
      cosineSimilarity(weights.vector(contentTerms(text)), weights.vector(contentTerms(gold))),
    ),
  );
  return scorers;
}

const f = (value: number, digits = 2): string =>
  Number.isNaN(value) ? '–' : value.toFixed(digits);

function row(label: string, split: string, s: AgreementSummary, fellBack: number): string {
  const baselineRow = label.startsWith('baseline');
  return `| ${label} | ${split} | ${s.answers} | ${f(s.spearman)} | ${f(s.pearson)} | ${baselineRow ? '–' : f(s.mae)} | ${baselineRow ? '–' : `${s.confidentlyWrongAtLeast6} of ${s.confidentlyWrong}`} | ${baselineRow ? '–' : f(s.keywordListMax, 1)} | ${baselineRow ? '–' : `${s.flaggedForReview} (${s.confidentlyWrongFlagged} wrong)`} | ${fellBack} |`;
}

function categoryRow(label: string, split: string, s: AgreementSummary): string {
  const m = s.meanByCategory;
  return `| ${label} | ${split} | ${f(m.excellent, 1)} | ${f(m.good_incomplete, 1)} | ${f(m.vague, 1)} | ${f(m.confidently_wrong, 1)} | ${f(m.keyword_list, 1)} | ${f(m.off_topic, 1)} |`;
}

async function main(): Promise<void> {
  const sets = Object.fromEntries(
    SPLITS.map((split) => [split, loadEvaluationSet(resolve(FIXTURES, `${split}.json`))]),
  ) as Record<(typeof SPLITS)[number], EvaluationSet>;
  const agreement = [
    '| scorer | split | answers | Spearman | Pearson | MAE | confidently wrong ≥ 6 | keyword lists max | flagged for review | fell back |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const categories = [
    '| scorer | split | excellent | good but incomplete | vague | confidently wrong | keyword list | off-topic |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const detail: string[] = [];
  for (const scorer of configuredScorers()) {
    const all: ScoredAnswer[] = [];
    for (const split of SPLITS) {
      const scored = await scorer.score(sets[split]);
      all.push(...scored);
      const fellBack =
        scorer.label.startsWith('offline') || scorer.label.startsWith('baseline')
          ? 0
          : scored.filter((s) => s.source === 'offline').length;
      agreement.push(row(scorer.label, split, summarise(scored), fellBack));
      categories.push(categoryRow(scorer.label, split, summarise(scored)));
      if (
        split === 'dev' &&
        process.env.BENCH_DETAIL === 'dev' &&
        !scorer.label.startsWith('baseline')
      ) {
        detail.push(
          ...scored.map(
            (s) =>
              `${scorer.label}\t${s.id}\thuman ${s.human}\tmachine ${s.machine.toFixed(2)}${s.needsReview ? '\treview' : ''}\t${s.flags.join(',')}`,
          ),
        );
      }
    }
    if (!scorer.label.startsWith('baseline')) {
      agreement.push(row(scorer.label, 'all', summarise(all), 0));
    }
  }
  const report = [
    `Scoring agreement with human grades — ${new Date().toISOString()}`,
    '',
    ...agreement,
    '',
    'Mean overall score per answer category:',
    '',
    ...categories,
    '',
  ].join('\n');
  console.log(report);
  if (detail.length > 0) {
    console.log(detail.join('\n'));
  }
  const out = resolve(__dirname, '../../../bench/out');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'scoring-last-run.md'), `${report}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
