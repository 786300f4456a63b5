/**
 * Table extraction: every figure of a workbook found by its content, never by a fixed position.
 *
 *   sheets ─▶ SheetView (absolute coordinates, merges) ─▶ header rows ─▶ tables (rows | rates | years | summary)
 *          └▶ identity (key–value rows, titles)        └▶ text sheets (存在问题, 下步安排 …)
 *
 * Never throws: a sheet that cannot be read is reported as an `unknown` table and the others still are.
 */
import { CATALOG, indicatorById } from '../catalog';
import { sectionOfHeading } from '../match';
import { skippedByCheck } from '../toolsheets';
import { definitionSheetKind } from '../definitions/read';
import type { Catalog, Extraction, TableInfo, Workbook } from '../types';
import { findTables, type TableSpec } from './header';
import { findIdentity, type Identity } from './identity';
import { readLooseRows, readRatesTable, readRowsTable, readSummaryTable, type Acc, type SheetState } from './layouts';
import { SheetView, squeeze } from './sheet';
import { isTextSheet, readTextSheet } from './text';
import { cleanUnitName, isTemplateSheet, isTownship, townshipInTitle } from './words';
import type { LabelMapping } from '../meaning/mapping';

export interface ExtractOptions {
  catalog?: Catalog;
  /** The user's placements of labels (指标对照, --mapping): they win over any reading. */
  mappings?: LabelMapping[];
  /** Report year when the workbook does not say it. */
  year?: number;
}

/** Rows a sheet's title may sit on: above its first table, or its first non-empty rows. */
function titleRowsOf(view: SheetView, tables: TableSpec[]): number[] {
  const out: number[] = [];
  const stop = tables.length ? tables[0].headerRow - 1 : view.rowEnd;
  for (let r = view.rowStart; r <= stop && out.length < (tables.length ? 6 : 3); r++) {
    if (view.nonEmpty(r).length) out.push(r);
  }
  return out;
}

/** Title rows of a header-less sheet: single-cell rows at the top, merged wide or worded like a title. */
function looseTitleRows(view: SheetView, candidates: number[]): Set<number> {
  const out = new Set<number>();
  for (const r of candidates) {
    // a merged title copied into every cell it covered (WPS 取消合并并填充内容) is one cell, merged wide
    const run = view.repeatedRun(r);
    if (run) {
      out.add(r);
      continue;
    }
    const cols = view.nonEmpty(r);
    if (cols.length !== 1) break;
    const m = view.mergeAt(r, cols[0]);
    const t = squeeze(view.text(r, cols[0]));
    if ((m && m.c2 > m.c1) || /(表|报告|情况|统计|汇总|一览|明细|清单)$/.test(t)) out.add(r);
    else break;
  }
  return out;
}

function tableInfo(sheet: string, t: TableSpec): TableInfo {
  let valueCols: number[];
  if (t.layout === 'rates') valueCols = [t.numCol, t.denCol, t.rateCol].filter((x): x is number => x !== null);
  else if (t.layout === 'summary') valueCols = t.summaryCols.map((c) => c.col);
  else valueCols = t.valueCols.map((v) => v.col);
  // townships as columns: a (transposed) summary, keyed by its indicator column
  const layout = t.layout === 'rows' && t.valueCols.some((v) => v.entity !== undefined) ? 'summary' : t.layout;
  return { sheet, layout, headerRow: t.headerRow, labelCol: t.layout === 'summary' ? t.entityCol : t.labelCol, valueCols };
}

