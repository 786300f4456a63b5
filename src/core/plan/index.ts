/**
 * WritePlans: what the tool writes where (result sheets, explanations, marks). Pure data; the hosts apply it.
 * Every sheet here is replaced whole on re-run, so running twice never duplicates anything. Strings are
 * literals (`CellSpec.v`, written as text by every host); the only formulas are the rate formulas of 计算结果.
 */
import { CATALOG, RESULT_SHEETS } from '../catalog';
import { mappingSheet, withMapping, type LabelMapping } from '../meaning/mapping';
import { columnLetters, ref } from '../address';
import { formatNumber, formatPercent } from '../format';
import { rateAgrees } from '../rate';
import type {
  CellSpec,
  CellStyle,
  CheckResult,
  ComputedRate,
  Explanation,
  Finding,
  Mark,
  Observation,
  ParagraphRole,
  Report,
  RuleId,
  Severity,
  SheetPlan,
  Workbook,
  WritePlan,
} from '../types';
import { RULES } from '../rule-meta';
import { SEVERITY_NAMES, SEVERITY_ORDER, severityLabel, severityRank } from '../severity';
import { explanationSheet, readExplanations as readExplanationSheet } from '../explanations';
import { sheetText, whereText } from '../findings';
import { flaggedParagraphStyle, flaggedRunStyle, sheetStyles, REPORT_STYLES, SEVERITY_FILL as SEVERITY_FILL_COLORS } from './styles';
import { FINDINGS_HEADER, RATES_HEADER } from '../toolsheets';
import { draftParagraphs, flaggedFigures, splitFlagged, type FlaggedFigure } from '../narrative/flags';

export { sheetStyles, REPORT_STYLES, SEVERITY_FILL } from './styles';
export { MARKS_HEADER, carriesMarks, markCell, mergeMarks, touchesMarks } from './marks';
export {
  isToolSheet,
  resolvePlan,
  conflictMessage,
  FINDINGS_HEADER,
  RATES_HEADER,
  REPORT_FORMAT,
  SIGNATURE_WINDOW,
  type Resolution,
} from '../toolsheets';

export { SEVERITY_NAMES };

/** Rule titles come from the rules' own metadata (one place). */
export const RULE_NAMES: Record<RuleId, string> = Object.fromEntries(
  (Object.keys(RULES) as RuleId[]).map((id) => [id, RULES[id].title]),
) as Record<RuleId, string>;

const names = new Map(CATALOG.indicators.map((d) => [d.id, d]));

function indicatorNames(ids: string[]): string {
  return ids.map((id) => names.get(id)?.name ?? id).join('、');
}

/** A finding's expected/actual value as a cell: numbers stay numbers, rates as `94.6%`, yes/no as 是/否. */
function valueCell(v: Finding['expected'], rate: boolean): CellSpec {
  if (v == null) return { v: null };
  if (typeof v === 'boolean') return { v: v ? '是' : '否' };
  if (typeof v === 'number') return Number.isFinite(v) ? (rate ? { v: formatPercent(v) } : { v }) : { v: null };
  return { v: String(v) };
}

/** 实填: a rate as the township wrote it (`98%`) when the finding's cell holds that figure. */
function actualCell(f: Finding, rate: boolean, result: CheckResult): CellSpec {
  if (rate && typeof f.actual === 'number') {
    const o = result.observations.find((x) => x.sheet === f.sheet && x.cell === f.cell && x.kind === 'percent' && x.value === f.actual);
    if (o?.raw) return { v: o.raw };
  }
  return valueCell(f.actual, rate);
}

function location(sheet: string, cell: string, entity: string | null = null): CellSpec {
  if (!sheet) return { v: '全工作簿' };
  if (!/^[A-Z]{1,3}\d+$/.test(cell)) return { v: sheetText(sheet) };
  return { v: whereText(sheet, cell, entity), link: { sheet, cell }, style: 'link' };
}

