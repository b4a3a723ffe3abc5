import { Module } from '@nestjs/common';

// Transcription and self-recorded media: signed upload/download URLs and speech analysis.
@Module({})
export class MediaModule {}
