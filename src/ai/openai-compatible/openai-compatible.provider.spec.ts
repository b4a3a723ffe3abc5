import { KEY_POINT_REPLY_CASES, KEY_POINTS } from '../../../test/support/key-point-reply-cases';
import { startFakeOpenAi, type FakeOpenAi } from '../../../test/support/fake-openai-server';
import type { AnswerScore, AnswerToScore, DraftQuestion, QuestionRequest } from '../ai-provider';
import { OfflineAiProvider } from '../offline/offline-ai.provider';
import {
  OpenAiCompatibleAiProvider,
  type OpenAiCompatibleOptions,
} from './openai-compatible.provider';

const MODEL = 'llama3.1:8b-instruct';

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

function aModelScore(overrides: Partial<AnswerScore> = {}): AnswerScore {
  return {
    scores: { relevance: 9, completeness: 6.7, accuracy: 9, clarity: 8.5 },
    rationale: 'Covers the image and container distinction; does not mention volumes.',
    matched_key_points: [KEY_POINTS[0], KEY_POINTS[1]],
    missed_key_points: [KEY_POINTS[2]],
    flags: [],
    coaching: ['Mention where container data should live.'],
    ...overrides,
  };
}

function aQuestionRequest(): QuestionRequest {
  return {
    jobTitle: 'Platform Engineer',
    jobDescription: 'Run our Kubernetes clusters.',
    skills: ['Kubernetes'],
    count: 1,
    types: ['technical'],
    difficulty: 'medium',
  };
}

function aDraftQuestion(): DraftQuestion {
  return {
    question_text: 'How does a readiness probe differ from a liveness probe?',
    question_type: 'technical',
    difficulty_level: 'medium',
    skills_tested: ['Kubernetes'],
    gold_standard_answer:
      'A failing readiness probe removes the pod from Service endpoints; a failing liveness probe makes the kubelet restart the container.',
    key_points: ['readiness gates traffic', 'liveness restarts the container'],
  };
}

interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: {
    type: string;
    json_schema?: {
      name: string;
      strict: boolean;
      schema: { properties: Record<string, { items: { enum?: string[] } }> };
    };
  };
}

