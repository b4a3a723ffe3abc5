import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { SessionService } from '../../auth/session.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { isStaff } from '../../common/auth/role';
import {
  ConflictProblem,
  DomainException,
  NotFoundProblem,
  ServiceUnavailableProblem,
} from '../../common/errors/domain.exception';
import type { Page, PageQueryDto } from '../../common/pagination/cursor';
import type { AppConfig, VideoSettings } from '../../config/app-config';
import { CryptoService } from '../../crypto/crypto.service';
import { Transactions } from '../../database/transactions';
import { SignalDto, TranscriptLineDto } from '../dto/room.dto';
import type { VideoMeeting } from '../entities/video-meeting.entity';
import { MeetingsRepository } from '../meetings.repository';
import { MeetingsService } from '../meetings.service';
import { RoomSignalsRepository } from './room-signals.repository';
import type { StreamAuthorisation } from './signal-stream.service';
import {
  RoomResponse,
  SignalReceipt,
  TranscriptLineResponse,
  TranscriptReceipt,
} from './room.presenter';
import { roomPath } from './webrtc-video.provider';
import { IceServer, turnCredentials } from './turn-credentials';

const MAX_SIGNAL_BYTES = 64 * 1024;

// Built-in WebRTC rooms: a room is a meeting with provider 'webrtc', addressed by the meeting id.
// Only the interview's candidate and staff may use it; anyone else gets 404.
@Injectable()
export class RoomsService {
  private readonly settings: VideoSettings;

  constructor(
    private readonly transactions: Transactions,
    private readonly rooms: MeetingsRepository,
    private readonly signals: RoomSignalsRepository,
    private readonly meetings: MeetingsService,
    private readonly crypto: CryptoService,
    private readonly sessions: SessionService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.settings = config.get<VideoSettings>('video');
  }

  async room(viewer: AuthUser, id: string): Promise<RoomResponse> {
    const room = await this.load(viewer, id);
    const base = roomPath(room.id);
    return {
      id: room.id,
      interview_id: room.interviewId,
      status: room.status,
      start_time: room.startTime.toISOString(),
      duration_minutes: room.durationMinutes,
      role: isStaff(viewer.role) ? 'staff' : 'candidate',
      ice_servers_url: `${base}/ice-servers`,
      signal_url: `${base}/signal`,
      transcript_url: `${base}/transcript`,
    };
  }

  // Short-lived TURN credentials for this user; the user id is replaced by a keyed pseudonym so
  // the TURN server's logs never carry our ids.
  async iceServers(viewer: AuthUser, id: string): Promise<IceServer[]> {
    this.assertOpen(await this.load(viewer, id));
    if (this.settings.turnUrls.length === 0) {
      return [];
    }
    if (!this.settings.turnSecret) {
      throw new ServiceUnavailableProblem('TURN_NOT_CONFIGURED', 'TURN_SECRET is not configured');
    }
    const { username, credential } = turnCredentials(
      this.settings.turnSecret,
      this.crypto.pseudonym('turn-user', viewer.id),
      Date.now(),
    );
    return [{ urls: this.settings.turnUrls, username, credential }];
  }

  // Stored, then announced with NOTIFY in the same transaction (delivered at commit). Bumping the
  // room's counter row-locks it, so a room's sequence numbers commit in order.
  async postSignal(viewer: AuthUser, id: string, dto: SignalDto): Promise<SignalReceipt> {
    this.assertOpen(await this.load(viewer, id));
    const payload = JSON.stringify(dto.payload);
    if (Buffer.byteLength(payload) > MAX_SIGNAL_BYTES) {
      throw new DomainException(413, 'SIGNAL_TOO_LARGE', 'payload must be at most 64 KiB of JSON');
    }
    return this.transactions.run(async (manager) => {
      const seq = await this.rooms.nextSignalSeq(manager, id);
      if (seq === undefined) {
        throw this.closed();
      }
      const signal = this.signals.buildSignal({
        id: randomUUID(),
        meetingId: id,
        seq,
        senderId: viewer.id,
        senderRole: isStaff(viewer.role) ? 'staff' : 'candidate',
        type: dto.type,
        payload,
        createdAt: new Date(),
      });
      await this.signals.insertAndAnnounce(manager, signal);
      return { id: signal.id, seq, type: signal.type, created_at: signal.createdAt.toISOString() };
    });
  }

  // For the SSE route: the room must exist, be the viewer's and be open.
  // A stream lives no longer than the access token that opened it, nor past its session.
  streamAuthorisation(viewer: AuthUser): StreamAuthorisation {
    return {
      expiresAt: viewer.expiresAt ?? Math.floor(Date.now() / 1000),
      stillAuthorised: () => this.sessions.isStillAuthorised(viewer),
    };
  }

  async openForStream(viewer: AuthUser, id: string): Promise<VideoMeeting> {
    const room = await this.load(viewer, id);
    this.assertOpen(room);
    return room;
  }

  async appendTranscript(
    viewer: AuthUser,
    id: string,
    dto: TranscriptLineDto,
  ): Promise<TranscriptReceipt> {
    this.assertOpen(await this.load(viewer, id));
    const line = this.signals.buildTranscriptLine({
      id: randomUUID(),
      meetingId: id,
      speakerId: viewer.id,
      speakerRole: isStaff(viewer.role) ? 'staff' : 'candidate',
      spokenAt: new Date(dto.at),
      text: dto.text,
      createdAt: new Date(),
    });
    await this.signals.insertTranscriptLine(line);
    return {
      id: line.id,
      room_id: id,
      at: line.spokenAt.toISOString(),
      speaker_role: line.speakerRole,
      created_at: line.createdAt.toISOString(),
    };
  }

  // Staff only (the controller's policy); in spoken order.
  async transcript(
    viewer: AuthUser,
    id: string,
    query: PageQueryDto,
  ): Promise<Page<TranscriptLineResponse>> {
    await this.load(viewer, id);
    return this.signals.pageTranscript(id, query, (l) => ({
      id: l.id,
      at: l.spokenAt.toISOString(),
      speaker_role: l.speakerRole,
      text: l.text,
    }));
  }

  private async load(viewer: AuthUser, id: string): Promise<VideoMeeting> {
    const { meeting } = await this.meetings.loadForParticipant(viewer, id).catch((error) => {
      throw error instanceof NotFoundProblem ? new NotFoundProblem('Room') : error;
    });
    if (meeting.provider !== 'webrtc') {
      throw new NotFoundProblem('Room');
    }
    return meeting;
  }

  private assertOpen(room: VideoMeeting): void {
    if (room.status === 'cancelled') {
      throw this.closed();
    }
  }

  private closed(): ConflictProblem {
    return new ConflictProblem('ROOM_CLOSED', 'The interview was cancelled; the room is closed');
  }
}
