// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), driven through the
// node-postgres driver adapter. Used when the native schema-engine binary is not available, and for
// diffs (new, check), which need no binary at all.
/* global WebAssembly */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { DbToolError, engineMessage } from './errors.mjs';
import { WORKSPACE_ROOT } from './services.mjs';

const require = createRequire(path.join(WORKSPACE_ROOT, 'package.json'));
const { PrismaPg } = require('@prisma/adapter-pg');
const { bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils');

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_catalog columns such as relkind)
const PG_TEXT_OID = 25;

let enginePromise;

/**
 * The package's entry point imports its .wasm file as an ES module, which Node 20 only allows behind
 * --experimental-wasm-modules. Instantiating the module ourselves against the generated bindings
 * does the same without any flag.
 */
export function loadSchemaEngine() {
  enginePromise ??= (async () => {
    const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bindings = await import(pathToFileURL(bindingsPath).href);
    const bytes = await readFile(path.join(path.dirname(bindingsPath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return bindings.SchemaEngine;
  })();
  return enginePromise;
}

/**
 * Makes a node-postgres adapter fit for the schema engine:
 * - introspection reads pg_catalog columns of type "char", which @prisma/adapter-pg 7.10 rejects
 *   ("Column type 'char' could not be deserialized"): they are handed over as text;
 * - a migration script runs as one simple-protocol query, as the native engine runs it, instead of
 *   the adapter's split on ';' (which breaks on semicolons inside strings, comments or functions).
 */
function patchQueryable(queryable) {
  const performIO = queryable.performIO;
  queryable.performIO = async function (query) {
    const result = await performIO.call(this, query);
    for (const field of result?.fields ?? [])
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  return queryable;
}

function patchAdapter(adapter) {
  patchQueryable(adapter);
  adapter.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (err) {
      this.onError(err);
    }
  };
  const startTransaction = adapter.startTransaction;
  adapter.startTransaction = async function (...args) {
    return patchQueryable(await startTransaction.apply(this, args));
  };
  return adapter;
}

/**
 * A PrismaPg factory whose connections work in `schema` (search_path, so the unqualified migration
 * SQL lands there, and the adapter's schema option, so the engine keeps _prisma_migrations there),
 * and whose shadow database is a plain throwaway database in the default schema.
 */
class MigrationPg extends PrismaPg {
  #connectionString;
  #adapters = new Set();

  constructor(connectionString, schema) {
    super(
      {
        connectionString,
        max: 2,
        // The engine sends _prisma_migrations timestamps without an offset, meant as UTC.
        options: `-c TimeZone=UTC${schema ? ` -c search_path=${pg.escapeIdentifier(schema)}` : ''}`,
      },
      schema ? { schema } : {},
    );
    this.#connectionString = connectionString;
  }

  async connect() {
    return this.#track(patchAdapter(await super.connect()));
  }

  async connectToShadowDb() {
    const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replace(/-/g, '')}`;
    await this.#admin(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    const url = new URL(this.#connectionString);
    url.pathname = `/${name}`;
    const adapter = patchAdapter(
      await new PrismaPg({ connectionString: url.toString(), max: 2 }).connect(),
    );
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await this.#admin(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    };
    return this.#track(adapter);
  }

  async #admin(sql) {
    const client = new pg.Client({ connectionString: this.#connectionString });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  #track(adapter) {
    this.#adapters.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      this.#adapters.delete(adapter);
      await dispose();
    };
    return adapter;
  }

  /** Closes whatever the engine left open (it does not always dispose its connections). */
  async close() {
    await Promise.allSettled([...this.#adapters].map((a) => a.dispose()));
  }
}

/**
 * Runs `fn(engine)` with a schema engine connected to `url` in `schema` (null: the default schema,
 * for diffs that only use the shadow database).
 */
export async function withSchemaEngine({ url, schema, schemaFile, schemaText }, fn) {
  const SchemaEngine = await loadSchemaEngine();
  const factory = new MigrationPg(url, schema);
  const logs = [];
  let engine;
  try {
    engine = await SchemaEngine.new(
      { datamodels: [[schemaFile, schemaText]] },
      (line) => logs.push(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await fn(engine);
  } catch (err) {
    if (err instanceof DbToolError) throw err;
    throw new DbToolError(engineMessage(err));
  } finally {
    engine?.free();
    await factory.close();
  }
}

export const NO_FILTERS = Object.freeze({ externalTables: [], externalEnums: [] });
