import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AiSettings, AppConfig } from '../config/app-config';
import { AI_PROVIDER } from './ai-provider';
import type { AiProvider } from './ai-provider';
import { GeminiAiProvider } from './gemini/gemini-ai.provider';
import { OfflineAiProvider } from './offline/offline-ai.provider';
import { OpenAiCompatibleAiProvider } from './openai-compatible/openai-compatible.provider';

// Retries per call before a model falls back to the offline provider (each attempt has its own
// timeout: GEMINI_TIMEOUT_MS or LLM_TIMEOUT_MS).
const MODEL_MAX_RETRIES = 2;

export function createAiProvider(settings: AiSettings, offline: OfflineAiProvider): AiProvider {
  if (settings.provider === 'gemini' && settings.geminiApiKey) {
    return new GeminiAiProvider(
      {
        apiKey: settings.geminiApiKey,
        model: settings.geminiModel,
        baseUrl: settings.geminiBaseUrl ?? undefined,
        timeoutMs: settings.timeoutMs,
        maxRetries: MODEL_MAX_RETRIES,
      },
      offline,
      { logger: new Logger('GeminiAiProvider') },
    );
  }
  if (settings.provider === 'openai_compatible' && settings.llm) {
    return new OpenAiCompatibleAiProvider(
      {
        baseUrl: settings.llm.baseUrl,
        model: settings.llm.model,
        apiKey: settings.llm.apiKey ?? undefined,
        timeoutMs: settings.llm.timeoutMs,
        maxRetries: MODEL_MAX_RETRIES,
        responseFormat: settings.llm.responseFormat,
      },
      offline,
      { logger: new Logger('OpenAiCompatibleAiProvider') },
    );
  }
  return offline;
}

// AI_PROVIDER is the configured model (Gemini, or a self-hosted OpenAI-compatible server), with
// the offline provider as its fallback, or the offline provider itself. OfflineAiProvider is also
// exported for features that are offline by design (practice questions).
@Module({
  providers: [
    OfflineAiProvider,
    {
      provide: AI_PROVIDER,
      inject: [ConfigService, OfflineAiProvider],
      useFactory: (config: ConfigService<AppConfig, true>, offline: OfflineAiProvider) =>
        createAiProvider(config.get<AiSettings>('ai'), offline),
    },
  ],
  exports: [AI_PROVIDER, OfflineAiProvider],
})
export class AiModule {}
