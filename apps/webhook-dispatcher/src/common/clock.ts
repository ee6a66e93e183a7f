import { Injectable } from '@nestjs/common';

/**
 * Time as the dispatcher sees it: schedules, leases, retention and signatures all read it, so tests
 * move it forward (jest.spyOn(clock, 'now')) instead of sleeping through a retry schedule.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
