import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { ApiKeysService } from './api-keys.service';

export const API_KEY_STRATEGY = 'api-key';

// `Authorization: Bearer pnl_…`: an integration's API key, checked on every request (revoked,
// expired, unknown) through the same NOTIFY-cleared cache as access tokens.
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, API_KEY_STRATEGY) {
  constructor(private readonly keys: ApiKeysService) {
    super();
  }

  validate(token: string): Promise<AuthUser> {
    return this.keys.authenticate(token);
  }
}
