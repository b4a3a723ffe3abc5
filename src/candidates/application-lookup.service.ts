import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { Page } from '../common/pagination/cursor';
import { keysetPage, PageRequest } from '../common/pagination/keyset';
import { CryptoService } from '../crypto/crypto.service';
import { applicationAad, ApplicationResponse, presentApplication } from './application.presenter';
import { ApplicationStageHistory } from './entities/application-history.entity';
import { Application } from './entities/application.entity';

// What the modules above candidates (ats) read of applications, so they never name its tables.
@Injectable()
export class ApplicationLookupService {
  constructor(
    @InjectEntityManager() private readonly entities: EntityManager,
    private readonly crypto: CryptoService,
  ) {}

  async idsOfCandidate(candidateId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.entities).find(Application, {
      select: { id: true },
      where: { candidateId },
    });
    return rows.map((a) => a.id);
  }

  async presentById(id: string, manager?: EntityManager): Promise<ApplicationResponse> {
    const application = await (manager ?? this.entities).findOneByOrFail(Application, { id });
    return presentApplication(application, this.crypto);
  }

  // Where a message about the application goes, in plain.
  async recipientOf(
    id: string,
    manager?: EntityManager,
  ): Promise<{ email: string | null; name: string | null }> {
    const a = await (manager ?? this.entities).findOneByOrFail(Application, { id });
    return {
      email: this.crypto.decryptNullable(
        a.applicantEmailEncrypted,
        applicationAad(a.id, 'applicant_email'),
      ),
      name: this.crypto.decryptNullable(
        a.applicantNameEncrypted,
        applicationAad(a.id, 'applicant_name'),
      ),
    };
  }

  // The application's stage changes, oldest first.
  historyPage<T>(
    applicationId: string,
    query: PageRequest,
    present: (h: ApplicationStageHistory) => T,
  ): Promise<Page<T>> {
    return keysetPage(
      this.entities
        .getRepository(ApplicationStageHistory)
        .createQueryBuilder('h')
        .where('h.application_id = :applicationId', { applicationId }),
      query,
      { column: 'changed_at', direction: 'ASC', key: (h) => [h.changedAt, h.id] },
      present,
    );
  }
}
