/** The real core behind the pane, loaded on the first check (its own chunk, so the pane's first paint is small). */
import { check } from '../core/check';
import { buildReport } from '../core/narrative';
import { explanationPlan, markPlan, placementPlan, removalPlan, resultPlan } from '../core/plan';
import type { Engine } from './engine';

export const coreEngine: Engine = {
  check: (book, opts) =>
    check(book, { workbookTemplates: opts?.workbookTemplates === true, skipHidden: opts?.skipHidden === true, ...(opts?.definitions ? { definitions: opts.definitions } : {}) }),
  buildReport: (result, book, opts) => buildReport(result, { book, workbookTemplates: opts?.workbookTemplates === true }),
  markPlan,
  removalPlan,
  resultPlan,
  explanationPlan,
  placementPlan,
  clearMarksPlan: () => ({ sheets: [], styles: {}, clearMarks: true }),
};
