// 32-bit FNV-1a: a stable, dependency-free hash, so the same job always yields the same order.
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function orderByHash<T>(items: readonly T[], seed: string, keyOf: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, rank: stableHash(`${seed}\u0000${keyOf(item)}`), key: keyOf(item) }))
    .sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key))
    .map(({ item }) => item);
}
