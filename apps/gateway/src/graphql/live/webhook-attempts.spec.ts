import { GraphRpcSubject, WEBHOOK_ATTEMPTS_PAGE, type Principal } from '@portico/contracts';
import type { MessagingService } from '@portico/platform';
import type { GraphContext } from '../common/context';
import type { GraphClient } from '../common/graph-client';
import { LiveResolver } from './live.resolver';

const principal: Principal = {
  tenantId: 'ten_a',
  role: 'admin',
  actorId: 'usr_1',
  consumerId: null,
  keyId: null,
  scopes: [],
  via: 'apiKey',
};

/** Answers `webhookAttemptsSince` as the dispatcher does: from `since` on, oldest first, a page. */
function dispatcher(rows: Array<{ id: string; timestamp: string }>) {
  const asked: string[] = [];
  const client = {
    call: async (subject: string, _p: Principal, args: { since: string }) => {
      expect(subject).toBe(GraphRpcSubject.webhookAttemptsSince);
      asked.push(args.since);
      const since = Date.parse(args.since);
      return rows
        .filter((r) => Date.parse(r.timestamp) >= since)
        .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))
        .slice(0, WEBHOOK_ATTEMPTS_PAGE);
    },
  } as unknown as GraphClient;
  return { client, asked };
}

describe('webhookAttempts subscription', () => {
  it('delivers every attempt of a burst larger than one page, each once', async () => {
    const rows: Array<{ id: string; timestamp: string }> = [];
    const { client } = dispatcher(rows);
    const resolver = new LiveResolver({} as MessagingService, client);
    const ctx = { principal } as GraphContext;
    // One attempt from before the subscription: remembered, not delivered.
    rows.push({ id: 'old', timestamp: new Date(Date.now() - 1000).toISOString() });
    const it = await resolver.webhookAttempts(ctx, 'whe_1');
    // Then a burst of 2.5 pages within one poll interval.
    const start = Date.now();
    const burst = Math.floor(WEBHOOK_ATTEMPTS_PAGE * 2.5);
    for (let i = 0; i < burst; i++) {
      rows.push({ id: `a${i}`, timestamp: new Date(start + i).toISOString() });
    }
    const got: string[] = [];
    while (got.length < burst) {
      const next = await it.next();
      if (next.done) break;
      got.push(next.value.id);
    }
    await it.return!();
    expect(got).toHaveLength(burst);
    expect(new Set(got).size).toBe(burst);
    expect(got).not.toContain('old');
  });
});
