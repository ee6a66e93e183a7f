import { LatencySketch } from '../shared/latency-sketch';
import { KeyTree } from '../shared/key-tree';
import { billingPeriod, floorTo, LEVEL_MS, LEVELS, type Level } from '../shared/time';
import type { TrafficEvent } from './parse';

/** The rollup key; '' stands for "none" so that key columns are never NULL. */
export interface RollupKey {
  bucket: number;
  tenantId: string;
  apiId: string;
  version: string;
  routeId: string;
  method: string;
  consumerId: string;
  statusClass: number;
}

export interface RollupDelta extends RollupKey {
  apiName: string | null;
  pathTemplate: string | null;
  count: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
  latencySum: number;
  latencyMin: number;
  latencyMax: number;
  sketch: LatencySketch;
}

export interface ErrorDelta {
  bucket: number;
  tenantId: string;
  apiId: string;
  consumerId: string;
  status: number;
  errorCode: string;
  count: number;
}

export interface UsageDelta {
  tenantId: string;
  consumerId: string;
  period: string;
  requests: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
  /** From the latest event of the batch: the plan the gateway last knew. */
  planId: string | null;
  quotaPerMonth: number | null;
  lastMs: number;
}

export interface CatalogEntry {
  tenantId: string;
  apiId: string;
  apiName: string | null;
  firstMs: number;
  lastMs: number;
}

export interface Aggregates {
  rollups: Record<Level, RollupDelta[]>;
  errors: Record<Level, ErrorDelta[]>;
  usage: UsageDelta[];
  catalog: CatalogEntry[];
}

/**
 * Which levels an event is written to directly. The minute level takes everything still within its
 * retention; the hour and day levels take only events for buckets already sealed there (the others
 * reach them when the seal rolls the finer level up).
 */
export interface LevelWindows {
  minuteFrom: number;
  hourFrom: number;
  hourSealedUntil: number;
  daySealedUntil: number;
}

export function statusClass(status: number): number {
  return Math.min(5, Math.max(1, Math.floor(status / 100)));
}

export function isError(status: number): boolean {
  return status >= 400;
}

/** Folds new (deduplicated) events into per-level rollup, error, usage and catalogue deltas. */
export function aggregate(events: readonly TrafficEvent[], w: LevelWindows): Aggregates {
  const rollups: Record<Level, KeyTree<RollupDelta>> = {
    minute: new KeyTree(),
    hour: new KeyTree(),
    day: new KeyTree(),
  };
  const errors: Record<Level, KeyTree<ErrorDelta>> = {
    minute: new KeyTree(),
    hour: new KeyTree(),
    day: new KeyTree(),
  };
  const usage = new Map<string, UsageDelta>();
  const catalog = new Map<string, CatalogEntry>();

  for (const e of events) {
    const failed = isError(e.status);
    for (const level of LEVELS) {
      if (level === 'minute' && e.ms < w.minuteFrom) continue;
      if (level === 'hour' && !(e.ms < w.hourSealedUntil && e.ms >= w.hourFrom)) continue;
      if (level === 'day' && !(e.ms < w.daySealedUntil)) continue;
      addRollup(rollups[level], e, floorTo(e.ms, LEVEL_MS[level]));
      if (failed) addError(errors[level], e, floorTo(e.ms, LEVEL_MS[level]));
    }
    if (e.consumerId) addUsage(usage, e, failed);
    if (e.apiId) {
      const key = `${e.tenantId}\u0000${e.apiId}`;
      const c = catalog.get(key);
      if (!c)
        catalog.set(key, {
          tenantId: e.tenantId,
          apiId: e.apiId,
          apiName: e.apiName,
          firstMs: e.ms,
          lastMs: e.ms,
        });
      else {
        if (e.ms < c.firstMs) c.firstMs = e.ms;
        if (e.ms >= c.lastMs) {
          c.lastMs = e.ms;
          if (e.apiName !== null) c.apiName = e.apiName;
        }
      }
    }
  }
  const list = <T>(m: Record<Level, KeyTree<T>>) => ({
    minute: [...m.minute.values()],
    hour: [...m.hour.values()],
    day: [...m.day.values()],
  });
  return {
    rollups: list(rollups),
    errors: list(errors),
    usage: [...usage.values()],
    catalog: [...catalog.values()],
  };
}

