/** .xlsx bytes → Workbook (Grid per worksheet), with ExcelJS. Runs in Node and in the browser: no fs here. */
import * as ExcelJS from 'exceljs';
import type { Cell, Grid, MergedArea, Workbook } from '../core/types';
import { FileReadError, isFileReadError, readError } from './errors';
import { inspectWorkbookZip, toBytes, verifyInflatedSizes } from './zip';

export interface ReadLimits {
  /** Rows read per sheet before it is cut short (and `truncated` set). */
  maxRows: number;
  /** Cells (row entries, ragged) read per sheet before it is cut short. */
  maxCells: number;
}

export const READ_LIMITS: ReadLimits = { maxRows: 200_000, maxCells: 5_000_000 };

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
      // The cached result; a formula never calculated reads as empty, as it would in a host that did not recalc.
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
    // Checkbox / unknown object: nothing a user would see as a figure.
    return null;
  }
  return null;
}

function toVisibility(state: unknown): Grid['visibility'] {
  return state === 'hidden' || state === 'veryHidden' ? state : 'visible';
}

function gridOf(ws: ExcelJS.Worksheet, date1904: boolean, limits: ReadLimits): Grid {
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

/**
 * What ExcelJS said about a file it could not parse, for the message — only a parser's own diagnosis (an XML
 * error). A TypeError inside ExcelJS (`Cannot set properties of undefined (setting 'sheetNo')` on a malformed
 * part) says nothing to a user and must not put `undefined` in a Chinese sentence.
 */
function parserDetail(e: unknown): string | undefined {
  if (!(e instanceof Error) || !e.message || e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) return undefined;
  if (/\b(undefined|null|NaN)\b/.test(e.message)) return undefined;
  return `ExcelJS：${e.message.replace(/\s+/g, ' ').slice(0, 160)}`;
}

type CellModel = { formula?: unknown; shareType?: unknown; result?: unknown };
type SheetModel = { rows?: ({ cells?: (CellModel | null)[] } | null)[] };

/**
 * ExcelJS turns the cached result of every formula in a date-formatted cell into a Date, whatever it was: an
 * error (`#DIV/0!`) or a text result becomes an Invalid Date (read as blank, written back as `<v>NaN</v>`),
 * TRUE becomes 1900-01-01 (read as the figure 1). Keep the non-numeric results as parsed, around ExcelJS's
 * reconcile step (an instance method, in the Node build and the browser bundle alike).
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

/** Load the bytes into an ExcelJS workbook after checking they are a sane .xlsx. */
export async function loadExcelJs(data: Uint8Array | ArrayBuffer, name: string): Promise<ExcelJS.Workbook> {
  const bytes = toBytes(data);
  const entries = inspectWorkbookZip(bytes, name);
  await verifyInflatedSizes(bytes, entries, name);
  const wb = new ExcelJS.Workbook();
  keepFormulaResults(wb);
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    if (isFileReadError(e)) throw e;
    throw readError('corrupt', name, parserDetail(e));
  }
  return wb;
}

/**
 * Every worksheet (hidden ones too) as a Grid: cached formula results, rich text and hyperlinks as plain text,
 * dates as Excel serials with their date format, merges, and the origin of the used range.
 * Throws FileReadError (Chinese message) for anything that is not a readable .xlsx.
 */
export async function readXlsx(data: Uint8Array | ArrayBuffer, name: string, limits: ReadLimits = READ_LIMITS): Promise<Workbook> {
  const wb = await loadExcelJs(data, name);
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  const sheets: Grid[] = [];
  try {
    for (const ws of wb.worksheets) sheets.push(gridOf(ws, date1904, limits));
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw readError('corrupt', name, parserDetail(e));
  }
  return { name, sheets };
}
