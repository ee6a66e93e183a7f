/** A calendar period (UTC) a quota counts in: its id goes into the counter key. */
export interface Period {
  id: string;
  /** Epoch ms when the next period starts. */
  endsAt: number;
}

export function periodOf(kind: 'day' | 'month', now: number): Period {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (kind === 'month') {
    return { id: `${y}-${pad(m + 1)}`, endsAt: Date.UTC(y, m + 1, 1) };
  }
  const day = d.getUTCDate();
  return { id: `${y}-${pad(m + 1)}-${pad(day)}`, endsAt: Date.UTC(y, m, day + 1) };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The current period of each kind, recomputed only when one ends (not per request). */
export class PeriodClock {
  private month: Period = { id: '', endsAt: 0 };
  private day: Period = { id: '', endsAt: 0 };

  current(kind: 'day' | 'month', now: number): Period {
    if (kind === 'month') {
      if (now >= this.month.endsAt || now < this.month.endsAt - 32 * 86_400_000) {
        this.month = periodOf('month', now);
      }
      return this.month;
    }
    if (now >= this.day.endsAt || now < this.day.endsAt - 86_400_000) {
      this.day = periodOf('day', now);
    }
    return this.day;
  }
}
