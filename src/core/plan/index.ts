/** WritePlans: what the tool writes where (result sheets, explanations, marks). STUB — signatures fixed. */
import type { CheckResult, Explanation, Report, Workbook, WritePlan } from '../types';

/** 审核结果 + 计算结果 + 报告文稿 (when a report is given), replacing earlier ones. */
export function resultPlan(result: CheckResult, report: Report | null): WritePlan {
  void result; void report;
  throw new Error('not implemented');
}

/** The 审核说明 sheet rewritten with `explanations` (keyed by finding id; a new text replaces an old one). */
export function explanationPlan(explanations: Explanation[]): WritePlan {
  void explanations;
  throw new Error('not implemented');
}

/** Read the 审核说明 sheet of a workbook. */
export function readExplanations(book: Workbook): Explanation[] {
  void book;
  throw new Error('not implemented');
}

/** Marks for the open findings (fill per severity, a comment with the message). */
export function markPlan(result: CheckResult): WritePlan {
  void result;
  throw new Error('not implemented');
}

/** Remove everything the tool wrote: result sheets and marks (explanations are kept unless asked). */
export function removalPlan(opts: { explanations?: boolean } = {}): WritePlan {
  void opts;
  throw new Error('not implemented');
}
