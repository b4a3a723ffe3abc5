import { Module } from '@nestjs/common';

// Resume upload, parsing jobs, downloads and the knowledge set.
@Module({})
export class ResumesModule {}
