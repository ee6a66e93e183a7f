import { Webhook } from 'standardwebhooks';
import { endpointMatches } from './matching';
import {
  DEFAULT_RETRY_SCHEDULE_SECONDS,
  nextRetryDelayMs,
  parseRetryAfter,
} from './retry-schedule';
import { generateWebhookSecret } from './webhook-secret';
import { webhookSignature } from './signing';

describe('signing', () => {
  it('produces signatures the reference Standard Webhooks library verifies', () => {
    const secret = generateWebhookSecret();
    const ts = Math.floor(Date.now() / 1000);
    const body = '{"type":"invoice.paid","timestamp":"2026-01-01T00:00:00.000Z","data":{"a":1}}';
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(ts),
      'webhook-signature': webhookSignature('msg_1', ts, body, [secret]),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('1', '2'), headers)).toThrow();
  });

  it('sends one signature per secret during a rotation, each verifiable', () => {
    const [oldS, newS] = [generateWebhookSecret(), generateWebhookSecret()];
    const ts = Math.floor(Date.now() / 1000);
    const sig = webhookSignature('msg_2', ts, '{}', [newS, oldS]);
    expect(sig.split(' ')).toHaveLength(2);
    for (const s of [oldS, newS]) {
      const headers = {
        'webhook-id': 'msg_2',
        'webhook-timestamp': String(ts),
        'webhook-signature': sig,
      };
      expect(new Webhook(s).verify('{}', headers)).toEqual({});
    }
  });
});

describe('retry schedule', () => {
  const policy = { retryCount: 7, retrySchedule: null };

  it('follows immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then stops', () => {
    const mid = () => 0.5;
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => nextRetryDelayMs(policy, n, mid)! / 1000);
    expect(delays).toEqual(DEFAULT_RETRY_SCHEDULE_SECONDS);
    expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(nextRetryDelayMs(policy, 8, mid)).toBeNull();
  });

  it('jitters by ±20%', () => {
    expect(nextRetryDelayMs(policy, 2, () => 0)).toBe(240_000);
    expect(nextRetryDelayMs(policy, 2, () => 1)).toBe(360_000);
  });

  it('cuts or extends an override schedule to retryCount', () => {
    const custom = { retryCount: 4, retrySchedule: [1, 2] };
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5].map((n) => nextRetryDelayMs(custom, n, mid))).toEqual([
      1000,
      2000,
      2000,
      2000,
      null,
    ]);
    expect(nextRetryDelayMs({ retryCount: 0, retrySchedule: null }, 1)).toBeNull();
  });

  it('honours Retry-After when it asks for longer, capped at a day', () => {
    expect(nextRetryDelayMs(policy, 1, () => 0.5, 120)).toBe(120_000);
    expect(nextRetryDelayMs(policy, 2, () => 0.5, 10)).toBe(300_000);
    expect(nextRetryDelayMs(policy, 1, () => 0.5, 10 * 86_400)).toBe(86_400_000);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('endpoint matching', () => {
  const msg = {
    eventType: 'consumer.key.revoked',
    consumerId: 'con_1',
    payload: { keyId: 'key_1', consumerId: 'con_1', meta: { plan: 'gold' } },
  };
  const all = { consumerId: null, eventTypes: [], payloadFilter: null };

  it('matches on type filters, consumer and payload filter', () => {
    expect(endpointMatches(all, msg)).toBe(true);
    expect(endpointMatches({ ...all, eventTypes: ['consumer.*'] }, msg)).toBe(true);
    expect(endpointMatches({ ...all, eventTypes: ['registry.*'] }, msg)).toBe(false);
    expect(endpointMatches({ ...all, consumerId: 'con_2' }, msg)).toBe(false);
    expect(endpointMatches({ ...all, consumerId: 'con_1' }, msg)).toBe(true);
    expect(
      endpointMatches({ ...all, payloadFilter: { 'meta.plan': ['gold', 'silver'] } }, msg),
    ).toBe(true);
    expect(endpointMatches({ ...all, payloadFilter: { 'meta.plan': 'bronze' } }, msg)).toBe(false);
    expect(endpointMatches({ ...all, payloadFilter: { 'meta.missing': null } }, msg)).toBe(false);
  });
});
