import { z } from 'zod';

const Identifier = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _, starting with a letter or _');
/** `{{ expression }}` segments are JSONata over `{ event, steps }`, URL-encoded in paths. */
const Template = z.string().max(2000);

export const ActionFallbackSchema = z.discriminatedUnion('type', [
  /** Use this value as the step's result. */
  z.object({ type: z.literal('default'), value: z.unknown() }),
  /** Send the same request to another base URL (a mirror or a second provider). */
  z.object({ type: z.literal('secondary'), baseUrl: z.string().url() }),
  /** Stop the action here without counting it as a failure. */
  z.object({ type: z.literal('ignore') }),
]);
export type ActionFallback = z.infer<typeof ActionFallbackSchema>;

export const ActionStepSchema = z.object({
  name: Identifier,
  /** The connection whose base URL, authenticator, rate limit and retry policy the call uses. */
  connectionId: z.string().min(1).max(40),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  path: Template.regex(/^\//, 'a path starting with /'),
  query: z.record(z.string().max(100), Template).default({}),
  headers: z.record(z.string().max(100), Template).default({}),
  /** A JSONata expression over `{ event, steps }` whose value is sent as the JSON body. */
  body: z.string().max(10_000).optional(),
  /** Cache the answer for idempotent lookups (same request within the TTL: no call). */
  cache: z
    .object({
      ttlSeconds: z
        .number()
        .int()
        .min(1)
        .max(86_400 * 7),
    })
    .optional(),
  fallback: ActionFallbackSchema.optional(),
});
export type ActionStep = z.infer<typeof ActionStepSchema>;

export const CreateActionSchema = z.object({
  name: z.string().min(1).max(200),
  /** An event type (`consumer.created`) or a prefix pattern (`registry.>`). */
  eventType: z
    .string()
    .max(200)
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*(\.>)?$|^>$/, 'an event type or a prefix ending in .>'),
  /** A JSONata expression over the CloudEvent; the action runs when it is truthy. */
  filter: z.string().max(2000).optional(),
  steps: z.array(ActionStepSchema).min(1).max(5),
  enabled: z.boolean().default(true),
});
export type CreateAction = z.infer<typeof CreateActionSchema>;

export const UpdateActionSchema = CreateActionSchema.partial();
export type UpdateAction = z.infer<typeof UpdateActionSchema>;

export interface ActionView extends CreateAction {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export type ActionInvocationStatus = 'succeeded' | 'fallback' | 'skipped' | 'failed';
export type ActionAttemptOutcome =
  'success' | 'cache_hit' | 'error' | 'fallback_default' | 'fallback_secondary' | 'gave_up';

export interface ActionAttemptView {
  id: string;
  step: string;
  attempt: number;
  endpoint: 'primary' | 'secondary' | 'cache' | 'fallback';
  method: string;
  url: string;
  statusCode: number | null;
  durationMs: number;
  outcome: ActionAttemptOutcome;
  error: string | null;
  createdAt: string;
}

export interface ActionInvocationView {
  id: string;
  eventId: string;
  eventType: string;
  status: ActionInvocationStatus;
  result: unknown;
  startedAt: string;
  finishedAt: string;
  attempts: ActionAttemptView[];
}
