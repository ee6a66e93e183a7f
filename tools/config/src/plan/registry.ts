import { show } from '../canonical';
import { routeKey, type ApiConfig, type RouteConfig, type VersionConfig } from '../schema';
import { routeIdKey, versionKey, type LiveState } from '../state';
import {
  Phase,
  bodyOf,
  changedFields,
  enc,
  need,
  type ApplyContext,
  type Change,
  type Plan,
  type Step,
} from './types';

const API_FIELDS = ['title', 'description', 'tags', 'owner'] as const;
const VERSION_FIELDS = ['basePath', 'upstream', 'policies'] as const;
const ROUTE_FIELDS = ['path', 'operationId', 'summary', 'policies'] as const;
const ORDER: VersionConfig['status'][] = ['draft', 'published', 'deprecated', 'retired'];

const apiPath = (api: string) => `/api/v1/apis/${enc(api)}`;
const versionPath = (api: string, v: string) => `${apiPath(api)}/versions/${enc(v)}`;

/** APIs, their versions (lifecycle included) and routes. */
export function planRegistry(desired: ApiConfig[], live: LiveState, prune: boolean, plan: Plan) {
  const liveApis = new Map(live.config.apis.map((a) => [a.name, a]));
  for (const api of desired) {
    const current = liveApis.get(api.name);
    if (!current) {
      plan.changes.push({
        op: '+',
        what: `api ${api.name}`,
        fields: [],
        steps: [
          {
            phase: Phase.Api,
            async run(ctx) {
              const created = await ctx.client.post<{ id: string }>('registry', '/api/v1/apis', {
                name: api.name,
                title: api.title,
                description: api.description,
                tags: api.tags,
                ...(api.owner !== null ? { owner: api.owner } : {}),
              });
              ctx.ids.apis.set(api.name, created.id);
            },
          },
        ],
      });
    } else {
      const fields = changedFields(api, current, API_FIELDS);
      if (fields.length > 0) {
        plan.changes.push({
          op: '~',
          what: `api ${api.name}`,
          fields,
          steps: [
            {
              phase: Phase.Api,
              run: (ctx) => ctx.client.patch('registry', apiPath(api.name), bodyOf(fields)),
            },
          ],
        });
      }
    }
    planVersions(api, current?.versions ?? [], prune, plan);
  }
  if (!prune) return;
  const wanted = new Set(desired.map((a) => a.name));
  for (const api of live.config.apis) {
    if (wanted.has(api.name)) continue;
    const liveVersions = api.versions.filter(
      (v) => v.status === 'published' || v.status === 'deprecated',
    );
    if (liveVersions.length > 0) {
      plan.warnings.push(
        `api ${api.name} is not in the file but kept: ${liveVersions
          .map((v) => `${v.version} is ${v.status}`)
          .join(', ')} (retire them first)`,
      );
      continue;
    }
    plan.changes.push({
      op: '-',
      what: `api ${api.name}`,
      note: api.versions.length > 0 ? `(with ${api.versions.length} version(s))` : undefined,
      fields: [],
      steps: [
        { phase: Phase.DeleteApi, run: (ctx) => ctx.client.delete('registry', apiPath(api.name)) },
      ],
    });
  }
}

function planVersions(api: ApiConfig, live: VersionConfig[], prune: boolean, plan: Plan) {
  const byVersion = new Map(live.map((v) => [v.version, v]));
  for (const v of api.versions) {
    const current = byVersion.get(v.version);
    const what = `version ${api.name} ${v.version}`;
    if (!current) {
      if (v.status === 'retired') {
        plan.problems.push(`${what}: cannot be created retired (create it, then retire it)`);
        continue;
      }
      const steps: Step[] = [
        {
          phase: Phase.Version,
          async run(ctx) {
            const created = await ctx.client.post<{ id: string }>(
              'registry',
              `${apiPath(api.name)}/versions`,
              {
                version: v.version,
                basePath: v.basePath,
                upstream: v.upstream,
                policies: v.policies,
                routes: v.routes.map((r) => routeBody(r)),
              },
            );
            ctx.ids.versions.set(versionKey(api.name, v.version), {
              id: created.id,
              status: 'draft',
            });
          },
        },
        ...lifecycleSteps(api.name, v, 'draft'),
      ];
      plan.changes.push({
        op: '+',
        what,
        note: `(${v.status}, ${v.routes.length} route${v.routes.length === 1 ? '' : 's'})`,
        fields: [],
        steps,
      });
      continue;
    }
    planVersionUpdate(api.name, v, current, prune, plan);
  }
  if (!prune) return;
  const wanted = new Set(api.versions.map((v) => v.version));
  for (const v of live) {
    if (wanted.has(v.version)) continue;
    if (v.status === 'published' || v.status === 'deprecated') {
      plan.warnings.push(
        `version ${api.name} ${v.version} is not in the file but kept: it is ${v.status}`,
      );
      continue;
    }
    plan.changes.push({
      op: '-',
      what: `version ${api.name} ${v.version}`,
      note: `(${v.status})`,
      fields: [],
      steps: [
        {
          phase: Phase.DeleteVersion,
          run: (ctx) => ctx.client.delete('registry', versionPath(api.name, v.version)),
        },
      ],
    });
  }
}

