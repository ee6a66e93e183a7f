import {
  GraphRpcSubject,
  type ApiKeyView,
  type PlanView,
  type Principal,
  type RegistryApiVersion,
  type SubscriptionView,
  type WebhookAttempt,
} from '@portico/contracts';
import DataLoader from 'dataloader';
import type { GraphClient } from './graph-client';

/**
 * Per-request batching: every field of one kind asked for in the same tick becomes one request to
 * the owning service, so a page of N items with nested lists costs a constant number of calls.
 */
export interface Loaders {
  versionsByApi: DataLoader<string, RegistryApiVersion[]>;
  keysByConsumer: DataLoader<string, ApiKeyView[]>;
  subscriptionsByConsumer: DataLoader<string, SubscriptionView[]>;
  planById: DataLoader<string, PlanView | null>;
  webhookAttemptsByMessage: DataLoader<string, WebhookAttempt[]>;
}

/** The services accept up to 500 ids per request. */
const MAX_BATCH = 500;

export function createLoaders(client: GraphClient, principal: Principal | null): Loaders {
  const keyed = <V>(load: (ids: string[]) => Promise<Record<string, V>>, missing: V) =>
    new DataLoader<string, V>(
      async (ids) => {
        const found = await load([...ids]);
        return ids.map((id) => found[id] ?? missing);
      },
      { maxBatchSize: MAX_BATCH },
    );
  return {
    versionsByApi: keyed(
      (apiIds) => client.call(GraphRpcSubject.registryVersionsByApi, principal, { apiIds }),
      [],
    ),
    keysByConsumer: keyed(
      (consumerIds) => client.call(GraphRpcSubject.keysByConsumer, principal, { consumerIds }),
      [],
    ),
    subscriptionsByConsumer: keyed(
      (consumerIds) =>
        client.call(GraphRpcSubject.subscriptionsByConsumer, principal, { consumerIds }),
      [],
    ),
    planById: keyed<PlanView | null>(
      (planIds) => client.call(GraphRpcSubject.plansById, principal, { planIds }),
      null,
    ),
    webhookAttemptsByMessage: keyed(
      (messageIds) =>
        client.call(GraphRpcSubject.webhookAttemptsByMessage, principal, { messageIds }),
      [],
    ),
  };
}
