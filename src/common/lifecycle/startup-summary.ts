import type { AppConfig } from '../../config/app-config';
import type { EmbeddedDatabaseHandle } from '../../database/embedded-postgres';

export interface FirstAdmin {
  username: string;
  email: string;
  password: string;
}

// main.ts collects the generated first-admin credentials and prints them once, in the summary
// that ends the start-up output. Any other entry point (seed, scripts) prints them at once.
let collected: FirstAdmin[] | null = null;

export function collectFirstAdminNotice(): void {
  collected = [];
}

export function announceFirstAdmin(admin: FirstAdmin): void {
  if (collected) {
    collected.push(admin);
    return;
  }
  // Deliberately written to stdout rather than the structured log, which redacts it.
  process.stdout.write(
    `\nCreated the first admin: username "${admin.username}", e-mail ${admin.email}, password ${admin.password} (shown once; change it after signing in)\n\n`,
  );
}

// The start-up failed after the admin was created: print what was collected now, or it is lost.
export function releaseFirstAdminNotice(): void {
  const pending = collected ?? [];
  collected = null;
  pending.forEach(announceFirstAdmin);
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

// A short block that ends the start-up output: where to go, how to sign in, where the data is,
// how to stop. Plain text on stdout, for the person who just typed `npm start`.
export function printStartupSummary(
  config: AppConfig,
  embedded: EmbeddedDatabaseHandle | null,
): void {
  const base = config.app.publicBaseUrl.replace(/\/+$/, '');
  const admins = collected ?? [];
  collected = null;
  const signIn =
    admins.length > 0
      ? admins.map(
          (a) =>
            `username ${a.username}  password ${a.password}  (e-mail ${a.email}; shown only now, change it after signing in)`,
        )
      : [
          config.auth.adminEmail
            ? `${config.auth.adminEmail} with ADMIN_PASSWORD`
            : 'the admin account created on the first run (its password was printed then)',
        ];
  const database = embedded
    ? `embedded PostgreSQL, cluster ${embedded.dataDir}`
    : withoutCredentials(config.database.url ?? '');
  const lines = [
    '',
    `Panelist ${config.app.version} is running (${config.app.nodeEnv}, role ${config.app.role})`,
    `  API       ${base}/api   (health: ${base}/api/health)`,
    `  Docs      ${base}/docs  (ReDoc: ${base}/redoc, OpenAPI: ${base}/docs-json)`,
    ...signIn.map((line, i) => `  ${i === 0 ? 'Sign in ' : '        '}  ${line}`),
    `  Data      ${config.app.dataDir} (files); database: ${database}`,
    ...(config.app.secretsFile
      ? [
          `  Secrets   ${config.app.secretsFile} (generated development keys: they decrypt the data, back them up separately)`,
        ]
      : []),
    `  Stop      Ctrl+C, or kill -TERM ${process.pid}; the data stays for the next start`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
