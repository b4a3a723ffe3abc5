// Derived from the id, so a retried build overwrites the same file and erasure and retention can
// always find it, even when a crash left the row without its storage key.
export function exportStorageKey(exportId: string): string {
  return `gdpr-export-${exportId}`;
}
