import { aggregate } from './aggregate';
import type { TrafficEvent } from './parse';

const base: TrafficEvent = {
  requestId: 'r',
  time: '',
  ms: Date.parse('2026-11-20T10:15:30Z'),
  tenantId: 'ten_a',
  apiId: 'api_1',
  apiName: 'one',
  version: 'v1',
  routeId: 'rte_1',
  method: 'GET',
  pathTemplate: '/x',
  path: '/x',
  status: 200,
  upstreamInstance: null,
  latencyMs: 10,
  upstreamLatencyMs: null,
  gatewayLatencyMs: 1,
  bytesIn: 1,
  bytesOut: 2,
  consumerId: 'con_1',
  keyId: null,
  planId: 'pln_1',
  quotaPerMonth: 100,
  clientIp: null,
  errorCode: null,
  cacheStatus: null,
};
const ev = (o: Partial<TrafficEvent>): TrafficEvent => ({ ...base, ...o });
const open = { minuteFrom: 0, hourFrom: 0, hourSealedUntil: 0, daySealedUntil: 0 };

describe('aggregate', () => {
  it('folds events into minute rollups by key, with sums, extremes and a sketch', () => {
    const agg = aggregate(
      [
        ev({ latencyMs: 5 }),
        ev({ latencyMs: 30, status: 503, errorCode: 'UPSTREAM_UNAVAILABLE' }),
        ev({ latencyMs: 20, status: 201 }),
        ev({ routeId: null, pathTemplate: null, apiId: null, consumerId: null, status: 404 }),
      ],
      open,
    );
    expect(agg.rollups.hour).toEqual([]);
    const byClass = Object.fromEntries(
      agg.rollups.minute.map((r) => [`${r.apiId}/${r.statusClass}`, r]),
    );
    expect(byClass['api_1/2']).toMatchObject({
      bucket: Date.parse('2026-11-20T10:15:00Z'),
      count: 2,
      errors: 0,
      latencySum: 25,
      latencyMin: 5,
      latencyMax: 20,
    });
    expect(byClass['api_1/2']!.sketch.count).toBe(2);
    expect(byClass['/4']).toMatchObject({ routeId: '', consumerId: '', errors: 1, count: 1 });
    expect(agg.errors.minute.map((e) => [e.apiId, e.status, e.errorCode])).toEqual([
      ['api_1', 503, 'UPSTREAM_UNAVAILABLE'],
      ['', 404, ''],
    ]);
    expect(agg.usage).toEqual([
      expect.objectContaining({
        consumerId: 'con_1',
        period: '2026-11',
        requests: 3,
        errors: 1,
        quotaPerMonth: 100,
      }),
    ]);
    expect(agg.catalog).toEqual([expect.objectContaining({ apiId: 'api_1', apiName: 'one' })]);
  });

  it('writes sealed buckets straight to the hour and day levels, and skips what minutes no longer keep', () => {
    const t = base.ms;
    const agg = aggregate([ev({}), ev({ ms: t - 3_600_000 }), ev({ ms: t - 5 * 86_400_000 })], {
      minuteFrom: t - 2 * 86_400_000,
      hourFrom: t - 30 * 86_400_000,
      hourSealedUntil: t - 1_800_000,
      daySealedUntil: t - 86_400_000,
    });
    expect(agg.rollups.minute.map((r) => r.count)).toEqual([1, 1]);
    expect(agg.rollups.hour.map((r) => new Date(r.bucket).toISOString())).toEqual([
      '2026-11-20T09:00:00.000Z',
      '2026-11-15T10:00:00.000Z',
    ]);
    expect(agg.rollups.day.map((r) => new Date(r.bucket).toISOString())).toEqual([
      '2026-11-15T00:00:00.000Z',
    ]);
    expect(agg.usage[0]!.requests).toBe(3);
  });
});
