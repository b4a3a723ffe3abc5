import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../../common/auth/policy.decorators';
import { Role } from '../../common/auth/role';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { Page } from '../../common/pagination/cursor';
import { ParseUuidPipe } from '../../common/validation/parse-uuid.pipe';
import {
  ApiKeyPageResponse,
  ApiKeyQueryDto,
  ApiKeyResponse,
  CreateApiKeyDto,
  CreatedApiKeyResponse,
} from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('admin')
@Controller('admin/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key for an integration (the key is shown once, stored as a hash)',
  })
  @Roles(Role.Admin)
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  create(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateApiKeyDto,
  ): Promise<CreatedApiKeyResponse> {
    return this.keys.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (never the key itself)' })
  @Roles(Role.Admin)
  @ApiOkResponse({ type: ApiKeyPageResponse })
  list(@Query() query: ApiKeyQueryDto): Promise<Page<ApiKeyResponse>> {
    return this.keys.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once' })
  @ApiProblems({ 404: 'No such API key (API_KEY_NOT_FOUND)' })
  @Roles(Role.Admin)
  @ApiNoContentResponse({ description: 'Revoked' })
  async revoke(@CurrentUser() actor: AuthUser, @Param('id', ParseUuidPipe) id: string) {
    await this.keys.revoke(actor, id);
  }
}
