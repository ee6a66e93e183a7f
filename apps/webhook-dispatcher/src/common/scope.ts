import { PorticoError, type Principal } from '@portico/contracts';

/**
 * What a caller may see: its tenant, and for callers with the consumer role only their own
 * consumer's endpoints and messages. Every repository method takes one.
 */
export interface WebhookScope {
  tenantId: string;
  consumerId: string | null;
}

export function scopeOf(p: Principal): WebhookScope {
  if (p.role !== 'consumer') return { tenantId: p.tenantId, consumerId: null };
  if (!p.consumerId) throw PorticoError.forbidden('This credential belongs to no consumer.');
  return { tenantId: p.tenantId, consumerId: p.consumerId };
}
