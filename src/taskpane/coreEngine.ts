/** The real core behind the pane, loaded on the first check (its own chunk, so the pane's first paint is small). */
import { check } from '../core/check';
import { buildReport } from '../core/narrative';
import { explanationPlan, markPlan, removalPlan, resultPlan } from '../core/plan';
import type { Engine } from './engine';

export const coreEngine: Engine = {
  check: (book) => check(book),
  buildReport: (result, book) => buildReport(result, { book }),
  markPlan,
  removalPlan,
  resultPlan,
  explanationPlan,
  clearMarksPlan: () => ({ sheets: [], styles: {}, clearMarks: true }),
};
