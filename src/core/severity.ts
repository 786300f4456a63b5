/**
 * The three severities in one place: their order (gravest first), rank and Chinese names (audit and short). A tiny module on its
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

/**
 * Short names for lists and counts (the CLI's 错误 3 项, the merged table's 错误（项）); SEVERITY_NAMES are the
 * audit terms the result sheets and marks use.
 */
export const SEVERITY_SHORT_NAMES: Record<Severity, string> = {
  error: '错误',
  verify: '待核实',
  hint: '提示',
};

/** 0 for the gravest (error), then 1, 2: sort ascending to put the gravest first. */
export function severityRank(s: Severity): number {
  return SEVERITY_ORDER.indexOf(s);
}

/**
 * A severity as every output names it: the short word (错误/待核实/提示), with the NBS audit term after it in brackets
 * where a sheet or a comment is read on its own (`错误（强制性）`).
 */
export function severityLabel(s: Severity, withAuditTerm = false): string {
  return withAuditTerm ? `${SEVERITY_SHORT_NAMES[s]}（${SEVERITY_NAMES[s]}）` : SEVERITY_SHORT_NAMES[s];
}
