/**
 * The tool's own sheets (RESULT_SHEETS: 审核结果, 计算结果, 报告文稿, 审核说明, 审核标记) are recognised by their
 * NAME and a CONTENT SIGNATURE, never by the name alone: a township may well call a sheet of its own figures
 * `计算结果`. Such a sheet is checked like any other, and no plan may replace or delete it.
 *
 * Signatures — everything sits in the window A1:Z20 (`SIGNATURE_WINDOW`), so a host can read just that window:
 *   审核结果  a row holding FINDINGS_HEADER (严重程度 | 规则 | 位置 | … ), written on row 2
 *   计算结果  a row holding RATES_HEADER (指标 | 分子 | 分子位置 | …), written on row 2
 *   审核标记  a row holding MARKS_HEADER (工作表 | 单元格 | 原填充 | …), written on row 1 by both adapters
 *   审核说明  a header row with an 编号 and a 说明 column — exactly what readExplanations reads (a county may
 *            have added a title row or columns; it is still the sheet the tool keeps explanations in)
 *   指标对照  a header row holding 原标签 and 指标 (the user's placements of labels, meaning/mapping.ts)
 *   审核明细  a row holding COUNTY_DETAIL_HEADER (乡镇 | 文件 | 轮次 | 编号 | …), written on row 2 of the county workbook
 *   报告文稿  (and 整改通知, written the same way) every paragraph cell carries the number format REPORT_FORMAT (`General;-General;General;@`).
 *   审核情况  a row holding STATUS_HEADER (序号 | 乡镇 | 文件 | 报告年度 | …), written on row 2 (the county's checklist)
 *   汇总表    a row starting with SUMMARY_HEADER_START (序号 | 乡镇 | 来源文件), written on row 2: a county's own
 *            summary (often named 汇总表) has no 来源文件 column beside the township, so it is never taken for ours
 *   报告文稿  (and 整改通知 and 汇总报告文稿, written the same way) every paragraph cell carries the number format REPORT_FORMAT (`General;-General;General;@`).
 *            A number format is invisible: it shows text and numbers exactly as `General` would, and is not
 *            carried into Word when the report is copied, so the Word-ready paste is unchanged. A signature row
 *            or a marker character would be pasted with the report; a note is not part of a Grid.
 *            A report sheet written before the signature existed is taken for a township's sheet: the next
 *            write then refuses with the rename message below rather than risk replacing a township's draft.
 *
 * Only this file decides; extract, the rules, readExplanations and both hosts (src/file, src/excel) ask it.
 * Light on purpose (no catalog texts, no rules): the Excel adapter imports it into the pane's first bundle.
 */
import { RESULT_SHEETS } from './catalog';
import { MARKS_HEADER } from './plan/marks';
import { outputText } from './output';
import type { Cell, Grid, WritePlan } from './types';

export type ToolSheetKind = keyof typeof RESULT_SHEETS;

/** Header row of 审核结果 (row 2, below the summary line). */
export const FINDINGS_HEADER = ['严重程度', '规则', '位置', '指标', '问题说明', '应为', '实填', '状态/说明'] as const;
/** Header of 审核情况, the county's checklist (row 2, below the summary line). */
export const STATUS_HEADER = ['序号', '乡镇', '文件', '报告年度', '错误', '待核实', '提示', '已说明', '缺少的必填指标', '能否读取', '汇总情况', '需要做的'] as const;
/** First columns of 汇总表's header (row 2): each township beside the file its figures come from. */
export const SUMMARY_HEADER_START = ['序号', '乡镇', '来源文件'] as const;
/** Header row of 计算结果 (row 2, below the note line). */
export const RATES_HEADER = ['指标', '分子', '分子位置', '分母', '分母位置', '计算比率', '填报比率', '填报位置', '差异', '说明'] as const;
/** Header row of the county's 审核明细 (row 2, below the title that names the round): county/rounds.ts. */
export const COUNTY_DETAIL_HEADER = ['乡镇', '文件', '轮次', '编号', '严重程度', '规则', '位置', '问题说明', '状态', '与上次比较'] as const;
/**
 * Header of 审核说明, as written. The first six are the sheet as first written; the others were added after them
 * (an older sheet reads as before: its explanations have no author, figures or decision).
 */
export const EXPLANATION_HEADER = [
  '编号', '规则', '位置', '问题', '说明', '日期',
  '类型', '填写人', '所释数字', '审核意见', '审核人', '审核日期', '审核备注', '审核记录',
] as const;
export type ExplanationColumn = (typeof EXPLANATION_HEADER)[number];
/** Number format of every 报告文稿 paragraph: displays like `General`, and says the tool wrote the sheet. */
export const REPORT_FORMAT = 'General;-General;General;@';
/** Where every signature sits: rows 1–20, columns A–Z (A1:Z20). A host needs to read only this much. */
export const SIGNATURE_WINDOW = { rows: 20, cols: 26, address: 'A1:Z20' } as const;

