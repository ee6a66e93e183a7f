import { EVENT_TYPES } from '../events/catalogue';

/**
 * Event types of webhook messages. Portico's own types come from the catalogue; tenants may publish
 * custom types through the API as long as the first segment is not one of the catalogue's
 * namespaces (`registry`, `consumer`, ...), so a tenant can never impersonate a Portico event.
 */
export const WEBHOOK_EVENT_TYPE_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** `*` is one segment; a trailing `*` is one or more segments; `*` alone is every type. */
export const WEBHOOK_EVENT_FILTER_PATTERN = /^(\*|[A-Za-z0-9_-]+)(\.(\*|[A-Za-z0-9_-]+))*$/;

export const WEBHOOK_RESERVED_EVENT_NAMESPACES: readonly string[] = [
  ...new Set(EVENT_TYPES.map((t) => t.split('.')[0]!)),
].sort();

export function isReservedWebhookEventType(type: string): boolean {
  return WEBHOOK_RESERVED_EVENT_NAMESPACES.includes(type.split('.')[0]!);
}

/** Whether an endpoint's event-type filter selects `type`. */
export function webhookEventFilterMatches(filter: string, type: string): boolean {
  if (filter === '*') return true;
  const f = filter.split('.');
  const t = type.split('.');
  for (let i = 0; i < f.length; i++) {
    const last = i === f.length - 1;
    if (f[i] === '*' && last) return t.length > i;
    if (i >= t.length) return false;
    if (f[i] !== '*' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
