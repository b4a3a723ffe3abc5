import { ModuleMetadata } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp, createFastifyAdapter } from '../../src/app.setup';
import { AppLogger } from '../../src/common/logging/app-logger';
import { createRootLogger } from '../../src/common/logging/root-logger';
import { databaseUrlFor } from './database-url';
import { HttpClient } from './http-client';

// Fixed, test-only secrets: a spec can decrypt what it wrote and forge tokens on purpose.
export const TEST_SECRETS = {
  JWT_SECRET: 'test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz',
  PII_ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
  BLIND_INDEX_KEY: 'test-blind-index-key-0123456789abcdefghij',
  TURN_SECRET: 'test-turn-secret',
};

export interface TestApp {
  app: NestFastifyApplication;
  http: HttpClient;
  baseUrl: string;
  databaseUrl: string;
  dataSource: DataSource;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  imports?: ModuleMetadata['imports'];
  providers?: ModuleMetadata['providers'];
  // Listen address; 0.0.0.0 lets a browser test reach the app through a non-loopback address.
  host?: string;
}

// A fresh copy of the migrated template database (see global-setup.ts).
export async function createDatabase(): Promise<string> {
  const serverUrl = process.env.PANELIST_TEST_SERVER_URL;
  const template = process.env.PANELIST_TEST_TEMPLATE;
  if (!serverUrl || !template) {
    throw new Error('The e2e global set-up did not run (PANELIST_TEST_SERVER_URL missing)');
  }
  const name = `panelist_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return databaseUrlFor(serverUrl, name);
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: process.env.PANELIST_TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

// Boots the real AppModule on Fastify through configureApp, listening on a random loopback port,
// against a database of its own. Only vendor base URLs are ever overridden (through `env`).
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.env?.DATABASE_URL ?? (await createDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'panelist-data-'));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
    ADMIN_EMAIL: 'admin@panelist.test',
    ADMIN_PASSWORD: 'admin-password-for-tests',
    ...TEST_SECRETS,
    DATA_DIR: dataDir,
    ...options.env,
    DATABASE_URL: databaseUrl,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule, ...(options.imports ?? [])],
    providers: options.providers ?? [],
  }).compile();
  const logger = createRootLogger(process.env.LOG_LEVEL ?? 'fatal');
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createFastifyAdapter(logger),
    {
      logger: AppLogger.over(logger),
      rawBody: true,
    },
  );
  await configureApp(app);
  await app.listen({ port: 0, host: options.host ?? '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    http: new HttpClient(baseUrl),
    baseUrl,
    databaseUrl,
    dataSource: app.get(DataSource),
    dataDir,
    close: async () => {
      await app.close();
      if (!options.env?.DATABASE_URL) {
        await dropDatabase(databaseUrl);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
