/**
 * The ExcelJS-based .xlsx reader that src/file/read.ts used before it got its own SpreadsheetML reader, kept as
 * a test oracle for the differential tests (reader-parity.test.ts). Same Grid semantics: cached formula results,
 * rich text and hyperlinks as text, dates as serials with their format, merges, used-range origin, truncation.
 * No zip checks here (the tests feed it workbooks that are sane zips); it must not import src/file/read.ts.
 */
import * as ExcelJS from 'exceljs';
import type { Cell, Grid, MergedArea, Workbook } from '../../src/core/types';

export interface OracleLimits {
  maxRows: number;
  maxCells: number;
}

export const ORACLE_LIMITS: OracleLimits = { maxRows: 200_000, maxCells: 5_000_000 };

const MS_PER_DAY = 24 * 3600 * 1000;

/** A JS Date as ExcelJS builds it (UTC) → the Excel serial number office-js would report. */
export function dateToSerial(d: Date, date1904 = false): number {
  const serial = 25569 + d.getTime() / MS_PER_DAY - (date1904 ? 1462 : 0);
  // ExcelJS rounds to the millisecond; strip float noise below a millisecond.
  return Math.round(serial * MS_PER_DAY) / MS_PER_DAY;
}

type Rich = { richText: { text: string }[] };

function isRich(v: unknown): v is Rich {
  return typeof v === 'object' && v !== null && Array.isArray((v as Rich).richText);
}

function richToText(v: Rich): string {
  return v.richText.map((r) => (r && typeof r.text === 'string' ? r.text : '')).join('');
}

/** An ExcelJS cell value → the raw Cell an office-js range would report. */
export function toCell(v: unknown, date1904 = false): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateToSerial(v, date1904);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return { error: o.error };
    if ('formula' in o || 'sharedFormula' in o || 'result' in o) {
      const r = o.result;
      if (r === undefined || r === null) return null;
      return toCell(r, date1904);
    }
    if (isRich(o)) return richToText(o);
    if ('hyperlink' in o || 'text' in o) {
      const t = o.text;
      if (typeof t === 'string') return t;
      if (isRich(t)) return richToText(t);
      if (typeof t === 'number') return t;
      return typeof o.hyperlink === 'string' ? o.hyperlink : null;
    }
    return null;
  }
  return null;
}

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

type CellModel = { formula?: unknown; shareType?: unknown; result?: unknown };
type SheetModel = { rows?: ({ cells?: (CellModel | null)[] } | null)[] };

/**
 * ExcelJS turns the cached result of every formula in a date-formatted cell into a Date, whatever it was (an
 * error or a text becomes an Invalid Date, TRUE becomes 1900-01-01). Keep the non-numeric results as parsed.
 */
function keepFormulaResults(wb: ExcelJS.Workbook): void {
  const x = wb.xlsx as unknown as { reconcile?: (model: { worksheets?: SheetModel[] }, options: unknown) => unknown };
  const reconcile = x.reconcile;
  if (typeof reconcile !== 'function') return;
  x.reconcile = function (this: unknown, model, options) {
    const kept: [CellModel, unknown][] = [];
    for (const ws of model?.worksheets ?? []) {
      for (const row of ws?.rows ?? []) {
        for (const c of row?.cells ?? []) {
          if (c && (c.formula || c.shareType) && c.result !== undefined && c.result !== null && typeof c.result !== 'number') kept.push([c, c.result]);
        }
      }
    }
    const out = reconcile.call(this, model, options);
    for (const [c, r] of kept) c.result = r;
    return out;
  };
}

/** Load the bytes into an ExcelJS workbook (no zip checks: test input only). */
export async function loadExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  keepFormulaResults(wb);
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Every worksheet as a Grid, exactly as readXlsx did with ExcelJS. */
export async function readWithExcelJs(bytes: Uint8Array, name: string, limits: OracleLimits = ORACLE_LIMITS): Promise<Workbook> {
  const wb = await loadExcelJs(bytes);
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  return { name, sheets: wb.worksheets.map((ws) => gridOf(ws, date1904, limits)) };
}
