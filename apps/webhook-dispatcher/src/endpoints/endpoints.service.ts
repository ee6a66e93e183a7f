import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  IdPrefix,
  newId,
  PorticoError,
  type CreateWebhookEndpoint,
  type RecoverWebhookEndpoint,
  type RotateWebhookSecret,
  type UpdateWebhookEndpoint,
  type WebhookEndpoint,
} from '@portico/contracts';
import { EgressGuard } from '@portico/egress';
import { InjectConfig, InjectDatabase } from '@portico/platform';
import { Clock } from '../common/clock';
import { DEFAULT_RETRY_COUNT } from '../common/retry-schedule';
import type { WebhookScope } from '../common/scope';
import { SecretBox } from '@portico/platform';
import { generateWebhookSecret } from '../common/webhook-secret';
import type { WebhookDispatcherConfig } from '../config';
import { DeliveryReplays } from '../delivery/delivery-queue';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { toEndpointDto } from './endpoint.mapper';
import { EndpointsRepository, type EndpointRow } from './endpoints.repository';

const DAY_MS = 86_400_000;

@Injectable()
export class EndpointsService {
  constructor(
    private readonly repo: EndpointsRepository,
    private readonly secrets: SecretBox,
    private readonly guard: EgressGuard,
    private readonly clock: Clock,
    private readonly worker: DeliveryWorker,
    @InjectDatabase() private readonly db: PrismaClient,
    @InjectConfig() private readonly config: WebhookDispatcherConfig,
  ) {}

  async create(scope: WebhookScope, input: CreateWebhookEndpoint): Promise<WebhookEndpoint> {
    await this.guard.assertAllowed(input.url);
    const id = newId(IdPrefix.webhookEndpoint);
    const secret = input.secret ?? generateWebhookSecret();
    const now = this.clock.now();
    const row = await this.repo.create({
      id,
      tenantId: scope.tenantId,
      // Consumers only ever subscribe for themselves.
      consumerId: scope.consumerId ?? input.consumerId ?? null,
      url: input.url,
      description: input.description,
      eventTypes: input.eventTypes,
      payloadFilter: input.payloadFilter ?? Prisma.DbNull,
      httpMethod: input.httpMethod,
      headers: input.headers,
      secretEncrypted: this.secrets.seal(secret, id),
      isActive: input.isActive,
      disabledReason: input.isActive ? null : 'manual',
      disabledAt: input.isActive ? null : now,
      rateLimitPerSecond: input.rateLimitPerSecond ?? null,
      timeoutSeconds: input.timeoutSeconds,
      retryCount: input.retryCount ?? input.retrySchedule?.length ?? DEFAULT_RETRY_COUNT,
      retrySchedule: input.retrySchedule ?? [],
      createdAt: now,
      updatedAt: now,
    });
    return toEndpointDto(row, secret);
  }

  async get(scope: WebhookScope, id: string): Promise<WebhookEndpoint> {
    return toEndpointDto(await this.found(scope, id));
  }

  async list(scope: WebhookScope, page: { skip: number; take: number }) {
    const { items, total } = await this.repo.list(scope, page);
    return { items: items.map((r) => toEndpointDto(r)), total };
  }

  async update(
    scope: WebhookScope,
    id: string,
    input: UpdateWebhookEndpoint,
  ): Promise<WebhookEndpoint> {
    const current = await this.found(scope, id);
    if (input.url !== undefined && input.url !== current.url)
      await this.guard.assertAllowed(input.url);
    const now = this.clock.now();
    const data: Prisma.WebhookEndpointUncheckedUpdateInput = { updatedAt: now };
    for (const key of [
      'url',
      'description',
      'eventTypes',
      'httpMethod',
      'headers',
      'rateLimitPerSecond',
      'timeoutSeconds',
      'retryCount',
    ] as const) {
      if (input[key] !== undefined) (data as Record<string, unknown>)[key] = input[key];
    }
    if (input.payloadFilter !== undefined)
      data.payloadFilter = input.payloadFilter ?? Prisma.DbNull;
    if (input.retrySchedule !== undefined) {
      data.retrySchedule = input.retrySchedule ?? [];
      if (input.retryCount === undefined) {
        data.retryCount = input.retrySchedule?.length ?? DEFAULT_RETRY_COUNT;
      }
    }
    if (input.isActive === true && !current.isActive) {
      Object.assign(data, {
        isActive: true,
        disabledReason: null,
        disabledAt: null,
        failingSince: null,
      });
    } else if (input.isActive === false && current.isActive) {
      Object.assign(data, { isActive: false, disabledReason: 'manual', disabledAt: now });
    }
    const row = await this.repo.update(scope, id, data);
    if (!row) throw PorticoError.notFound('Webhook endpoint', id);
    return toEndpointDto(row);
  }

  async delete(scope: WebhookScope, id: string): Promise<void> {
    if (!(await this.repo.delete(scope, id))) throw PorticoError.notFound('Webhook endpoint', id);
  }

  async secret(scope: WebhookScope, id: string) {
    const row = await this.found(scope, id);
    return {
      secret: this.secrets.open(row.secretEncrypted, row.id),
      previousSecretUntil: row.previousSecretUntil?.toISOString() ?? null,
    };
  }

  /** The new secret signs from now on; the old one also signs until the overlap ends. */
  async rotateSecret(scope: WebhookScope, id: string, input: RotateWebhookSecret) {
    const row = await this.found(scope, id);
    const secret = input.secret ?? generateWebhookSecret();
    const until = new Date(this.clock.now().getTime() + input.overlapSeconds * 1000);
    const updated = await this.repo.update(scope, id, {
      secretEncrypted: this.secrets.seal(secret, id),
      previousSecretEncrypted: input.overlapSeconds > 0 ? row.secretEncrypted : null,
      previousSecretUntil: input.overlapSeconds > 0 ? until : null,
      updatedAt: this.clock.now(),
    });
    if (!updated) throw PorticoError.notFound('Webhook endpoint', id);
    return { secret, previousSecretUntil: updated.previousSecretUntil?.toISOString() ?? null };
  }

  /** Resends every failed message since a time (bounded in age and count), with a fresh schedule. */
  async recover(scope: WebhookScope, id: string, input: RecoverWebhookEndpoint) {
    const endpoint = await this.found(scope, id);
    if (!endpoint.isActive) {
      throw new PorticoError(
        ErrorCode.CONFLICT,
        'Enable the endpoint before recovering its messages.',
      );
    }
    const now = this.clock.now();
    const since = new Date(input.since);
    const until = input.until ? new Date(input.until) : now;
    const oldest = new Date(now.getTime() - this.config.WEBHOOK_RECOVER_MAX_DAYS * DAY_MS);
    if (since < oldest) {
      throw PorticoError.validation(
        `Recovery reaches back at most ${this.config.WEBHOOK_RECOVER_MAX_DAYS} days.`,
        [{ field: 'since', message: `must be after ${oldest.toISOString()}` }],
      );
    }
    if (until <= since) {
      throw PorticoError.validation('until must be after since.', [
        { field: 'until', message: 'must be after since' },
      ]);
    }
    const result = await new DeliveryReplays(this.db).recover(
      scope.tenantId,
      endpoint.id,
      { since, until },
      this.config.WEBHOOK_RECOVER_MAX_MESSAGES,
      now,
    );
    this.worker.notify();
    return result;
  }

  private async found(scope: WebhookScope, id: string): Promise<EndpointRow> {
    const row = await this.repo.find(scope, id);
    if (!row) throw PorticoError.notFound('Webhook endpoint', id);
    return row;
  }
}
