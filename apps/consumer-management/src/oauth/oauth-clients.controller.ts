import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreatedOAuthClient,
  CreateOAuthClientSchema,
  DEFAULT_TENANT_ID,
  type OAuthClientView,
  type Paginated,
  PageQuerySchema,
  PorticoError,
  type Principal,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { scopeOf } from '../common/access-scope';
import { OAuthClientsService } from './oauth-clients.service';
import { type SigningKeyInfo, SigningKeys } from './signing-keys.service';

class CreateOAuthClientDto extends ZodDto(CreateOAuthClientSchema) {}
class OAuthClientsPageDto extends ZodDto(PageQuerySchema) {}

const WRITERS = ['admin', 'user', 'system', 'consumer'] as const;

@ApiTags('OAuth clients')
@Controller('api/v1/consumers/:consumerId/oauth-clients')
export class OAuthClientsController {
  constructor(private readonly clients: OAuthClientsService) {}

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Register an OAuth client (client credentials) for a consumer',
    description: 'The answer holds `clientSecret`, shown once.',
  })
  create(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') consumerId: string,
    @Body() body: CreateOAuthClientDto,
  ): Promise<CreatedOAuthClient> {
    return this.clients.create(scopeOf(p), consumerId, body);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: "A consumer's OAuth clients" })
  list(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') consumerId: string,
    @Query() q: OAuthClientsPageDto,
  ): Promise<Paginated<OAuthClientView>> {
    return this.clients.list(scopeOf(p), consumerId, q);
  }

  @Get(':clientId')
  @AnyRole()
  @ApiOperation({ summary: 'One OAuth client' })
  get(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') consumerId: string,
    @Param('clientId') clientId: string,
  ): Promise<OAuthClientView> {
    return this.clients.get(scopeOf(p), consumerId, clientId);
  }

  @Delete(':clientId')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Revoke an OAuth client: no new tokens, its tokens turn inactive' })
  revoke(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') consumerId: string,
    @Param('clientId') clientId: string,
  ): Promise<OAuthClientView> {
    return this.clients.revoke(scopeOf(p), consumerId, clientId);
  }
}

/** Signing keys are shared by all tenants: only operators (default tenant admins) see them. */
@ApiTags('OAuth 2.0')
@Controller('api/v1/oauth/signing-keys')
export class SigningKeysController {
  constructor(private readonly keys: SigningKeys) {}

  private static assertOperator(p: Principal): void {
    if (p.tenantId !== DEFAULT_TENANT_ID) {
      throw PorticoError.forbidden('Only admins of the default tenant manage signing keys.');
    }
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Token signing keys (public data), newest first' })
  list(@CurrentPrincipal() p: Principal): Promise<SigningKeyInfo[]> {
    SigningKeysController.assertOperator(p);
    return this.keys.list();
  }

  @Post('rotate')
  @Roles('admin')
  @ApiOperation({
    summary: 'Replace the signing key now',
    description: 'The old key stays in the JWKS until the tokens it signed have expired.',
  })
  rotate(@CurrentPrincipal() p: Principal): Promise<{ kid: string }> {
    SigningKeysController.assertOperator(p);
    return this.keys.rotate();
  }
}
