import type { RequestEvent } from '@portico/contracts';

/** A validated request event with its time as epoch milliseconds. */
export interface TrafficEvent extends RequestEvent {
  ms: number;
}

export interface ParsedBatch {
  events: TrafficEvent[];
  /** Events (or whole messages) that failed validation: logged and skipped, never retried. */
  invalid: number;
  /** Events seen twice in this very batch (the same request id and time). */
  duplicates: number;
}

/**
 * Decodes traffic messages (`{ events: RequestEvent[] }`). A malformed message or event cannot get
 * better by redelivery, so it is skipped and counted rather than failing the batch.
 */
export function parseTrafficMessages(messages: ReadonlyArray<{ data: Uint8Array }>): ParsedBatch {
  const events: TrafficEvent[] = [];
  // Request id → time of the first event with it (a second time with the same id is another request).
  const seen = new Map<string, number>();
  const seenAgain = new Set<string>();
  let invalid = 0;
  let duplicates = 0;
  for (const m of messages) {
    let body: unknown;
    try {
      body = JSON.parse(
        Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength).toString('utf8'),
      );
    } catch {
      invalid++;
      continue;
    }
    const list = (body as { events?: unknown } | null)?.events;
    if (!Array.isArray(list)) {
      invalid++;
      continue;
    }
    for (const raw of list) {
      const ms = isRequestEvent(raw) ? Date.parse(raw.time) : Number.NaN;
      if (!Number.isFinite(ms) || !storable(raw as RequestEvent)) {
        invalid++;
        continue;
      }
      const e = raw as TrafficEvent;
      const first = seen.get(e.requestId);
      if (first === undefined) seen.set(e.requestId, ms);
      else {
        const key = `${ms}|${e.requestId}`;
        if (first === ms || seenAgain.has(key)) {
          duplicates++;
          continue;
        }
        seenAgain.add(key);
      }
      e.ms = ms;
      events.push(e);
    }
  }
  return { events, invalid, duplicates };
}

const MAX_INT4 = 2 ** 31 - 1;

/** Values our columns can hold: a bad one would fail the whole COPY on every redelivery. */
function storable(e: RequestEvent): boolean {
  return (
    e.status >= 0 &&
    e.status <= 999 &&
    e.latencyMs >= 0 &&
    e.gatewayLatencyMs >= 0 &&
    (e.upstreamLatencyMs === null || e.upstreamLatencyMs >= 0) &&
    e.bytesIn >= 0 &&
    e.bytesOut >= 0 &&
    Number.isSafeInteger(e.bytesIn) &&
    Number.isSafeInteger(e.bytesOut) &&
    (e.quotaPerMonth === null || (e.quotaPerMonth >= 0 && e.quotaPerMonth <= MAX_INT4))
  );
}

const str = (v: unknown) => typeof v === 'string';
const strOrNull = (v: unknown) => v === null || typeof v === 'string';
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown) => v === null || num(v);
const int = (v: unknown) => Number.isInteger(v);

/**
 * RequestEventSchema (contracts) as a plain type check: ingest validates every event, and at tens
 * of thousands per second zod's parse (a copy per event) is a good part of the CPU. The spec beside
 * this file holds the two to the same verdicts. Unknown fields are ignored and not stored.
 */
export function isRequestEvent(v: unknown): v is RequestEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    str(e['requestId']) &&
    (e['requestId'] as string).length > 0 &&
    str(e['time']) &&
    str(e['tenantId']) &&
    strOrNull(e['apiId']) &&
    strOrNull(e['apiName']) &&
    strOrNull(e['version']) &&
    strOrNull(e['routeId']) &&
    str(e['method']) &&
    strOrNull(e['pathTemplate']) &&
    str(e['path']) &&
    int(e['status']) &&
    strOrNull(e['upstreamInstance']) &&
    num(e['latencyMs']) &&
    numOrNull(e['upstreamLatencyMs']) &&
    num(e['gatewayLatencyMs']) &&
    int(e['bytesIn']) &&
    int(e['bytesOut']) &&
    strOrNull(e['consumerId']) &&
    strOrNull(e['keyId']) &&
    strOrNull(e['planId']) &&
    (e['quotaPerMonth'] === null || int(e['quotaPerMonth'])) &&
    strOrNull(e['clientIp']) &&
    strOrNull(e['errorCode']) &&
    (e['cacheStatus'] === null ||
      e['cacheStatus'] === 'HIT' ||
      e['cacheStatus'] === 'MISS' ||
      e['cacheStatus'] === 'BYPASS')
  );
}
