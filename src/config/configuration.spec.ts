import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ConfigType } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { dataDirKey } from './data-dir-key';
import * as configuration from './configuration';
import { loadConfiguration } from './configuration';
import { appConfig, configurationModule, databaseConfig } from './namespaces';

const KEY = Buffer.alloc(32, 1).toString('base64');

function baseEnv(): Record<string, string | undefined> {
  return {
    NODE_ENV: 'test',
    JWT_SECRET: 'j'.repeat(40),
    PII_ENCRYPTION_KEYS: `k1:${KEY}`,
    BLIND_INDEX_KEY: 'b'.repeat(40),
    TURN_SECRET: 'turn',
  };
}

describe('loadConfiguration', () => {
  it('builds typed defaults from a minimal environment', () => {
    const config = loadConfiguration(baseEnv());
    expect(config.app.port).toBe(8000);
    expect(config.scoring.weights).toEqual({
      relevance: 0.3,
      completeness: 0.25,
      accuracy: 0.3,
      clarity: 0.15,
    });
    expect(config.scoring.selectThreshold).toBe(7.5);
    expect(config.gdpr).toEqual({ retentionDefaultDays: 365, exportExpiryHours: 48 });
    expect(config.ai.provider).toBe('offline');
    expect(config.video.provider).toBe('webrtc');
  });

  describe('mail (#17)', () => {
    it('defaults PUBLIC_URL to http://localhost:<PORT> and leaves SMTP unset (messages kept as not_configured)', () => {
      const config = loadConfiguration({ ...baseEnv(), PORT: '8123' });
      expect(config.app.publicBaseUrl).toBe('http://localhost:8123');
      expect(config.mail).toEqual({
        smtpUrl: null,
        from: 'Panelist <no-reply@localhost>',
        retryLimit: 6,
        retryDelaySeconds: 30,
        sendTimeoutMs: 30_000,
      });
    });

    it('reads PUBLIC_URL without a trailing slash, SMTP_URL and MAIL_FROM', () => {
      const config = loadConfiguration({
        ...baseEnv(),
        PUBLIC_URL: 'https://jobs.example.com/',
        SMTP_URL: 'smtps://user:pa%40ss@smtp.example.com:465',
        MAIL_FROM: 'Acme Hiring <jobs@example.com>',
      });
      expect(config.app.publicBaseUrl).toBe('https://jobs.example.com');
      expect(config.mail.smtpUrl).toBe('smtps://user:pa%40ss@smtp.example.com:465');
      expect(config.mail.from).toBe('Acme Hiring <jobs@example.com>');
    });

    it('refuses a malformed PUBLIC_URL, SMTP_URL or MAIL_FROM without echoing the value', () => {
      for (const [name, value] of [
        ['PUBLIC_URL', 'jobs.example.com'],
        ['PUBLIC_URL', 'ftp://jobs.example.com'],
        ['SMTP_URL', 'http://secret-user:secret-pass@smtp.example.com'],
        ['MAIL_FROM', 'nobody'],
        ['MAIL_FROM', 'Jobs <jobs@example.com>\r\nBcc: x@example.com'],
      ]) {
        let message = '';
        try {
          loadConfiguration({ ...baseEnv(), [name]: value });
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message).toMatch(new RegExp(`^Invalid configuration: .*${name}`));
        expect(message).not.toContain('secret-pass');
      }
    });
  });

  describe('candidate pages', () => {
    it('are on by default with the English catalogue and a theme that meets contrast', () => {
      expect(loadConfiguration(baseEnv()).careers).toEqual({
        enabled: true,
        title: 'Careers',
        logoUrl: null,
        accentColor: '#1d4ed8',
        language: 'en',
        policyVersion: '2026-01',
      });
      expect(loadConfiguration({ ...baseEnv(), CANDIDATE_PAGES: 'false' }).careers.enabled).toBe(
        false,
      );
    });

    it('refuses a pale accent colour, a logo over plain http and a malformed language', () => {
      for (const [name, value, reason] of [
        ['CAREERS_ACCENT_COLOR', '#60a5fa', /contrast 4\.5:1 with white/],
        ['CAREERS_ACCENT_COLOR', 'blue', /colour like #1d4ed8/],
        ['CAREERS_LOGO_URL', 'http://example.com/logo.svg', /https:\/\/ URL/],
        ['CAREERS_LANGUAGE', 'english', /en or pt-BR/],
        ['CANDIDATE_PAGES', 'off', /CANDIDATE_PAGES/],
      ] as const) {
        expect(() => loadConfiguration({ ...baseEnv(), [name]: value })).toThrow(reason);
      }
    });
  });

  it('refuses weights that do not sum to 1.0 in one readable line', () => {
    expect(() => loadConfiguration({ ...baseEnv(), WEIGHT_CLARITY: '0.5' })).toThrow(
      /^Invalid configuration: WEIGHT_RELEVANCE \+ WEIGHT_COMPLETENESS \+ WEIGHT_ACCURACY \+ WEIGHT_CLARITY must sum to 1\.0 \(got 1\.3500\)$/,
    );
  });

  it('refuses a malformed DATABASE_URL', () => {
    expect(() => loadConfiguration({ ...baseEnv(), DATABASE_URL: 'mysql://nope' })).toThrow(
      /DATABASE_URL must look like/,
    );
  });

  it('refuses a malformed key ring and never echoes key material', () => {
    const attempts = ['k1', 'k1:short', `bad id:${KEY}`, `k1:${KEY},k1:${KEY}`];
    for (const PII_ENCRYPTION_KEYS of attempts) {
      let message = '';
      try {
        loadConfiguration({ ...baseEnv(), PII_ENCRYPTION_KEYS });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^Invalid configuration: PII_ENCRYPTION_KEYS/);
      expect(message).not.toContain(KEY);
    }
  });

  it('puts the first key of the ring in charge of new writes', () => {
    const other = Buffer.alloc(32, 2).toString('base64');
    const config = loadConfiguration({
      ...baseEnv(),
      PII_ENCRYPTION_KEYS: `k2:${other},k1:${KEY}`,
    });
    expect(config.crypto.currentKeyId).toBe('k2');
    expect(config.crypto.keys.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it('refuses to start in production without secrets or with example values', () => {
    expect(() => loadConfiguration({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET is required when NODE_ENV=production/,
    );
    expect(() =>
      loadConfiguration({
        ...baseEnv(),
        NODE_ENV: 'production',
        JWT_SECRET: 'change-me-change-me-change-me-change-me',
      }),
    ).toThrow(/JWT_SECRET still holds an example value/);
  });

  it('generates missing development secrets once and keeps them for the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'panelist-config-'));
    const env = () => ({
      NODE_ENV: 'development',
      DATA_DIR: join(dir, 'data'),
      XDG_CONFIG_HOME: join(dir, 'config'),
    });
    try {
      const first = loadConfiguration(env());
      const second = loadConfiguration(env());
      expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
      expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
      expect(second.crypto.keys[0].key.equals(first.crypto.keys[0].key)).toBe(true);
      expect(Object.keys(JSON.parse(readFileSync(first.app.secretsFile!, 'utf8')))).toEqual(
        expect.arrayContaining(['JWT_SECRET', 'PII_ENCRYPTION_KEYS', 'BLIND_INDEX_KEY']),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('AI provider selection', () => {
    const llm = { LLM_BASE_URL: 'http://localhost:11434/v1/', LLM_MODEL: 'llama3.1' };

    it('selects the self-hosted model when only LLM_BASE_URL is set', () => {
      const { ai } = loadConfiguration({ ...baseEnv(), ...llm });

      expect(ai.provider).toBe('openai_compatible');
      expect(ai.llm).toEqual({
        baseUrl: 'http://localhost:11434/v1',
        model: 'llama3.1',
        apiKey: null,
        timeoutMs: 60000,
        responseFormat: 'json_schema',
      });
    });

    it('refuses Gemini and a self-hosted model together unless AI_PROVIDER chooses', () => {
      const both = { ...baseEnv(), ...llm, GEMINI_API_KEY: 'g-key' };

      expect(() => loadConfiguration(both)).toThrow(/set AI_PROVIDER/);
      expect(loadConfiguration({ ...both, AI_PROVIDER: 'openai_compatible' }).ai.provider).toBe(
        'openai_compatible',
      );
      expect(loadConfiguration({ ...both, AI_PROVIDER: 'offline' }).ai.provider).toBe('offline');
    });

    it.each([
      [{ LLM_BASE_URL: 'http://localhost:11434/v1' }, /LLM_MODEL is required/],
      [{ ...llm, LLM_BASE_URL: 'localhost:11434' }, /LLM_BASE_URL must be an http\(s\) URL/],
      [{ ...llm, LLM_RESPONSE_FORMAT: 'xml' }, /LLM_RESPONSE_FORMAT/],
      [{ AI_PROVIDER: 'openai_compatible' }, /needs LLM_BASE_URL and LLM_MODEL/],
      [{ AI_PROVIDER: 'gemini' }, /needs GEMINI_API_KEY/],
      [{ AI_PROVIDER: 'openai' }, /AI_PROVIDER/],
    ])('refuses an incomplete or malformed AI setting (%j)', (env, message) => {
      expect(() => loadConfiguration({ ...baseEnv(), ...env })).toThrow(message);
    });

    it('never echoes LLM_API_KEY in a configuration error', () => {
      const secret = 'sk-local-secret-value';

      expect(() =>
        loadConfiguration({ ...baseEnv(), LLM_BASE_URL: 'http://x:1/v1', LLM_API_KEY: secret }),
      ).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
    });
  });
});

// #13.10: development keys used to sit in DATA_DIR/secrets.json, next to the data they encrypt (a
// copy of DATA_DIR carried its own keys).
describe('13.10 development secrets kept outside DATA_DIR', () => {
  let dir: string;
  let dataDir: string;
  let configHome: string;
  const legacyKeys = {
    JWT_SECRET: 'l'.repeat(48),
    PII_ENCRYPTION_KEYS: `old:${Buffer.alloc(32, 9).toString('base64')}`,
    BLIND_INDEX_KEY: 'm'.repeat(48),
    TURN_SECRET: 'legacy-turn',
  };
  const devEnv = (extra: Record<string, string> = {}) => ({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    XDG_CONFIG_HOME: configHome,
    ...extra,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'panelist-secrets-'));
    dataDir = join(dir, 'data');
    configHome = join(dir, 'config');
    mkdirSync(dataDir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('13.10 writes generated keys to the per-user config folder, never into DATA_DIR', () => {
    const config = loadConfiguration(devEnv());
    const file = config.app.secretsFile!;
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
    expect(file).toBe(join(configHome, 'panelist', dataDirKey(dataDir), 'secrets.json'));
    expect(relative(dataDir, file).startsWith('..')).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('13.10 SECRETS_FILE chooses the file', () => {
    const file = join(dir, 'elsewhere', 'keys.json');
    expect(loadConfiguration(devEnv({ SECRETS_FILE: file })).app.secretsFile).toBe(file);
    expect(existsSync(file)).toBe(true);
  });

  it('13.10 moves an existing DATA_DIR/secrets.json out without losing a key', () => {
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify(legacyKeys), { mode: 0o600 });
    const config = loadConfiguration(devEnv());
    expect(config.crypto.currentKeyId).toBe('old');
    expect(config.crypto.keys[0].key.equals(Buffer.alloc(32, 9))).toBe(true);
    expect(config.auth.jwtSecret).toBe(legacyKeys.JWT_SECRET);
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
    expect(JSON.parse(readFileSync(config.app.secretsFile!, 'utf8'))).toEqual(legacyKeys);
  });

  it('13.10 refuses to choose between two different secrets files and touches neither', () => {
    const current = loadConfiguration(devEnv({ SECRETS_FILE: join(dir, 'new.json') }));
    const before = readFileSync(current.app.secretsFile!, 'utf8');
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify(legacyKeys));
    expect(() => loadConfiguration(devEnv({ SECRETS_FILE: join(dir, 'new.json') }))).toThrow(
      /hold different secrets/,
    );
    expect(readFileSync(current.app.secretsFile!, 'utf8')).toBe(before);
    expect(JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'))).toEqual(legacyKeys);
  });

  it('13.10 refuses to start in production when keys sit inside DATA_DIR', () => {
    const production = { ...baseEnv(), NODE_ENV: 'production', DATA_DIR: dataDir };
    expect(() =>
      loadConfiguration({ ...production, SECRETS_FILE: join(dataDir, 'keys.json') }),
    ).toThrow(/SECRETS_FILE .* lies inside DATA_DIR/);
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify(legacyKeys));
    expect(() => loadConfiguration(production)).toThrow(
      /secrets\.json holds encryption keys next to the data/,
    );
    rmSync(join(dataDir, 'secrets.json'));
    expect(loadConfiguration(production).app.secretsFile).toBeNull();
  });
});

describe('configuration namespaces', () => {
  const original = { ...process.env };

  @Injectable()
  class DatabaseReader {
    constructor(
      @Inject(databaseConfig.KEY) readonly database: ConfigType<typeof databaseConfig>,
      @Inject(appConfig.KEY) readonly app: ConfigType<typeof appConfig>,
    ) {}
  }

  async function boot() {
    const moduleRef = await Test.createTestingModule({
      imports: [configurationModule()],
      providers: [DatabaseReader],
    }).compile();
    return { config: moduleRef.get(ConfigService), reader: moduleRef.get(DatabaseReader) };
  }

  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...original };
  });

  it('serves every namespace by name and by typed injection from one validated load', async () => {
    process.env = { ...original, ...baseEnv(), PORT: '8311', DB_POOL_SIZE: '7' };
    const load = jest.spyOn(configuration, 'loadConfiguration');
    const { config, reader } = await boot();
    expect(load).toHaveBeenCalledTimes(1);
    expect(reader.database.poolSize).toBe(7);
    expect(config.get('database')).toBe(reader.database);
    expect(reader.app.port).toBe(8311);
    expect(config.get<string>('app.port')).toBe(8311);
    expect(config.getOrThrow<Record<string, string>>('environment').PORT).toBe('8311');
    for (const namespace of [
      'auth',
      'crypto',
      'ai',
      'video',
      'gdpr',
      'scoring',
      'mail',
      'careers',
    ]) {
      expect(config.get(namespace)).toBeDefined();
    }
  });

  it('validates again when the environment changed before the next boot', async () => {
    process.env = { ...original, ...baseEnv(), PORT: '8312' };
    expect((await boot()).reader.app.port).toBe(8312);
    process.env.PORT = '8313';
    expect((await boot()).reader.app.port).toBe(8313);
    process.env.PORT = 'not-a-port';
    await expect(boot()).rejects.toThrow(/PORT/);
  });
});
