import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { CreateErasureDto } from './dto/gdpr-request.dto';
import { ErasureService } from './erasure/erasure.service';
import {
  ErasureAcceptedResponse,
  ErasureRequestResponse,
  presentErasureRequest,
} from './gdpr.presenter';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

// POST delete is declared last on purpose: route listings (and the access-matrix test, which
// calls each route once with an empty body) reach it after every other candidate route.
@ApiTags('gdpr')
@ApiScope('gdpr')
@Controller('gdpr')
export class GdprRequestsController {
  constructor(private readonly erasure: ErasureService) {}

  @Get('requests/:id')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Progress of an erasure request (its requester or an admin)' })
  @ApiOkResponse({ type: ErasureRequestResponse })
  async get(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<ErasureRequestResponse> {
    return presentErasureRequest(await this.erasure.findVisible(actor, id));
  }

  @Post('delete')
  @ApiProblems({
    403: 'Only an admin may name another person (GDPR_SUBJECT_ADMIN_ONLY); staff accounts are erased by another admin (STAFF_SELF_ERASURE)',
    404: 'No person matches candidate_id / email (GDPR_SUBJECT_NOT_FOUND)',
  })
  @Roles(Role.Candidate)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Erase a person’s personal data (Art. 17)',
    description:
      'Your own data (your account is disabled and every token stops working); an admin may name someone with `candidate_id` or `email`. A queue job removes or irreversibly anonymises the data in every module, keeps PII-free statistics and records one `candidate.erased` audit entry. A request already open for the person is returned instead of a new one. 409 `LEGAL_HOLD` while a legal hold applies.',
  })
  @ApiAcceptedResponse({ type: ErasureAcceptedResponse })
  @ApiResponse({ status: 409, description: 'Legal hold' })
  async create(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateErasureDto,
  ): Promise<ErasureAcceptedResponse> {
    const row = await this.erasure.request(actor, dto);
    return { request_id: row.id, status: row.status };
  }
}
