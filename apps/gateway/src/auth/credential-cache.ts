import { hash } from 'node:crypto';
import type { CredentialAnswer } from './credential';

/**
 * Cache keys are digests: a heap dump of the gateway never shows a caller's key or token. The
 * one-shot `crypto.hash` costs a third of a createHash() chain, and this runs on every request.
 */
export function digest(kind: string, secret: string): string {
  return hash('sha256', `${kind}\0${secret}`, 'base64url');
}

interface Entry {
  answer: CredentialAnswer;
  expiresAt: number;
  keyId: string | null;
  actorId: string | null;
  jti: string | null;
}

export interface EntryTags {
  keyId?: string | null;
  actorId?: string | null;
  jti?: string | null;
}

/**
 * Verified and refused credentials by digest, each for the TTL its source allowed, with indexes
 * by key id, actor (consumer or user) and token id so that `consumer.*` events drop exactly the
 * affected entries. Refusals carry no owner, so every event drops them all (a key created, a
 * consumer approved or a subscription granted may turn a "no" into a "yes").
 *
 * A generation counter closes the race between an answer in flight and an invalidating event: an
 * answer fetched before the event is not stored after it.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byActor = new Map<string, Set<string>>();
  private readonly byJti = new Map<string, Set<string>>();
  private readonly negatives = new Set<string>();
  private readonly inflight = new Map<string, Promise<CredentialAnswer>>();
  private gen = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxTtlMs: number,
  ) {}

  get generation(): number {
    return this.gen;
  }

  get size(): number {
    return this.entries.size;
  }

  get(hash: string, now = Date.now()): CredentialAnswer | undefined {
    const e = this.entries.get(hash);
    if (e === undefined) return undefined;
    if (e.expiresAt <= now) {
      this.delete(hash);
      return undefined;
    }
    return e.answer;
  }

  /** Stores unless an invalidation happened since `generation` was read. */
  set(
    hash: string,
    answer: CredentialAnswer,
    ttlMs: number,
    tags: EntryTags,
    generation: number,
    now = Date.now(),
  ): void {
    if (generation !== this.gen) return;
    const ttl = Math.min(ttlMs, this.maxTtlMs);
    if (!(ttl > 0)) return;
    if (this.entries.has(hash)) this.delete(hash);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    const entry: Entry = {
      answer,
      expiresAt: now + ttl,
      keyId: tags.keyId ?? null,
      actorId: tags.actorId ?? null,
      jti: tags.jti ?? null,
    };
    this.entries.set(hash, entry);
    if (entry.keyId) index(this.byKey, entry.keyId, hash);
    if (entry.actorId) index(this.byActor, entry.actorId, hash);
    if (entry.jti) index(this.byJti, entry.jti, hash);
    if (!answer.valid) this.negatives.add(hash);
  }

  /**
   * Single flight: concurrent misses for one digest share one lookup. The lookup decides what is
   * cached (it calls `set`); this only dedupes.
   */
  load(hash: string, lookup: () => Promise<CredentialAnswer>): Promise<CredentialAnswer> {
    let p = this.inflight.get(hash);
    if (!p) {
      p = lookup().finally(() => this.inflight.delete(hash));
      this.inflight.set(hash, p);
    }
    return p;
  }

  invalidateKey(keyId: string): void {
    this.dropIndexed(this.byKey, keyId);
  }

  invalidateActor(actorId: string): void {
    this.dropIndexed(this.byActor, actorId);
  }

  invalidateJti(jti: string): void {
    this.dropIndexed(this.byJti, jti);
  }

  clearNegatives(): void {
    this.gen++;
    for (const hash of [...this.negatives]) this.delete(hash);
  }

  clear(): void {
    this.gen++;
    this.entries.clear();
    this.byKey.clear();
    this.byActor.clear();
    this.byJti.clear();
    this.negatives.clear();
  }

  private dropIndexed(idx: Map<string, Set<string>>, id: string): void {
    this.gen++;
    const hashes = idx.get(id);
    if (!hashes) return;
    for (const hash of [...hashes]) this.delete(hash);
  }

  private delete(hash: string): void {
    const e = this.entries.get(hash);
    if (!e) return;
    this.entries.delete(hash);
    this.negatives.delete(hash);
    if (e.keyId) unindex(this.byKey, e.keyId, hash);
    if (e.actorId) unindex(this.byActor, e.actorId, hash);
    if (e.jti) unindex(this.byJti, e.jti, hash);
  }
}

function index(idx: Map<string, Set<string>>, id: string, hash: string): void {
  let set = idx.get(id);
  if (!set) {
    set = new Set();
    idx.set(id, set);
  }
  set.add(hash);
}

function unindex(idx: Map<string, Set<string>>, id: string, hash: string): void {
  const set = idx.get(id);
  if (!set) return;
  set.delete(hash);
  if (set.size === 0) idx.delete(id);
}
