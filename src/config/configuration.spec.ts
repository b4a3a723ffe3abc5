import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfiguration } from './configuration';

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

  it('generates missing development secrets once and keeps them under DATA_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'panelist-config-'));
    try {
      const first = loadConfiguration({ NODE_ENV: 'development', DATA_DIR: dir });
      const second = loadConfiguration({ NODE_ENV: 'development', DATA_DIR: dir });
      expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
      expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
      expect(second.crypto.keys[0].key.equals(first.crypto.keys[0].key)).toBe(true);
      expect(Object.keys(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')))).toEqual(
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
