import { isPorticoError } from '@portico/contracts';
import { Prisma } from '../generated/prisma/client';
import { isOverload, isWriteConflict, WriteGate } from './write-gate';

function known(code: string, meta?: Record<string, unknown>) {
  return new Prisma.PrismaClientKnownRequestError('x', {
    code,
    clientVersion: '7',
    ...(meta ? { meta } : {}),
  });
}

describe('WriteGate', () => {
  it('runs at most `limit` at once, the rest in arrival order', async () => {
    const gate = new WriteGate(2, 5_000);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        gate.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          order.push(i);
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toHaveLength(6);
  });

  it('a write that cannot get a turn in time is a 503 with Retry-After, and frees no slot', async () => {
    const gate = new WriteGate(1, 50);
    let release!: () => void;
    const first = gate.run(() => new Promise<void>((r) => (release = r)));
    const err = await gate.run(async () => 'never').catch((e: unknown) => e);
    expect(isPorticoError(err)).toBe(true);
    expect(err).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect((err as { headers: Record<string, string> }).headers['retry-after']).toBe('1');
    release();
    await first;
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });
});

describe('transient database errors', () => {
  it('recognises serialization failures and deadlocks, not unique violations', () => {
    expect(isWriteConflict(known('P2034'))).toBe(true);
    expect(isWriteConflict(known('P2010', { code: '40P01' }))).toBe(true);
    expect(isWriteConflict(known('P2010', { code: '40001' }))).toBe(true);
    expect(isWriteConflict(known('P2002'))).toBe(false);
    expect(isWriteConflict(new Error('40001'))).toBe(false);
  });

  it('recognises an exhausted pool or a transaction that could not start', () => {
    expect(isOverload(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isOverload(known('P2028'))).toBe(true);
    expect(isOverload(known('P2002'))).toBe(false);
    expect(isOverload(new Error('boom'))).toBe(false);
  });
});
