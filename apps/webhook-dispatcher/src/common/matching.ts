import { webhookEventFilterMatches, type WebhookPayloadFilter } from '@portico/contracts';

export interface EndpointFilter {
  consumerId: string | null;
  eventTypes: readonly string[];
  payloadFilter: WebhookPayloadFilter | null;
}

export interface MessageFacts {
  eventType: string;
  consumerId: string | null;
  payload: unknown;
}

/** Whether an endpoint wants a message: its consumer, its event types, its payload filter. */
export function endpointMatches(endpoint: EndpointFilter, message: MessageFacts): boolean {
  if (endpoint.consumerId !== null && endpoint.consumerId !== message.consumerId) return false;
  if (
    endpoint.eventTypes.length > 0 &&
    !endpoint.eventTypes.some((f) => webhookEventFilterMatches(f, message.eventType))
  ) {
    return false;
  }
  if (!endpoint.payloadFilter) return true;
  return Object.entries(endpoint.payloadFilter).every(([path, wanted]) => {
    const actual = valueAt(message.payload, path);
    const options = Array.isArray(wanted) ? wanted : [wanted];
    return options.some((o) => o === actual);
  });
}

function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
