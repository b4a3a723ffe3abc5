import { Logger } from '@nestjs/common';
import type { LlmResponseFormat } from '../../config/app-config';
import type { AiProvider } from '../ai-provider';
import {
  defaultSleep,
  HttpStatusError,
  ModelAttemptFailure,
  retryPolicyFrom,
  type RetryPolicy,
  withModelRetries,
} from '../gemini/retry-policy';
import {
  RemoteModelProvider,
  type ModelTask,
  type RemoteModelLogger,
} from '../remote-model.provider';
import { answerScoreFormat, DRAFT_QUESTIONS_FORMAT, type JsonSchemaFormat } from './json-schemas';

export interface OpenAiCompatibleOptions {
  // Up to and including the API version, e.g. http://localhost:11434/v1 (Ollama).
  baseUrl: string;
  model: string;
  apiKey?: string;
  // Per attempt.
  timeoutMs: number;
  maxRetries: number;
  // json_schema where the server supports it; json_object or none for servers that reject it (the
  // schema then travels in the prompt and the reply is parsed tolerantly).
  responseFormat: LlmResponseFormat;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  retryTotalDelayBudgetMs?: number;
}

export interface OpenAiCompatibleDependencies {
  logger?: RemoteModelLogger;
  sleep?: (ms: number) => Promise<void>;
}

interface ChatCompletion {
  choices?: Array<{ message?: { content?: unknown }; finish_reason?: unknown }>;
}

// Any OpenAI-compatible chat-completions endpoint: Ollama, vLLM, llama.cpp's server, LM Studio, or a
// hosted service. Plain fetch rather than the `openai` SDK: one POST is all it takes, our shared
// retry policy (Retry-After, budget, timeouts) must own retries anyway (the SDK retries on its
// own), and servers that only resemble OpenAI's API are better served without a client that
// tracks OpenAI's own features and headers.
export class OpenAiCompatibleAiProvider extends RemoteModelProvider {
  readonly name = 'openai_compatible' as const;
  protected readonly reasonPrefix = 'llm';
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly endpoint: string;

  constructor(
    private readonly options: OpenAiCompatibleOptions,
    fallback: AiProvider,
    dependencies: OpenAiCompatibleDependencies = {},
  ) {
    super(fallback, dependencies.logger ?? new Logger(OpenAiCompatibleAiProvider.name));
    this.endpoint = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    this.retry = retryPolicyFrom(options);
    this.sleep = dependencies.sleep ?? defaultSleep;
  }

  protected complete(task: ModelTask): Promise<string | undefined> {
    const format =
      task.kind === 'score' ? answerScoreFormat(task.answer.keyPoints) : DRAFT_QUESTIONS_FORMAT;
    const body = JSON.stringify(this.requestBody(task, format));
    return withModelRetries(
      async (fetchRecordingRetryAfter) => {
        const response = await fetchRecordingRetryAfter(this.endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
          },
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        if (!response.ok) {
          await response.body?.cancel();
          throw new HttpStatusError(response.status);
        }
        return this.replyText((await response.json()) as ChatCompletion);
      },
      { policy: this.retry, timeoutMs: this.options.timeoutMs, sleep: this.sleep },
    );
  }

  private requestBody(task: ModelTask, format: JsonSchemaFormat): Record<string, unknown> {
    const { responseFormat } = this.options;
    // Without schema-constrained decoding the model learns the shape from the prompt.
    const system =
      responseFormat === 'json_schema'
        ? task.prompt.systemInstruction
        : `${task.prompt.systemInstruction} Reply with one JSON object, and nothing else, that matches this JSON Schema: ${JSON.stringify(format.schema)}`;
    return {
      model: this.options.model,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: task.prompt.userText },
      ],
      temperature: task.prompt.temperature,
      stream: false,
      ...(responseFormat === 'json_schema'
        ? {
            response_format: {
              type: 'json_schema',
              json_schema: { name: format.name, strict: true, schema: format.schema },
            },
          }
        : responseFormat === 'json_object'
          ? { response_format: { type: 'json_object' } }
          : {}),
    };
  }

  private replyText(completion: ChatCompletion): string {
    const choice = completion.choices?.[0];
    const content = choice?.message?.content;
    if (typeof content !== 'string' || content.trim() === '') {
      throw new ModelAttemptFailure('invalid_output', 'no message content in the first choice');
    }
    if (choice?.finish_reason === 'length') {
      throw new ModelAttemptFailure('invalid_output', 'reply cut off at the token limit');
    }
    return content;
  }
}
