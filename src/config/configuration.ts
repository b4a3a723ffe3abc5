import { ensureSecrets } from './dev-secrets';
import { AppConfig, buildAppConfig } from './app-config';
import { knownSettingNames, validateEnvironment } from './env.validation';

type Env = Record<string, string | undefined>;

// The validated settings by their variable names, for modules that read a setting by name
// (`config.get<Env>('environment')`): only names the validation knows are present.
function validatedSettings(env: Env): Readonly<Env> {
  return Object.freeze(Object.fromEntries(knownSettingNames().map((name) => [name, env[name]])));
}

// The single entry point: validate the raw environment, fill development secrets, build the typed
// tree. Each top-level key of AppConfig is one namespace read through ConfigService.
export function loadConfiguration(env: Env = process.env): AppConfig {
  validateEnvironment(env);
  const secretsFile = ensureSecrets(env);
  const config = buildAppConfig(env);
  config.app.secretsFile = secretsFile;
  config.environment = validatedSettings(env);
  return config;
}

// For a script that fixes one setting (storage:migrate implies STORAGE_DRIVER=s3).
export function loadConfigurationWith(overrides: Env): AppConfig {
  return loadConfiguration({ ...process.env, ...overrides });
}
