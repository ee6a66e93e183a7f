import { Inject, Injectable } from '@nestjs/common';
import {
  CREDENTIAL_FIELDS,
  IdPrefix,
  newId,
  PorticoError,
  type ConnectionCheckView,
  type ConnectionView,
  type ConnectorDefinition,
  type CreateConnection,
  type UpdateConnection,
} from '@portico/contracts';
import { EgressGuard } from '@portico/egress';
import { InjectDatabase } from '@portico/platform';
import type { Pool } from 'pg';
import { ConnectionRuntimes, credentialsAad } from '../core/connection-runtimes';
import { LOAD_POOL, SERVICE_SCHEMA } from '../core/tokens';
import { SecretBox } from '@portico/platform';
import { checkTable } from '../destination/destination';
import { parseManifest, urls } from '../definitions/manifest';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { ConnectorHttpError } from '../http/errors';
import { assertSchemaName, streamTargets, type Destination } from './destination-policy';
import { nextRunAt } from './schedule';

const WITH_DEFINITION = {
  definition: { select: { id: true, revision: true, manifest: true } },
} as const;
export type ConnectionRow = Prisma.ConnectionGetPayload<{ include: typeof WITH_DEFINITION }>;

@Injectable()
export class ConnectionsService {
  constructor(
    @InjectDatabase() private readonly db: PrismaClient,
    @Inject(LOAD_POOL) private readonly pool: Pool,
    @Inject(SERVICE_SCHEMA) private readonly serviceSchema: string,
    private readonly guard: EgressGuard,
    private readonly box: SecretBox,
    private readonly runtimes: ConnectionRuntimes,
  ) {}

  async create(tenantId: string, body: CreateConnection): Promise<ConnectionView> {
    const defRow = await this.db.connectorDefinition.findFirst({
      where: { tenantId, id: body.definitionId },
    });
    if (!defRow) {
      throw PorticoError.validation(`Connector definition '${body.definitionId}' was not found.`, [
        { field: 'definitionId', message: 'not found' },
      ]);
    }
    const def = parseManifest(defRow.manifest);
    assertCredentials(def, body.credentials);
    const destination = body.destination ?? null;
    await this.validateTargets(tenantId, def, body.baseUrl ?? null, destination);
    const id = newId(IdPrefix.connection);
    const row = await this.db.$transaction(async (tx) => {
      if (destination) await this.claimSchema(tx, tenantId, destination.schema);
      return tx.connection.create({
        data: {
          id,
          tenantId,
          name: body.name,
          definitionId: defRow.id,
          baseUrl: body.baseUrl ?? null,
          credentials: this.seal(tenantId, id, body.credentials),
          credentialFields: Object.keys(body.credentials).sort(),
          destinationSchema: destination?.schema ?? null,
          streams: (destination?.streams ?? {}) as Prisma.InputJsonValue,
          schedule: body.schedule,
          nextRunAt: body.schedule ? nextRunAt(body.schedule) : null,
          enabled: body.enabled,
        },
      });
    });
    return toView(row);
  }

  async list(tenantId: string, page: { skip: number; take: number }) {
    const where = { tenantId };
    const [rows, total] = await Promise.all([
      this.db.connection.findMany({ where, orderBy: { id: 'asc' }, ...page }),
      this.db.connection.count({ where }),
    ]);
    return { items: rows.map(toView), total };
  }

  async get(tenantId: string, id: string): Promise<ConnectionView> {
    return toView(await this.row(tenantId, id));
  }

  /** The connection with its definition; 404 when it is not this tenant's. */
  async row(tenantId: string, id: string): Promise<ConnectionRow> {
    const row = await this.db.connection.findFirst({
      where: { tenantId, id },
      include: WITH_DEFINITION,
    });
    if (!row) throw PorticoError.notFound('Connector', id);
    return row;
  }