export function extract(book: Workbook, opts: ExtractOptions = {}): Extraction {
  const catalog = opts?.catalog ?? CATALOG;
  const out: Extraction = {
    unit: null,
    year: null,
    addressee: null,
    date: null,
    observations: [],
    texts: [],
    unknown: [],
    tables: [],
    identityCells: {},
    headings: [],
  };
  const grids = book && Array.isArray(book.sheets) ? book.sheets : [];
  const plans: { view: SheetView; tables: TableSpec[] }[] = [];
  for (const grid of grids) {
    if (!grid || typeof grid !== 'object') continue;
    const name = typeof grid.name === 'string' ? grid.name : String(grid.name ?? '');
    // the tool's own sheets (name + content signature); a township's sheet named 计算结果 is read like any other
    if (skippedByCheck(grid)) {
      out.tables.push({ sheet: name, layout: 'results', headerRow: null, labelCol: null, valueCols: [] });
      continue;
    }
    if (isTemplateSheet(name)) continue;
    // the county's 指标定义/审核规则 inside the workbook define the check; they are not the township's figures
    if (definitionSheetKind(grid)) {
      out.tables.push({ sheet: name, layout: 'results', headerRow: null, labelCol: null, valueCols: [] });
      continue;
    }
    try {
      const view = new SheetView(grid);
      plans.push({ view, tables: findTables(view) });
    } catch (e) {
      out.tables.push({ sheet: name, layout: 'unknown', headerRow: null, labelCol: null, valueCols: [] });
      failed(out, name, e);
    }
  }

  // identity first: the report year decides which year column is `current`
  const skipRows = new Map<SheetView, Set<number>>();
  const titleRows = new Map<SheetView, number[]>();
  for (const p of plans) {
    const s = new Set<number>();
    for (const t of p.tables) for (let r = t.headerRow; r <= t.headerEnd; r++) s.add(r);
    skipRows.set(p.view, s);
    titleRows.set(p.view, titleRowsOf(p.view, p.tables));
  }
  let id: Identity;
  try {
    id = findIdentity(
      plans.map((p) => p.view),
      skipRows,
      titleRows,
      { year: opts?.year, bookName: typeof book?.name === 'string' ? book.name : undefined },
    );
  } catch (e) {
    // said (sheet-unreadable, identity variant): a unit and year left empty must not pass for a workbook that names none
    const y = opts?.year;
    id = { unit: null, year: typeof y === 'number' && Number.isInteger(y) ? y : null, addressee: null, date: null, cells: {}, used: new Set() };
    failed(out, '', e, 'identity');
  }
  let reportYear = id.year;
  if (reportYear === null) {
    // only year columns say it: the greatest year any value column is headed with
    for (const p of plans)
      for (const t of p.tables)
        if (t.layout === 'years' || t.layout === 'rows') for (const v of t.valueCols) if (v.year !== null && (reportYear === null || v.year > reportYear)) reportYear = v.year;
  }
  out.unit = id.unit;
  out.year = reportYear;
  out.addressee = id.addressee;
  out.date = id.date;
  out.identityCells = id.cells;

  const acc: Acc = {
    catalog,
    defs: indicatorById(catalog),
    reportYear,
    observations: out.observations,
    texts: [],
    unknown: out.unknown,
    headings: out.headings!,
    identityRows: id.used,
    parts: new Map(),
    mappings: opts?.mappings ?? [],
  };

  for (const { view, tables } of plans) {
    const name = view.name;
    const identityHere = [...id.used].some((k) => k.startsWith(`${name}\u0000`));
    try {
      const st: SheetState = { section: sectionOfHeading(name), parent: null };
      if (tables.length === 0) {
        if (isTextSheet(view)) {
          readTextSheet(acc, view, looseTitleRows(view, titleRows.get(view) ?? []));
          out.tables.push({ sheet: name, layout: 'text', headerRow: null, labelCol: null, valueCols: [] });
          continue;
        }
        const layout = readLoose(acc, view, looseTitleRows(view, titleRows.get(view) ?? []), st);
        out.tables.push({ sheet: name, layout: layout === 'rows' ? 'rows' : identityHere ? 'identity' : layout, headerRow: null, labelCol: null, valueCols: [] });
        continue;
      }
      for (const t of tables) {
        const before = out.observations.length + out.unknown.length;
        if (t.layout === 'rates') readRatesTable(acc, view, t, st);
        else if (t.layout === 'summary') readSummaryTable(acc, view, t, st);
        else readRowsTable(acc, view, t, st);
        const info = tableInfo(name, t);
        if (out.observations.length + out.unknown.length === before && identityHere && t.layout === 'rows') info.layout = 'identity';
        out.tables.push(info);
      }
    } catch (e) {
      out.tables.push({ sheet: name, layout: 'unknown', headerRow: null, labelCol: null, valueCols: [] });
      failed(out, name, e);
    }
  }

  sheetEntities(out, plans.map((p) => ({ name: p.view.name, title: titleTownship(p.view, titleRows.get(p.view) ?? []) })), id.unitKeyed === true);
  dropShadowedAbsent(out);
  standIns(out, catalog);
  out.texts = acc.texts.map((t, i) => ({ ...t, order: i + 1 }));
  return out;
}

