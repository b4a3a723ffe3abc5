import { CryptoService } from '../crypto/crypto.service';
import type { FileStorage } from '../storage/file-storage';
import type { EncryptedColumnRef, EncryptedValuesRepository } from './encrypted-values.repository';

export interface KeyRotationDeps {
  values: EncryptedValuesRepository;
  crypto: CryptoService;
  storage: FileStorage;
}

export interface KeyRotationOptions {
  batchSize?: number;
  log?: (line: string) => void;
}

export interface KeyRotationReport {
  currentKeyId: string;
  columns: { table: string; column: string; rotated: number; failed: number }[];
  files: { checked: number; rotated: number; failed: number };
  // Values and files still under another key afterwards (0 unless something failed).
  remaining: number;
}

const ENCRYPTED_SUFFIX = '_encrypted';

function notCurrent(keyId: string): string {
  // LIKE pattern for "written under the current key"; key ids may contain _ (a LIKE wildcard).
  return `enc1.${keyId.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
}

// Re-encrypts one column in id order, a batch per transaction. Only values under an older key are
// selected, so a second run (after a crash, or a no-op) continues where the first stopped.
async function rotateColumn(
  deps: KeyRotationDeps,
  target: EncryptedColumnRef,
  batchSize: number,
  log: (line: string) => void,
): Promise<{ rotated: number; failed: number }> {
  const aadColumn = target.column.slice(0, -ENCRYPTED_SUFFIX.length);
  const pattern = notCurrent(deps.crypto.activeKeyId);
  let after: string | null = null;
  let rotated = 0;
  let failed = 0;
  for (;;) {
    const batch = await deps.values.notUnderKey(target, pattern, after, batchSize);
    if (batch.length === 0) {
      break;
    }
    const replacements: { id: string; from: string; to: string }[] = [];
    for (const row of batch) {
      const aad = CryptoService.fieldAad(target.table, aadColumn, row.id);
      try {
        replacements.push({
          id: row.id,
          from: row.value,
          to: deps.crypto.encrypt(deps.crypto.decrypt(row.value, aad), aad),
        });
      } catch {
        failed += 1;
      }
    }
    await deps.values.replaceValues(target, replacements);
    rotated += replacements.length;
    after = batch[batch.length - 1].id;
    log(`${target.table}.${target.column}: ${rotated} re-encrypted (up to id ${after})`);
    if (batch.length < batchSize) {
      break;
    }
  }
  return { rotated, failed };
}

async function rotateFiles(
  deps: KeyRotationDeps,
  log: (line: string) => void,
): Promise<KeyRotationReport['files']> {
  const { storage, crypto } = deps;
  if (!storage.keys || !storage.keyIdOf) {
    throw new Error('This file storage cannot list or inspect its files, so it cannot be rotated');
  }
  const result = { checked: 0, rotated: 0, failed: 0 };
  for await (const key of storage.keys()) {
    result.checked += 1;
    if ((await storage.keyIdOf(key)) === crypto.activeKeyId) {
      continue;
    }
    try {
      // get decrypts under whichever key the file names; put writes it under the current one
      // (write-then-rename, so a crash never leaves a half-written file).
      const data = await storage.get(key);
      if (data) {
        await storage.put(key, data);
        result.rotated += 1;
      }
    } catch {
      result.failed += 1;
    }
    if (result.checked % 100 === 0) {
      log(`files: ${result.checked} checked, ${result.rotated} re-encrypted`);
    }
  }
  log(`files: ${result.checked} checked, ${result.rotated} re-encrypted, ${result.failed} failed`);
  return result;
}

async function countRemaining(
  deps: KeyRotationDeps,
  columns: EncryptedColumnRef[],
): Promise<number> {
  const pattern = notCurrent(deps.crypto.activeKeyId);
  let remaining = 0;
  for (const c of columns) {
    remaining += await deps.values.countNotUnderKey(c, pattern);
  }
  if (deps.storage.keys && deps.storage.keyIdOf) {
    for await (const key of deps.storage.keys()) {
      if ((await deps.storage.keyIdOf(key)) !== deps.crypto.activeKeyId) {
        remaining += 1;
      }
    }
  }
  return remaining;
}

// Moves every encrypted value and stored file onto the current key (the first entry of
// PII_ENCRYPTION_KEYS). Afterwards the older keys can be removed from the key ring.
export async function rotateEncryptionKeys(
  deps: KeyRotationDeps,
  options: KeyRotationOptions = {},
): Promise<KeyRotationReport> {
  const batchSize = options.batchSize ?? 500;
  const log = options.log ?? (() => undefined);
  const columns = await deps.values.encryptedColumns();
  log(`Current key: ${deps.crypto.activeKeyId}; ${columns.length} encrypted columns`);
  const report: KeyRotationReport = {
    currentKeyId: deps.crypto.activeKeyId,
    columns: [],
    files: { checked: 0, rotated: 0, failed: 0 },
    remaining: 0,
  };
  for (const column of columns) {
    report.columns.push({ ...column, ...(await rotateColumn(deps, column, batchSize, log)) });
  }
  report.files = await rotateFiles(deps, log);
  report.remaining = await countRemaining(deps, columns);
  log(`Done: ${report.remaining} values or files still under another key`);
  return report;
}
