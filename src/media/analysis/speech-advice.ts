import type { SpeechMetrics } from './speech-metrics';

export type AdviceCode =
  | 'too_short'
  | 'pace_too_fast'
  | 'pace_too_slow'
  | 'pace_uneven'
  | 'fillers_frequent'
  | 'pauses_long'
  | 'on_track';

export interface Advice {
  code: AdviceCode;
  message: string;
}

// Interview-coaching rules of thumb: conversational English sits around 130–160 wpm; above ~170
// listeners lose detail, below ~110 it sounds hesitant.
export const ADVICE_THRESHOLDS = {
  minWords: 10,
  minSpanSeconds: 10,
  fastWpm: 170,
  slowWpm: 110,
  unevenWpmSpread: 60,
  fillersPer100Words: 5,
  manyLongPauses: 3,
  longestPauseSeconds: 5,
} as const;

const T = ADVICE_THRESHOLDS;

export function speechAdvice(m: SpeechMetrics): Advice[] {
  if (
    m.word_count < T.minWords ||
    m.speaking_span_seconds < T.minSpanSeconds ||
    m.words_per_minute === null
  ) {
    return [
      {
        code: 'too_short',
        message: `Too little speech to judge pace reliably (needs at least ${T.minWords} words over ${T.minSpanSeconds} seconds).`,
      },
    ];
  }
  const advice: Advice[] = [];
  const wpm = m.words_per_minute;
  if (wpm > T.fastWpm) {
    advice.push({
      code: 'pace_too_fast',
      message: `You spoke at ${wpm} words per minute; aim for 130–160. Slow down and pause briefly between points.`,
    });
  } else if (wpm < T.slowWpm) {
    advice.push({
      code: 'pace_too_slow',
      message: `You spoke at ${wpm} words per minute; aim for 130–160. Prepare your key points so the answer flows.`,
    });
  }
  if (m.wpm_min !== null && m.wpm_max !== null && m.wpm_max - m.wpm_min > T.unevenWpmSpread) {
    advice.push({
      code: 'pace_uneven',
      message: `Your pace ranged from ${m.wpm_min} to ${m.wpm_max} words per minute across ${m.window_seconds}-second stretches; keep it steadier.`,
    });
  }
  const rate = m.fillers.per_100_words ?? 0;
  if (rate > T.fillersPer100Words) {
    const [top] = Object.entries(m.fillers.by_word).sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
    advice.push({
      code: 'fillers_frequent',
      message: `${rate} filler words per 100 words (most often "${top[0]}"); replace them with a short silent pause.`,
    });
  }
  const pauses = m.long_pauses;
  if (pauses.count >= T.manyLongPauses || pauses.longest_seconds > T.longestPauseSeconds) {
    advice.push({
      code: 'pauses_long',
      message: `${pauses.count} pauses longer than ${pauses.threshold_seconds} seconds (longest ${pauses.longest_seconds} s); structure the answer (situation, action, result) so you know what comes next.`,
    });
  }
  if (advice.length === 0) {
    advice.push({
      code: 'on_track',
      message: `Pace (${wpm} words per minute), filler words and pauses are within the usual ranges.`,
    });
  }
  return advice;
}
