import { stem } from './stemmer';
import { isStopWord } from './stop-words';
import { contentTerms, sentences, wordTokens } from './tokenizer';

// Words that flip a clause's polarity. "nothing" and "none" count, so that "nothing is
// restarted" agrees with "the container is not restarted".
const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'wont',
  'wouldnt',
  'shouldnt',
  'couldnt',
  'hasnt',
  'havent',
  'hadnt',
  'mustnt',
  'nothing',
  'none',
  'neither',
  'nor',
  'non',
  'inconsistent',
  'incorrect',
  'invalid',
  'unsuitable',
  'unnecessary',
  'unable',
  // A claim framed as a mistake to avoid says "do not": "a common mistake is to make liveness
  // depend on the database" agrees with "never make liveness call the database".
  'mistake',
  'avoid',
  'avoided',
  'avoiding',
]);

// Absolute or exclusive claims: fluent wrong answers lean on them ("only GET", "always rebase",
// "never needs a lock").
const ABSOLUTES: ReadonlySet<string> = new Set([
  'only',
  'always',
  'never',
  'every',
  'all',
  'any',
  'guarantees',
  'guaranteed',
  'completely',
  'perfectly',
  'exactly',
]);

// Clause boundaries inside a sentence: semicolons, colons, dashes and contrastive or causal
// conjunctions, each clause carrying its own polarity ("…removed from the endpoints, but the
// container is not restarted").
const CLAUSE_BREAK =
  /\s*[;:–—]\s*|\s+-\s+|,\s+(?:and|or|then|otherwise)\s+|,?\s+\b(?:but|whereas|while|although|though|because|since|so that|so|which means|instead|otherwise)\b\s+/i;

// Modal verbs that turn a statement into a requirement: "has to be atomic" does not contradict "is
// non-atomic", it answers it.
const REQUIREMENT = /\b(?:must|should|has to|have to|need to|needs to|ought to|make sure)\b/i;

export interface Clause {
  text: string;
  terms: string[];
  requirement: boolean;
  // Every token's stem in order, stop words included (antonyms such as more/less are stop words).
  tokens: string[];
  negatorPositions: number[];
  stems: ReadonlySet<string>;
  absolutes: string[];
}

// Phrases whose negator negates nothing ("no matter how often", "not only … but").
const IDIOMS = /\b(?:no matter|not only|no doubt|nothing but)\b/gi;

function clauseOf(text: string): Clause {
  const tokens = wordTokens(text.replace(IDIOMS, ' '));
  return {
    text,
    terms: [...new Set(contentTerms(text))].filter((term) => !NEGATORS.has(term)),
    requirement: REQUIREMENT.test(text),
    tokens: tokens.map(stem),
    // "too" before a word judges it excessive, as "unsuitable" does ("far too fast").
    negatorPositions: tokens.flatMap((t, i) =>
      NEGATORS.has(t) || (t === 'too' && i + 1 < tokens.length && !isStopWord(tokens[i + 1]))
        ? [i]
        : [],
    ),
    stems: new Set(tokens.map(stem)),
    absolutes: [...new Set(tokens.filter((t) => ABSOLUTES.has(t)))],
  };
}

export function clauses(text: string): Clause[] {
  // Blank runs collapsed first: CLAUSE_BREAK's \s* and \s+ then meet at most one blank each, so
  // the split stays linear (on a 20,000-character run of spaces it took seconds).
  return sentences(text)
    .flatMap((sentence) => sentence.replace(/\s+/g, ' ').split(CLAUSE_BREAK))
    .map((part) => part?.trim() ?? '')
    .filter((part) => /[a-z0-9]/i.test(part))
    .map(clauseOf);
}

const NEGATION_WINDOW = 4;

// Whether a negation in the clause bears on any of the given terms: a negator within four words
// of one of them ("PUT and DELETE are not idempotent"), not one in an unrelated part of the clause.
export function negates(clause: Clause, terms: ReadonlySet<string>): boolean {
  return clause.negatorPositions.some((at) =>
    clause.tokens.some(
      (token, i) => i !== at && Math.abs(i - at) <= NEGATION_WINDOW && terms.has(token),
    ),
  );
}