function statusText(f: Finding): string {
  if (f.status === 'explained') return f.explanation ? `已说明：${f.explanation}` : '已说明';
  return f.severity === 'error' ? '须更正' : f.severity === 'verify' ? '待核实，可在“审核说明”表填写说明' : '供参考';
}

function summaryLine(result: CheckResult): string {
  const who = [result.unit ?? '', result.year != null ? `${result.year}年度` : ''].join('');
  const head = who ? `${who}指标审核结果：` : '指标审核结果：';
  const n = result.findings.length;
  if (n === 0) return `${head}未发现问题。`;
  const c = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  const explained = result.findings.filter((f) => f.status === 'explained').length;
  return `${head}共发现问题${n}条，其中${SEVERITY_ORDER.map((s) => `${severityLabel(s)}${c(s)}条`).join('、')}${explained ? `；已说明${explained}条` : ''}。`;
}

function findingsSheet(result: CheckResult): SheetPlan {
  const header = FINDINGS_HEADER.map((v): CellSpec => ({ v, style: 'header' }));
  const sorted = result.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || a.i - b.i)
    .map((x) => x.f);
  const rows: CellSpec[][] = [[{ v: summaryLine(result), style: 'summary' }], header];
  for (const f of sorted) {
    const rate = f.indicators.length > 0 && names.get(f.indicators[0])?.kind === 'rate';
    rows.push([
      { v: severityLabel(f.severity, true), style: f.severity },
      { v: RULE_NAMES[f.rule] ?? f.rule, style: 'wrap' },
      location(f.sheet, f.cell, f.entity),
      { v: indicatorNames(f.indicators), style: 'wrap' },
      { v: f.message, style: 'wrap' },
      valueCell(f.expected, rate),
      actualCell(f, rate, result),
      { v: statusText(f), style: 'wrap' },
    ]);
  }
  const columns = [14, 18, 18, 20, 60, 12, 12, 30];
  // filter and print as a table: the header row and every finding under it, all columns on the page width
  const autoFilter = `A2:${columnLetters(columns.length - 1)}${rows.length}`;
  // printed, the header row heads every page
  return { name: RESULT_SHEETS.findings, columns, rows, freezeRows: 2, autoFilter, fitToWidth: true, printTitleRows: [2, 2] };
}

// ───────────────────────────── 计算结果 ─────────────────────────────

/** The cell holds the plain number the rule used, so a formula may read it (not `二十余`, `3万`, `37件`). */
function formulaReadable(o: Observation): boolean {
  if (typeof o.value !== 'number' || o.wan || o.markers.length) return false;
  const raw = o.raw.replace(/,/g, '').trim();
  return /^[-+]?\d+(?:\.\d+)?$/.test(raw) && Number(raw) === o.value;
}

function operand(o: Observation): { expr: string; literal: boolean } {
  if (formulaReadable(o)) return { expr: ref(o.sheet, o.cell), literal: false };
  return { expr: formatNumber(typeof o.value === 'number' ? o.value : 0), literal: true };
}

/** A percent as the fraction a `0.0%` cell holds, without binary noise (93.3 → 0.933, not 0.9329999999999999). */
function fraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

function rateLabel(r: ComputedRate): string {
  const name = names.get(r.indicator)?.name ?? r.indicator;
  const tags = [r.entity ?? '', r.period === 'previous' ? '上年' : r.period === 'other' && r.year != null ? `${r.year}年` : '']
    .filter(Boolean)
    .join('，');
  return tags ? `${name}（${tags}）` : name;
}

