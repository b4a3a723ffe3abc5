import { GoogleGenAI, type Schema } from '@google/genai';
import { Logger, type LoggerService } from '@nestjs/common';
import type {
  AiProvider,
  AnswerScore,
  AnswerToScore,
  DraftQuestion,
  GenerationResult,
  QuestionRequest,
} from '../ai-provider';
import { applyGuardCaps, detectAnswerGuards, guardFlags } from '../offline/answer-guards';
import {
  GeminiOutputError,
  parseAnswerScore,
  parseDraftQuestions,
} from './gemini-output.validator';
import { buildQuestionPrompt, buildScoringPrompt, type GeminiPrompt } from './prompts';
import { ANSWER_SCORE_SCHEMA, DRAFT_QUESTIONS_SCHEMA } from './response-schemas';
import { type RetryPolicy, GeminiAttemptFailure, withGeminiRetries } from './retry-policy';

export interface GeminiProviderOptions {
  apiKey: string;
  model: string;
  // A proxy or a test fake; the SDK's public endpoint when unset.
  baseUrl?: string;
  // Per attempt.
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  retryTotalDelayBudgetMs?: number;
  // Pin an API version ("v1beta"); the SDK's default otherwise.
  apiVersion?: string;
}

export type GeminiFallbackReason =
  | 'gemini_timeout'
  | 'gemini_invalid_output'
  | 'gemini_unavailable'
  | 'gemini_rate_limited'
  | 'gemini_rejected';

export interface GeminiProviderDependencies {
  logger?: Pick<LoggerService, 'warn'>;
  sleep?: (ms: number) => Promise<void>;
}

class GeminiCallError extends Error {
  constructor(
    readonly reason: GeminiFallbackReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'GeminiCallError';
  }
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

// Gemini behind the AiProvider port. Every failure ends in the fallback provider (the offline
// one) with the reason recorded, so callers always get a usable, validated result.
export class GeminiAiProvider implements AiProvider {
  readonly name = 'gemini' as const;
  private readonly client: GoogleGenAI;
  private readonly retry: RetryPolicy;
  private readonly logger: Pick<LoggerService, 'warn'>;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly options: GeminiProviderOptions,
    private readonly fallback: AiProvider,
    dependencies: GeminiProviderDependencies = {},
  ) {
    this.client = new GoogleGenAI({
      apiKey: options.apiKey,
      ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
      httpOptions: {
        timeout: options.timeoutMs,
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      },
    });
    this.retry = {
      maxRetries: Math.max(0, options.maxRetries),
      baseDelayMs: options.retryBaseDelayMs ?? 500,
      maxDelayMs: options.retryMaxDelayMs ?? 4000,
      totalDelayBudgetMs: options.retryTotalDelayBudgetMs ?? 8000,
    };
    this.logger = dependencies.logger ?? new Logger(GeminiAiProvider.name);
    this.sleep = dependencies.sleep ?? defaultSleep;
  }

  generateQuestions(req: QuestionRequest): Promise<GenerationResult<DraftQuestion[]>> {
    return this.withFallback(
      'generateQuestions',
      async () =>
        parseDraftQuestions(
          await this.generate(buildQuestionPrompt(req), DRAFT_QUESTIONS_SCHEMA),
          req,
        ),
      () => this.fallback.generateQuestions(req),
    );
  }

  scoreAnswer(answer: AnswerToScore): Promise<GenerationResult<AnswerScore>> {
    return this.withFallback(
      'scoreAnswer',
      async () => {
        const text = await this.generate(buildScoringPrompt(answer), ANSWER_SCORE_SCHEMA);
        return this.applyGuards(parseAnswerScore(text, answer), answer);
      },
      () => this.fallback.scoreAnswer(answer),
    );
  }

  // The deterministic guards run on Gemini's verdict too, so a restated question, noise or a
  // copied reference answer is capped the same way whichever provider scored it.
  private applyGuards(score: AnswerScore, answer: AnswerToScore): AnswerScore {
    const flags = [...new Set([...score.flags, ...guardFlags(detectAnswerGuards(answer))])];
    return { ...score, flags, scores: applyGuardCaps(score.scores, flags) };
  }

  private async withFallback<T>(
    operation: string,
    attempt: () => Promise<T>,
    fallback: () => Promise<GenerationResult<T>>,
  ): Promise<GenerationResult<T>> {
    try {
      return { value: await attempt(), source: 'gemini' };
    } catch (error) {
      const reason = this.reasonFor(error);
      // Our own errors name an HTTP status or a JSON path; anything else is logged by class name
      // only, so neither prompt content nor credentials can reach the logs.
      const detail =
        error instanceof GeminiCallError || error instanceof GeminiOutputError
          ? error.message
          : ((error as Error | null)?.name ?? 'unknown error');
      this.logger.warn(`${operation} fell back to the offline provider (${reason}): ${detail}`);
      const result = await fallback();
      return { value: result.value, source: 'offline', fallbackReason: reason };
    }
  }

  private reasonFor(error: unknown): GeminiFallbackReason {
    if (error instanceof GeminiCallError) {
      return error.reason;
    }
    return error instanceof GeminiOutputError ? 'gemini_invalid_output' : 'gemini_unavailable';
  }

  private async generate(
    prompt: GeminiPrompt,
    responseSchema: Schema,
  ): Promise<string | undefined> {
    try {
      return await withGeminiRetries(
        async (fetchRecordingRetryAfter) =>
          (
            await this.client.models.generateContent({
              model: this.options.model,
              contents: prompt.userText,
              config: {
                systemInstruction: prompt.systemInstruction,
                temperature: prompt.temperature,
                responseMimeType: 'application/json',
                responseSchema,
                httpOptions: { fetch: fetchRecordingRetryAfter },
              },
            })
          ).text,
        { policy: this.retry, timeoutMs: this.options.timeoutMs, sleep: this.sleep },
      );
    } catch (failure) {
      if (!(failure instanceof GeminiAttemptFailure)) {
        throw failure;
      }
      if (failure.kind === 'invalid_output') {
        throw new GeminiOutputError(failure.detail);
      }
      throw new GeminiCallError(`gemini_${failure.kind}` as GeminiFallbackReason, failure.detail);
    }
  }
}
