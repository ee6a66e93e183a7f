import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  answerGraphRpc,
  answerPublicGraphRpc,
  ApproveConsumerSchema,
  ConsumerSignUpSchema,
  CreateApiKeySchema,
  GraphRpcSubject,
  ListConsumersQuerySchema,
  RejectConsumerSchema,
  RotateApiKeySchema,
  type ApiKeyView,
  type PlanView,
  type Principal,
  type Role,
  type SubscriptionView,
} from '@portico/contracts';
import { InjectDatabase, MessagingService, parseWith } from '@portico/platform';
import { z } from 'zod';
import { type AccessScope, consumerWhere, scopeOf } from '../common/access-scope';
import type { Db } from '../common/database';
import { ConsumersService } from '../consumers/consumers.service';
import { DecideConsumer } from '../consumers/usecases/decide-consumer.usecase';
import { SignUpConsumer } from '../consumers/usecases/sign-up.usecase';
import type { KeyOwner } from '../keys/keys.repository';
import { keyView, KeysService } from '../keys/keys.service';
import { planView } from '../plans/plans.service';
import { subscriptionView } from '../subscriptions/subscriptions.service';

/** As the REST routes (consumers.controller.ts, keys.controller.ts). */
const ANY: Role[] = ['admin', 'user', 'system', 'auditor', 'consumer'];
const LISTERS: Role[] = ['admin', 'user', 'system', 'auditor'];
const DECIDERS: Role[] = ['admin', 'system'];
const KEY_WRITERS: Role[] = ['admin', 'user', 'system', 'consumer'];

const Id = z.string().min(1).max(64);
const Ids = (field: string) => z.object({ [field]: z.array(Id).max(500) });

const parse = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> =>
  parseWith(schema, value, 'arguments');

/** A key for a named consumer, or the caller's own (as `/api/v1/keys` does). */
function ownerOf(p: Principal, consumerId: string | undefined): KeyOwner {
  if (consumerId !== undefined) return { kind: 'consumer', consumerId };
  return p.role === 'consumer'
    ? { kind: 'consumer', consumerId: p.consumerId ?? '' }
    : { kind: 'user', userId: p.actorId };
}

/**
 * consumer-management's side of the gateway's GraphQL API (`consumer.graph.*`): the REST API's
 * services and access rules (scopeOf: a `user` sees the consumers it owns, a consumer itself),
 * plus batched reads so a page of consumers with keys, subscriptions and plans costs three requests.
 */
