import type { EventData, EventType } from '@portico/contracts';

export type RegistryEventType = Extract<EventType, `registry.${string}`>;

export interface PendingEvent {
  type: RegistryEventType;
  /** The entity id (CloudEvent `subject`). */
  subject: string;
  data: unknown;
}

export interface PendingAudit {
  action: string;
  entityType: 'api' | 'version' | 'route';
  entityId: string;
  apiId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * What one transaction changed: the events to announce and the audit records to keep. Each event
 * gets its own revision when the transaction commits (see RegistryChanges).
 */
export class ChangeSet {
  readonly events: PendingEvent[] = [];
  readonly audits: PendingAudit[] = [];

  emit<T extends RegistryEventType>(type: T, subject: string, data: EventData<T>): void {
    this.events.push({ type, subject, data });
  }

  audit(entry: PendingAudit): void {
    this.audits.push(entry);
  }

  get empty(): boolean {
    return this.events.length === 0 && this.audits.length === 0;
  }
}
