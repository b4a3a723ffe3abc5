import { GoogleGenAI, type Schema } from '@google/genai';
import { Logger } from '@nestjs/common';
import type { AiProvider } from '../ai-provider';
import {
  RemoteModelProvider,
  type ModelTask,
  type RemoteModelLogger,
} from '../remote-model.provider';
import { answerScoreSchema, DRAFT_QUESTIONS_SCHEMA } from './response-schemas';
import { defaultSleep, retryPolicyFrom, type RetryPolicy, withModelRetries } from './retry-policy';

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
  logger?: RemoteModelLogger;
  sleep?: (ms: number) => Promise<void>;
}

// Gemini through @google/genai with structured output (responseSchema). Every failure ends in the
// fallback provider (the offline one) with the reason recorded.
export class GeminiAiProvider extends RemoteModelProvider {
  readonly name = 'gemini' as const;
  protected readonly reasonPrefix = 'gemini';
  private readonly client: GoogleGenAI;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly options: GeminiProviderOptions,
    fallback: AiProvider,
    dependencies: GeminiProviderDependencies = {},
  ) {
    super(fallback, dependencies.logger ?? new Logger(GeminiAiProvider.name));
    this.client = new GoogleGenAI({
      apiKey: options.apiKey,
      ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
      httpOptions: {
        timeout: options.timeoutMs,
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      },
    });
    this.retry = retryPolicyFrom(options);
    this.sleep = dependencies.sleep ?? defaultSleep;
  }

  protected complete(task: ModelTask): Promise<string | undefined> {
    const responseSchema: Schema =
      task.kind === 'score' ? answerScoreSchema(task.answer.keyPoints) : DRAFT_QUESTIONS_SCHEMA;
    return withModelRetries(
      async (fetchRecordingRetryAfter) =>
        (
          await this.client.models.generateContent({
            model: this.options.model,
            contents: task.prompt.userText,
            config: {
              systemInstruction: task.prompt.systemInstruction,
              temperature: task.prompt.temperature,
              responseMimeType: 'application/json',
              responseSchema,
              httpOptions: { fetch: fetchRecordingRetryAfter },
            },
          })
        ).text,
      { policy: this.retry, timeoutMs: this.options.timeoutMs, sleep: this.sleep },
    );
  }
}
