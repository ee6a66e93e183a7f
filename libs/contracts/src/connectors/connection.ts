import { z } from 'zod';

const Identifier = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _, starting with a letter or _');

/** The credentials each authenticator type needs; stored encrypted, never returned. */
export const CREDENTIAL_FIELDS = {
  none: [],
  apiKey: ['apiKey'],
  bearer: ['token'],
  basic: ['username', 'password'],
  oauth2ClientCredentials: ['clientId', 'clientSecret'],
} as const satisfies Record<string, readonly string[]>;

export const LoadModeSchema = z.enum(['append', 'replace', 'upsert']);
export type LoadMode = z.infer<typeof LoadModeSchema>;

export const StreamDestinationSchema = z.object({
  /** Destination table in the connection's schema (default: the stream name). */
  table: Identifier.optional(),
  loadMode: LoadModeSchema.default('append'),
  enabled: z.boolean().default(true),
});

export const DestinationSchema = z.object({
  /** PostgreSQL schema the tables live in; created on first run, owned by this tenant. */
  schema: Identifier,
  /** Per stream of the definition; streams not listed load in append mode into a same-named table. */
  streams: z.record(Identifier, StreamDestinationSchema).default({}),
});

/** Five-field cron (minute hour day month weekday), evaluated in UTC. */
const Cron = z
  .string()
  .max(100)
  .regex(/^\S+(\s+\S+){4,5}$/, 'a cron expression such as "*/15 * * * *"');

const CredentialValues = z.record(z.string().max(100), z.string().min(1).max(8192));

export const CreateConnectionSchema = z.object({
  name: z.string().min(1).max(200),
  definitionId: z.string().min(1).max(40),
  /** Overrides the definition's base URL (another region, a sandbox, a stand-in). */
  baseUrl: z.string().url().optional(),
  credentials: CredentialValues.default({}),
  /** Where streams load; may be omitted for a connection used only by actions. */
  destination: DestinationSchema.optional(),
  schedule: Cron.nullable().default(null),
  enabled: z.boolean().default(true),
});
export type CreateConnection = z.infer<typeof CreateConnectionSchema>;

export const UpdateConnectionSchema = z.object({
  name: z.string().min(1).max(200).optional(),
  baseUrl: z.string().url().nullable().optional(),
  credentials: CredentialValues.optional(),
  destination: DestinationSchema.optional(),
  schedule: Cron.nullable().optional(),
  enabled: z.boolean().optional(),
});
export type UpdateConnection = z.infer<typeof UpdateConnectionSchema>;

export interface ConnectionView {
  id: string;
  name: string;
  definitionId: string;
  baseUrl: string | null;
  destination: z.infer<typeof DestinationSchema> | null;
  schedule: string | null;
  nextRunAt: string | null;
  enabled: boolean;
  /** Which credential fields are set; their values never leave the service. */
  credentials: { configured: boolean; fields: string[] };
  createdAt: string;
  updatedAt: string;
}

export const CreateDefinitionSchema = z.object({
  /** The definition as a JSON object, or as YAML text. */
  manifest: z.union([z.record(z.string(), z.unknown()), z.string().min(1).max(500_000)]),
});
export type CreateDefinition = z.infer<typeof CreateDefinitionSchema>;

export interface DefinitionView {
  id: string;
  name: string;
  revision: number;
  manifest: unknown;
  createdAt: string;
  updatedAt: string;
}

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunTrigger = 'manual' | 'schedule' | 'resume';

export interface StreamRunStats {
  status: 'pending' | 'running' | 'done' | 'failed';
  recordsRead: number;
  recordsWritten: number;
  pages: number;
  retries: number;
}

export interface RunView {
  id: string;
  connectionId: string;
  trigger: RunTrigger;
  status: RunStatus;
  recordsRead: number;
  recordsWritten: number;
  pages: number;
  retries: number;
  streams: Record<string, StreamRunStats>;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

export const CONNECTOR_ERROR_KINDS = [
  'http_4xx',
  'http_5xx',
  'rate_limited',
  'auth',
  'timeout',
  'network',
  'egress',
  'response',
  'transform',
  'destination',
  'internal',
] as const;
export type ConnectorErrorKind = (typeof CONNECTOR_ERROR_KINDS)[number];

export interface ConnectorErrorView {
  id: string;
  time: string;
  runId: string | null;
  actionId: string | null;
  stream: string | null;
  page: string | null;
  httpStatus: number | null;
  kind: ConnectorErrorKind;
  message: string;
}

export interface ConnectionHealthView {
  status: 'healthy' | 'degraded' | 'failing';
  totalErrors: number;
  byKind: Partial<Record<ConnectorErrorKind, number>>;
  lastError: ConnectorErrorView | null;
  errorsLast24h: number;
  consecutiveFailedRuns: number;
  lastRun: { id: string; status: RunStatus; finishedAt: string | null } | null;
}

export interface ConnectionCheckView {
  ok: boolean;
  streams: Array<{
    name: string;
    ok: boolean;
    httpStatus: number | null;
    error: string | null;
    destination: 'missing' | 'compatible' | 'incompatible';
    problems: string[];
  }>;
}
