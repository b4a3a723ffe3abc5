import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TalentPoolMembership } from '../consent';
import { Candidate } from './entities/candidate.entity';

// The candidates module's side of consent's TalentPoolMembership port.
@Injectable()
export class TalentPoolMembershipRepository extends TalentPoolMembership {
  async setMember(candidateId: string, member: boolean, manager: EntityManager): Promise<void> {
    await manager.update(Candidate, { id: candidateId }, { talentPool: member });
  }
}
