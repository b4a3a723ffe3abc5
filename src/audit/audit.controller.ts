import { ApiScope } from '../common/auth/api-scopes';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page } from '../common/pagination/cursor';
import { AuditQueryService } from './audit-query.service';
import {
  AuditEventResponse,
  AuditPageResponse,
  AuditVerificationResponse,
} from './audit.presenter';
import { AuditService, AuditVerification } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('gdpr')
@ApiScope('gdpr')
@Controller('gdpr/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly queries: AuditQueryService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The audit log, newest first (filters actor_id, subject_id, action, from, to)',
  })
  @Roles(Role.Admin)
  @ApiOkResponse({ type: AuditPageResponse })
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    return this.queries.findEvents(query);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Check the hash chain of the whole audit log' })
  @Roles(Role.Admin)
  @ApiOkResponse({ type: AuditVerificationResponse })
  verify(): Promise<AuditVerification> {
    return this.audit.verifyChain();
  }
}
