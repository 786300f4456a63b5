/**
 * Reading the body of each table layout:
 *  (a) rows    — one indicator per row, section rows set the section, sub-rows resolve with their parent;
 *  (b) rates   — 分子 | 分母 | 比率: three observations per rate row;
 *  (c) years   — several year columns: current / previous / other;
 *  (d) summary — one row per township, one column per indicator;
 * plus the header-less fallback (label, [unit], value, [note] per row).
 */
import { a1 } from '../address';
import { saysRate } from '../meaning/lexicon';
import { rateRelation } from '../catalog';
import { headingLevel, sectionOfHeading, unitInLabel } from '../match';
import type { Catalog, IndicatorDef, Observation, Period, SectionId, TextItem, UnknownFigure, UnknownLabel } from '../types';
import { parseValue } from '../value';
import type { TableSpec, ValueCol } from './header';
import type { LabelMatch, MatchContext } from '../match';
import type { LabelMapping } from '../meaning/mapping';
import { observe, observeUnknown, place, unitFits } from './observe';
import type { SheetView } from './sheet';
import { squeeze } from './sheet';
import {
  cleanUnitName,
  identityKey,
  isNotesText,
  isSeqOnly,
  isShortWord,
  isTotalText,
  stripNumbering,
  subRowLabel,
  UNIT_WORDS,
} from './words';

export interface Acc {
  catalog: Catalog;
  defs: Map<string, IndicatorDef>;
  reportYear: number | null;
  observations: Observation[];
  texts: Omit<TextItem, 'order'>[];
  unknown: UnknownLabel[];
  headings: { text: string; sheet: string; cell: string }[];
  /** `sheet\0row` of rows read as identity. */
  identityRows: Set<string>;
  /** Sub-catalogs of the parts of an indicator (cache for sub-rows). */
  parts: Map<string, Catalog | null>;
  /** The user's placements (指标对照, --mapping), consulted before any reading. */
  mappings: LabelMapping[];
}

export interface SheetState {
  section: SectionId | null;
  /** The section row's own words (`（一）信访工作`): they can name the object of the rows below. */
  sectionText?: string;
  /** Labels of the rows just read in this table, nearest first: a rate row after its counts takes their object. */
  prev?: string[];
  /** The last main (non-sub) indicator row, the parent of `其中：…` rows. */
  parent: { label: string; id: string } | null;
  /** Text of the category column on the previous row. */
  category?: string;
}

/** Indicators that can sit under `id` as its sub-rows: its parts, the parts of its sum, the rates over it. */
function partsOf(acc: Acc, id: string): Catalog | null {
  const cached = acc.parts.get(id);
  if (cached !== undefined) return cached;
  const ids = new Set<string>();
  for (const rel of acc.catalog.relations) {
    if (rel.kind === 'part-of' && rel.whole === id) ids.add(rel.part);
    if (rel.kind === 'sum' && rel.total === id) rel.parts.forEach((p) => ids.add(p));
    if (rel.kind === 'rate' && rel.denominator === id) ids.add(rel.rate);
  }
  const defs = acc.catalog.indicators.filter((d) => ids.has(d.id));
  const cat = defs.length ? { version: `${acc.catalog.version}/parts-of-${id}`, indicators: defs, relations: [] } : null;
  acc.parts.set(id, cat);
  return cat;
}

/**
 * Place a row label. A sub-row (`其中：化解数`, an indented `受理数`) or a bare generic word under a parent row
 * is read as a part of that parent first, then together with the parent's words, then alone.
 */
function placeRow(acc: Acc, label: string, section: SectionId | null, parent: SheetState['parent'], isSub: boolean, more: MatchContext = {}): LabelMatch {
  const alone = place(label, acc.catalog, { section, ...more });
  if (!parent || (alone.id !== null && alone.via === 'user')) return alone;
  const generic = isShortWord(label);
  if (!isSub && !generic) return alone;
  // a short label that names an indicator exactly (`法律顾问` under `行政村`) keeps it, unless the parent's words
  // together with it name another one exactly (`矛盾纠纷` + `化解率`)
  const exact = (m: LabelMatch) => m.id !== null && m.score >= 1;
  const keep = !isSub && exact(alone);
  const parts = parent.id ? partsOf(acc, parent.id) : null;
  if (parts) {
    // a sub-row is a breakdown of its parent (`法律顾问` › `其中：村（社区）` counts 法律顾问 of the villages)
    const m = place(label, parts, { section, ...more, ...(isSub ? { parent: parent.label, sub: true } : {}) });
    if (m.id !== null && (!keep || exact(m))) return m;
  }
  if (keep) {
    const w = place(label, acc.catalog, { section, ...more, parent: parent.label });
    return exact(w) ? w : alone;
  }
  const withParent = place(label, acc.catalog, { section, ...more, parent: parent.label });
  // the parent itself only when the words together name it exactly (`矛盾纠纷` + `受理数`), not by containment
  if (withParent.id !== null && (withParent.id !== parent.id || withParent.score >= 1)) return withParent;
  if (alone.id !== null && alone.id !== parent.id) return alone;
  return withParent.id !== null ? withParent : alone;
}

