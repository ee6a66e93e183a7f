import { randomBytes } from 'node:crypto';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import type { LimitOutcome, LimitSpec, LimitStore, ThrottlerStorageRecord } from './limit-spec';

/**
 * Every limit of a request in one atomic script, so gateways sharing Redis never both take the
 * last slot: a sliding log per rate key (a sorted set of request times, scored in ms of Redis's
 * own clock, so the gateways' clocks do not matter) and a counter per quota key. First every
 * limit is checked; only if all have room is the request added to all of them.
 *
 * KEYS: the specs' keys in order. ARGV: request id, then per spec: kind (r|q), limit, and the
 * window in ms (r) or the period's end in epoch ms (q).
 * Returns: { refused index (0 = none, else 1-based), then per spec remaining, reset ms }.
 */
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id = ARGV[1]
local n = #KEYS
local refused = 0
local remaining = {}
local reset = {}
for i = 1, n do
  local kind = ARGV[3 * i - 1]
  local limit = tonumber(ARGV[3 * i])
  local arg = tonumber(ARGV[3 * i + 1])
  local key = KEYS[i]
  if kind == 'r' then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - arg)
    local used = redis.call('ZCARD', key)
    remaining[i] = limit - used
    if used > 0 then
      local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
      reset[i] = tonumber(oldest[2]) + arg - now
    else
      reset[i] = arg
    end
  else
    local used = tonumber(redis.call('GET', key) or '0')
    remaining[i] = limit - used
    reset[i] = arg - now
  end
  if remaining[i] <= 0 and refused == 0 then refused = i end
end
if refused == 0 then
  for i = 1, n do
    local kind = ARGV[3 * i - 1]
    local arg = tonumber(ARGV[3 * i + 1])
    local key = KEYS[i]
    if kind == 'r' then
      redis.call('ZADD', key, now, id)
      redis.call('PEXPIRE', key, arg)
    else
      redis.call('INCR', key)
      redis.call('PEXPIREAT', key, arg + 60000)
    end
    remaining[i] = remaining[i] - 1
  end
end
local out = { refused }
for i = 1, n do
  local r = remaining[i]
  if r < 0 then r = 0 end
  out[2 * i] = r
  out[2 * i + 1] = reset[i]
end
return out
`;

type LimitCommand = (numKeys: number, ...args: Array<string | number>) => Promise<number[]>;

/**
 * Counters shared by every gateway on one Redis: one EVALSHA per request (ioredis loads the script
 * once and falls back to EVAL after a SCRIPT FLUSH).
 */
export class RedisLimitStore implements LimitStore, ThrottlerStorage {
  readonly kind = 'redis' as const;
  /** Makes sorted-set members unique across gateways without a round trip. */
  private readonly instance = randomBytes(6).toString('base64url');
  private seq = 0;
  private readonly run: LimitCommand;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    if (!(redis as unknown as Record<string, unknown>)['porticoLimits']) {
      redis.defineCommand('porticoLimits', { lua: SCRIPT });
    }
    const command = (redis as unknown as Record<string, LimitCommand>)['porticoLimits']!;
    this.run = command.bind(redis);
  }

  async check(specs: readonly LimitSpec[]): Promise<LimitOutcome> {
    const n = specs.length;
    const args: Array<string | number> = new Array(n + 1 + 3 * n);
    for (let i = 0; i < n; i++) args[i] = this.prefix + specs[i]!.key;
    args[n] = `${this.instance}.${(this.seq = (this.seq + 1) % Number.MAX_SAFE_INTEGER)}`;
    for (let i = 0; i < n; i++) {
      const s = specs[i]!;
      const at = n + 1 + 3 * i;
      args[at] = s.kind === 'rate' ? 'r' : 'q';
      args[at + 1] = s.limit;
      args[at + 2] = s.kind === 'rate' ? s.windowMs : s.endsAt;
    }
    const out = await this.run(n, ...args);
    const remaining = new Array<number>(n);
    const resetMs = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      remaining[i] = Number(out[2 * i + 1]);
      resetMs[i] = Number(out[2 * i + 2]);
    }
    return { refused: Number(out[0]) - 1, remaining, resetMs };
  }

  /**
   * @nestjs/throttler's storage contract on the same script (a single sliding window);
   * `blockDuration` is not supported here: a refused key is free again as soon as its window is.
   */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const o = await this.check([
      { kind: 'rate', key: `t:${throttlerName}:${key}`, limit, windowMs: ttl },
    ]);
    const blocked = o.refused === 0;
    const timeToExpire = Math.max(0, Math.ceil(o.resetMs[0]! / 1000));
    return {
      totalHits: blocked ? limit + 1 : limit - o.remaining[0]!,
      timeToExpire,
      isBlocked: blocked,
      timeToBlockExpire: blocked ? timeToExpire : 0,
    };
  }
}