function rateRow(r: ComputedRate, row: number): CellSpec[] {
  const num = operand(r.numerator);
  const den = operand(r.denominator);
  const notes: string[] = [];
  for (const [label, o, op] of [['分子', r.numerator, num], ['分母', r.denominator, den]] as const) {
    if (op.literal) notes.push(`${label} ${whereText(o.sheet, o.cell)} 写作“${o.raw}”，公式无法引用，按 ${op.expr} 计算`);
  }
  if (r.approx) notes.push('分子或分母为约数，比率仅供参考');
  if (r.value == null) notes.push('分母为 0，无法计算比率');
  else if (r.value > 100 + 1e-9) notes.push('分子大于分母，比率超过100%，报告文稿不写该比率');

  const cached = r.value == null ? null : r.value / 100;
  let rateCell: CellSpec;
  if (num.literal && den.literal) rateCell = { v: cached, style: 'pct' };
  else rateCell = { v: cached, f: `=IF(${den.expr}=0,"",${num.expr}/${den.expr})`, style: 'pct' };

  const rep = r.reported;
  const repValue = rep && rep.kind === 'percent' && typeof rep.value === 'number' ? rep.value : null;
  const reportedCell: CellSpec =
    rep && repValue != null ? { v: fraction(repValue), style: 'pct' } : { v: rep ? rep.raw : null };
  // A link cell becomes a HYPERLINK formula whose text would lose the 0.0% format: the place has its own column.
  const reportedAt: CellSpec = rep ? location(rep.sheet, rep.cell) : { v: null };
  if (rep && repValue == null) notes.push(`填报比率 ${whereText(rep.sheet, rep.cell)} 写作“${rep.raw}”，无法读作比率`);
  if (repValue != null && r.value != null && !rateAgrees(repValue, rep?.decimals ?? null, r.value)) {
    notes.push(`填报${rep?.raw || formatPercent(repValue)}与计算${r.display}不符，报告文稿采用计算比率`);
  }
  const diffCell: CellSpec =
    repValue != null ? { v: cached == null ? null : cached - fraction(repValue), f: `=IF(OR(F${row}="",G${row}=""),"",F${row}-G${row})`, style: 'pct' } : { v: null };

  return [
    { v: rateLabel(r), style: 'wrap' },
    typeof r.numerator.value === 'number' ? { v: r.numerator.value } : { v: r.numerator.raw },
    location(r.numerator.sheet, r.numerator.cell),
    typeof r.denominator.value === 'number' ? { v: r.denominator.value } : { v: r.denominator.raw },
    location(r.denominator.sheet, r.denominator.cell),
    rateCell,
    reportedCell,
    reportedAt,
    diffCell,
    { v: notes.join('；'), style: 'wrap' },
  ];
}

function ratesSheet(result: CheckResult): SheetPlan {
  const header = RATES_HEADER.map((v): CellSpec => ({ v, style: 'header' }));
  const rows: CellSpec[][] = [
    [{ v: '比率复核：计算比率为公式，随原表数据变化而更新；差异为计算比率减填报比率。', style: 'summary' }],
    header,
  ];
  result.rates.forEach((r) => rows.push(rateRow(r, rows.length + 1)));
  return { name: RESULT_SHEETS.rates, columns: [24, 10, 18, 10, 18, 12, 12, 18, 10, 50], rows, freezeRows: 2 };
}

// ───────────────────────────── 报告文稿 ─────────────────────────────

/** Two ideographic spaces: the first-line indent of GB/T 9704 body text. */
export const INDENT = '\u3000\u3000';

const INDENTED: ParagraphRole[] = ['opening', 'heading1', 'heading2', 'heading3', 'heading4', 'body', 'closing', 'note'];

/** Width of a text in ideographs (ASCII and half-width count half). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
  return w;
}

/** Column width of the 报告文稿 sheet, in Excel characters (≈ the A4 text width). */
export const REPORT_COLUMN_WIDTH = 90;

/** Excel's largest row height, in points (a larger one is refused by office-js and clipped by Excel). */
export const MAX_ROW_HEIGHT = 409;

/** Estimated row height for a paragraph in a `REPORT_COLUMN_WIDTH` column: lines × line spacing, at most 409 pt. */
export function paragraphHeight(text: string, role: ParagraphRole): number {
  const title = role === 'title';
  const perLine = title ? 21 : 29; // ideographs per line at 22 pt / 16 pt in a 90-character column
  const lineHeight = title ? 36 : 28;
  const lines = Math.max(1, Math.ceil(textWidth(text) / perLine));
  return Math.min(MAX_ROW_HEIGHT, lines * lineHeight);
}

