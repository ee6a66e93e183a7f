import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Streams } from '@portico/contracts';
import { SubjectNamespace } from '@portico/messaging';

/**
 * One NATS namespace per test file (Jest loads this module once per file): the apps a file starts
 * talk to each other, and never to those of a file running in parallel on the same server.
 */
export const TEST_NATS_NAMESPACE = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

const users = new Map<string, number>();

export function acquireNamespace(ns: string): void {
  users.set(ns, (users.get(ns) ?? 0) + 1);
}

/** When the last app of a namespace stops, its streams go too (they live on the server's disk). */
export async function releaseNamespace(ns: string, natsUrl: string): Promise<void> {
  const left = (users.get(ns) ?? 1) - 1;
  users.set(ns, left);
  if (left > 0 || !ns) return;
  const nc = await connect({ servers: natsUrl.replace(/^nats:\/\//, '') }).catch(() => undefined);
  if (!nc) return;
  try {
    const jsm = await jetstreamManager(nc);
    const namespace = new SubjectNamespace(ns);
    for (const def of [Streams.events, Streams.traffic]) {
      await jsm.streams.delete(namespace.stream(def.name)).catch(() => undefined);
    }
  } finally {
    await nc.close();
  }
}
