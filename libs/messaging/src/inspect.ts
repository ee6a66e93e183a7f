import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Read-only looks into a stream, by subject: what an operator script or a test asks of JetStream
 * ("how many events of this type are stored?"). They take anything with an `nc` (a Messaging, or a
 * bare connection); stream names are the real (namespaced) ones.
 */
export type HasNatsConnection = { nc: NatsConnection };

/** Messages stored in `stream` (default PORTICO_EVENTS) on subjects matching `subjectFilter`. */
export async function countStreamMessages(
  conn: HasNatsConnection,
  subjectFilter: string,
  stream = 'PORTICO_EVENTS',
): Promise<number> {
  const jsm = await jetstreamManager(conn.nc);
  const info = await jsm.streams.info(stream, { subjects_filter: subjectFilter });
  return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
}

/** The stored messages matching `subjectFilter`, in stream order (through a throwaway consumer). */
export async function readStreamMessages(
  conn: HasNatsConnection,
  subjectFilter: string,
  stream = 'PORTICO_EVENTS',
): Promise<JsMsg[]> {
  const total = await countStreamMessages(conn, subjectFilter, stream);
  if (total === 0) return [];
  const consumer = await jetstream(conn.nc).consumers.get(stream, {
    filter_subjects: subjectFilter,
  });
  const out: JsMsg[] = [];
  try {
    for await (const m of await consumer.fetch({ max_messages: total, expires: 5000 })) out.push(m);
  } finally {
    await consumer.delete().catch(() => undefined);
  }
  return out;
}

/** Removes the messages on matching subjects from a stream. */
export async function purgeStreamSubjects(
  conn: HasNatsConnection,
  subjectFilter: string,
  stream = 'PORTICO_EVENTS',
): Promise<void> {
  const jsm = await jetstreamManager(conn.nc);
  await jsm.streams.purge(stream, { filter: subjectFilter });
}
