/**
 * A county's own definitions (issue 12), as read from a definitions workbook (`指标定义`, `审核规则` sheets), from
 * the same sheets inside the checked workbook (which then win), or from a JSON/YAML file of the same schema.
 * Readers turn every source into these rows; the catalog builder and the rule compiler consume them.
 */
import type { Severity } from '../types';

/** Where a definition row was written, for messages (`县定义.xlsx 审核规则!A12`). */
export interface DefinitionSource {
  /** File name (a definitions workbook, a JSON/YAML file), or the checked workbook's own name. */
  file: string;
  /** Sheet name; for JSON/YAML the path of the entry (`rules[3]`). */
  sheet: string;
  /** A1 cell of the row's first column (for JSON/YAML: null). */
  cell: string | null;
  /** 0-based row on the sheet (or index in the JSON array). */
  row: number;
}

/** One row of `指标定义`. */
export interface IndicatorDefinitionRow {
  at: DefinitionSource;
  name: string;
  aliases: string[];
  section: string | null;
  unit: string | null;
  /** 数量/金额/比率/是否/文字 as written. */
  kind: string | null;
  required: boolean | null;
  min: number | null;
  max: number | null;
  /** Optional facets of the meaning model, as written (`对象` → `信访案件`, `环节` → `化解`, `级别` → `县级`). */
  facets: Record<string, string>;
}

/** One row of `审核规则`. */
export interface RuleDefinitionRow {
  at: DefinitionSource;
  /** The expression as written: `[化解信访案件] <= [受理信访案件]`. */
  text: string;
  severity: Severity;
  /** The county's 说明, used as the finding's message (figures filled in). */
  message: string;
}

/** Everything a county defined, from one or more sources (the checked workbook's own sheets win). */
export interface CountyDefinitions {
  /** What to show the user: the file the definitions came from. */
  name: string;
  /** ISO time the user loaded them (pane/page), when known. */
  loadedAt?: string;
  indicators: IndicatorDefinitionRow[];
  rules: RuleDefinitionRow[];
  /** Rows (or a whole sheet) that could not be read: each a `definition-invalid` finding in every check using them. */
  problems?: DefinitionProblem[];
}

/** A definition row (or a whole sheet/file part) that cannot be used, said where it was written. */
export interface DefinitionProblem {
  at: DefinitionSource;
  /** What the row says, for the message. */
  text: string;
  /** Why it is not used, one Chinese clause (`类型“数目”不是 数量/金额/比率/是否/文字 之一`). */
  reason: string;
}

/**
 * What became of one county rule in a check (R validate's passed / failed / not evaluable):
 * - `passed`: evaluated for at least one township (or the workbook's own figures) and never false;
 * - `failed`: false somewhere (each place is a `custom` finding);
 * - `undetermined`: only approximate figures (`余`, `近`, `约`) were there, and they allow both answers;
 * - `not-evaluable`: an indicator it uses has no figure anywhere it could be evaluated;
 * - `invalid`: it does not parse or names no indicator (a `rule-invalid` finding).
 */
export type CustomRuleStatus = 'passed' | 'failed' | 'undetermined' | 'not-evaluable' | 'invalid';

export interface CustomRuleOutcome {
  at: DefinitionSource;
  text: string;
  severity: Severity;
  status: CustomRuleStatus;
  /** Indicator ids the rule uses (empty when invalid). */
  indicators: string[];
  /** Places (a township row, the workbook's own figures, a year) where it was evaluated, and where it was false. */
  evaluated: number;
  failed: number;
  /** Places where some of its indicators had figures and others not (or a divisor was 0): not evaluated there. */
  skipped: number;
  /** Of those, places where a divisor was 0 (`[调解成功数] / [矛盾纠纷受理数]` with nothing received). */
  zeroDivisor?: number;
  /** Names (as written in the rule) that had no figure where others did (all of them when none had any). */
  missing: string[];
  /** For `invalid`: the problem, with its position. */
  problem?: string;
  /**
   * The built-in check whose relation the rule states (`[持证人数] <= [行政执法人员]`: part-exceeds-whole): where the
   * rule finds it broken, its finding takes the built-in one's place.
   */
  replaces?: 'part-exceeds-whole' | 'rate-mismatch' | 'sum-mismatch';
}

/** Every county rule of a check, with the counts the CLI and the JSON give. */
export interface CustomRulesSummary {
  /** The definitions' name (the file they came from). */
  source: string;
  rules: CustomRuleOutcome[];
  counts: Record<CustomRuleStatus, number>;
}