/**
 * The unit written in the row's 单位 column, if any. The label itself there is no unit: a label merged across
 * the 单位 column whose text was copied into it (WPS 取消合并并填充内容).
 */
function rowUnit(view: SheetView, r: number, cols: RowCols): string | null {
  if (cols.unitCol === null) return null;
  const written = squeeze(view.text(r, cols.unitCol));
  if (cols.labelCol !== null && cols.labelCol !== cols.unitCol && written === squeeze(view.text(r, cols.labelCol))) return null;
  const t = written.replace(/^[（(]|[)）]$/g, '');
  return t && !isDash(t) ? t : null;
}

/**
 * The row's unit picks the indicator among those the label names: `执法业务培训 | 人次` is 执法业务培训人次, not
 * 执法业务培训场次 (a label merged over a 场 row and a 人次 row, or written twice).
 */
function withUnit(acc: Acc, m: LabelMatch, label: string, unit: string | null, section: SectionId | null): LabelMatch {
  if (m.id === null || !unit || m.via === 'user') return m;
  const def = acc.defs.get(m.id);
  if (!def || def.kind === 'rate' || unitFits(def, unit)) return m;
  for (const words of [`${label}${unit}`, `${label}${unit}数`]) {
    const other = place(words, acc.catalog, { section });
    const od = other.id !== null ? acc.defs.get(other.id) : undefined;
    if (od && od.id !== def.id && unitFits(od, unit)) return other;
  }
  return m;
}

const TEXT_SECTIONS = new Set<SectionId>(['shortcomings', 'plans']);

/** Level-1/2 numbering (`一、`, `（一）`, `第一部分`) always makes a row a heading when it holds no figure. */
function strongNumbering(text: string): boolean {
  const h = headingLevel(text);
  return h.style === '一、' || h.style === '（一）' || /^\s*第[一二三四五六七八九十]+部分/.test(text);
}

function isDash(t: string): boolean {
  return /^[-—–/／\\\s]*$/.test(t);
}

/** Where a value column's figures belong in time. */
export function periodOf(vc: ValueCol, reportYear: number | null, single: boolean): { year: number | null; period: Period } {
  if (vc.period === 'current') return { year: reportYear, period: 'current' };
  if (vc.period === 'previous') return { year: reportYear !== null ? reportYear - 1 : null, period: 'previous' };
  if (vc.year === null) return { year: reportYear, period: 'current' };
  if (reportYear === null) return { year: vc.year, period: single ? 'current' : 'other' };
  if (vc.year === reportYear) return { year: vc.year, period: 'current' };
  if (vc.year === reportYear - 1) return { year: vc.year, period: 'previous' };
  return { year: vc.year, period: 'other' };
}

export interface RowCols {
  /** Columns of the table when several stand side by side; cells outside are another table's. */
  colRange?: [number, number];
  labelCol: number | null;
  valueCols: { col: number; header: string; percent: boolean; period: Period; resolvedYear: number | null; rates?: boolean; entity?: string; total?: boolean }[];
  unitCol: number | null;
  noteCol: number | null;
  seqCol: number | null;
  categoryCol: number | null;
}

/** The row's unit: its 单位 column (`rowUnit`, read once per row), else what the label says (`金额（万元）`). */
/**
 * The scale a value column's header gives its figures (`数值（万份）`, `金额（万元）`), when the row itself says no unit:
 * only a 万 unit, which changes the figure; a plain unit in a header over rows of many indicators (`数量（件）`) is not
 * taken as every row's unit.
 */
function headerUnit(vc: { header?: string; percent: boolean }): string | null {
  const u = vc.percent || !vc.header ? null : unitInLabel(vc.header);
  return u && u.startsWith('万') ? u : null;
}

function unitFrom(columnUnit: string | null, label: string): string | null {
  if (columnUnit !== null) return columnUnit === '％' ? '%' : columnUnit;
  return unitInLabel(label);
}

