import type {
  ConsumerView,
  PlanView,
  RegistryApi,
  RegistryApiVersion,
  WebhookEndpoint,
} from '@portico/contracts';
import type { ManagementClient } from './client';
import { canonical } from './canonical';
import {
  CONFIG_FORMAT,
  routeKey,
  webhookKey,
  type ApiConfig,
  type ConfigFile,
  type ConsumerConfig,
  type PlanConfig,
  type VersionConfig,
  type WebhookConfig,
} from './schema';

/** Server ids of what exists, by natural key: what the plan needs to address and reference it. */
export interface LiveIds {
  apis: Map<string, string>;
  versions: Map<string, { id: string; status: VersionConfig['status'] }>;
  routes: Map<string, string>;
  plans: Map<string, string>;
  archivedPlans: Set<string>;
  consumers: Map<string, { id: string; status: ConsumerView['status'] }>;
  webhooks: Map<string, string>;
}

export interface LiveState {
  /** The live configuration in file form (what `export` writes). */
  config: ConfigFile;
  ids: LiveIds;
  /** Things that exist but are not configuration (pending sign-ups, ...), said once on stderr. */
  notes: string[];
}

export const versionKey = (api: string, version: string) => `${api} ${version}`;
export const routeIdKey = (api: string, version: string, key: string) => `${api} ${version} ${key}`;

const byString =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** Reads everything the file describes, through the list and get endpoints. */
export async function readLiveState(client: ManagementClient): Promise<LiveState> {
  const notes: string[] = [];
  const ids: LiveIds = {
    apis: new Map(),
    versions: new Map(),
    routes: new Map(),
    plans: new Map(),
    archivedPlans: new Set(),
    consumers: new Map(),
    webhooks: new Map(),
  };

  const [apiList, planList, consumerList, endpointList] = await Promise.all([
    client.list<RegistryApi>('registry', '/api/v1/apis'),
    client.list<PlanView>('consumers', '/api/v1/plans?includeArchived=true'),
    client.list<ConsumerView>('consumers', '/api/v1/consumers'),
    client.list<WebhookEndpoint>('webhooks', '/api/v1/webhooks/endpoints'),
  ]);

  const apiNameById = new Map(apiList.map((a) => [a.id, a.name]));
  const apis: ApiConfig[] = [];
  for (const api of [...apiList].sort(byString((a) => a.name))) {
    ids.apis.set(api.name, api.id);
    const versions: VersionConfig[] = [];
    // Oldest first, as the registry lists them: the order they are created in on apply.
    for (const ref of api.versions) {
      const v = await client.get<RegistryApiVersion>(
        'registry',
        `/api/v1/apis/${encodeURIComponent(api.name)}/versions/${encodeURIComponent(ref.version)}`,
      );
      ids.versions.set(versionKey(api.name, v.version), { id: v.id, status: v.status });
      const routes = [...(v.routes ?? [])]
        .map((r) => {
          const key = routeKey({ method: r.method as 'GET', path: r.path });
          ids.routes.set(routeIdKey(api.name, v.version, key), r.id);
          return {
            method: r.method as VersionConfig['routes'][number]['method'],
            path: r.path,
            operationId: r.operationId,
            summary: r.summary,
            policies: canonical(r.policies),
          };
        })
        .sort(byString((r) => `${r.path} ${r.method}`));
      versions.push({
        version: v.version,
        status: v.status,
        basePath: v.basePath,
        upstream: canonical(v.upstream),
        policies: canonical(v.policies),
        sunsetAt: v.sunsetAt ? new Date(v.sunsetAt).toISOString() : null,
        successorVersion: v.successorVersion,
        routes,
      });
    }
    apis.push({
      name: api.name,
      title: api.title,
      description: api.description,
      tags: [...api.tags].sort(),
      owner: api.owner,
      versions,
    });
  }

  const planNameById = new Map(planList.map((p) => [p.id, p.name]));
  const plans: PlanConfig[] = [];
  for (const p of [...planList].sort(byString((p) => p.name))) {
    if (p.status === 'archived') {
      ids.archivedPlans.add(p.name);
      continue;
    }
    ids.plans.set(p.name, p.id);
    plans.push({
      name: p.name,
      description: p.description,
      rateLimitPerMinute: p.rateLimitPerMinute,
      quotaPerMonth: p.quotaPerMonth,
      allowedApis:
        p.allowedApis === null
          ? null
          : p.allowedApis
              .map((id) => {
                const name = apiNameById.get(id);
                if (!name) notes.push(`plan '${p.name}' allows ${id}, which no longer exists`);
                return name ?? id;
              })
              .sort(),
      autoApprove: p.autoApprove,
      subscriptionApproval: p.subscriptionApproval,
      isDefault: p.isDefault,
    });
  }

  const emailById = new Map<string, string>();
  const consumers: ConsumerConfig[] = [];
  let workflow = 0;
  for (const c of [...consumerList].sort(byString((c) => c.email.toLowerCase()))) {
    ids.consumers.set(c.email.toLowerCase(), { id: c.id, status: c.status });
    if (c.status !== 'approved' && c.status !== 'suspended') {
      workflow++;
      continue;
    }
    emailById.set(c.id, c.email);
    consumers.push({
      email: c.email,
      name: c.name,
      type: c.type,
      contact: canonical(c.contact),
      metadata: canonical(c.metadata),
      plan: c.planId ? (planNameById.get(c.planId) ?? c.planId) : null,
      status: c.status,
    });
  }
  if (workflow > 0) {
    notes.push(
      `${workflow} pending or rejected sign-up(s) left out (a workflow, not configuration)`,
    );
  }

  const webhooks: WebhookConfig[] = [];
  for (const e of endpointList) {
    const consumer = e.consumerId ? emailById.get(e.consumerId) : null;
    if (consumer === undefined) {
      notes.push(`webhook endpoint ${e.id} left out: its consumer is not approved or suspended`);
      continue;
    }
    const w: WebhookConfig = {
      url: e.url,
      description: e.description,
      consumer,
      eventTypes: [...e.eventTypes].sort(),
      payloadFilter: e.payloadFilter ? canonical(e.payloadFilter) : null,
      httpMethod: e.httpMethod,
      headers: canonical(e.headers),
      isActive: e.isActive,
      rateLimitPerSecond: e.rateLimitPerSecond,
      timeoutSeconds: e.timeoutSeconds,
      retryCount: e.retryCount,
      retrySchedule: e.retrySchedule && e.retrySchedule.length > 0 ? e.retrySchedule : null,
    };
    ids.webhooks.set(webhookKey(w), e.id);
    webhooks.push(w);
  }
  webhooks.sort(byString(webhookKey));

  return {
    config: { format: CONFIG_FORMAT, apis, plans, consumers, webhooks },
    ids,
    notes,
  };
}
