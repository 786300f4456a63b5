/** The real core behind the pane, loaded on the first check (its own chunk, so the pane's first paint is small). */
import { check, type CheckOptions } from '../core/check';
import { consolidate, countyPlan, countyReport, countyWorkbook } from '../core/county';
import { buildReport } from '../core/narrative';
import { explanationFor, reviewExplanation, reviseExplanation } from '../core/explanations';
import { noticeReport } from '../core/notice';
import { explanationPlan, markPlan, noticePlan, placementPlan, removalPlan, resultPlan } from '../core/plan';
import { blankTemplateFor } from '../core/plan/template';
import { withRound } from '../core/rounds';
import type { Engine, EngineOptions } from './engine';

const checkOptions = (opts?: EngineOptions): CheckOptions => ({
  workbookTemplates: opts?.workbookTemplates === true,
  skipHidden: opts?.skipHidden === true,
  ...(opts?.definitions ? { definitions: opts.definitions } : {}),
});

export const coreEngine: Engine = {
  check: (book, opts) => check(book, checkOptions(opts)),
  buildReport: (result, book, opts) => buildReport(result, { book, workbookTemplates: opts?.workbookTemplates === true }),
  markPlan,
  removalPlan,
  resultPlan,
  explanationPlan,
  placementPlan,
  clearMarksPlan: () => ({ sheets: [], styles: {}, clearMarks: true }),
  explanation: (finding, text, date, opts) => reviseExplanation(opts.prev, explanationFor(finding, text, date, { author: opts.author })),
  review: reviewExplanation,
  withRound,
  // the readers are their own chunk, loaded only when a previous round is picked
  readFile: async (bytes, name) => (await import('../file/workbook')).readWorkbook(bytes, name),
  notice: (result, file, date) => noticeReport(result, file, { date }),
  noticePlan,
  templatePlan: (definitions) => blankTemplateFor(definitions),
  countyOffer: (book, opts, checked) => countyWorkbook(book, checkOptions(opts), checked),
  countyPlan: (offer) => {
    const county = consolidate(offer.inputs, { catalog: offer.catalog, unit: offer.unit });
    return { plan: countyPlan(county, countyReport(county)), counted: county.rows.length };
  },
};
