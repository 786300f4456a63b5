/**
 * Finding tables by their header rows: which row is a header, which column holds what.
 * Nothing here depends on a fixed position: a header may sit on any row, start in any column,
 * span two rows (`完成情况` over `2022年 | 2023年`) or be written in merged cells.
 */
import { saysRate } from '../meaning/lexicon';
import type { SheetView } from './sheet';
import { headerRole, isNotesText, isTotalText, isTownship, numericYear, type HeaderRole } from './words';

export interface ValueCol {
  col: number;
  header: string;
  year: number | null;
  period: 'current' | 'previous' | null;
  percent: boolean;
  /** A `比率（%）` column beside the counts: it holds the figures of the rate rows only. */
  rates?: boolean;
  /** Townships as columns (`指标名称 | 周营镇 | 前营乡 | 合计`): the township of this column, `合计` for the total. */
  entity?: string;
  total?: boolean;
}

export interface SummaryCol {
  col: number;
  /** Header text (a two-row header joins parent and child). */
  header: string;
  parent: string | null;
}

export interface TableSpec {
  layout: 'rows' | 'years' | 'rates' | 'summary';
  headerRow: number;
  headerEnd: number;
  bodyStart: number;
  bodyEnd: number;
  labelCol: number | null;
  seqCol: number | null;
  unitCol: number | null;
  noteCol: number | null;
  categoryCol: number | null;
  valueCols: ValueCol[];
  numCol: number | null;
  denCol: number | null;
  rateCol: number | null;
  entityCol: number | null;
  summaryCols: SummaryCol[];
  /** Columns of this table when several stand side by side under one header row (`指标 | 数值 | 指标 | 数值`). */
  colStart?: number;
  colEnd?: number;
  /** The other tables of the same header row, to the right of this one. */
  siblings?: TableSpec[];
}

interface RoleCell {
  col: number;
  text: string;
  role: HeaderRole;
  /** Carried from a merge whose top-left is another cell. */
  covered: boolean;
}

function rolesOf(view: SheetView, r: number): RoleCell[] | null {
  const out: RoleCell[] = [];
  let numbers = 0;
  for (let c = view.colStart; c <= view.colEnd; c++) {
    const raw = view.covered(r, c) ? null : view.raw(r, c);
    const y = numericYear(raw);
    if (y !== null) {
      out.push({ col: c, text: String(y), role: { kind: 'value', year: y, period: null, percent: false }, covered: false });
      continue;
    }
    if (typeof raw === 'number') {
      numbers++;
      break; // a header holds words (and years), not figures
    }
    const t = view.filled(r, c);
    if (!t) continue;
    const role = headerRole(t);
    if (role) out.push({ col: c, text: t, role, covered: view.covered(r, c) });
  }
  // a header holds words (and years), not figures
  if (numbers > 0) return null;
  return out;
}

function townshipRows(view: SheetView, col: number, from: number): number {
  let n = 0;
  const end = Math.min(view.rowEnd, from + 80);
  for (let r = from; r <= end; r++) {
    const t = view.text(r, col);
    if (t && isTownship(t)) n++;
  }
  return n;
}

function first(cells: RoleCell[], kind: HeaderRole['kind']): number | null {
  const c = cells.find((x) => x.role.kind === kind);
  return c ? c.col : null;
}

/** Body cells present below a header in `col` (a few rows are enough). */
function hasBody(view: SheetView, col: number, from: number): boolean {
  const end = Math.min(view.rowEnd, from + 200);
  for (let r = from; r <= end; r++) if (view.text(r, col) !== '') return true;
  return false;
}