function planVersionUpdate(
  apiName: string,
  v: VersionConfig,
  current: VersionConfig,
  prune: boolean,
  plan: Plan,
) {
  const what = `version ${apiName} ${v.version}`;
  const from = ORDER.indexOf(current.status);
  const to = ORDER.indexOf(v.status);
  if (to < from) {
    plan.problems.push(
      `${what}: is ${current.status}; a version cannot go back to ${v.status} (draft → published → deprecated → retired)`,
    );
    return;
  }
  const fields = changedFields(v, current, VERSION_FIELDS);
  const routeChanges = planRoutes(apiName, v, current, prune);
  if (current.status === 'retired' && (fields.length > 0 || routeChanges.length > 0)) {
    plan.problems.push(`${what}: is retired and read-only, but the file changes it`);
    return;
  }
  if (current.status !== 'draft' && fields.some((f) => f.field === 'basePath')) {
    plan.problems.push(
      `${what}: basePath can change only while a draft (it is ${current.status}; clients depend on it)`,
    );
    return;
  }
  if (current.status === 'deprecated' || current.status === 'retired') {
    for (const field of ['sunsetAt', 'successorVersion'] as const) {
      if (v[field] !== current[field]) {
        plan.problems.push(
          `${what}: ${field} is fixed once deprecated (${show(current[field])} in the registry, ${show(v[field])} in the file)`,
        );
        return;
      }
    }
  }
  const lifecycle = lifecycleSteps(apiName, v, current.status);
  if (fields.length > 0 || lifecycle.length > 0) {
    const statusField =
      lifecycle.length > 0 ? [{ field: 'status', from: current.status, to: v.status }] : [];
    plan.changes.push({
      op: '~',
      what,
      fields: [...fields, ...statusField],
      steps: [
        ...(fields.length > 0
          ? [
              {
                phase: Phase.Version,
                run: (ctx: ApplyContext) =>
                  ctx.client.patch('registry', versionPath(apiName, v.version), bodyOf(fields)),
              },
            ]
          : []),
        ...lifecycle,
      ],
    });
  }
  plan.changes.push(...routeChanges);
}

/** The lifecycle endpoints that take a version from `from` to its desired status. */
function lifecycleSteps(apiName: string, v: VersionConfig, from: VersionConfig['status']): Step[] {
  const steps: Step[] = [];
  const path = versionPath(apiName, v.version);
  const start = ORDER.indexOf(from);
  const end = ORDER.indexOf(v.status);
  if (start < 1 && end >= 1) {
    steps.push({
      phase: Phase.Publish,
      run: (ctx) => ctx.client.post('registry', `${path}/publish`),
    });
  }
  if (start < 2 && end >= 2) {
    steps.push({
      phase: Phase.Deprecate,
      run: (ctx) =>
        ctx.client.post('registry', `${path}/deprecate`, {
          sunsetAt: v.sunsetAt,
          ...(v.successorVersion ? { successorVersion: v.successorVersion } : {}),
        }),
    });
  }
  if (start < 3 && end >= 3) {
    steps.push({
      phase: Phase.Retire,
      run: (ctx) => ctx.client.post('registry', `${path}/retire`),
    });
  }
  return steps;
}

function routeBody(r: RouteConfig): Record<string, unknown> {
  return {
    method: r.method,
    path: r.path,
    operationId: r.operationId,
    summary: r.summary,
    policies: r.policies,
  };
}

function planRoutes(
  apiName: string,
  v: VersionConfig,
  current: VersionConfig,
  prune: boolean,
): Change[] {
  const changes: Change[] = [];
  const base = `${versionPath(apiName, v.version)}/routes`;
  const live = new Map(current.routes.map((r) => [routeKey(r), r]));
  const routeId = (ctx: ApplyContext, r: RouteConfig) =>
    need(
      ctx.ids.routes,
      routeIdKey(apiName, v.version, routeKey(r)),
      `route ${r.method} ${r.path}`,
    );
  for (const r of v.routes) {
    const what = `route ${apiName} ${v.version} ${r.method} ${r.path}`;
    const existing = live.get(routeKey(r));
    if (!existing) {
      changes.push({
        op: '+',
        what,
        fields: [],
        steps: [
          { phase: Phase.Version, run: (ctx) => ctx.client.post('registry', base, routeBody(r)) },
        ],
      });
      continue;
    }
    const fields = changedFields(r, existing, ROUTE_FIELDS);
    if (fields.length === 0) continue;
    changes.push({
      op: '~',
      what,
      fields,
      steps: [
        {
          phase: Phase.Version,
          run: (ctx) =>
            ctx.client.patch('registry', `${base}/${enc(routeId(ctx, existing))}`, bodyOf(fields)),
        },
      ],
    });
  }
  if (prune) {
    const wanted = new Set(v.routes.map((r) => routeKey(r)));
    for (const r of current.routes) {
      if (wanted.has(routeKey(r))) continue;
      changes.push({
        op: '-',
        what: `route ${apiName} ${v.version} ${r.method} ${r.path}`,
        fields: [],
        steps: [
          {
            phase: Phase.DeleteRoute,
            run: (ctx) => ctx.client.delete('registry', `${base}/${enc(routeId(ctx, r))}`),
          },
        ],
      });
    }
  }
  return changes;
}
