/**
 * .xlsx bytes → Workbook (a Grid per worksheet), for checking. Runs in Node and in the browser: no fs here.
 *
 * Only the parts a check needs are inflated (the workbook, its relationships, shared strings, styles and the
 * worksheets), each at most once and never past the size its zip entry declares; drawings, pictures, printer
 * settings and the rest stay packed. ExcelJS, which builds a full styled model of every cell, is left to the
 * writing path (exceljs.ts, apply.ts): reading this way takes a fraction of its time and memory.
 */
import type { Cell, Grid, MergedArea, Workbook } from '../core/types';
import { isFileReadError, readError } from './errors';
import { parseCellFormats, parseRels, parseSharedStrings, parseSheet, parseWorkbook, resolveTarget, XmlError } from './sheetml';
import type { Relationship, RowCells, SheetEntry, SheetPart } from './sheetml';
import { entriesToInflate, inspectWorkbookZip, readEntry, toBytes, utf8 } from './zip';
import type { ZipEntryInfo } from './zip';

export interface ReadLimits {
  /** Rows read per sheet before it is cut short (and `truncated` set). */
  maxRows: number;
  /** Cells (row entries, ragged) read per sheet before it is cut short. */
  maxCells: number;
}

export const READ_LIMITS: ReadLimits = { maxRows: 200_000, maxCells: 5_000_000 };

/** The zip's parts by name; a relationship that spells a name in another case still finds it. */
class Parts {
  private readonly byName = new Map<string, ZipEntryInfo>();
  private byLower: Map<string, ZipEntryInfo> | null = null;
  private readonly suspects: Set<ZipEntryInfo>;

  constructor(
    private readonly bytes: Uint8Array,
    entries: ZipEntryInfo[],
    private readonly file: string,
  ) {
    for (const e of entries) this.byName.set(e.name, e);
    this.suspects = entriesToInflate(entries);
  }

  private entry(path: string): ZipEntryInfo | undefined {
    const exact = this.byName.get(path);
    if (exact) return exact;
    this.byLower ??= new Map([...this.byName].map(([k, e]) => [k.toLowerCase(), e]));
    return this.byLower.get(path.toLowerCase());
  }

  /** A part's text, or null when the zip has no such part. `what` names what it holds, for a damage message. */
  text(path: string, what?: string): string | null {
    const e = this.entry(path);
    return e ? utf8(readEntry(this.bytes, e, this.suspects.has(e), this.file, what)) : null;
  }
}

/** Is this relationship (transitional or strict namespace) of the given kind (`worksheet`, `styles` …)? */
const isType = (rel: Relationship, kind: string): boolean => rel.type.endsWith(`/${kind}`);

/**
 * The Grid of one sheet, as an office-js used range would give it: starting at the first row and column holding
 * a value (or a merged title), covered cells of merged areas empty, numbers with their formats.
 */
export function gridOf(sheet: SheetEntry, part: SheetPart, limits: ReadLimits): Grid {
  const merges: MergedArea[] = part.merges;
  const rows = orderedRows(part.rows);
  clearCovered(rows, merges);
  const grid: Grid = { name: sheet.name, rows: [], formats: [], merges, visibility: sheet.state };
  if (part.uncalculated) grid.uncalculated = part.uncalculated;

  let minRow = Infinity;
  let maxRow = -1;
  let minCol = Infinity;
  for (const row of rows) {
    if (!row.cols.length) continue;
    if (row.r < minRow) minRow = row.r;
    if (row.r > maxRow) maxRow = row.r;
    for (const c of row.cols) if (c < minCol) minCol = c;
  }
  if (maxRow < 0) {
    grid.origin = { row: 0, col: 0 };
    return grid;
  }
  // merged title rows above / left of the first value still belong to the grid's extent
  for (const m of merges) {
    if (m.r1 < minRow && m.r1 >= 0) minRow = m.r1;
    if (m.c1 < minCol && m.c1 >= 0) minCol = m.c1;
  }
  grid.origin = { row: minRow, col: minCol };

  const rowsTotal = maxRow - minRow + 1;
  const out: Cell[][] = [];
  const formats: (string | null)[][] = [];
  const byRow = new Map<number, RowCells>();
  for (const row of rows) if (row.cols.length) byRow.set(row.r, row);
  let cells = 0;
  for (let r = minRow; r <= maxRow; r++) {
    const idx = r - minRow;
    const row = byRow.get(r);
    let width = 0;
    if (row) for (const c of row.cols) width = Math.max(width, c - minCol + 1);
    if (idx >= limits.maxRows || cells + width > limits.maxCells) {
      grid.truncated = { rowsRead: idx, rowsTotal };
      break;
    }
    const vals: Cell[] = new Array(width).fill(null);
    const fmts: (string | null)[] = new Array(width).fill(null);
    if (row) {
      for (let k = 0; k < row.cols.length; k++) {
        vals[row.cols[k] - minCol] = row.vals[k];
        fmts[row.cols[k] - minCol] = row.fmts[k];
      }
    }
    cells += width;
    out.push(vals);
    formats.push(fmts);
  }
  grid.rows = out;
  grid.formats = formats;
  return grid;
}

