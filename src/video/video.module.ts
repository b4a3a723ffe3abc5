import { ConsentModule } from '../consent/consent.module';
import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthModule } from '../auth/auth.module';
import { InterviewsModule } from '../interviews/interviews.module';
import { JobsModule } from '../jobs/jobs.module';
import { QueueService } from '../queue/queue.service';
import { InterviewMeetingSource } from '../interviews/interview-meeting-query.service';
import { InterviewMeetingsService } from './interview-meetings.service';
import { MeetingsService } from './meetings.service';
import { RecordingsService } from './recordings.service';
import { VideoController } from './video.controller';
import { VideoProviderRegistry } from './video-provider.registry';
import { VideoPersonalData } from './video.personal-data';
import {
  MeetingCreateJob,
  MeetingSyncJob,
  RECORDING_DOWNLOAD_QUEUE,
  RecordingDownloadJob,
  VIDEO_MEETING_CREATE_QUEUE,
  VIDEO_MEETING_SYNC_QUEUE,
  ZOOM_ERASURE_QUEUE,
  ZOOM_WEBHOOK_QUEUE,
  ZoomErasureJob,
  ZoomWebhookJob,
} from './video.queues';
import { RoomsController } from './webrtc/rooms.controller';
import { RoomsService } from './webrtc/rooms.service';
import { SignalHub } from './webrtc/signal-hub.service';
import { SignalStreamService } from './webrtc/signal-stream.service';
import { WebRtcVideoProvider } from './webrtc/webrtc-video.provider';
import { ZoomApiClient } from './zoom/zoom-api.client';
import { ZoomMeetingEraser, zoomErasureQueueOptions } from './zoom/zoom-meeting.eraser';
import {
  RECORDING_DOWNLOAD_RETRIES,
  ZoomRecordingDownloader,
} from './zoom/zoom-recording.downloader';
import { ZoomVideoProvider } from './zoom/zoom-video.provider';
import { ZoomWebhookController } from './zoom/zoom-webhook.controller';
import { ZoomWebhookService } from './zoom/zoom-webhook.service';

// Video interviews: Zoom meetings and recordings, signed webhooks, built-in WebRTC rooms.
@Module({
  imports: [AuthModule, ConsentModule, InterviewsModule, JobsModule],
  controllers: [VideoController, ZoomWebhookController, RoomsController],
  providers: [
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
export class VideoModule implements OnModuleInit {
  constructor(
    private readonly queue: QueueService,
    private readonly meetings: MeetingsService,
    private readonly webhooks: ZoomWebhookService,
    private readonly downloader: ZoomRecordingDownloader,
    private readonly eraser: ZoomMeetingEraser,
    private readonly config: ConfigService,
  ) {}

  onModuleInit(): void {
    this.queue.register<MeetingCreateJob>({
      name: VIDEO_MEETING_CREATE_QUEUE,
      handler: (data) => this.meetings.createForInterview(data.interview_id),
    });
    this.queue.register<MeetingSyncJob>({
      name: VIDEO_MEETING_SYNC_QUEUE,
      handler: (data) => this.meetings.syncWithInterview(data.interview_id),
    });
    this.queue.register<ZoomWebhookJob>({
      name: ZOOM_WEBHOOK_QUEUE,
      handler: (data) => this.webhooks.process(data),
      concurrency: 4,
    });
    this.queue.register<RecordingDownloadJob>({
      name: RECORDING_DOWNLOAD_QUEUE,
      handler: (data, job) => this.downloader.download(data, job),
      options: {
        retryLimit: RECORDING_DOWNLOAD_RETRIES,
        retryDelay: 30,
        retryBackoff: true,
        retryDelayMax: 3600,
        expireInSeconds: 1800,
      },
    });
    this.queue.register<ZoomErasureJob>({
      name: ZOOM_ERASURE_QUEUE,
      handler: (data, job) => this.eraser.erase(data, job),
      options: zoomErasureQueueOptions(this.config),
    });
  }
}