describe(OpenAiCompatibleAiProvider.name, () => {
  let server: FakeOpenAi;
  let warnings: string[];
  let sleeps: number[];

  const provider = (overrides: Partial<OpenAiCompatibleOptions> = {}) =>
    new OpenAiCompatibleAiProvider(
      {
        baseUrl: server.baseUrl,
        model: MODEL,
        apiKey: server.apiKey,
        timeoutMs: 2000,
        maxRetries: 2,
        responseFormat: 'json_schema',
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
  const bodyOf = (index = 0): ChatBody => server.requests[index].body as ChatBody;

  beforeEach(async () => {
    server = await startFakeOpenAi({ apiKey: `sk-local-${Date.now()}` });
    warnings = [];
    sleeps = [];
  });

  afterEach(async () => {
    await server.close();
  });

  it('scores an answer through chat completions with a JSON schema whose key points are an enum', async () => {
    server.enqueue({ kind: 'json', json: aModelScore() });

    const result = await provider().scoreAnswer(anAnswer());

    expect(result).toEqual({
      value: { ...aModelScore(), confidence: { value: null, needs_review: false, reasons: [] } },
      source: 'openai_compatible',
    });
    const [request] = server.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.authorization).toBe(`Bearer ${server.apiKey}`);
    const body = bodyOf();
    expect(body.model).toBe(MODEL);
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(body.messages[1].content).toContain('<candidate_answer>');
    expect(body.response_format?.type).toBe('json_schema');
    const schema = body.response_format!.json_schema!.schema;
    expect(schema.properties.matched_key_points.items.enum).toEqual([...KEY_POINTS]);
    expect(schema.properties.missed_key_points.items.enum).toEqual([...KEY_POINTS]);
  });

  it.each(KEY_POINT_REPLY_CASES)('keeps the model score despite $title', async (c) => {
    server.enqueue({
      kind: 'json',
      json: aModelScore({ matched_key_points: c.matched, missed_key_points: c.missed }),
    });

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.source).toBe('openai_compatible');
    expect(result.fallbackReason).toBeUndefined();
    expect(result.value.scores).toEqual(aModelScore().scores);
    expect(result.value.matched_key_points).toEqual(c.expectedMatched);
    expect(result.value.missed_key_points).toEqual(c.expectedMissed);
    expect(warnings.join('\n').match(/not one of the key points given/g) ?? []).toHaveLength(
      c.dropped,
    );
  });

  it('puts the schema in the prompt and reads a fenced reply when the server has no structured output', async () => {
    server.enqueue({
      kind: 'text',
      text: `Here is my assessment:\n\`\`\`json\n${JSON.stringify(aModelScore())}\n\`\`\``,
    });

    const result = await provider({ responseFormat: 'none' }).scoreAnswer(anAnswer());

    expect(result.source).toBe('openai_compatible');
    expect(result.value.matched_key_points).toEqual([KEY_POINTS[0], KEY_POINTS[1]]);
    expect(bodyOf().response_format).toBeUndefined();
    expect(bodyOf().messages[0].content).toContain('"matched_key_points"');
  });

  it('asks for a JSON object when configured for json_object', async () => {
    server.enqueue({ kind: 'json', json: aModelScore() });

    await provider({ responseFormat: 'json_object' }).scoreAnswer(anAnswer());

    expect(bodyOf().response_format).toEqual({ type: 'json_object' });
  });

  it('generates questions with the same validation as Gemini', async () => {
    server.enqueue({ kind: 'json', json: { questions: [aDraftQuestion()] } });

    const result = await provider().generateQuestions(aQuestionRequest());

    expect(result).toEqual({ value: [aDraftQuestion()], source: 'openai_compatible' });
    expect(bodyOf().response_format?.json_schema?.name).toBe('interview_questions');
  });

  it('works without a key against a server that takes none', async () => {
    await server.close();
    server = await startFakeOpenAi();
    server.enqueue({ kind: 'json', json: aModelScore() });

    const result = await provider({ apiKey: undefined }).scoreAnswer(anAnswer());

    expect(result.source).toBe('openai_compatible');
    expect(server.requests[0].authorization).toBeUndefined();
  });

  it('applies the deterministic guards to a score the model was talked into', async () => {
    server.enqueue({
      kind: 'json',
      json: aModelScore({ scores: { relevance: 10, completeness: 10, accuracy: 10, clarity: 10 } }),
    });

    const result = await provider().scoreAnswer(
      anAnswer({
        answerText:
          'The difference between a Docker image and a container is the difference between a container and an image.',
      }),
    );

    expect(result.value.flags).toContain('parrots_question');
    expect(result.value.scores.relevance).toBe(0);
  });

  it('retries after a 429, honouring Retry-After, then succeeds', async () => {
    server.enqueue(
      { kind: 'error', status: 429, retryAfterSeconds: 2 },
      { kind: 'json', json: aModelScore() },
    );

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.source).toBe('openai_compatible');
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('falls back with llm_unavailable once 5xx retries are exhausted', async () => {
    server.enqueue(
      { kind: 'error', status: 503 },
      { kind: 'error', status: 500 },
      { kind: 'error', status: 502 },
    );

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toBe('llm_unavailable');
    expect(server.requests).toHaveLength(3);
  });

  it('falls back with llm_invalid_output when the content is not JSON, without retrying', async () => {
    server.enqueue({ kind: 'text', text: 'I would give this answer a solid eight out of ten.' });

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.fallbackReason).toBe('llm_invalid_output');
    expect(server.requests).toHaveLength(1);
    expect(warnings.join('\n')).toContain('llm_invalid_output');
  });

  it('treats a reply cut off at the token limit as invalid output', async () => {
    server.enqueue({ kind: 'json', json: aModelScore(), finishReason: 'length' });

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.fallbackReason).toBe('llm_invalid_output');
    expect(server.requests).toHaveLength(1);
  });

  it('treats an HTTP body that is not JSON as invalid output', async () => {
    server.enqueue({ kind: 'raw', status: 200, body: '<html>bad gateway</html>' });

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.fallbackReason).toBe('llm_invalid_output');
  });

  it('falls back when the scores themselves are unusable', async () => {
    server.enqueue({
      kind: 'json',
      json: aModelScore({ scores: { relevance: 85, completeness: 70, accuracy: 90, clarity: 80 } }),
    });

    const result = await provider().scoreAnswer(anAnswer());

    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toBe('llm_invalid_output');
  });

  it('falls back with llm_timeout when the model does not answer in time', async () => {
    server.enqueue({ kind: 'delay', ms: 3000, then: { kind: 'json', json: aModelScore() } });

    const result = await provider({ timeoutMs: 200 }).scoreAnswer(anAnswer());

    expect(result.fallbackReason).toBe('llm_timeout');
    expect(sleeps).toEqual([]);
  });

  it('does not retry a rejected key and never logs it', async () => {
    const wrongKey = `sk-wrong-${Date.now()}`;

    const result = await provider({ apiKey: wrongKey }).scoreAnswer(anAnswer());

    expect(result.fallbackReason).toBe('llm_rejected');
    expect(server.requests).toHaveLength(1);
    expect(warnings.join('\n')).not.toContain(wrongKey);
  });

  it('falls back when the server cannot be reached at all', async () => {
    const result = await provider({ baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 1 }).scoreAnswer(
      anAnswer(),
    );

    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toBe('llm_unavailable');
    expect(sleeps).toHaveLength(1);
  });
});
