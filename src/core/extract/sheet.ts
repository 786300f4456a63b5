/**
 * A read-only view of one Grid in absolute sheet coordinates, merge-aware.
 * `raw`/`text` give what the cell itself holds (a merged value only in its top-left cell);
 * `filled` gives the merged value in every covered cell too (for headers and category columns).
 */
import type { Cell, Grid, MergedArea } from '../types';
import { cellText } from '../value';

/** Text of a raw cell, never throws (a malformed cell reads as ''). */
export function safeText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  try {
    const t = cellText(cell as Cell);
    return typeof t === 'string' ? t.trim() : '';
  } catch {
    // cellText does not throw (see there); should it, the cell's own primitive value is still read, not dropped
    if (typeof cell === 'string') return cell.trim();
    if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
    if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
    if (typeof cell === 'object' && typeof (cell as { error?: unknown }).error === 'string') return (cell as { error: string }).error;
    return '';
  }
}

/** Whitespace of any kind removed (headers are often written `指 标` or `指标\n名称`). */
export function squeeze(s: string): string {
  return s.replace(/[\s\u3000\u00a0]+/g, '');
}

export class SheetView {
  readonly name: string;
  /** Absolute row/col of rows[0][0]. */
  readonly r0: number;
  readonly c0: number;
  /** Number of rows / columns held (columns = longest row). */
  readonly nRows: number;
  readonly nCols: number;
  private readonly grid: Grid;
  /** Covered cell (relative index r*nCols+c) → its merged area (top-left inside the grid). */
  private readonly cover = new Map<number, MergedArea>();
  /** Rows crossed by a merge that spans several columns. */
  readonly wideRows = new Set<number>();
  /** The workbook's dates count from 1904 (Grid.date1904). */
  readonly date1904: boolean;

  constructor(grid: Grid) {
    this.grid = grid;
    this.name = typeof grid.name === 'string' ? grid.name : String(grid.name ?? '');
    this.date1904 = grid.date1904 === true;
    const o = grid.origin;
    this.r0 = o && Number.isInteger(o.row) && o.row >= 0 ? o.row : 0;
    this.c0 = o && Number.isInteger(o.col) && o.col >= 0 ? o.col : 0;
    const rows = Array.isArray(grid.rows) ? grid.rows : [];
    this.nRows = rows.length;
    let nc = 0;
    for (const r of rows) if (Array.isArray(r) && r.length > nc) nc = r.length;
    this.nCols = nc;
    for (const m of Array.isArray(grid.merges) ? grid.merges : []) {
      if (!m || ![m.r1, m.c1, m.r2, m.c2].every((x) => Number.isInteger(x))) continue;
      const r1 = Math.min(m.r1, m.r2);
      const r2 = Math.max(m.r1, m.r2);
      const c1 = Math.min(m.c1, m.c2);
      const c2 = Math.max(m.c1, m.c2);
      if (!this.inside(r1, c1)) continue; // its value would sit outside what we hold
      const area = { r1, c1, r2, c2 };
      const rEnd = Math.min(r2, this.r0 + this.nRows - 1);
      if (c2 > c1) for (let r = r1; r <= rEnd; r++) this.wideRows.add(r);
      const cEnd = Math.min(c2, this.c0 + this.nCols - 1);
      for (let r = r1; r <= rEnd; r++) {
        for (let c = c1; c <= cEnd; c++) {
          if (r === r1 && c === c1) continue;
          const k = this.key(r, c);
          if (!this.cover.has(k)) this.cover.set(k, area);
        }
      }
      // the top-left itself also knows its area
      const k0 = this.key(r1, c1);
      if (!this.cover.has(k0)) this.cover.set(k0, area);
    }
  }

  /** First / last absolute row and column held. */
  get rowStart(): number {
    return this.r0;
  }
  get rowEnd(): number {
    return this.r0 + this.nRows - 1;
  }
  get colStart(): number {
    return this.c0;
  }
  get colEnd(): number {
    return this.c0 + this.nCols - 1;
  }

