import { newUlid } from './ids';

/**
 * CloudEvents 1.0, structured JSON mode, with Portico's two extensions: `tenantid` (every event
 * belongs to a tenant) and `revision` (configuration events carry the owning service's
 * monotonically increasing revision so that readers can apply them in order and spot gaps).
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject?: string;
  datacontenttype: 'application/json';
  tenantid: string;
  revision?: number;
  data: T;
}

export interface NewCloudEvent<T> {
  source: string;
  type: string;
  tenantId: string;
  data: T;
  subject?: string;
  revision?: number;
  id?: string;
  time?: Date;
}

export function createCloudEvent<T>(e: NewCloudEvent<T>): CloudEvent<T> {
  const event: CloudEvent<T> = {
    specversion: '1.0',
    id: e.id ?? newUlid(),
    source: e.source,
    type: e.type,
    time: (e.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    tenantid: e.tenantId,
    data: e.data,
  };
  if (e.subject !== undefined) event.subject = e.subject;
  if (e.revision !== undefined) event.revision = e.revision;
  return event;
}

/** Domain events travel on `portico.events.<type>`. */
export function eventSubject(type: string): string {
  return `portico.events.${type}`;
}

export function isCloudEvent(value: unknown): value is CloudEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v['specversion'] === '1.0' &&
    typeof v['id'] === 'string' &&
    typeof v['type'] === 'string' &&
    typeof v['source'] === 'string' &&
    typeof v['tenantid'] === 'string'
  );
}
