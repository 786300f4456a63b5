/**
 * Marks as every host applies them (office-js in src/excel, ExcelJS in src/file): one decision, so that a cell
 * looks the same in Excel and in a downloaded copy. Kept apart from plan/index.ts, which pulls in the catalog
 * texts, narrative helpers and findings: the Excel adapter imports this file and sits in the task pane's initial
 * bundle.
 */
import { parseA1 } from '../address';
import { RESULT_SHEETS } from '../catalog';
import { severityRank } from '../severity';
import type { Mark, Workbook, WritePlan } from '../types';

/** Columns of the very hidden 审核标记 sheet; the same in both adapters, so either can clear the other's marks. */
export const MARKS_HEADER = ['工作表', '单元格', '原填充', '原批注', '级别', '说明'];
/**
 * A seventh column the file adapter adds: the cell's own cell-format index (`s`) before the mark, so clearing puts
 * back exactly what the township had ('' = the cell had no `s`; 新单元格 / 新行 = the tool added the empty cell or
 * row to carry the fill). Records without it (written in Excel by the add-in) are restored by their 原填充 colour.
 */
export const MARKS_STYLE_COLUMN = '原样式';
export const MARK_NEW_CELL = '新单元格';
export const MARK_NEW_ROW = '新行';

/**
 * 原填充 as both adapters store it: ExcelJS-style fill JSON for a colour ('#RRGGBB'), '' for no fill — what the
 * first file adapter wrote, kept so that either adapter restores the other's marks.
 */
export function fillToRecord(original: string): string {
  if (original === 'none') return '';
  return JSON.stringify({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${original.replace('#', '').toUpperCase()}` } });
}

/** 原填充 as stored by either adapter → '#RRGGBB' or 'none'. */
export function recordToFill(text: string): string {
  const t = text.trim();
  if (!t) return 'none';
  if (/^#[0-9a-fA-F]{6}$/.test(t)) return t.toUpperCase();
  try {
    const f = JSON.parse(t) as { pattern?: string; fgColor?: { argb?: string } };
    const argb = f.fgColor?.argb;
    if (f.pattern && f.pattern !== 'none' && argb && /^[0-9a-fA-F]{6,8}$/.test(argb)) return `#${argb.slice(-6).toUpperCase()}`;
  } catch {
    // not JSON: not a record either adapter wrote (they write '', #RRGGBB or this JSON), so there is no fill to put
    // back; a fill is cosmetic and the township's figures are never touched
  }
  return 'none';
}

/** `$d$11` → `D11`: the form a mark's cell is compared and stored in. */
export function markCell(cell: string): string {
  return cell.replace(/\$/g, '').toUpperCase();
}

/**
 * Several findings on one cell make one mark: the gravest severity and its fill, every message line once, in the
 * order met. Marks on no valid cell or on the 审核标记 sheet itself are dropped.
 */
export function mergeMarks(marks: Mark[]): Mark[] {
  const by = new Map<string, Mark>();
  for (const m of marks) {
    if (!parseA1(m.cell) || m.sheet === RESULT_SHEETS.marks) continue;
    const cell = markCell(m.cell);
    const k = `${m.sheet}\u0000${cell}`;
    const prev = by.get(k);
    if (!prev) {
      by.set(k, { ...m, cell });
      continue;
    }
    const graver = severityRank(m.severity) < severityRank(prev.severity) ? m : prev;
    const lines = prev.comment.split('\n');
    const added = m.comment.split('\n').filter((l) => !lines.includes(l));
    const comment = added.length ? [...lines, ...added].join('\n') : prev.comment;
    by.set(k, { ...prev, severity: graver.severity, fill: graver.fill, comment });
  }
  return [...by.values()];
}

/** Whether applying `plan` involves marks at all (new ones, clearing, or the 审核标记 sheet itself). */
export function touchesMarks(plan: WritePlan): boolean {
  return (
    Boolean(plan.clearMarks) ||
    plan.marks !== undefined ||
    (plan.deleteSheets ?? []).includes(RESULT_SHEETS.marks) ||
    plan.sheets.some((s) => s.name === RESULT_SHEETS.marks)
  );
}

/**
 * Whether `book` carries marks the tool made: a 审核标记 sheet with at least one record below its header. Which
 * sheet is the tool's is asked of `isToolSheet` (passed in: this file stays light for the pane's first bundle).
 */
export function carriesMarks(book: Workbook, isToolSheet: (g: Workbook['sheets'][number]) => boolean): boolean {
  for (const g of book.sheets ?? []) {
    if (g.name !== RESULT_SHEETS.marks || !isToolSheet(g)) continue;
    const filled = (g.rows ?? []).filter((r) => Array.isArray(r) && r.some((c) => c !== null && c !== undefined && c !== ''));
    if (filled.length > 1) return true; // the header and a record
  }
  return false;
}
