import { sentences, wordTokens } from './text/tokenizer';

// Evidence of a STAR answer (situation, task, action, result, and what was learned) for
// behavioural questions, and of a concrete plan for situational ones. Patterns are about the
// shape of a story, not about any one question.
const SITUATION =
  /\b(?:last (?:year|month|week|spring|summer|autumn|fall|winter|quarter|sprint)|at my (?:last|previous|current|first) (?:job|company|employer|role|team)|in my (?:last|previous|first) (?:job|role|team)|(?:a few|two|three|several) (?:weeks|months|years) ago|once|one time|when i (?:joined|was|worked|started)|on (?:a|our|my) (?:\w+ )?project|during (?:a|an|the|my|our))\b/i;
const TASK =
  /\b(?:my (?:job|role|task|responsibility|goal) was|i was (?:responsible|the|asked|in charge)|i (?:had|needed) to|we (?:had|needed) to|the goal was|it was my job)\b/i;
const FIRST_PERSON_ACTION =
  /\bi (?:\w+ed|went|took|made|wrote|built|told|asked|set|met|ran|sat|led|spoke|gave|put|began|chose|brought|found|kept|sent|got|did|drew|cut|paired|booked)\b/gi;
const TEAM_ACTION =
  /\bwe (?:\w+ed|went|took|made|wrote|built|told|set|met|ran|sat|chose|kept|sent|got|did|cut|each \w+ed)\b/gi;
const RESULT =
  /\b(?:as a result|in the end|the result|shipped|delivered|launched|reduced|improved|increased|dropped|fell|rose|went from|saved|passed|signed|restored|recovered|on time|ahead of|faster|percent|managed to|finished|completed|went ahead|got along|worked well)\b|\d|%/i;
const REFLECTION =
  /\b(?:i learned|i learnt|i've learned|lesson|taught me|took away|takeaway|i realised|i realized|next time|since then|from then on|what i (?:took|learned)|i now)\b/i;

// A plan for a hypothetical situation: ordered steps the candidate would take.
const PLAN_STEP =
  /\b(?:i would|i'd|i will|first|then|next|after that|afterwards|once|meanwhile|at the same time|if (?:it|that|the))\b/gi;

// Practices a hiring team treats as red flags, told as if they were the right thing: keeping
// people uninformed, skipping safeguards, blaming others, refusing to change.
const QUESTIONABLE_PRACTICES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /\b(?:did not|didn't|do not|don't|would not|wouldn't|never) (?:tell|inform|involve|mention|wake|update)\b|\bwithout (?:telling|informing|involving)\b|\bno (?:need|point|reason) (?:to )?(?:tell|inform|wake|involve|bother|telling|informing)\b|\b(?:handle|handled|fix|fixed|deal with|dealt with|patch|patched) (?:it|this|that|things) quietly\b/i,
    'keeps the people affected uninformed',
  ],
  [
    /\b(?:skip|skipped|skipping|turn(?:ed)? off|disabl(?:e|ed|ing)|bypass(?:ed)?) (?:the |our |all )?(?:code |automated )?(?:reviews?|tests?|test suite|checks?|ci)\b|\b(?:straight|directly) (?:to|on|in) (?:the )?production\b/i,
    'skips reviews, tests or other safeguards',
  ],
  [
    /\b(?:reported (?:him|her|them)|blamed?|(?:his|her|their) fault|not my fault|(?:their|his|her) sensitivity)\b/i,
    'puts the blame on others',
  ],
  [
    /\b(?:did not|didn't|never) (?:change|need to change|needed to change) (?:anything|a thing|how i)\b|\bi was right\b|\b(?:do|did) it the same way again\b|\bdid not waste time\b/i,
    'dismisses feedback or refuses to change',
  ],
];

// A practice mentioned in order to reject it ("instead of trying to fix it quietly", "we never
// skip code review") is not endorsed.
const REJECTION_BEFORE =
  /\b(?:instead of|rather than|not|never|avoid|avoided|without|stop|stopped|no longer|refuse|refused|about|against)\b[^.!?]{0,25}$/i;

function endorses(text: string, pattern: RegExp): boolean {
  const global = new RegExp(pattern.source, 'gi');
  for (const match of text.matchAll(global)) {
    if (!REJECTION_BEFORE.test(text.slice(0, match.index))) {
      return true;
    }
  }
  return false;
}

export interface StoryReport {
  situation: boolean;
  task: boolean;
  actions: number;
  result: boolean;
  reflection: boolean;
  planSteps: number;
  // Numbers and past-tense first-person actions: a story that happened, not a principle.
  specificity: number;
  // 0..1 share of the STAR parts present, actions weighted most.
  star: number;
  // 0..1 for a situational plan: steps, first-person actions, follow-up.
  plan: number;
  questionablePractices: string[];
}

function clamp01(value: number): number {
  return Math.max(0, Math.min(1, value));
}

export function analyseStory(text: string): StoryReport {
  const words = wordTokens(text).length;
  // The candidate's own actions count fully, the team's ("we agreed") half.
  const actions =
    new Set((text.match(FIRST_PERSON_ACTION) ?? []).map((a) => a.toLowerCase())).size +
    0.5 * new Set((text.match(TEAM_ACTION) ?? []).map((a) => a.toLowerCase())).size;
  const numbers = (
    text.match(/\d+|\b(?:two|three|four|five|six|ten|twenty|hundred|half)\b/gi) ?? []
  ).length;
  const situation = SITUATION.test(text);
  const task = TASK.test(text);
  const result = sentences(text)
    .slice(1)
    .some((s) => RESULT.test(s));
  const reflection = REFLECTION.test(text);
  const planSteps = (text.match(PLAN_STEP) ?? []).length;
  const star =
    0.2 * (situation ? 1 : 0) +
    0.1 * (task ? 1 : 0) +
    0.3 * clamp01(actions / 3) +
    0.25 * (result ? 1 : 0) +
    0.15 * (reflection ? 1 : 0);
  const plan =
    0.5 * clamp01(planSteps / 5) +
    0.3 * clamp01(words / 120) +
    0.2 * (reflection || result ? 1 : 0);
  return {
    situation,
    task,
    actions,
    result,
    reflection,
    planSteps,
    specificity: clamp01(
      0.4 * clamp01(numbers / 2) + 0.3 * clamp01(actions / 4) + 0.3 * clamp01(words / 120),
    ),
    star,
    plan,
    questionablePractices: QUESTIONABLE_PRACTICES.filter(([pattern]) =>
      endorses(text, pattern),
    ).map(([, reason]) => reason),
  };
}
