import { Module } from '@nestjs/common';
import { CandidatesModule } from '../candidates/candidates.module';
import { ConsentController } from './consent.controller';

// The routes sit apart from ConsentModule: CandidatesModule needs the service, the controller
// needs CandidatesModule; splitting avoids a module cycle.
@Module({ imports: [CandidatesModule], controllers: [ConsentController] })
export class ConsentRoutesModule {}
