import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import path from 'node:path';
import type { EventBatch } from './batches';

const SEGMENT = /^seg-\d{15}-\d{6}\.ndjson$/;

/**
 * Append-only spill of event batches while NATS cannot take them: one JSON batch per line, in
 * segment files whose names sort in write order. The open segment is fsync'd when it is closed
 * (on rotation, before a replay, at shutdown). Operations run one at a time, in call order.
 */
export class SpillStore {
  private current: { name: string; fh: FileHandle; bytes: number } | null = null;
  private closed = new Set<string>();
  private totalBytes = 0;
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly segmentBytes: number,
    private readonly maxBytes: number,
  ) {}

  /** Creates the directory and finds segments left by an earlier run (to be replayed). */
  init(): Promise<number> {
    return this.serial(async () => {
      await mkdir(this.dir, { recursive: true });
      for (const name of (await readdir(this.dir)).filter((n) => SEGMENT.test(n))) {
        this.closed.add(name);
        this.totalBytes += (await stat(path.join(this.dir, name))).size;
      }
      return this.closed.size;
    });
  }

  /** Segments waiting for replay (the open one included). */
  get pending(): boolean {
    return this.closed.size > 0 || this.current !== null;
  }

  /** Appends batches; resolves false (nothing written) when the byte bound would be passed. */
  append(batches: readonly EventBatch[]): Promise<boolean> {
    return this.serial(async () => {
      const text = batches.map((b) => `${JSON.stringify(b)}\n`).join('');
      const bytes = Buffer.byteLength(text);
      if (this.totalBytes + bytes > this.maxBytes) return false;
      if (this.current && this.current.bytes >= this.segmentBytes) await this.closeCurrent();
      if (!this.current) {
        const name = this.nextName();
        this.current = { name, fh: await open(path.join(this.dir, name), 'a'), bytes: 0 };
      }
      await this.current.fh.write(text);
      this.current.bytes += bytes;
      this.totalBytes += bytes;
      return true;
    });
  }

  /** Closes the open segment, so that it can be replayed, and lists every closed one in order. */
  closedSegments(): Promise<string[]> {
    return this.serial(async () => {
      await this.closeCurrent();
      return [...this.closed].sort();
    });
  }

  /** The complete lines of a segment (a torn last line, from a crash, is left out). */
  read(name: string): Promise<EventBatch[]> {
    return this.serial(async () => {
      const text = await readFile(path.join(this.dir, name), 'utf8');
      const out: EventBatch[] = [];
      const lines = text.split('\n');
      for (const line of lines.slice(0, -1)) {
        try {
          out.push(JSON.parse(line) as EventBatch);
        } catch {
          // A line that cannot be parsed cannot get better: skip it rather than block the replay.
        }
      }
      return out;
    });
  }

  /** Replaces a segment by what is left of it after a partial replay (atomically, by rename). */
  rewrite(name: string, remaining: readonly EventBatch[]): Promise<void> {
    return this.serial(async () => {
      const file = path.join(this.dir, name);
      const before = (await stat(file)).size;
      const tmp = `${file}.tmp`;
      const fh = await open(tmp, 'w');
      try {
        await fh.write(remaining.map((b) => `${JSON.stringify(b)}\n`).join(''));
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, file);
      this.totalBytes += (await stat(file)).size - before;
    });
  }

  remove(name: string): Promise<void> {
    return this.serial(async () => {
      const file = path.join(this.dir, name);
      const size = (await stat(file)).size;
      await unlink(file);
      this.closed.delete(name);
      this.totalBytes -= size;
    });
  }

  /** Flushes and closes the open segment (shutdown). */
  close(): Promise<void> {
    return this.serial(() => this.closeCurrent());
  }

  private async closeCurrent(): Promise<void> {
    if (!this.current) return;
    const { name, fh } = this.current;
    this.current = null;
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    this.closed.add(name);
  }

  private nextName(): string {
    // Time first, then a counter: names sort in write order, within a run and across runs.
    this.seq = (this.seq + 1) % 1_000_000;
    return `seg-${String(Date.now()).padStart(15, '0')}-${String(this.seq).padStart(6, '0')}.ndjson`;
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
