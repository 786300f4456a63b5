/**
 * The base a result copy is written over, for a source that is not an .xlsx (.xls, .et, .ods, .csv): a fresh
 * .xlsx built from the Grids the check read — every sheet in order with its name and visibility, its values
 * (numbers, text, booleans, formula results as values, errors), number formats and merged areas at their own
 * cells. The township's file itself is never touched; the copy says in its name that it is a copy (…-审核.xlsx).
 * An .xlsx source is its own base (resultBase returns its bytes unchanged).
 */
import * as ExcelJS from 'exceljs';
import type { Cell, Grid, Workbook } from '../core/types';
import { writableText } from '../core/toolsheets';
import { toBytes } from './zip';
import { isXlsxBytes } from './workbook';

function excelValue(v: Cell): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return writableText(v);
  return { error: v.error } as ExcelJS.CellErrorValue;
}

/** Excel's rules for sheet names, kept as the reader gave them where they already hold (they do for .xls/.ods). */
function sheetName(name: string, used: Set<string>): string {
  let n = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'|'$/g, '_').slice(0, 31) || 'Sheet';
  for (let k = 2; used.has(n.toLowerCase()); k++) n = `${name.slice(0, 31 - String(k).length - 1)}_${k}`;
  used.add(n.toLowerCase());
  return n;
}

function writeGrid(ws: ExcelJS.Worksheet, g: Grid): void {
  const r0 = g.origin?.row ?? 0;
  const c0 = g.origin?.col ?? 0;
  g.rows.forEach((row, r) => {
    if (!row.some((v) => v !== null)) return;
    const xr = ws.getRow(r0 + r + 1);
    row.forEach((v, c) => {
      if (v === null) return;
      const cell = xr.getCell(c0 + c + 1);
      cell.value = excelValue(v);
      const fmt = g.formats?.[r]?.[c];
      if (fmt) cell.numFmt = fmt;
    });
  });
  for (const m of g.merges ?? []) {
    try {
      ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
    } catch (e) {
      // two areas a damaged file lets overlap: ExcelJS refuses the second; the cells are all still written
      if (!(e instanceof Error) || !/already merged|Cannot merge/i.test(e.message)) throw e;
    }
  }
}

/** A fresh .xlsx holding what `book` read: the base of the result copy of a source that is not an .xlsx. */
export async function gridWorkbookToXlsx(book: Workbook): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  // the Grids' date serials count from 1904 when the source did: the copy keeps that system, so dates stay dates
  if (book.sheets.some((g) => g.date1904)) (wb.properties as { date1904?: boolean }).date1904 = true;
  const used = new Set<string>();
  for (const g of book.sheets) {
    const ws = wb.addWorksheet(sheetName(g.name, used), { state: g.visibility ?? 'visible' } as Partial<ExcelJS.AddWorksheetOptions>);
    writeGrid(ws, g);
  }
  if (!book.sheets.length) wb.addWorksheet('Sheet1');
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * What applyPlan writes the result copy over: the source's own bytes when it is an .xlsx, else a fresh .xlsx
 * built from the workbook the check read (`book`, the Grids of the same bytes).
 */
export async function resultBase(data: Uint8Array | ArrayBuffer, book: Workbook): Promise<Uint8Array> {
  const b = toBytes(data);
  return isXlsxBytes(b) ? b : gridWorkbookToXlsx(book);
}
