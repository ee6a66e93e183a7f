import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  IdPrefix,
  newId,
  newUlid,
  type ActionAttemptOutcome,
  type ActionInvocationStatus,
  type CloudEvent,
} from '@portico/contracts';
import { InjectDatabase, InjectLogger, MetricsService } from '@portico/platform';
import type { Logger } from 'pino';
import { ConnectionRuntimes } from '../core/connection-runtimes';
import { ErrorHistory } from '../core/error-history';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { ConnectorClient } from '../http/client';
import { ConnectorHttpError } from '../http/errors';
import { compileAction, type CompiledStep } from './compiled-action';

export interface ActionRow {
  id: string;
  tenantId: string;
  name: string;
  filter: string | null;
  steps: unknown;
}

interface Attempt {
  step: string;
  attempt: number;
  endpoint: 'primary' | 'secondary' | 'cache' | 'fallback';
  method: string;
  url: string;
  statusCode: number | null;
  durationMs: number;
  outcome: ActionAttemptOutcome;
  error: string | null;
}

const MAX_RESULT_CHARS = 64_000;
const MAX_ERROR_CHARS = 2_000;

/**
 * Runs one action for one event: the filter, then each step through its connection's client (same
 * authenticator, rate limiter and retry as syncs), with the step's cache and fallback. The
 * invocation and every attempt are recorded together, once per (action, event).
 */
