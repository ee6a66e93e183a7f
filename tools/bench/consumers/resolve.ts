// Plain scripts outside the workspace packages: resolve libraries the way the app does.
import { createRequire } from 'node:module';
import path from 'node:path';

export const root = path.resolve(__dirname, '../../..');
const fromApp = createRequire(path.join(root, 'apps/consumer-management/package.json'));
const fromMessaging = createRequire(path.join(root, 'libs/messaging/package.json'));
const fromEgress = createRequire(path.join(root, 'libs/egress/package.json'));
const fromRoot = createRequire(path.join(root, 'package.json'));

export const testing = fromApp('@portico/testing') as typeof import('@portico/testing');
export const messaging = fromApp('@portico/messaging') as typeof import('@portico/messaging');
export const contracts = fromApp('@portico/contracts') as typeof import('@portico/contracts');
export const jetstream = fromMessaging('@nats-io/jetstream') as typeof import('@nats-io/jetstream');
export const undici = fromEgress('undici') as typeof import('undici');
export const pg = fromRoot('pg') as typeof import('pg');
