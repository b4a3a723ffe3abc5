import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CandidateResumes, CandidateResumeSummary } from '../candidates/candidate-profile-sources.service';
import { Resume } from './entities/resume.entity';

// The resumes module's side of candidates' CandidateResumes port (the résumés on a profile).
@Injectable()
export class CandidateResumesRepository extends CandidateResumes {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async listForCandidate(candidateId: string): Promise<CandidateResumeSummary[]> {
    const resumes = await this.dataSource
      .getRepository(Resume)
      .find({ where: { candidateId }, order: { createdAt: 'DESC' } });
    return resumes.map((r) => ({
      id: r.id,
      parsing_status: r.parsingStatus,
      skills: r.skills,
      experience_years: r.experienceYears,
      created_at: r.createdAt.toISOString(),
    }));
  }
}