/**
 * The note on a 报告文稿 cell whose paragraph states flagged figures: which figures, and the finding each touches,
 * gravest first (`“12人”“14人”：【错误】‘行政执法’表 D5的“持证人数”为14人，大于…`).
 */
function flaggedNote(flags: FlaggedFigure[], byId: Map<string, Finding>): string {
  const figuresOf = new Map<string, string[]>();
  for (const f of flags) {
    for (const id of f.findings) {
      const list = figuresOf.get(id) ?? [];
      if (!list.includes(f.text)) list.push(f.text);
      figuresOf.set(id, list);
    }
  }
  const lines = [...figuresOf]
    .map(([id, texts]) => ({ f: byId.get(id), texts }))
    .filter((x): x is { f: Finding; texts: string[] } => x.f !== undefined)
    .sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity))
    .map(({ f, texts }) => `${texts.map((t) => `“${t}”`).join('')}：【${severityLabel(f.severity)}】${f.message}`);
  return [`本段有${flags.length}处数字涉及未改正的问题，请先改正或核实，再使用这些数字：`, ...lines].join('\n');
}

/**
 * The report one paragraph per row, its notes (a recomputed rate) in the last row. A paragraph stating a figure
 * that touches an open 错误 or 待核实 of `findings` (narrative/flags.ts) is filled, its figures in runs of their own
 * colour where the host writes rich text, and its note names them with their findings.
 */
export function reportSheet(report: Report, name: string = RESULT_SHEETS.report, findings: Finding[] = []): SheetPlan {
  const rows: CellSpec[][] = [];
  const heights: (number | null)[] = [];
  const flags = flaggedFigures(report, findings);
  const byId = new Map(findings.map((f) => [f.id, f]));
  draftParagraphs(report).forEach((p, i) => {
    const indent = INDENTED.includes(p.role) ? INDENT : '';
    const text = indent + p.text;
    const style = `doc-${p.role}`;
    const own = flags.filter((f) => f.paragraph === i);
    if (!own.length) rows.push([{ v: text, style }]);
    else {
      const severity = own.some((f) => f.severity === 'error') ? 'error' : 'verify';
      const runs = splitFlagged(p.text, own)
        .filter((x) => x.text)
        .map((x) => ({ text: x.text, style: x.flag ? flaggedRunStyle(x.flag.severity) : style }));
      if (indent) runs.unshift({ text: indent, style });
      rows.push([{ v: text, style: flaggedParagraphStyle(p.role, severity), runs, note: flaggedNote(own, byId) }]);
    }
    heights.push(paragraphHeight(text, p.role));
  });
  return { name, columns: [REPORT_COLUMN_WIDTH], rows, rowHeights: heights };
}

/**
 * 审核结果 + 计算结果 + 报告文稿 (when a report is given), replacing earlier ones. When the workbook carries marks
 * from an earlier run (`result.marked`), they are refreshed with the results: a mark whose finding is gone (the
 * figure was fixed) is cleared, its original fill and comment restored, and the others follow the current
 * findings — so 审核结果 and the marked cells never disagree, in any host.
 */
export function resultPlan(result: CheckResult, report: Report | null): WritePlan {
  const sheets = [findingsSheet(result), ratesSheet(result)];
  if (report) sheets.push(reportSheet(report, RESULT_SHEETS.report, result.findings));
  const styles: Record<string, CellStyle> = { ...sheetStyles(), ...(report ? REPORT_STYLES : {}) };
  const plan: WritePlan = { sheets, styles, activate: RESULT_SHEETS.findings };
  return result.marked ? combinePlans(plan, markPlan(result)) : plan;
}

/** The 审核说明 sheet rewritten with `explanations` (keyed by finding id; a new text replaces an old one). */
export function explanationPlan(explanations: Explanation[]): WritePlan {
  const styles = sheetStyles();
  return {
    sheets: [explanationSheet(explanations)],
    styles: { header: styles.header, cell: styles.wrap },
  };
}

