import { spawn } from 'node:child_process';
import path from 'node:path';
import { parse } from 'yaml';
import { startCameraApi, type RunningCameraApi } from '../src/camera-api';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../src/receiver';
import { Walkthrough } from '../src/walkthrough';
import { ADMIN_KEY, startProcessSuite, type ProcessSuite } from './suite';

/**
 * The walkthrough, end to end: all six apps as separate processes, the sample upstream and the
 * webhook receiver in this process, every step through the same functions the script runs.
 * Management calls go through the gateway, as a newcomer's would.
 */
describe('walkthrough end to end (six apps as processes)', () => {
  let suite: ProcessSuite;
  let camera: RunningCameraApi;
  let receiver: WebhookReceiver;
  let w: Walkthrough;
  const lines: string[] = [];
  const admin = { 'x-api-key': ADMIN_KEY };

  beforeAll(async () => {
    [suite, camera, receiver] = await Promise.all([
      startProcessSuite(),
      startCameraApi(),
      startWebhookReceiver(),
    ]);
    const gateway = suite.urls.gateway;
    w = new Walkthrough({
      targets: {
        gateway,
        registry: gateway,
        consumers: gateway,
        webhooks: gateway,
        analytics: gateway,
      },
      adminKey: ADMIN_KEY,
      cameraApiUrl: camera.url,
      receiver,
      log: (l) => lines.push(l),
      email: 'e2e-walkthrough@example.com',
      timeoutMs: 30_000,
    });
  }, 100_000);

  afterAll(async () => {
    if (process.env['DEBUG_E2E_LOGS'] && suite) {
      for (const app of Object.keys(suite.urls) as Array<keyof ProcessSuite['urls']>) {
        console.log(`--- ${app} ---\n${suite.tail(app, 30)}`);
      }
    }
    await Promise.all([suite?.close(), camera?.close(), receiver?.close()]);
  }, 60_000);

  /** Reads from a service directly (not through the gateway) to check what a step did. */
  const direct = async (app: keyof ProcessSuite['urls'], path: string) => {
    const res = await fetch(`${suite.urls[app]}${path}`, { headers: admin });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('registers the camera API from its OpenAPI file', async () => {
    expect(await w.registerApi()).toMatch(/registered 'camera-counting' v1 .* 3 routes/);
    const v = await direct('registry', '/api/v1/apis/camera-counting/versions/v1');
    expect(v.status).toBe(200);
    expect(v.body.data).toMatchObject({ status: 'draft', basePath: '/counting', hasOpenApi: true });
    expect(v.body.data.routes.map((r: any) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /cameras',
      'GET /cameras/{id}',
      'GET /counting-results',
    ]);
  });

  it('points v1 at the local camera API and publishes it', async () => {
    await w.setUpstream();
    expect(await w.publish()).toContain('status published');
    const v = await direct('registry', '/api/v1/apis/camera-counting/versions/v1');
    expect(v.body.data.upstream.targets).toEqual([expect.objectContaining({ url: camera.url })]);
    expect(v.body.data.status).toBe('published');
  });

  it('signs up a consumer, approves it and creates a key', async () => {
    expect(await w.signUp()).toMatch(/is pending$/);
    expect(await w.approve()).toContain('status approved');
    await w.createKey();
    expect(w.apiKey).toMatch(/^pk_live_/);
    const c = await direct('consumer-management', `/api/v1/consumers/${w.consumerId}`);
    expect(c.body.data).toMatchObject({ email: 'e2e-walkthrough@example.com', status: 'approved' });
  });

  it('calls the API through the gateway with the key', async () => {
    await w.callApi();
    const [cameras, results] = w.calls;
    expect(cameras).toMatchObject({ path: '/v1/counting/cameras', status: 200 });
    expect(cameras.body).toMatchObject({ total: 3 });
    expect(cameras.headers.get('x-request-id')).toBeTruthy();
    expect(cameras.headers.has('deprecation')).toBe(false);
    expect(results.status).toBe(200);
    expect((results.body as any).items[0]).toMatchObject({ cameraId: 'cam-001' });
    // The upstream got the route's path, without the public version and base path.
    expect(camera.requests).toEqual(
      expect.arrayContaining(['GET /cameras', 'GET /counting-results?cameraId=cam-001']),
    );
    const anonymous = await fetch(`${suite.urls.gateway}/v1/counting/cameras`);
    expect(anonymous.status).toBe(401);
  });

  it('subscribes the receiver to registry.version.deprecated and deprecates v1', async () => {
    await w.subscribeWebhook();
    const endpoints = await direct('webhook-dispatcher', '/api/v1/webhooks/endpoints');
    expect(endpoints.body.data).toEqual([
      expect.objectContaining({ url: receiver.url, eventTypes: ['registry.version.deprecated'] }),
    ]);
    expect(await w.deprecate()).toContain('status deprecated');
  });

  it('shows Deprecation and Sunset headers on the next call', async () => {
    await w.callDeprecated();
    const last = w.calls[w.calls.length - 1];
    expect(last.status).toBe(200);
    // RFC 9745: `@<unix seconds>` of the deprecation; RFC 8594: the sunset as an HTTP date.
    expect(last.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(last.headers.get('sunset')).toBe(new Date(w.sunsetAt).toUTCString());
  });

  it('delivers the webhook with a valid signature', async () => {
    await w.waitForWebhook();
    const hook = w.webhook!;
    expect(hook).toMatchObject({ verified: true, type: 'registry.version.deprecated' });
    expect(hook.data).toMatchObject({ name: 'camera-counting', version: 'v1' });
    expect(new Date(String(hook.data['sunsetAt'])).toISOString()).toBe(w.sunsetAt);
    // The check is real: the same message under another secret does not verify.
    const forged = verifySignature(
      `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
      { id: hook.id, timestamp: String(hook.timestamp), signature: 'v1,AAAA' },
      hook.body,
    );
    expect(forged).toBe(false);
  });

  it('counts every call in analytics', async () => {
    const expected = w.attributedCalls;
    expect(expected).toBeGreaterThanOrEqual(3);
    expect(await w.analytics()).toContain(`the consumer made ${expected} requests`);
    expect(w.usage).toMatchObject({ requests: expected, successful: expected, failed: 0 });
  });

  it('exports what the walkthrough configured with the config CLI, through the gateway', async () => {
    const bin = path.resolve(__dirname, '../../config/bin/portico.cjs');
    const child = spawn(
      process.execPath,
      [bin, 'config', 'export', '--url', suite.urls.gateway, '--api-key', ADMIN_KEY],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const doc = parse(stdout);
    const api = doc.apis.find((a: any) => a.name === 'camera-counting');
    expect(api.versions).toEqual([
      expect.objectContaining({ version: 'v1', status: 'deprecated', sunsetAt: w.sunsetAt }),
    ]);
    expect(doc.consumers).toEqual([
      expect.objectContaining({ email: 'e2e-walkthrough@example.com', status: 'approved' }),
    ]);
  }, 30_000);

  it('runs as a script (node tools/demo/walkthrough.mjs), starting over from the previous run', async () => {
    const script = path.resolve(__dirname, '..', 'walkthrough.mjs');
    const child = spawn(
      process.execPath,
      [script, '--url', suite.urls.gateway, '--api-key', ADMIN_KEY],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect({ code, out }).toMatchObject({ code: 0 });
    expect(out).toContain("removed the API 'camera-counting' left by a previous run");
    const steps = out.split('\n').filter((l) => /^\s?\d+\/12 /.test(l));
    expect(steps).toHaveLength(12);
    expect(steps[9]).toMatch(/Deprecation: @\d+, Sunset: \w{3}, \d{2} \w{3} \d{4}/);
    expect(steps[10]).toContain('signature verified');
    expect(steps[11]).toMatch(/the consumer made (\d+) requests \(\1 successful, 0 failed/);
  }, 60_000);
});
