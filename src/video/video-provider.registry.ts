import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, VideoSettings } from '../config/app-config';
import type { VideoChoice } from './meeting-interview';
import type { VideoProviderName } from './entities/video-meeting.entity';
import type { VideoProvider } from './video-provider';
import { WebRtcVideoProvider } from './webrtc/webrtc-video.provider';
import { ZoomVideoProvider } from './zoom/zoom-video.provider';

// Picks the adapter: Zoom when its credentials are configured, else the built-in room. An
// interview scheduled with `video: "webrtc"` keeps the built-in room even when Zoom is set up.
@Injectable()
export class VideoProviderRegistry {
  private readonly configured: VideoProvider;

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly zoom: ZoomVideoProvider,
    private readonly webrtc: WebRtcVideoProvider,
  ) {
    this.configured = config.get<VideoSettings>('video').provider === 'zoom' ? zoom : webrtc;
  }

  forInterview(choice: VideoChoice): VideoProvider {
    return choice === 'webrtc' ? this.webrtc : this.configured;
  }

  byName(name: VideoProviderName): VideoProvider {
    return name === 'zoom' ? this.zoom : this.webrtc;
  }

  get recordingSource(): VideoProvider {
    return this.configured;
  }
}