/**
 * A sheet whose reading failed is said, never passed over as a sheet with nothing in it; so is the workbook's
 * identity (`part: 'identity'`, no one sheet): its unit and year are then unknown, not absent.
 */
function failed(out: Extraction, sheet: string, e: unknown, part?: 'identity'): void {
  const reason = e instanceof Error ? e.message : String(e);
  (out.failures ??= []).push(part ? { sheet, reason: reason.slice(0, 200), part } : { sheet, reason: reason.slice(0, 200) });
}

/**
 * An indicator that stands for another when the workbook gives no figure for that one (`调处矛盾纠纷` is the
 * disputes received when no 受理 figure stands beside it, per township and period); where both are given they
 * stay two indicators.
 */
function standIns(out: Extraction, catalog: Catalog): void {
  const stand = catalog.indicators.filter((d) => d.standsFor);
  if (!stand.length) return;
  const key = (o: Extraction['observations'][number], id: string): string => `${id}\u0000${o.entity ?? ''}\u0000${o.period}\u0000${o.year ?? ''}`;
  const values = new Map<string, unknown[]>();
  for (const o of out.observations) {
    const k = key(o, o.indicator);
    const list = values.get(k) ?? [];
    list.push(o.value);
    values.set(k, list);
  }
  const sameSheet = new Set(out.observations.map((o) => `${key(o, o.indicator)}\u0000${o.sheet}`));
  const target = new Map(catalog.indicators.map((d) => [d.id, d]));
  for (const d of stand) {
    const t = target.get(d.standsFor!);
    if (!t) continue;
    for (const o of out.observations) {
      if (o.indicator !== d.id) continue;
      const there = values.get(key(o, t.id));
      // the same figure written on another sheet (`调处各类矛盾纠纷68件`, and 68 as the 分母 of the 调解成功率) is one
      // indicator; a table that gives both, or different figures, keeps two
      if (there && (!there.every((v) => v === o.value) || sameSheet.has(`${key(o, t.id)}\u0000${o.sheet}`))) continue;
      o.indicator = t.id;
      o.explain = `${o.explain ? `${o.explain}；` : ''}${there ? `与“${t.name}”数字相同，视为同一指标` : `工作簿中没有“${t.name}”，“${d.name}”即作“${t.name}”`}`;
    }
  }
}

/**
 * A header-less sheet. A register (台账) of hundreds of rows none of which is an indicator is not an
 * indicator sheet: it is reported as an `unknown` table rather than as hundreds of unknown labels.
 */
function readLoose(acc: Acc, view: SheetView, titles: Set<number>, st: SheetState): 'rows' | 'unknown' {
  const probe: Acc = { ...acc, observations: [], texts: [], unknown: [], headings: [] };
  const first = view.rowStart;
  const sampleEnd = Math.min(view.rowEnd, first + 80);
  // skip title rows
  let r0 = first;
  while (titles.has(r0)) r0++;
  const st0 = { ...st };
  const sample = readLooseRows(probe, view, r0, sampleEnd, st0);
  const register = sample.matched === 0 && sample.unknown >= 20;
  if (register) return 'unknown';
  const res = readLooseRows(acc, view, r0, view.rowEnd, st);
  return res.matched + res.unknown > 0 ? 'rows' : 'unknown';
}

