/**
 * What one checked input keeps for the county: its status row (审核情况) and one row of figures per township it
 * holds (one for a township's workbook, one per township row of a county summary). Nothing else of the check is
 * kept, so a county of 1,000 files holds 1,000 small rows, never 1,000 CheckResults.
 */
import { CATALOG } from '../catalog';
import { roundHalfUp } from '../rate';
import { whereText } from '../findings';
import { FigureTable } from './compact';
import type { ApproxMarker, Catalog, CheckResult, ComputedRate, Finding, IndicatorDef, Observation, Relation, RuleId, Severity } from '../types';

/** One township's figure for one indicator, as the summary writes it and the note cites it. */
export interface CountyFigure {
  value: number | boolean;
  kind: 'number' | 'percent' | 'yesno';
  /** As written in the cell (`3000余`, `98%`). */
  raw: string;
  approx: boolean;
  markers: ApproxMarker[];
  /** Unit as stored by extraction (the catalog unit when it converted, else as written: `万份`). */
  unit: string | null;
  wan: boolean;
  /** Where it stands in the input. */
  sheet: string;
  cell: string;
  /** A rate recomputed from the township's own parts (then `sheet`/`cell` are the numerator's). */
  computed?: boolean;
}

export interface TownshipRow {
  /** The township as its workbook names it (单位名称, a summary's row label, else the file name). */
  township: string;
  /** The name compared across inputs (`周营镇人民政府` and `周营镇` are one township). */
  key: string;
  /** The input's file name as the user gave it (for messages and notes). */
  file: string;
  year: number | null;
  /** Where the year was read, for messages (`‘基本情况’表 B2`). */
  yearAt: { sheet: string; cell: string } | null;
  /** The name came from the file name: the workbook does not say its 单位名称. */
  nameFromFile: boolean;
  /** Where the name was read (the 单位名称 cell, or the summary row's first figure); null from the file name. */
  nameAt: { sheet: string; cell: string } | null;
  /** A row of a county summary given as input: the cell of the township's first figure. */
  summaryAt?: { sheet: string; cell: string };
  /** Its figures by indicator: kept compact (FigureTable) while a county of 1,000 townships is read. */
  figures: ReadonlyMap<string, CountyFigure>;
}

export interface InputCounts {
  error: number;
  verify: number;
  hint: number;
  explained: number;
}

/**
 * One finding of an input as the county keeps it for its rounds (审核明细, county/rounds.ts): its stable id (the
 * one rounds.ts matches by), severity, place, sentence and how it stands — a few short strings, not the finding.
 */
export interface CountyFinding {
  id: string;
  severity: Severity;
  rule: RuleId;
  /** `‘行政执法’表 D5`, or '' for the whole workbook. */
  where: string;
  message: string;
  /** Closed as explained (an accepted explanation or dispute included): what the county counts as 已说明. */
  status: Finding['status'];
  /** How its explanation stands (`已说明`, `县级已采纳`, `说明已过期（21→25）`, `乡镇异议`, `县级已退回`), or `未处理`. */
  state: string;
}

/** The county's record of a finding. */
export function countyFinding(f: Finding): CountyFinding {
  return {
    id: f.id,
    severity: f.severity,
    rule: f.rule,
    where: f.sheet && f.cell ? whereText(f.sheet, f.cell, f.entity) : f.sheet ? whereText(f.sheet, '', f.entity).trim() : '',
    message: f.message,
    status: f.status,
    state: f.account?.label ?? (f.status === 'explained' ? '已说明' : '未处理'),
  };
}

/** One input as the checklist (审核情况) shows it. */
export interface InputStatus {
  file: string;
  readable: boolean;
  /** Why not, in the reader's words (or, for a check that failed, which file and where). */
  message?: string;
  /**
   * The file was opened but its check failed (a fault of this tool, not of the township's file): the error's own
   * words, kept for technical support. Such an input is not readable either (nothing of it is counted).
   */
  failure?: string;
  kind: 'township' | 'summary' | 'unreadable';
  townships: string[];
  year: number | null;
  counts: InputCounts;
  /** Names of the required indicators the check found missing. */
  missing: string[];
  /** Its findings, as the county's rounds compare them (county/rounds.ts); none for an unreadable input. */
  findings?: CountyFinding[];
}

