import type { Principal } from '@portico/contracts';
import { currentRequestContext } from '@portico/platform';

/** Who made a change, as the audit log records it. */
export interface Actor {
  tenantId: string;
  actorId: string;
  role: string;
  requestId: string | null;
}

export function actorOf(principal: Principal): Actor {
  return {
    tenantId: principal.tenantId,
    actorId: principal.actorId,
    role: principal.role,
    requestId: currentRequestContext()?.requestId ?? null,
  };
}
