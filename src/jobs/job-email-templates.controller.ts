import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { PreviewTemplateDto, TemplateSourceDto } from '../mail/dto/mail.dto';
import { MailTemplatesService } from '../mail/templates/mail-templates.service';
import {
  EmailPreviewResponse,
  EmailTemplateList,
  EmailTemplateResponse,
} from '../mail/templates/template.presenter';
import { JobsService } from './jobs.service';

// A job's own wording for the two messages recruiters tailor per role: the interview invitation
// and the rejection note. The job's recruiter (or an admin) edits it; without one, the global
// template applies.
@ApiTags('mail')
@ApiScope('jobs')
@Controller('jobs/:jobId/email-templates')
export class JobEmailTemplatesController {
  constructor(
    private readonly jobs: JobsService,
    private readonly templates: MailTemplatesService,
  ) {}

  @Get()
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: "The job's invitation and rejection templates (its own, or the global ones)",
  })
  @ApiOkResponse({ type: EmailTemplateList })
  async list(
    @CurrentUser() actor: AuthUser,
    @Param('jobId', ParseUuidPipe) jobId: string,
  ): Promise<{ items: EmailTemplateResponse[]; next_cursor: null; limit: number }> {
    await this.jobs.requireEditable(actor, jobId);
    return { items: await this.templates.listForJob(jobId), next_cursor: null, limit: 100 };
  }

  @Put(':key')
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: 'Set the job’s own wording for interview_invitation or application_rejected',
    description:
      'Same rules as PUT /api/email-templates/:key (strict Handlebars, known variables only).',
  })
  @ApiOkResponse({ type: EmailTemplateResponse })
  @ApiBadRequestResponse({ description: 'Does not compile, or uses unknown variables or helpers' })
  @ApiNotFoundResponse({ description: 'No such job, or a key that cannot be set per job' })
  async save(
    @CurrentUser() actor: AuthUser,
    @Param('jobId', ParseUuidPipe) jobId: string,
    @Param('key') key: string,
    @Body() dto: TemplateSourceDto,
  ): Promise<EmailTemplateResponse> {
    const templateKey = this.templates.requireKey(key, true);
    await this.jobs.requireEditable(actor, jobId);
    return this.templates.save(templateKey, dto, actor.id, jobId);
  }

  @Delete(':key')
  @Roles(Role.Recruiter)
  @HttpCode(204)
  @ApiOperation({ summary: 'Drop the job’s own wording (the global template applies again)' })
  @ApiNoContentResponse({ description: 'Removed' })
  async reset(
    @CurrentUser() actor: AuthUser,
    @Param('jobId', ParseUuidPipe) jobId: string,
    @Param('key') key: string,
  ): Promise<void> {
    const templateKey = this.templates.requireKey(key, true);
    await this.jobs.requireEditable(actor, jobId);
    await this.templates.reset(templateKey, jobId);
  }

  @Post(':key/preview')
  @Roles(Role.Recruiter)
  @HttpCode(200)
  @ApiOperation({ summary: 'Render the wording this job would send, with the given variables' })
  @ApiOkResponse({ type: EmailPreviewResponse })
  async preview(
    @CurrentUser() actor: AuthUser,
    @Param('jobId', ParseUuidPipe) jobId: string,
    @Param('key') key: string,
    @Body() dto: PreviewTemplateDto,
  ): Promise<EmailPreviewResponse> {
    const templateKey = this.templates.requireKey(key, true);
    await this.jobs.requireEditable(actor, jobId);
    return this.templates.preview(templateKey, dto.variables ?? {}, undefined, jobId);
  }
}
