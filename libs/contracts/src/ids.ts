import { monotonicFactory } from 'ulid';

/** Prefixes of Portico's sortable ids (ULID after the prefix), one per entity kind. */
export const IdPrefix = {
  tenant: 'ten',
  user: 'usr',
  api: 'api',
  version: 'ver',
  route: 'rte',
  consumer: 'con',
  application: 'app',
  key: 'key',
  oauthClient: 'cli',
  plan: 'pln',
  subscription: 'sub',
  webhookEndpoint: 'whe',
  message: 'msg',
  attempt: 'atm',
  connector: 'cnr',
  connection: 'cnx',
  connectorAction: 'act',
  run: 'run',
  alert: 'alr',
  audit: 'aud',
  event: 'evt',
  request: 'req',
} as const;
export type IdPrefix = (typeof IdPrefix)[keyof typeof IdPrefix];

const ulid = monotonicFactory();

/** A new id such as `api_01J9Z3...`; ids made later in the same process sort after earlier ones. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid()}`;
}

/** A bare ULID (CloudEvent ids, request ids). */
export function newUlid(): string {
  return ulid();
}

const ID_PATTERN = /^([a-z]{3})_[0-9A-HJKMNP-TV-Z]{26}$/;

export function isId(value: string, prefix?: IdPrefix): boolean {
  const m = ID_PATTERN.exec(value);
  return !!m && (prefix === undefined || m[1] === prefix);
}
