import type { ActionStep, CreateAction } from '@portico/contracts';
import {
  compileExpression,
  compileTemplate,
  type Expression,
  type Template,
} from '../expressions/expression';

export interface CompiledStep {
  def: ActionStep;
  path: Template;
  query: Array<[string, Template]>;
  headers: Array<[string, Template]>;
  body: Expression | undefined;
}

export interface CompiledAction {
  filter: Expression | undefined;
  steps: CompiledStep[];
}

/** Compiles every expression of an action (throws a 400-ready PorticoError on syntax errors). */
export function compileAction(a: Pick<CreateAction, 'filter' | 'steps'>): CompiledAction {
  return {
    filter: a.filter ? compileExpression(a.filter, 'filter') : undefined,
    steps: a.steps.map((s, i) => ({
      def: s,
      path: compileTemplate(s.path, `steps[${i}].path`),
      query: Object.entries(s.query).map(([k, v]) => [
        k,
        compileTemplate(v, `steps[${i}].query.${k}`),
      ]),
      headers: Object.entries(s.headers).map(([k, v]) => [
        k,
        compileTemplate(v, `steps[${i}].headers.${k}`),
      ]),
      body: s.body ? compileExpression(s.body, `steps[${i}].body`) : undefined,
    })),
  };
}

/** `consumer.created` matches itself; `registry.>` every type under registry; `>` everything. */
export function matchesEventType(pattern: string, type: string): boolean {
  if (pattern === '>') return true;
  if (pattern.endsWith('.>')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