/** Read the 审核说明 sheet of a workbook. */
export function readExplanations(book: Workbook): Explanation[] {
  return readExplanationSheet(book);
}

/** Marks for the open findings (fill per severity, a comment with the message); earlier marks are cleared. */
export function markPlan(result: CheckResult): WritePlan {
  const byCell = new Map<string, { sheet: string; cell: string; severity: Severity; lines: string[] }>();
  for (const f of result.findings) {
    if (f.status !== 'open' || !f.sheet || !/^[A-Z]{1,3}\d+$/.test(f.cell)) continue;
    const key = `${f.sheet}\u0000${f.cell}`;
    const m = byCell.get(key) ?? { sheet: f.sheet, cell: f.cell, severity: f.severity, lines: [] };
    if (severityRank(f.severity) < severityRank(m.severity)) m.severity = f.severity;
    const line = `【${severityLabel(f.severity)}】${f.message}`;
    if (!m.lines.includes(line)) m.lines.push(line);
    byCell.set(key, m);
  }
  const marks: Mark[] = [...byCell.values()].map((m) => ({
    sheet: m.sheet,
    cell: m.cell,
    severity: m.severity,
    fill: SEVERITY_FILL_COLORS[m.severity],
    comment: m.lines.join('\n'),
  }));
  return { sheets: [], marks, clearMarks: true, styles: {} };
}

/**
 * Several plans as one, so a host applies them in a single pass (one parse and one write of a file, one round
 * of syncs in Excel). Hosts apply a plan as: clear marks → delete sheets → write sheets → new marks.
 */
export function combinePlans(...plans: WritePlan[]): WritePlan {
  const out: WritePlan = { sheets: [], styles: {} };
  for (const p of plans) {
    out.sheets.push(...p.sheets);
    Object.assign(out.styles, p.styles);
    if (p.deleteSheets) out.deleteSheets = [...new Set([...(out.deleteSheets ?? []), ...p.deleteSheets])];
    if (p.marks) out.marks = [...(out.marks ?? []), ...p.marks];
    if (p.clearMarks) out.clearMarks = true;
    if (p.activate && !out.activate) out.activate = p.activate;
  }
  return out;
}

/**
 * The 指标对照 sheet with one more placement (the user's one-click choice for an unknown or ambiguous label): the
 * workbook's own placements plus this one, the same label on the same sheet replaced. Kept like 审核说明: results
 * removal leaves it.
 */
export function placementPlan(result: CheckResult, add: LabelMapping): WritePlan {
  const catalog = result.catalog ?? CATALOG;
  const styles = sheetStyles();
  return { sheets: [mappingSheet(withMapping(result.mappings ?? [], add), catalog)], styles: { header: styles.header, cell: styles.wrap } };
}

/** The 整改通知 sheet (core/notice.ts), laid out like 报告文稿; replaced on re-run, removed with the results. */
export function noticePlan(notice: Report): WritePlan {
  return { sheets: [reportSheet(notice, RESULT_SHEETS.notice)], styles: { ...REPORT_STYLES }, activate: RESULT_SHEETS.notice };
}

/**
 * Remove everything the tool wrote: result sheets (a township's and the county's 汇总各乡镇 sheets) and marks
 * (explanations are kept unless asked).
 */
export function removalPlan(opts: { explanations?: boolean } = {}): WritePlan {
  const deleteSheets: string[] = [
    RESULT_SHEETS.findings,
    RESULT_SHEETS.rates,
    RESULT_SHEETS.report,
    RESULT_SHEETS.notice,
    RESULT_SHEETS.countyStatus,
    RESULT_SHEETS.countySummary,
    RESULT_SHEETS.countyReport,
    RESULT_SHEETS.countyDetail,
  ];
  if (opts.explanations) deleteSheets.push(RESULT_SHEETS.explanations);
  return { sheets: [], deleteSheets, clearMarks: true, styles: {} };
}
