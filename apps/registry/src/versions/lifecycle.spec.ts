import { PorticoError, VERSION_TRANSITIONS, type ApiVersionStatus } from '@portico/contracts';
import { assertEditable, assertTransition, publishProblems, sunsetProblem } from './lifecycle';

const STATES: ApiVersionStatus[] = ['draft', 'published', 'deprecated', 'retired'];

describe('version lifecycle', () => {
  it('allows exactly draft→published→deprecated→retired', () => {
    const allowed: string[] = [];
    for (const from of STATES)
      for (const to of STATES) {
        try {
          assertTransition('v1', from, to);
          allowed.push(`${from}→${to}`);
        } catch (e) {
          expect(e).toBeInstanceOf(PorticoError);
          expect((e as PorticoError).status).toBe(409);
        }
      }
    expect(allowed).toEqual(['draft→published', 'published→deprecated', 'deprecated→retired']);
  });

  it('names the allowed next states in the conflict', () => {
    expect(() => assertTransition('v2', 'published', 'retired')).toThrow(
      'Version v2 is published; it cannot become retired. Allowed next states: deprecated.',
    );
    try {
      assertTransition('v2', 'retired', 'published');
    } catch (e) {
      expect((e as PorticoError).message).toContain('none (retired is final)');
      expect((e as PorticoError).details[0]).toMatchObject({ current: 'retired', allowed: [] });
    }
    expect(VERSION_TRANSITIONS.retired).toEqual([]);
  });

  it('freezes retired versions only', () => {
    expect(() => assertEditable('v1', 'retired')).toThrow(/retired/);
    for (const s of ['draft', 'published', 'deprecated'] as const)
      expect(() => assertEditable('v1', s)).not.toThrow();
  });

  it('refuses to publish without routes and to sunset in the past', () => {
    expect(publishProblems({ routeCount: 0 })).toHaveLength(1);
    expect(publishProblems({ routeCount: 2 })).toEqual([]);
    const now = new Date('2030-01-01T00:00:00Z');
    expect(sunsetProblem(new Date('2029-12-31T23:59:59Z'), now)?.field).toBe('sunsetAt');
    expect(sunsetProblem(now, now)?.field).toBe('sunsetAt');
    expect(sunsetProblem(new Date('2030-01-02T00:00:00Z'), now)).toBeNull();
  });
});
