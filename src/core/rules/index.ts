/**
 * The rules: metadata as data (`RULES`, meta.ts) and one function per rule id (`RULE_FUNCTIONS`).
 * `runRules` runs them all on an extraction and returns the findings with unique ids, sorted.
 *
 * Decisions a statistician may want to know (details at each function):
 * - Groups: rules compare figures of the same entity (township row of a summary; the 合计 row is its own
 *   entity) and period (`other` periods also by year). A 40-township summary gives per-township findings.
 * - Approximate figures (`3000余`, `近300`, `约50`) are the ranges they name (util.ts `interval`): 余/多/以上/
 *   不少于 = at least; 近 = 90–100 %; 约 = ±10 %. A relation is an error only when it fails for every reading
 *   (certainly wrong); otherwise it is not reported — except rates, which get an `approximate-rate` hint.
 *   This applies to part-exceeds-whole, rate-mismatch, sum-mismatch and conflicting-values alike.
 * - Rates: `rateAgrees` (whole percent ±0.5 point, one decimal ±0.05). A coverage word is a 100 % claim
 *   (`coverage-claim`, verify); a plain 100 % that the parts contradict is `rate-mismatch` (error).
 * - large-change: ≥ 3× or ≤ ⅓ of last year when both ≥ 10; rates ≥ 30 points (see consistency.ts).
 * - One mistake, one finding where possible: a negative figure is `negative`, not also `out-of-range`; an
 *   indicator present only for another year is `year-mismatch`, not also `missing-required`; a relation the
 *   county's 审核规则 states too (`[持证人数] <= [行政执法人员]`, or mirrored) is its `custom` finding, not also
 *   `part-exceeds-whole` at the same cells (definitions/rules.ts `restatedByCounty`).
 * - Ids: FNV-1a of rule | entity | period | sorted indicators (+ a sub-case key); findings without an
 *   indicator add sheet!cell, except unknown labels, keyed by sheet and label text so they survive row moves.
 */
import { ref } from '../address';
import { sortFindings, uniqueIds } from '../findings';
import type { CountyRuleId, Extraction, Finding, RuleId } from '../types';
import { conflictingValues, largeChange, missingRequired, yearMismatch } from './consistency';
import { ContextOptions, ruleContext, RuleContext } from './context';
import { approximateRate, coverageClaim, partExceedsWhole, rateMismatch, rateTruncatedRule, sumMismatch } from './relations';
import { ambiguousLabel, mappingInvalid, numbering, sheetTruncated, sheetUnreadable, uncalculatedFormula, unknownIndicator, workbookTemplates } from './structure';
import { evaluateCustomRules, restatedByCounty } from '../definitions/rules';
import { definitionInvalid } from './definitions';
import { formulaError, negative, notInteger, outOfRange, unparseableValue } from './values';

export type RuleFn = (ctx: RuleContext) => Finding[];

/** The rules run on one workbook; the `county-…` rules run across townships in src/core/county. */
export type WorkbookRuleId = Exclude<RuleId, CountyRuleId>;

export const RULE_FUNCTIONS: Record<WorkbookRuleId, RuleFn> = {
  'unparseable-value': unparseableValue,
  'formula-error': formulaError,
  'not-integer': notInteger,
  negative,
  'out-of-range': outOfRange,
  'part-exceeds-whole': partExceedsWhole,
  'rate-mismatch': rateMismatch,
  'rate-truncated': rateTruncatedRule,
  'sum-mismatch': sumMismatch,
  'conflicting-values': conflictingValues,
  'coverage-claim': coverageClaim,
  'year-mismatch': yearMismatch,
  'large-change': largeChange,
  'missing-required': missingRequired,
  'approximate-rate': approximateRate,
  'unknown-indicator': unknownIndicator,
  'ambiguous-label': ambiguousLabel,
  'mapping-invalid': mappingInvalid,
  'definition-invalid': definitionInvalid,
  'sheet-unreadable': sheetUnreadable,
  numbering,
  'sheet-truncated': sheetTruncated,
  'uncalculated-formula': uncalculatedFormula,
  'workbook-templates': workbookTemplates,
  custom: (ctx) => evaluateCustomRules(ctx).findings,
  'rule-invalid': (ctx) => evaluateCustomRules(ctx).invalid,
};

/** All rules (or the listed ones) on a context: unique ids, sorted by severity, sheet, row, column. */
export function runRules(ctx: RuleContext, only?: WorkbookRuleId[]): Finding[] {
  const ids = only ?? (Object.keys(RULE_FUNCTIONS) as WorkbookRuleId[]);
  // rate-mismatch last: a rate whose own counts are flagged says so instead of advising a number (relations.ts)
  const findings = ids.flatMap((id) => (id === 'rate-mismatch' ? [] : RULE_FUNCTIONS[id](ctx)));
  if (ids.includes('rate-mismatch')) {
    const flagged = new Set(findings.filter((f) => f.severity !== 'hint' && f.sheet).map((f) => ref(f.sheet, f.cell)));
    findings.push(...rateMismatch(ctx, flagged));
  }
  // a county rule stating a built-in relation (the template's 审核规则) reports its breaks itself: one finding each
  const restated = ids.includes('custom') ? restatedByCounty(ctx, findings) : new Map<Finding, Finding[]>();
  if (restated.size) linkRestated(restated);
  return sortFindings(uniqueIds(restated.size ? findings.filter((f) => !restated.has(f)) : findings), ctx.sheetOrder);
}

/**
 * Each finding of a county rule restating a built-in relation carries the ids of the built-in findings it stands
 * for (an explanation of one holds). Only the restating rule's: another county rule on the same cells is not them.
 */
function linkRestated(restated: Map<Finding, Finding[]>): void {
  const ids = new Map<Finding, string[]>();
  for (const [builtIn, county] of restated) for (const f of county) ids.set(f, [...(ids.get(f) ?? []), builtIn.id]);
  // assigned, not appended: the county's findings are those of a memoised evaluation (a second run links the same)
  for (const [f, replaced] of ids) f.replacesIds = replaced;
}

/** Convenience: rules straight from an extraction. */
export function checkExtraction(extraction: Extraction, opts: ContextOptions & { only?: WorkbookRuleId[] } = {}): Finding[] {
  return runRules(ruleContext(extraction, opts), opts.only);
}

export { RULES, RULE_IDS, SEVERITY_NAMES, SEVERITY_ORDER } from './meta';
export type { RuleMeta } from './meta';
export { computeRates } from './rates';
export { ruleContext, sheetTitles } from './context';
export type { RuleContext, ContextOptions, SheetTitle, CountyInForce } from './context';
export { rateVerdict } from './relations';
export { approximateRate, coverageClaim, partExceedsWhole, rateMismatch, rateTruncatedRule, sumMismatch } from './relations';
export { conflictingValues } from './consistency';
