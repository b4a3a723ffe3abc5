import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
} from '../kernel/personal-data/personal-data-handler';
import { ConsentRepository } from './consent.repository';

// Every grant and withdrawal. Erasure removes the history with the person: the erasure's own
// audit entry is the lasting record of what happened.
@Injectable()
@PersonalDataProvider()
export class ConsentPersonalData implements PersonalDataHandler {
  readonly name = 'consent';
  readonly tables = { consents: 'rows' } as const;

  constructor(private readonly consents: ConsentRepository) {}

  async export(subject: PersonalDataSubject, manager?: EntityManager): Promise<PersonalDataExport> {
    if (!subject.candidateId) {
      return { records: {} };
    }
    const rows = await this.consents.listForCandidate(subject.candidateId, 'ASC', manager);
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
    return { consents: await this.consents.deleteForCandidate(subject.candidateId, manager) };
  }
}
