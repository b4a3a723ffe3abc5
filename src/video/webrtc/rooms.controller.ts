import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../../common/auth/policy.decorators';
import { Role } from '../../common/auth/role';
import { BadRequestProblem } from '../../common/errors/domain.exception';
import { PageQueryDto } from '../../common/pagination/cursor';
import type { Page } from '../../common/pagination/cursor';
import { SignalDto, SignalStreamQueryDto, TranscriptLineDto } from '../dto/room.dto';
import {
  IceServerResponse,
  RoomResponse,
  SignalReceipt,
  TranscriptLineResponse,
  TranscriptPageResponse,
  TranscriptReceipt,
} from './room.presenter';
import { RoomsService } from './rooms.service';
import { SignalStreamService } from './signal-stream.service';
import type { IceServer } from './turn-credentials';
import { ParseUuidPipe } from '../../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';

const STREAM_DESCRIPTION =
  "Server-sent events: `event: signal`, `id: <room sequence number>`, `data: { id, seq, type, from, payload, sent_at }` for the other participants' messages only (never your own), in order. Messages posted before you connected are replayed: all of them, or those after `Last-Event-ID` / `?since=`. A `: keep-alive` comment every 15 s. Works across API instances (PostgreSQL LISTEN/NOTIFY, the table is the source of truth).";

// `:id` is the room id, which is the id of the interview's WebRTC meeting (POST /api/video/meetings).
@ApiTags('video')
@Controller('video/rooms')
export class RoomsController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly streams: SignalStreamService,
  ) {}

  @Get(':id')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: "A WebRTC room (the interview's candidate or recruiter+; others 404)" })
  @ApiOkResponse({ type: RoomResponse })
  room(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<RoomResponse> {
    return this.rooms.room(viewer, id);
  }

  @Get(':id/ice-servers')
  @ApiProblems({ 503: 'TURN_URLS is set but TURN_SECRET is not (TURN_NOT_CONFIGURED)' })
  @Roles(Role.Candidate)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'STUN/TURN servers with 1-hour TURN REST credentials',
    description:
      '`username` = `<expiry unix seconds>:<opaque user id>`, `credential` = base64(HMAC-SHA1(TURN_SECRET, username)). Empty when TURN_URLS is not set.',
  })
  @ApiOkResponse({ type: [IceServerResponse] })
  iceServers(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<IceServer[]> {
    return this.rooms.iceServers(viewer, id);
  }

  @Post(':id/signal')
  @ApiProblems({
    409: 'The interview was cancelled; the room is closed (ROOM_CLOSED)',
    413: 'The signalling payload is too large (SIGNAL_TOO_LARGE)',
  })
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Send an offer, answer or ICE candidate to the other participant' })
  @ApiCreatedResponse({ type: SignalReceipt })
  signal(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: SignalDto,
  ): Promise<SignalReceipt> {
    return this.rooms.postSignal(viewer, id, dto);
  }

  @Get(':id/signal')
  @ApiProblems({ 409: 'The interview was cancelled; the room is closed (ROOM_CLOSED)' })
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: 'Receive signalling messages (text/event-stream)',
    description: STREAM_DESCRIPTION,
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ schema: { type: 'string' } })
  async stream(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: SignalStreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (lastEventId !== undefined && !/^\d{1,10}$/.test(lastEventId)) {
      throw new BadRequestProblem('INVALID_LAST_EVENT_ID', 'Last-Event-ID must be an event id');
    }
    const since = lastEventId !== undefined ? Number(lastEventId) : (query.since ?? 0);
    const room = await this.rooms.openForStream(viewer, id);
    const subscription = await this.streams.subscribe(
      room.id,
      viewer.id,
      since,
      this.rooms.streamAuthorisation(viewer),
    );
    // From here on the raw response is ours: Fastify neither serialises nor ends it.
    reply.hijack();
    subscription.attach(reply.raw, {
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
  }

  @Post(':id/transcript')
  @ApiProblems({ 409: 'The interview was cancelled; the room is closed (ROOM_CLOSED)' })
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Append a transcript line (stored encrypted)' })
  @ApiCreatedResponse({ type: TranscriptReceipt })
  transcript(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: TranscriptLineDto,
  ): Promise<TranscriptReceipt> {
    return this.rooms.appendTranscript(viewer, id, dto);
  }

  @Get(':id/transcript')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: "The room's transcript in spoken order (recruiter+)" })
  @ApiOkResponse({ type: TranscriptPageResponse })
  readTranscript(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<TranscriptLineResponse>> {
    return this.rooms.transcript(viewer, id, query);
  }
}