/** Is row `r` the header of a table? Returns the table with its body still open-ended. */
export function detectHeader(view: SheetView, r: number): TableSpec | null {
  const cells = rolesOf(view, r);
  if (!cells || cells.length < 2) return null;
  const distinct = new Set(cells.map((c) => c.text));
  if (distinct.size < 2) return null; // one merged title repeated over its columns
  if (cells.some((c) => isNotesText(c.text) && c.role.kind === 'other')) return null;
  const kinds = new Set(cells.map((c) => c.role.kind));
  const known = cells.filter((c) => c.role.kind !== 'other');
  if (known.length < 2) {
    // `单位 | 行政村数（个） | …` over township names is still a summary header
    const ent = cells.find((c) => c.role.kind === 'entity' || c.role.kind === 'unit-or-entity' || c.role.kind === 'label');
    const townCols = cells.filter((c) => c.role.kind === 'other' && !c.covered && isTownship(c.text)).length;
    if (!ent || (townshipRows(view, ent.col, r + 1) < 2 && !(ent.role.kind === 'label' && townCols >= 2))) return null;
  }

  let headerEnd = r;
  // a second header row under this one (years or 分子/分母 under a merged `完成情况`)
  const next = r + 1 <= view.rowEnd ? rolesOf(view, r + 1) : null;
  if (next && next.length > 0) {
    const specific = next.filter(
      (c) =>
        (c.role.kind === 'value' && (c.role.year !== null || c.role.period !== null)) ||
        c.role.kind === 'numerator' ||
        c.role.kind === 'denominator' ||
        c.role.kind === 'rate',
    );
    const labelish = next.some((c) => c.role.kind === 'other' && !view.covered(r + 1, c.col) && cells.some((h) => h.col === c.col && (h.role.kind === 'label' || h.role.kind === 'category')));
    if (specific.length > 0 && !labelish) {
      for (const s of specific) {
        const i = cells.findIndex((c) => c.col === s.col);
        if (i >= 0) cells[i] = s;
        else cells.push(s);
        kinds.add(s.role.kind);
      }
      cells.sort((a, b) => a.col - b.col);
      headerEnd = r + 1;
    }
  }
  // summary: a second row of indicator names under merged group headers (`信访案件` over `受理数 | 化解数`)
  let parents: Map<number, string> | null = null;
  if (headerEnd === r && next && next.length > 0) {
    const under = next.filter((c) => c.role.kind === 'other' && !c.covered && cells.some((h) => h.col === c.col && (h.covered || wideTopLeft(view, r, h.col))));
    const hasTownship = next.some((c) => isTownship(c.text));
    const summaryBelow = cells.some(
      (c) => (c.role.kind === 'entity' || c.role.kind === 'unit-or-entity' || c.role.kind === 'label') && townshipRows(view, c.col, r + 2) >= 2,
    );
    if (under.length >= 2 && !hasTownship && summaryBelow) {
      parents = new Map();
      for (const u of under) {
        const i = cells.findIndex((c) => c.col === u.col);
        const parentText = i >= 0 ? cells[i].text : '';
        parents.set(u.col, parentText);
        if (i >= 0) cells[i] = u;
        else cells.push(u);
      }
      cells.sort((a, b) => a.col - b.col);
      headerEnd = r + 1;
    }
  }
  const bodyStart = headerEnd + 1;

  const spec: TableSpec = {
    layout: 'rows',
    headerRow: r,
    headerEnd,
    bodyStart,
    bodyEnd: view.rowEnd,
    labelCol: first(cells, 'label'),
    seqCol: first(cells, 'seq'),
    unitCol: first(cells, 'unit'),
    noteCol: first(cells, 'note'),
    categoryCol: first(cells, 'category'),
    valueCols: [],
    numCol: first(cells, 'numerator'),
    denCol: first(cells, 'denominator'),
    rateCol: null,
    entityCol: null,
    summaryCols: [],
  };

  // (b) rates: 分子 | 分母 | 比率
  if (spec.numCol !== null && spec.denCol !== null) {
    spec.layout = 'rates';
    const rate =
      cells.find((c) => c.role.kind === 'rate' || (c.role.kind === 'value' && c.role.percent)) ??
      cells.find((c) => c.role.kind === 'other' && c.col > Math.max(spec.numCol ?? 0, spec.denCol ?? 0) && saysRate(c.text));
    spec.rateCol = rate ? rate.col : null;
    if (spec.labelCol === null) spec.labelCol = guessLabelCol(view, cells, spec, bodyStart);
    if (spec.unitCol === null) spec.unitCol = first(cells, 'unit-or-entity');
    return spec;
  }

  // (d) summary: one row per township
  const entityCands = cells.filter((c) => c.role.kind === 'entity' || c.role.kind === 'unit-or-entity' || c.role.kind === 'label');
  let entityCol: number | null = null;
  for (const c of entityCands) {
    const n = townshipRows(view, c.col, bodyStart);
    if (n >= 2 || (n >= 1 && c.role.kind === 'entity')) {
      entityCol = c.col;
      break;
    }
  }
  if (entityCol === null && !kinds.has('label')) {
    // no header word for it: the first columns hold township names
    const cols = cells.filter((c) => c.role.kind !== 'seq').slice(0, 2);
    for (const c of cols) if (townshipRows(view, c.col, bodyStart) >= 2) entityCol = c.col;
  }
  if (entityCol !== null) {
    const cols: SummaryCol[] = [];
    for (const c of cells) {
      if (c.col === entityCol) continue;
      const k = c.role.kind;
      if (k === 'seq' || k === 'note' || k === 'ignore' || k === 'entity' || k === 'category') continue;
      if (c.covered && !parents?.has(c.col)) continue;
      const parentText = parents?.get(c.col) ?? '';
      cols.push({ col: c.col, header: c.text, parent: parentText && parentText !== c.text ? parentText : null });
    }
    if (cols.length > 0) {
      spec.layout = 'summary';
      spec.entityCol = entityCol;
      spec.summaryCols = cols;
      spec.labelCol = null;
      spec.unitCol = null;
      return spec;
    }
  }

  // (a)/(c) rows and years
  const labelish = kinds.has('label') || kinds.has('seq') || kinds.has('category') || kinds.has('entity');
  if (!labelish) {
    // `指标 | 2022年 | 2023年` without a label word still needs years or a 单位 column to count
    const years = cells.filter((c) => c.role.kind === 'value' && (c.role.year !== null || c.role.period !== null));
    if (years.length < 2 && !(years.length >= 1 && kinds.has('unit-or-entity'))) return null;
  }
  if (parents) return null; // group headers over names only make sense in a summary
  if (spec.unitCol === null) spec.unitCol = first(cells, 'unit-or-entity');
  for (const c of cells) {
    if (c.role.kind !== 'value' || c.covered) continue;
    spec.valueCols.push({ col: c.col, header: c.text, year: c.role.year, period: c.role.period, percent: c.role.percent });
  }
  // townships as COLUMNS (`指标名称 | 单位 | 周营镇 | 前营乡 | … | 合计`): one value column per township, the
  // 合计 column is the total — the transposed county summary
  const labelAt = spec.labelCol ?? first(cells, 'label') ?? -1;
  const towns = cells.filter((c) => c.role.kind === 'other' && !c.covered && c.col > labelAt && isTownship(c.text));
  if (towns.length >= 2) {
    spec.valueCols = [];
    for (const c of cells) {
      if (c.covered || c.col <= labelAt) continue;
      if (towns.includes(c)) spec.valueCols.push({ col: c.col, header: c.text, year: null, period: null, percent: false, entity: c.text });
      else if (isTotalText(c.text)) spec.valueCols.push({ col: c.col, header: c.text, year: null, period: null, percent: false, entity: '合计', total: true });
    }
  }
  if (spec.valueCols.length > 0) {
    // `项目 | 内容 | 数量`: of several label columns left of the figures, the one next to them names the row,
    // the first one groups rows (a category, usually merged down its group)
    const firstValue = spec.valueCols[0].col;
    const labels = cells.filter((c) => c.role.kind === 'label' && !c.covered && c.col < firstValue);
    if (labels.length >= 2) {
      spec.labelCol = labels[labels.length - 1].col;
      if (spec.categoryCol === null) spec.categoryCol = labels[0].col;
    }
  }
  if (spec.valueCols.length === 0) {
    // `项目 | 内容`: the second label-like column holds the values
    const labels = cells.filter((c) => c.role.kind === 'label' && !c.covered);
    if (labels.length >= 2) {
      spec.labelCol = labels[0].col;
      spec.valueCols.push({ col: labels[1].col, header: labels[1].text, year: null, period: null, percent: false });
    }
  }
  if (spec.valueCols.length === 0) {
    // no value word: the first unnamed column right of the unit (or label) column with figures below
    const after = spec.unitCol ?? spec.labelCol;
    if (after === null) return null;
    for (let c = after + 1; c <= view.colEnd; c++) {
      const role = cells.find((x) => x.col === c)?.role.kind;
      if (role && role !== 'other') continue;
      if (hasBody(view, c, bodyStart)) {
        spec.valueCols.push({ col: c, header: view.filled(r, c), year: null, period: null, percent: false });
        break;
      }
    }
    if (spec.valueCols.length === 0) return null;
  }
  // `指标名称 | 人数（人） | 比率（%）`: the rate rows write their figure in the rate column
  for (const c of cells) {
    if (c.role.kind !== 'rate' || c.covered || spec.valueCols.some((v) => v.col === c.col)) continue;
    spec.valueCols.push({ col: c.col, header: c.text, year: null, period: null, percent: true, rates: true });
  }
  if (spec.labelCol === null) spec.labelCol = guessLabelCol(view, cells, spec, bodyStart);
  if (spec.labelCol === null && spec.unitCol === null && spec.seqCol === null) return null;
  spec.layout = spec.valueCols.length >= 2 && spec.valueCols.some((v) => v.year !== null || v.period !== null) ? 'years' : 'rows';
  return sideBySide(spec, cells, view) ?? spec;
}