/** Other header words accepted for 审核说明 (a county may have renamed a column). */
export const EXPLANATION_ALIASES: Record<ExplanationColumn, string[]> = {
  编号: ['编号', '问题编号', 'id', 'ID'],
  规则: ['规则', '审核规则', '类别'],
  位置: ['位置', '单元格'],
  问题: ['问题', '审核问题', '问题描述'],
  说明: ['说明', '情况说明', '审核说明', '解释'],
  日期: ['日期', '说明日期'],
  类型: ['类型', '说明类型'],
  填写人: ['填写人', '说明人'],
  所释数字: ['所释数字', '说明时数字'],
  审核意见: ['审核意见', '县级意见'],
  审核人: ['审核人'],
  审核日期: ['审核日期'],
  审核备注: ['审核备注', '退回理由'],
  审核记录: ['审核记录', '历史'],
};

const KIND_BY_NAME = new Map<string, ToolSheetKind>(
  (Object.keys(RESULT_SHEETS) as ToolSheetKind[]).map((k) => [RESULT_SHEETS[k], k]),
);

/** The result sheet a name belongs to (spaces around it ignored), whoever wrote the sheet; null for any other name. */
export function resultKind(name: string): ToolSheetKind | null {
  return typeof name === 'string' ? KIND_BY_NAME.get(name.trim()) ?? null : null;
}

function cellText(c: Cell | undefined): string {
  if (c == null) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number' || typeof c === 'boolean') return String(c);
  return typeof c === 'object' && typeof c.error === 'string' ? c.error : '';
}

/** The window's rows as text, absolute: out[r][c] is the cell at row r, column c (0-based) of A1:Z20. */
function windowText(grid: Grid): string[][] {
  const r0 = grid.origin?.row ?? 0;
  const c0 = grid.origin?.col ?? 0;
  const out: string[][] = [];
  const rows = Array.isArray(grid.rows) ? grid.rows : [];
  for (let r = 0; r < SIGNATURE_WINDOW.rows; r++) {
    const src = r >= r0 ? rows[r - r0] : undefined;
    const line: string[] = [];
    for (let c = 0; c < SIGNATURE_WINDOW.cols; c++) line.push(Array.isArray(src) && c >= c0 ? cellText(src[c - c0]) : '');
    out.push(line);
  }
  return out;
}

function hasHeaderRow(win: string[][], header: readonly string[]): boolean {
  return win.some((row) => row.some((_, c) => header.every((h, i) => row[c + i] === h)));
}

function normHeader(s: string): string {
  return s.replace(/[\s*＊:：]/g, '');
}

/**
 * The 审核说明 header: its row (absolute, 0-based) and the column of each header word found, when a row of the
 * window has an 编号 column and a 说明 column; null otherwise.
 */
export function explanationHeader(grid: Grid): { row: number; cols: Map<ExplanationColumn, number> } | null {
  const win = windowText(grid);
  for (let r = 0; r < win.length; r++) {
    const cells = win[r].map(normHeader);
    if (!cells.some((c) => EXPLANATION_ALIASES.编号.includes(c))) continue;
    const cols = new Map<ExplanationColumn, number>();
    for (const col of EXPLANATION_HEADER) {
      const i = cells.findIndex((c) => EXPLANATION_ALIASES[col].includes(c));
      if (i >= 0) cols.set(col, i);
    }
    return cols.has('说明') ? { row: r, cols } : null;
  }
  return null;
}

