/**
 * The core functions the pane calls, gathered in one object so a test (or a county build with its own
 * templates) can pass another. The pane never decides anything a statistician cares about: it only calls these.
 */
import { check } from '../core/check';
import { buildReport } from '../core/narrative';
import { explanationPlan, markPlan, removalPlan, resultPlan } from '../core/plan';
import type { CheckResult, Explanation, Report, Workbook, WritePlan } from '../core/types';

export interface Engine {
  check(book: Workbook): CheckResult;
  buildReport(result: CheckResult): Report;
  markPlan(result: CheckResult): WritePlan;
  removalPlan(opts: { explanations?: boolean }): WritePlan;
  resultPlan(result: CheckResult, report: Report | null): WritePlan;
  explanationPlan(explanations: Explanation[]): WritePlan;
  /** Only the marks cleared (original fills restored); result sheets and explanations stay. */
  clearMarksPlan(): WritePlan;
}

export const coreEngine: Engine = {
  check: (book) => check(book),
  buildReport: (result) => buildReport(result),
  markPlan,
  removalPlan,
  resultPlan,
  explanationPlan,
  clearMarksPlan: () => ({ sheets: [], styles: {}, clearMarks: true }),
};
