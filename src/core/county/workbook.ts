/**
 * The county's inputs inside ONE workbook, as the pane sees it: a workbook with one sheet per township (a common
 * county practice) or a county summary sheet. Each township sheet is checked on its own and named by what it says
 * (its title's 单位) or else by its sheet name; a summary sheet's rows are townships (rows.ts). The county sheets
 * this module writes (审核情况, 汇总表) are recognised by their content and never read back as inputs, so writing them
 * again replaces them instead of summing the county into itself.
 */
import { check, type CheckOptions } from '../check';
import { isToolSheet } from '../toolsheets';
import type { Cell, Grid, Workbook } from '../types';
import { STATUS_HEADER } from './plan';
import { countyInput, type CountyInput } from './rows';

const text = (c: Cell | undefined) => (typeof c === 'string' ? c.trim() : '');

/** A sheet this module wrote: 审核情况 (its header row) or 汇总表 (a header with 来源文件 and the finding counts). */
export function isCountySheet(g: Grid): boolean {
  return g.rows.slice(0, 3).some((row) => {
    const cells = (row ?? []).map(text);
    if (STATUS_HEADER.every((h, i) => cells[i] === h)) return true;
    return cells.includes('来源文件') && cells.includes('错误（项）') && cells.includes('待核实（项）');
  });
}

/** The inputs of a county workbook: its summary sheet as one input, or each township sheet as one. */
export function countyInputsOfWorkbook(book: Workbook, opts: CheckOptions = {}): CountyInput[] {
  const sheets = book.sheets.filter((g) => !isToolSheet(g) && !isCountySheet(g));
  const whole = check({ ...book, sheets }, opts);
  if (whole.observations.some((o) => o.entity != null && !o.isTotal)) return [countyInput(book.name, book.name, whole)];
  const year = opts.year ?? whole.year ?? undefined;
  const out: CountyInput[] = [];
  for (const g of sheets) {
    const result = check({ name: book.name, sheets: [g] }, { ...opts, ...(year != null ? { year } : {}) });
    if (!result.observations.some((o) => o.value != null)) continue; // 基本情况, a notes sheet: no township here
    out.push(countyInput(`${book.name}‘${g.name}’表`, g.name, result));
  }
  return out;
}
