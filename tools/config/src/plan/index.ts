import { show } from '../canonical';
import { SECTIONS, type Section } from '../document';
import type { ConfigFile } from '../schema';
import type { LiveState } from '../state';
import { planConsumers, planPlans, planWebhooks } from './consumers';
import { planRegistry } from './registry';
import type { ApplyContext, Change, Plan } from './types';

export type { ApplyContext, Change, Plan } from './types';

/**
 * What it takes to make the live state match the file. Deletions only with `prune`, and only in
 * the `sections` the file has (a file with only `plans:` never deletes an API).
 */
export function buildPlan(
  desired: ConfigFile,
  live: LiveState,
  prune: boolean,
  sections: ReadonlySet<Section> = new Set(SECTIONS),
): Plan {
  const plan: Plan = { changes: [], problems: [], warnings: [] };
  const pruning = (s: Section) => prune && sections.has(s);
  planRegistry(desired.apis, live, pruning('apis'), plan);
  const known = {
    apis: new Set([...desired.apis.map((a) => a.name), ...live.ids.apis.keys()]),
    plans: new Set([...desired.plans.map((p) => p.name), ...live.ids.plans.keys()]),
    consumers: new Set([
      ...desired.consumers.map((c) => c.email.toLowerCase()),
      ...live.config.consumers.map((c) => c.email.toLowerCase()),
    ]),
  };
  planPlans(desired.plans, live, pruning('plans'), plan, known);
  planConsumers(desired.consumers, live, pruning('consumers'), plan, known);
  planWebhooks(desired.webhooks, live, pruning('webhooks'), plan, known);
  return plan;
}

/** The plan as a reader wants it: one line per entity, changed fields indented below. */
export function renderPlan(plan: Plan): string[] {
  const lines: string[] = [];
  for (const c of plan.changes) {
    const fields = c.op === '~' ? `: ${c.fields.map((f) => f.field).join(', ')}` : '';
    lines.push(`${c.op} ${c.what}${c.note ? ` ${c.note}` : ''}${fields}`);
    if (c.op === '~') {
      for (const f of c.fields) lines.push(`    ${f.field}: ${show(f.from)} → ${show(f.to)}`);
    }
  }
  for (const w of plan.warnings) lines.push(`! ${w}`);
  for (const p of plan.problems) lines.push(`✗ ${p}`);
  const count = (op: Change['op']) => plan.changes.filter((c) => c.op === op).length;
  lines.push(
    plan.changes.length === 0
      ? 'No changes: the live configuration matches the file.'
      : `Plan: ${count('+')} to create, ${count('~')} to update, ${count('-')} to delete.`,
  );
  return lines;
}

/**
 * Runs every step in phase order (stable: the file's order within a phase). Stops at the first
 * failure: what ran stays applied, and the next `diff` shows what is left.
 */
export async function applyPlan(
  plan: Plan,
  ctx: ApplyContext,
  onStep?: (change: Change) => void,
): Promise<void> {
  const steps = plan.changes.flatMap((change, i) =>
    change.steps.map((step, j) => ({ change, step, order: i * 100 + j })),
  );
  steps.sort((a, b) => a.step.phase - b.step.phase || a.order - b.order);
  const announced = new Set<Change>();
  for (const { change, step } of steps) {
    if (!announced.has(change)) {
      announced.add(change);
      onStep?.(change);
    }
    await step.run(ctx);
  }
}
