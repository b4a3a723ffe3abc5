import { Module } from '@nestjs/common';
import { ConsentPersonalData } from './consent.personal-data';
import { ConsentService } from './consent.service';

// Consent records per person and purpose. The candidate-facing routes live in CandidatesModule
// (ConsentController), which knows who the signed-in candidate is.
@Module({ providers: [ConsentService, ConsentPersonalData], exports: [ConsentService] })
export class ConsentModule {}
