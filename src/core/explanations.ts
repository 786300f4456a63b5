/**
 * The 审核说明 sheet: a township's explanations of verify/hint findings, kept with the workbook so the next
 * check does not ask again. Its layout is defined here (the header words in toolsheets.ts, which also decides
 * whether a sheet named 审核说明 is this sheet):
 *
 *     编号 | 规则 | 位置 | 问题 | 说明 | 日期
 *
 * one row per explained finding, keyed by 编号 (the finding id). Reading is tolerant: the header may sit below
 * a title row, columns may be moved or added, rows without 编号 or 说明 are ignored.
 */
import { RESULT_SHEETS } from './catalog';
import { parseWhere, whereText } from './findings';
import { RULES } from './rule-meta';
import { EXPLANATION_HEADER, explanationHeader, type ExplanationColumn } from './toolsheets';
import type { Cell, Explanation, Finding, RuleId, SheetPlan, Workbook } from './types';
import { serialToIso } from './value';

type Column = ExplanationColumn;

export { EXPLANATION_HEADER };

/** Column widths (characters), parallel to the header. */
export const EXPLANATION_COLUMNS = [11, 16, 24, 60, 40, 12];

function text(c: Cell | undefined, col?: Column, date1904 = false): string {
  if (c == null) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number') {
    if (col === '日期' && c > 20000 && c < 80000) return serialToIso(c, date1904) ?? String(c);
    // an id retyped by hand may have become a number (00123456 → 123456)
    if (col === '编号' && Number.isInteger(c) && c >= 0) return String(c).padStart(8, '0');
    return String(c);
  }
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  return c.error;
}

const RULE_BY_TITLE = new Map<string, RuleId>(
  (Object.keys(RULES) as RuleId[]).map((id) => [RULES[id].title, id]),
);

/** Read the 审核说明 sheet (none → []). A later row for the same 编号 replaces an earlier one. */
export function readExplanations(book: Workbook): Explanation[] {
  const sheet = book.sheets.find((s) => s && typeof s.name === 'string' && s.name.trim() === RESULT_SHEETS.explanations);
  if (!sheet) return [];
  const header = explanationHeader(sheet);
  if (!header) return [];
  const rows = sheet.rows;
  const r0 = sheet.origin?.row ?? 0;
  const c0 = sheet.origin?.col ?? 0;
  const headerRow = header.row - r0;
  const cols = new Map<Column, number>([...header.cols].map(([k, c]) => [k, c - c0]));
  const byId = new Map<string, Explanation>();
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const get = (col: Column) => (cols.has(col) ? text(row[cols.get(col)!], col, sheet.date1904 === true) : '');
    const findingId = get('编号').toLowerCase();
    const t = get('说明');
    if (!findingId || !t) continue;
    const e: Explanation = { findingId, text: t };
    const ruleText = get('规则');
    if (ruleText) e.rule = RULE_BY_TITLE.get(ruleText) ?? ruleText;
    const where = get('位置');
    if (where) e.where = where;
    const message = get('问题');
    if (message) e.message = message;
    const date = get('日期');
    if (date) e.date = date;
    byId.delete(findingId);
    byId.set(findingId, e);
  }
  return [...byId.values()];
}

/** Merge explanation lists: a later text for an id replaces the earlier one. */
export function mergeExplanations(...lists: Explanation[][]): Explanation[] {
  const byId = new Map<string, Explanation>();
  for (const list of lists) {
    for (const e of list) {
      const prev = byId.get(e.findingId);
      byId.set(e.findingId, prev ? { ...prev, ...stripEmpty(e) } : e);
    }
  }
  return [...byId.values()];
}

function stripEmpty(e: Explanation): Explanation {
  const out = { ...e };
  for (const k of ['rule', 'where', 'message', 'date'] as const) if (!out[k]) delete out[k];
  return out;
}

/** An explanation of a finding, with the context the county needs to read the sheet on its own. */
export function explanationFor(f: Finding, textOf: string, date?: string): Explanation {
  const e: Explanation = {
    findingId: f.id,
    text: textOf,
    rule: f.rule,
    where: whereText(f.sheet, f.cell, f.entity),
    message: f.message,
  };
  if (date) e.date = date;
  return e;
}

function ruleTitle(rule: string | undefined): string {
  if (!rule) return '';
  return (RULES as Record<string, { title: string } | undefined>)[rule]?.title ?? rule;
}

/**
 * The SheetPlan that writes the 审核说明 sheet: header (style `header`) and one row per explanation
 * (style `cell`), one row per id (a later text replaces an earlier one), sorted by 编号 so the same set of
 * explanations always gives the same sheet. 位置 links to the cell when it names one.
 */
export function explanationSheet(explanations: Explanation[]): SheetPlan {
  const list = mergeExplanations(explanations)
    .filter((e) => e.findingId.trim() && e.text.trim())
    .sort((a, b) => (a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : 0));
  const rows: SheetPlan['rows'] = [EXPLANATION_HEADER.map((h) => ({ v: h, style: 'header' }))];
  for (const e of list) {
    const at = e.where ? parseWhere(e.where) : null;
    rows.push([
      { v: e.findingId, style: 'cell' },
      { v: ruleTitle(e.rule), style: 'cell' },
      at ? { v: e.where ?? '', style: 'cell', link: at } : { v: e.where ?? '', style: 'cell' },
      { v: e.message ?? '', style: 'cell' },
      { v: e.text, style: 'cell' },
      { v: e.date ?? '', style: 'cell' },
    ]);
  }
  return {
    name: RESULT_SHEETS.explanations,
    columns: [...EXPLANATION_COLUMNS],
    rows,
    freezeRows: 1,
  };
}
