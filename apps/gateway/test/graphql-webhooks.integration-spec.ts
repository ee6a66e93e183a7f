import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@portico/testing';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ADMIN_KEY, startSuite, type Suite } from './graphql-support';

/** The webhook dispatcher's part of the graph, against the real dispatcher and a real receiver. */
describe('GraphQL at the gateway: webhooks', () => {
  let s: Suite;
  let receiver: http.Server;
  let receiverUrl: string;
  let endpointId: string;
  const received: string[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    s = await startSuite(['webhook-dispatcher']);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  });

  const MESSAGES = `query($type: String) {
    webhookMessages(first: 10, filter: { eventType: $type }) {
      totalCount
      edges { node { id eventType attempts { endpointId status responseStatus trigger } } }
    }
  }`;

  it('creates an endpoint (secret shown once), delivers, lists messages with attempts in two calls, resends', async () => {
    const bad = await s.gql(
      `mutation { createWebhookEndpoint(input: { url: "ftp://example.com" }) { id } }`,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [expect.objectContaining({ field: 'url' })],
    });

    const created = await s.gql(
      `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: ["order.created"] }) { id url secret isActive } }`,
      { url: receiverUrl },
    );
    expect(created.errors).toBeUndefined();
    const endpoint = created.data.createWebhookEndpoint;
    endpointId = endpoint.id;
    expect(endpoint.secret).toMatch(/^whsec_/);
    const listed = await s.gql(`{ webhookEndpoints { totalCount edges { node { id secret } } } }`);
    expect(listed.data.webhookEndpoints.edges).toEqual([
      { node: { id: endpoint.id, secret: null } },
    ]);

    for (const n of [1, 2, 3]) {
      const res = await s.rest('webhook-dispatcher').post('/api/v1/webhooks/messages', {
        eventType: 'order.created',
        payload: { n },
      });
      expect(res.status).toBeLessThan(300);
    }
    const delivered = await waitFor(
      async () => {
        const r = await s.gql(MESSAGES, { type: 'order.created' });
        const edges = r.data?.webhookMessages?.edges ?? [];
        return edges.length === 3 &&
          edges.every((e: { node: { attempts: unknown[] } }) => e.node.attempts.length === 1)
          ? edges
          : null;
      },
      { timeoutMs: 20_000, what: 'three delivered messages' },
    );
    expect(delivered[0].node.attempts[0]).toEqual({
      endpointId: endpoint.id,
      status: 'succeeded',
      responseStatus: 200,
      trigger: 'scheduled',
    });
    expect(received).toHaveLength(3);

    s.calls.length = 0;
    await s.gql(MESSAGES, { type: 'order.created' });
    expect([...s.calls].sort()).toEqual([
      'webhooks.graph.attempts.by-message',
      'webhooks.graph.messages.list',
    ]);

    const messageId = delivered[0].node.id;
    const resent = await s.gql(
      `mutation($m: ID!, $e: ID!) { resendMessage(messageId: $m, endpointId: $e) { endpointId status } }`,
      { m: messageId, e: endpoint.id },
    );
    expect(resent.errors).toBeUndefined();
    await waitFor(() => received.length === 4, { timeoutMs: 20_000, what: 'the resent delivery' });
    const recovered = await s.gql(
      `mutation($id: ID!, $since: String!) { recoverEndpoint(id: $id, since: $since) { recovered more } }`,
      { id: endpoint.id, since: new Date(Date.now() - 3_600_000).toISOString() },
    );
    expect(recovered.data.recoverEndpoint).toEqual({ recovered: 0, more: false });
    const unknown = await s.gql(
      `mutation($e: ID!) { resendMessage(messageId: "msg_nope", endpointId: $e) { status } }`,
      { e: endpoint.id },
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('streams new delivery attempts of an endpoint over graphql-ws (webhookAttempts)', async () => {
    const client = createClient({
      url: `${s.gateway.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': ADMIN_KEY },
      retryAttempts: 0,
    });
    try {
      const unknown = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: 'subscription { webhookAttempts(endpoint: "whe_nope") { id } }' },
          { next: (r) => resolve(r.errors), error: resolve, complete: () => resolve('complete') },
        );
      });
      expect(JSON.stringify(unknown)).toContain('NOT_FOUND');

      const seen: Array<{ status: string; responseStatus: number; trigger: string }> = [];
      const stop = client.subscribe<{
        webhookAttempts: { status: string; responseStatus: number; trigger: string };
      }>(
        {
          query: `subscription($e: ID!) { webhookAttempts(endpoint: $e) { id status responseStatus trigger } }`,
          variables: { e: endpointId },
        },
        {
          next: (r) => r.data && seen.push(r.data.webhookAttempts),
          error: () => undefined,
          complete: () => undefined,
        },
      );
      // Only attempts made after subscribing arrive (four were made by the test above). A second
      // poll means the first one, which marks what already exists, is done.
      s.calls.length = 0;
      await waitFor(
        () => s.calls.filter((c) => c === 'webhooks.graph.attempts.since').length >= 2,
        { timeoutMs: 15_000, what: 'the subscription to poll twice' },
      );
      await waitFor(() => received.length >= 4, { what: 'earlier deliveries' });
      const before = received.length;
      const res = await s.rest('webhook-dispatcher').post('/api/v1/webhooks/messages', {
        eventType: 'order.created',
        payload: { n: 99 },
      });
      expect(res.status).toBeLessThan(300);
      await waitFor(() => received.length > before, { timeoutMs: 20_000, what: 'the delivery' });
      await waitFor(() => seen.length === 1, {
        timeoutMs: 20_000,
        what: 'the attempt over graphql-ws',
      });
      expect(seen).toEqual([
        expect.objectContaining({ status: 'succeeded', responseStatus: 200, trigger: 'scheduled' }),
      ]);
      stop();
    } finally {
      await client.dispose();
    }
  });
});
