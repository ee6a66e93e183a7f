import { webhookKey, type ConfigFile, type PlanConfig, type WebhookConfig } from '../schema';
import type { LiveState } from '../state';
import { Phase, bodyOf, changedFields, enc, need, type ApplyContext, type Plan } from './types';

const PLAN_FIELDS = [
  'description',
  'rateLimitPerMinute',
  'quotaPerMonth',
  'allowedApis',
  'autoApprove',
  'subscriptionApproval',
  'isDefault',
] as const;
const CONSUMER_FIELDS = ['name', 'contact', 'metadata', 'plan'] as const;
const WEBHOOK_FIELDS = [
  'description',
  'eventTypes',
  'payloadFilter',
  'httpMethod',
  'headers',
  'isActive',
  'rateLimitPerSecond',
  'timeoutSeconds',
  'retryCount',
  'retrySchedule',
] as const;

const apiIds = (ctx: ApplyContext) => (names: unknown) =>
  names === null ? null : (names as string[]).map((n) => need(ctx.ids.apis, n, `api ${n}`));
const planId = (ctx: ApplyContext) => (name: unknown) =>
  name === null ? null : need(ctx.ids.plans, name as string, `plan ${String(name)}`);

/** Names a reference may use: in the file, or already on the server. */
export interface KnownNames {
  apis: Set<string>;
  plans: Set<string>;
  consumers: Set<string>;
}

export function planPlans(
  desired: PlanConfig[],
  live: LiveState,
  prune: boolean,
  plan: Plan,
  known: KnownNames,
) {
  const current = new Map(live.config.plans.map((p) => [p.name, p]));
  for (const p of desired) {
    const unknown = (p.allowedApis ?? []).filter((n) => !known.apis.has(n));
    if (unknown.length > 0) {
      plan.problems.push(`plan ${p.name}: allowedApis names unknown API(s): ${unknown.join(', ')}`);
      continue;
    }
    const existing = current.get(p.name);
    if (!existing) {
      if (live.ids.archivedPlans.has(p.name)) {
        plan.problems.push(
          `plan ${p.name}: an archived plan has this name (names stay taken); choose another name`,
        );
        continue;
      }
      plan.changes.push({
        op: '+',
        what: `plan ${p.name}`,
        fields: [],
        steps: [
          {
            phase: Phase.Plan,
            async run(ctx) {
              const created = await ctx.client.post<{ id: string }>('consumers', '/api/v1/plans', {
                ...p,
                allowedApis: apiIds(ctx)(p.allowedApis),
              });
              ctx.ids.plans.set(p.name, created.id);
            },
          },
        ],
      });
      continue;
    }
    const fields = changedFields(p, existing, PLAN_FIELDS);
    if (fields.length === 0) continue;
    plan.changes.push({
      op: '~',
      what: `plan ${p.name}`,
      fields,
      steps: [
        {
          phase: Phase.Plan,
          run: (ctx) =>
            ctx.client.patch(
              'consumers',
              `/api/v1/plans/${enc(need(ctx.ids.plans, p.name, `plan ${p.name}`))}`,
              bodyOf(fields, { allowedApis: apiIds(ctx) }),
            ),
        },
      ],
    });
  }
  if (!prune) return;
  const wanted = new Set(desired.map((p) => p.name));
  for (const p of live.config.plans) {
    if (wanted.has(p.name)) continue;
    plan.changes.push({
      op: '-',
      what: `plan ${p.name}`,
      note: '(archived: consumers on it keep its limits)',
      fields: [],
      steps: [
        {
          phase: Phase.DeletePlan,
          run: (ctx) =>
            ctx.client.delete(
              'consumers',
              `/api/v1/plans/${enc(need(ctx.ids.plans, p.name, `plan ${p.name}`))}`,
            ),
        },
      ],
    });
  }
}

