import { Module } from '@nestjs/common';

// Video interviews: Zoom meetings and recordings, signed webhooks, built-in WebRTC rooms.
@Module({})
export class VideoModule {}
