import type { TestResponse } from '@portico/testing';
import { startRegistry, versionBody, type Registry } from './helpers';

type Reply = TestResponse<{
  data?: { id: string; version: string };
  error?: { code: string; message: string };
}>;

/** A 503 must say when to come back; anything 5xx else (a 500 above all) is a bug. */
function expectNoServerError(replies: Reply[]): void {
  const bad = replies.filter((r) => r.status >= 500 && r.status !== 503);
  expect(bad.map((r) => ({ status: r.status, error: r.body.error }))).toEqual([]);
  for (const r of replies.filter((x) => x.status === 503)) {
    expect(r.body.error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
  }
}

describe('registry: concurrent writes', () => {
  let r: Registry;

  beforeAll(async () => {
    r = await startRegistry();
  });
  afterAll(async () => {
    await r.close();
  });

  it('40 concurrent version creations on one API: each distinct one once, duplicates 409, no 5xx', async () => {
    expect((await r.admin.post('/api/v1/apis', { name: 'busy', title: 'Busy' })).status).toBe(201);
    const distinct = Array.from({ length: 30 }, (_, i) => `v${i + 1}`);
    // Ten more requests race for five names: one of each pair must win, the other gets a 409.
    const dupes = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9', 'v10'];
    const names = [...distinct, ...dupes];
    const replies = await Promise.all(
      names.map((v, i) =>
        r.admin.post('/api/v1/apis/busy/versions', versionBody(v, { basePath: `/b${i}` })),
      ),
    );
    expectNoServerError(replies);
    // Every request got a definite answer; a 503 here would mean the app shed load it can carry.
    expect(replies.filter((x) => x.status !== 201 && x.status !== 409)).toEqual([]);

    const created = replies.filter((x) => x.status === 201).map((x) => x.body.data!.version);
    expect([...created].sort()).toEqual([...distinct].sort());
    const conflicts = replies.filter((x) => x.status === 409);
    expect(conflicts).toHaveLength(dupes.length);
    for (const c of conflicts) expect(c.body.error?.code).toBe('CONFLICT');

    // Nothing half-written: the stored versions are exactly the created ones, each with its routes,
    // and every creation was audited once.
    const list = await r.admin.get('/api/v1/apis/busy/versions?limit=100');
    expect(list.status).toBe(200);
    const stored = list.body.data as Array<{ id: string; version: string }>;
    expect(stored.map((v) => v.version).sort()).toEqual([...distinct].sort());
    for (const v of stored.slice(0, 3)) {
      const one = await r.admin.get(`/api/v1/apis/busy/versions/${v.id}`);
      expect(one.body.data.routes).toHaveLength(2);
    }
    expect(await count(r, `audit_entries WHERE action = 'version.created'`)).toBe(distinct.length);
    expect(await count(r, `outbox_events WHERE type = 'registry.version.created'`)).toBe(
      distinct.length,
    );
  });

  it('writes queued behind a held revision lock wait their turn instead of exhausting the pool', async () => {
    // A long change (a big import, say) holds the revision row; 25 creations arrive meanwhile.
    // They used to take all ten pooled connections and the rest failed after the pool's 3 s
    // connect timeout with a 500; now they queue in memory and all go through once it is released.
    expect((await r.admin.post('/api/v1/apis', { name: 'queued', title: 'Queued' })).status).toBe(
      201,
    );
    const { Client } = await import('pg');
    const holder = new Client({ connectionString: r.db.databaseUrl });
    await holder.connect();
    let replies: Reply[];
    try {
      await holder.query(`SET search_path TO "${r.db.schema}"`);
      await holder.query('BEGIN');
      await holder.query('SELECT revision FROM registry_state WHERE id = 1 FOR UPDATE');
      const pending = Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          r.admin.post(
            '/api/v1/apis/queued/versions',
            versionBody(`v${i + 1}`, { basePath: `/q${i}` }),
          ),
        ),
      );
      // Longer than the pool's connect timeout, well under the write queue's 10 s.
      await new Promise((done) => setTimeout(done, 4_000));
      await holder.query('COMMIT');
      replies = await pending;
    } finally {
      await holder.end();
    }
    expectNoServerError(replies);
    expect(replies.map((x) => x.status)).toEqual(replies.map(() => 201));
    // Each of them stored exactly once.
    expect((await r.admin.get('/api/v1/apis/queued/versions?limit=100')).body.data).toHaveLength(
      25,
    );
  });

  it('concurrent API creations with one name: one 201, the rest 409', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        r.admin.post('/api/v1/apis', { name: 'contested', title: 'Contested' }),
      ),
    );
    expectNoServerError(replies);
    expect(replies.filter((x) => x.status === 201)).toHaveLength(1);
    const rest = replies.filter((x) => x.status !== 201);
    expect(rest.map((x) => x.status)).toEqual(rest.map(() => 409));
    for (const c of rest) expect(c.body.error?.code).toBe('CONFLICT');
    expect(await count(r, `apis WHERE name = 'contested'`)).toBe(1);
  });
});

/** Rows in this test's schema: `from` is the FROM clause (a table and an optional WHERE). */
async function count(r: Registry, from: string): Promise<number> {
  const { Client } = await import('pg');
  const c = new Client({ connectionString: r.db.databaseUrl });
  await c.connect();
  try {
    await c.query(`SET search_path TO "${r.db.schema}"`);
    const res = await c.query(`SELECT count(*)::int AS n FROM ${from}`);
    return res.rows[0].n as number;
  } finally {
    await c.end();
  }
}
