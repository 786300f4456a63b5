/**
 * Read the open workbook into Grids, in a number of `context.sync()` calls that does not depend on the number of
 * sheets: (1) the sheet list, (2) every sheet's used range, (+1 where ExcelApi 1.13 has them) every sheet's merged
 * areas, (3…) the cells, packed into requests of at most `payloadBudget` bytes so that no request/response exceeds
 * Excel on the web's 5 MB payload limit. A workbook of ordinary size is read in 3 syncs (4 with merged areas)
 * whether it has 1 sheet or 40; a 50,000-row sheet takes a few more requests.
 */
import type { Cell, Grid, MergedArea, Workbook } from '../core/types';
import { parseA1 } from '../core/address';
import { excelApi, OPTIONAL_API, officeEnv, type ExcelEnv } from './env';
import { isPayloadError } from './errors';

export interface ReadOptions {
  /** Estimated bytes of one response at most (default 4 MB, under the 5 MB limit of Excel on the web). */
  payloadBudget?: number;
  /** Estimated bytes per cell of values + numberFormat + valueTypes in a response (default 40). */
  bytesPerCell?: number;
  /** Cells read from one sheet at most; beyond it the Grid says `truncated` (default 5,000,000). */
  maxCellsPerSheet?: number;
  onProgress?: (done: number, total: number) => void;
  env?: ExcelEnv;
}

export const READ_DEFAULTS = {
  payloadBudget: 4 * 1024 * 1024,
  bytesPerCell: 40,
  maxCellsPerSheet: 5_000_000,
};

interface SheetInfo {
  name: string;
  /** The sheet's proxy from the first sync (survives a rename while reading). */
  ws: Excel.Worksheet;
  visibility: Grid['visibility'];
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
  /** Rows we will read (≤ rowCount). */
  rowsToRead: number;
  grid: Grid;
}

interface Block {
  sheet: SheetInfo;
  /** Offset inside the used range. */
  start: number;
  rows: number;
}

function visibilityOf(v: string): Grid['visibility'] {
  return v === 'Hidden' ? 'hidden' : v === 'VeryHidden' ? 'veryHidden' : 'visible';
}

/** "Sheet1!B3:F40" / "'My sheet'!B3" → the A1 part, without `$`. */
function localAddress(address: string): string {
  const i = address.lastIndexOf('!');
  return (i >= 0 ? address.slice(i + 1) : address).replace(/\$/g, '');
}

/** "B3:F40" → merged area (0-based, inclusive). */
export function areaOf(address: string): MergedArea | null {
  const [a, b] = localAddress(address).split(':');
  const p = parseA1(a);
  const q = b ? parseA1(b) : p;
  if (!p || !q) return null;
  return { r1: Math.min(p.row, q.row), c1: Math.min(p.col, q.col), r2: Math.max(p.row, q.row), c2: Math.max(p.col, q.col) };
}

/** "Sheet1!A1:B2, 'a,b'!C3:D4" → ["Sheet1!A1:B2", "'a,b'!C3:D4"]: commas inside quoted sheet names are kept. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** DATE(2000,1,1) in a workbook that counts from 1904 (36,526 in the 1900 system, 1,462 days more). */
const DATE_2000_1904 = 35064;

/**
 * The workbook's date system. `Workbook.use1904DateSystem` exists only in the preview API (no released
 * requirement set has it), so the workbook is asked for DATE(2000,1,1) through `workbook.functions` (ExcelApi 1.2,
 * inside the 1.9 the manifest requires), which answers in the workbook's own date system: 36,526 counting from
 * 1900, 35,064 from 1904. Nothing is written; the answer comes with the sync that reads the sheet list.
 */
function probeDateSystem(workbook: Excel.Workbook): Excel.FunctionResult<number> {
  const r = workbook.functions.date(2000, 1, 1);
  r.load('value');
  return r;
}

