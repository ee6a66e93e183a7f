import { waitFor } from '@portico/testing';
import { startSuite, type Suite } from './graphql-support';

let seq = 0;
const email = (tag: string) => `${tag}-${Date.now().toString(36)}-${++seq}@example.com`;

/**
 * consumer-management's part of the graph, end to end (real service over NATS), plus the N+1
 * bound across both services and tenant isolation.
 */
describe('GraphQL at the gateway: consumers, keys, N+1 bound, tenants', () => {
  let s: Suite;

  beforeAll(async () => {
    s = await startSuite();
  }, 120_000);
  afterAll(() => s?.close());

  const SIGN_UP = `mutation($input: SignUpInput!) {
    signUpConsumer(input: $input) { consumer { id status } key { id key prefix status } }
  }`;

  it('signs up without a credential, approves, and the new key then authenticates as the consumer', async () => {
    const anonymous = s.as('');
    const signed = await anonymous(SIGN_UP, { input: { name: 'Dev', email: email('dev') } });
    expect(signed.errors).toBeUndefined();
    const { consumer, key } = signed.data.signUpConsumer;
    expect(consumer.status).toBe('pending');
    expect(key.key).toMatch(/^pk_live_/);

    const denied = await s.as(key.key)(`{ me { role } }`);
    expect(denied.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED');

    const approved = await s.gql(`mutation($id: ID!) { approveConsumer(id: $id) { status } }`, {
      id: consumer.id,
    });
    expect(approved.data.approveConsumer.status).toBe('approved');
    const me = await waitFor(async () => {
      const r = await s.as(key.key)(`{ me { role consumerId tenantId } }`);
      return r.data?.me;
    });
    expect(me).toEqual({ role: 'consumer', consumerId: consumer.id, tenantId: 'ten_default' });
    // A consumer may read itself, not the consumer list, and cannot approve anyone.
    const self = await s.as(key.key)(`query($id: ID!) { consumer(id: $id) { id } }`, {
      id: consumer.id,
    });
    expect(self.data.consumer.id).toBe(consumer.id);
    const list = await s.as(key.key)(`{ consumers { totalCount } }`);
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The registry is internal (upstreams, drafts): consumers cannot read or change it.
    const apis = await s.as(key.key)(`{ apis { totalCount } }`);
    expect(apis.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const create = await s.as(key.key)(
      `mutation { createApi(input: { name: "sneaky", title: "S" }) { id } }`,
    );
    expect(create.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('creates a key (shown once), lists it masked, rotates and revokes it; revoked keys stop at once', async () => {
    const signed = await s.as('')(SIGN_UP, { input: { name: 'App', email: email('app') } });
    const id = signed.data.signUpConsumer.consumer.id;
    await s.gql(`mutation($id: ID!) { approveConsumer(id: $id) { id } }`, { id });
    const created = await s.gql(
      `mutation($id: ID!) { createApiKey(consumerId: $id, input: { name: "ci", scopes: ["orders:read"] }) { id key masked status } }`,
      { id },
    );
    expect(created.errors).toBeUndefined();
    const k = created.data.createApiKey;
    expect(k.key.startsWith(k.masked.replace(/_\*+$/, ''))).toBe(true);

    const listed = await s.gql(
      `query($id: ID!) { consumer(id: $id) { keys { totalCount edges { node { id masked scopes } } } } }`,
      { id },
    );
    expect(listed.data.consumer.keys.totalCount).toBe(2);
    expect(listed.text).not.toContain(k.key);

    const rotated = await s.gql(
      `mutation($id: ID!, $key: ID!) { rotateApiKey(consumerId: $id, keyId: $key, gracePeriodSeconds: 0) { previous { id replacedById } current { id key } } }`,
      { id, key: k.id },
    );
    expect(rotated.errors).toBeUndefined();
    const current = rotated.data.rotateApiKey.current;
    expect(rotated.data.rotateApiKey.previous.replacedById).toBe(current.id);

    expect((await s.as(current.key)(`{ me { keyId } }`)).data.me.keyId).toBe(current.id);
    const revoked = await s.gql(
      `mutation($id: ID!, $key: ID!) { revokeApiKey(consumerId: $id, keyId: $key) { status revokedAt } }`,
      { id, key: current.id },
    );
    expect(revoked.data.revokeApiKey.status).toBe('revoked');
    await waitFor(
      async () =>
        (await s.as(current.key)(`{ me { keyId } }`)).errors?.[0]?.extensions?.code ===
        'UNAUTHORIZED',
      { timeoutMs: 10_000, what: 'the revoked key to be refused' },
    );
  });

  it('rejects with a reason and validates like REST', async () => {
    const signed = await s.as('')(SIGN_UP, { input: { name: 'Spam', email: email('spam') } });
    const id = signed.data.signUpConsumer.consumer.id;
    const noReason = await s.gql(
      `mutation($id: ID!) { rejectConsumer(id: $id, reason: "") { id } }`,
      {
        id,
      },
    );
    expect(noReason.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [expect.objectContaining({ field: 'reason' })],
    });
    const rejected = await s.gql(
      `mutation($id: ID!) { rejectConsumer(id: $id, reason: "spam") { status statusReason } }`,
      { id },
    );
    expect(rejected.data.rejectConsumer).toEqual({ status: 'rejected', statusReason: 'spam' });
    const again = await s.gql(`mutation($id: ID!) { approveConsumer(id: $id) { id } }`, { id });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const badEmail = await s.as('')(SIGN_UP, { input: { name: 'X', email: 'not-an-email' } });
    expect(badEmail.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
  });

  it('serves 50 APIs with versions and 50 consumers with keys, subscriptions and plans in six service calls (one per kind)', async () => {
    const plan = await s
      .rest('consumer-management')
      .post('/api/v1/plans', { name: `Gold ${Date.now()}` });
    expect(plan.status).toBe(201);
    // Ten at a time: the registry's change transactions queue on its database pool beyond that.
    const batches = [0, 1, 2, 3, 4];
    for (const b of batches) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const n = b * 10 + i;
          const api = await s.gql(
            `mutation($n: String!) { createApi(input: { name: $n, title: $n }) { id } }`,
            { n: `bulk-${n}` },
          );
          const v = await s.gql(
            `mutation($api: String!, $input: JSON!) { createVersion(api: $api, input: $input) { id } }`,
            {
              api: api.data.createApi.id,
              input: {
                version: 'v1',
                basePath: `/bulk-${n}`,
                upstream: { service: 'bulk' },
                routes: [{ method: 'GET', path: '/' }],
              },
            },
          );
          expect(v.errors).toBeUndefined();
          const c = await s.rest('consumer-management').post('/api/v1/consumers', {
            name: `C${n}`,
            email: email('bulk'),
            planId: plan.body.data.id,
          });
          expect(c.status).toBe(201);
          const k = await s
            .rest('consumer-management')
            .post(`/api/v1/consumers/${c.body.data.id}/keys`, {
              name: 'k',
            });
          expect(k.status).toBe(201);
        }),
      );
    }
    s.calls.length = 0;
    const res = await s.gql(`{
      apis(first: 50, filter: { search: "bulk-" }) {
        edges { node { id versions { id routes { id path } } } }
      }
      consumers(first: 50) {
        edges { node { id keys { edges { node { id } } } subscriptions { id } plan { name } } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.apis.edges).toHaveLength(50);
    for (const e of res.data.apis.edges) expect(e.node.versions[0].routes).toHaveLength(1);
    const bulk = res.data.consumers.edges.filter((e: { node: { plan: { name: string } | null } }) =>
      e.node.plan?.name.startsWith('Gold'),
    );
    expect(bulk).toHaveLength(50);
    for (const e of bulk) expect(e.node.keys.edges).toHaveLength(1);
    expect([...s.calls].sort()).toEqual([
      'consumer.graph.consumers.list',
      'consumer.graph.keys.by-consumer',
      'consumer.graph.plans.by-id',
      'consumer.graph.subscriptions.by-consumer',
      'registry.graph.apis.list',
      'registry.graph.versions.by-api',
    ]);
  }, 90_000);

  it("keeps tenants apart: another tenant's admin and user see none of this tenant's data", async () => {
    const api = await s.gql(
      `mutation { createApi(input: { name: "private-api", title: "P" }) { id } }`,
    );
    const apiId = api.data.createApi.id;
    const consumer = await s.rest('consumer-management').post('/api/v1/consumers', {
      name: 'Mine',
      email: email('mine'),
    });
    const tenant = await s.rest('consumer-management').post('/api/v1/tenants', {
      name: 'Other',
      slug: `other-${Date.now().toString(36)}`,
      admin: { email: email('other-admin'), name: 'Other admin' },
    });
    expect(tenant.status).toBe(201);
    const adminB = tenant.body.data.adminKey.key as string;
    const asAdminB = s.rest('consumer-management').withHeaders({ 'x-api-key': adminB });
    const user = await asAdminB.post('/api/v1/users', {
      email: email('u'),
      name: 'U',
      role: 'user',
    });
    const userKey = await asAdminB.post(`/api/v1/users/${user.body.data.id}/keys`, { name: 'k' });
    const userB = userKey.body.data.key as string;

    for (const key of [adminB, userB]) {
      const gql = s.as(key);
      const me = await gql(`{ me { tenantId } }`);
      expect(me.data.me.tenantId).toBe(tenant.body.data.tenant.id);
      const lists = await gql(`{ apis { totalCount } consumers { totalCount } }`);
      expect(lists.errors).toBeUndefined();
      expect(lists.data).toEqual({ apis: { totalCount: 0 }, consumers: { totalCount: 0 } });
      const one = await gql(`query($id: ID!) { api(id: $id) { id } }`, { id: apiId });
      expect(one.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const c = await gql(`query($id: ID!) { consumer(id: $id) { id } }`, {
        id: consumer.body.data.id,
      });
      expect(c.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const approve = await gql(`mutation($id: ID!) { approveConsumer(id: $id) { id } }`, {
        id: consumer.body.data.id,
      });
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(approve.errors?.[0]?.extensions?.code);
    }
  });
});
