import type { QuestionRequest } from '../ai-provider';

// What the hiring company builds, guessed from words in the job text. It only flavours
// behavioural and situational questions ("the payments platform goes down…").
const DOMAIN_HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(fintech|payments?|banking|bank|trading|insurance|lending)\b/, 'the payments platform'],
  [
    /\b(health ?care|healthtech|patients?|clinical|medical|hospital)\b/,
    'the patient-facing application',
  ],
  [/\b(e-?commerce|retail|marketplace|checkout|online shop|online store)\b/, 'the online store'],
  [/\b(edtech|education|learning platform|students?|courses?)\b/, 'the learning platform'],
  [/\b(logistics|shipping|delivery|supply chain|fleet|warehouse)\b/, 'the logistics system'],
  [/\b(game|gaming|games)\b/, 'the game backend'],
  [/\b(streaming|media|video platform|music)\b/, 'the streaming service'],
  [/\b(recruit|recruiting|hiring|hr tech|talent)\b/, 'the hiring platform'],
  [/\b(saas|b2b|enterprise customers?)\b/, 'the SaaS product'],
];

export interface JobContext {
  role: string;
  domain: string;
}

export function jobContext(req: Pick<QuestionRequest, 'jobTitle' | 'jobDescription'>): JobContext {
  const text = `${req.jobTitle} ${req.jobDescription}`.toLowerCase();
  const hint = DOMAIN_HINTS.find(([pattern]) => pattern.test(text));
  return {
    role: req.jobTitle.trim() || 'engineer',
    domain: hint ? hint[1] : "your team's main product",
  };
}

const VOWEL_SOUND = /^[aeiou]/i;

// Fills {role}, {skill} and {domain}, fixing "a"/"an" before a filled value and, for sentences,
// capitalising the first letter.
export function fillPlaceholders(
  template: string,
  values: Record<string, string>,
  capitalise = true,
): string {
  const filled = template.replace(
    /\b(a|an) \{(\w+)\}|\{(\w+)\}/g,
    (match, article, articleKey, key) => {
      if (article) {
        const value = Object.hasOwn(values, articleKey as string)
          ? values[articleKey as string]
          : match;
        return `${VOWEL_SOUND.test(value) ? 'an' : 'a'} ${value}`;
      }
      return Object.hasOwn(values, key as string) ? values[key as string] : match;
    },
  );
  return capitalise ? filled.charAt(0).toUpperCase() + filled.slice(1) : filled;
}
