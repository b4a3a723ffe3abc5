import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentPersonalData } from './consent.personal-data';
import { ConsentRepository } from './consent.repository';
import { ConsentService } from './consent.service';
import { Consent } from './entities/consent.entity';
import { TalentPoolMembershipRef } from './talent-pool.port';

// Consent records per person and purpose. The candidate-facing routes live in CandidatesModule
// (ConsentController), which knows who the signed-in candidate is.
@Module({
  imports: [TypeOrmModule.forFeature([Consent])],
  providers: [ConsentService, ConsentPersonalData, ConsentRepository, TalentPoolMembershipRef],
  exports: [ConsentService],
})
export class ConsentModule {}
