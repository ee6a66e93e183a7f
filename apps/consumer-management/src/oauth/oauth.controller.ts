import { Body, Controller, Get, Header, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TokenIntrospection } from '@portico/contracts';
import { InjectConfig, Public, RawResponse } from '@portico/platform';
import type { FastifyRequest } from 'fastify';
import type { ConsumerManagementConfig } from '../config';
import { clientCredentials, oauthParams } from './client-auth';
import { ClientAuthenticator } from './client-authenticator';
import { OAuthError, OAuthExceptionFilter } from './oauth-error';
import { SigningKeys } from './signing-keys.service';
import { type TokenResponse, TokensService } from './tokens.service';

/** Shown in the OpenAPI document: these speak OAuth (form in, RFC 6749 errors out). */
const FORM_BODY = {
  'application/x-www-form-urlencoded': { schema: { type: 'object' } },
};

/**
 * The OAuth 2.0 authorisation server for the client credentials grant: token (RFC 6749 §4.4),
 * introspection (RFC 7662) and revocation (RFC 7009). Errors follow RFC 6749 §5.2.
 */
@ApiTags('OAuth 2.0')
@Public()
@RawResponse()
@UseFilters(OAuthExceptionFilter)
@Controller('oauth')
export class OAuthController {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly tokens: TokensService,
  ) {}

  private async authenticate(req: FastifyRequest, params: Record<string, string>) {
    const creds = clientCredentials(req.headers.authorization, params);
    if (!creds) throw OAuthError.invalidClient('Client authentication is required.');
    return this.clients.authenticate(creds, req.ip);
  }

  @Post('token')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @Header('pragma', 'no-cache')
  @ApiOperation({
    summary: 'Issue an access token (client credentials grant)',
    description:
      'Form parameters `grant_type=client_credentials` and optional `scope`; client authentication by HTTP Basic (client_secret_basic) or `client_id` + `client_secret` in the body (client_secret_post). Answers a JWT (RFC 9068, ES256).',
    requestBody: { content: FORM_BODY },
  })
  async token(@Req() req: FastifyRequest, @Body() body: unknown): Promise<TokenResponse> {
    const params = oauthParams(body);
    const client = await this.authenticate(req, params);
    const grant = params['grant_type'];
    if (!grant) throw new OAuthError('invalid_request', 'grant_type is missing.');
    if (grant !== 'client_credentials') {
      throw new OAuthError('unsupported_grant_type', 'Only client_credentials is supported.');
    }
    if (client.consumerStatus !== 'approved') {
      throw new OAuthError('unauthorized_client', "The client's consumer is not approved.");
    }
    const requested = params['scope']?.split(' ').filter(Boolean);
    let scopes = client.scopes;
    if (requested && requested.length > 0) {
      const unknown = requested.filter((s) => !client.scopes.includes(s));
      if (unknown.length > 0) {
        throw new OAuthError(
          'invalid_scope',
          `Scope not allowed for this client: ${unknown.join(' ')}`,
        );
      }
      scopes = [...new Set(requested)];
    }
    return this.tokens.issue(client, scopes);
  }

  @Post('introspect')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Token introspection (RFC 7662)',
    description:
      'Form parameter `token`; the caller authenticates as an OAuth client. Tokens of other tenants are reported inactive.',
    requestBody: { content: FORM_BODY },
  })
  async introspect(@Req() req: FastifyRequest, @Body() body: unknown): Promise<TokenIntrospection> {
    const params = oauthParams(body);
    const caller = await this.authenticate(req, params);
    const token = params['token'];
    if (!token) throw new OAuthError('invalid_request', 'token is missing.');
    const result = await this.tokens.introspect(token);
    if (result.active && result.tenant_id !== caller.tenantId) return { active: false };
    return result;
  }

  @Post('revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Token revocation (RFC 7009)',
    description:
      'Form parameter `token`; the client that was issued the token authenticates. Unknown or expired tokens are not an error.',
    requestBody: { content: FORM_BODY },
  })
  async revoke(@Req() req: FastifyRequest, @Body() body: unknown): Promise<string> {
    const params = oauthParams(body);
    const caller = await this.authenticate(req, params);
    const token = params['token'];
    if (!token) throw new OAuthError('invalid_request', 'token is missing.');
    if (!(await this.tokens.revoke(token, caller.id))) {
      throw new OAuthError('unauthorized_client', 'The token was issued to another client.');
    }
    return '';
  }
}

/** Discovery documents: the JWK Set and the authorisation server metadata (RFC 8414). */
@ApiTags('OAuth 2.0')
@Public()
@RawResponse()
@Controller('.well-known')
export class WellKnownController {
  constructor(
    private readonly keys: SigningKeys,
    @InjectConfig() private readonly config: ConsumerManagementConfig,
  ) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=60')
  @ApiOperation({ summary: 'Public keys of access tokens (JWK Set, RFC 7517)' })
  jwks(): Promise<unknown> {
    return this.keys.jwks();
  }

  @Get('oauth-authorization-server')
  @ApiOperation({ summary: 'Authorisation server metadata (RFC 8414)' })
  metadata(): Record<string, unknown> {
    const issuer = this.config.OAUTH_ISSUER.replace(/\/$/, '');
    const auth = ['client_secret_basic', 'client_secret_post'];
    return {
      issuer: this.config.OAUTH_ISSUER,
      token_endpoint: `${issuer}/oauth/token`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      introspection_endpoint: `${issuer}/oauth/introspect`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
      grant_types_supported: ['client_credentials'],
      response_types_supported: [],
      token_endpoint_auth_methods_supported: auth,
      introspection_endpoint_auth_methods_supported: auth,
      revocation_endpoint_auth_methods_supported: auth,
      access_token_signing_alg_values_supported: ['ES256'],
    };
  }

  /** The same document where OpenID-style discovery looks for it (RFC 8414 §5). */
  @Get('openid-configuration')
  @ApiExcludeEndpoint()
  openidConfiguration(): Record<string, unknown> {
    return this.metadata();
  }
}
