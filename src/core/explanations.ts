/**
 * The 审核说明 sheet: a township's explanations of verify/hint findings, kept with the workbook so the next
 * check does not ask again. Its layout is defined here (the header words in toolsheets.ts, which also decides
 * whether a sheet named 审核说明 is this sheet):
 *
 *     编号 | 规则 | 位置 | 问题 | 说明 | 日期 | 类型 | 填写人 | 所释数字 | 审核意见 | 审核人 | 审核日期 | 审核备注 | 审核记录
 *
 * one row per explained finding, keyed by 编号 (the finding id). 类型 is 说明 or 异议 (a township disputing an
 * error); 所释数字 the values of the finding's cells when it was written, one `Sheet!D4=21` a line (when they change,
 * the finding opens again: findings.ts applyExplanations); 审核意见 the county's 采纳 or 退回, with who, when and
 * why; 审核记录 the earlier texts and decisions, one a line. Reading is tolerant: the header may sit below a title
 * row, columns may be moved or added (a sheet written before the last eight columns existed reads as before), rows
 * without 编号 or 说明 are ignored.
 */
import { RESULT_SHEETS } from './catalog';
import { parseWhere, whereText } from './findings';
import { RULES } from './rule-meta';
import { EXPLANATION_HEADER, explanationHeader, type ExplanationColumn } from './toolsheets';
import { parseA1, ref, splitRef } from './address';
import { formatNumber } from './format';
import type { Cell, Explanation, ExplanationReview, Figure, Finding, Observation, RuleId, SheetPlan, Workbook } from './types';
import { serialToIso } from './value';

type Column = ExplanationColumn;

export { EXPLANATION_HEADER };

/** Column widths (characters), parallel to the header. */
export const EXPLANATION_COLUMNS = [11, 16, 24, 60, 40, 12, 8, 10, 24, 10, 10, 12, 30, 50];

function text(c: Cell | undefined, col?: Column, date1904 = false): string {
  if (c == null) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number') {
    if ((col === '日期' || col === '审核日期') && c > 20000 && c < 80000) return serialToIso(c, date1904) ?? String(c);
    // an id retyped by hand may have become a number (00123456 → 123456)
    if (col === '编号' && Number.isInteger(c) && c >= 0) return String(c).padStart(8, '0');
    return String(c);
  }
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  return c.error;
}

/** A rule by its title; where two rules share a title (a county's variant of a built-in rule), the built-in one, listed first. */
const RULE_BY_TITLE = new Map<string, RuleId>();
for (const id of Object.keys(RULES) as RuleId[]) if (!RULE_BY_TITLE.has(RULES[id].title)) RULE_BY_TITLE.set(RULES[id].title, id);

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
    if (get('类型') === '异议') e.kind = 'dispute';
    const author = get('填写人');
    if (author) e.author = author;
    const figures = parseFigures(get('所释数字'));
    if (figures.length) e.figures = figures;
    const decision = get('审核意见');
    if (decision === '采纳' || decision === '退回') {
      const review: ExplanationReview = { decision: decision === '采纳' ? 'accepted' : 'returned', reviewer: get('审核人'), date: get('审核日期') };
      const note = get('审核备注');
      if (note) review.note = note;
      e.review = review;
    }
    const history = get('审核记录').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (history.length) e.history = history;
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
  for (const k of ['rule', 'where', 'message', 'date', 'kind', 'author', 'figures', 'review', 'history'] as const) if (!out[k]) delete out[k];
  return out;
}

/** An explanation of a finding, with the context the county needs to read the sheet on its own. */
export function explanationFor(
  f: Finding,
  textOf: string,
  date?: string,
  opts: { author?: string; kind?: 'explanation' | 'dispute' } = {},
): Explanation {
  const e: Explanation = {
    findingId: f.id,
    text: textOf,
    rule: f.rule,
    where: whereText(f.sheet, f.cell, f.entity),
    message: f.message,
  };
  if (date) e.date = date;
  // an error is disputed, never explained away (applyExplanations reads it so either way)
  if (opts.kind === 'dispute' || f.severity === 'error') e.kind = 'dispute';
  if (opts.author?.trim()) e.author = opts.author.trim();
  if (f.figures?.length) e.figures = f.figures.map((x) => ({ ...x }));
  return e;
}

/** One line of 审核记录 for an explanation as it stood, and for a decision. */
function historyLines(e: Explanation): string[] {
  const who = (s?: string) => (s ? ` ${s}` : '');
  const lines = [`${e.date ?? ''}${who(e.author)} ${e.kind === 'dispute' ? '异议' : '说明'}：${e.text}`.trim()];
  if (e.review) lines.push(reviewLine(e.review));
  return lines;
}

