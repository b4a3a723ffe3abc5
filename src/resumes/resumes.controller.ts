import { ApiScope } from '../common/auth/api-scopes';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, PublicWithOptionalUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { ParseResumeDto } from './dto/parse-resume.dto';
import { KnowledgeSetResponse } from './knowledge-set.presenter';
import { KnowledgeSetService } from './knowledge-set.service';
import { ResumeIntakeService } from './resume-intake.service';
import { ResumeParseJobService } from './resume-parse-job.service';
import { RESUME_CONTENT_TYPES } from './resume-download-name';
import { readResumeUpload } from './resume-upload.reader';
import { ResumeParseResponse, ResumeResponse } from './resume.presenter';
import { ResumeDownload, ResumesService } from './resumes.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiAliasOf, ApiProblems } from '../common/openapi/api-docs.decorators';

const UPLOAD_DESCRIPTION = [
  'multipart/form-data with one file in `file` (`resume` is accepted too). PDF, DOCX and plain text only, detected from the bytes — the file name and declared type are ignored (415 otherwise). Files over MAX_FILE_SIZE (10 MiB by default) → 413 while streaming.',
  'Parsing: the file is first parsed inline in an isolated worker with a 5 s limit, so the answer usually has `parsing_status: "parsed"` and `parsed`. When that is not possible in time (large file, busy server) the answer says `pending` and a durable `resume-parse` job finishes it; poll `GET /api/resumes/{id}`. An image-only (scanned) PDF is stored with `parsing_status: "failed"` and a `parse_error` saying so.',
  'A DOCX that expands like a zip bomb is refused with 422 (`RESUME_ZIP_BOMB`) and nothing is stored.',
  "A signed-in candidate's upload is attached to their profile (and becomes their latest résumé). Other uploads are unattached: usable once as `resume_id` when applying, and purged after 24 h otherwise.",
  'Quotas (staff exempt): per client address at most UPLOAD_QUOTA_FILES_PER_ADDRESS files and UPLOAD_QUOTA_BYTES_PER_ADDRESS bytes per UPLOAD_QUOTA_WINDOW_SECONDS (429 `UPLOAD_QUOTA_EXCEEDED`), and anonymous uploads wait for an application only while their total stays under UPLOAD_PENDING_ANONYMOUS_MAX_BYTES (429 `UPLOAD_CAPACITY_REACHED`); both with Retry-After.',
].join('\n\n');

const DOWNLOAD_DESCRIPTION =
  'The original bytes with `Content-Type` from the detected kind, `Content-Disposition: attachment` (a sanitised ASCII `filename` plus the UTF-8 `filename*`), `X-Content-Type-Options: nosniff` and `Cache-Control: no-store`. Its candidate or recruiter+ (others 404); staff downloads are audited.';

@ApiTags('resumes')
@ApiScope('candidates')
@Controller()
export class ResumesController {
  constructor(
    private readonly intake: ResumeIntakeService,
    private readonly parsing: ResumeParseJobService,
    private readonly resumes: ResumesService,
    private readonly knowledge: KnowledgeSetService,
  ) {}

  @Post('resume/upload')
  @ApiProblems({
    409: 'The signed-in person asked for their data to be erased (CANDIDATE_ERASED)',
    429: 'Upload quota for this client address used up (UPLOAD_QUOTA_EXCEEDED), or too many anonymous uploads waiting (UPLOAD_CAPACITY_REACHED); see Retry-After',
  })
  @PublicWithOptionalUser()
  @ApiOperation({ summary: 'Upload a résumé (PDF, DOCX or text)', description: UPLOAD_DESCRIPTION })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: ResumeParseResponse })
  @ApiResponse({ status: 413, description: 'File larger than MAX_FILE_SIZE' })
  @ApiResponse({ status: 415, description: 'Not a PDF, DOCX or plain-text file' })
  @ApiResponse({ status: 422, description: 'A DOCX that is a zip bomb' })
  async upload(
    @CurrentUser() viewer: AuthUser | undefined,
    @Req() request: FastifyRequest,
  ): Promise<ResumeParseResponse> {
    return this.intake.upload(viewer, await readResumeUpload(request), request.ip);
  }

  @Post('resume/parse')
  @ApiProblems({
    404: 'No such résumé',
    503: 'The parser worker is not available right now (PARSER_UNAVAILABLE)',
  })
  @Roles(Role.Recruiter)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-parse a résumé now',
    description:
      'Runs the parser synchronously (isolated worker, 15 s limit), stores the outcome and returns the parsed fields. A file that cannot be read → 422 with the reason (also stored on the résumé).',
  })
  @ApiOkResponse({ type: ResumeParseResponse })
  @ApiResponse({ status: 422, description: 'The file could not be parsed (reason in detail)' })
  reparse(
    @CurrentUser() actor: AuthUser,
    @Body() dto: ParseResumeDto,
  ): Promise<ResumeParseResponse> {
    return this.parsing.reparse(actor, dto.resume_id);
  }

  @Get('resumes/:id')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Résumé metadata and parsed fields (its candidate, or recruiter+)' })
  @ApiOkResponse({ type: ResumeResponse })
  get(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<ResumeResponse> {
    return this.resumes.getForViewer(viewer, id);
  }

  @Get(['resumes/:id/download', 'resume/download/:id'])
  @ApiAliasOf({ canonical: 'GET /api/resumes/{id}/download', paths: ['resume/download/:id'] })
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Download the original file', description: DOWNLOAD_DESCRIPTION })
  @ApiProduces(...Object.values(RESUME_CONTENT_TYPES))
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.send(reply, await this.resumes.download(viewer, id));
  }

  @Get('me/resume')
  @ApiProblems({ 404: 'The signed-in user has no résumé yet' })
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'The signed-in user’s latest résumé (404 when none)' })
  @ApiOkResponse({ type: ResumeResponse })
  mine(@CurrentUser() viewer: AuthUser): Promise<ResumeResponse> {
    return this.resumes.mine(viewer);
  }

  @Get('me/knowledgeset')
  @ApiProblems({
    404: 'The signed-in user has no résumé yet',
    409: 'The latest résumé is still being parsed (RESUME_NOT_PARSED) or could not be parsed (RESUME_PARSE_FAILED)',
  })
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: 'Normalised skills from the signed-in user’s latest résumé, by taxonomy category',
    description:
      'Cached per file content (SHA-256): a repeated call is served from the cache (`cached: true`, same `computed_at`). 404 without a résumé; 409 while it is still being parsed or when parsing failed.',
  })
  @ApiOkResponse({ type: KnowledgeSetResponse })
  knowledgeSet(@CurrentUser() viewer: AuthUser): Promise<KnowledgeSetResponse> {
    return this.knowledge.forViewer(viewer);
  }

  private send(reply: FastifyReply, file: ResumeDownload): StreamableFile {
    void reply.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'no-store');
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: file.contentDisposition,
      length: file.sizeBytes,
    });
  }
}
