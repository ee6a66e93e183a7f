import { PorticoError, type ConnectorDefinition, type LoadMode } from '@portico/contracts';
import type { z } from 'zod';
import type { DestinationSchema } from '@portico/contracts';

/** Schemas no tenant may load into: PostgreSQL's own and every Portico service's. */
const RESERVED = new Set([
  'public',
  'information_schema',
  'registry',
  'consumers',
  'analytics',
  'webhooks',
  'connectors',
]);

export interface StreamTarget {
  stream: string;
  table: string;
  loadMode: LoadMode;
  enabled: boolean;
}

export type Destination = z.infer<typeof DestinationSchema>;

export function assertSchemaName(schema: string, serviceSchema: string): void {
  if (RESERVED.has(schema) || schema === serviceSchema || schema.startsWith('pg_')) {
    throw PorticoError.validation(
      `Schema '${schema}' is reserved; choose another destination schema.`,
      [{ field: 'destination.schema', message: 'reserved', code: 'reserved_schema' }],
    );
  }
}

/** Every stream of the definition with its table and load mode; 400 for settings that cannot work. */
export function streamTargets(def: ConnectorDefinition, dest: Destination): StreamTarget[] {
  for (const name of Object.keys(dest.streams)) {
    if (!def.streams.some((s) => s.name === name)) {
      throw PorticoError.validation(`The definition has no stream '${name}'.`, [
        { field: `destination.streams.${name}`, message: 'unknown stream' },
      ]);
    }
  }
  const targets = def.streams.map((s) => {
    const cfg = dest.streams[s.name];
    const loadMode = cfg?.loadMode ?? 'append';
    if (loadMode === 'upsert' && s.primaryKey.length === 0) {
      throw PorticoError.validation(`Stream '${s.name}' has no primary key; upsert needs one.`, [
        { field: `destination.streams.${s.name}.loadMode`, message: 'upsert needs a primary key' },
      ]);
    }
    return { stream: s.name, table: cfg?.table ?? s.name, loadMode, enabled: cfg?.enabled ?? true };
  });
  const tables = targets.filter((t) => t.enabled).map((t) => t.table);
  const dup = tables.find((t, i) => tables.indexOf(t) !== i);
  if (dup) {
    throw PorticoError.validation(`Two streams load into table '${dup}'.`, [
      { field: 'destination.streams', message: `table '${dup}' used twice` },
    ]);
  }
  return targets;
}
