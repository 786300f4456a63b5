/**
 * The contracts every part of Indicator Desk shares. Pure types: no office-js, no DOM, no Node.
 *
 *   workbook ──read──▶ Workbook(Grid[]) ──extract──▶ Observations ──rules──▶ Findings
 *                                            └──narrative──▶ Paragraphs ──▶ WritePlan ──apply──▶ host
 *
 * Coordinates: `row`/`col` are 0-based and absolute on the sheet (A1 = row 0, col 0). A Grid may start
 * below/right of A1 (an office-js used range such as B3:F40); `origin` says where its [0][0] sits.
 */

import type { CustomRulesSummary, DefinitionSource } from './definitions/types';

// ───────────────────────────── Grid: the one input shape ─────────────────────────────

/** A formula error as the host reports it (`#DIV/0!`, `#REF!`, `#N/A`, `#VALUE!` …). */
export interface CellError {
  error: string;
}

/** A raw cell value. Dates are Excel serial numbers with a date number format, as office-js gives them. */
export type Cell = number | string | boolean | null | CellError;

/** A merged area, inclusive, 0-based absolute coordinates. */
export interface MergedArea {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** One worksheet as read from the host. */
export interface Grid {
  name: string;
  /** Row-major raw values. Rows may be ragged; a missing cell is `null`. */
  rows: Cell[][];
  /** Number formats parallel to `rows` (`"0%"`, `"0.0%"`, `"yyyy-mm-dd"`, `"General"`), when the host gives them. */
  formats?: (string | null)[][];
  /** Merged areas, absolute coordinates. */
  merges?: MergedArea[];
  /** Where rows[0][0] sits on the sheet; default { row: 0, col: 0 }. */
  origin?: { row: number; col: number };
  /** Sheet visibility as the host reports it. Hidden sheets are still checked. */
  visibility?: 'visible' | 'hidden' | 'veryHidden';
  /**
   * The workbook counts dates from 1904 (Excel for Mac's old default, `workbookPr date1904`): its date serials are
   * 1,462 days fewer than the same dates in the 1900 system. Set by the reader on every sheet of such a workbook.
   */
  date1904?: boolean;
  /** Set by an adapter that had to stop reading (e.g. a sheet far too large); the rules report it. */
  truncated?: { rowsRead: number; rowsTotal: number };
  /**
   * Formula cells the file holds no computed value for (a workbook written by a program and never saved by Excel
   * or WPS): how many, and the first one (absolute row and column). They read as empty; the rules report it.
   */
  uncalculated?: { count: number; row: number; col: number };
}

export interface Workbook {
  /** File name or workbook title, for messages; may be empty. */
  name: string;
  sheets: Grid[];
}

// ───────────────────────────── Parsed values ─────────────────────────────

/** The approximation markers of real sheets: `3000余份`, `20多人次`, `近300幅`, `约50人`, `100人以上`, `不少于30条`. */
export type ApproxMarker = '余' | '多' | '近' | '约' | '以上' | '不少于';

export type ValueKind =
  | 'number' // a count or amount (value: number)
  | 'percent' // a rate, value in percent (98 for 98%)
  | 'yesno' // value: boolean
  | 'text' // free text (value: string)
  | 'absent' // blank, —, /, 无 … : not zero
  | 'error' // a formula error (value: the error code)
  | 'date' // a date where a figure was expected (value: ISO date string)
  | 'invalid'; // could not be read as what was expected (value: null)

export interface ParsedValue {
  kind: ValueKind;
  value: number | boolean | string | null;
  /** First approximation marker found (`近3万余份` has two; both are in `markers`). */
  approx: ApproxMarker | null;
  markers: ApproxMarker[];
  /** Unit word written in the cell, 万 already multiplied out: `1.3万元` → value 13000, unit `元`. */
  unit: string | null;
  /** True when the figure was written with 万 (so prose can say `3万余份` again). */
  wan: boolean;
  /** Decimal places as written (`94.6%` → 1, `98%` → 0); null for non-numbers. */
  decimals: number | null;
  /** Written as a coverage word (`全覆盖`, `全部`, `100%` with such a word) — a claim rules may test. */
  coverage: boolean;
  /** The cell as displayed text, trimmed. */
  raw: string;
  /** For `invalid`: why, in Chinese, for messages. */
  reason?: string;
}

/** What the caller knows about the cell's context when parsing. */
export interface ParseContext {
  /** The cell's number format (`0%` makes 0.98 read as 98 %). */
  numberFormat?: string | null;
  /** The column/row header says `%` / `率` / `比例`: a bare 98 is 98 %. */
  percentHeader?: boolean;
  /** What the indicator expects; guides ambiguous text (`是`, `全覆盖`). */
  expect?: IndicatorKind;
  /** The workbook's dates count from 1904 (Grid.date1904): a date serial is read in that system. */
  date1904?: boolean;
}

// ───────────────────────────── Catalog (data, not code) ─────────────────────────────

export type SectionId =
  | 'leadership' // 党政主要负责人履行推进法治建设第一责任人职责 (report part 三)
  | 'publicity' // 法治宣传教育 (part 一, subsection)
  | 'disputes' // 矛盾纠纷化解与社会治理 (part 一)
  | 'enforcement' // 行政执法 (part 一)
  | 'legal-services' // 公共法律服务与法治阵地 (part 一)
  | 'decisions' // 依法决策与政务公开 (part 一)
  | 'shortcomings' // 存在的不足和原因 (part 二, text)
  | 'plans' // 下一年度主要安排 (part 四, text)
  | 'other'; // 其他需要报告的情况 (part 五)

export type IndicatorKind = 'count' | 'amount' | 'rate' | 'yesno' | 'text';

export interface IndicatorDef {
  /** Stable id, part of the public contract (JSON output, templates, explanations). */
  id: string;
  /** Canonical Chinese name. */
  name: string;
  /** Other wordings met in real sheets and reports. */
  synonyms: string[];
  section: SectionId;
  /** Unit the value is stored in (`件`, `万元`, `%`); null for yes/no and text. */
  unit: string | null;
  /** Other units accepted as the same (`场` ≈ `场次` ≈ `次`). */
  unitAliases?: string[];
  kind: IndicatorKind;
  integer: boolean;
  min?: number;
  max?: number;
  required?: boolean;
  /** Narrative template group (several indicators share one sentence). */
  group: string;
  /** What the indicator means, in the facets of the label reader (src/core/meaning): how unseen wordings are placed. */
  meaning?: IndicatorMeaning;
  /**
   * A workbook with no figure for that indicator means it by this one (`调处矛盾纠纷` is the disputes received when
   * no 受理 row stands beside it); where both are given they are two indicators.
   */
  standsFor?: string;
}

/**
 * An indicator's meaning as facets (see src/core/meaning/lexicon.ts for the words of each facet value).
 * A label is placed on the indicator whose facets all agree with what the label and its context say.
 */
export interface IndicatorMeaning {
  /** What is counted (the head object): `petition`, `dispute`, `officer`, `village` … */
  object: string;
  /** Other objects a label may name as qualifiers (`法律顾问` in `配备法律顾问的村数`). */
  mods?: string[];
  /** The label must name one of these qualifiers (`合同` for 合同合法性审查). */
  needMod?: string[];
  /** Accepted stages (`received`, `resolved`, `closed` …); `''` accepts a label without one. None: no stage. */
  stage?: string[];
  measure: 'count' | 'people' | 'times' | 'amount' | 'rate' | 'yesno';
  level?: 'county' | 'city' | 'province' | 'national';
  /** Accepted scopes (`village`, `community`, `both`); none: any. */
  scope?: ('village' | 'community' | 'both')[];
  neg?: boolean;
  timely?: boolean;
  fresh?: boolean;
  /** What the bare object means (`信访案件` alone is the received count). */
  isDefault?: boolean;
}

export type Relation =
  /** part ≤ whole */
  | { kind: 'part-of'; part: string; whole: string }
  /** rate = numerator / denominator × 100 */
  | { kind: 'rate'; rate: string; numerator: string; denominator: string }
  /** total = Σ parts */
  | { kind: 'sum'; total: string; parts: string[] };

export interface Catalog {
  version: string;
  indicators: IndicatorDef[];
  relations: Relation[];
}

// ───────────────────────────── Extraction ─────────────────────────────

export type Period = 'current' | 'previous' | 'other';

/** One figure the tool understood, pinned to its cell. */
export interface Observation {
  indicator: string; // catalog id
  label: string; // the label as written in the sheet
  /** In the catalog unit (rates in percent); null when absent/unreadable. */
  value: number | boolean | string | null;
  kind: ValueKind;
  approx: boolean;
  markers: ApproxMarker[];
  /** Unit as stored (the catalog unit when converted). */
  unit: string | null;
  wan: boolean;
  decimals: number | null;
  coverage: boolean;
  raw: string;
  reason?: string;
  sheet: string;
  cell: string; // A1, e.g. "D10"
  row: number;
  col: number;
  /** Year the figure is for, when the sheet says so. */
  year: number | null;
  period: Period;
  /** Township the figure belongs to (summary sheets with one row per township); null = the workbook's unit. */
  entity: string | null;
  /** The row of a summary table is its 合计 row. */
  isTotal?: boolean;
  /** Text of the row's 备注/说明 cell, if any. */
  note?: string;
  /** How the label was placed on the indicator, in words (`按“…”识别为“…”（对象：…，环节：…）`). */
  explain?: string;
  /**
   * A figure read in a report's sentence (src/core/prose): `source` is `text`, `paragraph` the 1-based paragraph,
   * `span` the figure's [start, end) character offsets in it and `quote` the sentence. `sheet`/`cell` are then
   * the text sheet and cell the paragraph came from, or '' for a .docx / .txt.
   */
  source?: 'text';
  paragraph?: number;
  span?: [number, number];
  quote?: string;
}

/** A free-text item (a problem, a plan, a measure) for the narrative. */
export interface TextItem {
  section: SectionId;
  text: string;
  sheet: string;
  cell: string;
  order: number;
}

/** A label the catalog could not place. */
export interface UnknownLabel {
  label: string;
  raw: string;
  sheet: string;
  cell: string;
  /** Nearest catalog indicator, if any came close. */
  suggestion: { id: string; name: string; score: number } | null;
  /**
   * The row's figures, one per value cell, parsed as written (no catalog unit to convert to), each with its cell,
   * year, period and entity — so the report can state them. Absent when the label has no figure cell.
   */
  figures?: UnknownFigure[];
  /** The section the row stood under in the sheet (its section row, category column or sheet name); null when none. */
  section?: SectionId | null;
  /** Several indicators fit and the context does not settle which (an `ambiguous-label` hint). */
  candidates?: string[];
  /** Why it was not placed, in words. */
  explain?: string;
  /** Words of the label the tool did not understand (`重复访`). */
  unknownWords?: string[];
  /** The nearest indicators (ids), offered as a one-click choice. */
  suggestions?: string[];
}

/** A figure of a row whose label the catalog could not place: an Observation without a catalog indicator. */
export type UnknownFigure = Omit<Observation, 'indicator'>;

export type LayoutKind = 'rows' | 'rates' | 'years' | 'summary' | 'text' | 'identity' | 'results' | 'unknown';

export interface TableInfo {
  sheet: string;
  layout: LayoutKind;
  headerRow: number | null;
  labelCol: number | null;
  valueCols: number[];
}

export interface Extraction {
  unit: string | null; // 单位名称 (township)
  year: number | null; // 报告年度
  addressee: string | null; // 报送对象 (e.g. 县委、县政府)
  date: string | null; // 落款日期 as written, e.g. 2024年1月8日
  observations: Observation[];
  texts: TextItem[];
  unknown: UnknownLabel[];
  tables: TableInfo[];
  /** Where each identity field was read, for messages. */
  identityCells?: Partial<Record<'unit' | 'year' | 'addressee' | 'date', { sheet: string; cell: string }>>;
  /** Rows of the user's 指标对照 (or --mapping file) that name no indicator: each a `mapping-invalid` hint. */
  mappingProblems?: { sheet: string; cell: string; text: string; reason: string; file?: boolean }[];
  /** Sheets whose reading failed: each is an error finding (`sheet-unreadable`), the other sheets are still read. */
  failures?: {
    sheet: string;
    reason: string;
    /** `identity`: reading the unit and year (every sheet's titles and key–value rows) failed, not one sheet. */
    part?: 'identity';
  }[];
  /** A county workbook with one sheet per township: which sheet is whose (its figures carry that entity). */
  sheetTownships?: { sheet: string; township: string }[];
  /** Section numbering seen in section rows (`一、`, `1、`), for the numbering rule. */
  headings?: { text: string; sheet: string; cell: string }[];
}

// ───────────────────────────── Rates and findings ─────────────────────────────

export interface ComputedRate {
  indicator: string; // catalog id of the rate
  entity: string | null;
  period: Period;
  year: number | null;
  numerator: Observation;
  denominator: Observation;
  /** Percent, unrounded; null when the denominator is 0. */
  value: number | null;
  /** Rounded half-up to one decimal, `100%` exactly when exact: `94.6%`. */
  display: string;
  approx: boolean;
  reported: Observation | null;
}

export type Severity = 'error' | 'verify' | 'hint';

export type RuleId =
  | 'unparseable-value'
  | 'formula-error'
  | 'not-integer'
  | 'negative'
  | 'out-of-range'
  | 'part-exceeds-whole'
  | 'rate-mismatch'
  | 'rate-truncated'
  | 'sum-mismatch'
  | 'conflicting-values'
  | 'coverage-claim'
  | 'year-mismatch'
  | 'large-change'
  | 'missing-required'
  | 'approximate-rate'
  | 'unknown-indicator'
  | 'ambiguous-label'
  | 'mapping-invalid'
  | 'definition-invalid'
  | 'sheet-unreadable'
  | 'numbering'
  | 'sheet-truncated'
  | 'uncalculated-formula'
  | 'workbook-templates'
  | 'custom'
  | 'rule-invalid'
  | CountyRuleId;

/** Checks across the townships of a county consolidation (src/core/county): each names the townships and files involved. */
export type CountyRuleId =
  | 'county-unreadable'
  | 'county-check-failed'
  | 'county-duplicate'
  | 'county-missing'
  | 'county-unlisted'
  | 'county-other-year'
  | 'county-unit-mismatch'
  | 'county-outlier'
  | 'county-large-change';

export interface Finding {
  /** Stable across runs: a hash of rule, entity, period and indicators (or cell when no indicator). */
  id: string;
  rule: RuleId;
  severity: Severity;
  sheet: string;
  cell: string;
  /** Every cell involved, `Sheet!D9` (sheet quoted as Excel does when needed). */
  refs: string[];
  indicators: string[];
  entity: string | null;
  message: string;
  expected?: number | string | boolean | null;
  actual?: number | string | boolean | null;
  /** For `unknown-indicator` / `ambiguous-label`: the label as written and the indicators it may be (a one-click fix). */
  label?: string;
  candidates?: { id: string; name: string }[];
  /** `explained` when a verify finding has an explanation in 审核说明. */
  status: 'open' | 'explained';
  /** The finding's sheet is hidden (or very hidden: Excel's interface cannot unhide it); its message says so too. */
  hidden?: 'hidden' | 'veryHidden';
  explanation?: string;
  /** A finding about a report's sentence: as on Observation (`sheet`/`cell` '' unless the text came from a sheet). */
  source?: 'text';
  paragraph?: number;
  span?: [number, number];
  quote?: string;
  /** The values of the finding's cells (`refs`) at this check, as shown: what an explanation records and is held to. */
  figures?: Figure[];
  /** What became of the township's explanation or dispute of this finding (explanations.ts decides). */
  account?: FindingAccount;
  /** For `custom` and `rule-invalid`: where the county's rule is written (its file, sheet and row). */
  ruleAt?: DefinitionSource;
  /**
   * For a `custom` finding of a county rule that restates a built-in relation: the ids of the built-in findings it
   * stands for at the same cells, so an explanation written before the county's rule came in still holds.
   */
  replacesIds?: string[];
}

/** One cell's value as the township wrote it, at a given time: `基本情况!B7` → `21`. */
export interface Figure {
  ref: string;
  value: string;
}

/** The county's decision on an explanation or a dispute (审核说明: 审核意见, 审核人, 审核日期, 审核备注). */
export interface ExplanationReview {
  decision: 'accepted' | 'returned';
  reviewer: string;
  date: string;
  note?: string;
}

/**
 * A finding's explanation as this check sees it:
 *   explained  a verify/hint explanation, its figures unchanged, not yet decided by the county (closed for now);
 *   accepted   the county accepted it (采纳): closed, also an error's dispute;
 *   stale      the figures it explains changed since (`说明已过期（21→25）`): open again, whatever was decided;
 *   returned   the county returned it (退回): open;
 *   disputed   a township disputes an error (乡镇异议): open until the county decides.
 */
export interface FindingAccount {
  state: 'explained' | 'accepted' | 'stale' | 'returned' | 'disputed';
  kind: 'explanation' | 'dispute';
  text: string;
  author?: string;
  date?: string;
  review?: ExplanationReview;
  /** For `stale`: the cells whose value changed, old → new. */
  changes?: { ref: string; from: string; to: string }[];
  /** One phrase for lists: `已说明`, `说明已过期（21→25）`, `乡镇异议`, `县级已采纳`, `县级已退回`. */
  label: string;
}

/** A township's explanation of a verify finding, kept in the 审核说明 sheet. */
export interface Explanation {
  findingId: string;
  text: string;
  /** Context copied at the time, so the county can read the sheet on its own. */
  rule?: string;
  where?: string;
  message?: string;
  date?: string;
  /** 说明 (why a verify/hint figure stands) or 异议 (the township disputes an error; it stays open). Default 说明. */
  kind?: 'explanation' | 'dispute';
  /** 填写人. */
  author?: string;
  /** The figures explained: the values of the finding's cells when it was written. None (older sheets): never expires. */
  figures?: Figure[];
  /** The county's decision, if any. */
  review?: ExplanationReview;
  /** Earlier texts and decisions, oldest first, one line each (`2026-12-01 王五 说明：…`). */
  history?: string[];
}

/**
 * OPEN findings per severity, and how many are closed as explained (accepted ones included). The other numbers
 * break the explanations down (explanations.ts): accepted by the county, expired (figures changed, open again),
 * returned (open), errors disputed by the township (open).
 */
export type FindingCounts = Record<Severity, number> & {
  explained: number;
  accepted?: number;
  stale?: number;
  returned?: number;
  disputed?: number;
};

/** Where a finding stands against the previous round: 已改正 / 新出现 / 仍未改正 / 已说明. */
export type RoundStatus = 'fixed' | 'new' | 'open' | 'explained';

export interface RoundComparison {
  /** The previous file as given (a result copy or the township's earlier file). */
  since: string;
  /** Status of each current finding, by id. */
  status: Record<string, RoundStatus>;
  /** Findings of the previous round that are gone now (已改正), as they were then. */
  fixed: Finding[];
  counts: Record<RoundStatus, number>;
}

/** A township sheet the user does not see in Excel, and whether this check read it. */
export interface HiddenSheet {
  sheet: string;
  visibility: 'hidden' | 'veryHidden';
  checked: boolean;
}

export interface CheckResult {
  file: string;
  /** The catalog this check used (the default, or a county's): what reads and writes the result uses it too. */
  catalog?: Catalog;
  /** The workbook's own 指标对照 placements (label → indicator), so a new one can be added to them. */
  mappings?: { label: string; id: string; sheet: string | null }[];
  unit: string | null;
  year: number | null;
  extraction: Extraction;
  observations: Observation[];
  rates: ComputedRate[];
  findings: Finding[];
  explanations: Explanation[];
  counts: FindingCounts;
  /** Compared with an earlier round of the same township (`check --since`, 与上次比较); rounds.ts. */
  round?: RoundComparison;
  /** The workbook carries the tool's marks (a 审核标记 sheet with records): writing results refreshes them. */
  marked?: boolean;
  /** The township's hidden sheets: checked (the default, findings there say so) or left out (`skipHidden`). */
  hiddenSheets?: HiddenSheet[];
  /** The county's 审核规则 of this check (`check(book, { definitions })`): each rule's outcome and the counts. */
  customRules?: CustomRulesSummary;
}

// ───────────────────────────── Narrative ─────────────────────────────

export type ParagraphRole =
  | 'title'
  | 'addressee'
  | 'opening'
  | 'heading1'
  | 'heading2'
  | 'heading3'
  | 'heading4'
  | 'body'
  | 'closing'
  | 'signature'
  | 'date'
  /** The draft's notes (Report.notes) as GB/T 9704's 附注: after the date, two characters in, in brackets. */
  | 'note';

export interface Paragraph {
  role: ParagraphRole;
  text: string;
  /** Section it belongs to (headings and bodies). */
  section?: SectionId;
  /** Observations whose figures the text cites (for the figure-audit tests and the UI). */
  sources?: string[];
  /**
   * The figures the text states, each as it stands in the text (`9件`, `77.8%`, `同比增长12.5%`) with the cells it
   * comes from (`Sheet!D4`; a recomputed rate: its numerator, denominator and the township's reported rate) — so a
   * figure touching an open finding can be marked (narrative/flags.ts). `start`: where it stands in `text` — one entry
   * per place, so the same `12人` of two indicators is two entries, each with its own cells.
   */
  figures?: { text: string; refs: string[]; start?: number }[];
}

export interface Report {
  unit: string | null;
  year: number | null;
  paragraphs: Paragraph[];
  /**
   * Notes for whoever reviews the draft, never part of its text: where it states a figure other than the
   * township's (a rate recomputed from its counts in place of the reported one).
   */
  notes?: string[];
}

// ───────────────────────────── WritePlan: what to write where ─────────────────────────────

export interface CellStyle {
  font?: { name?: string; size?: number; bold?: boolean; color?: string; underline?: boolean };
  /** Solid fill, `#RRGGBB`. */
  fill?: string;
  align?: 'left' | 'center' | 'right' | 'justify';
  valign?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  numFmt?: string;
  /** A cell the user fills in on a protected sheet (the blank template's input cells); others stay locked. */
  unlocked?: boolean;
}

/** Excel data validation on input cells (the blank template): what may be entered, said in Chinese. */
export interface CellValidation {
  /** A1 range: `D4` or `D4:D9`. */
  range: string;
  /** `any`: no restriction, only the input message. */
  type: 'whole' | 'decimal' | 'list' | 'any';
  min?: number;
  max?: number;
  /** For `list`: the choices (`是`, `否`). */
  list?: string[];
  /** Input message shown when the cell is selected: a title and one sentence. */
  title: string;
  prompt: string;
  /** Shown when an entry is out of bounds: a warning the user may override (an approximate `3000余` stays possible). */
  error: string;
}

/**
 * One cell to write. `v` is a literal: a string is ALWAYS written as text, even `=SUM(A1)` or `+86`;
 * only `f` writes a formula. `link` makes an internal hyperlink to another cell.
 */
export interface CellSpec {
  v: string | number | boolean | null;
  f?: string;
  link?: { sheet: string; cell: string };
  /** A note on the cell (where a county summary's figure came from); hosts that cannot write notes leave it out. */
  note?: string;
  style?: string; // key into WritePlan.styles
  /**
   * The text `v` in runs of their own font (a flagged figure of 报告文稿 in red), each `style` a key into
   * WritePlan.styles of which only the font counts; their texts joined are `v`. Hosts that cannot write rich text
   * write `v` in the cell's style.
   */
  runs?: { text: string; style: string }[];
}

export interface SheetPlan {
  name: string;
  /** Column widths in characters (Excel's unit), from column A. */
  columns: number[];
  /** Rows from row 1, cells from column A. */
  rows: CellSpec[][];
  /** Row heights in points, parallel to rows (null = automatic). */
  rowHeights?: (number | null)[];
  freezeRows?: number;
  /** An autofilter over a header row and the rows under it, A1 range (`A2:H40`). */
  autoFilter?: string;
  /** Print every column on the page width (landscape A4, as many pages tall as it takes). */
  fitToWidth?: boolean;
  /** Rows printed again at the top of every page (first and last, from 1): the header of a long table. */
  printTitleRows?: [number, number];
  /** Data validation on input cells. */
  validations?: CellValidation[];
  /** The sheet is protected, without a password: only cells whose style is `unlocked` can be edited. */
  protect?: boolean;
  hidden?: boolean;
  tabColor?: string;
}

/**
 * A sheet whose rows are made as they are written — a county summary of 1,000 townships is never held whole:
 * `rows` is iterated once by the writer; row heights and notes as in SheetPlan (validations and protection are
 * for sheets a township fills, never streamed).
 */
export type SheetSource = Omit<SheetPlan, 'rows' | 'validations' | 'protect'> & { rows: Iterable<CellSpec[]> };

/** A new workbook of streamed sheets (`merge`'s county workbook): a WritePlan of new sheets is one too. */
export interface BookSource {
  sheets: SheetSource[];
  styles: Record<string, CellStyle>;
  activate?: string;
}

export interface Mark {
  sheet: string;
  cell: string;
  severity: Severity;
  fill: string; // #RRGGBB
  comment: string;
}

export interface WritePlan {
  /** Each sheet is replaced whole: deleted if present, then written. Re-running never duplicates. */
  sheets: SheetPlan[];
  /** Sheets to remove (e.g. "remove all results"). */
  deleteSheets?: string[];
  /** Marks to apply on the township's cells (fills + comments); previous marks are cleared first. */
  marks?: Mark[];
  /** Clear every previous mark, restoring the original fills. */
  clearMarks?: boolean;
  styles: Record<string, CellStyle>;
  /** Sheet to activate afterwards. */
  activate?: string;
}

// ───────────────────────────── Hosts (Excel, files) as the UI sees them ─────────────────────────────

export interface HostCapabilities {
  /** Cell comments can be written (ExcelApi 1.10). */
  comments: boolean;
  /** Marks on cells (fills) can be applied and removed. */
  marks: boolean;
  /** Results are downloaded as files rather than written into an open workbook. */
  download: boolean;
}

export interface ApplyOutcome {
  ok: boolean;
  /** Chinese message for the user when not ok (protected sheet, too large, missing API). */
  message?: string;
  written: string[];
  /** Cell notes (CellSpec.note) the host could not write, having no API for notes or comments: how many. */
  notesLeftOut?: number;
}

export interface WorkbookHost {
  readonly kind: 'excel' | 'file';
  capabilities(): Promise<HostCapabilities>;
  read(onProgress?: (done: number, total: number) => void): Promise<Workbook>;
  apply(plan: WritePlan): Promise<ApplyOutcome>;
  /**
   * Add `plan`'s sheets as NEW sheets of the open workbook (the blank template): nothing is replaced — when a sheet
   * of one of its names exists, nothing is written and the message says why. Only a host over an open workbook
   * (Excel) has it; the page downloads the template instead.
   */
  insertSheets?(plan: WritePlan): Promise<ApplyOutcome>;
  select(sheet: string, cell: string): Promise<void>;
}
