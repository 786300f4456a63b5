/**
 * The three severities in one place: their order (gravest first), rank and Chinese names. A tiny module on its
 * own so that the Excel adapter (task pane's initial bundle) can rank marks without pulling in the rule texts;
 * rules/meta, findings and plan re-export from here.
 */
import type { Severity } from './types';

export const SEVERITY_ORDER: Severity[] = ['error', 'verify', 'hint'];

/** Chinese names of the severities, as statistical audit practice calls them. */
export const SEVERITY_NAMES: Record<Severity, string> = {
  error: '强制性',
  verify: '核实性',
  hint: '提示性',
};

/** 0 for the gravest (error), then 1, 2: sort ascending to put the gravest first. */
export function severityRank(s: Severity): number {
  return SEVERITY_ORDER.indexOf(s);
}
