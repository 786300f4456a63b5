/** Grid literals for the extraction tests: rows as written, merges as A1 ranges on the sheet. */
import { parseA1 } from '../../src/core/address';
import type { Cell, Grid, MergedArea, Observation } from '../../src/core/types';

export interface GridOpts {
  /** Number formats by absolute A1 cell, e.g. { D6: '0%' }. */
  formats?: Record<string, string>;
  /** Merged areas as absolute A1 ranges, e.g. ['A1:E1']. */
  merges?: string[];
  /** Where rows[0][0] sits, as an A1 cell (default A1). */
  origin?: string;
  visibility?: Grid['visibility'];
}

function range(r: string): MergedArea {
  const [a, b] = r.split(':');
  const p = parseA1(a)!;
  const q = parseA1(b ?? a)!;
  return { r1: p.row, c1: p.col, r2: q.row, c2: q.col };
}

export function grid(name: string, rows: Cell[][], opts: GridOpts = {}): Grid {
  const origin = opts.origin ? parseA1(opts.origin)! : { row: 0, col: 0 };
  const g: Grid = { name, rows };
  if (opts.origin) g.origin = { row: origin.row, col: origin.col };
  if (opts.merges) g.merges = opts.merges.map(range);
  if (opts.visibility) g.visibility = opts.visibility;
  if (opts.formats) {
    const f: (string | null)[][] = rows.map((row) => row.map(() => null));
    for (const [cell, fmt] of Object.entries(opts.formats)) {
      const p = parseA1(cell)!;
      const r = p.row - origin.row;
      const c = p.col - origin.col;
      while (f.length <= r) f.push([]);
      while (f[r].length <= c) f[r].push(null);
      f[r][c] = fmt;
    }
    g.formats = f;
  }
  return g;
}

/** The observation at a sheet cell (the test fails clearly when there is none). */
export function at(obs: Observation[], sheet: string, cell: string): Observation {
  const o = obs.find((x) => x.sheet === sheet && x.cell === cell);
  if (!o) throw new Error(`no observation at ${sheet}!${cell}; have ${obs.map((x) => `${x.sheet}!${x.cell}=${x.indicator}`).join(', ')}`);
  return o;
}

export function byIndicator(obs: Observation[], id: string): Observation[] {
  return obs.filter((o) => o.indicator === id);
}