  inside(r: number, c: number): boolean {
    return r >= this.r0 && r < this.r0 + this.nRows && c >= this.c0 && c < this.c0 + this.nCols;
  }

  private key(r: number, c: number): number {
    return (r - this.r0) * (this.nCols + 1) + (c - this.c0);
  }

  /** The raw value held at an absolute position (null outside or missing). */
  raw(r: number, c: number): Cell {
    if (!this.inside(r, c)) return null;
    const row = this.grid.rows[r - this.r0];
    if (!Array.isArray(row)) return null;
    const v = row[c - this.c0];
    return v === undefined ? null : v;
  }

  format(r: number, c: number): string | null {
    if (!this.inside(r, c)) return null;
    const row = this.grid.formats?.[r - this.r0];
    if (!Array.isArray(row)) return null;
    const f = row[c - this.c0];
    return typeof f === 'string' ? f : null;
  }

  /** Trimmed display text of the cell itself. */
  text(r: number, c: number): string {
    const v = this.raw(r, c);
    if (v === null) return '';
    if (typeof v === 'string') return v.trim();
    return safeText(v);
  }

  /** The merged area this cell belongs to (as top-left or covered), if any. */
  mergeAt(r: number, c: number): MergedArea | undefined {
    if (!this.inside(r, c)) return undefined;
    return this.cover.get(this.key(r, c));
  }

  /** True when the cell is covered by a merge and is not its top-left. */
  covered(r: number, c: number): boolean {
    const m = this.mergeAt(r, c);
    return !!m && !(m.r1 === r && m.c1 === c);
  }

  /** Text, with covered cells carrying their merge's top-left text. */
  filled(r: number, c: number): string {
    const m = this.mergeAt(r, c);
    if (m && !(m.r1 === r && m.c1 === c)) return this.text(m.r1, m.c1);
    return this.text(r, c);
  }

  /**
   * A row whose non-empty cells all repeat one text: a merged title, section heading or text item that WPS's
   * "取消合并并填充内容" (or Excel's unmerge, then fill) copied into every cell it covered. Gives the text and the
   * first cell of the run (where the merge's top-left was), or null. At least two cells must repeat it; one cell
   * before the run may hold a sequence mark (`1`, `（2）`: the item number of a merged text row). Only text counts:
   * a row of equal figures is figures. Columns `from`–`to` only (a table beside another).
   */
  repeatedRun(r: number, from = this.colStart, to = this.colEnd): { text: string; col: number } | null {
    let text: string | null = null;
    let col = -1;
    let n = 0;
    let lead = 0;
    for (const c of this.nonEmpty(r)) {
      if (c < from || c > to) continue;
      const raw = this.raw(r, c);
      const t = this.text(r, c);
      if (text === null && n === 0 && lead === 0 && /^([（(]?\d{1,3}[)）]?[、.．]?|[①②③④⑤⑥⑦⑧⑨⑩])$/.test(t.replace(/\s+/g, ''))) {
        lead++;
        continue;
      }
      if (typeof raw !== 'string') return null;
      if (text === null) {
        text = t;
        col = c;
      } else if (t !== text) return null;
      n++;
    }
    return text !== null && n >= 2 ? { text, col } : null;
  }

  /** Absolute columns of the row's non-empty cells (own text, not merge-filled). */
  /** How many cells row `r` holds (its length as read; ragged rows are short), 0 outside the sheet. */
  rowLength(r: number): number {
    if (r < this.r0 || r > this.rowEnd) return 0;
    const row = this.grid.rows[r - this.r0];
    return Array.isArray(row) ? Math.min(row.length, this.nCols) : 0;
  }

  nonEmpty(r: number): number[] {
    const out: number[] = [];
    if (r < this.r0 || r > this.rowEnd) return out;
    const row = this.grid.rows[r - this.r0];
    if (!Array.isArray(row)) return out;
    for (let i = 0; i < row.length; i++) {
      const c = this.c0 + i;
      if (this.text(r, c) !== '') out.push(c);
    }
    return out;
  }
}