@Injectable()
export class GraphRpcService implements OnModuleInit {
  constructor(
    @InjectDatabase() private readonly db: Db,
    private readonly messaging: MessagingService,
    private readonly consumers: ConsumersService,
    private readonly decide: DecideConsumer,
    private readonly signUp: SignUpConsumer,
    private readonly keys: KeysService,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected(async (m) => {
      const S = GraphRpcSubject;
      await Promise.all([
        answerGraphRpc(m, S.consumers, LISTERS, async (p, args) => {
          const page = await this.consumers.list(scopeOf(p), parse(ListConsumersQuerySchema, args));
          return { items: page.items, pagination: page.pagination };
        }),
        answerGraphRpc(m, S.consumer, ANY, (p, args) =>
          this.consumers.get(scopeOf(p), parse(z.object({ id: Id }), args).id),
        ),
        answerGraphRpc(m, S.keysByConsumer, ANY, (p, args) =>
          this.keysByConsumer(scopeOf(p), parse(Ids('consumerIds'), args)['consumerIds']!),
        ),
        answerGraphRpc(m, S.subscriptionsByConsumer, ANY, (p, args) =>
          this.subscriptionsByConsumer(scopeOf(p), parse(Ids('consumerIds'), args)['consumerIds']!),
        ),
        answerGraphRpc(m, S.plansById, ANY, (p, args) =>
          this.plansById(p.tenantId, parse(Ids('planIds'), args)['planIds']!),
        ),
        answerPublicGraphRpc(m, S.signUpConsumer, (args) =>
          this.signUp.execute(parse(ConsumerSignUpSchema, args['input'] ?? {})),
        ),
        answerGraphRpc(m, S.approveConsumer, DECIDERS, (p, args) => {
          const { id, ...body } = parse(ApproveConsumerSchema.extend({ id: Id }), args);
          return this.decide.execute(scopeOf(p), id, {
            action: 'approve',
            ...(body.planId ? { planId: body.planId } : {}),
          });
        }),
        answerGraphRpc(m, S.rejectConsumer, DECIDERS, (p, args) => {
          const { id, reason } = parse(RejectConsumerSchema.extend({ id: Id }), args);
          return this.decide.execute(scopeOf(p), id, { action: 'reject', reason });
        }),
        answerGraphRpc(m, S.createApiKey, KEY_WRITERS, (p, args) => {
          const { consumerId, input } = parse(
            z.object({ consumerId: Id.optional(), input: z.unknown().optional() }),
            args,
          );
          const dto = parse(CreateApiKeySchema, input ?? {});
          return this.keys.create(scopeOf(p), ownerOf(p, consumerId), dto);
        }),
        answerGraphRpc(m, S.revokeApiKey, KEY_WRITERS, (p, args) => {
          const { consumerId, keyId } = parse(
            z.object({ consumerId: Id.optional(), keyId: Id }),
            args,
          );
          return this.keys.revoke(scopeOf(p), ownerOf(p, consumerId), keyId);
        }),
        answerGraphRpc(m, S.rotateApiKey, KEY_WRITERS, (p, args) => {
          const { consumerId, keyId, ...body } = parse(
            z.object({
              consumerId: Id.optional(),
              keyId: Id,
              gracePeriodSeconds: z.unknown().optional(),
            }),
            args,
          );
          const dto = parse(
            RotateApiKeySchema,
            body.gracePeriodSeconds == null ? {} : { gracePeriodSeconds: body.gracePeriodSeconds },
          );
          return this.keys.rotate(scopeOf(p), ownerOf(p, consumerId), keyId, dto);
        }),
      ]);
    });
  }

  /** The ids among `ids` the caller may see (BOLA: other tenants' and other users' are dropped). */
  private async visibleConsumers(scope: AccessScope, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.consumer.findMany({
      where: { ...consumerWhere(scope), id: { in: ids } },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  private async keysByConsumer(
    scope: AccessScope,
    ids: string[],
  ): Promise<Record<string, ApiKeyView[]>> {
    const visible = await this.visibleConsumers(scope, ids);
    const out: Record<string, ApiKeyView[]> = Object.fromEntries(visible.map((id) => [id, []]));
    if (visible.length === 0) return out;
    const rows = await this.db.apiKey.findMany({
      where: { tenantId: scope.tenantId, consumerId: { in: visible } },
      orderBy: { id: 'desc' },
    });
    const now = new Date();
    for (const k of rows) out[k.consumerId!]?.push(keyView(k, now));
    return out;
  }

  private async subscriptionsByConsumer(
    scope: AccessScope,
    ids: string[],
  ): Promise<Record<string, SubscriptionView[]>> {
    const visible = await this.visibleConsumers(scope, ids);
    const out: Record<string, SubscriptionView[]> = Object.fromEntries(
      visible.map((id) => [id, []]),
    );
    if (visible.length === 0) return out;
    const rows = await this.db.subscription.findMany({
      where: { tenantId: scope.tenantId, consumerId: { in: visible } },
      orderBy: { id: 'desc' },
    });
    for (const s of rows) out[s.consumerId]?.push(subscriptionView(s));
    return out;
  }

  private async plansById(tenantId: string, ids: string[]): Promise<Record<string, PlanView>> {
    if (ids.length === 0) return {};
    const rows = await this.db.plan.findMany({ where: { tenantId, id: { in: ids } } });
    return Object.fromEntries(rows.map((p) => [p.id, planView(p)]));
  }
}
