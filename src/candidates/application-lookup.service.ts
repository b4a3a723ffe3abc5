import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundProblem } from '../common/errors/domain.exception';
import { ApplicationResponse, presentApplication } from './application.presenter';
import { ApplicationsRepository } from './applications.repository';
import { Application } from './entities/application.entity';

// What the modules above candidates (ats) read of applications, so they never name its tables.
@Injectable()
export class ApplicationLookupService {
  constructor(private readonly applications: ApplicationsRepository) {}

  idsOfCandidate(candidateId: string, manager?: EntityManager): Promise<string[]> {
    return this.applications.idsOfCandidate(candidateId, manager);
  }

  async presentById(id: string, manager?: EntityManager): Promise<ApplicationResponse> {
    return presentApplication(await this.existing(id, manager));
  }

  // Where a message about the application goes.
  async recipientOf(
    id: string,
    manager?: EntityManager,
  ): Promise<{ email: string | null; name: string | null }> {
    const a = await this.existing(id, manager);
    return { email: a.applicantEmail, name: a.applicantName };
  }

  private async existing(id: string, manager?: EntityManager): Promise<Application> {
    const application = await this.applications.findById(id, manager);
    if (!application) {
      throw new NotFoundProblem('Application');
    }
    return application;
  }
}
