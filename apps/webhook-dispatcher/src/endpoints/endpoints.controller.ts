import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateWebhookEndpointSchema,
  PageQuerySchema,
  Paginated,
  RecoverWebhookEndpointSchema,
  RotateWebhookSecretSchema,
  UpdateWebhookEndpointSchema,
  pageOffset,
  type Principal,
  type WebhookEndpoint,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { scopeOf } from '../common/scope';
import { EndpointsService } from './endpoints.service';

class CreateWebhookEndpointDto extends ZodDto(CreateWebhookEndpointSchema) {}
class UpdateWebhookEndpointDto extends ZodDto(UpdateWebhookEndpointSchema) {}
class RotateWebhookSecretDto extends ZodDto(RotateWebhookSecretSchema) {}
class RecoverWebhookEndpointDto extends ZodDto(RecoverWebhookEndpointSchema) {}
class EndpointPageQuery extends ZodDto(PageQuerySchema) {}

const WRITERS = ['admin', 'system', 'user', 'consumer'] as const;

/**
 * Subscribers' URLs. Callers with the consumer role see and manage only their own consumer's
 * endpoints; another tenant's endpoint is a 404.
 */
@ApiTags('webhook endpoints')
@Controller('api/v1/webhooks/endpoints')
export class EndpointsController {
  constructor(private readonly endpoints: EndpointsService) {}

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Create an endpoint',
    description:
      'The URL is checked against the SSRF guard (400 naming the reason). The answer carries the ' +
      'signing secret (`whsec_...`), generated when not given.',
  })
  @ApiResponse({ status: 201, description: 'Created; `secret` is included.' })
  @ApiResponse({ status: 400, description: 'Invalid input or a refused URL.' })
  create(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateWebhookEndpointDto,
  ): Promise<WebhookEndpoint> {
    return this.endpoints.create(scopeOf(p), body);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'List endpoints' })
  async list(
    @CurrentPrincipal() p: Principal,
    @Query() q: EndpointPageQuery,
  ): Promise<Paginated<WebhookEndpoint>> {
    const { items, total } = await this.endpoints.list(scopeOf(p), pageOffset(q));
    return new Paginated(items, { page: q.page, limit: q.limit, total });
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'Get an endpoint' })
  @ApiResponse({ status: 404, description: 'No such endpoint in your tenant.' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<WebhookEndpoint> {
    return this.endpoints.get(scopeOf(p), id);
  }

  @Put(':id')
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Update an endpoint',
    description: 'Fields not sent are kept. `isActive: true` re-enables a disabled endpoint.',
  })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpoint> {
    return this.endpoints.update(scopeOf(p), id, body);
  }

  @Delete(':id')
  @Roles(...WRITERS)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint and its pending deliveries' })
  async delete(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    await this.endpoints.delete(scopeOf(p), id);
  }

  @Get(':id/secret')
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Get the endpoint's signing secret" })
  secret(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.endpoints.secret(scopeOf(p), id);
  }

  @Post(':id/secret/rotate')
  @Roles(...WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description:
      'The new secret signs from now on. During the overlap window (default 24 h) messages carry ' +
      'both signatures, space-separated, so receivers can switch without dropping any.',
  })
  rotate(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: RotateWebhookSecretDto,
  ) {
    return this.endpoints.rotateSecret(scopeOf(p), id, body);
  }

  @Post(':id/recover')
  @Roles(...WRITERS)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Resend failed messages since a time',
    description:
      'Every message whose delivery to this endpoint failed since `since` (at most ' +
      'WEBHOOK_RECOVER_MAX_DAYS back, default 14) is queued again with a fresh retry schedule, ' +
      'oldest first, up to WEBHOOK_RECOVER_MAX_MESSAGES (default 10,000); `more` says some are left.',
  })
  recover(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: RecoverWebhookEndpointDto,
  ) {
    return this.endpoints.recover(scopeOf(p), id, body);
  }
}