function reviewLine(r: ExplanationReview): string {
  return `${r.date}${r.reviewer ? ` ${r.reviewer}` : ''} ${r.decision === 'accepted' ? '采纳' : '退回'}${r.note ? `：${r.note}` : ''}`.trim();
}

/**
 * The township writes (or rewrites) its explanation: the new one replaces the old, which goes to 审核记录 with the
 * county's decision on it; the new one awaits a decision again, with the figures as they are now.
 */
export function reviseExplanation(prev: Explanation | undefined, next: Explanation): Explanation {
  if (!prev) return next;
  const out: Explanation = { ...next, history: [...(prev.history ?? []), ...historyLines(prev)] };
  delete out.review;
  return out;
}

/** The county decides (采纳 / 退回): an earlier decision goes to 审核记录, the explanation itself stays. */
export function reviewExplanation(e: Explanation, review: ExplanationReview): Explanation {
  const out: Explanation = { ...e, review: { ...review, ...(review.note?.trim() ? { note: review.note.trim() } : {}) } };
  if (!review.note?.trim()) delete out.review!.note;
  if (e.review) out.history = [...(e.history ?? []), reviewLine(e.review)];
  return out;
}

// ───────────────────────────── figures ─────────────────────────────

/** `Sheet!D4=21`, one a line (a value's own line breaks become spaces). */
export function figuresText(figures: Figure[]): string {
  return figures.map((x) => `${x.ref}=${x.value.replace(/\s*[\r\n]+\s*/g, ' ')}`).join('\n');
}

/** Inverse of figuresText; a line that names no cell is skipped. */
export function parseFigures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const line of text.split(/\r?\n/)) {
    // the ref ends at the cell after the last `!`; the value is everything after the `=` that follows it
    const m = /^(.*![A-Za-z]{1,3}\d+)=(.*)$/.exec(line.trim());
    if (m && splitRef(m[1])) out.push({ ref: m[1], value: m[2].trim() });
  }
  return out;
}

/** A cell's value as shown in a figure: a number plainly, text trimmed, nothing as 空白. */
function cellFigure(c: Cell | undefined): string {
  if (c == null || (typeof c === 'string' && !c.trim())) return '空白';
  if (typeof c === 'number') return formatNumber(c, 4);
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if (typeof c === 'string') return c.trim().replace(/\s*[\r\n]+\s*/g, ' ');
  return c.error;
}

/**
 * Each finding's figures now (`Finding.figures`): the value of every cell it involves, as the township wrote it
 * (the observation's text where the cell was read as one, else the cell itself). What an explanation records and is
 * later held to.
 */
export function attachFigures(findings: Finding[], book: Workbook, observations: Observation[]): Finding[] {
  const shown = new Map<string, string>();
  for (const o of observations) if (o.raw?.trim()) shown.set(ref(o.sheet, o.cell), o.raw.trim().replace(/\s*[\r\n]+\s*/g, ' '));
  const sheets = new Map(book.sheets.filter((g) => g && typeof g.name === 'string').map((g) => [g.name, g]));
  for (const f of findings) {
    if (!f.refs.length) continue;
    f.figures = f.refs.map((r) => {
      const known = shown.get(r);
      if (known !== undefined) return { ref: r, value: known };
      const at = splitRef(r);
      const g = at ? sheets.get(at.sheet) : undefined;
      const p = at ? parseA1(at.cell) : null;
      if (!g || !p) return { ref: r, value: '空白' };
      const row = g.rows[p.row - (g.origin?.row ?? 0)];
      return { ref: r, value: cellFigure(row?.[p.col - (g.origin?.col ?? 0)]) };
    });
  }
  return findings;
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
      { v: e.kind === 'dispute' ? '异议' : '说明', style: 'cell' },
      { v: e.author ?? '', style: 'cell' },
      { v: figuresText(e.figures ?? []), style: 'cell' },
      { v: e.review ? (e.review.decision === 'accepted' ? '采纳' : '退回') : '', style: 'cell' },
      { v: e.review?.reviewer ?? '', style: 'cell' },
      { v: e.review?.date ?? '', style: 'cell' },
      { v: e.review?.note ?? '', style: 'cell' },
      { v: (e.history ?? []).join('\n'), style: 'cell' },
    ]);
  }
  return {
    name: RESULT_SHEETS.explanations,
    columns: [...EXPLANATION_COLUMNS],
    rows,
    freezeRows: 1,
  };
}