export interface CountyInput {
  status: InputStatus;
  rows: TownshipRow[];
}

/** `周营镇人民政府` → `周营镇`; spaces and 全角 spaces dropped. The key two inputs are one township by. */
export function townshipKey(name: string): string {
  return name
    .replace(/[\s\u3000]+/g, '')
    .replace(/(人民政府|政府|办事处)$/, '')
    .trim();
}

function current(o: { period: string; year: number | null }, year: number | null): boolean {
  return o.period === 'current' || (o.period === 'other' && year != null && o.year === year);
}

function figureOf(o: Observation): CountyFigure | null {
  if (o.kind === 'number' || o.kind === 'percent') {
    if (typeof o.value !== 'number' || !Number.isFinite(o.value)) return null;
  } else if (o.kind === 'yesno') {
    if (typeof o.value !== 'boolean') return null;
  } else return null;
  return {
    value: o.value,
    kind: o.kind,
    raw: o.raw,
    approx: o.approx,
    markers: [...o.markers],
    unit: o.unit,
    wan: o.wan,
    sheet: o.sheet,
    cell: o.cell,
  };
}

/**
 * The figures of one township (entity `null` for a workbook's own unit, a name for a summary row): the first
 * current figure per indicator — the one a rate was computed from, where the township gave an indicator twice
 * (the check reports the conflict) — and each rate recomputed from the township's own parts when it has them.
 */
function figuresFor(result: CheckResult, entity: string | null, catalog: Catalog): ReadonlyMap<string, CountyFigure> {
  const year = result.year;
  const mine = (o: { entity: string | null; isTotal?: boolean }) => (entity == null ? o.entity == null : o.entity === entity && !o.isTotal);
  const byId = new Map<string, Observation>();
  for (const o of result.observations) {
    if (!mine(o) || !current(o, year) || byId.has(o.indicator)) continue;
    if (figureOf(o)) byId.set(o.indicator, o);
  }
  const rates = result.rates.filter((r: ComputedRate) => mine({ entity: r.entity }) && current(r, year));
  for (const r of rates) {
    for (const part of [r.numerator, r.denominator]) if (typeof part.value === 'number') byId.set(part.indicator, part);
  }
  const out = new Map<string, CountyFigure>();
  for (const d of catalog.indicators) {
    if (d.kind === 'text') continue;
    if (d.kind === 'rate') {
      const r = rates.find((x) => x.indicator === d.id && x.value != null);
      if (r && r.value != null) {
        out.set(d.id, {
          value: roundHalfUp(r.value, 1),
          kind: 'percent',
          raw: r.display,
          approx: r.approx,
          markers: [],
          unit: '%',
          wan: false,
          sheet: r.numerator.sheet,
          cell: r.numerator.cell,
          computed: true,
        });
        continue;
      }
    }
    const o = byId.get(d.id);
    const f = o ? figureOf(o) : null;
    if (!f) continue;
    if (d.kind === 'rate' && f.kind === 'percent' && typeof f.value === 'number') f.value = roundHalfUp(f.value, 1);
    if ((d.kind === 'yesno') !== (f.kind === 'yesno')) continue;
    out.set(d.id, f);
  }
  return FigureTable.of(out);
}

/**
 * The rows and the status of one checked input. `file` is the name the user gave; `fallbackName` the township
 * its file name suggests (`周营镇-2023-指标`), used only when the workbook names no unit.
 */
