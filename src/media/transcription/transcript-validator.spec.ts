import { TranscriptionError } from './transcriber';
import { parseTranscript } from './transcript-validator';

const reply = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    language: 'en',
    duration_seconds: 9.8,
    text: 'Hello there. I built the API.',
    segments: [
      { start: 0, end: 1.2, text: 'Hello there.' },
      { start: 1.5, end: 4.25, text: '  I built   the API. ' },
    ],
    ...overrides,
  });

function rejection(raw: string, durationSeconds?: number): string {
  try {
    parseTranscript(raw, { durationSeconds });
  } catch (error) {
    expect(error).toBeInstanceOf(TranscriptionError);
    expect((error as TranscriptionError).reason).toBe('invalid_output');
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('parseTranscript', () => {
  it('normalises whitespace and prefers the container duration', () => {
    expect(parseTranscript(reply(), { durationSeconds: 5 })).toEqual({
      text: 'Hello there. I built the API.',
      language: 'en',
      duration_seconds: 5,
      segments: [
        { start: 0, end: 1.2, text: 'Hello there.' },
        { start: 1.5, end: 4.25, text: 'I built the API.' },
      ],
    });
  });

  it('drops empty segments and rebuilds missing text from the segments', () => {
    const t = parseTranscript(
      reply({
        text: '',
        segments: [
          { start: 0, end: 1, text: ' ' },
          { start: 1, end: 2, text: 'Yes.' },
        ],
      }),
    );
    expect(t.segments).toEqual([{ start: 1, end: 2, text: 'Yes.' }]);
    expect(t.text).toBe('Yes.');
    expect(t.duration_seconds).toBe(9.8);
  });

  it.each([
    ['not JSON', 'Sure! Here is the transcript', '$'],
    [
      'a segment ending before it starts',
      reply({ segments: [{ start: 2, end: 1, text: 'x' }] }),
      '$.segments[0].end',
    ],
    [
      'segments out of order',
      reply({
        segments: [
          { start: 2, end: 3, text: 'a' },
          { start: 1, end: 2, text: 'b' },
        ],
      }),
      '$.segments[1].start',
    ],
    [
      'a negative time',
      reply({ segments: [{ start: -1, end: 2, text: 'a' }] }),
      '$.segments[0].start',
    ],
    ['a missing text', reply({ segments: [{ start: 0, end: 2 }] }), '$.segments[0].text'],
    ['an invented language', reply({ language: 'english please' }), '$.language'],
    ['a string duration', reply({ duration_seconds: '9.8' }), '$.duration_seconds'],
  ])('rejects %s', (_case, raw, path) => {
    expect(rejection(raw)).toContain(path);
  });

  it('rejects timestamps past the end of the real audio', () => {
    expect(rejection(reply(), 2)).toContain('$.segments[1].end');
  });
});