function pushHeading(acc: Acc, view: SheetView, st: SheetState, text: string, r: number, c: number): void {
  acc.headings.push({ text, sheet: view.name, cell: a1(r, c) });
  const sec = sectionOfHeading(text);
  if (sec) st.section = sec;
  else if (strongNumbering(text) && headingLevel(text).style === '一、') st.section = null;
  // the section row is the parent of generic labels below it (`（一）信访案件` over `受理数`)
  const bare = stripNumbering(text).trim();
  st.parent = bare ? { label: bare, id: '' } : null;
  st.sectionText = bare || undefined;
  st.prev = [];
}

function pushText(acc: Acc, view: SheetView, section: SectionId, text: string, r: number, c: number): void {
  const t = stripNumbering(text).trim();
  if (!t) return;
  acc.texts.push({ section, text: t, sheet: view.name, cell: a1(r, c) });
}

/** An item number (`1`, `2.`, `（3）`, `①`) left of the label: the row is a list item, not a section heading (`七、`). */
function itemNumberLeft(view: SheetView, r: number, lc: number, from = view.colStart): boolean {
  for (let c = from; c < lc; c++) {
    const raw = view.raw(r, c);
    if (typeof raw === 'number') return Number.isInteger(raw) && raw > 0 && raw < 1000;
    const t = squeeze(view.text(r, c));
    if (!t) continue;
    return /^([（(]?\d{1,3}[)）]?[、.．]?|[①②③④⑤⑥⑦⑧⑨⑩])$/.test(t);
  }
  return false;
}

const inRange = (cols: RowCols, c: number): boolean => !cols.colRange || (c >= cols.colRange[0] && c <= cols.colRange[1]);

/** The label cell of a row: the label column, else the first text cell that is not a figure, unit, note or sequence mark. */
function labelCell(view: SheetView, r: number, cols: RowCols, exclude: Set<number>): number | null {
  if (cols.labelCol !== null && !view.covered(r, cols.labelCol)) {
    const t = view.text(r, cols.labelCol);
    if (t && !isSeqOnly(t) && typeof view.raw(r, cols.labelCol) === 'string') return cols.labelCol;
  }
  for (const c of view.nonEmpty(r)) {
    if (exclude.has(c) || !inRange(cols, c)) continue;
    const raw = view.raw(r, c);
    if (typeof raw !== 'string') continue;
    const t = view.text(r, c);
    if (isSeqOnly(t)) continue;
    return c;
  }
  // a label merged down over this row (`执法业务培训` over its 场 and 人次 rows)
  if (cols.labelCol !== null && view.covered(r, cols.labelCol)) {
    const m = view.mergeAt(r, cols.labelCol);
    if (m && m.r1 < r && m.c1 === cols.labelCol && m.c2 === cols.labelCol && typeof view.raw(m.r1, m.c1) === 'string') return cols.labelCol;
  }
  return null;
}

/** `acc.identityRows` (`sheet\0row` keys) as row numbers per sheet, worked out once per set. */
const identityRowsBySheet = new WeakMap<Set<string>, Map<string, Set<number>>>();

/** Was row `r` of this sheet read as identity (单位名称, 报告年度 …)? */
export function isIdentityRow(acc: Acc, view: SheetView, r: number): boolean {
  let bySheet = identityRowsBySheet.get(acc.identityRows);
  if (!bySheet) {
    bySheet = new Map();
    for (const k of acc.identityRows) {
      const cut = k.lastIndexOf('\u0000');
      const sheet = k.slice(0, cut);
      const rows = bySheet.get(sheet) ?? new Set<number>();
      rows.add(Number(k.slice(cut + 1)));
      bySheet.set(sheet, rows);
    }
    identityRowsBySheet.set(acc.identityRows, bySheet);
  }
  return bySheet.get(view.name)?.has(r) ?? false;
}

interface ColsFacts {
  /** Columns that never hold a row's label: the figures, unit, note and category columns. */
  exclude: Set<number>;
  /** A `比率（%）` column beside the counts (rate rows only) and the other value columns. */
  rateCols: RowCols['valueCols'];
  countCols: RowCols['valueCols'];
}

/** What every row of a table shares, worked out once per table. */
const colsFacts = new WeakMap<RowCols, ColsFacts>();

function factsOf(cols: RowCols): ColsFacts {
  let f = colsFacts.get(cols);
  if (!f) {
    f = {
      exclude: new Set<number>([...cols.valueCols.map((v) => v.col), ...[cols.unitCol, cols.noteCol, cols.categoryCol].filter((x): x is number => x !== null)]),
      rateCols: cols.valueCols.filter((v) => v.rates),
      countCols: cols.valueCols.filter((v) => !v.rates),
    };
    colsFacts.set(cols, f);
  }
  return f;
}

