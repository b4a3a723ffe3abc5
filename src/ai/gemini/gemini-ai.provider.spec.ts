import { startFakeGemini, type FakeGemini } from '../../../test/support/fake-gemini-server';
import { KEY_POINT_REPLY_CASES, KEY_POINTS } from '../../../test/support/key-point-reply-cases';
import type { AnswerScore, AnswerToScore, DraftQuestion, QuestionRequest } from '../ai-provider';
import { OfflineAiProvider } from '../offline/offline-ai.provider';
import { GeminiAiProvider, type GeminiProviderOptions } from './gemini-ai.provider';

const MODEL = 'gemini-test-model';

function aQuestionRequest(overrides: Partial<QuestionRequest> = {}): QuestionRequest {
  return {
    jobTitle: 'Platform Engineer',
    jobDescription: 'Run our Kubernetes clusters and the CI/CD pipelines that deploy to them.',
    skills: ['Kubernetes', 'CI/CD'],
    count: 2,
    types: ['technical'],
    difficulty: 'medium',
    ...overrides,
  };
}

function aDraftQuestion(overrides: Partial<DraftQuestion> = {}): DraftQuestion {
  return {
    question_text:
      'How would you roll out a new version of a service on Kubernetes without downtime?',
    question_type: 'technical',
    difficulty_level: 'medium',
    skills_tested: ['Kubernetes'],
    gold_standard_answer:
      'Use a Deployment with a rolling update strategy. Readiness probes keep traffic away from pods that are not ready. maxUnavailable and maxSurge bound the rollout, and kubectl rollout undo reverts it.',
    key_points: [
      'rolling update strategy',
      'readiness probes gate traffic',
      'rollout can be undone',
    ],
    ...overrides,
  };
}

function anAnswer(overrides: Partial<AnswerToScore> = {}): AnswerToScore {
  return {
    questionText: 'What is the difference between a Docker image and a container?',
    goldStandardAnswer:
      'An image is a read-only template built from layers. A container is a running instance of an image with a writable layer. Data persists only in volumes.',
    keyPoints: [...KEY_POINTS],
    answerText:
      'An image is an immutable template made of layers, while a container is a running instance of it with its own writable layer on top.',
    questionType: 'technical',
    skills: ['Docker'],
    ...overrides,
  };
}

function aGeminiScore(overrides: Partial<AnswerScore> = {}): AnswerScore {
  return {
    scores: { relevance: 9, completeness: 6.7, accuracy: 9, clarity: 8.5 },
    rationale: 'Covers the image and container distinction; does not mention volumes.',
    matched_key_points: ['image is a read-only template', 'container is a running instance'],
    missed_key_points: ['volumes keep data'],
    flags: [],
    coaching: ['Mention where container data should live.'],
    ...overrides,
  };
}

