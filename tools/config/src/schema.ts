import {
  ApiNameSchema,
  BasePathSchema,
  ConsumerContactSchema,
  ConsumerMetadataSchema,
  ConsumerTypeSchema,
  CreateApiSchema,
  CreatePlanSchema,
  CreateRouteSchema,
  PolicySetSchema,
  UpstreamSchema,
  VersionNameSchema,
  WebhookEventFilterSchema,
  WebhookHeadersSchema,
  WebhookHttpMethodSchema,
  WebhookPayloadFilterSchema,
  WebhookSecretSchema,
  routePathKey,
} from '@portico/contracts';
import { z } from 'zod';

/**
 * The declarative file. Entities are identified by natural keys, never by server ids: an API by
 * name, a version by its version string, a route by method and path, a plan by name, a consumer by
 * email, a webhook endpoint by URL and consumer. References use the same keys (a plan's
 * `allowedApis` names APIs, a consumer names its plan, an endpoint names its consumer's email).
 *
 * Defaults are the servers' defaults, so a short file and the full export of the same state
 * compare equal.
 */
export const CONFIG_FORMAT = 'portico/v1';

const RouteConfigSchema = z
  .object({
    method: CreateRouteSchema.shape.method,
    path: CreateRouteSchema.shape.path,
    operationId: z.string().min(1).max(200).nullable().default(null),
    summary: z.string().max(1000).nullable().default(null),
    policies: PolicySetSchema.default({}),
  })
  .strict();

const VersionConfigSchema = z
  .object({
    version: VersionNameSchema,
    status: z.enum(['draft', 'published', 'deprecated', 'retired']).default('draft'),
    basePath: BasePathSchema,
    upstream: UpstreamSchema,
    policies: PolicySetSchema.default({}),
    /** Required once deprecated (RFC 8594 Sunset); must be in the future when deprecating. */
    sunsetAt: z.iso
      .datetime({ offset: true })
      .transform((s) => new Date(s).toISOString())
      .nullable()
      .default(null),
    successorVersion: VersionNameSchema.nullable().default(null),
    routes: z.array(RouteConfigSchema).max(500).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.status === 'deprecated' || v.status === 'retired') && !v.sunsetAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['sunsetAt'],
        message: `required when status is ${v.status}`,
      });
    }
    if (v.status !== 'draft' && v.routes.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['routes'],
        message: `a ${v.status} version needs at least one route`,
      });
    }
    duplicates(
      v.routes.map((r) => routeKey(r)),
      ctx,
      'routes',
      'path',
      'matches the same requests as',
    );
  });

const ApiConfigSchema = z
  .object({
    name: ApiNameSchema,
    // The registry's own rules, so a bad value fails here and not halfway through an apply.
    title: CreateApiSchema.shape.title,
    description: CreateApiSchema.shape.description,
    // Sorted, so a file and the live state compare alike.
    tags: CreateApiSchema.shape.tags.transform((tags) => [...tags].sort()),
    owner: z.string().trim().min(1).max(200).nullable().default(null),
    versions: z.array(VersionConfigSchema).default([]),
  })
  .strict()
  .superRefine((api, ctx) => {
    duplicates(
      api.versions.map((v) => v.version),
      ctx,
      'versions',
      'version',
      'repeats',
    );
  });

const PlanFields = CreatePlanSchema.shape;
const PlanConfigSchema = z
  .object({
    name: PlanFields.name,
    description: PlanFields.description,
    rateLimitPerMinute: PlanFields.rateLimitPerMinute,
    quotaPerMonth: PlanFields.quotaPerMonth,
    /** API names; null = every API of the tenant. */
    allowedApis: z.array(ApiNameSchema).min(1).max(500).nullable().default(null),
    autoApprove: PlanFields.autoApprove,
    subscriptionApproval: PlanFields.subscriptionApproval,
    isDefault: PlanFields.isDefault,
  })
  .strict();

const ConsumerConfigSchema = z
  .object({
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200),
    type: ConsumerTypeSchema.default('developer'),
    contact: ConsumerContactSchema.default({}),
    metadata: ConsumerMetadataSchema.default({}),
    /** Plan name; null = no plan. */
    plan: z.string().min(1).max(100).nullable().default(null),
    /** Sign-ups still pending or rejected are a workflow, not configuration: not managed here. */
    status: z.enum(['approved', 'suspended']).default('approved'),
  })
  .strict();