@Injectable()
export class ActionRunner {
  private readonly invocations;

  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    private readonly runtimes: ConnectionRuntimes,
    private readonly errors: ErrorHistory,
    @InjectLogger() private readonly logger: Logger,
    metrics: MetricsService,
  ) {
    this.invocations = metrics.counter(
      'portico_connectors_action_invocations_total',
      'Action invocations',
      ['status'],
    );
  }

  /** Returns the invocation status, or null when the filter did not match. */
  async run(action: ActionRow, event: CloudEvent): Promise<ActionInvocationStatus | null> {
    const compiled = compileAction({
      filter: action.filter ?? undefined,
      steps: action.steps as never,
    });
    const input: { event: CloudEvent; steps: Record<string, unknown> } = { event, steps: {} };
    if (compiled.filter && !(await compiled.filter.evaluate(event).catch(() => false))) return null;
    const startedAt = new Date();
    const attempts: Attempt[] = [];
    let status: ActionInvocationStatus = 'succeeded';
    for (const step of compiled.steps) {
      const outcome = await this.step(action, step, input, attempts);
      if (outcome === 'fallback') status = 'fallback';
      if (outcome === 'skipped' || outcome === 'failed') {
        status = outcome;
        break;
      }
    }
    await this.save(action, event, status, input.steps, startedAt, attempts);
    this.invocations.inc({ status });
    this.logger.info(
      { actionId: action.id, eventId: event.id, status, attempts: attempts.length },
      'action invoked',
    );
    return status;
  }

  private async step(
    action: ActionRow,
    step: CompiledStep,
    input: { event: CloudEvent; steps: Record<string, unknown> },
    attempts: Attempt[],
  ): Promise<'ok' | 'fallback' | 'skipped' | 'failed'> {
    const def = step.def;
    const conn = await this.db.connection.findFirst({
      where: { tenantId: action.tenantId, id: def.connectionId },
      include: { definition: { select: { id: true, revision: true, manifest: true } } },
    });
    const record = (a: Omit<Attempt, 'step' | 'method'>) =>
      attempts.push({ step: def.name, method: def.method, ...a });
    if (!conn) {
      record({
        attempt: 1,
        endpoint: 'primary',
        url: '',
        statusCode: null,
        durationMs: 0,
        outcome: 'error',
        error: `Connector ${def.connectionId} no longer exists.`,
      });
      return 'failed';
    }
    const runtime = this.runtimes.get(conn);
    const req = {
      method: def.method,
      path: await step.path.render(input, encodeURIComponent),
      query: Object.fromEntries(
        await Promise.all(step.query.map(async ([k, t]) => [k, await t.render(input)] as const)),
      ),
      headers: Object.fromEntries(
        await Promise.all(step.headers.map(async ([k, t]) => [k, await t.render(input)] as const)),
      ),
      body: step.body ? await step.body.evaluate(input) : undefined,
    };
    const shown = runtime.redactor.url(runtime.client.resolve(req.path));
    const cacheKey = def.cache
      ? createHash('sha256')
          .update(
            JSON.stringify([
              conn.id,
              req.method,
              req.path,
              Object.entries(req.query).sort(),
              req.body ?? null,
            ]),
          )
          .digest('hex')
      : null;
    if (cacheKey) {
      const hit = await this.db.actionCacheEntry.findFirst({
        where: { tenantId: action.tenantId, key: cacheKey, expiresAt: { gt: new Date() } },
      });
      if (hit) {
        record({
          attempt: 0,
          endpoint: 'cache',
          url: shown,
          statusCode: null,
          durationMs: 0,
          outcome: 'cache_hit',
          error: null,
        });
        input.steps[def.name] = hit.value;
        return 'ok';
      }
    }
    const call = (client: ConnectorClient, endpoint: 'primary' | 'secondary') =>
      client.call({
        ...req,
        onAttempt: (a) =>
          record({
            attempt: a.attempt,
            endpoint,
            url: shown,
            statusCode: a.status,
            durationMs: a.durationMs,
            outcome: a.error ? 'error' : 'success',
            error: a.error?.slice(0, MAX_ERROR_CHARS) ?? null,
          }),
      });
    try {
      const res = await call(runtime.client, 'primary');
      input.steps[def.name] = res.body;
      if (cacheKey) await this.cache(action.tenantId, cacheKey, res.body, def.cache!.ttlSeconds);
      return 'ok';
    } catch (err) {
      await this.noteError(action, conn.id, err, runtime.redactor.text.bind(runtime.redactor));
      const fallback = def.fallback;
      if (fallback?.type === 'default') {
        input.steps[def.name] = fallback.value ?? null;
        record({
          attempt: 0,
          endpoint: 'fallback',
          url: shown,
          statusCode: null,
          durationMs: 0,
          outcome: 'fallback_default',
          error: null,
        });
        return 'fallback';
      }
      if (fallback?.type === 'ignore') {
        record({
          attempt: 0,
          endpoint: 'fallback',
          url: shown,
          statusCode: null,
          durationMs: 0,
          outcome: 'gave_up',
          error: null,
        });
        return 'skipped';
      }
      if (fallback?.type === 'secondary') {
        try {
          const res = await call(runtime.withBaseUrl(fallback.baseUrl), 'secondary');
          input.steps[def.name] = res.body;
          const last = attempts[attempts.length - 1];
          if (last) last.outcome = 'fallback_secondary';
          return 'fallback';
        } catch (second) {
          await this.noteError(
            action,
            conn.id,
            second,
            runtime.redactor.text.bind(runtime.redactor),
          );
          return 'failed';
        }
      }
      return 'failed';
    }
  }

  private async noteError(
    action: ActionRow,
    connectionId: string,
    err: unknown,
    redact: (s: string) => string,
  ): Promise<void> {
    const http = err instanceof ConnectorHttpError ? err : undefined;
    await this.errors.record(action.tenantId, connectionId, {
      actionId: action.id,
      httpStatus: http?.status ?? null,
      kind: http?.kind ?? 'internal',
      message: redact(
        `action '${action.name}': ${err instanceof Error ? err.message : String(err)}`,
      ),
    });
  }

  private async cache(
    tenantId: string,
    key: string,
    value: unknown,
    ttlSeconds: number,
  ): Promise<void> {
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    const json = (value ?? null) as Prisma.InputJsonValue;
    await this.db.actionCacheEntry.upsert({
      where: { tenantId_key: { tenantId, key } },
      create: { tenantId, key, value: json, expiresAt },
      update: { value: json, expiresAt },
    });
  }

  private async save(
    action: ActionRow,
    event: CloudEvent,
    status: ActionInvocationStatus,
    results: Record<string, unknown>,
    startedAt: Date,
    attempts: Attempt[],
  ): Promise<void> {
    const serialized = JSON.stringify(results);
    const result = serialized.length > MAX_RESULT_CHARS ? { truncated: true } : results;
    const id = newUlid();
    await this.db.$transaction(async (tx) => {
      const inserted = await tx.$executeRawUnsafe(
        `INSERT INTO action_invocations (id, tenant_id, action_id, event_id, event_type, status, result, started_at, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS jsonb), $8, now()) ON CONFLICT (action_id, event_id) DO NOTHING`,
        id,
        action.tenantId,
        action.id,
        event.id,
        event.type,
        status,
        JSON.stringify(result),
        startedAt,
      );
      if (inserted === 0) return; // another delivery of the same event got there first
      await tx.actionAttempt.createMany({
        data: attempts.map((a) => ({
          id: newId(IdPrefix.attempt),
          tenantId: action.tenantId,
          invocationId: id,
          ...a,
        })),
      });
    });
  }
}
