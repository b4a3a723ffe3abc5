import { Global, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AiSettings, AppConfig } from '../config/app-config';
import { AI_PROVIDER } from './ai-provider';
import type { AiProvider } from './ai-provider';
import { GeminiAiProvider } from './gemini/gemini-ai.provider';
import { OfflineAiProvider } from './offline/offline-ai.provider';

// Retries per call before Gemini falls back to the offline provider (each attempt has its own
// GEMINI_TIMEOUT_MS).
const GEMINI_MAX_RETRIES = 2;

export function createAiProvider(settings: AiSettings, offline: OfflineAiProvider): AiProvider {
  if (settings.provider !== 'gemini' || !settings.geminiApiKey) {
    return offline;
  }
  return new GeminiAiProvider(
    {
      apiKey: settings.geminiApiKey,
      model: settings.geminiModel,
      baseUrl: settings.geminiBaseUrl ?? undefined,
      timeoutMs: settings.timeoutMs,
      maxRetries: GEMINI_MAX_RETRIES,
    },
    offline,
    { logger: new Logger('GeminiAiProvider') },
  );
}

// AI_PROVIDER is Gemini (with the offline provider as its fallback) when GEMINI_API_KEY is set,
// else the offline provider. OfflineAiProvider is also exported for features that are offline by
// design (practice questions).
@Global()
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