describe(GeminiAiProvider.name, () => {
  let gemini: FakeGemini;
  let warnings: string[];
  let sleeps: number[];

  const provider = (overrides: Partial<GeminiProviderOptions> = {}): GeminiAiProvider =>
    new GeminiAiProvider(
      {
        apiKey: gemini.apiKey,
        model: MODEL,
        baseUrl: gemini.baseUrl,
        timeoutMs: 2000,
        maxRetries: 2,
        retryBaseDelayMs: 5,
        retryMaxDelayMs: 5000,
        ...overrides,
      },
      new OfflineAiProvider(),
      {
        logger: { warn: (message: unknown) => warnings.push(String(message)) },
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
      },
    );

  beforeEach(async () => {
    gemini = await startFakeGemini({ apiKey: `test-key-${Date.now()}` });
    warnings = [];
    sleeps = [];
  });

  afterEach(async () => {
    await gemini.close();
  });

  it('returns Gemini questions, calling the model path with the key header and a response schema', async () => {
    const questions = [
      aDraftQuestion(),
      aDraftQuestion({
        question_text: 'How do you keep CI/CD pipelines fast?',
        skills_tested: ['CI/CD'],
      }),
    ];
    gemini.enqueue({ kind: 'json', json: { questions } });

    const result = await provider().generateQuestions(aQuestionRequest());

    expect(result).toEqual({ value: questions, source: 'gemini' });
    expect(gemini.requests).toHaveLength(1);
    const [request] = gemini.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toContain(`/models/${MODEL}:generateContent`);
    expect(request.model).toBe(MODEL);
    expect(request.apiKey).toBe(gemini.apiKey);
    const body = request.body as {
      contents: Array<{ parts: Array<{ text: string }> }>;
      generationConfig: {
        responseMimeType: string;
        responseSchema: { properties: Record<string, unknown> };
      };
      systemInstruction: unknown;
    };
    expect(body.generationConfig.responseMimeType).toBe('application/json');
    expect(Object.keys(body.generationConfig.responseSchema.properties)).toEqual(['questions']);
    expect(body.systemInstruction).toBeDefined();
    const prompt = body.contents[0].parts[0].text;
    expect(prompt).toContain('Platform Engineer');
    expect(prompt).toContain('Kubernetes, CI/CD');
    expect(JSON.stringify(request.body)).not.toContain(gemini.apiKey);
  });

  it('pins the API version when configured', async () => {
    gemini.enqueue({
      kind: 'json',
      json: {
        questions: [aDraftQuestion(), aDraftQuestion({ question_text: 'Second question?' })],
      },
    });

    await provider({ apiVersion: 'v1beta' }).generateQuestions(aQuestionRequest());

    expect(gemini.requests[0].path).toBe(`/v1beta/models/${MODEL}:generateContent`);
  });

  it('scores an answer with Gemini and keeps the schema-checked fields', async () => {
    gemini.enqueue({ kind: 'json', json: aGeminiScore() });

    const result = await provider().scoreAnswer(anAnswer());

    expect(result).toEqual({
      value: { ...aGeminiScore(), confidence: { value: null, needs_review: false, reasons: [] } },
      source: 'gemini',
    });
    expect(warnings).toEqual([]);
  });

  it("constrains the key points to the question's own with an enum in the response schema", async () => {
    gemini.enqueue({ kind: 'json', json: aGeminiScore() });

    await provider().scoreAnswer(anAnswer());

    const schema = (
      gemini.requests[0].body as {
        generationConfig: {
          responseSchema: {
            required: string[];
            properties: Record<string, { items: { enum?: string[] } }>;
          };
        };
      }
    ).generationConfig.responseSchema;
    expect(schema.required).toEqual(
      expect.arrayContaining(['scores', 'matched_key_points', 'missed_key_points']),
    );
    expect(schema.properties.matched_key_points.items.enum).toEqual([...KEY_POINTS]);
    expect(schema.properties.missed_key_points.items.enum).toEqual([...KEY_POINTS]);
  });

  it.each(KEY_POINT_REPLY_CASES)('keeps the Gemini score despite $title', async (c) => {
    gemini.enqueue({
      kind: 'json',
      json: aGeminiScore({ matched_key_points: c.matched, missed_key_points: c.missed }),
    });

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.source).toBe('gemini');
    expect(result.fallbackReason).toBeUndefined();
    expect(result.value.scores).toEqual(aGeminiScore().scores);
    expect(result.value.matched_key_points).toEqual(c.expectedMatched);
    expect(result.value.missed_key_points).toEqual(c.expectedMissed);
    expect(warnings.join('\n').match(/not one of the key points given/g) ?? []).toHaveLength(
      c.dropped,
    );
  });

  it('applies the deterministic guards to a score Gemini was talked into', async () => {
    gemini.enqueue({
      kind: 'json',
      json: aGeminiScore({
        scores: { relevance: 10, completeness: 10, accuracy: 10, clarity: 10 },
      }),
    });

    const result = await provider().scoreAnswer(
      anAnswer({
        answerText:
          'The difference between a Docker image and a container is the difference between a container and an image.',
      }),
    );

    expect(result.source).toBe('gemini');
    expect(result.value.flags).toContain('parrots_question');
    expect(result.value.scores.relevance).toBe(0);
  });

  it('retries after a 429, honouring Retry-After, then succeeds', async () => {
    gemini.enqueue(
      { kind: 'error', status: 429, retryAfterSeconds: 2 },
      { kind: 'json', json: aGeminiScore() },
    );

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.source).toBe('gemini');
    expect(gemini.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('backs off exponentially on 5xx and falls back once retries are exhausted', async () => {
    gemini.enqueue(
      { kind: 'error', status: 500 },
      { kind: 'error', status: 503 },
      { kind: 'error', status: 500 },
    );

    const result = await provider({ retryBaseDelayMs: 100 }).scoreAnswer(anAnswer());

    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toBe('gemini_unavailable');
    expect(gemini.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
  });

  it('gives up at once when the server asks to wait longer than allowed', async () => {
    gemini.enqueue({ kind: 'error', status: 429, retryAfterSeconds: 60 });

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.fallbackReason).toBe('gemini_rate_limited');
    expect(gemini.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('falls back to the offline provider when the reply is not JSON', async () => {
    gemini.enqueue({ kind: 'text', text: 'Sure! Here are your questions: 1. What is Kubernetes?' });

    const result = await provider().generateQuestions(aQuestionRequest());

    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toBe('gemini_invalid_output');
    expect(result.value).toHaveLength(2);
    expect(result.value.every((q) => q.difficulty_level === 'medium')).toBe(true);
    expect(warnings.join('\n')).toContain('gemini_invalid_output');
  });

  it('treats an HTTP body that is not JSON as invalid output', async () => {
    gemini.enqueue({
      kind: 'raw',
      status: 200,
      body: '<html>proxy error</html>',
      contentType: 'text/html',
    });

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.fallbackReason).toBe('gemini_invalid_output');
    expect(gemini.requests).toHaveLength(1);
  });

  it('falls back when Gemini returns fewer questions than requested', async () => {
    gemini.enqueue({ kind: 'json', json: { questions: [aDraftQuestion()] } });

    const result = await provider().generateQuestions(aQuestionRequest({ count: 2 }));

    expect(result.fallbackReason).toBe('gemini_invalid_output');
    expect(result.value).toHaveLength(2);
  });

  it('falls back when the scores themselves are unusable', async () => {
    gemini.enqueue({
      kind: 'json',
      json: aGeminiScore({ scores: { relevance: 14, completeness: 5, accuracy: 5, clarity: 5 } }),
    });

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toBe('gemini_invalid_output');
    expect(result.value.scores.relevance).toBeLessThanOrEqual(10);
  });

  it('falls back when Gemini does not answer within the timeout', async () => {
    gemini.enqueue({ kind: 'delay', ms: 3000, then: { kind: 'json', json: aGeminiScore() } });
    const started = Date.now();

    const result = await provider({ timeoutMs: 200 }).scoreAnswer(anAnswer());

    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toBe('gemini_timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a rejected key and never logs it', async () => {
    const wrongKey = `wrong-key-${Date.now()}`;

    const result = await provider({ apiKey: wrongKey }).scoreAnswer(anAnswer());

    expect(result.fallbackReason).toBe('gemini_rejected');
    expect(gemini.requests).toHaveLength(1);
    expect(gemini.requests[0].apiKey).toBe(wrongKey);
    expect(warnings.join('\n')).not.toContain(wrongKey);
  });

  it('falls back when Gemini cannot be reached at all', async () => {
    const unreachable = provider({ baseUrl: 'http://127.0.0.1:9', maxRetries: 1 });

    const result = await unreachable.generateQuestions(aQuestionRequest());

    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toBe('gemini_unavailable');
    expect(sleeps).toHaveLength(1);
  });
});