const WebhookConfigSchema = z
  .object({
    url: z.url().max(2048),
    description: z.string().max(500).default(''),
    /** The consumer's email: only that consumer's messages. */
    consumer: z.email().nullable().default(null),
    eventTypes: z.array(WebhookEventFilterSchema).max(100).default([]),
    payloadFilter: WebhookPayloadFilterSchema.nullable().default(null),
    httpMethod: WebhookHttpMethodSchema.default('POST'),
    headers: WebhookHeadersSchema.default({}),
    isActive: z.boolean().default(true),
    rateLimitPerSecond: z.number().int().min(1).max(10_000).nullable().default(null),
    timeoutSeconds: z.number().int().min(1).max(60).default(15),
    /** Absent: the dispatcher's default (compared only when given). */
    retryCount: z.number().int().min(0).max(30).optional(),
    retrySchedule: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(7 * 86_400),
      )
      .min(1)
      .max(30)
      .nullable()
      .default(null),
    /** Used only when the endpoint is created; never exported (read it with GET …/secret). */
    secret: WebhookSecretSchema.optional(),
  })
  .strict();

export const ConfigFileSchema = z
  .object({
    format: z.literal(CONFIG_FORMAT).default(CONFIG_FORMAT),
    apis: z.array(ApiConfigSchema).default([]),
    plans: z.array(PlanConfigSchema).default([]),
    consumers: z.array(ConsumerConfigSchema).default([]),
    webhooks: z.array(WebhookConfigSchema).default([]),
  })
  .strict()
  .superRefine((doc, ctx) => {
    duplicates(
      doc.apis.map((a) => a.name),
      ctx,
      'apis',
      'name',
      'repeats',
    );
    duplicates(
      doc.plans.map((p) => p.name),
      ctx,
      'plans',
      'name',
      'repeats',
    );
    duplicates(
      doc.consumers.map((c) => c.email.toLowerCase()),
      ctx,
      'consumers',
      'email',
      'repeats',
    );
    duplicates(
      doc.webhooks.map((w) => webhookKey(w)),
      ctx,
      'webhooks',
      'url',
      'repeats (same url and consumer as)',
    );
    doc.apis.forEach((api, i) =>
      api.versions.forEach((v, j) => {
        if (v.successorVersion && !api.versions.some((o) => o.version === v.successorVersion)) {
          ctx.addIssue({
            code: 'custom',
            path: ['apis', i, 'versions', j, 'successorVersion'],
            message: `no version '${v.successorVersion}' of '${api.name}' in this file`,
          });
        }
      }),
    );
  });

export type ConfigFile = z.infer<typeof ConfigFileSchema>;

/**
 * References between sections, checked within the file when it has the referenced section (a
 * file with only `consumers:` may name plans that exist on the server; the plan checks those).
 */
export function referenceIssues(
  doc: ConfigFile,
  has: (section: 'apis' | 'plans' | 'consumers') => boolean,
): Array<{ path: Array<string | number>; message: string }> {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  const apiNames = new Set(doc.apis.map((a) => a.name));
  const planNames = new Set(doc.plans.map((p) => p.name));
  const emails = new Set(doc.consumers.map((c) => c.email.toLowerCase()));
  if (has('apis')) {
    doc.plans.forEach((p, i) =>
      p.allowedApis?.forEach((name, j) => {
        if (!apiNames.has(name)) {
          issues.push({
            path: ['plans', i, 'allowedApis', j],
            message: `no API named '${name}' in this file`,
          });
        }
      }),
    );
  }
  if (has('plans')) {
    doc.consumers.forEach((c, i) => {
      if (c.plan !== null && !planNames.has(c.plan)) {
        issues.push({
          path: ['consumers', i, 'plan'],
          message: `no plan named '${c.plan}' in this file`,
        });
      }
    });
  }
  if (has('consumers')) {
    doc.webhooks.forEach((w, i) => {
      if (w.consumer !== null && !emails.has(w.consumer.toLowerCase())) {
        issues.push({
          path: ['webhooks', i, 'consumer'],
          message: `no consumer with email '${w.consumer}' in this file`,
        });
      }
    });
  }
  return issues;
}
export type ApiConfig = ConfigFile['apis'][number];
export type VersionConfig = ApiConfig['versions'][number];
export type RouteConfig = VersionConfig['routes'][number];
export type PlanConfig = ConfigFile['plans'][number];
export type ConsumerConfig = ConfigFile['consumers'][number];
export type WebhookConfig = ConfigFile['webhooks'][number];

/** Routes whose paths differ only in parameter names match the same requests: one route. */
export function routeKey(r: Pick<RouteConfig, 'method' | 'path'>): string {
  return `${r.method} ${routePathKey(r.path)}`;
}

export function webhookKey(w: Pick<WebhookConfig, 'url' | 'consumer'>): string {
  return w.consumer ? `${w.url} (${w.consumer.toLowerCase()})` : w.url;
}

function duplicates(
  keys: string[],
  ctx: z.RefinementCtx,
  list: string,
  field: string,
  verb: string,
): void {
  const seen = new Map<string, number>();
  keys.forEach((key, i) => {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else {
      ctx.addIssue({
        code: 'custom',
        path: [list, i, field],
        message: `${verb} ${list}.${first} ('${key}')`,
      });
    }
  });
}

/** One `file:path: message` line per problem, as editors and CI logs link them. */
export function formatIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${file}:${path}: ${issue.message}`;
  });
}
