import { PorticoError } from '@portico/contracts';
import { CronExpressionParser } from 'cron-parser';

/** The next time a cron schedule fires after `after` (UTC); 400 for an invalid expression. */
export function nextRunAt(schedule: string, after: Date = new Date()): Date {
  try {
    return CronExpressionParser.parse(schedule, { currentDate: after, tz: 'UTC' }).next().toDate();
  } catch (err) {
    throw PorticoError.validation(`Invalid schedule '${schedule}'.`, [
      { field: 'schedule', message: err instanceof Error ? err.message : String(err) },
    ]);
  }
}
