import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
} from '../kernel/personal-data/personal-data-handler';
import { AuditRepository } from './audit.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Metadata that records the hiring team's assessment (interview finalisation, scorecards): left
// out of the person's copy, as everywhere else it goes (src/gdpr/README.md).
const ASSESSMENT_METADATA_KEYS = [
  'overall_score',
  'recommendation',
  'fraud_score',
  'results_status',
];

// Audit entries about the person, their records or their own actions. Entries are PII-free and
// append-only (a trigger refuses UPDATE and DELETE), so erasure leaves them as they are.
@Injectable()
@PersonalDataProvider()
export class AuditPersonalData implements PersonalDataHandler {
  readonly name = 'audit';
  // Exported, never changed: entries are PII-free by construction (AuditService refuses free text).
  readonly tables = { audit_events: [] };
  // Last: it needs the ids every other handler exported.
  readonly order = 100;

  constructor(private readonly entries: AuditRepository) {}

  async export(subject: PersonalDataSubject, manager?: EntityManager): Promise<PersonalDataExport> {
    const ids = [
      ...new Set(
        [subject.userId, subject.candidateId, ...(subject.relatedIds ?? [])].filter(
          (id): id is string => !!id && UUID.test(id),
        ),
      ),
    ];
    if (ids.length === 0) {
      return { records: {} };
    }
    const events = await this.entries.exportRows(ids, ASSESSMENT_METADATA_KEYS, manager);
    return { records: { audit_events: events } };
  }

  erase(): Promise<ErasureCounts> {
    return Promise.resolve({});
  }
}
