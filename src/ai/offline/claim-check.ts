import type { AnswerToScore } from '../ai-provider';
import { scoringVocabulary } from './scoring-vocabulary';
import { clauses, negates, type Clause } from './text/clauses';
import { stem } from './text/stemmer';

// Pairs of opposite predicates. A claim that uses one side where the matching reference claim
// uses the other says the opposite ("containers share the host kernel" / "each container runs
// its own kernel").
const ANTONYM_GROUPS: ReadonlyArray<readonly [string, string]> = [
  ['safe safer safest secure', 'unsafe dangerous risky insecure'],
  ['share shared shares sharing', 'own separate dedicated'],
  [
    'strong stronger strongest strict stricter strictest',
    'weak weaker weakest loose looser loosest',
  ],
  ['fast faster fastest quick quicker', 'slow slower slowest'],
  [
    'increase increases increased more higher raise raises',
    'decrease decreases decreased less fewer lower',
  ],
  ['heavy heavier heavyweight', 'light lighter lightweight'],
  ['reliable reliably', 'unreliable'],
  ['preserve preserves preserved', 'rewrite rewrites rewritten'],
  ['stateless', 'stateful'],
  ['synchronous', 'asynchronous'],
  ['mutable', 'readonly'],
  ['allow allows allowed permit permits', 'prevent prevents prevented forbid forbids block blocks'],
  ['cheap cheaper', 'expensive costly'],
  ['enable enables enabled', 'disable disables disabled'],
  ['add adds added', 'remove removes removed'],
];

const ANTONYMS: ReadonlyArray<readonly [ReadonlySet<string>, ReadonlySet<string>]> =
  ANTONYM_GROUPS.map(
    ([a, b]) => [new Set(a.split(' ').map(stem)), new Set(b.split(' ').map(stem))] as const,
  );

const MIN_SHARED_TERMS = 2;
// Both clauses must be mostly about the shared terms, or a long sentence would "restate" every
// short reference claim it brushes against.
const MIN_ALIGNMENT = 0.5;
// A flip on a claim that shares at least this many terms with the reference claim is strong
// evidence; anything less only lowers confidence.
const STRONG_SHARED_TERMS = 3;

type ReferenceClaim = Clause;

export interface Contradiction {
  answerClause: string;
  referenceClaim: string;
  kind: 'negation' | 'antonym' | 'swapped';
  strong: boolean;
}

export interface ClaimCheck {
  contradictions: Contradiction[];
}

function sharedTerms(a: readonly string[], b: readonly string[]): number {
  const other = new Set(b);
  return a.filter((term) => other.has(term)).length;
}

function referenceClaims(answer: AnswerToScore): ReferenceClaim[] {
  return [
    ...answer.keyPoints.flatMap((point) => clauses(point)),
    ...clauses(answer.goldStandardAnswer),
  ].filter((c) => c.terms.length >= MIN_SHARED_TERMS);
}

// The reference claim an answer clause restates: most shared rarity-weighted terms, at least two
// shared terms, covering at least half of each clause.
function bestAlignment(
  clause: Clause,
  references: readonly ReferenceClaim[],
): { reference: ReferenceClaim; shared: number } | undefined {
  const { weights } = scoringVocabulary();
  let best: { reference: ReferenceClaim; shared: number; score: number } | undefined;
  for (const reference of references) {
    const shared = sharedTerms(clause.terms, reference.terms);
    if (
      shared < MIN_SHARED_TERMS ||
      shared / Math.max(clause.terms.length, reference.terms.length) < MIN_ALIGNMENT
    ) {
      continue;
    }
    const common = clause.terms.filter((t) => reference.terms.includes(t));
    const weight = common.reduce((sum, t) => sum + weights.idf(t), 0);
    const score = weight / Math.sqrt(clause.terms.length * reference.terms.length);
    if (!best || score > best.score) {
      best = { reference, shared, score };
    }
  }
  return best;
}

function antonymFlip(clause: Clause, reference: Clause): boolean {
  return ANTONYMS.some(([a, b]) => {
    const has = (c: Clause, side: ReadonlySet<string>) => [...side].some((s) => c.stems.has(s));
    return (
      (has(clause, a) && !has(clause, b) && has(reference, b) && !has(reference, a)) ||
      (has(clause, b) && !has(clause, a) && has(reference, a) && !has(reference, b))
    );
  });
}

const CONTRAST_QUESTION =
  /\b(?:difference|differences|differ|differs|compare|comparison|versus|vs)\b/i;
const HEAD_TERMS = 3;

