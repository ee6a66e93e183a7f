import {
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { LoggerLike } from '@portico/contracts';

/** A stream a service needs; `Streams.events` and `Streams.traffic` from contracts fit. */
export interface StreamDef {
  readonly name: string;
  readonly subjects: readonly string[];
  /** JetStream drops a second publish with the same Nats-Msg-Id inside this window. */
  readonly duplicateWindowMs: number;
  /** Optional age limit; unset keeps messages until other limits apply. */
  readonly maxAgeMs?: number;
  /** Optional size limit in bytes; the oldest messages go first. */
  readonly maxBytes?: number;
}

/**
 * Creates the stream or brings an existing one up to the definition. Every service calls this at
 * start, possibly at the same moment, so a lost creation race is treated as "exists". Subjects are
 * merged rather than replaced: another service may have added subjects we do not know about.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  def: StreamDef,
  logger: LoggerLike,
): Promise<StreamInfo> {
  let info = await streamInfo(jsm, def.name);
  if (!info) {
    const config: Partial<StreamConfig> & { name: string } = {
      name: def.name,
      subjects: [...def.subjects],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(def.duplicateWindowMs),
    };
    if (def.maxAgeMs !== undefined) config.max_age = nanos(def.maxAgeMs);
    if (def.maxBytes !== undefined) config.max_bytes = def.maxBytes;
    try {
      info = await jsm.streams.add(config);
      logger.info({ stream: def.name, subjects: def.subjects }, 'created JetStream stream');
      return info;
    } catch (err) {
      // Another instance may have created it between our info and add; anything else is real.
      info = await streamInfo(jsm, def.name);
      if (!info) throw err;
    }
  }
  const update = streamUpdate(info.config, def);
  if (!update) return info;
  if (info.config.storage !== StorageType.File) {
    logger.warn({ stream: def.name, storage: info.config.storage }, 'stream is not file-backed');
  }
  const updated = await jsm.streams.update(def.name, update);
  logger.info({ stream: def.name, update }, 'updated JetStream stream');
  return updated;
}

/** The changes an existing stream needs to satisfy the definition, or null when none. */
export function streamUpdate(current: StreamConfig, def: StreamDef): Partial<StreamConfig> | null {
  const update: Partial<StreamConfig> = {};
  const have = current.subjects ?? [];
  const missing = def.subjects.filter((s) => !have.includes(s));
  if (missing.length > 0) update.subjects = [...have, ...missing];
  if (current.duplicate_window !== nanos(def.duplicateWindowMs)) {
    update.duplicate_window = nanos(def.duplicateWindowMs);
  }
  if (def.maxAgeMs !== undefined && current.max_age !== nanos(def.maxAgeMs)) {
    update.max_age = nanos(def.maxAgeMs);
  }
  if (def.maxBytes !== undefined && current.max_bytes !== def.maxBytes) {
    update.max_bytes = def.maxBytes;
  }
  return Object.keys(update).length > 0 ? update : null;
}

async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | null> {
  try {
    return await jsm.streams.info(name);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** JetStream "stream not found" (10059) / "consumer not found" (10014). */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; code?: unknown };
  return (
    e?.name === 'StreamNotFoundError' ||
    e?.name === 'ConsumerNotFoundError' ||
    e?.code === 10059 ||
    e?.code === 10014
  );
}
