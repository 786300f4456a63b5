/**
 * Which explanation stands for a finding — light on purpose (types only): the pane's first bundle imports it to edit
 * and review explanations, while findings.ts (message templates, formatting) stays in the lazily loaded core.
 */
import type { Explanation, Finding } from './types';

/** The explanations with a text, by the finding id they were written for (a later one for an id wins). */
export function explanationsById(explanations: readonly Explanation[]): Map<string, Explanation> {
  const byId = new Map<string, Explanation>();
  for (const e of explanations) if (e.text.trim()) byId.set(e.findingId, e);
  return byId;
}

/**
 * The explanation that stands for `f`: the one written for its id, else — a county rule restating a built-in
 * relation — the one written against the built-in finding it replaces (`replacesIds`). The row keeps the id it was
 * written for: whoever edits or reviews it (the pane) rewrites that row, so its author and history stay.
 */
export function explanationOf(f: Finding, explanations: readonly Explanation[] | ReadonlyMap<string, Explanation>): Explanation | undefined {
  const byId = explanations instanceof Map ? (explanations as ReadonlyMap<string, Explanation>) : explanationsById(explanations as readonly Explanation[]);
  return byId.get(f.id) ?? f.replacesIds?.map((id) => byId.get(id)).find((x) => x != null);
}
