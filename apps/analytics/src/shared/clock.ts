/** Time as the service sees it; tests inject a clock they move instead of waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const CLOCK = Symbol.for('portico:analytics:clock');
