import { Module } from '@nestjs/common';

// ATS pipeline routes, rejection reasons, scorecards, analytics, dashboard and outbound webhooks.
@Module({})
export class AtsModule {}
