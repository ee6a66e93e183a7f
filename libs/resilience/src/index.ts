export {
  DEFAULT_RESILIENCE,
  DEFAULT_RETRY_INITIAL_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  createCircuitBreaker,
  createPolicy,
} from './policy';
export type {
  BreakerHooks,
  BulkheadConfig,
  CircuitBreakerConfig,
  PolicyContext,
  PolicyOptions,
  ResilienceConfig,
  ResiliencePolicy,
  RetryConfig,
} from './policy';
// Re-exported so callers never import cockatiel themselves.
export {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitBreakerPolicy,
  CircuitState,
  IsolatedCircuitError,
  TaskCancelledError,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  isTaskCancelledError,
} from 'cockatiel';