export function countyInput(file: string, fallbackName: string, result: CheckResult, catalog: Catalog = result.catalog ?? CATALOG): CountyInput {
  const yearCell = result.extraction.identityCells?.year ?? null;
  const entities: string[] = [];
  for (const o of result.observations) {
    if (o.entity != null && !o.isTotal && current(o, result.year) && !entities.includes(o.entity)) entities.push(o.entity);
  }
  const rows: TownshipRow[] = [];
  const base = { file, year: result.year, yearAt: yearCell };
  if (entities.length) {
    // A county summary (layout d): each township row is a township, never the summary's own title.
    for (const e of entities) {
      const first = result.observations.find((o) => o.entity === e && !o.isTotal)!;
      rows.push({ ...base, township: e, key: townshipKey(e), nameFromFile: false, nameAt: { sheet: first.sheet, cell: first.cell }, summaryAt: { sheet: first.sheet, cell: first.cell }, figures: figuresFor(result, e, catalog) });
    }
  } else {
    const township = result.unit?.trim() || fallbackName;
    rows.push({ ...base, township, key: townshipKey(township), nameFromFile: !result.unit?.trim(), nameAt: result.unit?.trim() ? (result.extraction.identityCells?.unit ?? null) : null, figures: figuresFor(result, null, catalog) });
  }
  const names = new Map(catalog.indicators.map((d) => [d.id, d.name]));
  const missing: string[] = [];
  for (const f of result.findings) {
    if (f.rule !== 'missing-required') continue;
    for (const id of f.indicators) {
      const n = names.get(id) ?? id;
      if (!missing.includes(n)) missing.push(n);
    }
  }
  const c = result.counts;
  return {
    status: {
      file,
      readable: true,
      kind: entities.length ? 'summary' : 'township',
      townships: rows.map((r) => r.township),
      year: result.year,
      counts: { error: c.error, verify: c.verify, hint: c.hint, explained: c.explained },
      missing,
      findings: result.findings.map(countyFinding),
    },
    rows,
  };
}

/**
 * An input as it comes back from a structured clone (the page checks each file in a worker and posts what the
 * county keeps): its rows' figure tables given their methods back. The input itself is returned.
 */
export function revivedInput(input: CountyInput): CountyInput {
  for (const r of input.rows) r.figures = FigureTable.revived(r.figures);
  return input;
}

/** An input that could not be read: listed in 审核情况 (to call back first), never fatal. */
export function unreadableInput(file: string, message: string): CountyInput {
  return {
    status: { file, readable: false, message, kind: 'unreadable', townships: [], year: null, counts: { error: 0, verify: 0, hint: 0, explained: 0 }, missing: [] },
    rows: [],
  };
}

/**
 * A file whose check failed with an error (not a file the reader refused): listed in 审核情况 as 检查出错, naming the
 * file and the sheet and cell the error names, with what to do (send it to technical support, not back to the
 * township), and the error's own words kept in `failure`. Never dropped.
 */
export function failedInput(file: string, detail: string, where?: { sheet?: string; cell?: string } | null): CountyInput {
  const at = where?.sheet ? `（${whereText(where.sheet, where.cell ?? '').trim()}）` : '';
  const input = unreadableInput(file, `检查“${file}”${at}时出错，本工具未能完成对它的检查`);
  input.status.failure = detail.trim() || '（没有错误信息）';
  return input;
}

/** `乡镇/纸坊镇-2023-指标.xlsx` → `纸坊镇-2023-指标`: the township's name when its workbook names none. */
export function fileStem(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.(xlsx|xlsm|xls|et|ods|csv|txt|tsv)$/i, '') || file;
}

/**
 * The catalog the county summary is laid out by: every indicator and relation some input's check knew (the county's
 * definitions, a workbook's own 指标定义), then the built-in catalog's — the built-in catalog itself when no check
 * used another. `catalogs` are the inputs' `CheckResult.catalog` (null or the built-in one: nothing to add).
 */
export function countyCatalog(catalogs: Iterable<Catalog | null | undefined>): Catalog {
  const known = new Map<string, IndicatorDef>();
  const relations: Relation[] = [];
  const seen = new Set<string>();
  const addRelation = (r: Relation) => {
    const key = JSON.stringify(r);
    if (!seen.has(key)) seen.add(key), relations.push(r);
  };
  for (const c of catalogs) {
    if (!c || c === CATALOG) continue;
    for (const d of c.indicators) if (!known.has(d.id)) known.set(d.id, d);
    for (const r of c.relations) addRelation(r);
  }
  if (!known.size) return CATALOG;
  for (const d of CATALOG.indicators) if (!known.has(d.id)) known.set(d.id, d);
  for (const r of CATALOG.relations) addRelation(r);
  return { ...CATALOG, indicators: [...known.values()], relations };
}
