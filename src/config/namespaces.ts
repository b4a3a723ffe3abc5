import type { DynamicModule } from '@nestjs/common';
import { ConfigFactory, ConfigModule, registerAs } from '@nestjs/config';
import type { AppConfig } from './app-config';
import { loadConfiguration } from './configuration';
import { knownSettingNames } from './env.validation';

type Env = Record<string, string | undefined>;

// One validated load serves every namespace of a boot. It is reused while the validated
// settings stay as they were (development secrets filled in by the load included), and redone
// when they change, so an application created after the environment changed sees the change.
let last: { settings: string; config: AppConfig } | null = null;

function settingsOf(env: Env): string {
  return JSON.stringify(knownSettingNames().map((name) => env[name] ?? null));
}

function validatedConfiguration(): AppConfig {
  if (last?.settings !== settingsOf(process.env)) {
    const config = loadConfiguration(process.env);
    last = { settings: settingsOf(process.env), config };
  }
  return last.config;
}

// One registerAs factory per namespace: `ConfigService.get('auth')` and typed injection,
// `@Inject(authConfig.KEY) auth: ConfigType<typeof authConfig>`, read the same object.
export const appConfig = registerAs('app', () => validatedConfiguration().app);
export const databaseConfig = registerAs('database', () => validatedConfiguration().database);
export const authConfig = registerAs('auth', () => validatedConfiguration().auth);
export const cryptoConfig = registerAs('crypto', () => validatedConfiguration().crypto);
export const aiConfig = registerAs('ai', () => validatedConfiguration().ai);
export const videoConfig = registerAs('video', () => validatedConfiguration().video);
export const gdprConfig = registerAs('gdpr', () => validatedConfiguration().gdpr);
export const scoringConfig = registerAs('scoring', () => validatedConfiguration().scoring);
export const mailConfig = registerAs('mail', () => validatedConfiguration().mail);
export const careersConfig = registerAs('careers', () => validatedConfiguration().careers);
// Every validated setting by its variable name (`config.get('environment')`).
export const environmentConfig = registerAs(
  'environment',
  () => validatedConfiguration().environment,
);

// For ConfigModule.forRoot({ load }): every namespace of AppConfig, each exactly once.
export const configurationNamespaces: ConfigFactory[] = [
  appConfig,
  databaseConfig,
  authConfig,
  cryptoConfig,
  aiConfig,
  videoConfig,
  gdprConfig,
  scoringConfig,
  mailConfig,
  careersConfig,
  environmentConfig,
];

// The configuration of an application context: every namespace, global, read from the
// environment only (no .env file).
export function configurationModule(): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    load: configurationNamespaces,
  });
}
