export { createPorticoClient, type PorticoClient, type PorticoClientOptions } from './client';
export { PorticoApiError, isPorticoApiError } from './errors';
export type { ListPath, PaginateOptions } from './pagination';
export { retryAfterMs, type RetryOptions } from './retry';
export type { components, operations, paths, webhooks } from './generated/portico';
