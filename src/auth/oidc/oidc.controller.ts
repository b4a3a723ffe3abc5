import { Controller, Get, Query, Redirect, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/policy.decorators';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { TokenResponse } from '../user.presenter';
import { OidcService } from './oidc.service';

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly sso: OidcService) {}

  @Get('start')
  @Public()
  @Redirect()
  @ApiOperation({
    summary: 'Start single sign-on: 302 to the identity provider (authorization code + PKCE)',
  })
  @ApiFoundResponse({ description: 'Redirect to the identity provider' })
  @ApiProblems({
    404: 'Single sign-on is not configured',
    502: 'The identity provider is unreachable',
  })
  async start(): Promise<{ url: string; statusCode: number }> {
    return { url: (await this.sso.start()).href, statusCode: 302 };
  }

  @Get('callback')
  @Public()
  @ApiOperation({
    summary:
      'Where the identity provider sends the browser back: the token answer, or a redirect to OIDC_POST_LOGIN_URL with the tokens in the fragment',
  })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiOkResponse({ type: TokenResponse })
  @ApiFoundResponse({ description: 'Redirect to OIDC_POST_LOGIN_URL#access_token=…' })
  @ApiProblems({
    400: 'The state is missing, expired or already used (SSO_STATE_INVALID)',
    401: 'The ID token or the code exchange failed verification (SSO_FAILED)',
    403: 'The identity provider did not verify the e-mail address (SSO_EMAIL_UNVERIFIED)',
  })
  async callback(
    @Query() query: Record<string, string | undefined>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const result = await this.sso.callback(query);
    const target = this.sso.postLoginUrl;
    if (!target) {
      await reply.status(200).send(result);
      return;
    }
    const fragment = new URLSearchParams({
      access_token: result.access_token,
      refresh_token: result.refresh_token,
      token_type: result.token_type,
      expires_in: String(result.expires_in),
    });
    await reply
      .header('cache-control', 'no-store')
      .redirect(`${target}#${fragment.toString()}`, 302);
  }
}
