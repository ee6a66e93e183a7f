export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Rollup levels, finest first. */
export type Level = 'minute' | 'hour' | 'day';
export const LEVELS: readonly Level[] = ['minute', 'hour', 'day'];
export const LEVEL_MS: Record<Level, number> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };

export function floorTo(ms: number, unit: number): number {
  return Math.floor(ms / unit) * unit;
}

let periodDay = Number.NaN;
let periodText = '';

/** `YYYY-MM` of a UTC instant: the billing period (remembered per day: called for every event). */
export function billingPeriod(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== periodDay) {
    periodText = new Date(ms).toISOString().slice(0, 7);
    periodDay = day;
  }
  return periodText;
}

/** First instant of a `YYYY-MM` period and of the next one. */
export function periodBounds(period: string): { from: Date; to: Date } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1)), to: new Date(Date.UTC(y, m, 1)) };
}
