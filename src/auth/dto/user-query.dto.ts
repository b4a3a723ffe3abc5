import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ALL_ROLES, Role } from '../../common/auth/role';
import { PageQueryDto } from '../../common/pagination/cursor';

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ALL_ROLES })
  @IsOptional()
  @IsIn(ALL_ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'Username fragment, or an exact e-mail address' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
