/**
 * The rules: metadata as data (`RULES`, meta.ts) and one function per rule id (`RULE_FUNCTIONS`).
 * `runRules` runs them all on an extraction and returns the findings with unique ids, sorted.
 */
import { sortFindings, uniqueIds } from '../findings';
import type { Extraction, Finding, RuleId } from '../types';
import { conflictingValues, largeChange, missingRequired, yearMismatch } from './consistency';
import { ContextOptions, ruleContext, RuleContext } from './context';
import { approximateRate, coverageClaim, partExceedsWhole, rateMismatch, sumMismatch } from './relations';
import { numbering, sheetTruncated, unknownIndicator } from './structure';
import { formulaError, negative, notInteger, outOfRange, unparseableValue } from './values';

export type RuleFn = (ctx: RuleContext) => Finding[];

export const RULE_FUNCTIONS: Record<RuleId, RuleFn> = {
  'unparseable-value': unparseableValue,
  'formula-error': formulaError,
  'not-integer': notInteger,
  negative,
  'out-of-range': outOfRange,
  'part-exceeds-whole': partExceedsWhole,
  'rate-mismatch': rateMismatch,
  'sum-mismatch': sumMismatch,
  'conflicting-values': conflictingValues,
  'coverage-claim': coverageClaim,
  'year-mismatch': yearMismatch,
  'large-change': largeChange,
  'missing-required': missingRequired,
  'approximate-rate': approximateRate,
  'unknown-indicator': unknownIndicator,
  numbering,
  'sheet-truncated': sheetTruncated,
};

/** All rules (or the listed ones) on a context: unique ids, sorted by severity, sheet, row, column. */
export function runRules(ctx: RuleContext, only?: RuleId[]): Finding[] {
  const ids = only ?? (Object.keys(RULE_FUNCTIONS) as RuleId[]);
  const findings = ids.flatMap((id) => RULE_FUNCTIONS[id](ctx));
  return sortFindings(uniqueIds(findings), ctx.sheetOrder);
}

/** Convenience: rules straight from an extraction. */
export function checkExtraction(extraction: Extraction, opts: ContextOptions & { only?: RuleId[] } = {}): Finding[] {
  return runRules(ruleContext(extraction, opts), opts.only);
}

export { RULES, RULE_IDS, SEVERITY_NAMES, SEVERITY_ORDER } from './meta';
export type { RuleMeta } from './meta';
export { computeRates } from './rates';
export { ruleContext, sheetTitles } from './context';
export type { RuleContext, ContextOptions, SheetTitle } from './context';
export { rateVerdict } from './relations';
