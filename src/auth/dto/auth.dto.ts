import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ALL_ROLES, Role } from '../../common/auth/role';
import { IsEmailAddress } from '../../common/dto/email-address';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;

export class SignupDto {
  @ApiProperty({ example: 'ada_l', pattern: USERNAME_PATTERN.source })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3-32 letters, digits, _ . or -' })
  username: string;

  @ApiProperty({ example: 'ada@example.com' })
  @IsEmailAddress()
  email: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  full_name?: string;

  @ApiPropertyOptional({ example: '+44 20 7946 0000' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  company?: string;

  // Accepted only so that asking for a staff role can be refused with 403 rather than 400.
  @ApiPropertyOptional({ enum: [Role.Candidate], description: 'Signup always creates a candidate' })
  @IsOptional()
  @IsString()
  role?: string;
}

export class LoginDto {
  @ApiPropertyOptional({ description: 'Username or e-mail address' })
  @ValidateIf((o: LoginDto) => o.email === undefined)
  @IsString()
  @MaxLength(254)
  username?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: LoginDto) => o.username === undefined)
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  password: string;

  // Sent by OAuth2 password-flow form clients (e.g. Swagger UI); ignored.
  @ApiPropertyOptional() @IsOptional() @IsString() grant_type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() scope?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() client_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() client_secret?: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  refresh_token: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  current_password: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8, { message: 'new_password must be at least 8 characters' })
  @MaxLength(128, { message: 'new_password must be at most 128 characters' })
  new_password: string;
}

export class CreateUserDto extends SignupDto {
  @ApiProperty({ enum: ALL_ROLES })
  @IsIn(ALL_ROLES)
  declare role: Role;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ALL_ROLES })
  @IsOptional()
  @IsIn(ALL_ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIn([true, false], { message: 'is_active must be a boolean' })
  is_active?: boolean;
}
