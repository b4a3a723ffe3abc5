import type { ScoreConfidence } from '../ai-provider';

// Guard flags that always ask for a human, whoever scored the answer.
const REVIEW_FLAGS: Readonly<Record<string, string>> = {
  copied_gold_answer: 'the answer reproduces the reference answer',
};

// A model's verdict carries no confidence measure of its own; it is sent to a human only when a
// deterministic guard or the model itself raised a flag that needs one.
export function reviewForRemoteScore(flags: readonly string[]): ScoreConfidence {
  const reasons = flags.filter((f) => Object.hasOwn(REVIEW_FLAGS, f)).map((f) => REVIEW_FLAGS[f]);
  return { value: null, needs_review: reasons.length > 0, reasons };
}
