import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { PreviewTemplateDto, TemplateSourceDto } from './dto/mail.dto';
import { MailTemplatesService } from './templates/mail-templates.service';
import {
  EmailPreviewResponse,
  EmailTemplateList,
  EmailTemplateResponse,
} from './templates/template.presenter';

@ApiTags('mail')
@Controller('email-templates')
export class EmailTemplatesController {
  constructor(private readonly templates: MailTemplatesService) {}

  @Get()
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: 'Every e-mail template: current wording, its variables, and whether it was edited',
  })
  @ApiOkResponse({ type: EmailTemplateList })
  async list(): Promise<{ items: EmailTemplateResponse[]; next_cursor: null; limit: number }> {
    const items = await this.templates.list();
    return { items, next_cursor: null, limit: 100 };
  }

  @Get(':key')
  @Roles(Role.Recruiter)
  @ApiOperation({ summary: 'One e-mail template: current wording and its variables' })
  @ApiOkResponse({ type: EmailTemplateResponse })
  @ApiNotFoundResponse({ description: 'No template has this key' })
  get(@Param('key') key: string): Promise<EmailTemplateResponse> {
    return this.templates.get(this.templates.requireKey(key));
  }

  @Put(':key')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Replace a template’s wording',
    description:
      'Handlebars in strict mode: {{variable}} (HTML-escaped in the HTML part) and {{#if variable}}…{{/if}} / {{#unless}} only. A template that does not compile, or uses a variable this key does not define, answers 400 naming each problem.',
  })
  @ApiOkResponse({ type: EmailTemplateResponse })
  @ApiBadRequestResponse({ description: 'Does not compile, or uses unknown variables or helpers' })
  @ApiNotFoundResponse({ description: 'No template has this key' })
  save(
    @CurrentUser() actor: AuthUser,
    @Param('key') key: string,
    @Body() dto: TemplateSourceDto,
  ): Promise<EmailTemplateResponse> {
    return this.templates.save(this.templates.requireKey(key), dto, actor.id);
  }

  @Delete(':key')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Back to the shipped default wording' })
  @ApiNoContentResponse({ description: 'The default applies again' })
  async reset(@Param('key') key: string): Promise<void> {
    await this.templates.reset(this.templates.requireKey(key));
  }

  @Post(':key/preview')
  @Roles(Role.Recruiter)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Render the current wording with the given variables (nothing is sent)',
  })
  @ApiOkResponse({ type: EmailPreviewResponse })
  @ApiNotFoundResponse({ description: 'No template has this key' })
  preview(
    @Param('key') key: string,
    @Body() dto: PreviewTemplateDto,
  ): Promise<EmailPreviewResponse> {
    return this.templates.preview(this.templates.requireKey(key), dto.variables ?? {});
  }
}