/**
 * One row of a rows/years table (or of a header-less sheet, with per-row columns).
 * Returns what the row was read as, for the header-less sheet's plausibility check.
 */
export function readRow(acc: Acc, view: SheetView, r: number, cols: RowCols, st: SheetState): 'obs' | 'heading' | 'text' | 'unknown' | 'skip' {
  if (isIdentityRow(acc, view, r)) return 'skip';
  // a merged row whose text was copied into every cell it covered (WPS 取消合并并填充内容) is read as that merged
  // row: its text at the run's first cell, the copies in the value columns are not figures
  const run = view.repeatedRun(r, cols.colRange?.[0], cols.colRange?.[1]);
  const lc = run ? run.col : labelCell(view, r, cols, factsOf(cols).exclude);
  const present = run ? [] : cols.valueCols.filter((v) => !view.covered(r, v.col) && view.text(r, v.col) !== '');
  if (lc === null) {
    if (present.length === 0) return 'skip';
    // figures with no name at all: report the first one, never drop it silently
    const c = present[0].col;
    const figures = unknownFigures(view, r, cols, '', '', rowUnit(view, r, cols));
    acc.unknown.push({ label: '', raw: view.text(r, c), sheet: view.name, cell: a1(r, c), suggestion: null, figures, section: st.section });
    return 'unknown';
  }
  const rawLabel = view.text(r, lc) || view.filled(r, lc);
  // notes, and a 合计 row under a list of different indicators (it adds up nothing the catalog knows)
  if (isNotesText(rawLabel) || isTotalText(rawLabel)) return 'skip';
  if (identityKey(rawLabel)) return 'skip';

  // the category column (merged down its group) names the section of its rows
  let section = st.section;
  let parent = st.parent;
  if (cols.categoryCol !== null) {
    const cat = view.filled(r, cols.categoryCol);
    const s = cat ? sectionOfHeading(cat) : null;
    if (s) section = s;
    if (cat !== (st.category ?? '')) {
      st.category = cat;
      st.parent = null;
    }
    // `矛盾纠纷化解` beside `受理数`: the category is the parent of a generic label
    parent = st.parent ?? (cat ? { label: cat, id: '' } : null);
  }

  const m0 = view.mergeAt(r, lc);
  const labelMerged = run !== null || (!!m0 && m0.r1 === r && m0.c1 === lc && cols.valueCols.some((v) => v.col >= m0.c1 && v.col <= m0.c2));
  const sub = subRowLabel(rawLabel);
  const rawCell = view.raw(r, lc);
  const indented = typeof rawCell === 'string' && /^[\s\u3000]+\S/.test(rawCell);
  const label = stripNumbering(sub ?? rawLabel).replace(/[:：]+$/, '').trim();
  if (!label) return 'skip';
  const noteText = cols.noteCol !== null && cols.noteCol !== lc ? view.text(r, cols.noteCol) : '';
  // the label copied into the 备注 column (a label merged across it, then unmerged and filled) is no note
  const note = noteText === rawLabel ? '' : noteText;

  if (present.length === 0) {
    // `1 | 部分党员干部……` merged across the value columns under 存在的不足: an item numbered in the 序号 column
    if (section && TEXT_SECTIONS.has(section) && labelMerged && !strongNumbering(rawLabel) && itemNumberLeft(view, r, lc, cols.colRange?.[0])) {
      pushText(acc, view, section, rawLabel, r, lc);
      return 'text';
    }
    if (labelMerged || (strongNumbering(rawLabel) && !sub)) {
      pushHeading(acc, view, st, rawLabel, r, lc);
      return 'heading';
    }
    if (section && TEXT_SECTIONS.has(section)) {
      pushText(acc, view, section, rawLabel, r, lc);
      return 'text';
    }
    const unit = rowUnit(view, r, cols);
    const m = withUnit(acc, placeRow(acc, label, section, parent, !!sub || indented, rowContext(acc, view, st, unit)), label, unit, section);
    const others = view.nonEmpty(r).filter((c) => c !== lc && inRange(cols, c) && !isSeqOnly(view.text(r, c)));
    if (m.id !== null) {
      // `法治宣传教育` alone is its section, not a blank 法治宣传教育活动
      if (m.score < 1 && others.length === 0 && sectionOfHeading(rawLabel)) {
        pushHeading(acc, view, st, rawLabel, r, lc);
        return 'heading';
      }
      emitRow(acc, view, r, cols, m, label, rawLabel, unit, note);
      if (!sub && !indented) st.parent = { label, id: m.id };
      remember(st, label);
      return 'obs';
    }
    if (others.length === 0) {
      pushHeading(acc, view, st, rawLabel, r, lc);
      return 'heading';
    }
    return 'skip';
  }

  // a row with figures
  if (section && TEXT_SECTIONS.has(section)) {
    const numeric = present.some((v) => {
      const p = parseValue(view.raw(r, v.col), { numberFormat: view.format(r, v.col), date1904: view.date1904 });
      return p.kind === 'number' || p.kind === 'percent';
    });
    // next year's plans are not this year's figures, even when they carry a number
    if (!numeric || section === 'plans') {
      const unit = cols.unitCol !== null ? view.text(r, cols.unitCol) : '';
      const withUnit = (t: string) => (unit && !isDash(unit) && /\d$/.test(t) ? `${t}${unit}` : t);
      const extra = present.map((v) => withUnit(view.text(r, v.col))).join('；');
      pushText(acc, view, section, extra ? `${rawLabel}：${extra}` : rawLabel, r, lc);
      return 'text';
    }
  }
  const unit = rowUnit(view, r, cols);
  const m = withUnit(acc, placeRow(acc, label, section, parent, !!sub || indented, rowContext(acc, view, st, unit)), label, unit, section);
  remember(st, label);
  if (m.id === null) {
    // its figures go with it, so the report can still state them under the section the row stood in
    const figures = unknownFigures(view, r, cols, label, rawLabel, unit, note);
    acc.unknown.push({ ...unplaced(m, label, rawLabel, view.name, a1(r, lc)), figures, section });
    return 'unknown';
  }
  emitRow(acc, view, r, cols, m, label, rawLabel, unit, note);
  if (!sub && !indented) st.parent = { label, id: m.id };
  return 'obs';
}

