import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { Candidate } from './entities/candidate.entity';

// Read-only questions other modules ask about a candidate's profile, so none of them reads the
// candidates table itself. Each joins the caller's transaction when given its manager.
@Injectable()
export class CandidateProfileQueryService {
  constructor(private readonly transactions: Transactions) {}

  // The profile's skills as the candidate (or their résumé) listed them; none for an unknown id.
  async skillsOf(candidateId: string, manager?: EntityManager): Promise<string[]> {
    const row = await (manager ?? this.transactions.manager).findOne(Candidate, {
      where: { id: candidateId },
      select: { id: true, skills: true },
    });
    return row?.skills ?? [];
  }
}
