import { waitFor } from '@portico/testing';
import { email, eventOf, type Harness, startHarness } from './support';

describe('onboarding: sign-up, approval, plans and subscriptions', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  async function signUp(body: Record<string, unknown> = {}) {
    const res = await h.app.client.post('/api/v1/signup', {
      name: 'Ada',
      email: email(),
      contact: { company: 'Analytical Engines' },
      metadata: { source: 'portal' },
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body.data as { consumer: any; key: any };
  }

  it('walks pending → approved → suspended → approved, with one event per transition', async () => {
    const { consumer, key } = await signUp();
    expect(consumer).toMatchObject({ status: 'pending', tenantId: 'ten_default' });
    expect(await h.verify(key.key)).toMatchObject({
      valid: false,
      reason: 'consumer_not_approved',
    });
    expect((await eventOf(h, 'consumer.created', consumer.id)).data).toMatchObject({
      status: 'pending',
      email: consumer.email,
    });

    const approved = await h.admin.post(`/api/v1/consumers/${consumer.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({
      status: 'approved',
      approvedAt: expect.any(String),
    });
    expect((await h.verify(key.key)).valid).toBe(true);

    const suspended = await h.admin.post(`/api/v1/consumers/${consumer.id}/suspend`, {
      reason: 'unpaid invoice',
    });
    expect(suspended.body.data).toMatchObject({
      status: 'suspended',
      statusReason: 'unpaid invoice',
    });
    expect(await h.verify(key.key)).toMatchObject({ reason: 'consumer_not_approved' });
    await waitFor(async () => (await h.as(key.key).get('/api/v1/keys')).status === 401);

    const back = await h.admin.post(`/api/v1/consumers/${consumer.id}/approve`);
    expect(back.body.data.status).toBe('approved');
    expect((await h.verify(key.key)).valid).toBe(true);

    const types = await waitFor(() => {
      const t = h.events.filter((e) => e.subject === consumer.id).map((e) => e.type);
      return t.length >= 4 ? t : undefined;
    });
    expect(types).toEqual([
      'consumer.created',
      'consumer.approved',
      'consumer.suspended',
      'consumer.approved',
    ]);
    const reapproval = h.events.filter(
      (e) => e.subject === consumer.id && e.type === 'consumer.approved',
    )[1]!;
    expect(reapproval.data).toMatchObject({ previousStatus: 'suspended' });
    expect(reapproval.tenantid).toBe('ten_default');
    expect(reapproval.source).toBe('consumer-management');
  });

  it('rejects with a reason; refuses transitions the workflow does not allow', async () => {
    const { consumer } = await signUp();
    expect((await h.admin.post(`/api/v1/consumers/${consumer.id}/reject`, {})).status).toBe(400);
    const rejected = await h.admin.post(`/api/v1/consumers/${consumer.id}/reject`, {
      reason: 'not a real company',
    });
    expect(rejected.body.data).toMatchObject({
      status: 'rejected',
      statusReason: 'not a real company',
    });
    expect((await eventOf(h, 'consumer.rejected', consumer.id)).data).toMatchObject({
      reason: 'not a real company',
    });
    for (const action of ['approve', 'suspend']) {
      const res = await h.admin.post(`/api/v1/consumers/${consumer.id}/${action}`, {});
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONFLICT');
    }
    const { consumer: pending } = await signUp();
    expect((await h.admin.post(`/api/v1/consumers/${pending.id}/suspend`, {})).status).toBe(409);
  });

  it('approves at sign-up on an auto-approve plan and carries the plan limits to the gateway', async () => {
    const plan = await h.admin.post('/api/v1/plans', {
      name: 'Starter',
      rateLimitPerMinute: 60,
      quotaPerMonth: 10_000,
      allowedApis: ['api_01ORDERS', 'api_01BILLING'],
      autoApprove: true,
    });
    expect(plan.status).toBe(201);
    const { consumer, key } = await signUp({ planId: plan.body.data.id });
    expect(consumer).toMatchObject({ status: 'approved', planId: plan.body.data.id });
    const reply = await h.verify(key.key);
    expect(reply).toMatchObject({
      valid: true,
      plan: {
        planId: plan.body.data.id,
        name: 'Starter',
        rateLimitPerMinute: 60,
        quotaPerMonth: 10_000,
      },
      allowedApis: ['api_01ORDERS', 'api_01BILLING'],
      subscriptions: [],
    });
    // A key restricted further gets the intersection.
    const narrow = await h.admin.post(`/api/v1/consumers/${consumer.id}/keys`, {
      name: 'orders only',
      allowedApis: ['api_01ORDERS', 'api_01OTHER'],
    });
    expect(await h.verify(narrow.body.data.key)).toMatchObject({ allowedApis: ['api_01ORDERS'] });

    // Changing the plan changes the answer (and announces it, so caches drop the old one).
    await h.admin.patch(`/api/v1/plans/${plan.body.data.id}`, { rateLimitPerMinute: 120 });
    await eventOf(h, 'consumer.plan.updated', plan.body.data.id);
    expect(await h.verify(key.key)).toMatchObject({ plan: { rateLimitPerMinute: 120 } });
  });

  it('subscribes to API versions, with approval when the plan requires it', async () => {
    const gold = await h.admin.post('/api/v1/plans', {
      name: 'Gold',
      rateLimitPerMinute: 1000,
      subscriptionApproval: true,
    });
    const { consumer, key } = await signUp({ planId: gold.body.data.id });
    await h.admin.post(`/api/v1/consumers/${consumer.id}/approve`);
    const me = h.as(key.key);

    const sub = await me.post(`/api/v1/consumers/${consumer.id}/subscriptions`, {
      apiId: 'api_01ORDERS',
      apiVersionId: 'ver_01ORDERSV1',
    });
    expect(sub.status).toBe(201);
    expect(sub.body.data).toMatchObject({ status: 'pending', planId: gold.body.data.id });
    expect(await h.verify(key.key)).toMatchObject({ valid: true, subscriptions: [] });
    // A consumer cannot approve its own subscription.
    expect((await me.post(`/api/v1/subscriptions/${sub.body.data.id}/approve`)).status).toBe(403);
    const dup = await me.post(`/api/v1/consumers/${consumer.id}/subscriptions`, {
      apiId: 'api_01ORDERS',
      apiVersionId: 'ver_01ORDERSV1',
    });
    expect(dup.status).toBe(409);

    const approved = await h.admin.post(`/api/v1/subscriptions/${sub.body.data.id}/approve`);
    expect(approved.body.data.status).toBe('approved');
    await eventOf(h, 'consumer.subscription.approved', sub.body.data.id);
    const reply = await h.verify(key.key);
    expect(reply).toMatchObject({
      subscriptions: ['ver_01ORDERSV1'],
      subscriptionPlans: [
        {
          subscriptionId: sub.body.data.id,
          apiId: 'api_01ORDERS',
          apiVersionId: 'ver_01ORDERSV1',
          plan: { planId: gold.body.data.id, rateLimitPerMinute: 1000, quotaPerMonth: null },
        },
      ],
    });

    const mine = await me.get('/api/v1/subscriptions');
    expect(mine.body.data.map((s: { id: string }) => s.id)).toEqual([sub.body.data.id]);
    const cancelled = await me.delete(`/api/v1/subscriptions/${sub.body.data.id}`);
    expect(cancelled.body.data.status).toBe('cancelled');
    expect(await h.verify(key.key)).toMatchObject({ valid: true, subscriptions: [] });
    // Subscribing again reopens the same subscription.
    const again = await me.post(`/api/v1/consumers/${consumer.id}/subscriptions`, {
      apiId: 'api_01ORDERS',
      apiVersionId: 'ver_01ORDERSV1',
    });
    expect(again.body.data).toMatchObject({ id: sub.body.data.id, status: 'pending' });
  });

  it('refuses sign-ups to unknown tenants, closed tenants and duplicate emails', async () => {
    const unknown = await h.app.client.post('/api/v1/signup', {
      tenant: 'nope',
      name: 'X',
      email: email(),
    });
    expect(unknown.status).toBe(404);
    const address = email();
    await signUp({ email: address });
    const dup = await h.app.client.post('/api/v1/signup', { name: 'Y', email: address });
    expect(dup.status).toBe(409);
    const invalid = await h.app.client.post('/api/v1/signup', { name: '', email: 'not-an-email' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'email',
      'name',
    ]);
    await h.admin.patch('/api/v1/tenants/ten_default', { selfSignup: false });
    const closed = await h.app.client.post('/api/v1/signup', { name: 'Z', email: email() });
    expect(closed.status).toBe(403);
    await h.admin.patch('/api/v1/tenants/ten_default', { selfSignup: true });
  });
});