function emitRow(
  acc: Acc,
  view: SheetView,
  r: number,
  cols: RowCols,
  m: Extract<LabelMatch, { id: string }>,
  label: string,
  rawLabel: string,
  columnUnit: string | null,
  note: string,
): void {
  const def = acc.defs.get(m.id);
  if (!def) return;
  const unit = unitFrom(columnUnit, rawLabel);
  const from = acc.observations.length;
  const unitPercent = unit === '%' || unit === '％';
  // a `比率（%）` column beside the counts holds the rate rows' figures; a rate written among the counts still counts
  const { rateCols, countCols } = factsOf(cols);
  const percentLabel = saysRate(rawLabel);
  const filled = (vs: RowCols['valueCols']) => vs.some((v) => !view.covered(r, v.col) && view.text(r, v.col) !== '');
  const use = !rateCols.length
    ? cols.valueCols
    : def.kind !== 'rate'
      ? countCols
      : filled(rateCols) || !filled(countCols)
        ? rateCols
        : countCols;
  for (const vc of use) {
    if (view.covered(r, vc.col)) continue;
    const percentHeader = vc.percent || unitPercent || percentLabel;
    acc.observations.push(
      observe(view, def, rawLabel, r, vc.col, {
        writtenUnit: unitPercent ? null : (unit ?? headerUnit(vc)),
        percentHeader,
        year: vc.resolvedYear,
        period: vc.period,
        entity: vc.total ? '合计' : vc.entity !== undefined ? cleanUnitName(vc.entity) || vc.entity : null,
        isTotal: vc.total || undefined,
        note: note || undefined,
      }),
    );
  }
  if (m.explain) for (let i = from; i < acc.observations.length; i++) acc.observations[i].explain = m.explain;
}

function pushExplained(acc: Acc, m: LabelMatch, o: Observation): void {
  if (m.explain) o.explain = m.explain;
  acc.observations.push(o);
}

/** What the rows around a label say: the sheet, the section row's words, the rows just read, the row's unit. */
function rowContext(acc: Acc, view: SheetView, st: SheetState, unit: string | null): MatchContext {
  const ctx: MatchContext = { sheet: view.name, mappings: acc.mappings };
  if (st.sectionText) ctx.section = st.sectionText;
  if (st.prev?.length) ctx.before = st.prev;
  if (unit) ctx.unit = unit;
  return ctx;
}

function remember(st: SheetState, label: string): void {
  st.prev = [label, ...(st.prev ?? [])].slice(0, 3);
}

