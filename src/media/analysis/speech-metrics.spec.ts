import { speechAdvice } from './speech-advice';
import { computeSpeechMetrics, countFillers, paceWindows, tokenize } from './speech-metrics';
import type { SpeechMetrics, TimedSegment } from './speech-metrics';

const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');

describe('computeSpeechMetrics', () => {
  it('measures a short, slow answer full of fillers (hand-computed)', () => {
    const segments: TimedSegment[] = [
      // so (opens the sentence), um, like (after "is") → 3 fillers in 12 words
      { start: 0, end: 10, text: 'So um I think the main thing is like caching the results' },
      // "you know" → 1 filler; "I like" is the verb → 12 words
      { start: 13, end: 20, text: 'You know we used PostgreSQL and I like how it handles indexes' },
      // basically, uh → 2 fillers in 6 words
      { start: 20.5, end: 30, text: 'Basically it was uh fast enough' },
    ];
    const m = computeSpeechMetrics(segments);
    expect(m.word_count).toBe(30);
    expect(m.speaking_span_seconds).toBe(30);
    expect(m.speech_seconds).toBe(26.5);
    // 30 words / 0.5 min; 30 / (26.5 / 60) = 67.92…
    expect(m.words_per_minute).toBe(60);
    expect(m.articulation_wpm).toBe(67.9);
    expect(m.pace_windows).toEqual([{ start: 0, end: 30, words: 30, wpm: 60 }]);
    expect(m.fillers).toEqual({
      count: 6,
      per_100_words: 20,
      by_word: { so: 1, um: 1, like: 1, 'you know': 1, basically: 1, uh: 1 },
    });
    // 10 → 13 is a long pause; 20 → 20.5 is not.
    expect(m.long_pauses).toEqual({
      threshold_seconds: 2,
      count: 1,
      longest_seconds: 3,
      total_seconds: 3,
    });
  });

  it('slides 30-second windows every 15 seconds and closes with one aligned to the end', () => {
    const segments: TimedSegment[] = [
      { start: 0, end: 10, text: words(20) },
      { start: 10, end: 20, text: words(20) },
      { start: 20, end: 30, text: words(20) },
      { start: 33, end: 43, text: words(24) },
      { start: 43, end: 53, text: words(24) },
      { start: 53, end: 63, text: words(24) },
    ];
    const m = computeSpeechMetrics(segments);
    expect(m.word_count).toBe(132);
    // 132 / (63 / 60) = 125.71…; over the 60 s of speech: 132.
    expect(m.words_per_minute).toBe(125.7);
    expect(m.articulation_wpm).toBe(132);
    // Words sit at the middle of their even share of a segment, e.g. 10.25, 10.75, … in the
    // second one: [15, 45) holds 10 + 20 + 24 + 5 words.
    expect(m.pace_windows).toEqual([
      { start: 0, end: 30, words: 60, wpm: 120 },
      { start: 15, end: 45, words: 59, wpm: 118 },
      { start: 30, end: 60, words: 65, wpm: 130 },
      { start: 33, end: 63, words: 72, wpm: 144 },
    ]);
    expect([m.wpm_min, m.wpm_max]).toEqual([118, 144]);
    expect(m.long_pauses.count).toBe(1);
    expect(m.fillers).toEqual({ count: 0, per_100_words: 0, by_word: {} });
  });

  it('uses word timestamps when the transcript has them', () => {
    const windows = paceWindows([1, 2, 3, 40, 41], 0, 45);
    expect(windows).toEqual([
      { start: 0, end: 30, words: 3, wpm: 6 },
      { start: 15, end: 45, words: 2, wpm: 4 },
    ]);
    const m = computeSpeechMetrics(
      [{ start: 0, end: 45, text: 'one two three four five' }],
      [
        { word: 'one', start: 0.5, end: 1.5 },
        { word: 'two', start: 1.5, end: 2.5 },
        { word: 'three', start: 2.5, end: 3.5 },
        { word: 'four', start: 39.5, end: 40.5 },
        { word: 'five', start: 40.5, end: 41.5 },
      ],
    );
    expect(m.pace_windows).toEqual(windows);
  });

  it('answers nulls, not NaN, for an empty transcript', () => {
    const m = computeSpeechMetrics([]);
    expect(m).toMatchObject({
      word_count: 0,
      words_per_minute: null,
      articulation_wpm: null,
      pace_windows: [],
      wpm_min: null,
      fillers: { count: 0, per_100_words: null },
      long_pauses: { count: 0, longest_seconds: 0 },
    });
  });
});

describe('countFillers', () => {
  it.each([
    ['I like Postgres. Like, it is fast.', { like: 1 }],
    ['It looks like a queue and I would like one', {}],
    ['So we shipped it. It was so fast', { so: 1 }],
    ['Do you know Redis? You know, it caches.', { 'you know': 1 }],
    ['I mean, it works', { 'i mean': 1 }],
    ['Um, uh, erm… actually', { um: 1, uh: 1, erm: 1, actually: 1 }],
  ])('%s', (text, expected) => {
    expect(countFillers(text)).toEqual(expected);
  });

  it('keeps apostrophes inside words and splits on hyphens', () => {
    expect(tokenize('Don’t re-run it')).toEqual(["don't", 're', 'run', 'it']);
  });
});

describe('speechAdvice', () => {
  const base: SpeechMetrics = computeSpeechMetrics([{ start: 0, end: 60, text: words(140) }]);

  it('says the answer is on track when nothing stands out', () => {
    expect(base.words_per_minute).toBe(140);
    expect(speechAdvice(base).map((a) => a.code)).toEqual(['on_track']);
  });

  it('flags a slow pace and frequent fillers, naming the most frequent one', () => {
    const m = computeSpeechMetrics([
      { start: 0, end: 10, text: 'So um I think the main thing is like caching the results' },
      { start: 13, end: 20, text: 'You know we used PostgreSQL and I like how it handles indexes' },
      { start: 20.5, end: 30, text: 'Basically it was uh uh fast enough' },
    ]);
    const advice = speechAdvice(m);
    expect(advice.map((a) => a.code)).toEqual(['pace_too_slow', 'fillers_frequent']);
    expect(advice[1].message).toContain('"uh"');
  });

  it('flags a fast, uneven pace and long pauses', () => {
    const m = speechAdvice({
      ...base,
      words_per_minute: 185,
      wpm_min: 120,
      wpm_max: 200,
      long_pauses: { threshold_seconds: 2, count: 1, longest_seconds: 6.5, total_seconds: 6.5 },
    });
    expect(m.map((a) => a.code)).toEqual(['pace_too_fast', 'pace_uneven', 'pauses_long']);
  });

  it('refuses to judge a few words', () => {
    const m = computeSpeechMetrics([{ start: 0, end: 3, text: 'Yes I agree' }]);
    expect(speechAdvice(m).map((a) => a.code)).toEqual(['too_short']);
  });
});
