import type { ConsumerStatus, ConsumerView } from '@portico/contracts';
import { iso } from '../common/database';
import type { Consumer } from '../generated/prisma/client';

export function consumerView(c: Consumer): ConsumerView {
  return {
    id: c.id,
    tenantId: c.tenantId,
    name: c.name,
    type: c.type as ConsumerView['type'],
    email: c.email,
    contact: (c.contact ?? {}) as ConsumerView['contact'],
    metadata: (c.metadata ?? {}) as Record<string, string>,
    status: c.status as ConsumerStatus,
    statusReason: c.statusReason,
    planId: c.planId,
    ownerUserId: c.ownerUserId,
    approvedAt: iso(c.approvedAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The reference events carry. */
export function consumerRef(c: Consumer): { consumerId: string; name: string; email: string } {
  return { consumerId: c.id, name: c.name, email: c.email };
}
