import { ApiScope } from '../common/auth/api-scopes';
import { Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApplicationResponse } from '../candidates/application.presenter';
import { ApplicationIntakeService } from '../candidates/application-intake.service';
import { ApplyDto, ApplyToJobDto } from '../candidates/dto/apply.dto';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, PublicWithOptionalUser } from '../common/auth/policy.decorators';
import { readJsonOrMultipart } from '../common/http/body-reader';
import { ApiAliasOf, ApiFileField, ApiProblems } from '../common/openapi/api-docs.decorators';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApplicationResumesService } from './application-resumes.service';
import type { IncomingResume } from './resume-intake.service';

const APPLY_DESCRIPTION =
  'JSON, or multipart/form-data with the same fields plus a `resume` file (PDF, DOCX or text), or `resume_id` of an earlier upload. `consent_data_processing: true` is required. Same e-mail on the same job twice → 409; a job that is not Open → 409.';

// Applying to a job: candidates owns the application, resumes the file sent with it. The route
// sits here, above both modules, and hands ApplicationIntakeService the résumé side per request.
@ApiTags('applications')
@ApiScope('applications')
@Controller()
export class ApplyController {
  constructor(
    private readonly intake: ApplicationIntakeService,
    private readonly resumes: ApplicationResumesService,
  ) {}

  @Post('jobs/:id/applications')
  @ApiFileField({
    name: 'resume',
    description: 'The résumé: PDF, DOCX or plain text (read from its bytes), at most MAX_FILE_SIZE',
  })
  @ApiProblems({
    404: 'No such job, or resume_id is not an upload this applicant may use',
    409: 'This e-mail already applied to the job (APPLICATION_ALREADY_EXISTS), the job is not Open (JOB_NOT_OPEN), or the person asked for erasure (CANDIDATE_ERASED)',
    413: 'The résumé is larger than MAX_FILE_SIZE',
    415: 'The résumé is not a PDF, DOCX or plain-text file (read from its bytes)',
    429: 'Upload quota for this client address used up (UPLOAD_QUOTA_EXCEEDED); see Retry-After',
  })
  @PublicWithOptionalUser()
  @ApiOperation({ summary: 'Apply to a job', description: APPLY_DESCRIPTION })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: ApplyDto })
  @ApiCreatedResponse({ type: ApplicationResponse })
  async apply(
    @CurrentUser() viewer: AuthUser | undefined,
    @Param('id', ParseUuidPipe) jobId: string,
    @Req() request: FastifyRequest,
  ): Promise<ApplicationResponse> {
    const { dto, file } = await readJsonOrMultipart(request, ApplyDto, ['resume']);
    return this.apply_(viewer, jobId, dto, file, request.ip);
  }

  @Post('job/apply')
  @ApiFileField({
    name: 'resume',
    description: 'The résumé: PDF, DOCX or plain text (read from its bytes), at most MAX_FILE_SIZE',
  })
  @ApiAliasOf({ canonical: 'POST /api/jobs/{id}/applications' })
  @ApiProblems({
    404: 'No such job, or resume_id is not an upload this applicant may use',
    409: 'This e-mail already applied to the job (APPLICATION_ALREADY_EXISTS), the job is not Open (JOB_NOT_OPEN), or the person asked for erasure (CANDIDATE_ERASED)',
    413: 'The résumé is larger than MAX_FILE_SIZE',
    415: 'The résumé is not a PDF, DOCX or plain-text file (read from its bytes)',
    429: 'Upload quota for this client address used up (UPLOAD_QUOTA_EXCEEDED); see Retry-After',
  })
  @PublicWithOptionalUser()
  @ApiOperation({ summary: 'Apply to a job (job_id in the body)', description: APPLY_DESCRIPTION })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: ApplyToJobDto })
  @ApiCreatedResponse({ type: ApplicationResponse })
  async applyAlias(
    @CurrentUser() viewer: AuthUser | undefined,
    @Req() request: FastifyRequest,
  ): Promise<ApplicationResponse> {
    const { dto, file } = await readJsonOrMultipart(request, ApplyToJobDto, ['resume']);
    const { job_id: jobId, ...rest } = dto;
    return this.apply_(viewer, jobId, rest, file, request.ip);
  }

  private apply_(
    viewer: AuthUser | undefined,
    jobId: string,
    dto: ApplyDto,
    file: IncomingResume | null,
    clientAddress: string,
  ): Promise<ApplicationResponse> {
    return this.intake.apply(
      viewer,
      jobId,
      dto,
      this.resumes.forApply(file),
      file ? { bytes: file.data.length, clientAddress } : undefined,
    );
  }
}
