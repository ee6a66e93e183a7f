import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateWebhookMessageSchema,
  ListWebhookAttemptsQuerySchema,
  ListWebhookDeadLettersQuerySchema,
  ListWebhookMessagesQuerySchema,
  Paginated,
  PorticoError,
  ResendWebhookMessageSchema,
  type Principal,
  type WebhookAttempt,
  type WebhookDeadLetter,
  type WebhookMessage,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { scopeOf } from '../common/scope';
import { MessagesService } from './messages.service';

class CreateWebhookMessageDto extends ZodDto(CreateWebhookMessageSchema) {}
class ListWebhookMessagesQuery extends ZodDto(ListWebhookMessagesQuerySchema) {}
class ListWebhookAttemptsQuery extends ZodDto(ListWebhookAttemptsQuerySchema) {}
class ListWebhookDeadLettersQuery extends ZodDto(ListWebhookDeadLettersQuerySchema) {}
class ResendWebhookMessageDto extends ZodDto(ResendWebhookMessageSchema) {}

/** The bits of Fastify's reply we set (passthrough keeps the envelope). */
interface Reply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@ApiTags('webhook messages')
@Controller('api/v1/webhooks')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post('messages')
  @Roles('admin', 'system', 'user')
  @ApiOperation({
    summary: 'Publish a custom event to your endpoints',
    description:
      'Persisted and fanned out to every matching endpoint before the answer. `eventType` must not ' +
      'use a Portico namespace (see GET /api/v1/webhooks/event-types). A repeated `eventId` names ' +
      'the same message. With an `Idempotency-Key`, the same key returns the same message (200) for ' +
      'WEBHOOK_IDEMPOTENCY_TTL_HOURS (default 24 h); reusing it with another body is a 409.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiResponse({ status: 201, description: 'Created and queued.' })
  @ApiResponse({ status: 200, description: 'The message this key or eventId already created.' })
  @ApiResponse({ status: 409, description: 'Idempotency-Key reused with a different body.' })
  async publish(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateWebhookMessageDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<WebhookMessage> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw PorticoError.validation('Invalid Idempotency-Key.', [
        { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const result = await this.messages.publish(p.tenantId, body, key);
    res.status(result.created ? 201 : 200);
    if (!result.created) res.header('idempotent-replayed', 'true');
    return result.message;
  }

  @Get('messages')
  @AnyRole()
  @ApiOperation({
    summary: 'List messages, newest first, filtered by type, time, endpoint or status',
  })
  async list(
    @CurrentPrincipal() p: Principal,
    @Query() q: ListWebhookMessagesQuery,
  ): Promise<Paginated<WebhookMessage>> {
    const { items, total } = await this.messages.list(scopeOf(p), q);
    return new Paginated(items, { page: q.page, limit: q.limit, total });
  }

  @Get('messages/:id')
  @AnyRole()
  @ApiOperation({ summary: 'Get a message with its delivery to each endpoint' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<WebhookMessage> {
    return this.messages.get(scopeOf(p), id);
  }

  @Get('messages/:id/attempts')
  @AnyRole()
  @ApiOperation({
    summary: "A message's delivery attempts, oldest first",
    description:
      'Time, URL, status, duration, response headers, the first 20 KB of the body, error.',
  })
  async attempts(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Query() q: ListWebhookAttemptsQuery,
  ): Promise<Paginated<WebhookAttempt>> {
    const { items, total } = await this.messages.attempts(scopeOf(p), id, q);
    return new Paginated(items, { page: q.page, limit: q.limit, total });
  }

  @Post('messages/:id/resend')
  @Roles('admin', 'system', 'user', 'consumer')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a message to one endpoint again, with a fresh retry schedule' })
  resend(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: ResendWebhookMessageDto,
  ) {
    return this.messages.resend(scopeOf(p), id, body.endpointId);
  }

  @Get('dead-letters')
  @AnyRole()
  @ApiOperation({
    summary: 'Deliveries that failed for good (retries exhausted, 410 Gone, endpoint disabled)',
    description:
      'Resend one with POST /messages/{id}/resend, or all since a time with /endpoints/{id}/recover.',
  })
  async deadLetters(
    @CurrentPrincipal() p: Principal,
    @Query() q: ListWebhookDeadLettersQuery,
  ): Promise<Paginated<WebhookDeadLetter>> {
    const { items, total } = await this.messages.deadLetters(scopeOf(p), q);
    return new Paginated(items, { page: q.page, limit: q.limit, total });
  }
}