/** A label not placed, with what came closest or the indicators it could be. */
function unplaced(m: Extract<LabelMatch, { id: null }>, label: string, raw: string, sheet: string, cell: string): UnknownLabel {
  const u: UnknownLabel = { label, raw, sheet, cell, suggestion: m.suggestion };
  if (m.candidates?.length) u.candidates = m.candidates;
  if (m.unknownWords?.length) u.unknownWords = m.unknownWords;
  if (m.suggestions?.length) u.suggestions = m.suggestions;
  if (m.explain) u.explain = m.explain;
  return u;
}

/** The figures of a row whose label the catalog could not place, one per filled value cell, as written. */
function unknownFigures(view: SheetView, r: number, cols: RowCols, label: string, rawLabel: string, columnUnit: string | null, note = ''): UnknownFigure[] {
  const unit = unitFrom(columnUnit, rawLabel);
  const unitPercent = unit === '%' || unit === '％';
  const percentLabel = saysRate(rawLabel);
  const out: UnknownFigure[] = [];
  for (const vc of cols.valueCols) {
    if (view.covered(r, vc.col) || view.text(r, vc.col) === '') continue;
    out.push(
      observeUnknown(view, label, r, vc.col, {
        writtenUnit: unitPercent ? null : (unit ?? headerUnit(vc)),
        percentHeader: vc.percent || unitPercent || percentLabel,
        year: vc.resolvedYear,
        period: vc.period,
        entity: vc.total ? '合计' : vc.entity !== undefined ? cleanUnitName(vc.entity) || vc.entity : null,
        isTotal: vc.total || undefined,
        note: note || undefined,
      }),
    );
  }
  return out;
}

/** Layouts (a) and (c). */
export function readRowsTable(acc: Acc, view: SheetView, t: TableSpec, st: SheetState): void {
  const single = t.valueCols.length === 1;
  let reportYear = acc.reportYear;
  if (reportYear === null && !single) {
    const ys = t.valueCols.map((v) => v.year).filter((y): y is number => y !== null);
    if (ys.length) reportYear = Math.max(...ys);
  }
  if (t.colStart !== undefined) st.parent = null; // a block beside another: the row above is not its parent
  const cols: RowCols = {
    colRange: t.colStart !== undefined && t.colEnd !== undefined ? [t.colStart, t.colEnd] : undefined,
    labelCol: t.labelCol,
    unitCol: t.unitCol,
    noteCol: t.noteCol,
    seqCol: t.seqCol,
    categoryCol: t.categoryCol,
    valueCols: t.valueCols.map((v) => {
      const p = periodOf(v, reportYear, single);
      return { col: v.col, header: v.header, percent: v.percent, period: p.period, resolvedYear: p.year, rates: v.rates, entity: v.entity, total: v.total };
    }),
  };
  const from = acc.observations.length;
  for (let r = t.bodyStart; r <= t.bodyEnd; r++) readRow(acc, view, r, cols, st);
  oneIsWhole(acc, view, from);
}

/**
 * A table that writes its rates as fractions (`0.946`, `0.933` in General cells) writes 100 % as a bare `1`:
 * read it as 100 %, not 1 %. Without a fraction beside it a bare 1 stays what the parser says (ambiguous).
 */
function oneIsWhole(acc: Acc, view: SheetView, from: number): void {
  const rates = acc.observations.slice(from).filter((o) => o.kind === 'percent' && acc.defs.get(o.indicator)?.kind === 'rate');
  // a bare number in a cell without a percent format
  const bare = (o: Observation): number | null => {
    const v = view.raw(o.row, o.col);
    return typeof v === 'number' && !/%/.test(view.format(o.row, o.col) ?? '') ? v : null;
  };
  const fraction = (o: Observation): boolean => {
    const v = bare(o);
    return v !== null && v > 0 && v < 1;
  };
  if (!rates.some(fraction)) return;
  for (const o of rates) {
    if (bare(o) === 1 && o.value === 1) {
      o.value = 100;
      o.decimals = 0;
      o.raw = '100%';
    }
  }
}

