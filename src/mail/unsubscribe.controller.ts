import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/policy.decorators';
import { NotFoundProblem } from '../common/errors/domain.exception';
import { CryptoService } from '../crypto/crypto.service';
import { UnsubscribeQueryDto } from './dto/mail.dto';
import { MailRepository } from './mail.repository';
import { recipientHashOf } from './unsubscribe-token';

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The signed link in every reminder. GET only shows a confirmation button (link scanners must not
// unsubscribe anyone); POST, the RFC 8058 one-click, records the choice. No sign-in needed.
@ApiTags('mail')
@Controller('mail/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly repository: MailRepository,
    private readonly crypto: CryptoService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Confirmation page for stopping interview reminders' })
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  page(
    @Query() query: UnsubscribeQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): string {
    this.hashOf(query.token);
    void reply.header('Content-Type', 'text/html; charset=utf-8');
    const action = `?token=${encodeURIComponent(query.token)}`;
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stop reminders</title></head><body><main><h1>Stop interview reminders</h1><p>You will still receive invitations and messages about your applications.</p><form method="post" action="${escapeHtml(action)}"><button type="submit">Stop reminders</button></form></main></body></html>`;
  }

  @Post()
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Stop interview reminders to this address (RFC 8058 one-click)',
    description: 'Accepts the one-click body List-Unsubscribe=One-Click, or none.',
  })
  @ApiNoContentResponse({ description: 'Reminders stopped' })
  async unsubscribe(@Query() query: UnsubscribeQueryDto): Promise<void> {
    await this.repository.setRemindersOptOut(this.hashOf(query.token), true);
  }

  private hashOf(token: string): string {
    const hash = recipientHashOf(this.crypto, token);
    if (!hash) {
      throw new NotFoundProblem('Unsubscribe link');
    }
    return hash;
  }
}
