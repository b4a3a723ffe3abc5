import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Public, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { MediaAnalysisService } from './analysis/media-analysis.service';
import { AnalysisAccepted, AnalysisResponse, AnalyzeMediaDto } from './dto/media-analysis.dto';
import {
  CreateUploadUrlDto,
  DownloadUrlQueryDto,
  DownloadUrlResponse,
  SignedUrlQueryDto,
  UploadReceipt,
  UploadUrlResponse,
} from './dto/media-upload.dto';
import { MediaFilesService } from './files/media-files.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

const SIGNED =
  'Public: the `expires` and `signature` query parameters are the authorisation (HMAC-SHA256 over method, key, content type, size cap, expiry and owner). Bad signature or unknown key → 403 INVALID_SIGNATURE; past its expiry → 403 URL_EXPIRED.';

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(
    private readonly files: MediaFilesService,
    private readonly analyses: MediaAnalysisService,
  ) {}

  @Post('upload-url')
  @ApiProblems({
    404: 'interview_id or answer_id is not visible to the caller',
    413: 'size_bytes is above the cap for this kind (FILE_TOO_LARGE), or the body is larger than 1 MiB',
    415: 'content_type is not an accepted audio or video type for this kind (UNSUPPORTED_MEDIA_TYPE)',
    503: 'The object store is unavailable (STORAGE_UNAVAILABLE)',
  })
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: 'Reserve an upload: a short-lived signed PUT URL (this server, or S3 presigned)',
    description:
      "Any signed-in user. interview_id / answer_id link the file and must be visible to you (404 otherwise). An unsupported content_type → 415. The URL lives MEDIA_UPLOAD_URL_TTL_SECONDS (900) and accepts one body of at most MEDIA_MAX_AUDIO_BYTES / MEDIA_MAX_VIDEO_BYTES. With STORAGE_DRIVER=s3 and size_bytes given, the URL is an S3 presigned PUT into the bucket's intake area with Content-Type and Content-Length signed (send exactly `headers`); the bytes are checked, encrypted and moved by a job, and the file stays pending (download-url and analyze → 409 MEDIA_NOT_UPLOADED) until then. size_bytes above the cap → 413.",
  })
  @ApiCreatedResponse({ type: UploadUrlResponse })
  createUploadUrl(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateUploadUrlDto,
    @Req() request: FastifyRequest,
  ): Promise<UploadUrlResponse> {
    return this.files.createUploadUrl(user, dto, request.ip);
  }

  @Put('upload/:key')
  @ApiProblems({
    403: 'Bad signature or unknown key (INVALID_SIGNATURE), or the URL has expired (URL_EXPIRED)',
    409: 'This URL was already used (UPLOAD_ALREADY_RECEIVED)',
    413: 'The body is larger than the size the URL was signed for',
    415: 'The Content-Type differs from the one signed (CONTENT_TYPE_MISMATCH), or the bytes are not that container (CONTENT_MISMATCH)',
    429: 'Upload quota for this client address used up (UPLOAD_QUOTA_EXCEEDED); see Retry-After',
  })
  @ApiBody({
    description:
      'The raw bytes of the recording, sent with the Content-Type the URL was signed for',
    schema: { type: 'string', format: 'binary' },
  })
  @Public()
  @ApiOperation({
    summary: 'Upload the bytes to a signed URL (once)',
    description: `${SIGNED} The Content-Type must be the one declared (415), the bytes must be that container (415, sniffed), the body at most the size cap (413, enforced while streaming). Stored encrypted. A used URL → 409. Past the per-address upload quota (UPLOAD_QUOTA_*) → 429 UPLOAD_QUOTA_EXCEEDED with Retry-After.`,
  })
  @ApiConsumes('audio/webm', 'audio/wav', 'audio/mpeg', 'audio/ogg', 'video/webm', 'video/mp4')
  @ApiOkResponse({ type: UploadReceipt })
  upload(
    @Param('key') key: string,
    @Query() query: SignedUrlQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<UploadReceipt> {
    return this.files.receiveUpload(
      key,
      query,
      request.headers['content-type'],
      request.headers['content-length'],
      request.raw,
      request.ip,
    );
  }

  @Get('download-url')
  @ApiProblems({
    404: 'No such file, or not one the caller may see',
    409: 'The upload has not arrived yet (MEDIA_NOT_UPLOADED)',
  })
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: 'A short-lived signed GET URL for a file (its owner, or recruiter+; others 404)',
    description: 'Lives MEDIA_DOWNLOAD_URL_TTL_SECONDS (300). 409 while the upload is pending.',
  })
  @ApiOkResponse({ type: DownloadUrlResponse })
  downloadUrl(
    @CurrentUser() user: AuthUser,
    @Query() query: DownloadUrlQueryDto,
  ): Promise<DownloadUrlResponse> {
    return this.files.createDownloadUrl(user, query.file_key);
  }

  @Get('download/:key')
  @ApiProblems({
    403: 'Bad signature or unknown key (INVALID_SIGNATURE), or the URL has expired (URL_EXPIRED)',
    503: 'The object store is unavailable (STORAGE_UNAVAILABLE)',
  })
  @Public()
  @ApiOperation({
    summary: 'Download a file through a signed URL',
    description: `${SIGNED} Sent as an attachment with nosniff and no-store.`,
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(
    @Param('key') key: string,
    @Query() query: SignedUrlQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.files.download(key, query);
    void reply.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'no-store');
    // Streamed from the store, decrypted record by record: no whole file in memory.
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.sizeBytes,
    });
  }

  @Post('analyze')
  @ApiProblems({
    404: 'No such file, or not one the caller may see',
    409: 'The upload has not arrived yet (MEDIA_NOT_UPLOADED)',
  })
  @HttpCode(202)
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: 'Queue a speech analysis of an uploaded file (its owner, or recruiter+)',
    description:
      'The job transcribes the file (or reuses its stored transcript, or the `transcript` given here, made on the client), then computes words per minute (overall and over 30-second windows), filler words per 100 words, long pauses (> 2 s between segments) and coaching advice. With no transcription provider and no transcript the analysis ends `failed` with "no transcription provider configured".',
  })
  @ApiAcceptedResponse({ type: AnalysisAccepted })
  analyze(@CurrentUser() user: AuthUser, @Body() dto: AnalyzeMediaDto): Promise<AnalysisAccepted> {
    return this.analyses.request(user, dto);
  }

  @Get('analyses/:id')
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: 'An analysis: transcript, speech metrics and advice (owner or recruiter+)',
  })
  @ApiOkResponse({ type: AnalysisResponse })
  analysis(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<AnalysisResponse> {
    return this.analyses.get(user, id);
  }
}
