/**
 * The core functions the pane calls, gathered in one object so a test (or a county build with its own
 * templates) can pass another. The pane never decides anything a statistician cares about: it only calls these.
 */
import type { CountyWorkbook } from '../core/county/workbook';
import type { CountyDefinitions } from '../core/definitions/types';
import type { CheckResult, Explanation, ExplanationReview, Finding, Report, Workbook, WritePlan } from '../core/types';

/** What the user chose about the workbook: apply its own 报告模板 sheet (default: no, check hints it was found). */
export interface EngineOptions {
  workbookTemplates?: boolean;
  /** Leave the township's hidden sheets out (default: check them; findings there say the sheet is hidden). */
  skipHidden?: boolean;
  /** The county's definitions the user loaded (县级指标定义); the workbook's own 指标定义/审核规则 sheets win. */
  definitions?: CountyDefinitions;
}

export interface Engine {
  check(book: Workbook, opts?: EngineOptions): CheckResult;
  /**
   * The report draft; with `workbookTemplates`, `book`'s 报告模板 sheet, if any, rewords it (a bad template throws a
   * message naming its cell).
   */
  buildReport(result: CheckResult, book: Workbook, opts?: EngineOptions): Report;
  markPlan(result: CheckResult): WritePlan;
  removalPlan(opts: { explanations?: boolean }): WritePlan;
  resultPlan(result: CheckResult, report: Report | null): WritePlan;
  explanationPlan(explanations: Explanation[]): WritePlan;
  /** 指标对照 with one more placement of a label (the user's choice for an unknown or ambiguous label). */
  placementPlan(result: CheckResult, add: { label: string; id: string; sheet: string | null }): WritePlan;
  /** Only the marks cleared (original fills restored); result sheets and explanations stay. */
  clearMarksPlan(): WritePlan;
  /**
   * The township's explanation (or, on an error, its dispute) of `finding`, with the figures it explains and its
   * author; it replaces `prev`, which goes to the history with the county's decision on it (core/explanations.ts).
   */
  explanation(finding: Finding, text: string, date: string, opts: { author?: string; prev?: Explanation }): Explanation;
  /** The county's 采纳 / 退回 of an explanation (an earlier decision goes to its history). */
  review(e: Explanation, review: ExplanationReview): Explanation;
  /** `current` compared with the previous round (core/rounds.ts): 已改正 / 新出现 / 仍未改正 / 已说明. */
  withRound(current: CheckResult, previous: CheckResult, since: string): CheckResult;
  /** A workbook file of the previous round, read like the page reads one (any format the readers take). */
  readFile(bytes: Uint8Array, name: string): Promise<Workbook>;
  /** The 整改通知 of a checked workbook (core/notice.ts) and the plan writing it as a sheet. */
  notice(result: CheckResult, file: string, date: string): Report;
  noticePlan(notice: Report): WritePlan;
  /** The blank template of the catalog in use: the built-in one, or with the county's definitions (core/plan/template.ts). */
  templatePlan(definitions: CountyDefinitions | null): WritePlan;
  /**
   * 汇总各乡镇 (issue 14): whether `book` holds townships to consolidate — one sheet per township, or a county
   * summary sheet — checked as `check` does with `opts` (`checked`: that check, when made already); why not, when not.
   */
  countyOffer(book: Workbook, opts?: EngineOptions, checked?: CheckResult): CountyOffer;
  /** The county's sheets for an offer (the plan `merge` writes: 审核情况, 汇总表, 汇总报告文稿, 审核明细) and how many townships it counts. */
  countyPlan(offer: CountyOffer & { ok: true }): { plan: WritePlan; counted: number };
}

/** What core/county/workbook.ts decides about a workbook: its county inputs, or why it has none. */
export type CountyOffer = CountyWorkbook;

let loaded: Promise<Engine> | null = null;

/** The real core (src/core), loaded with import() on first use and kept. */
export function loadCoreEngine(): Promise<Engine> {
  if (!loaded) {
    loaded = import('./coreEngine').then((m) => m.coreEngine);
    // only forgets a failed load so that the next use tries again; the caller awaits `loaded` and is told
    loaded.catch(() => {
      loaded = null;
    });
  }
  return loaded;
}
