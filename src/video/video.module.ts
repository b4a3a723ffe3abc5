import { ConsentModule } from '../consent/consent.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { InterviewsModule } from '../interviews/interviews.module';
import { JobsModule } from '../jobs/jobs.module';
import { InterviewMeetingSource } from '../interviews/interview-meeting-query.service';
import { VideoMeeting } from './entities/video-meeting.entity';
import { VideoRecording } from './entities/video-recording.entity';
import { VideoSignal } from './entities/video-signal.entity';
import { VideoTranscriptLine } from './entities/video-transcript-line.entity';
import { ZoomWebhookEvent } from './entities/zoom-webhook-event.entity';
import { InterviewMeetingsService } from './interview-meetings.service';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { RecordingsRepository } from './recordings.repository';
import { RecordingsService } from './recordings.service';
import { VideoController } from './video.controller';
import { VideoProviderRegistry } from './video-provider.registry';
import { VideoPersonalData } from './video.personal-data';
import { RoomSignalsRepository } from './webrtc/room-signals.repository';
import { RoomsController } from './webrtc/rooms.controller';
import { RoomsService } from './webrtc/rooms.service';
import { SignalHub } from './webrtc/signal-hub.service';
import { SignalStreamService } from './webrtc/signal-stream.service';
import { WebRtcVideoProvider } from './webrtc/webrtc-video.provider';
import { ZoomApiClient } from './zoom/zoom-api.client';
import { ZoomMeetingEraser } from './zoom/zoom-meeting.eraser';
import { ZoomRecordingDownloader } from './zoom/zoom-recording.downloader';
import { ZoomVideoProvider } from './zoom/zoom-video.provider';
import { ZoomWebhookController } from './zoom/zoom-webhook.controller';
import { ZoomWebhookEventsRepository } from './zoom/zoom-webhook-events.repository';
import { ZoomWebhookService } from './zoom/zoom-webhook.service';

// Video interviews: Zoom meetings and recordings, signed webhooks, built-in WebRTC rooms.
@Module({
  imports: [
    TypeOrmModule.forFeature([
      VideoMeeting,
      VideoRecording,
      VideoSignal,
      VideoTranscriptLine,
      ZoomWebhookEvent,
    ]),
    AuthModule,
    ConsentModule,
    InterviewsModule,
    JobsModule,
  ],
  controllers: [VideoController, ZoomWebhookController, RoomsController],
  // Queue handlers are the @QueueJob methods of MeetingsService, ZoomWebhookService,
  // ZoomRecordingDownloader and ZoomMeetingEraser.
  providers: [
    MeetingsRepository,
    RecordingsRepository,
    RoomSignalsRepository,
    ZoomWebhookEventsRepository,
    InterviewMeetingsService,
    // interviews' port for the `meeting` field of its responses
    { provide: InterviewMeetingSource, useExisting: InterviewMeetingsService },
    ZoomApiClient,
    ZoomVideoProvider,
    WebRtcVideoProvider,
    VideoProviderRegistry,
    MeetingsService,
    RecordingsService,
    ZoomWebhookService,
    ZoomRecordingDownloader,
    ZoomMeetingEraser,
    SignalHub,
    SignalStreamService,
    RoomsService,
    VideoPersonalData,
  ],
})
export class VideoModule {}
