import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { NotFoundProblem } from '../common/errors/domain.exception';
import { decodeCursor, Page, pageLimit, toPage } from '../common/pagination/cursor';
import { MailQueryDto } from './dto/mail-query.dto';
import type { MailStatus } from './entities/mail-message.entity';
import { MailRepository } from './mail.repository';
import {
  MailMessageDetail,
  MailMessagePage,
  MailMessageSummary,
  presentMailDetail,
  presentMailSummary,
} from './mail.presenter';

const STATUS_FILTER: Record<string, MailStatus[]> = {
  queued: ['held', 'queued', 'sending'],
  sent: ['sent'],
  failed: ['failed'],
  not_configured: ['not_configured'],
};

// The delivery log. With no SMTP_URL this is where every message can be read (and its links
// followed), so a newcomer on the embedded default can verify and open interview links.
@ApiTags('mail')
@Controller('admin/mail')
export class MailAdminController {
  constructor(private readonly repository: MailRepository) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Outgoing e-mail, newest first (cursor list)' })
  @ApiOkResponse({ type: MailMessagePage })
  async list(@Query() query: MailQueryDto): Promise<Page<MailMessageSummary>> {
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, 2) as [string, string] | null;
    const rows = await this.repository.page(limit, after, {
      template: query.template,
      status: query.status ? STATUS_FILTER[query.status] : undefined,
    });
    return toPage(rows, limit, (m) => [m.createdAt.toISOString(), m.id], presentMailSummary);
  }

  @Get(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'One e-mail with its rendered text and HTML parts' })
  @ApiOkResponse({ type: MailMessageDetail })
  @ApiNotFoundResponse({ description: 'No such message' })
  async get(@Param('id', ParseUuidPipe) id: string): Promise<MailMessageDetail> {
    const message = await this.repository.findById(id);
    if (!message) {
      throw new NotFoundProblem('Message');
    }
    return presentMailDetail(message);
  }
}
