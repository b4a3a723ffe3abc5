import type { FraudLevel, FraudSignal } from '../entities/interview.entity';
import type { ProctoringEventType } from '../entities/interview-event.entity';

export interface IntegrityEvent {
  type: ProctoringEventType;
  questionId: string | null;
  detail: Record<string, unknown>;
}

export interface IntegrityAnswer {
  questionId: string;
  wordCount: number;
  secondsSincePrevious: number | null;
  similarAnswerIds: string[];
  scorerFlags: string[];
}

export interface FraudRisk {
  score: number;
  level: FraudLevel;
  signals: FraudSignal[];
}

interface Rule {
  points: number;
  cap: number;
  detail: string;
}

const EVENT_RULES: Record<Exclude<ProctoringEventType, 'paste'>, Rule> = {
  tab_hidden: { points: 4, cap: 20, detail: 'The interview tab was hidden' },
  focus_lost: { points: 3, cap: 15, detail: 'The interview window lost focus' },
  copy: { points: 3, cap: 9, detail: 'Text was copied from the interview page' },
  multiple_faces: { points: 20, cap: 40, detail: 'More than one face was on camera' },
  no_face: { points: 6, cap: 24, detail: 'No face was on camera' },
  devtools_open: { points: 15, cap: 30, detail: 'Browser developer tools were opened' },
};
const PASTE: Rule = { points: 5, cap: 15, detail: 'Text was pasted' };
const PASTED_ANSWER: Rule = {
  points: 15,
  cap: 45,
  detail: 'An answer was pasted in (a paste of 40+ characters, or one into an answered question)',
};
const FAST_ANSWER: Rule = {
  points: 12,
  cap: 36,
  detail: 'A long answer arrived faster than anyone types (over 120 words per minute)',
};
const SIMILAR: Rule = {
  points: 30,
  cap: 60,
  detail: "An answer is near-identical to another candidate's answer to the same question",
};
const COPIED_GOLD: Rule = {
  points: 25,
  cap: 50,
  detail: 'An answer reproduces the reference answer nearly word for word',
};

const PASTED_ANSWER_MIN_CHARS = 40;
const FAST_MIN_WORDS = 30;
const FAST_WORDS_PER_MINUTE = 120;
export const MEDIUM_RISK = 25;
export const HIGH_RISK = 60;

function pastedLength(detail: Record<string, unknown>): number {
  const value = detail.length ?? detail.chars;
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function signal(
  type: string,
  rule: Rule,
  count: number,
  questionIds?: string[],
): FraudSignal | null {
  if (count === 0) {
    return null;
  }
  return {
    type,
    count,
    points: Math.min(rule.cap, rule.points * count),
    detail: rule.detail,
    ...(questionIds ? { question_ids: [...new Set(questionIds)] } : {}),
  };
}

// Integrity signals → a 0–100 risk for a human to weigh. Each kind of signal has a per-occurrence
// weight and a cap, so one noisy browser event cannot dominate. The risk never alters a score.
export function assessFraudRisk(events: IntegrityEvent[], answers: IntegrityAnswer[]): FraudRisk {
  const answered = new Set(answers.map((a) => a.questionId));
  const signals: (FraudSignal | null)[] = [];
  for (const [type, rule] of Object.entries(EVENT_RULES)) {
    signals.push(signal(type, rule, events.filter((e) => e.type === type).length));
  }
  const pastes = events.filter((e) => e.type === 'paste');
  const pastedAnswers = pastes.filter(
    (e) =>
      pastedLength(e.detail) >= PASTED_ANSWER_MIN_CHARS ||
      (e.questionId !== null && answered.has(e.questionId)),
  );
  signals.push(signal('paste', PASTE, pastes.length - pastedAnswers.length));
  signals.push(
    signal(
      'pasted_answer',
      PASTED_ANSWER,
      pastedAnswers.length,
      pastedAnswers.flatMap((e) => (e.questionId ? [e.questionId] : [])),
    ),
  );
  const fast = answers.filter(
    (a) =>
      a.wordCount >= FAST_MIN_WORDS &&
      a.secondsSincePrevious !== null &&
      (a.wordCount * 60) / Math.max(1, a.secondsSincePrevious) > FAST_WORDS_PER_MINUTE,
  );
  signals.push(
    signal(
      'fast_answer',
      FAST_ANSWER,
      fast.length,
      fast.map((a) => a.questionId),
    ),
  );
  const similar = answers.filter((a) => a.similarAnswerIds.length > 0);
  signals.push(
    signal(
      'similar_to_other_candidate',
      SIMILAR,
      similar.length,
      similar.map((a) => a.questionId),
    ),
  );
  const copied = answers.filter((a) => a.scorerFlags.includes('copied_gold_answer'));
  signals.push(
    signal(
      'copied_gold_answer',
      COPIED_GOLD,
      copied.length,
      copied.map((a) => a.questionId),
    ),
  );
  const present = signals.filter((s): s is FraudSignal => s !== null);
  const score = Math.min(
    100,
    present.reduce((sum, s) => sum + s.points, 0),
  );
  const level: FraudLevel = score >= HIGH_RISK ? 'high' : score >= MEDIUM_RISK ? 'medium' : 'low';
  return { score, level, signals: present.sort((a, b) => b.points - a.points) };
}
