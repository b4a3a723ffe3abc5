import { wav } from '../../../test/support/audio-fixtures';
import { startFakeGemini, type FakeGemini } from '../../../test/support/fake-gemini-server';
import { GeminiTranscriber } from './gemini-transcriber';
import { TranscriptionError } from './transcriber';

const transcript = {
  language: 'en',
  duration_seconds: 2,
  text: 'Um, I used a queue.',
  segments: [{ start: 0.1, end: 1.9, text: 'Um, I used a queue.' }],
};

describe(GeminiTranscriber.name, () => {
  let fake: FakeGemini;
  const waits: number[] = [];
  const warnings: string[] = [];
  const make = () =>
    new GeminiTranscriber(
      {
        apiKey: fake.apiKey,
        model: 'gemini-audio-test',
        baseUrl: fake.baseUrl,
        timeoutMs: 2000,
        maxRetries: 2,
      },
      { warn: (message: string) => warnings.push(message) },
      (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    );

  beforeAll(async () => {
    fake = await startFakeGemini();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    waits.length = 0;
    warnings.length = 0;
  });

  it('sends the audio inline with a JSON schema and returns the validated transcript', async () => {
    const audio = wav(2);
    fake.enqueue({ kind: 'json', json: transcript });
    const result = await make().transcribe(audio, 'audio/wav', {
      language: 'en',
      durationSeconds: 2,
    });
    expect(result).toEqual(transcript);
    const [request] = fake.requests;
    expect(request.model).toBe('gemini-audio-test');
    const body = request.body as any;
    const parts = body.contents[0].parts;
    expect(parts[0].inlineData).toEqual({ mimeType: 'audio/wav', data: audio.toString('base64') });
    expect(parts[1].text).toContain('"en"');
    expect(body.generationConfig.responseMimeType).toBe('application/json');
    expect(body.generationConfig.responseSchema.required).toEqual([
      'language',
      'duration_seconds',
      'text',
      'segments',
    ]);
  });

  it('retries a 503 with back-off, then succeeds', async () => {
    fake.enqueue({ kind: 'error', status: 503 }, { kind: 'json', json: transcript });
    await expect(make().transcribe(wav(2), 'audio/wav')).resolves.toMatchObject({ language: 'en' });
    expect(fake.requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it('gives up at once on a rejected request, as a non-transient failure', async () => {
    fake.enqueue({ kind: 'error', status: 400 });
    const error = await make()
      .transcribe(wav(2), 'audio/wav')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranscriptionError);
    expect(error).toMatchObject({ reason: 'rejected', transient: false });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports exhausted rate limits as transient', async () => {
    fake.enqueue(
      { kind: 'error', status: 429 },
      { kind: 'error', status: 429 },
      { kind: 'error', status: 429 },
    );
    await expect(make().transcribe(wav(2), 'audio/wav')).rejects.toMatchObject({
      reason: 'rate_limited',
      transient: true,
    });
  });

  it('rejects a transcript whose timestamps run past the audio, logging only the path', async () => {
    fake.enqueue({
      kind: 'json',
      json: { ...transcript, segments: [{ start: 0, end: 30, text: 'Invented.' }] },
    });
    await expect(
      make().transcribe(wav(2), 'audio/wav', { durationSeconds: 2 }),
    ).rejects.toMatchObject({ reason: 'invalid_output' });
    expect(warnings.join('\n')).toContain('$.segments[0].end');
    expect(warnings.join('\n')).not.toContain('Invented');
  });
});