  async update(tenantId: string, id: string, body: UpdateConnection): Promise<ConnectionView> {
    const current = await this.row(tenantId, id);
    const def = parseManifest(current.definition.manifest);
    const baseUrl = body.baseUrl === undefined ? current.baseUrl : body.baseUrl;
    const destination = body.destination ?? destinationOf(current);
    if (body.credentials) assertCredentials(def, body.credentials);
    await this.validateTargets(tenantId, def, baseUrl, destination);
    const schedule = body.schedule === undefined ? current.schedule : body.schedule;
    const row = await this.db.$transaction(async (tx) => {
      if (destination && destination.schema !== current.destinationSchema) {
        await this.claimSchema(tx, tenantId, destination.schema);
      }
      return tx.connection.update({
        where: { id },
        data: {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
          baseUrl,
          destinationSchema: destination?.schema ?? null,
          streams: (destination?.streams ?? {}) as Prisma.InputJsonValue,
          schedule,
          nextRunAt: schedule ? nextRunAt(schedule) : null,
          ...(body.credentials
            ? {
                credentials: this.seal(tenantId, id, body.credentials),
                credentialFields: Object.keys(body.credentials).sort(),
              }
            : {}),
        },
      });
    });
    this.runtimes.forget(id);
    return toView(row);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    const row = await this.row(tenantId, id);
    if (row.activeRunId) throw PorticoError.conflict('A run of this connector is in progress.');
    const users = await this.db.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT id FROM actions WHERE tenant_id = $1 AND steps @> CAST($2 AS jsonb)`,
      tenantId,
      JSON.stringify([{ connectionId: id }]),
    );
    if (users.length > 0) {
      throw PorticoError.conflict(
        `Actions use this connector: ${users.map((u) => u.id).join(', ')}.`,
      );
    }
    await this.db.connection.delete({ where: { id } });
    this.runtimes.forget(id);
  }

  /** Calls the first page of each enabled stream and inspects its table; loads nothing. */
  async check(tenantId: string, id: string): Promise<ConnectionCheckView> {
    const row = await this.row(tenantId, id);
    const runtime = this.runtimes.get(row);
    const destination = destinationOf(row);
    const targets = destination ? streamTargets(runtime.definition, destination) : [];
    const streams: ConnectionCheckView['streams'] = [];
    for (const target of targets.filter((t) => t.enabled)) {
      const stream = runtime.definition.streams.find((s) => s.name === target.stream)!;
      const entry: ConnectionCheckView['streams'][number] = {
        name: stream.name,
        ok: true,
        httpStatus: null,
        error: null,
        destination: 'missing',
        problems: [],
      };
      try {
        const res = await runtime.client.call({
          method: stream.method,
          path: stream.path,
          query: Object.fromEntries(Object.entries(stream.query).map(([k, v]) => [k, String(v)])),
        });
        entry.httpStatus = res.status;
      } catch (err) {
        entry.ok = false;
        entry.httpStatus = err instanceof ConnectorHttpError ? (err.status ?? null) : null;
        entry.error = runtime.redactor.text(err instanceof Error ? err.message : String(err));
      }
      const problems = await checkTable(this.pool, {
        schema: destination!.schema,
        table: target.table,
        fields: stream.fields,
        primaryKey: stream.primaryKey,
        mode: target.loadMode,
      });
      entry.destination =
        problems === null ? 'missing' : problems.length ? 'incompatible' : 'compatible';
      entry.problems = problems ?? [];
      if (problems?.length) entry.ok = false;
      streams.push(entry);
    }
    return { ok: streams.every((s) => s.ok), streams };
  }

  private seal(tenantId: string, id: string, credentials: Record<string, string>): string | null {
    if (Object.keys(credentials).length === 0) return null;
    return this.box.seal(JSON.stringify(credentials), credentialsAad(tenantId, id));
  }

  private async validateTargets(
    tenantId: string,
    def: ConnectorDefinition,
    baseUrl: string | null,
    destination: Destination | null,
  ): Promise<void> {
    const calls = urls(def).filter(([f]) => f !== 'baseUrl' || !baseUrl);
    if (baseUrl) calls.push(['baseUrl', baseUrl]);
    for (const [, url] of calls) await this.guard.assertAllowed(url);
    if (!destination) {
      if (def.streams.length === 0) return;
      throw PorticoError.validation('The definition has streams: a destination is required.', [
        { field: 'destination', message: 'required' },
      ]);
    }
    assertSchemaName(destination.schema, this.serviceSchema);
    const targets = streamTargets(def, destination);
    await this.assertSchemaAvailable(tenantId, destination.schema);
    for (const t of targets.filter((x) => x.enabled)) {
      const stream = def.streams.find((s) => s.name === t.stream)!;
      const problems = await checkTable(this.pool, {
        schema: destination.schema,
        table: t.table,
        fields: stream.fields,
        primaryKey: stream.primaryKey,
        mode: t.loadMode,
      });
      if (problems?.length) {
        throw PorticoError.validation(
          `Table ${destination.schema}.${t.table} exists and does not fit stream '${t.stream}'.`,
          problems.map((message) => ({ field: `destination.streams.${t.stream}`, message })),
        );
      }
    }
  }

  /** A schema belongs to the tenant that first loaded into it; schemas made by others are off limits. */
  private async assertSchemaAvailable(tenantId: string, schema: string): Promise<void> {
    const claim = await this.db.destinationSchemaClaim.findUnique({
      where: { schemaName: schema },
    });
    if (claim && claim.tenantId === tenantId) return;
    const exists = await this.pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (claim || exists.rowCount) {
      throw PorticoError.validation(`Schema '${schema}' is not available; choose another one.`, [
        { field: 'destination.schema', message: 'in use', code: 'schema_unavailable' },
      ]);
    }
  }

  private async claimSchema(
    tx: Prisma.TransactionClient,
    tenantId: string,
    schema: string,
  ): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO destination_schemas (schema_name, tenant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      schema,
      tenantId,
    );
    const claim = await tx.destinationSchemaClaim.findUnique({ where: { schemaName: schema } });
    if (claim?.tenantId !== tenantId) {
      throw PorticoError.validation(`Schema '${schema}' is not available; choose another one.`, [
        { field: 'destination.schema', message: 'in use', code: 'schema_unavailable' },
      ]);
    }
  }
}

function assertCredentials(def: ConnectorDefinition, given: Record<string, string>): void {
  const need: readonly string[] = CREDENTIAL_FIELDS[def.auth.type];
  const missing = need.filter((f) => !given[f]);
  const unknown = Object.keys(given).filter((f) => !need.includes(f));
  if (missing.length || unknown.length) {
    throw PorticoError.validation(
      `Authenticator '${def.auth.type}' needs credentials: ${need.join(', ') || 'none'}.`,
      [
        ...missing.map((f) => ({ field: `credentials.${f}`, message: 'required' })),
        ...unknown.map((f) => ({
          field: `credentials.${f}`,
          message: 'not used by this authenticator',
        })),
      ],
    );
  }
}

export function destinationOf(row: {
  destinationSchema: string | null;
  streams: unknown;
}): Destination | null {
  if (!row.destinationSchema) return null;
  return { schema: row.destinationSchema, streams: (row.streams ?? {}) as Destination['streams'] };
}

function toView(r: {
  id: string;
  name: string;
  definitionId: string;
  baseUrl: string | null;
  destinationSchema: string | null;
  streams: unknown;
  schedule: string | null;
  nextRunAt: Date | null;
  enabled: boolean;
  credentialFields: string[];
  createdAt: Date;
  updatedAt: Date;
}): ConnectionView {
  return {
    id: r.id,
    name: r.name,
    definitionId: r.definitionId,
    baseUrl: r.baseUrl,
    destination: destinationOf(r),
    schedule: r.schedule,
    nextRunAt: r.nextRunAt?.toISOString() ?? null,
    enabled: r.enabled,
    credentials: { configured: r.credentialFields.length > 0, fields: r.credentialFields },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
