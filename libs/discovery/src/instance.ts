import type { ServiceInstance } from './types';

/** `http://host:port`, with IPv6 literals bracketed. */
export function instanceUrl(address: string, port: number, scheme = 'http'): string {
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  return `${scheme}://${host}:${port}`;
}

/**
 * Instances in a stable order (by id), each frozen: every caller shares the cached objects, so a
 * mutation would corrupt the cache for everyone and should fail loudly instead. Callers get their
 * own copy of the array itself.
 */
export function freezeInstances(instances: ServiceInstance[]): readonly ServiceInstance[] {
  const sorted = [...instances].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const i of sorted) {
    Object.freeze(i.tags);
    Object.freeze(i.meta);
    Object.freeze(i);
  }
  return Object.freeze(sorted);
}

/** Whether two instance lists (as returned by freezeInstances) describe the same thing. */
export function sameInstances(
  a: readonly ServiceInstance[],
  b: readonly ServiceInstance[],
): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => fingerprint(x) === fingerprint(b[i]));
}

function fingerprint(i: ServiceInstance): string {
  const meta = Object.keys(i.meta)
    .sort()
    .map((k) => [k, i.meta[k]]);
  return JSON.stringify([i.id, i.service, i.url, i.healthy, i.tags, meta]);
}