/**
 * A county workbook with one sheet per township: each sheet's figures belong to that township — the one its title
 * opens with (`周营镇2023年度…统计表`, `沈丘县周营镇…`, `关于前营乡…`), else the one its sheet is named (`柳河镇`).
 * Only when the sheets with figures name at least two townships, and the workbook does not say it is one of them
 * (`单位名称 | 周营镇` written as a field: a township's own workbook, whatever a sheet's title mentions — `送法下乡`,
 * `与前营乡联合开展…` open with no township and are no township's sheet anyway). A sheet with figures that names
 * none is then a part of its own under its sheet name, never the workbook's unit; the identity's unit, read from a
 * township sheet's title, is dropped. core/county/workbook.ts names each sheet's input by `sheetTownships`.
 */
function sheetEntities(out: Extraction, sheets: { name: string; title: string | null }[], unitKeyed: boolean): void {
  const withFigures = new Set(out.observations.map((o) => o.sheet));
  const towns = new Map<string, string>();
  for (const { name, title } of sheets) {
    if (!withFigures.has(name)) continue;
    const town = title ?? (isTownship(name) ? cleanUnitName(name) : null);
    if (town) towns.set(name, town);
  }
  const names = new Set(towns.values());
  if (names.size < 2) return;
  if (unitKeyed && out.unit != null && names.has(cleanUnitName(out.unit))) return;
  // a summary sheet beside them (its rows are townships) stays as it is: its 合计 row is its own
  const summaries = new Set(out.observations.filter((o) => o.entity != null && !towns.has(o.sheet)).map((o) => o.sheet));
  for (const o of out.observations) if (o.entity === null && !summaries.has(o.sheet)) o.entity = towns.get(o.sheet) ?? cleanUnitName(o.sheet);
  out.sheetTownships = [...towns].map(([sheet, township]) => ({ sheet, township }));
  if (out.unit != null && names.has(cleanUnitName(out.unit))) out.unit = null;
}

/**
 * The township a sheet's title opens with: `周营镇2023年度法治政府建设指标统计表`, `沈丘县周营镇…`, `关于前营乡…` →
 * the township; `2023年送法下乡活动情况统计表` or `2023年与前营乡联合开展…` → none (a township the title only mentions).
 */
function titleTownship(view: SheetView, rows: number[]): string | null {
  for (const r of rows)
    for (const c of view.nonEmpty(r)) {
      const text = squeeze(view.text(r, c));
      const t = townshipInTitle(text);
      if (!t) continue;
      const at = text.indexOf(t);
      const before = at < 0 ? null : text.slice(0, at).replace(/^关于/, '');
      if (before != null && /^(?:[\u4e00-\u9fff]{1,8}?(?:省|市|州|盟|县|区|旗))*$/.test(before)) return cleanUnitName(t);
    }
  return null;
}

/** A blank row whose indicator is given elsewhere on the same sheet (a group row above its figures) is not a missing figure. */
function dropShadowedAbsent(out: Extraction): void {
  const blankIndicators = new Set(out.observations.filter((o) => o.kind === 'absent').map((o) => o.indicator));
  if (blankIndicators.size === 0) return;
  const key = (o: Extraction['observations'][number]): string => `${o.sheet}\u0000${o.indicator}\u0000${o.entity ?? ''}\u0000${o.period}\u0000${o.year ?? ''}`;
  // only the indicators with a blank row can shadow one
  const given = new Set<string>();
  for (const o of out.observations) if (o.kind !== 'absent' && blankIndicators.has(o.indicator)) given.add(key(o));
  out.observations = out.observations.filter((o) => o.kind !== 'absent' || !given.has(key(o)));
}