interface EntityProfile {
  entity: string;
  // Terms the reference attaches to this entity only, and terms it denies of it.
  exclusive: Set<string>;
  denied: Set<string>;
  claims: string[];
}

// Questions that contrast things ("liveness and readiness", "TCP and UDP") are answered by
// attributing properties to each. The entities are the question's terms that head separate
// reference claims; each gets the terms the reference attaches to it alone.
function entityProfiles(
  answer: AnswerToScore,
  references: readonly ReferenceClaim[],
): EntityProfile[] {
  if (!CONTRAST_QUESTION.test(answer.questionText)) {
    return [];
  }
  const questionTerms = [...new Set(clauses(answer.questionText).flatMap((c) => c.terms))];
  // An entity heads at least one reference claim (among its first three terms).
  const heads = questionTerms.filter((term) =>
    references.some((r) => r.terms.slice(0, HEAD_TERMS).includes(term)),
  );
  // A term found wherever another candidate is ("probe" beside "liveness" and "readiness") is
  // what they have in common, not one of the things contrasted.
  const within = (term: string) => references.filter((r) => r.terms.includes(term));
  const candidates = heads.filter(
    (term) =>
      !heads.some((other) => other !== term && within(other).every((r) => r.terms.includes(term))),
  );
  const profiles = candidates.map((entity) => {
    const own = references.filter(
      (r) =>
        r.terms.includes(entity) && !candidates.some((o) => o !== entity && r.terms.includes(o)),
    );
    // A term is denied of the entity when a negation bears on it ("gets no traffic").
    const terms = (negated: boolean) =>
      new Set(
        own.flatMap((r) =>
          r.terms.filter((t) => !questionTerms.includes(t) && negates(r, new Set([t])) === negated),
        ),
      );
    return { entity, affirmed: terms(false), denied: terms(true), claims: own.map((r) => r.text) };
  });
  return profiles
    .filter((p) => p.claims.length > 0)
    .map((p, _, all) => ({
      entity: p.entity,
      exclusive: new Set(
        [...p.affirmed].filter((t) => !all.some((o) => o !== p && o.affirmed.has(t))),
      ),
      denied: p.denied,
      claims: p.claims,
    }))
    .filter((p) => p.exclusive.size > 0);
}

// An answer clause about one entity that carries another entity's exclusive terms, or terms the
// reference denies of it ("readiness … restarts the container"), swaps their roles.
function swappedAttribution(
  clause: Clause,
  profiles: readonly EntityProfile[],
): Contradiction | undefined {
  const mentioned = profiles.filter((p) => clause.terms.includes(p.entity));
  if (profiles.length < 2 || mentioned.length !== 1 || clause.negatorPositions.length > 0) {
    return undefined;
  }
  const [subject] = mentioned;
  const own = clause.terms.filter((t) => subject.exclusive.has(t)).length;
  const foreign = clause.terms.filter(
    (t) => subject.denied.has(t) || profiles.some((o) => o !== subject && o.exclusive.has(t)),
  );
  if (own > 0 || foreign.length === 0) {
    return undefined;
  }
  const owner = profiles.find((o) => o !== subject && foreign.some((t) => o.exclusive.has(t)));
  return {
    answerClause: clause.text,
    referenceClaim: (owner ?? subject).claims[0],
    kind: 'swapped',
    strong: foreign.length >= 2,
  };
}

// Compares each claim of the answer with the reference claim it restates (key points and the
// gold answer's clauses): same terms with the opposite polarity or an antonym is a contradiction.
export function checkClaims(answer: AnswerToScore): ClaimCheck {
  const references = referenceClaims(answer);
  const profiles = entityProfiles(answer, references);
  const result: ClaimCheck = { contradictions: [] };
  for (const clause of clauses(answer.answerText)) {
    if (clause.terms.length < MIN_SHARED_TERMS) {
      continue;
    }
    const aligned = bestAlignment(clause, references);
    if (!aligned) {
      const swapped = swappedAttribution(clause, profiles);
      if (swapped) {
        result.contradictions.push(swapped);
      }
      continue;
    }
    const { reference, shared } = aligned;
    const common = new Set(clause.terms.filter((t) => reference.terms.includes(t)));
    const kind =
      clause.requirement !== reference.requirement
        ? undefined
        : negates(clause, common) !== negates(reference, common)
          ? 'negation'
          : antonymFlip(clause, reference)
            ? 'antonym'
            : undefined;
    if (kind) {
      result.contradictions.push({
        answerClause: clause.text,
        referenceClaim: reference.text,
        kind,
        strong: shared >= STRONG_SHARED_TERMS,
      });
    }
  }
  return result;
}
