import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityMetadata } from 'typeorm';
import type { AppConfig, AppSettings } from '../config/app-config';
import { CryptoService } from '../crypto/crypto.service';
import {
  digestFieldsOf,
  encryptedFieldAad,
  encryptedFieldsOf,
  keyedWordTokens,
  searchTokenPurpose,
} from '../crypto/encrypted-column';
import { EncryptedValuesRepository } from './encrypted-values.repository';

const BATCH = 500;

export interface BackfillReport {
  // `<table>.<legacy column>` → rows encrypted (or digested) and cleared.
  columns: Record<string, number>;
}

interface Step {
  table: string;
  legacy: string;
  // SET clause for one row: $1 is the id, $2 the derived value, $3 the search tokens if any.
  set: string;
  derive(id: string, plain: string): unknown[];
}

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

// Rows written before a column was encrypted still hold its plaintext in the legacy column (the
// migration that added `<column>_encrypted` could not reach the keyring). This job encrypts those
// values — or derives the blind index of a legacy key — and clears the plaintext, a batch per
// transaction with SKIP LOCKED, so it is resumable and instances can run it side by side. Worker
// processes start it in the background at boot; until it has run, reads fall back to the legacy
// value (EncryptedColumnsSubscriber, openColumn) and writes clear it.
@Injectable()
export class PlaintextBackfillService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PlaintextBackfill');
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly values: EncryptedValuesRepository,
    private readonly crypto: CryptoService,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.get<AppSettings>('app').role === 'api') {
      return;
    }
    this.running = this.run()
      .then((report) => {
        const done = Object.entries(report.columns).filter(([, n]) => n > 0);
        if (done.length > 0) {
          this.logger.log(
            `Encrypted legacy plaintext: ${done.map(([c, n]) => `${c} ${n}`).join(', ')}`,
          );
        }
      })
      .catch((error: Error) => this.logger.warn(`Plaintext backfill stopped: ${error.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.running;
  }

  async run(): Promise<BackfillReport> {
    const columns: Record<string, number> = {};
    for (const step of this.values.entityMetadatas().flatMap((m) => this.steps(m))) {
      columns[`${step.table}.${step.legacy}`] = await this.backfill(step);
    }
    return { columns };
  }

  private steps(metadata: EntityMetadata): Step[] {
    const table = metadata.tableName;
    const column = (property: string) =>
      metadata.findColumnWithPropertyName(property)!.databaseName;
    const encrypted = encryptedFieldsOf(metadata.target).flatMap((field): Step[] => {
      if (!field.legacy) {
        return [];
      }
      const tokens = field.searchTokens ? column(field.searchTokens) : null;
      return [
        {
          table,
          legacy: column(field.legacy),
          set:
            `${quoted(column(field.property))} = $2` + (tokens ? `, ${quoted(tokens)} = $3` : ''),
          derive: (id, plain) => [
            this.crypto.encrypt(plain, encryptedFieldAad(table, field, id)),
            ...(tokens
              ? [keyedWordTokens(this.crypto, searchTokenPurpose(table, field), plain)]
              : []),
          ],
        },
      ];
    });
    const digests = digestFieldsOf(metadata.target).map((field): Step => ({
      table,
      legacy: column(field.legacy),
      set: `${quoted(column(field.property))} = $2`,
      derive: (_id, plain) => [this.crypto.blindIndex(field.purpose, plain)],
    }));
    return [...encrypted, ...digests];
  }

  private async backfill(step: Step): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.values.backfillBatch(step, BATCH, (id, plain) =>
        step.derive(id, plain),
      );
      total += done;
      if (done < BATCH) {
        return total;
      }
    }
  }
}
