import { ApiProperty } from '@nestjs/swagger';
import { ALL_ROLES, Role } from '../common/auth/role';
import { User } from './entities/user.entity';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) full_name: string | null;
  @ApiProperty({ enum: ALL_ROLES }) role: Role;
  @ApiProperty({ nullable: true, type: String }) company: string | null;
  @ApiProperty() is_active: boolean;
  @ApiProperty({
    description:
      'The owner confirmed the address (POST /api/auth/verify-email); only then are earlier applications under it linked',
  })
  email_verified: boolean;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class TokenResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty() access_token: string;
  @ApiProperty() refresh_token: string;
  @ApiProperty({ enum: ['bearer'] }) token_type: 'bearer';
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expires_in: number;
}

export class UserPageResponse {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() limit: number;
}

export function presentUser(user: User): UserResponse {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    full_name: user.fullName,
    role: user.role,
    company: user.company,
    is_active: user.isActive,
    email_verified: user.emailVerifiedAt !== null && user.emailVerifiedAt !== undefined,
    created_at: user.createdAt.toISOString(),
  };
}
