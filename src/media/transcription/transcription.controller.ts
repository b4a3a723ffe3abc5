import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../../common/auth/policy.decorators';
import { Role } from '../../common/auth/role';
import { TranscribeForm, TranscriptResponse } from '../dto/transcribe.dto';
import { presentTranscript } from '../media.presenter';
import { MEDIA_SETTINGS } from '../media-settings';
import type { MediaSettings } from '../media-settings';
import { readAudioUpload, requireMultipart } from './audio-upload.reader';
import { TranscriptionService } from './transcription.service';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';

@ApiTags('interviews')
@Controller()
export class TranscriptionController {
  constructor(
    private readonly transcription: TranscriptionService,
    @Inject(MEDIA_SETTINGS) private readonly settings: MediaSettings,
  ) {}

  @Post('transcribe')
  @ApiProblems({
    404: 'answer_id is not your own audio answer',
    409: 'The answer is not waiting for a transcript (ANSWER_NOT_AWAITING_TRANSCRIPT)',
    413: 'Over TRANSCRIBE_MAX_BYTES or TRANSCRIBE_MAX_SECONDS (FILE_TOO_LARGE, AUDIO_TOO_LONG)',
    415: 'Not multipart/form-data (MULTIPART_REQUIRED), or not WAV, MP3, M4A, FLAC, WebM or Ogg (UNSUPPORTED_AUDIO)',
    502: 'The provider could not transcribe the file (TRANSCRIPTION_FAILED)',
    503: 'No transcription provider is configured (TRANSCRIPTION_NOT_CONFIGURED) or it is unavailable (TRANSCRIPTION_UNAVAILABLE)',
  })
  @HttpCode(200)
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: 'Transcribe a recording (any signed-in user)',
    description:
      'multipart/form-data `{ file, answer_id?, language? }`. WAV, MP3, M4A, FLAC, WebM and Ogg are recognised from the bytes (415 otherwise). Limits: TRANSCRIBE_MAX_BYTES (default 10 MiB, 413) and TRANSCRIBE_MAX_SECONDS (default 600 s, 413) where the container records a duration (WAV, MP3, M4A, FLAC, Ogg, WebM with a Duration element; live WebM from MediaRecorder has none, so only the size limit bounds it). With `answer_id` (your own audio answer at scoring_status awaiting_transcript, else 404 / 409) the transcript is stored encrypted as the answer text and the answer moves on to scoring. With no transcription provider configured → 503: post a client-side transcript as the answer text instead. Provider failures: 503 (unavailable, retry later) or 502 (could not transcribe).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: TranscribeForm })
  @ApiOkResponse({ type: TranscriptResponse })
  async transcribe(
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
  ): Promise<TranscriptResponse> {
    // A malformed request is the client's error (415) whatever is configured; a well-formed one
    // gets the 503 before its body is read, since no provider could take it.
    requireMultipart(request);
    this.transcription.assertConfigured();
    const { dto, file } = await readAudioUpload(request, this.settings.transcribeMaxBytes);
    return presentTranscript(await this.transcription.transcribeUpload(user, file, dto));
  }
}
