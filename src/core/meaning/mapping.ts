/**
 * The user's own placements: the sheet `指标对照` (原标签 | 指标 | 工作表), kept in the workbook and read before
 * any matching, so a label fixed once stays fixed at every later check and travels with the file. The CLI takes
 * the same table as JSON (`--mapping`). A placement by the user always wins; a row naming no known indicator is
 * said (a `mapping-invalid` hint), never silently dropped.
 */
import { a1 } from '../address';
import { RESULT_SHEETS } from '../catalog';
import type { Catalog, Cell, SheetPlan, Workbook } from '../types';
import { normalizeLabel, stripNumbering } from './normalize';

export const MAPPING_HEADER = ['原标签', '指标', '工作表'] as const;
export const MAPPING_COLUMNS = [36, 36, 20];

export interface LabelMapping {
  /** The label as written in the township's sheet. */
  label: string;
  /** The indicator id it means. */
  id: string;
  /** Only on this sheet; null = wherever the label appears. */
  sheet: string | null;
  /** Where this placement was written (`指标对照!B3`, `映射.json 第2项`), for messages. */
  source?: string;
}

export interface MappingProblem {
  sheet: string;
  cell: string;
  /** What the row says. */
  text: string;
  reason: string;
  /** From a --mapping file (`sheet` is then the file name, `cell` the entry). */
  file?: boolean;
}

function cellText(c: Cell | undefined): string {
  if (c == null) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number' || typeof c === 'boolean') return String(c);
  return '';
}

/** The indicator a 指标 cell names: its id, its name or one of its synonyms (normalised). */
export function indicatorNamed(text: string, catalog: Catalog): string | null {
  const t = text.trim();
  if (!t) return null;
  const byId = catalog.indicators.find((d) => d.id === t);
  if (byId) return byId.id;
  const n = normalizeLabel(t);
  const byName = catalog.indicators.find((d) => normalizeLabel(d.name) === n);
  if (byName) return byName.id;
  const bySyn = catalog.indicators.filter((d) => d.synonyms.some((s) => normalizeLabel(s) === n));
  return bySyn.length === 1 ? bySyn[0].id : null;
}

const key = (label: string): string => normalizeLabel(stripNumbering(label.trim()));

/** The header row of a 指标对照 sheet (row index into `rows`, and the column of each header word); null when none. */
export function mappingHeader(rows: Cell[][]): { row: number; cols: number[] } | null {
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const cells = (rows[r] ?? []).map((c) => cellText(c).replace(/\s+/g, ''));
    const cols = MAPPING_HEADER.map((h) => cells.indexOf(h));
    if (cols[0] >= 0 && cols[1] >= 0) return { row: r, cols };
  }
  return null;
}

/** Read the 指标对照 sheet of a workbook (none → nothing). A later row for the same label and sheet wins. */
export function readMappings(book: Workbook, catalog: Catalog): { mappings: LabelMapping[]; problems: MappingProblem[] } {
  const out: LabelMapping[] = [];
  const problems: MappingProblem[] = [];
  const grid = book.sheets.find((s) => s && typeof s.name === 'string' && s.name.trim() === RESULT_SHEETS.mapping);
  if (!grid || !Array.isArray(grid.rows)) return { mappings: out, problems };
  const header = mappingHeader(grid.rows);
  if (!header) return { mappings: out, problems };
  const r0 = grid.origin?.row ?? 0;
  const c0 = grid.origin?.col ?? 0;
  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    const label = cellText(row[header.cols[0]]);
    const named = cellText(row[header.cols[1]]);
    const sheet = header.cols[2] >= 0 ? cellText(row[header.cols[2]]) : '';
    if (!label && !named) continue;
    const cell = a1(r + r0, header.cols[1] + c0);
    const id = indicatorNamed(named, catalog);
    if (!label || !id) {
      problems.push({ sheet: grid.name, cell, text: `${label} → ${named}`, reason: !label ? '没有填写原标签' : `“${named}”不是指标目录中的指标` });
      continue;
    }
    out.push({ label, id, sheet: sheet || null, source: `${grid.name}!${cell}` });
  }
  return { mappings: dedupe(out), problems };
}