/** Rows by row number; a row written twice becomes one, its later cells written after (so they win in gridOf). */
function orderedRows(rows: RowCells[]): RowCells[] {
  let sorted = true;
  for (let i = 1; i < rows.length && sorted; i++) sorted = rows[i - 1].r < rows[i].r;
  if (sorted) return rows;
  const byRow = new Map<number, RowCells>();
  for (const row of rows) {
    const seen = byRow.get(row.r);
    if (!seen) byRow.set(row.r, { r: row.r, cols: [...row.cols], vals: [...row.vals], fmts: [...row.fmts] });
    else {
      seen.cols.push(...row.cols);
      seen.vals.push(...row.vals);
      seen.fmts.push(...row.fmts);
    }
  }
  return [...byRow.values()].sort((a, b) => a.r - b.r);
}

/**
 * A host reports the cells a merged area covers as empty, whatever the file keeps in them: only the top-left
 * stays. One sweep down the rows (in order) with the merges that span the current row, sorted by first column,
 * so that a sheet with thousands of merged areas costs a binary search per cell, not a pass per merge.
 */
function clearCovered(rows: RowCells[], merges: MergedArea[]): void {
  if (!merges.length || !rows.length) return;
  const byTop = [...merges].sort((a, b) => a.r1 - b.r1);
  let next = 0;
  let active: MergedArea[] = [];
  let firstEnd = Infinity; // the lowest last row among the active merges: none expires before it
  for (const row of rows) {
    let changed = false;
    while (next < byTop.length && byTop[next].r1 <= row.r) {
      const m = byTop[next++];
      active.push(m);
      firstEnd = Math.min(firstEnd, m.r2);
      changed = true;
    }
    if (firstEnd < row.r) {
      active = active.filter((m) => m.r2 >= row.r);
      firstEnd = active.reduce((lo, m) => Math.min(lo, m.r2), Infinity);
      changed = true;
    }
    if (!active.length) continue;
    if (changed) active.sort((a, b) => a.c1 - b.c1);
    let kept = 0;
    for (let k = 0; k < row.cols.length; k++) {
      const c = row.cols[k];
      // the last merge starting at or left of c (valid merges do not overlap)
      let lo = 0;
      let hi = active.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (active[mid].c1 <= c) lo = mid + 1;
        else hi = mid;
      }
      const m = lo > 0 ? active[lo - 1] : null;
      if (m && c <= m.c2 && !(row.r === m.r1 && c === m.c1)) continue;
      row.cols[kept] = c;
      row.vals[kept] = row.vals[k];
      row.fmts[kept] = row.fmts[k];
      kept++;
    }
    if (kept !== row.cols.length) row.cols.length = row.vals.length = row.fmts.length = kept;
  }
}

/**
 * Every worksheet (hidden ones too, chart sheets left out) as a Grid: cached formula results, rich and inline
 * text as plain text, dates as serial numbers with their date format, merges, and the origin of the used range.
 * Throws FileReadError (Chinese message naming the file) for anything that is not a readable .xlsx.
 */
export async function readXlsx(data: Uint8Array | ArrayBuffer, name: string, limits: ReadLimits = READ_LIMITS): Promise<Workbook> {
  const bytes = toBytes(data);
  const parts = new Parts(bytes, inspectWorkbookZip(bytes, name), name);
  /** What is being read, for the message when it is damaged: a part, or a sheet by its name. */
  let reading = 'xl/workbook.xml';
  try {
    const book = parseWorkbook(parts.text(reading) ?? '');
    reading = 'xl/_rels/workbook.xml.rels';
    const relsXml = parts.text(reading);
    const rels = relsXml !== null ? parseRels(relsXml) : null;
    /** A part the workbook names must be there; one it does not name may be missing (a workbook without strings). */
    const named = (kind: string, usual: string): string | null => {
      for (const rel of rels?.values() ?? []) {
        if (!isType(rel, kind) || rel.external) continue;
        reading = resolveTarget('xl/', rel.target);
        const text = parts.text(reading);
        if (text === null) throw readError('corrupt', name, `缺少工作簿所列的部件 ${reading}`);
        return text;
      }
      reading = usual;
      return parts.text(usual);
    };
    const strings = parseSharedStrings(named('sharedStrings', 'xl/sharedStrings.xml') ?? '');
    const formats = parseCellFormats(named('styles', 'xl/styles.xml') ?? '');
    const ctx = { strings, formats, date1904: book.date1904 };

    const sheets: Grid[] = [];
    for (const sheet of book.sheets) {
      reading = `工作表“${sheet.name}”`;
      let path: string;
      if (rels) {
        const rel = sheet.rid !== null ? rels.get(sheet.rid) : undefined;
        if (!rel) throw readError('corrupt', name, `${reading}在工作簿关系中找不到（${sheet.rid ?? '没有 r:id'}）`);
        if (rel.type && !isType(rel, 'worksheet')) continue; // a chart sheet or dialog sheet holds no cells
        path = resolveTarget('xl/', rel.target);
      } else {
        path = `xl/worksheets/sheet${sheet.sheetId ?? sheets.length + 1}.xml`; // no relationships part at all
      }
      const xml = parts.text(path, reading);
      if (xml === null) throw readError('corrupt', name, `缺少${reading}的内容（${path}）`);
      const grid = gridOf(sheet, parseSheet(xml, ctx), limits);
      if (book.date1904) grid.date1904 = true;
      sheets.push(grid);
    }
    return { name, sheets };
  } catch (e) {
    if (isFileReadError(e)) throw e;
    const detail = e instanceof XmlError ? `${reading}：${e.message}` : undefined;
    throw readError('corrupt', name, detail);
  }
}