/** Layout (b): 分子 | 分母 | 比率. */
export function readRatesTable(acc: Acc, view: SheetView, t: TableSpec, st: SheetState): void {
  const figureCols = [t.numCol, t.denCol, t.rateCol].filter((x): x is number => x !== null);
  const exclude = new Set<number>([...figureCols, ...[t.unitCol, t.noteCol].filter((x): x is number => x !== null)]);
  const cols: RowCols = { labelCol: t.labelCol, valueCols: [], unitCol: t.unitCol, noteCol: t.noteCol, seqCol: t.seqCol, categoryCol: t.categoryCol };
  const where = { year: acc.reportYear, period: 'current' as Period, entity: null };
  for (let r = t.bodyStart; r <= t.bodyEnd; r++) {
    const lc = labelCell(view, r, cols, exclude);
    const present = figureCols.filter((c) => !view.covered(r, c) && view.text(r, c) !== '');
    if (lc === null) {
      if (present.length) {
        const figures = present.map((c) => observeUnknown(view, '', r, c, { writtenUnit: null, percentHeader: c === t.rateCol, ...where }));
        acc.unknown.push({ label: '', raw: view.text(r, present[0]), sheet: view.name, cell: a1(r, present[0]), suggestion: null, figures, section: st.section });
      }
      continue;
    }
    const rawLabel = view.text(r, lc);
    if (isNotesText(rawLabel) || identityKey(rawLabel) || isIdentityRow(acc, view, r)) continue;
    const label = stripNumbering(subRowLabel(rawLabel) ?? rawLabel).trim();
    if (!label) continue;
    const note = t.noteCol !== null && t.noteCol !== lc ? view.text(r, t.noteCol) : '';
    const m = place(label, acc.catalog, { section: st.sectionText ?? st.section, sheet: view.name, mappings: acc.mappings, ...(st.prev?.length ? { before: st.prev } : {}) });
    remember(st, label);
    const def = m.id !== null ? acc.defs.get(m.id) : undefined;
    if (present.length === 0 && (!def || strongNumbering(rawLabel))) {
      pushHeading(acc, view, st, rawLabel, r, lc);
      continue;
    }
    const extra = note ? { note } : {};
    if (def && def.kind === 'rate') {
      const rel = rateRelation(def.id, acc.catalog);
      const numDef = rel ? acc.defs.get(rel.numerator) : undefined;
      const denDef = rel ? acc.defs.get(rel.denominator) : undefined;
      for (const [d, c, part] of [
        [numDef, t.numCol, '分子'],
        [denDef, t.denCol, '分母'],
      ] as [IndicatorDef | undefined, number | null, string][]) {
        if (c === null) continue;
        if (d) acc.observations.push(observe(view, d, rawLabel, r, c, { writtenUnit: null, percentHeader: false, ...where, ...extra }));
        else if (view.text(r, c) !== '') {
          const figures = [observeUnknown(view, `${label}（${part}）`, r, c, { writtenUnit: null, percentHeader: false, ...where, ...extra })];
          acc.unknown.push({ label: `${label}（${part}）`, raw: rawLabel, sheet: view.name, cell: a1(r, c), suggestion: null, figures, section: def.section });
        }
      }
      if (t.rateCol !== null) acc.observations.push(observe(view, def, rawLabel, r, t.rateCol, { writtenUnit: '%', percentHeader: true, ...where, ...extra }));
      continue;
    }
    if (present.length === 0) continue;
    // not a rate the catalog knows: name it, with what came closest
    // its 分子, 分母 and 比率 as written, for the report
    const figures = figureCols
      .filter((c) => !view.covered(r, c) && view.text(r, c) !== '')
      .map((c) => observeUnknown(view, label, r, c, { writtenUnit: null, percentHeader: c === t.rateCol, ...where, ...extra }));
    const section = def?.section ?? st.section;
    if (m.id === null) acc.unknown.push({ ...unplaced(m, label, rawLabel, view.name, a1(r, lc)), figures, section });
    else acc.unknown.push({ label, raw: rawLabel, sheet: view.name, cell: a1(r, lc), suggestion: def ? { id: def.id, name: def.name, score: m.score } : null, figures, section });
  }
}

