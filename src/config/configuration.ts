import { ensureSecrets } from './dev-secrets';
import { AppConfig, buildAppConfig } from './app-config';
import { validateEnvironment } from './env.validation';

// The single entry point: validate the raw environment, fill development secrets, build the typed
// tree. Each top-level key of AppConfig is one namespace read through ConfigService.
export function loadConfiguration(
  env: Record<string, string | undefined> = process.env,
): AppConfig {
  validateEnvironment(env);
  ensureSecrets(env);
  return buildAppConfig(env);
}
