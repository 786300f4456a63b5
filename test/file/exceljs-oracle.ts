/**
 * The ExcelJS-based .xlsx reader that src/file/read.ts used before it got its own SpreadsheetML reader, kept as
 * a test oracle for the differential tests (reader-parity.test.ts). Same Grid semantics: cached formula results,
 * rich text and hyperlinks as text, dates as serials with their format, merges, used-range origin, truncation.
 * Its ExcelJS loading and cell conversion are src/file/exceljs.ts's, shared with the writing path; what it keeps
 * of its own is the old worksheet → Grid step. It must not import src/file/read.ts.
 */
import type * as ExcelJS from 'exceljs';
import type { Cell, Grid, MergedArea, Workbook } from '../../src/core/types';
// the ExcelJS loading and cell conversion the writing path still uses (apply.ts reads cells back through them)
import { loadExcelJs, toCell } from '../../src/file/exceljs';

export interface OracleLimits {
  maxRows: number;
  maxCells: number;
}

export const ORACLE_LIMITS: OracleLimits = { maxRows: 200_000, maxCells: 5_000_000 };

function toVisibility(state: unknown): Grid['visibility'] {
  return state === 'hidden' || state === 'veryHidden' ? state : 'visible';
}

function gridOf(ws: ExcelJS.Worksheet, date1904: boolean, limits: OracleLimits): Grid {
  type Entry = { r: number; c: number; v: Cell; f: string | null };
  const byRow = new Map<number, Entry[]>();
  let minRow = Infinity;
  let maxRow = -1;
  let minCol = Infinity;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const list: Entry[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Cells covered by a merge report the master's value in ExcelJS; a host reports them empty.
      if ((cell as unknown as { master: unknown }).master !== cell) return;
      const v = toCell(cell.value, date1904);
      if (v === null || v === '') return;
      const fmt = typeof cell.numFmt === 'string' && cell.numFmt ? cell.numFmt : null;
      list.push({ r, c: colNumber - 1, v, f: fmt });
    });
    if (list.length) {
      byRow.set(r, list);
      if (r < minRow) minRow = r;
      if (r > maxRow) maxRow = r;
      for (const e of list) if (e.c < minCol) minCol = e.c;
    }
  });

  const merges: MergedArea[] = [];
  const rawMerges = (ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges;
  for (const m of Object.values(rawMerges ?? {})) {
    if (!m) continue;
    merges.push({ r1: m.top - 1, c1: m.left - 1, r2: m.bottom - 1, c2: m.right - 1 });
  }

  const grid: Grid = { name: ws.name, rows: [], formats: [], merges, visibility: toVisibility(ws.state) };
  if (maxRow < 0) {
    grid.origin = { row: 0, col: 0 };
    return grid;
  }
  // Merged title rows above/left of the first value still belong to the grid's extent.
  for (const m of merges) {
    if (m.r1 < minRow && m.r1 >= 0) minRow = Math.min(minRow, m.r1);
    if (m.c1 < minCol && m.c1 >= 0) minCol = Math.min(minCol, m.c1);
  }
  grid.origin = { row: minRow, col: minCol };
  const rowsTotal = maxRow - minRow + 1;
  let cells = 0;
  const rows: Cell[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = minRow; r <= maxRow; r++) {
    const list = byRow.get(r);
    const idx = r - minRow;
    let width = 0;
    if (list) for (const e of list) width = Math.max(width, e.c - minCol + 1);
    if (idx >= limits.maxRows || cells + width > limits.maxCells) {
      grid.truncated = { rowsRead: idx, rowsTotal };
      break;
    }
    const vals: Cell[] = new Array(width).fill(null);
    const fmts: (string | null)[] = new Array(width).fill(null);
    if (list) {
      for (const e of list) {
        vals[e.c - minCol] = e.v;
        fmts[e.c - minCol] = e.f;
      }
    }
    cells += width;
    rows.push(vals);
    formats.push(fmts);
  }
  grid.rows = rows;
  grid.formats = formats;
  return grid;
}

/** Every worksheet as a Grid, exactly as readXlsx did with ExcelJS. */
export async function readWithExcelJs(bytes: Uint8Array, name: string, limits: OracleLimits = ORACLE_LIMITS): Promise<Workbook> {
  const wb = await loadExcelJs(bytes, name);
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  return { name, sheets: wb.worksheets.map((ws) => gridOf(ws, date1904, limits)) };
}
