// The consent module's public surface.
export { CONSENT_PURPOSES } from './consent.entity';
export type { ConsentPurpose } from './consent.entity';
export { ConsentModule } from './consent.module';
export { ConsentService } from './consent.service';
export type { ConsentRecordResponse, ConsentState } from './consent.service';
