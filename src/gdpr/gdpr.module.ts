import { Module } from '@nestjs/common';

// GDPR: export, erasure, retention, key rotation, personal-data registry.
@Module({})
export class GdprModule {}