export function planConsumers(
  desired: ConfigFile['consumers'],
  live: LiveState,
  prune: boolean,
  plan: Plan,
  known: KnownNames,
) {
  const current = new Map(live.config.consumers.map((c) => [c.email.toLowerCase(), c]));
  for (const c of desired) {
    if (c.plan !== null && !known.plans.has(c.plan)) {
      plan.problems.push(`consumer ${c.email}: no plan named '${c.plan}'`);
      continue;
    }
    const key = c.email.toLowerCase();
    const what = `consumer ${c.email}`;
    const id = (ctx: ApplyContext) => need(ctx.ids.consumers, key, what).id;
    const setStatus = (action: 'approve' | 'suspend') => ({
      phase: Phase.Consumer,
      run: (ctx: ApplyContext) =>
        ctx.client.post('consumers', `/api/v1/consumers/${enc(id(ctx))}/${action}`, {}),
    });
    const existing = current.get(key);
    const liveStatus = live.ids.consumers.get(key)?.status;
    if (!existing && liveStatus === 'rejected') {
      plan.problems.push(
        `${what}: this sign-up was rejected; approve it by hand if it should exist`,
      );
      continue;
    }
    if (!existing && liveStatus === 'pending') {
      // A pending sign-up the file now wants: approving it is the way to make it exist, on the
      // file's plan and with the file's fields, so the next diff finds nothing left to do.
      plan.changes.push({
        op: '~',
        what,
        fields: [{ field: 'status', from: 'pending', to: c.status }],
        steps: [
          {
            phase: Phase.Consumer,
            run: (ctx: ApplyContext) =>
              ctx.client.post(
                'consumers',
                `/api/v1/consumers/${enc(id(ctx))}/approve`,
                c.plan !== null ? { planId: planId(ctx)(c.plan) } : {},
              ),
          },
          {
            phase: Phase.Consumer,
            run: (ctx: ApplyContext) =>
              ctx.client.patch('consumers', `/api/v1/consumers/${enc(id(ctx))}`, {
                name: c.name,
                contact: c.contact,
                metadata: c.metadata,
              }),
          },
          ...(c.status === 'suspended' ? [setStatus('suspend')] : []),
        ],
      });
      continue;
    }
    if (!existing) {
      plan.changes.push({
        op: '+',
        what,
        note: c.status === 'suspended' ? '(suspended)' : undefined,
        fields: [],
        steps: [
          {
            phase: Phase.Consumer,
            async run(ctx) {
              const created = await ctx.client.post<{ id: string; status: string }>(
                'consumers',
                '/api/v1/consumers',
                {
                  name: c.name,
                  type: c.type,
                  email: c.email,
                  contact: c.contact,
                  metadata: c.metadata,
                  ...(c.plan !== null ? { planId: planId(ctx)(c.plan) } : {}),
                },
              );
              ctx.ids.consumers.set(key, {
                id: created.id,
                status: created.status as 'approved',
              });
            },
          },
          ...(c.status === 'suspended' ? [setStatus('suspend')] : []),
        ],
      });
      continue;
    }
    if (existing.type !== c.type) {
      plan.problems.push(`${what}: type cannot change (${existing.type} → ${c.type})`);
      continue;
    }
    const fields = changedFields(c, existing, CONSUMER_FIELDS);
    const statusChange = existing.status !== c.status;
    if (fields.length === 0 && !statusChange) continue;
    plan.changes.push({
      op: '~',
      what,
      fields: [
        ...fields,
        ...(statusChange ? [{ field: 'status', from: existing.status, to: c.status }] : []),
      ],
      steps: [
        ...(fields.length > 0
          ? [
              {
                phase: Phase.Consumer,
                run: (ctx: ApplyContext) => {
                  const body = bodyOf(fields, { plan: planId(ctx) });
                  if ('plan' in body) {
                    body['planId'] = body['plan'];
                    delete body['plan'];
                  }
                  return ctx.client.patch('consumers', `/api/v1/consumers/${enc(id(ctx))}`, body);
                },
              },
            ]
          : []),
        ...(statusChange ? [setStatus(c.status === 'suspended' ? 'suspend' : 'approve')] : []),
      ],
    });
  }
  if (prune) {
    const wanted = new Set(desired.map((c) => c.email.toLowerCase()));
    const left = live.config.consumers.filter((c) => !wanted.has(c.email.toLowerCase()));
    if (left.length > 0) {
      plan.warnings.push(
        `${left.length} consumer(s) not in the file kept (consumers are never deleted; set status: suspended to cut them off): ${left
          .map((c) => c.email)
          .join(', ')}`,
      );
    }
  }
}

export function planWebhooks(
  desired: WebhookConfig[],
  live: LiveState,
  prune: boolean,
  plan: Plan,
  known: KnownNames,
) {
  const current = new Map(live.config.webhooks.map((w) => [webhookKey(w), w]));
  for (const w of desired) {
    if (w.consumer !== null && !known.consumers.has(w.consumer.toLowerCase())) {
      plan.problems.push(`webhook ${webhookKey(w)}: no consumer with email '${w.consumer}'`);
      continue;
    }
    const key = webhookKey(w);
    const what = `webhook ${key}`;
    const existing = current.get(key);
    if (!existing) {
      plan.changes.push({
        op: '+',
        what,
        fields: [],
        steps: [
          {
            phase: Phase.Webhook,
            async run(ctx) {
              const { consumer, retryCount, secret, ...rest } = w;
              const created = await ctx.client.post<{ id: string }>(
                'webhooks',
                '/api/v1/webhooks/endpoints',
                {
                  ...rest,
                  ...(consumer
                    ? { consumerId: need(ctx.ids.consumers, consumer.toLowerCase(), what).id }
                    : {}),
                  ...(retryCount !== undefined ? { retryCount } : {}),
                  ...(secret ? { secret } : {}),
                },
              );
              ctx.ids.webhooks.set(key, created.id);
            },
          },
        ],
      });
      continue;
    }
    const fields = changedFields(w, existing, WEBHOOK_FIELDS);
    if (fields.length === 0) continue;
    plan.changes.push({
      op: '~',
      what,
      fields,
      steps: [
        {
          phase: Phase.Webhook,
          run: (ctx) =>
            ctx.client.put(
              'webhooks',
              `/api/v1/webhooks/endpoints/${enc(need(ctx.ids.webhooks, key, what))}`,
              bodyOf(fields),
            ),
        },
      ],
    });
  }
  if (!prune) return;
  const wanted = new Set(desired.map((w) => webhookKey(w)));
  for (const w of live.config.webhooks) {
    const key = webhookKey(w);
    if (wanted.has(key)) continue;
    plan.changes.push({
      op: '-',
      what: `webhook ${key}`,
      fields: [],
      steps: [
        {
          phase: Phase.DeleteWebhook,
          run: (ctx) =>
            ctx.client.delete(
              'webhooks',
              `/api/v1/webhooks/endpoints/${enc(need(ctx.ids.webhooks, key, `webhook ${key}`))}`,
            ),
        },
      ],
    });
  }
}
