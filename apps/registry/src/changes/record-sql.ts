import { OUTBOX_TABLE } from '@portico/messaging';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** SQL for the Crockford base32 of a non-negative bigint expression, `chars` characters long. */
function base32(expr: string, chars: number): string {
  return `(SELECT string_agg(substr('${CROCKFORD}', CAST(((${expr}) >> (5 * (${chars - 1} - i))) & 31 AS integer) + 1, 1), '' ORDER BY i) FROM generate_series(0, ${chars - 1}) AS i)`;
}

/**
 * Records a change in ONE statement: bumps the registry revision by $1 (taking the row lock that
 * orders all changes), writes the events ($2) to the outbox with their revisions and the audit
 * entries ($3). Keeping this to a single statement right before COMMIT keeps the lock short: it is
 * held for this statement and the commit, never across other round trips.
 *
 * Event ids are ULIDs made here, under the lock: 48 bits of the database clock in ms, then the
 * revision in the 80 "random" bits. Outbox order (by id) is therefore revision order, across every
 * registry instance, which the relay relies on to publish in order.
 */
export const RECORD_CHANGE_SQL = `
WITH s AS (
  INSERT INTO registry_state (id, revision) VALUES (1, $1)
  ON CONFLICT (id) DO UPDATE SET revision = registry_state.revision + EXCLUDED.revision
  RETURNING revision, CAST(floor(extract(epoch FROM clock_timestamp()) * 1000) AS bigint) AS ms
), e AS (
  SELECT x.*, s.revision - $1 + x.ord AS rev, s.ms
  FROM s, jsonb_to_recordset(CAST($2 AS jsonb))
    AS x(ord integer, type text, subject text, tenant_id text, payload jsonb)
), ids AS (
  SELECT e.*, ${base32('e.ms', 10)} || '000' || ${base32('e.rev', 13)} AS id FROM e
), outbox AS (
  INSERT INTO ${OUTBOX_TABLE} (id, type, subject, tenant_id, payload)
  SELECT id, type, subject, tenant_id, payload || jsonb_build_object('id', id, 'revision', rev)
  FROM ids
), audit AS (
  INSERT INTO audit_entries
    (id, tenant_id, actor_id, actor_role, action, entity_type, entity_id, api_id, before, after, revision, request_id)
  SELECT a.id, a.tenant_id, a.actor_id, a.actor_role, a.action, a.entity_type, a.entity_id, a.api_id,
    a.before, a.after, s.revision, a.request_id
  FROM s, jsonb_to_recordset(CAST($3 AS jsonb)) AS a(id text, tenant_id text, actor_id text,
    actor_role text, action text, entity_type text, entity_id text, api_id text, before jsonb,
    after jsonb, request_id text)
)
SELECT CAST(revision AS text) AS revision FROM s`;
