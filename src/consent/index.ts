// The consent module's public surface.
export { CONSENT_PURPOSES } from './entities/consent.entity';
export type { ConsentPurpose } from './entities/consent.entity';
export { ConsentModule } from './consent.module';
export { ConsentService } from './consent.service';
export type { ConsentRecordResponse, ConsentState } from './consent.service';
export { TalentPoolMembership } from './talent-pool.port';
