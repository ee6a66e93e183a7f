import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { cli, ok, startSuite, type Suite } from './support';

const SUNSET = '2099-06-30T00:00:00.000Z';

describe('portico config export | diff | apply against the real services', () => {
  let s: Suite;
  let exported: string;
  let tenantKey: string;
  const file = (name: string) => path.join(s.dir, name);

  beforeAll(async () => {
    s = await startSuite();
    await seed(s);
  }, 90_000);
  afterAll(async () => {
    await s?.close();
  });

  it('exports the live configuration as deterministic YAML without ids or secrets', async () => {
    const first = await cli(['config', 'export', '-f', 'live.yaml', ...s.urlArgs], s.dir);
    expect(first).toMatchObject({ code: 0 });
    exported = readFileSync(file('live.yaml'), 'utf8');
    const again = await cli(['config', 'export', ...s.urlArgs], s.dir);
    expect(again.stdout).toBe(exported);

    expect(exported).not.toMatch(/\b(api|ver|rte|pln|con|whe|key)_[0-9A-Z]{26}\b/);
    expect(exported).not.toMatch(/whsec_|pk_live_|createdAt|updatedAt/);
    const doc = parse(exported);
    expect(doc.apis.map((a: any) => a.name)).toEqual(['cameras', 'weather']);
    const cameras = doc.apis[0];
    expect(cameras.tags).toEqual(['iot', 'video']);
    expect(cameras.versions.map((v: any) => [v.version, v.status])).toEqual([
      ['v1', 'deprecated'],
      ['v2', 'published'],
    ]);
    expect(cameras.versions[0]).toMatchObject({ sunsetAt: SUNSET, successorVersion: 'v2' });
    expect(cameras.versions[1].routes.map((r: any) => `${r.method} ${r.path}`)).toEqual([
      'GET /cameras',
      'GET /cameras/{id}',
    ]);
    expect(cameras.versions[1].routes[1].policies.cache).toMatchObject({ ttlSeconds: 30 });
    expect(doc.plans).toEqual([
      expect.objectContaining({ name: 'gold', allowedApis: ['cameras'], rateLimitPerMinute: 600 }),
    ]);
    expect(doc.consumers.map((c: any) => [c.email, c.plan, c.status])).toEqual([
      ['ada@example.com', 'gold', 'approved'],
      ['bob@example.com', null, 'suspended'],
    ]);
    expect(doc.webhooks).toEqual([
      expect.objectContaining({
        url: 'http://127.0.0.1:9/hooks/ada',
        consumer: 'ada@example.com',
        eventTypes: ['registry.version.deprecated'],
      }),
    ]);
  });

  it('applies the export to an empty tenant and exports the same YAML from it', async () => {
    const tenant = await ok(
      s.admin.consumers.post('/api/v1/tenants', {
        name: 'Copy',
        slug: 'copy',
        admin: { email: 'ops@copy.example', name: 'Ops' },
      }),
    );
    tenantKey = tenant.adminKey.key;
    const empty = await cli(['config', 'export', ...s.urlArgs], s.dir, tenantKey);
    expect(parse(empty.stdout)).toMatchObject({ apis: [], plans: [], consumers: [], webhooks: [] });

    const diff = await cli(['config', 'diff', '-f', 'live.yaml', ...s.urlArgs], s.dir, tenantKey);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toContain('+ api cameras');
    expect(diff.stdout).toContain('+ version cameras v1 (deprecated, 2 routes)');
    expect(diff.stdout).toContain('+ consumer bob@example.com (suspended)');
    expect(diff.stdout).toMatch(/Plan: \d+ to create, 0 to update, 0 to delete\./);

    const applied = await cli(
      ['config', 'apply', '-f', 'live.yaml', ...s.urlArgs],
      s.dir,
      tenantKey,
    );
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Applied');

    const copy = await cli(['config', 'export', ...s.urlArgs], s.dir, tenantKey);
    expect(copy.stdout).toBe(exported);
    // The lifecycle went through the real endpoints: the copy's v1 is deprecated with its sunset.
    const v1 = await s.registry.client.get('/api/v1/apis/cameras/versions/v1', {
      headers: { 'x-api-key': tenantKey },
    });
    expect(v1.body.data).toMatchObject({ status: 'deprecated', successorVersion: 'v2' });
    expect(new Date(v1.body.data.sunsetAt).toISOString()).toBe(SUNSET);
  });

  it('is idempotent: a second apply changes nothing and diff exits 0', async () => {
    const second = await cli(
      ['config', 'apply', '-f', 'live.yaml', ...s.urlArgs],
      s.dir,
      tenantKey,
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No changes');
    expect(second.stdout).not.toContain('applying');
    const diff = await cli(['config', 'diff', '-f', 'live.yaml', ...s.urlArgs], s.dir, tenantKey);
    expect(diff.code).toBe(0);
  });

  it('shows field-level updates, applies them, and deletes only with --prune', async () => {
    const doc = parse(exported);
    doc.plans[0].rateLimitPerMinute = 1200;
    doc.apis[0].versions[1].routes.push({ method: 'GET', path: '/counting-results' });
    doc.apis[0].description = 'Counting cameras';
    doc.webhooks = [];
    writeFileSync(file('changed.yaml'), JSON.stringify(doc));

    const diff = await cli(
      ['config', 'diff', '-f', 'changed.yaml', ...s.urlArgs],
      s.dir,
      tenantKey,
    );
    expect(diff.code).toBe(2);
    expect(diff.stdout).toContain(
      '~ plan gold: rateLimitPerMinute\n    rateLimitPerMinute: 600 → 1200',
    );
    expect(diff.stdout).toContain('~ api cameras: description');
    expect(diff.stdout).toContain('+ route cameras v2 GET /counting-results');
    expect(diff.stdout).not.toContain('- webhook');

    const pruneDiff = await cli(
      ['config', 'diff', '--prune', '-f', 'changed.yaml', ...s.urlArgs],
      s.dir,
      tenantKey,
    );
    expect(pruneDiff.stdout).toContain('- webhook http://127.0.0.1:9/hooks/ada (ada@example.com)');

    const applied = await cli(
      ['config', 'apply', '--prune', '-f', 'changed.yaml', ...s.urlArgs],
      s.dir,
      tenantKey,
    );
    expect(applied.code).toBe(0);
    const plan = await s.consumers.client.get('/api/v1/plans', {
      headers: { 'x-api-key': tenantKey },
    });
    expect(plan.body.data[0].rateLimitPerMinute).toBe(1200);
    const hooks = await s.webhooks.client.get('/api/v1/webhooks/endpoints', {
      headers: { 'x-api-key': tenantKey },
    });
    expect(hooks.body.data).toEqual([]);
    const after = await cli(
      ['config', 'diff', '--prune', '-f', 'changed.yaml', ...s.urlArgs],
      s.dir,
      tenantKey,
    );
    expect(after.code).toBe(0);

    // --prune stays within the sections the file has: a plans-only file deletes no API.
    writeFileSync(file('plans-only.yaml'), JSON.stringify({ plans: doc.plans }));
    const plansOnly = await cli(
      ['config', 'diff', '--prune', '-f', 'plans-only.yaml', ...s.urlArgs],
      s.dir,
      tenantKey,
    );
    expect(plansOnly).toMatchObject({ code: 0 });
    expect(plansOnly.stdout).toContain('No changes');
  });

  it('refuses what the lifecycle does not allow, changing nothing', async () => {
    const doc = parse(exported);
    doc.apis[0].versions[0].status = 'published';
    writeFileSync(file('backwards.yaml'), JSON.stringify(doc));
    const res = await cli(
      ['config', 'apply', '-f', 'backwards.yaml', ...s.urlArgs],
      s.dir,
      tenantKey,
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('✗ version cameras v1: is deprecated; a version cannot go back');
    expect(res.stdout).not.toContain('applying');

    // A file without plans: may name plans on the server, but not plans that exist nowhere.
    const consumers = (plan: string) => ({ consumers: [{ ...doc.consumers[0], plan }] });
    writeFileSync(file('consumers.yaml'), JSON.stringify(consumers('gold')));
    const known = await cli(
      ['config', 'diff', '-f', 'consumers.yaml', ...s.urlArgs],
      s.dir,
      tenantKey,
    );
    expect(known).toMatchObject({ code: 0 });
    writeFileSync(file('consumers.yaml'), JSON.stringify(consumers('platinum')));
    const unknown = await cli(
      ['config', 'apply', '-f', 'consumers.yaml', ...s.urlArgs],
      s.dir,
      tenantKey,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain("✗ consumer ada@example.com: no plan named 'platinum'");
  });

  it('reports an invalid file as file:path: message lines and exits 1', async () => {
    writeFileSync(
      file('bad.yaml'),
      [
        'apis:',
        '  - name: Cameras',
        '    title: Cameras',
        '    tags: [Bad Tag]',
        '    versions:',
        '      - version: v1',
        '        status: published',
        '        basePath: counting',
        '        upstream: { targets: [{ url: http://127.0.0.1:1 }] }',
        'plans:',
        '  - name: gold',
        '    allowedApis: [nope]',
        'consumers:',
        '  - email: not-an-email',
        '    name: X',
        'surprise: true',
      ].join('\n'),
    );
    const res = await cli(['config', 'diff', '-f', 'bad.yaml', ...s.urlArgs], s.dir);
    expect(res.code).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bad\.yaml:apis\.0\.name: must be a lowercase slug/),
        expect.stringMatching(/^bad\.yaml:apis\.0\.tags\.0: must be lowercase letters/),
        expect.stringMatching(/^bad\.yaml:apis\.0\.versions\.0\.basePath: must start with \//),
        expect.stringMatching(/^bad\.yaml:consumers\.0\.email: /),
        expect.stringMatching(/^bad\.yaml:\(root\): Unrecognized key: "surprise"/),
      ]),
    );
    expect(res.stdout).toBe('');

    writeFileSync(file('refs.yaml'), 'apis: []\nplans:\n  - name: gold\n    allowedApis: [nope]\n');
    const refs = await cli(['config', 'diff', '-f', 'refs.yaml', ...s.urlArgs], s.dir);
    expect(refs.stderr.trim()).toBe(
      "refs.yaml:plans.0.allowedApis.0: no API named 'nope' in this file",
    );

    writeFileSync(file('syntax.yaml'), 'apis: [\n  - oops: {');
    const syntax = await cli(['config', 'diff', '-f', 'syntax.yaml', ...s.urlArgs], s.dir);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/^syntax\.yaml:line \d+, column \d+: /);
  });

  it('adopts a pending sign-up the file names: approved on the file plan, with its fields', async () => {
    const tenant = await ok(
      s.admin.consumers.post('/api/v1/tenants', {
        name: 'Adopt',
        slug: 'adopt',
        admin: { email: 'ops@adopt.example', name: 'Ops' },
      }),
    );
    const key = tenant.adminKey.key as string;
    const signup = await s.admin.consumers.post('/api/v1/signup', {
      tenant: 'adopt',
      name: 'Carol (self-service)',
      email: 'carol@example.com',
    });
    expect(signup.status).toBe(201);
    writeFileSync(
      file('adopt.yaml'),
      [
        'plans:',
        '  - name: silver',
        '    rateLimitPerMinute: 60',
        'consumers:',
        '  - email: carol@example.com',
        '    name: Carol',
        '    metadata: { team: data }',
        '    plan: silver',
      ].join('\n'),
    );
    const applied = await cli(['config', 'apply', '-f', 'adopt.yaml', ...s.urlArgs], s.dir, key);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('status: "pending" → "approved"');
    expect(applied.stdout).toContain('applying ~ consumer carol@example.com');
    // Converged: nothing left to do, and the live consumer is what the file says.
    const again = await cli(['config', 'diff', '-f', 'adopt.yaml', ...s.urlArgs], s.dir, key);
    expect(again.stdout).toContain('No changes');
    expect(again.code).toBe(0);
    const live = parse((await cli(['config', 'export', ...s.urlArgs], s.dir, key)).stdout) as {
      consumers: Array<Record<string, unknown>>;
    };
    expect(live.consumers).toEqual([
      expect.objectContaining({
        email: 'carol@example.com',
        name: 'Carol',
        metadata: { team: 'data' },
        plan: 'silver',
        status: 'approved',
      }),
    ]);
  });

  it('runs as a command (bin portico): diff through the same code', async () => {
    const bin = path.resolve(__dirname, '../bin/portico.cjs');
    // Asynchronously: the services answering it run in this process.
    const child = spawn(
      process.execPath,
      [bin, 'config', 'diff', '-f', file('live.yaml'), ...s.urlArgs, '--api-key', tenantKey],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const res = { stdout: '', stderr: '', status: null as number | null };
    child.stdout.on('data', (d: Buffer) => (res.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (res.stderr += d.toString()));
    res.status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(res.stderr).toBe('');
    // changed.yaml was applied with a different rate limit: live.yaml now differs from the copy.
    expect(res.stdout).toContain('~ plan gold: rateLimitPerMinute');
    expect(res.status).toBe(2);
  }, 60_000);
});

/** A realistic tenant, made through the services' own endpoints. */
async function seed(s: Suite): Promise<void> {
  const { registry, consumers, webhooks } = s.admin;
  const cameras = await ok(
    registry.post('/api/v1/apis', {
      name: 'cameras',
      title: 'Camera counting',
      tags: ['video', 'iot'],
      owner: 'team-mobility',
    }),
  );
  await ok(registry.post('/api/v1/apis', { name: 'weather', title: 'Weather' }));
  const upstream = { targets: [{ url: 'http://127.0.0.1:4010' }] };
  for (const version of ['v1', 'v2']) {
    await ok(
      registry.post('/api/v1/apis/cameras/versions', {
        version,
        basePath: '/counting',
        upstream,
        policies: { auth: { type: 'apiKey' }, rateLimit: { requests: 100, windowSeconds: 60 } },
        routes: [
          { method: 'GET', path: '/cameras', operationId: 'listCameras' },
          {
            method: 'GET',
            path: '/cameras/{id}',
            summary: 'One camera',
            policies: { cache: { ttlSeconds: 30 } },
          },
        ],
      }),
    );
    await ok(registry.post(`/api/v1/apis/cameras/versions/${version}/publish`));
  }
  await ok(
    registry.post('/api/v1/apis/cameras/versions/v1/deprecate', {
      sunsetAt: SUNSET,
      successorVersion: 'v2',
    }),
  );
  await ok(
    registry.post('/api/v1/apis/weather/versions', {
      version: '1.0.0',
      basePath: '/weather',
      upstream: { service: 'weather-service' },
    }),
  );
  const gold = await ok(
    consumers.post('/api/v1/plans', {
      name: 'gold',
      rateLimitPerMinute: 600,
      allowedApis: [cameras.id],
    }),
  );
  const ada = await ok(
    consumers.post('/api/v1/consumers', {
      name: 'Ada',
      email: 'ada@example.com',
      planId: gold.id,
      metadata: { team: 'analytics', crm: '42' },
    }),
  );
  const bob = await ok(
    consumers.post('/api/v1/consumers', {
      name: 'Bob',
      email: 'bob@example.com',
      type: 'application',
    }),
  );
  await ok(consumers.post(`/api/v1/consumers/${bob.id}/suspend`, {}));
  await ok(consumers.post(`/api/v1/consumers/${ada.id}/keys`, { name: 'ci' }));
  await ok(
    webhooks.post('/api/v1/webhooks/endpoints', {
      url: 'http://127.0.0.1:9/hooks/ada',
      consumerId: ada.id,
      eventTypes: ['registry.version.deprecated'],
    }),
  );
}
