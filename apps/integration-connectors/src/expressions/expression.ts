import { PorticoError } from '@portico/contracts';
import jsonata from 'jsonata';

/** Guardrails for tenant-written expressions: no eval, bounded time, depth and sequence size. */
const LIMITS = { timeout: 250, stack: 200, sequence: 100_000 };

export interface Expression {
  readonly source: string;
  evaluate(input: unknown): Promise<unknown>;
}

/**
 * A JSONata expression compiled once. JSONata runs in its own interpreter (no access to JS globals,
 * `require` or `process`), which is why it is the expression language for computed fields, filters
 * and action payloads.
 */
export function compileExpression(source: string, where: string): Expression {
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(source, LIMITS as jsonata.JsonataOptions);
  } catch (err) {
    throw PorticoError.validation(`Invalid expression in ${where}: ${jsonataMessage(err)}`, [
      { field: where, message: jsonataMessage(err), code: 'invalid_expression' },
    ]);
  }
  return {
    source,
    async evaluate(input: unknown) {
      try {
        return await compiled.evaluate(input);
      } catch (err) {
        throw new ExpressionError(`${where}: ${jsonataMessage(err)}`);
      }
    },
  };
}

export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

function jsonataMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) return String(err.message);
  return String(err);
}

const PLACEHOLDER = /\{\{([\s\S]+?)\}\}/g;

/** A string with `{{ expression }}` placeholders, e.g. `/users/{{ event.data.consumerId }}`. */
export interface Template {
  render(input: unknown, encode?: (s: string) => string): Promise<string>;
}

export function compileTemplate(source: string, where: string): Template {
  const parts: Array<string | Expression> = [];
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    parts.push(source.slice(last, m.index));
    parts.push(compileExpression(m[1]!.trim(), where));
    last = m.index + m[0].length;
  }
  parts.push(source.slice(last));
  return {
    async render(input, encode = (s) => s) {
      let out = '';
      for (const p of parts) {
        if (typeof p === 'string') {
          out += p;
          continue;
        }
        const v = await p.evaluate(input);
        out += encode(
          v === undefined || v === null
            ? ''
            : typeof v === 'object'
              ? JSON.stringify(v)
              : String(v),
        );
      }
      return out;
    },
  };
}