/**
 * `指标名称 | 数值 | 指标名称 | 数值` (or `序号 | 指标 | 单位 | 数值 | 序号 | 指标 | 单位 | 数值`): two or more lists
 * printed side by side under one header row. Each block is a table of its own, with its own label, unit and
 * value columns, so that a figure on the right is never read as the value of the label on the left.
 */
function sideBySide(spec: TableSpec, cells: RoleCell[], view: SheetView): TableSpec | null {
  const labels = cells.filter((c) => c.role.kind === 'label' && !c.covered);
  if (labels.length < 2 || spec.valueCols.some((v) => v.entity !== undefined || v.rates)) return null;
  const starts: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const prevLabel = i > 0 ? labels[i - 1].col : -1;
    // a 序号 column right before the label starts the block
    const seq = cells.filter((c) => c.role.kind === 'seq' && c.col < labels[i].col && c.col > prevLabel && !spec.valueCols.some((v) => v.col > c.col && v.col < labels[i].col));
    starts.push(seq.length ? seq[seq.length - 1].col : labels[i].col);
  }
  const blocks = labels.map((l, i) => ({ label: l.col, start: i === 0 ? view.colStart : starts[i], end: i + 1 < labels.length ? starts[i + 1] - 1 : view.colEnd }));
  const valuesIn = (b: { label: number; end: number }) => spec.valueCols.filter((v) => v.col > b.label && v.col <= b.end);
  if (!blocks.every((b) => valuesIn(b).length > 0)) return null;
  const inside = (kind: HeaderRole['kind'], b: { start: number; end: number }) =>
    cells.find((c) => c.role.kind === kind && c.col >= b.start && c.col <= b.end)?.col ?? null;
  const specs = blocks.map((b): TableSpec => {
    const valueCols = valuesIn(b);
    return {
      ...spec,
      labelCol: b.label,
      seqCol: inside('seq', b),
      unitCol: inside('unit', b) ?? inside('unit-or-entity', b),
      noteCol: inside('note', b),
      categoryCol: inside('category', b),
      valueCols,
      layout: valueCols.length >= 2 && valueCols.some((v) => v.year !== null || v.period !== null) ? 'years' : 'rows',
      colStart: b.start,
      colEnd: b.end,
    };
  });
  return { ...specs[0], siblings: specs.slice(1) };
}

