import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { Page } from '../common/pagination/cursor';
import { CreateUserDto, UpdateUserDto } from './dto/auth.dto';
import { UserQueryDto } from './dto/user-query.dto';
import { UserPageResponse, UserResponse } from './user.presenter';
import { UsersService } from './users.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users (filters role, q)' })
  @Roles(Role.Admin)
  @ApiOkResponse({ type: UserPageResponse })
  list(@Query() query: UserQueryDto): Promise<Page<UserResponse>> {
    return this.users.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with any role' })
  @ApiProblems({
    409: 'The username or e-mail is already registered (USERNAME_TAKEN, EMAIL_TAKEN)',
  })
  @Roles(Role.Admin)
  @ApiCreatedResponse({ type: UserResponse })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.createByAdmin(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Change a user's role or active flag; their tokens stop working at once",
  })
  @ApiProblems({
    409: 'An admin cannot demote or deactivate their own account (CANNOT_DEMOTE_SELF)',
  })
  @Roles(Role.Admin)
  @ApiOkResponse({ type: UserResponse })
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.updateByAdmin(actor, id, dto);
  }
}
