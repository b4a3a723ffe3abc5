import { Global, Module } from '@nestjs/common';
import { ConsentPersonalData } from './consent.personal-data';
import { ConsentService } from './consent.service';

@Global()
@Module({ providers: [ConsentService, ConsentPersonalData], exports: [ConsentService] })
export class ConsentModule {}
