import { RequestEventSchema } from '@portico/contracts';
import { isRequestEvent, parseTrafficMessages } from './parse';

const valid = {
  requestId: 'req_1',
  time: '2026-11-20T12:00:00.123Z',
  tenantId: 'ten_default',
  apiId: 'api_1',
  apiName: 'orders',
  version: 'v1',
  routeId: 'rte_1',
  method: 'GET',
  pathTemplate: '/orders/{id}',
  path: '/orders/7',
  status: 200,
  upstreamInstance: null,
  latencyMs: 12.5,
  upstreamLatencyMs: 10,
  gatewayLatencyMs: 2.5,
  bytesIn: 0,
  bytesOut: 512,
  consumerId: 'con_1',
  keyId: 'key_1',
  planId: null,
  quotaPerMonth: 1000,
  clientIp: '203.0.113.1',
  errorCode: null,
  cacheStatus: 'MISS',
};

const msg = (body: unknown) => ({
  data: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});

describe('isRequestEvent', () => {
  const wrongValues: unknown[] = [undefined, null, 'x', '', 1.5, -1, Number.NaN, true, {}, []];

  it('agrees with RequestEventSchema on every field and wrong value', () => {
    expect(isRequestEvent(valid)).toBe(true);
    expect(RequestEventSchema.safeParse(valid).success).toBe(true);
    for (const field of Object.keys(valid)) {
      for (const wrong of wrongValues) {
        const candidate = { ...valid, [field]: wrong };
        const json = JSON.parse(JSON.stringify(candidate)) as unknown; // as it arrives on the wire
        expect([field, wrong, isRequestEvent(json)]).toEqual([
          field,
          wrong,
          RequestEventSchema.safeParse(json).success,
        ]);
      }
    }
    expect(isRequestEvent(null)).toBe(false);
    expect(isRequestEvent([])).toBe(false);
  });
});

describe('parseTrafficMessages', () => {
  it('keeps valid events, counts invalid ones and in-batch duplicates', () => {
    const out = parseTrafficMessages([
      msg({ events: [valid, { ...valid, requestId: 'req_2' }, { ...valid, status: 'ok' }] }),
      msg({
        events: [
          valid,
          { ...valid, requestId: 'req_3', time: 'yesterday' },
          { ...valid, status: 70000 },
        ],
      }),
      msg('not json'),
      msg({ nope: [] }),
    ]);
    expect(out.events.map((e) => [e.requestId, e.ms])).toEqual([
      ['req_1', Date.parse(valid.time)],
      ['req_2', Date.parse(valid.time)],
    ]);
    expect(out.invalid).toBe(5);
    expect(out.duplicates).toBe(1);
  });
});
