import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplicationLookupService } from '../candidates/application-lookup.service';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
  WITHHELD_ASSESSMENT,
} from '../kernel/personal-data/personal-data-handler';
import { Scorecard } from './entities/scorecard.entity';
import { ScorecardsRepository } from './scorecards.repository';

// Interviewers' scorecards about the person's applications. Webhook endpoints hold admin secrets
// and deliveries carry ids only, so they are not personal data (see personal-data-coverage.ts).
@Injectable()
@PersonalDataProvider()
export class AtsPersonalData implements PersonalDataHandler {
  readonly name = 'ats';
  readonly tables = { scorecards: ['notes_encrypted', 'attribute_notes_encrypted'] };

  constructor(
    private readonly scorecards: ScorecardsRepository,
    private readonly applications: ApplicationLookupService,
  ) {}

  // Scorecards are the hiring team's assessment: the person's copy says how many exist and why
  // they are left out, as the candidate routes never show them (src/gdpr/README.md).
  async export(subject: PersonalDataSubject, manager?: EntityManager): Promise<PersonalDataExport> {
    const scorecards = await this.scorecardsOf(subject, manager);
    return {
      records: {},
      withheld: { scorecards: { count: scorecards.length, reason: WITHHELD_ASSESSMENT } },
    };
  }

  // Ratings and recommendations stay for interviewer calibration; the notes are replaced by an
  // empty (still encrypted) text because the column is required and readers decrypt it.
  async erase(subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts> {
    const scorecards = await this.scorecardsOf(subject, manager);
    for (const s of scorecards) {
      await this.scorecards.update(s.id, { id: s.id, notes: '', attributeNotes: null }, manager);
    }
    return { scorecards: scorecards.length };
  }

  private async scorecardsOf(
    subject: PersonalDataSubject,
    manager?: EntityManager,
  ): Promise<Scorecard[]> {
    if (!subject.candidateId) {
      return [];
    }
    const applicationIds = await this.applications.idsOfCandidate(subject.candidateId, manager);
    return this.scorecards.listForApplications(applicationIds, manager);
  }
}