/** One cell as the core wants it: errors as `{error}`, empty as null. */
function toCell(value: unknown, type: string): Cell {
  if (type === 'Empty' || value === '' || value === null || value === undefined) return null;
  if (type === 'Error') return { error: String(value) };
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** Split rows into blocks of at most `budget` estimated bytes, bounded by `maxCells`. */
function planBlocks(sheets: SheetInfo[], budget: number, bytesPerCell: number): Block[] {
  const blocks: Block[] = [];
  for (const s of sheets) {
    if (s.rowsToRead === 0) continue;
    const rowsPerBlock = Math.max(1, Math.floor(budget / (s.colCount * bytesPerCell)));
    for (let start = 0; start < s.rowsToRead; start += rowsPerBlock) {
      blocks.push({ sheet: s, start, rows: Math.min(rowsPerBlock, s.rowsToRead - start) });
    }
  }
  return blocks;
}

/** Pack blocks into requests of at most `budget` estimated bytes each (in sheet order). */
function packBatches(blocks: Block[], budget: number, bytesPerCell: number): Block[][] {
  const batches: Block[][] = [];
  let cur: Block[] = [];
  let size = 0;
  for (const b of blocks) {
    const bytes = b.rows * b.sheet.colCount * bytesPerCell;
    if (cur.length && size + bytes > budget) {
      batches.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(b);
    size += bytes;
  }
  if (cur.length) batches.push(cur);
  return batches;
}

/** Halve a batch that the host refused as too large: by blocks, or a single block by rows. Null when it cannot. */
function splitBatch(batch: Block[]): Block[][] | null {
  if (batch.length > 1) {
    const mid = Math.ceil(batch.length / 2);
    return [batch.slice(0, mid), batch.slice(mid)];
  }
  const b = batch[0];
  if (b.rows <= 1) return null;
  const half = Math.ceil(b.rows / 2);
  return [[{ ...b, rows: half }], [{ ...b, start: b.start + half, rows: b.rows - half }]];
}

/**
 * The merged areas of every sheet, in one request. When the answer would be too large for one response (sheets
 * with hundreds of thousands of merged cells), each sheet is asked alone; a sheet whose areas alone are too many
 * is read without them — its cells are still read, and covered cells are empty either way.
 */
async function readMerges(context: Excel.RequestContext, sheetItems: Excel.Worksheet[], infos: SheetInfo[]): Promise<void> {
  const request = (which: number[]) =>
    which.map((i) => {
      const s = infos[i];
      const areas = sheetItems[i].getRangeByIndexes(s.row, s.col, s.rowCount, s.colCount).getMergedAreasOrNullObject();
      areas.load('address');
      return { i, areas };
    });
  const take = (asked: { i: number; areas: Excel.RangeAreas }[]) => {
    for (const { i, areas } of asked) {
      if (areas.isNullObject) continue;
      for (const address of splitAreas(areas.address)) {
        const a = areaOf(address);
        if (a) infos[i].grid.merges!.push(a);
      }
    }
  };
  const sheets = infos.map((_, i) => i).filter((i) => infos[i].rowsToRead > 0);
  const all = request(sheets);
  try {
    await context.sync();
    take(all);
    return;
  } catch (e) {
    if (!isPayloadError(e)) throw e;
  }
  for (const i of sheets) {
    const one = request([i]);
    try {
      // only after the host refused one answer for all sheets: one request per sheet
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      take(one);
    } catch (e) {
      if (!isPayloadError(e)) throw e;
    }
  }
}

/**
 * Every worksheet as a Grid (values, number formats, error cells, merged areas, visibility, origin).
 * Sheets are returned in workbook order; an empty sheet is a Grid with no rows.
 */
export async function readWorkbook(context: Excel.RequestContext, options: ReadOptions = {}): Promise<Workbook> {
  const env = options.env ?? officeEnv();
  const budget = options.payloadBudget ?? READ_DEFAULTS.payloadBudget;
  const bytesPerCell = options.bytesPerCell ?? READ_DEFAULTS.bytesPerCell;
  const maxCells = options.maxCellsPerSheet ?? READ_DEFAULTS.maxCellsPerSheet;
  const withMerges = excelApi(env, OPTIONAL_API.mergedAreas);

  // Sync 1: the sheets, and the workbook's date system.
  const workbook = context.workbook;
  const worksheets = workbook.worksheets;
  worksheets.load('items/name,items/visibility');
  workbook.load('name');
  const dateProbe = probeDateSystem(workbook);
  await context.sync();
  const date1904 = dateProbe.value === DATE_2000_1904;

  // Sync 2: every sheet's used range (values only: formatting alone does not make a cell used).
  const sheetItems = worksheets.items;
  const used = sheetItems.map((ws) => {
    const r = ws.getUsedRangeOrNullObject(true);
    r.load('rowIndex,columnIndex,rowCount,columnCount');
    return r;
  });
  await context.sync();

  const infos: SheetInfo[] = sheetItems.map((ws, i) => {
    const r = used[i];
    const grid: Grid = { name: ws.name, rows: [], formats: [], merges: [], visibility: visibilityOf(ws.visibility) };
    if (date1904) grid.date1904 = true;
    if (r.isNullObject) {
      grid.origin = { row: 0, col: 0 };
      return { name: ws.name, ws, visibility: grid.visibility, row: 0, col: 0, rowCount: 0, colCount: 0, rowsToRead: 0, grid };
    }
    const rowsToRead = Math.min(r.rowCount, Math.max(1, Math.floor(maxCells / Math.max(1, r.columnCount))));
    grid.origin = { row: r.rowIndex, col: r.columnIndex };
    if (rowsToRead < r.rowCount) grid.truncated = { rowsRead: rowsToRead, rowsTotal: r.rowCount };
    return {
      name: ws.name,
      ws,
      visibility: grid.visibility,
      row: r.rowIndex,
      col: r.columnIndex,
      rowCount: r.rowCount,
      colCount: r.columnCount,
      rowsToRead,
      grid,
    };
  });

  // Merged areas: one small request for all sheets, only where the host has the API.
  if (withMerges) await readMerges(context, sheetItems, infos);

  // Syncs 3…: the cells, in requests of bounded size.
  const queue = packBatches(planBlocks(infos, budget, bytesPerCell), budget, bytesPerCell);
  const totalRows = infos.reduce((n, s) => n + s.rowsToRead, 0);
  let doneRows = 0;
  options.onProgress?.(0, totalRows);
  while (queue.length) {
    const batch = queue.shift()!;
    const ranges = batch.map((b) => {
      const range = b.sheet.ws.getRangeByIndexes(b.sheet.row + b.start, b.sheet.col, b.rows, b.sheet.colCount);
      range.load('values,numberFormat,valueTypes');
      return range;
    });
    try {
      // The number of requests grows with the amount of data (5 MB each at most), never with the number of sheets.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      const halves = isPayloadError(e) ? splitBatch(batch) : null;
      if (!halves) throw e;
      queue.unshift(...halves);
      continue;
    }
    batch.forEach((b, i) => {
      const range = ranges[i];
      const values = range.values;
      const formats = range.numberFormat as unknown as (string | null)[][];
      const types = range.valueTypes as unknown as string[][];
      const grid = b.sheet.grid;
      for (let r = 0; r < b.rows; r++) {
        const vrow = values[r] ?? [];
        const trow = types[r] ?? [];
        const row: Cell[] = new Array(b.sheet.colCount);
        for (let c = 0; c < b.sheet.colCount; c++) row[c] = toCell(vrow[c], trow[c]);
        grid.rows[b.start + r] = row;
        grid.formats![b.start + r] = (formats[r] ?? []).map((f) => (f === undefined ? null : f));
      }
      doneRows += b.rows;
    });
    options.onProgress?.(doneRows, totalRows);
  }

  return { name: workbook.name ?? '', sheets: infos.map((s) => s.grid) };
}
