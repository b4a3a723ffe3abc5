import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import {
  entityColumns,
  findStaleDeclarations,
  findUncoveredColumns,
  StaleDeclaration,
  UncoveredColumn,
} from './personal-data-coverage';
import {
  PersonalDataHandler,
  PersonalDataProvider,
} from '../../kernel/personal-data/personal-data-handler';
import { EncryptedValuesRepository } from '../encrypted-values.repository';

// Nest has no multi-providers: every provider marked @PersonalDataProvider() anywhere in the
// application is collected here, in a stable order. This is the one place GDPR export, erasure
// and retention find the modules' handlers.
@Injectable()
export class PersonalDataRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger('PersonalData');
  private cached: PersonalDataHandler[] | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly schema: EncryptedValuesRepository,
  ) {}

  onApplicationBootstrap(): void {
    const uncovered = this.uncoveredColumns();
    const stale = this.staleDeclarations();
    // Not fatal at run time (a module may be mid-development); the e2e coverage test fails.
    if (uncovered.length > 0) {
      this.logger.warn(
        `Text columns neither erased by a PersonalDataHandler nor declared @NotPersonalData: ${uncovered
          .map((u) => `${u.table}.${u.column}`)
          .join(', ')}`,
      );
    }
    if (stale.length > 0) {
      this.logger.warn(
        `Personal-data handlers name unknown tables or columns: ${stale
          .map((d) => `${d.handler}: ${d.table}${d.column ? `.${d.column}` : ''}`)
          .join(', ')}`,
      );
    }
  }

  handlers(): PersonalDataHandler[] {
    if (!this.cached) {
      const byName = new Map<string, PersonalDataHandler>();
      for (const wrapper of this.discovery.getProviders({
        metadataKey: PersonalDataProvider.KEY,
      })) {
        const handler = wrapper.instance as PersonalDataHandler | undefined;
        if (!handler) {
          continue;
        }
        const existing = byName.get(handler.name);
        if (existing && existing !== handler) {
          throw new Error(`Two personal-data handlers are named "${handler.name}"`);
        }
        byName.set(handler.name, handler);
      }
      this.cached = [...byName.values()].sort(
        (a, b) => (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name),
      );
    }
    return this.cached;
  }

  coveredTables(): Set<string> {
    return new Set(this.handlers().flatMap((h) => Object.keys(h.tables)));
  }

  uncoveredColumns(): UncoveredColumn[] {
    return findUncoveredColumns(this.entities(), this.declarations());
  }

  staleDeclarations(): StaleDeclaration[] {
    return findStaleDeclarations(this.entities(), this.declarations());
  }

  private entities() {
    return entityColumns(this.schema.entityMetadatas());
  }

  private declarations() {
    return this.handlers().map((h) => ({ handler: h.name, tables: h.tables }));
  }
}