/** The column left of the figures that holds the most text below the header. */
function guessLabelCol(view: SheetView, cells: RoleCell[], spec: TableSpec, bodyStart: number): number | null {
  const taken = new Set<number>(
    [spec.seqCol, spec.unitCol, spec.noteCol, spec.numCol, spec.denCol, spec.rateCol, ...spec.valueCols.map((v) => v.col)].filter(
      (x): x is number => x !== null,
    ),
  );
  const firstFigure = Math.min(...[...taken].filter((c) => c !== spec.seqCol && c !== spec.noteCol), view.colEnd + 1);
  let best: number | null = null;
  let bestN = 0;
  const end = Math.min(view.rowEnd, bodyStart + 100);
  for (let c = view.colStart; c < firstFigure; c++) {
    if (taken.has(c)) continue;
    const role = cells.find((x) => x.col === c)?.role.kind;
    if (role === 'ignore' || role === 'category') continue;
    let n = 0;
    for (let r = bodyStart; r <= end; r++) {
      const t = view.text(r, c);
      if (t && typeof view.raw(r, c) === 'string' && !isTotalText(t)) n++;
    }
    if (n > bestN) {
      bestN = n;
      best = c;
    }
  }
  return best;
}

/** All tables of a sheet, in row order; each body ends where the next header begins. */
export function findTables(view: SheetView): TableSpec[] {
  const out: TableSpec[] = [];
  for (let r = view.rowStart; r <= view.rowEnd; r++) {
    const ne = view.nonEmpty(r);
    if (ne.length < 2 && !hasWideMerge(view, r)) continue;
    const t = detectHeader(view, r);
    if (!t) continue;
    for (const prev of out) if (prev.bodyEnd >= r) prev.bodyEnd = r - 1;
    out.push(t, ...(t.siblings ?? []));
    r = t.headerEnd;
  }
  return out;
}

function wideTopLeft(view: SheetView, r: number, c: number): boolean {
  const m = view.mergeAt(r, c);
  return !!m && m.r1 === r && m.c1 === c && m.c2 > m.c1;
}

function hasWideMerge(view: SheetView, r: number): boolean {
  return view.wideRows.has(r);
}
