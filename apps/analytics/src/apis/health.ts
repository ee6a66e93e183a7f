import type { ApiHealthStatus } from '@portico/contracts';

export const CRITICAL_AVG_MS = 5000;
export const WARNING_AVG_MS = 2000;
export const ERROR_RATE = 0.1;

/** The product brief's thresholds, checked in this order (see ApiHealthStatusSchema). */
export function classifyHealth(avgResponseTimeMs: number, errorRate: number): ApiHealthStatus {
  if (avgResponseTimeMs > CRITICAL_AVG_MS) return 'CRITICAL';
  if (avgResponseTimeMs > WARNING_AVG_MS) return 'WARNING';
  if (errorRate > ERROR_RATE) return 'ERROR';
  return 'HEALTHY';
}
