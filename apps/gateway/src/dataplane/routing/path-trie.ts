/**
 * A segment trie over path templates (`/cameras/{id}/frames`). Built once per snapshot; a lookup
 * walks the request path's segments without building strings or regular expressions, preferring a
 * literal segment over a parameter (and backtracking when the literal branch dead-ends).
 */
interface TrieNode<T> {
  literal: Map<string, TrieNode<T>> | null;
  /** `{name}` as the whole segment. */
  param: { name: string; node: TrieNode<T> } | null;
  /** Segments mixing literals and parameters (`{name}.json`), compiled once. */
  patterns: Array<{ re: RegExp; names: string[]; node: TrieNode<T> }> | null;
  value: T | null;
}

export interface TrieMatch<T> {
  value: T;
  /** Parameter names and values, alternating (no object is made unless the caller asks). */
  params: string[];
}

function node<T>(): TrieNode<T> {
  return { literal: null, param: null, patterns: null, value: null };
}

/** Splits a template or path into its non-empty segments (`/a//b/` and `/a/b` are the same). */
export function splitSegments(path: string): string[] {
  const out: string[] = [];
  let start = 1;
  for (let i = 1; i <= path.length; i++) {
    if (i === path.length || path.charCodeAt(i) === 47 /* / */) {
      if (i > start) out.push(path.slice(start, i));
      start = i + 1;
    }
  }
  return out;
}

const WHOLE_PARAM = /^\{([A-Za-z0-9_.-]+)\}$/;
const ANY_PARAM = /\{([A-Za-z0-9_.-]+)\}/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class PathTrie<T> {
  private readonly root: TrieNode<T> = node();

  /** Inserts `template`; returns the existing value at that template, if any, for merging. */
  upsert(template: string, make: (existing: T | null) => T): void {
    let n = this.root;
    for (const seg of splitSegments(template)) n = this.child(n, seg);
    n.value = make(n.value);
  }

  private child(n: TrieNode<T>, seg: string): TrieNode<T> {
    const whole = WHOLE_PARAM.exec(seg);
    if (whole) {
      // Two templates naming the same position differently share the node; the first name wins.
      n.param ??= { name: whole[1]!, node: node() };
      return n.param.node;
    }
    if (seg.includes('{')) {
      const names: string[] = [];
      let source = '^';
      let last = 0;
      for (const m of seg.matchAll(ANY_PARAM)) {
        source += escapeRegExp(seg.slice(last, m.index)) + '([^/]+?)';
        names.push(m[1]!);
        last = m.index + m[0].length;
      }
      source += escapeRegExp(seg.slice(last)) + '$';
      n.patterns ??= [];
      const existing = n.patterns.find((p) => p.re.source === source);
      if (existing) return existing.node;
      const created = { re: new RegExp(source), names, node: node<T>() };
      n.patterns.push(created);
      return created.node;
    }
    n.literal ??= new Map();
    let next = n.literal.get(seg);
    if (!next) {
      next = node();
      n.literal.set(seg, next);
    }
    return next;
  }

  /** Matches the segments of `path` from index `from` on. */
  match(segments: readonly string[], from = 0): TrieMatch<T> | null {
    const params: string[] = [];
    const value = this.walk(this.root, segments, from, params);
    return value === null ? null : { value, params };
  }

  private walk(n: TrieNode<T>, segs: readonly string[], i: number, params: string[]): T | null {
    if (i === segs.length) return n.value;
    const seg = segs[i]!;
    if (n.literal) {
      const next = n.literal.get(seg);
      if (next) {
        const found = this.walk(next, segs, i + 1, params);
        if (found !== null) return found;
      }
    }
    if (n.patterns) {
      for (const p of n.patterns) {
        const m = p.re.exec(seg);
        if (!m) continue;
        const mark = params.length;
        for (let k = 0; k < p.names.length; k++) params.push(p.names[k]!, decode(m[k + 1]!));
        const found = this.walk(p.node, segs, i + 1, params);
        if (found !== null) return found;
        params.length = mark;
      }
    }
    if (n.param) {
      const mark = params.length;
      params.push(n.param.name, decode(seg));
      const found = this.walk(n.param.node, segs, i + 1, params);
      if (found !== null) return found;
      params.length = mark;
    }
    return null;
  }
}

function decode(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
