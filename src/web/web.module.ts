import { Module } from '@nestjs/common';
import { CandidatePagesService } from './candidate-pages.service';

// Hosted candidate pages: server-rendered HTML over the public HTTP API only (see README.md).
@Module({ providers: [CandidatePagesService] })
export class WebModule {}
