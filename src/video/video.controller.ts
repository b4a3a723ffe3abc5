import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import type { Page } from '../common/pagination/cursor';
import {
  CreateMeetingDto,
  MeetingQueryDto,
  RecordingQueryDto,
  RecordingSyncDto,
} from './dto/meeting.dto';
import { MeetingPageResponse, MeetingResponse } from './meeting.presenter';
import { MeetingsService } from './meetings.service';
import {
  RecordingPageResponse,
  RecordingResponse,
  RecordingSyncResponse,
} from './recording.presenter';
import { RecordingsService } from './recordings.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiAliasOf, ApiProblems } from '../common/openapi/api-docs.decorators';

const CREATE_DESCRIPTION = [
  'A Zoom meeting when Zoom credentials are configured (scheduled, waiting room on, no joining before the host, cloud recording only when the candidate granted `recording` consent), else a built-in WebRTC room whose `join_url` is `/api/video/rooms/{id}`. An interview scheduled with `video: "webrtc"` always gets a room.',
  'One active meeting per interview (409 `MEETING_EXISTS`). The meeting follows the interview: rescheduling it moves the meeting, cancelling it deletes the meeting. Vendor failures are 502 problems carrying the vendor message.',
].join('\n\n');

@ApiTags('video')
@Controller('video')
export class VideoController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly recordings: RecordingsService,
  ) {}

  @Post(['meetings', 'create-meeting'])
  @ApiProblems({
    404: 'No such interview',
    409: 'The interview already has an active meeting (MEETING_EXISTS) or is completed or cancelled (INTERVIEW_CLOSED)',
    502: 'Zoom refused the call (VIDEO_PROVIDER_ERROR; its message is in detail)',
  })
  @ApiAliasOf({ canonical: 'POST /api/video/meetings', paths: ['create-meeting'] })
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: 'Create the video meeting of an interview',
    description: CREATE_DESCRIPTION,
  })
  @ApiCreatedResponse({ type: MeetingResponse })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateMeetingDto): Promise<MeetingResponse> {
    return this.meetings.create(actor, dto);
  }

  @Get('meetings')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'Meetings, newest first (filters interview_id, status)' })
  @ApiOkResponse({ type: MeetingPageResponse })
  list(@Query() query: MeetingQueryDto): Promise<Page<MeetingResponse>> {
    return this.meetings.list(query);
  }

  @Get('meetings/:id')
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: "One meeting: its interview's candidate (without start_url) or recruiter+",
  })
  @ApiOkResponse({ type: MeetingResponse })
  get(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<MeetingResponse> {
    return this.meetings.get(viewer, id);
  }

  @Get('recordings')
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: 'Recording files, newest first (filters interview_id, meeting_id)',
    description:
      "Attached by Zoom's recording.completed webhook or by a sync; each file is copied into encrypted storage by a queue job (`status` pending → stored, or failed with `last_error`).",
  })
  @ApiOkResponse({ type: RecordingPageResponse })
  listRecordings(@Query() query: RecordingQueryDto): Promise<Page<RecordingResponse>> {
    return this.recordings.list(query);
  }

  @Post('recordings/sync')
  @ApiProblems({
    502: 'Zoom refused the call (VIDEO_PROVIDER_ERROR)',
    503: 'Zoom is not configured (ZOOM_NOT_CONFIGURED)',
  })
  @HttpCode(200)
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: "Pull the provider's recordings listing and attach new files",
    description:
      'Zoom: `GET /users/me/recordings` in one-month windows, following `next_page_token`; files of meetings that are not Panelist interviews are ignored. At most 186 days per call.',
  })
  @ApiOkResponse({ type: RecordingSyncResponse })
  sync(@Body() dto: RecordingSyncDto): Promise<RecordingSyncResponse> {
    return this.recordings.syncFromProvider(dto);
  }

  @Get('recordings/:id/download')
  @ApiProblems({ 409: 'The file is not stored yet (RECORDING_NOT_STORED)' })
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'The stored recording file (409 until it is stored)' })
  @ApiProduces('video/mp4', 'audio/mp4', 'text/vtt', 'application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(
    @Param('id', ParseUuidPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.recordings.download(id);
    void reply.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'no-store');
    // Streamed from the store, decrypted record by record.
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}
