import { contentTerms } from '../offline/text/tokenizer';

// How a model's key-point string was tied to one of the key points it was given.
export type KeyPointMatchKind = 'exact' | 'numbered' | 'near';

export interface ResolvedKeyPoint {
  keyPoint: string;
  kind: KeyPointMatchKind;
  // 1 for exact and numbered matches, the term overlap (Dice) for near matches.
  similarity: number;
}

// A near match needs half of the key point's terms and a Dice overlap of at least 0.4, and must
// beat the runner-up clearly; anything less is dropped rather than guessed.
const MIN_KEY_POINT_COVERAGE = 0.5;
const MIN_DICE = 0.4;
const MIN_MARGIN = 0.1;
const PREFIX = 6;

const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();

function sameTerm(a: string, b: string): boolean {
  return (
    a === b ||
    (a.length >= PREFIX && b.length >= PREFIX && a.slice(0, PREFIX) === b.slice(0, PREFIX))
  );
}

function overlap(a: readonly string[], b: readonly string[]): number {
  return a.filter((term) => b.some((other) => sameTerm(term, other))).length;
}

// Ties the strings a model lists as matched or missed key points back to the key points it was
// given: verbatim (ignoring case and punctuation), by number ("2", "#2", "2. …"), or by a clear
// near match of stemmed terms (a paraphrase). Returns undefined when no key point is a clear fit.
export class KeyPointResolver {
  private readonly byText: ReadonlyMap<string, string>;
  private readonly terms: ReadonlyArray<{ keyPoint: string; terms: string[] }>;

  constructor(private readonly keyPoints: readonly string[]) {
    this.byText = new Map(keyPoints.map((point) => [normalise(point), point]));
    this.terms = keyPoints.map((keyPoint) => ({
      keyPoint,
      terms: [...new Set(contentTerms(keyPoint))],
    }));
  }

  resolve(listed: string): ResolvedKeyPoint | undefined {
    const text = normalise(listed);
    const exact = this.byText.get(text);
    if (exact !== undefined) {
      return { keyPoint: exact, kind: 'exact', similarity: 1 };
    }
    const numbered = /^(?:key point |kp )?#?(\d{1,2})(?:\s+(.*))?$/.exec(text);
    if (numbered) {
      const byNumber = this.keyPoints[Number(numbered[1]) - 1];
      const rest = numbered[2];
      if (byNumber !== undefined && (rest === undefined || this.byText.get(rest) === byNumber)) {
        return { keyPoint: byNumber, kind: 'numbered', similarity: 1 };
      }
      if (rest !== undefined && this.byText.has(rest)) {
        return { keyPoint: this.byText.get(rest)!, kind: 'exact', similarity: 1 };
      }
    }
    return this.nearest(listed);
  }

  private nearest(listed: string): ResolvedKeyPoint | undefined {
    const listedTerms = [...new Set(contentTerms(listed))];
    if (listedTerms.length === 0) {
      return undefined;
    }
    const ranked = this.terms
      .map(({ keyPoint, terms }) => {
        const shared = overlap(terms, listedTerms);
        return {
          keyPoint,
          coverage: terms.length === 0 ? 0 : shared / terms.length,
          dice: (2 * shared) / (terms.length + listedTerms.length),
        };
      })
      .sort((a, b) => b.dice - a.dice);
    const [best, second] = ranked;
    if (
      !best ||
      best.coverage < MIN_KEY_POINT_COVERAGE ||
      best.dice < MIN_DICE ||
      (second !== undefined && best.dice - second.dice < MIN_MARGIN)
    ) {
      return undefined;
    }
    return { keyPoint: best.keyPoint, kind: 'near', similarity: Math.round(best.dice * 100) / 100 };
  }
}