function sameFormat(f: string | null | undefined): boolean {
  if (typeof f !== 'string') return false;
  const norm = (s: string) => s.replace(/["\\\s]/g, '').toLowerCase();
  return norm(f) === norm(REPORT_FORMAT);
}

function hasReportFormat(grid: Grid): boolean {
  const r0 = grid.origin?.row ?? 0;
  const c0 = grid.origin?.col ?? 0;
  const formats = Array.isArray(grid.formats) ? grid.formats : [];
  for (let r = Math.max(0, r0); r < SIGNATURE_WINDOW.rows; r++) {
    const row = formats[r - r0];
    if (!Array.isArray(row)) continue;
    for (let c = Math.max(0, c0); c < SIGNATURE_WINDOW.cols; c++) if (sameFormat(row[c - c0])) return true;
  }
  return false;
}

/**
 * True when `grid` is a sheet the tool wrote: a result-sheet name AND that sheet's signature (see the top of
 * this file). A township's sheet that happens to bear a result name is false: it is read and never replaced.
 */
export function isToolSheet(grid: Grid): boolean {
  if (!grid || typeof grid !== 'object') return false;
  const kind = resultKind(typeof grid.name === 'string' ? grid.name : '');
  if (!kind) return false;
  try {
    switch (kind) {
      case 'findings':
        return hasHeaderRow(windowText(grid), FINDINGS_HEADER);
      case 'rates':
        return hasHeaderRow(windowText(grid), RATES_HEADER);
      case 'marks':
        return hasHeaderRow(windowText(grid), MARKS_HEADER);
      case 'explanations':
        return explanationHeader(grid) !== null;
      case 'mapping':
        return hasHeaderRow(windowText(grid), ['原标签', '指标']);
      case 'countyDetail':
        return hasHeaderRow(windowText(grid), COUNTY_DETAIL_HEADER);
      case 'countyStatus':
        return hasHeaderRow(windowText(grid), STATUS_HEADER);
      case 'countySummary':
        return hasHeaderRow(windowText(grid), SUMMARY_HEADER_START);
      case 'report':
      case 'notice':
      case 'countyReport':
        return hasReportFormat(grid);
    }
  } catch {
    // a malformed grid is not recognisably ours: it is read (and never replaced) like a township's sheet
    return false;
  }
}

/**
 * The tool's sheets a check leaves out: all of them but 汇总表, which is a county summary (one row per township, a
 * 合计 row) like any other: the county workbook checked again, or merged with others (a prefecture), reads its rows
 * as townships. It is still the tool's to replace and remove.
 */
export function skippedByCheck(grid: Grid): boolean {
  return isToolSheet(grid) && resultKind(grid.name) !== 'countySummary';
}

// ───────────────────────────── plans against the workbook ─────────────────────────────

/** Longest text a cell holds (Excel's limit); longer text is cut, never refused. */
export const MAX_CELL_TEXT = 32767;
/** Any text as a host may write it into a cell or comment: `outputText`, at most 32,767 long. */
export function writableText(s: string): string {
  const t = outputText(s);
  return t.length > MAX_CELL_TEXT ? t.slice(0, MAX_CELL_TEXT) : t;
}

export { formulaText, outputText } from './output';

export type Resolution = { ok: true; plan: WritePlan } | { ok: false; message: string; conflicts: string[] };

/** The refusal when a plan would write over a township's sheets `names` (to write results, marks or explanations). */
export function conflictMessage(names: string[], what: 'results' | 'marks' | 'explanations' = 'results'): string {
  const list = names.map((n) => `“${n}”`).join('、');
  const todo = what === 'marks' ? '请先改名再标记单元格' : what === 'explanations' ? '请先改名再保存说明' : '请先改名再写入结果';
  return `工作簿中已有名为${list}的工作表，且不是本工具生成的；${todo}。本次没有写入任何内容。`;
}

/**
 * `plan` as it may be applied to a workbook whose sheets are `sheets` (all of them, or at least every sheet
 * bearing a result name; a host may give just the SIGNATURE_WINDOW of those). One decision for every host:
 *   - a SheetPlan whose name is a township's sheet (same name, not isToolSheet) → refused, nothing written;
 *   - new marks when 审核标记 is a township's sheet → refused (the marks' originals are kept there);
 *   - deleting a sheet that is a township's → dropped: there is nothing of the tool's to delete under that name;
 *   - clearing marks when 审核标记 is a township's → dropped for the same reason (its rows are not our records).
 * The tool's own sheets are replaced as before, so a re-run never duplicates them.
 */
export function resolvePlan(plan: WritePlan, sheets: Grid[]): Resolution {
  // A plan may only ever name the tool's own sheets; anything else would put a township's sheet at risk.
  // (With `sheets` empty this is the whole check, which a host can run before it has read anything.)
  const resultNames = new Set<string>(Object.values(RESULT_SHEETS));
  const strangers = [...new Set([...plan.sheets.map((s) => s.name), ...(plan.deleteSheets ?? [])])].filter((n) => !resultNames.has(n));
  if (strangers.length) {
    const list = strangers.map((n) => `“${n}”`).join('、');
    return {
      ok: false,
      message: `写入计划要替换或删除工作表${list}，它不是本工具的结果表，不会被替换或删除；为保护填报数据，本次没有写入任何内容。`,
      conflicts: strangers,
    };
  }
  const foreign = new Set<string>();
  for (const g of sheets ?? []) if (g && typeof g.name === 'string' && !isToolSheet(g)) foreign.add(g.name);
  const marksSheet = RESULT_SHEETS.marks;
  const conflicts = plan.sheets.map((s) => s.name).filter((n) => n !== marksSheet && foreign.has(n));
  if (conflicts.length) {
    const names = [...new Set(conflicts)];
    const what = names.every((n) => n === RESULT_SHEETS.explanations) ? 'explanations' : 'results';
    return { ok: false, message: conflictMessage(names, what), conflicts: names };
  }
  const foreignMarks = foreign.has(marksSheet);
  if (foreignMarks && plan.marks && plan.marks.length) {
    return { ok: false, message: conflictMessage([marksSheet], 'marks'), conflicts: [marksSheet] };
  }
  const deleteSheets = plan.deleteSheets?.filter((n) => !foreign.has(n));
  const out: WritePlan = { ...plan };
  if (plan.deleteSheets) out.deleteSheets = deleteSheets;
  if (foreignMarks) {
    delete out.clearMarks;
    delete out.marks;
    out.sheets = plan.sheets.filter((s) => s.name !== marksSheet);
  }
  return { ok: true, plan: out };
}
