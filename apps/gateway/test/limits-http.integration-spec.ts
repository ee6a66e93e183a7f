import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '@portico/testing';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { stringify } from 'yaml';
import type { GatewayConfig } from '../src/config';
import { gatewayService } from '../src/service';
import { startEchoUpstream, type EchoUpstream } from './dataplane-support/upstream-server';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `portico:test:${randomBytes(6).toString('hex')}:http:`;
const LIMIT = 20;

function snapshot(upstreamUrl: string) {
  return {
    revision: 1,
    generatedAt: new Date().toISOString(),
    apis: [
      {
        tenantId: 'ten_default',
        apiId: 'api_limited',
        name: 'limited',
        versions: [
          {
            versionId: 'ver_limited_v1',
            version: 'v1',
            status: 'published',
            basePath: '/limited',
            deprecatedAt: null,
            sunsetAt: null,
            successorVersion: null,
            upstream: { targets: [{ url: upstreamUrl }] },
            routes: [
              {
                routeId: 'rte_limited',
                method: 'GET',
                path: '/{id}',
                operationId: null,
                policies: {
                  auth: { type: 'none' },
                  rateLimit: { requests: LIMIT, windowSeconds: 60, scope: 'route' },
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

/**
 * The whole data plane, over HTTP: two gateway processes' worth of apps on one Redis, a limit of N
 * fired at concurrently from both sides. Exactly N get through to the upstream; the rest are 429.
 */
describe('gateway limits over HTTP: two gateways sharing Redis', () => {
  let up: EchoUpstream;
  const gateways: TestApp<GatewayConfig>[] = [];

  beforeAll(async () => {
    up = await startEchoUpstream('limited');
    const dir = mkdtempSync(path.join(tmpdir(), 'portico-limits-'));
    const file = path.join(dir, 'routes.yaml');
    writeFileSync(file, stringify(snapshot(up.url)));
    const env = {
      LOG_LEVEL: 'warn',
      GATEWAY_ROUTES_FILE: file,
      REDIS_URL,
      GATEWAY_RATE_LIMIT_PREFIX: PREFIX,
      GATEWAY_EVENTS_ENABLED: 'false',
    };
    gateways.push(await startTestApp(gatewayService, env), await startTestApp(gatewayService, env));
    await Promise.all(gateways.map((g) => g.waitUntilReady()));
  });

  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await up?.close();
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${PREFIX}*`);
    if (keys.length > 0) await r.del(...keys);
    await r.quit();
  });

  it('together allow exactly N of a limit N fired concurrently, and refuse the rest with 429', async () => {
    const answers = await Promise.all(
      Array.from({ length: LIMIT * 2 }, async (_, i) => {
        const res = await request(`${gateways[i % 2]!.url}/v1/limited/${i}`);
        const body = (await res.body.json()) as { error?: { code: string } };
        return { status: res.statusCode, headers: res.headers, body };
      }),
    );
    // Each gateway got N requests: with separate counters both would have let all of them through.
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect(ok).toHaveLength(LIMIT);
    expect(refused).toHaveLength(LIMIT);
    expect(up.seen).toHaveLength(LIMIT);
    for (const r of refused) {
      expect(r.body.error?.code).toBe('RATE_LIMITED');
      expect(r.headers['ratelimit-limit']).toBe(String(LIMIT));
      expect(r.headers['ratelimit-remaining']).toBe('0');
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
  });
});
