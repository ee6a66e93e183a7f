import { z } from 'zod';
import { PageQuerySchema } from '../pagination';

export const AuditQuerySchema = PageQuerySchema.extend({
  /** An entity id (api_…, ver_…, rte_…; an API id also matches its versions and routes) or a type (api, version, route). */
  entity: z.string().min(1).max(100).optional(),
  /** The actor id of the principal who made the change. */
  actor: z.string().min(1).max(100).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export interface RegistryAuditEntry {
  id: string;
  action: string;
  entityType: 'api' | 'version' | 'route';
  entityId: string;
  apiId: string | null;
  actor: { id: string; role: string };
  before: unknown;
  after: unknown;
  revision: number;
  requestId: string | null;
  at: string;
}
