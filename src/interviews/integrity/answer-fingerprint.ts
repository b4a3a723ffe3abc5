import { createHash } from 'node:crypto';

// Keyed MinHash over word bigrams, with LSH bands for the database's candidate search (see
// ../README.md, "Near-identical answers").
export const SIGNATURE_SIZE = 128;
const BAND_ROWS = 4;
// Short answers ("I don't know") coincide by chance; they are not compared.
export const MIN_FINGERPRINT_WORDS = 12;
export const NEAR_DUPLICATE_JACCARD = 0.9;

export interface AnswerFingerprint {
  minhash: number[];
  bands: string[];
}

export function answerTokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function wordCount(text: string): number {
  return answerTokens(text).length;
}

function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function fingerprintAnswer(
  text: string,
  keyedHash: (shingle: string) => Buffer,
): AnswerFingerprint | null {
  const tokens = answerTokens(text);
  if (tokens.length < MIN_FINGERPRINT_WORDS) {
    return null;
  }
  const shingles = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    shingles.add(`${tokens[i]} ${tokens[i + 1]}`);
  }
  const minhash = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    const digest = keyedHash(shingle);
    const h1 = digest.readUInt32BE(0);
    const h2 = digest.readUInt32BE(4) | 1;
    for (let i = 0; i < SIGNATURE_SIZE; i += 1) {
      const value = fmix32(h1 + Math.imul(i, h2));
      if (value < minhash[i]) {
        minhash[i] = value;
      }
    }
  }
  // PostgreSQL integer[] is signed 32-bit.
  const signed = minhash.map((v) => v | 0);
  const bands: string[] = [];
  for (let b = 0; b * BAND_ROWS < SIGNATURE_SIZE; b += 1) {
    const rows = signed.slice(b * BAND_ROWS, (b + 1) * BAND_ROWS).join(',');
    bands.push(`${b}:${createHash('sha256').update(rows).digest('base64url').slice(0, 16)}`);
  }
  return { minhash: signed, bands };
}

export function estimatedJaccard(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) {
    return 0;
  }
  let equal = 0;
  for (let i = 0; i < a.length; i += 1) {
    equal += a[i] === b[i] ? 1 : 0;
  }
  return equal / a.length;
}
