import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { RunRetentionDto, UpdateRetentionPolicyDto } from './dto/retention.dto';
import {
  presentRetentionRun,
  RetentionPoliciesResponse,
  RetentionPolicyResponse,
  RetentionRunResponse,
} from './gdpr.presenter';
import { RetentionService } from './retention/retention.service';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('gdpr')
@ApiScope('gdpr')
@Controller('gdpr/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Retention policy per data category' })
  @ApiOkResponse({ type: RetentionPoliciesResponse })
  async list(): Promise<RetentionPoliciesResponse> {
    return { policies: await this.retention.policies() };
  }

  @Put(':category')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Set how long a category is kept and what happens then' })
  @ApiOkResponse({ type: RetentionPolicyResponse })
  @ApiResponse({ status: 404, description: 'Unknown category' })
  @ApiResponse({ status: 409, description: 'The audit log is never deleted' })
  update(
    @CurrentUser() actor: AuthUser,
    @Param('category') category: string,
    @Body() dto: UpdateRetentionPolicyDto,
  ): Promise<RetentionPolicyResponse> {
    return this.retention.updatePolicy(actor, category, dto);
  }

  @Post('run')
  @ApiProblems({ 409: 'Another real run is in progress (RETENTION_RUNNING)' })
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply the policies now, or report what they would remove',
    description:
      'Per category: days, cutoff and the number of items removed or anonymised (would be, with dry_run). The report is stored and audited. A daily job runs the same thing once across all instances. 409 while another real run is in progress.',
  })
  @ApiOkResponse({ type: RetentionRunResponse })
  async run(
    @CurrentUser() actor: AuthUser,
    @Body() dto: RunRetentionDto,
  ): Promise<RetentionRunResponse> {
    return presentRetentionRun(
      await this.retention.run({ dryRun: dto.dry_run, trigger: 'manual', actor }),
    );
  }
}
