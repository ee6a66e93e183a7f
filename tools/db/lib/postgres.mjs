// Plain node-postgres helpers: connect with readable errors, create the database and schema on demand.
import pg from 'pg';
import { DbToolError } from './errors.mjs';
import { redact } from './services.mjs';

const CONNECT_TIMEOUT_MS = 5_000;
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505'; // two concurrent CREATE DATABASE/SCHEMA can collide on the catalog index
const INVALID_CATALOG_NAME = '3D000'; // database does not exist

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseName(url) {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new DbToolError(`no database name in ${redact(url)}`);
  return name;
}

/** A connected client; failures become one-line DbToolErrors that name the URL without password. */
export async function connect(url) {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  client.on('error', () => {}); // a dropped idle connection surfaces on the next query instead
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    throw connectionError(err, url);
  }
}

export function connectionError(err, url) {
  const code = err?.code ?? '';
  const reason =
    code === INVALID_CATALOG_NAME
      ? 'database does not exist'
      : err?.message || code || 'unknown error';
  const e = new DbToolError(`cannot connect to ${redact(url)}: ${reason}`);
  e.pgCode = code;
  return e;
}

/** Connects to `url`, creating its database first when it does not exist (safe under concurrency). */
export async function connectCreatingDatabase(url) {
  try {
    return await connect(url);
  } catch (err) {
    if (err.pgCode !== INVALID_CATALOG_NAME) throw err;
  }
  await createDatabase(url);
  return connect(url);
}

export async function createDatabase(url) {
  const name = databaseName(url);
  let admin;
  try {
    admin = await connect(withDatabase(url, 'postgres'));
  } catch (err) {
    if (err.pgCode !== INVALID_CATALOG_NAME) throw err;
    admin = await connect(withDatabase(url, 'template1'));
  }
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (err) {
    if (err.code !== DUPLICATE_DATABASE && err.code !== UNIQUE_VIOLATION) {
      throw new DbToolError(`cannot create database '${name}' on ${redact(url)}: ${err.message}`);
    }
  } finally {
    await admin.end().catch(() => {});
  }
}

export async function createSchema(client, schema) {
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
  } catch (err) {
    if (err.code !== UNIQUE_VIOLATION)
      throw new DbToolError(`cannot create schema '${schema}': ${err.message}`);
  }
}
