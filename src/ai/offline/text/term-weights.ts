export type TermVector = ReadonlyMap<string, number>;

// Inverse document frequency over a reference corpus (the question bank). Terms the corpus has
// never seen get the highest weight: they are rare by definition.
export class TermWeights {
  private readonly documentFrequency = new Map<string, number>();
  private readonly documentCount: number;

  constructor(documents: ReadonlyArray<readonly string[]>) {
    this.documentCount = documents.length;
    for (const terms of documents) {
      for (const term of new Set(terms)) {
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      }
    }
  }

  idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log((this.documentCount + 1) / (df + 1)) + 1;
  }

  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  // Sub-linear term frequency times idf.
  vector(terms: readonly string[]): TermVector {
    const counts = new Map<string, number>();
    for (const term of terms) {
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    const weights = new Map<string, number>();
    for (const [term, count] of counts) {
      weights.set(term, (1 + Math.log(count)) * this.idf(term));
    }
    return weights;
  }
}

export function cosineSimilarity(a: TermVector, b: TermVector): number {
  let dot = 0;
  for (const [term, weight] of a) {
    dot += weight * (b.get(term) ?? 0);
  }
  const norm = (v: TermVector): number =>
    Math.sqrt([...v.values()].reduce((sum, w) => sum + w * w, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}

export function shingles(tokens: readonly string[], size: number): Set<string> {
  const result = new Set<string>();
  for (let i = 0; i + size <= tokens.length; i += 1) {
    result.add(tokens.slice(i, i + size).join(' '));
  }
  return result;
}