/** Layout (d): one row per township. */
export function readSummaryTable(acc: Acc, view: SheetView, t: TableSpec, st: SheetState): void {
  const E = t.entityCol!;
  const headers = t.summaryCols.map((sc) => sc.header);
  const columns = t.summaryCols.map((sc, i) => {
    // the other columns, nearest first: a `化解率` column after `信访受理 | 信访化解` takes their object
    const before = headers.slice(0, i).reverse().slice(0, 3);
    const neighbours = headers.filter((_, j) => j !== i);
    const m = place(sc.header, acc.catalog, { section: st.sectionText ?? st.section, parent: sc.parent, sheet: view.name, unit: unitInLabel(sc.header), before, neighbours, mappings: acc.mappings });
    const def = m.id !== null ? acc.defs.get(m.id) : undefined;
    const unit = unitInLabel(sc.header) ?? (sc.parent ? unitInLabel(sc.parent) : null);
    const percent = unit === '%' || saysRate(sc.header);
    const label = sc.parent ? `${sc.parent}${sc.header}` : sc.header;
    return { ...sc, def, m, unit, percent, label, unknown: null as UnknownLabel | null };
  });
  const where = { year: acc.reportYear, period: 'current' as Period };
  const from = acc.observations.length;
  const firstCol = Math.min(...columns.map((c) => c.col));
  for (let r = t.bodyStart; r <= t.bodyEnd; r++) {
    let name = view.text(r, E) || (view.covered(r, E) ? view.filled(r, E) : '');
    if (!name) {
      // `合计` written in the 序号 column (often merged over the township column)
      for (let c = view.colStart; c < firstCol && !name; c++) {
        const x = view.filled(r, c);
        if (x && isTotalText(x)) name = x;
      }
    }
    const present = columns.filter((c) => !view.covered(r, c.col) && view.text(r, c.col) !== '');
    if (!name) {
      if (present.length === 0) continue;
      // a row without a township name but with figures: every figure belongs to nobody
      const c = present[0].col;
      acc.unknown.push({ label: '', raw: view.text(r, c), sheet: view.name, cell: a1(r, c), suggestion: null });
      continue;
    }
    // subtotals and averages are neither a township nor the total
    if (isNotesText(name) || name.length > 30 || /^(小计|平均|平均值|均值|平均数|最大值|最小值)/.test(squeeze(name))) continue;
    const total = isTotalText(name);
    const entity = total ? '合计' : cleanUnitName(name) || name;
    const note = t.noteCol !== null ? view.text(r, t.noteCol) : '';
    // how a column's cell on this row is read, placed or not
    const cellOpts = (col: (typeof columns)[number]) => ({
      writtenUnit: col.percent ? null : col.unit,
      percentHeader: col.percent,
      ...where,
      entity,
      isTotal: total || undefined,
      note: note || undefined,
    });
    for (const col of columns) {
      if (!col.def) {
        if (view.covered(r, col.col) || view.text(r, col.col) === '') continue;
        if (!col.unknown) {
          const head = col.m.id === null ? unplaced(col.m, col.label, col.header, view.name, a1(t.headerEnd, col.col)) : { label: col.label, raw: col.header, sheet: view.name, cell: a1(t.headerEnd, col.col), suggestion: null };
          col.unknown = { ...head, figures: [], section: st.section };
          acc.unknown.push(col.unknown);
        }
        // each row's figure of the column, so the 合计 row can be stated for the unit
        col.unknown.figures!.push(observeUnknown(view, col.label, r, col.col, cellOpts(col)));
        continue;
      }
      if (view.covered(r, col.col)) continue;
      pushExplained(acc, col.m, observe(view, col.def, col.label, r, col.col, cellOpts(col)));
    }
  }
  oneIsWhole(acc, view, from);
}

/** A header-less sheet: each row read as label, [unit], value, [note]. */
export function readLooseRows(acc: Acc, view: SheetView, from: number, to: number, st: SheetState): { matched: number; unknown: number } {
  let matched = 0;
  let unknown = 0;
  for (let r = from; r <= to; r++) {
    const cells = view.nonEmpty(r);
    if (cells.length === 0) continue;
    // label: first text cell that is not a sequence mark
    let li = -1;
    for (let i = 0; i < cells.length; i++) {
      const raw = view.raw(r, cells[i]);
      if (typeof raw === 'string' && !isSeqOnly(view.text(r, cells[i]))) {
        li = i;
        break;
      }
    }
    if (li < 0) continue;
    let unitCol: number | null = null;
    let valueCol: number | null = null;
    let noteCol: number | null = null;
    for (let i = li + 1; i < cells.length; i++) {
      const c = cells[i];
      const t = squeeze(view.text(r, c));
      if (valueCol === null && unitCol === null && UNIT_WORDS.has(t) && i + 1 < cells.length) {
        unitCol = c;
        continue;
      }
      if (valueCol === null) {
        valueCol = c;
        continue;
      }
      if (noteCol === null && typeof view.raw(r, c) === 'string') noteCol = c;
      break;
    }
    // a label alone: a blank figure would sit in the next cell
    if (valueCol === null && cells[li] + 1 <= view.colEnd && li === cells.length - 1) valueCol = cells[li] + 1;
    const cols: RowCols = {
      labelCol: cells[li],
      unitCol,
      noteCol,
      seqCol: null,
      categoryCol: null,
      valueCols:
        valueCol !== null
          ? [{ col: valueCol, header: '', period: 'current', percent: false, resolvedYear: acc.reportYear }]
          : [],
    };
    const res = readRow(acc, view, r, cols, st);
    if (res === 'obs') matched++;
    if (res === 'unknown') unknown++;
  }
  return { matched, unknown };
}
