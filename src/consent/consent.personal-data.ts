import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
} from '../kernel/personal-data/personal-data-handler';
import { Consent } from './entities/consent.entity';

// Every grant and withdrawal. Erasure removes the history with the person: the erasure's own
// audit entry is the lasting record of what happened.
@Injectable()
@PersonalDataProvider()
export class ConsentPersonalData implements PersonalDataHandler {
  readonly name = 'consent';
  readonly tables = { consents: 'rows' } as const;

  constructor(private readonly dataSource: DataSource) {}

  async export(
    subject: PersonalDataSubject,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonalDataExport> {
    if (!subject.candidateId) {
      return { records: {} };
    }
    const rows = await manager.find(Consent, {
      where: { candidateId: subject.candidateId },
      order: { recordedAt: 'ASC', id: 'ASC' },
    });
    return {
      records: {
        consents: rows.map((c) => ({
          id: c.id,
          purpose: c.purpose,
          granted: c.granted,
          policy_version: c.policyVersion,
          source: c.source,
          recorded_at: c.recordedAt,
        })),
      },
    };
  }

  async erase(subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts> {
    if (!subject.candidateId) {
      return {};
    }
    const result = await manager.delete(Consent, { candidateId: subject.candidateId });
    return { consents: result.affected ?? 0 };
  }
}