/** Reused for every lookup: no allocation per event. */
const ROLLUP_KEY: unknown[] = new Array(8);
const ERROR_KEY: unknown[] = new Array(6);

function addRollup(into: KeyTree<RollupDelta>, e: TrafficEvent, bucket: number): void {
  const k = ROLLUP_KEY;
  k[0] = bucket;
  k[1] = e.tenantId;
  k[2] = e.apiId ?? '';
  k[3] = e.version ?? '';
  k[4] = e.routeId ?? '';
  k[5] = e.method;
  k[6] = e.consumerId ?? '';
  k[7] = statusClass(e.status);
  const r = into.getOrCreate(k, () => newRollup(e, bucket));
  r.count++;
  if (isError(e.status)) r.errors++;
  r.bytesIn += e.bytesIn;
  r.bytesOut += e.bytesOut;
  r.latencySum += e.latencyMs;
  if (e.latencyMs < r.latencyMin) r.latencyMin = e.latencyMs;
  if (e.latencyMs > r.latencyMax) r.latencyMax = e.latencyMs;
  r.sketch.add(e.latencyMs);
  if (e.apiName !== null) r.apiName = e.apiName;
  if (e.pathTemplate !== null) r.pathTemplate = e.pathTemplate;
}

function newRollup(e: TrafficEvent, bucket: number): RollupDelta {
  return {
    bucket,
    tenantId: e.tenantId,
    apiId: e.apiId ?? '',
    version: e.version ?? '',
    routeId: e.routeId ?? '',
    method: e.method,
    consumerId: e.consumerId ?? '',
    statusClass: statusClass(e.status),
    apiName: e.apiName,
    pathTemplate: e.pathTemplate,
    count: 0,
    errors: 0,
    bytesIn: 0,
    bytesOut: 0,
    latencySum: 0,
    latencyMin: Number.POSITIVE_INFINITY,
    latencyMax: Number.NEGATIVE_INFINITY,
    sketch: new LatencySketch(),
  };
}

function addError(into: KeyTree<ErrorDelta>, e: TrafficEvent, bucket: number): void {
  const k = ERROR_KEY;
  k[0] = bucket;
  k[1] = e.tenantId;
  k[2] = e.apiId ?? '';
  k[3] = e.consumerId ?? '';
  k[4] = e.status;
  k[5] = e.errorCode ?? '';
  const d = into.getOrCreate(k, () => ({
    bucket,
    tenantId: e.tenantId,
    apiId: e.apiId ?? '',
    consumerId: e.consumerId ?? '',
    status: e.status,
    errorCode: e.errorCode ?? '',
    count: 0,
  }));
  d.count++;
}

function addUsage(into: Map<string, UsageDelta>, e: TrafficEvent, failed: boolean): void {
  const period = billingPeriod(e.ms);
  const ks = `${e.tenantId}\u0000${e.consumerId}\u0000${period}`;
  let u = into.get(ks);
  if (!u) {
    u = {
      tenantId: e.tenantId,
      consumerId: e.consumerId!,
      period,
      requests: 0,
      errors: 0,
      bytesIn: 0,
      bytesOut: 0,
      planId: e.planId,
      quotaPerMonth: e.quotaPerMonth,
      lastMs: e.ms,
    };
    into.set(ks, u);
  }
  u.requests++;
  if (failed) u.errors++;
  u.bytesIn += e.bytesIn;
  u.bytesOut += e.bytesOut;
  if (e.ms >= u.lastMs) {
    u.lastMs = e.ms;
    u.planId = e.planId;
    u.quotaPerMonth = e.quotaPerMonth;
  }
}