/** A county's or user's table as JSON: `{ "原标签": "指标" }` or `[{ "原标签", "指标", "工作表" }]` (or label/indicator/sheet). */
export function parseMappingJson(text: string, source: string, catalog: Catalog): { mappings: LabelMapping[]; problems: MappingProblem[] } {
  const out: LabelMapping[] = [];
  const problems: MappingProblem[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    problems.push({ sheet: source, cell: '', text: '', reason: `不是有效的 JSON（${e instanceof Error ? e.message : String(e)}）`, file: true });
    return { mappings: out, problems };
  }
  const entries: { label: string; named: string; sheet: string; at: string }[] = [];
  if (Array.isArray(data)) {
    data.forEach((e, i) => {
      const o = (e ?? {}) as Record<string, unknown>;
      const s = (k: string, alt: string) => String(o[k] ?? o[alt] ?? '').trim();
      entries.push({ label: s('原标签', 'label'), named: s('指标', 'indicator'), sheet: s('工作表', 'sheet'), at: `第${i + 1}项` });
    });
  } else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) entries.push({ label: k.trim(), named: String(v ?? '').trim(), sheet: '', at: `“${k}”` });
  } else {
    problems.push({ sheet: source, cell: '', text: '', reason: '应为 { "原标签": "指标" } 或 [{ "原标签": …, "指标": …, "工作表": … }]', file: true });
  }
  for (const e of entries) {
    const id = indicatorNamed(e.named, catalog);
    if (!e.label || !id) {
      problems.push({ sheet: source, cell: e.at, text: `${e.label} → ${e.named}`, reason: !e.label ? '没有填写原标签' : `“${e.named}”不是指标目录中的指标`, file: true });
      continue;
    }
    out.push({ label: e.label, id, sheet: e.sheet || null, source: `${source} ${e.at}` });
  }
  return { mappings: dedupe(out), problems };
}

function dedupe(list: LabelMapping[]): LabelMapping[] {
  const by = new Map<string, LabelMapping>();
  for (const m of list) {
    const k = `${key(m.label)}\u0000${m.sheet ?? ''}`;
    by.delete(k);
    by.set(k, m);
  }
  return [...by.values()];
}

/** Several tables in order of precedence, lowest first (a county's JSON, then the workbook's own sheet). */
export function mergeMappings(...lists: LabelMapping[][]): LabelMapping[] {
  return dedupe(lists.flat());
}

/** The user's placement of a label on a sheet: one for that sheet first, then one for every sheet. */
export function mappingFor(mappings: readonly LabelMapping[] | undefined, label: string, sheet: string | undefined): LabelMapping | null {
  if (!mappings?.length || typeof label !== 'string' || !label) return null;
  const k = key(label);
  if (!k) return null;
  let any: LabelMapping | null = null;
  for (const m of mappings) {
    if (key(m.label) !== k) continue;
    if (m.sheet && sheet !== undefined && m.sheet.trim() === sheet.trim()) return m;
    if (!m.sheet) any = m;
  }
  return any;
}

/** The list with one placement added (replacing the same label on the same sheet). */
export function withMapping(list: readonly LabelMapping[], m: LabelMapping): LabelMapping[] {
  return mergeMappings([...list], [m]);
}

/** The SheetPlan that writes 指标对照: header and one row per placement, indicators by name (a person reads it). */
export function mappingSheet(mappings: readonly LabelMapping[], catalog: Catalog): SheetPlan {
  const names = new Map(catalog.indicators.map((d) => [d.id, d.name]));
  const rows: SheetPlan['rows'] = [MAPPING_HEADER.map((h) => ({ v: h, style: 'header' }))];
  for (const m of dedupe([...mappings])) rows.push([{ v: m.label, style: 'cell' }, { v: names.get(m.id) ?? m.id, style: 'cell' }, { v: m.sheet ?? '', style: 'cell' }]);
  return { name: RESULT_SHEETS.mapping, columns: [...MAPPING_COLUMNS], rows, freezeRows: 1 };
}
