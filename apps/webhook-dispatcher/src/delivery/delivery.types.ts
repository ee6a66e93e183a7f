/** A message about to be persisted and fanned out. */
export interface NewMessage {
  id: string;
  tenantId: string;
  eventId: string;
  eventType: string;
  consumerId: string | null;
  payload: unknown;
  /** `payload` as JSON text: stored and sent as is, so every attempt carries the same bytes. */
  payloadJson: string;
  occurredAt: Date;
  source: 'event' | 'api';
}

/** A claimed delivery with everything needed to send it. */
export interface DeliveryJob {
  messageId: string;
  endpointId: string;
  tenantId: string;
  leaseOwner: string;
  attemptCount: number;
  manual: boolean;
  eventType: string;
  payload: string;
  occurredAt: Date;
  messageCreatedAt: Date;
  url: string;
  httpMethod: string;
  headers: Record<string, string>;
  secretEncrypted: string;
  previousSecretEncrypted: string | null;
  previousSecretUntil: Date | null;
  isActive: boolean;
  rateLimitPerSecond: number | null;
  timeoutSeconds: number;
  retryCount: number;
  retrySchedule: number[];
}

/** What an HTTP attempt gave. */
export interface AttemptRecord {
  id: string;
  url: string;
  succeeded: boolean;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
  at: Date;
  /** Seconds the receiver asked us to wait (Retry-After), when it did. */
  retryAfterSeconds: number | null;
}

/** The outcome of handling one claimed delivery, written back in a batch. */
export interface DeliveryResult {
  job: DeliveryJob;
  status: 'pending' | 'succeeded' | 'failed';
  attemptCount: number;
  nextAttemptAt: Date | null;
  /** Absent when nothing was sent (breaker open, rate limited, endpoint disabled). */
  attempt?: AttemptRecord;
  /** Set when nothing was sent and the delivery ends (endpoint disabled). */
  note?: string;
  /** The receiver answered 410 Gone: disable the endpoint. */
  gone?: boolean;
  /** Every retry was spent: announce it. */
  exhausted?: boolean;
}
