import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  answerGraphRpc,
  CreateWebhookEndpointSchema,
  GraphRpcSubject,
  ListWebhookMessagesQuerySchema,
  pageOffset,
  PageQuerySchema,
  RecoverWebhookEndpointSchema,
  ResendWebhookMessageSchema,
  type Role,
  type WebhookAttempt,
  WEBHOOK_ATTEMPTS_PAGE,
} from '@portico/contracts';
import { InjectDatabase, MessagingService, parseWith } from '@portico/platform';
import { z } from 'zod';
import { scopeOf, type WebhookScope } from '../common/scope';
import { EndpointsService } from '../endpoints/endpoints.service';
import type { PrismaClient } from '../generated/prisma/client';
import { toAttemptDto } from '../messages/message.mapper';
import { MessagesService } from '../messages/messages.service';

/** As the REST routes (endpoints.controller.ts, messages.controller.ts). */
const ANY: Role[] = ['admin', 'user', 'system', 'auditor', 'consumer'];
const WRITERS: Role[] = ['admin', 'system', 'user', 'consumer'];

/** Attempts returned per batch: bounded, as a page of REST attempts is. */
const MAX_ATTEMPTS = 5_000;

const parse = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> =>
  parseWith(schema, value, 'arguments');

/**
 * The dispatcher's side of the gateway's GraphQL API (`webhooks.graph.*`): the REST services and
 * scope rules (a consumer sees only its own endpoints and messages), plus attempts of many
 * messages in one request.
 */
@Injectable()
export class GraphRpcService implements OnModuleInit {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly messaging: MessagingService,
    private readonly endpoints: EndpointsService,
    private readonly messages: MessagesService,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected(async (m) => {
      const S = GraphRpcSubject;
      await Promise.all([
        answerGraphRpc(m, S.webhookEndpoints, ANY, async (p, args) => {
          const q = parse(PageQuerySchema, args);
          const { items, total } = await this.endpoints.list(scopeOf(p), pageOffset(q));
          return { items, pagination: { page: q.page, limit: q.limit, total } };
        }),
        answerGraphRpc(m, S.webhookMessages, ANY, async (p, args) => {
          const q = parse(ListWebhookMessagesQuerySchema, args);
          const { items, total } = await this.messages.list(scopeOf(p), q);
          return { items, pagination: { page: q.page, limit: q.limit, total } };
        }),
        answerGraphRpc(m, S.webhookAttemptsByMessage, ANY, (p, args) =>
          this.attemptsByMessage(
            scopeOf(p),
            parse(z.object({ messageIds: z.array(z.string().max(100)).max(500) }), args).messageIds,
          ),
        ),
        answerGraphRpc(m, S.webhookAttemptsSince, ANY, async (p, args) => {
          const { endpointId, since } = parse(
            z.object({ endpointId: z.string().min(1).max(100), since: z.iso.datetime() }),
            args,
          );
          const scope = scopeOf(p);
          await this.endpoints.get(scope, endpointId);
          const rows = await this.db.webhookAttempt.findMany({
            where: { tenantId: scope.tenantId, endpointId, createdAt: { gte: new Date(since) } },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            take: WEBHOOK_ATTEMPTS_PAGE,
          });
          return rows.map(toAttemptDto);
        }),
        answerGraphRpc(m, S.createWebhookEndpoint, WRITERS, (p, args) =>
          this.endpoints.create(
            scopeOf(p),
            parse(CreateWebhookEndpointSchema, args['input'] ?? {}),
          ),
        ),
        answerGraphRpc(m, S.recoverWebhookEndpoint, WRITERS, (p, args) => {
          const { id, ...body } = parse(
            RecoverWebhookEndpointSchema.extend({ id: z.string().min(1).max(100) }),
            args,
          );
          return this.endpoints.recover(scopeOf(p), id, body);
        }),
        answerGraphRpc(m, S.resendWebhookMessage, WRITERS, (p, args) => {
          const { messageId, endpointId } = parse(
            ResendWebhookMessageSchema.extend({ messageId: z.string().min(1).max(100) }),
            args,
          );
          return this.messages.resend(scopeOf(p), messageId, endpointId);
        }),
      ]);
    });
  }

  private async attemptsByMessage(
    scope: WebhookScope,
    ids: string[],
  ): Promise<Record<string, WebhookAttempt[]>> {
    if (ids.length === 0) return {};
    const visible = await this.db.webhookMessage.findMany({
      where: {
        tenantId: scope.tenantId,
        ...(scope.consumerId === null ? {} : { consumerId: scope.consumerId }),
        id: { in: ids },
      },
      select: { id: true },
    });
    const out: Record<string, WebhookAttempt[]> = Object.fromEntries(
      visible.map((m) => [m.id, []]),
    );
    if (visible.length === 0) return out;
    const rows = await this.db.webhookAttempt.findMany({
      where: { tenantId: scope.tenantId, messageId: { in: visible.map((m) => m.id) } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: MAX_ATTEMPTS,
    });
    for (const a of rows) out[a.messageId]?.push(toAttemptDto(a));
    return out;
  }
}
