/**
 * The county consolidation: from the rows every input kept (rows.ts) to the county's year, the townships in the
 * totals, the totals and rates, and the findings across townships — each naming the townships and files involved.
 *
 * Never a wrong total: a township of another report year, a second file of the same township and a figure in a
 * unit that cannot be converted stay out of the 合计 with a finding saying so; a county rate is the rate of the
 * summed parts of only the townships that give both parts (never a sum or an average of rates).
 */
import { CATALOG, rateRelation } from '../catalog';
import { makeFinding, sortFindings, uniqueIds, whereText } from '../findings';
import { formatAmount, formatNumber } from '../format';
import { formatPercent, ratePercent, roundHalfUp } from '../rate';
import { unitFits } from '../extract/observe';
import { CHANGE_FACTOR, CHANGE_FLOOR, RATE_CHANGE_POINTS } from '../rules/consistency';
import type { ApproxMarker, Catalog, Finding, IndicatorDef } from '../types';
import { ComputedMap } from './compact';
import { countyRound, type CountyRound, type PreviousRound } from './rounds';
import { townshipKey, type CountyFigure, type CountyInput, type InputStatus, type TownshipRow } from './rows';

export interface ExpectedList {
  /** The list's file name, for messages. */
  name: string;
  entries: { township: string; line: number }[];
}

export interface ConsolidateOptions {
  catalog?: Catalog;
  /** The county's name (`示范县`), for titles and the narrative. */
  unit?: string | null;
  /** Summarise this report year (`--year`); default: the year most inputs give. */
  year?: number;
  /** The townships that must report (`--expect 乡镇名单.txt`). */
  expect?: ExpectedList;
  /** Last year's rows (`--previous 去年文件夹`), for year-over-year checks and phrases. */
  previous?: TownshipRow[];
  /** The previous round of this year's review (`--since 上次全县汇总.xlsx`, read by rounds.ts). */
  previousRound?: PreviousRound | null;
}

/** One township's cell in the summary: the figure in the catalog unit, whether the 合计 counts it, and its note. */
export interface SummaryCell {
  /** A number counted in the 合计; a text (`3万份`) when its unit cannot be converted (SUM leaves text out). */
  value: number | string;
  figure: CountyFigure;
  counted: boolean;
  note: string;
}

export interface SummaryRow {
  row: TownshipRow;
  /** Its cells by indicator, each made when asked for (SummaryCells): 73,000 notes are never held at once. */
  cells: ReadonlyMap<string, SummaryCell>;
}

export interface CountyTotal {
  indicator: string;
  value: number;
  approx: boolean;
  markers: ApproxMarker[];
  /** Townships whose figure is in it. */
  count: number;
}

export interface CountyRate {
  indicator: string;
  numerator: string;
  denominator: string;
  num: number;
  den: number;
  /** Percent, unrounded; null over a 0 denominator. */
  value: number | null;
  approx: boolean;
  /** Townships giving both parts (their parts are summed). */
  included: string[];
  /** Townships giving one part or only the rate: left out of the county rate. */
  leftOut: string[];
  /** The townships at the top and the bottom (all of those tied), when three or more give both parts and they differ. */
  high?: { townships: string[]; value: number };
  low?: { townships: string[]; value: number };
}

export interface InputIssue {
  /** Short words for the 审核情况 row (`未计入合计：2021年度`). */
  text: string;
  severity: Finding['severity'];
}

export interface County {
  catalog: Catalog;
  unit: string | null;
  year: number | null;
  inputs: InputStatus[];
  /** Per input file: what the consolidation found about it. */
  issues: Map<string, InputIssue[]>;
  /** Townships in the totals, in input order. */
  rows: SummaryRow[];
  /** Townships read but kept out of the totals, with why. */
  refused: { row: TownshipRow; reason: string }[];
  /** Indicators present in some township's row, in catalog order. */
  indicators: IndicatorDef[];
  totals: Map<string, CountyTotal>;
  rates: Map<string, CountyRate>;
  /** Last year's totals (`--previous`), for the narrative's year-over-year phrases. */
  previousTotals: Map<string, CountyTotal>;
  previousRates: Map<string, CountyRate>;
  findings: Finding[];
  /** This round of the review: each input against the previous round (first round without one). */
  round: CountyRound;
  /** The expected list (`--expect`, the page's 乡镇名单) and its townships without a file: rows of 审核情况 too. */
  expected: { list: string; missing: { township: string; line: number }[] } | null;
}

// ───────────────────────────── helpers ─────────────────────────────

/** `周营镇（“周营镇.xlsx” ‘指标’表 D5）`: a township named with its file and cell. */
export function townshipAt(row: TownshipRow, at?: { sheet: string; cell: string } | null): string {
  const where = at ?? row.nameAt ?? row.summaryAt ?? null;
  return `${row.township}（“${row.file}”${where ? ` ${whereText(where.sheet, where.cell)}` : ''}）`;
}

/** Where a township's row is named (its own workbook's name cell, or its row of a county summary), for a finding. */
function placeOf(row: TownshipRow): { sheet: string; cell: string } {
  const at = row.nameAt ?? row.summaryAt;
  return { sheet: at?.sheet ?? '', cell: at?.cell ?? '' };
}

/** Where a finding about one township's figure of `d` stands: its cell, the indicator, the township, keyed by its file. */
function figureSite(row: TownshipRow, f: CountyFigure, d: IndicatorDef) {
  return { sheet: f.sheet, cell: f.cell, indicators: [d.id], entity: row.township, period: 'current' as const, key: row.file };
}

function tidy(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The figure as the 合计 counts it. Extraction (inCatalogUnit, src/core/extract/observe.ts) has already put it in
 * the catalog's unit wherever the units convert (0.5万份 → 5000份, 1.3万元 → 13000元): here only the note saying
 * what the township wrote, or null when its unit is still another one (米 for 条), which cannot be summed.
 */
function inTotals(f: CountyFigure, def: IndicatorDef): { value: number; note: string } | null {
  const v = f.value as number;
  const want = def.unit;
  const have = f.unit;
  if (f.kind === 'percent' || !want || !have) return { value: v, note: '' };
  if (!unitFits(def, have)) return null;
  const inWan = f.wan && !want.startsWith('万') && !have.startsWith('万');
  return { value: v, note: inWan ? `原报${formatNumber(tidy(v / 10000))}万${have}，按${formatNumber(v)}${have}汇总` : '' };
}

function totalMarkers(list: CountyFigure[]): ApproxMarker[] {
  const approx = list.filter((f) => f.approx);
  if (!approx.length) return [];
  const first = approx[0].markers.join('');
  // 3000余 + 200余 is 3200余; 近300 + 20余 is neither: about (约)
  return approx.every((f) => f.markers.join('') === first) && approx[0].markers.length === 1 ? [...approx[0].markers] : ['约'];
}

function sumRows(rows: { township: string; cells: ReadonlyMap<string, SummaryCell> }[], defs: IndicatorDef[], catalog: Catalog) {
  const names = new Map(catalog.indicators.map((d) => [d.id, d.name]));
  const totals = new Map<string, CountyTotal>();
  for (const d of defs) {
    if (d.kind !== 'count' && d.kind !== 'amount') continue;
    const counted = rows.map((r) => r.cells.get(d.id)).filter((c): c is SummaryCell => !!c && c.counted && typeof c.value === 'number');
    if (!counted.length) continue;
    const figs = counted.map((c) => c.figure);
    totals.set(d.id, {
      indicator: d.id,
      value: tidy(counted.reduce((s, c) => s + (c.value as number), 0)),
      approx: figs.some((f) => f.approx),
      markers: totalMarkers(figs),
      count: counted.length,
    });
  }
  const rates = new Map<string, CountyRate>();
  for (const d of defs) {
    if (d.kind !== 'rate') continue;
    const rel = rateRelation(d.id, catalog);
    if (!rel) continue;
    const included: string[] = [];
    const leftOut: string[] = [];
    let num = 0;
    let den = 0;
    let approx = false;
    const own: { township: string; value: number }[] = [];
    for (const r of rows) {
      const n = r.cells.get(rel.numerator);
      const m = r.cells.get(rel.denominator);
      const both = n?.counted && m?.counted && typeof n.value === 'number' && typeof m.value === 'number';
      // a part larger than its whole (15 resolved of 13 received) is an error the township's check reports: not summed
      if (both && (n!.value as number) > (m!.value as number)) {
        leftOut.push(`${r.township}（${names.get(rel.numerator)}大于${names.get(rel.denominator)}）`);
        continue;
      }
      if (both) {
        included.push(r.township);
        num += n!.value as number;
        den += m!.value as number;
        approx ||= n!.figure.approx || m!.figure.approx;
        const p = ratePercent(n!.value as number, m!.value as number);
        if (p != null) own.push({ township: r.township, value: roundHalfUp(p, 1) });
      } else if (n || m || r.cells.has(d.id)) leftOut.push(r.township);
    }
    if (!included.length) continue;
    const rate: CountyRate = { indicator: d.id, numerator: rel.numerator, denominator: rel.denominator, num: tidy(num), den: tidy(den), value: ratePercent(tidy(num), tidy(den)), approx, included, leftOut };
    if (own.length >= 3) {
      const hi = Math.max(...own.map((x) => x.value));
      const lo = Math.min(...own.map((x) => x.value));
      if (hi !== lo) {
        rate.high = { townships: own.filter((x) => x.value === hi).map((x) => x.township), value: hi };
        rate.low = { townships: own.filter((x) => x.value === lo).map((x) => x.township), value: lo };
      }
    }
    rates.set(d.id, rate);
  }
  return { totals, rates };
}

/** One township's summary cell: the figure as the 合计 counts it (or why not); its note made when it is read. */
class TownshipCell implements SummaryCell {
  constructor(
    readonly value: number | string,
    readonly figure: CountyFigure,
    readonly counted: boolean,
    private readonly row: TownshipRow,
    /** What the note says after where the figure comes from. */
    private readonly more: string | null,
  ) {}

  get note(): string {
    const f = this.figure;
    const from = `来源：“${this.row.file}”${whereText(f.sheet, f.cell, this.row.summaryAt ? this.row.township : null)}`;
    return [f.computed ? `${from}等处的数字计算` : from, ...(f.approx ? [`原报“${f.raw}”，是约数`] : []), ...(this.more ? [this.more] : [])].join('；');
  }
}

function summaryCell(row: TownshipRow, f: CountyFigure, def: IndicatorDef): SummaryCell {
  if (f.kind === 'yesno') return new TownshipCell(f.value ? '是' : '否', f, false, row, null);
  const conv = inTotals(f, def);
  if (!conv) return new TownshipCell(`${formatNumber(f.value as number)}${f.unit ?? ''}`, f, false, row, `以“${f.unit}”计，与其他乡镇的单位不同，未计入合计`);
  return new TownshipCell(conv.value, f, true, row, conv.note || null);
}

/** A township's summary cells, one per figure of an indicator the county knows, each made when it is asked for. */
class SummaryCells extends ComputedMap<SummaryCell> {
  protected readonly ids: readonly string[];

  constructor(
    private readonly row: TownshipRow,
    private readonly defs: Map<string, IndicatorDef>,
  ) {
    super();
    this.ids = [...row.figures.keys()].filter((id) => defs.has(id));
  }

  protected make(i: number): SummaryCell {
    const id = this.ids[i];
    return summaryCell(this.row, this.row.figures.get(id)!, this.defs.get(id)!);
  }
}

function cellsOf(row: TownshipRow, defs: Map<string, IndicatorDef>): ReadonlyMap<string, SummaryCell> {
  return new SummaryCells(row, defs);
}

function majorityYear(rows: TownshipRow[]): number | null {
  const count = new Map<number, number>();
  for (const r of rows) if (r.year != null) count.set(r.year, (count.get(r.year) ?? 0) + 1);
  let best: number | null = null;
  let n = 0;
  for (const [y, c] of count) if (c > n || (c === n && best != null && y > best)) (best = y), (n = c);
  return best;
}

/** A summed or compared value of `d` as the county's findings say it (`95.9%`, `3000份`). */
function showValue(x: number, d: IndicatorDef): string {
  return d.kind === 'rate' ? formatPercent(x) : formatAmount(x, d.unit, [], false);
}

function showFigure(f: CountyFigure, def: IndicatorDef): string {
  if (f.kind === 'percent') return formatPercent(f.value as number);
  return formatAmount(f.value as number, f.unit ?? def.unit, f.markers, f.wan, f.raw);
}

// ───────────────────────────── consolidate ─────────────────────────────

export function consolidate(inputs: CountyInput[], opts: ConsolidateOptions = {}): County {
  const catalog = opts.catalog ?? CATALOG;
  const defs = new Map(catalog.indicators.map((d) => [d.id, d]));
  const findings: Finding[] = [];
  const issues = new Map<string, InputIssue[]>();
  const issue = (file: string, text: string, severity: Finding['severity']) => {
    const list = issues.get(file) ?? [];
    if (!list.some((x) => x.text === text)) list.push({ text, severity });
    issues.set(file, list);
  };

  for (const inp of inputs) {
    if (inp.status.readable) continue;
    const reason = (inp.status.message ?? '').replace(/[。.\s]+$/, '');
    if (inp.status.failure != null) {
      const detail = inp.status.failure.replace(/[。.\s]+$/, '');
      findings.push(makeFinding('county-check-failed', { sheet: '', cell: '', indicators: [], entity: null, period: null, key: inp.status.file, vars: { message: reason, detail } }));
      issue(inp.status.file, '检查出错，未汇总', 'error');
      continue;
    }
    findings.push(makeFinding('county-unreadable', { sheet: '', cell: '', indicators: [], entity: null, period: null, key: inp.status.file, vars: { file: inp.status.file, reason } }));
    issue(inp.status.file, '无法读取，未汇总', 'error');
  }

  const all = inputs.flatMap((i) => i.rows);
  const year = opts.year ?? majorityYear(all);
  const rows: SummaryRow[] = [];
  const refused: County['refused'] = [];
  const byKey = new Map<string, TownshipRow>();
  // a township's own workbook wins over its row in a county summary, whatever the order they came in
  const order = [...all.filter((r) => !r.summaryAt), ...all.filter((r) => r.summaryAt)];
  const kept = new Set<TownshipRow>();
  for (const row of order) {
    if (year != null && row.year != null && row.year !== year) {
      refused.push({ row, reason: `${row.year}年度` });
      const yearWhere = row.yearAt ? `见${whereText(row.yearAt.sheet, row.yearAt.cell)}` : '见工作簿';
      findings.push(
        makeFinding('county-other-year', {
          sheet: row.yearAt?.sheet ?? '',
          cell: row.yearAt?.cell ?? '',
          indicators: [],
          entity: row.township,
          period: null,
          key: `${row.file}|${row.township}`,
          vars: { file: row.file, township: row.township, year: String(row.year), county: String(year), yearWhere },
        }),
      );
      issue(row.file, `未计入合计：${row.year}年度`, 'error');
      continue;
    }
    const first = byKey.get(row.key);
    if (first) {
      refused.push({ row, reason: `与“${first.file}”重复` });
      findings.push(
        makeFinding('county-duplicate', {
          ...placeOf(row),
          indicators: [],
          entity: row.township,
          period: null,
          key: `${first.file}|${row.file}|${row.key}`,
          vars: { township: row.township, first: `“${first.file}”${first.summaryAt ? `（${whereText(first.summaryAt.sheet, first.summaryAt.cell)}）` : ''}`, second: `“${row.file}”${row.summaryAt ? `（${whereText(row.summaryAt.sheet, row.summaryAt.cell)}）` : ''}` },
        }),
      );
      issue(row.file, `未计入合计：${row.township}与“${first.file}”重复`, 'error');
      issue(first.file, `${row.township}另有“${row.file}”`, 'error');
      continue;
    }
    byKey.set(row.key, row);
    kept.add(row);
    if (year != null && row.year == null) issue(row.file, '工作簿未写明报告年度，按本次汇总年度计入', 'hint');
  }
  for (const row of all) if (kept.has(row)) rows.push({ row, cells: cellsOf(row, defs) });

  const indicators = catalog.indicators.filter((d) => rows.some((r) => r.cells.has(d.id)));

  // units: a figure in a unit that cannot be converted is out of the 合计, named beside a township in the catalog's
  for (const d of indicators) {
    const odd = rows.filter((r) => {
      const c = r.cells.get(d.id);
      return !!c && !c.counted && c.figure.kind === 'number';
    });
    if (!odd.length) continue;
    const norm = rows.find((r) => r.cells.get(d.id)?.counted);
    for (const r of odd) {
      const c = r.cells.get(d.id)!;
      const otherUnit = norm?.cells.get(d.id)?.figure.unit ?? d.unit ?? '';
      findings.push(
        makeFinding('county-unit-mismatch', {
          ...figureSite(r.row, c.figure, d),
          vars: {
            name: d.name,
            first: townshipAt(r.row, c.figure),
            unit: c.figure.unit ?? '',
            actual: showFigure(c.figure, d),
            second: norm ? townshipAt(norm.row, norm.cells.get(d.id)!.figure) : '县里的指标目录',
            otherUnit,
            township: r.row.township,
          },
        }),
      );
      issue(r.row.file, `“${d.name}”单位为“${c.figure.unit}”，未计入合计`, 'error');
    }
  }

  const { totals, rates } = sumRows(rows.map((r) => ({ township: r.row.township, cells: r.cells })), indicators, catalog);

  // robust outliers (median and MAD): a hint, never a correction
  for (const d of indicators) {
    if (d.kind === 'yesno' || d.kind === 'text') continue;
    const pts = rows
      .map((r) => ({ r, c: r.cells.get(d.id) }))
      .filter((x): x is { r: SummaryRow; c: SummaryCell } => !!x.c && x.c.counted && typeof x.c.value === 'number' && !x.c.figure.approx);
    if (pts.length < 5) continue;
    const xs = pts.map((p) => p.c.value as number);
    const med = median(xs);
    const mad = median(xs.map((x) => Math.abs(x - med)));
    if (mad === 0) continue;
    const floor = d.kind === 'rate' ? 10 : CHANGE_FLOOR;
    for (const p of pts) {
      const x = p.c.value as number;
      const z = (0.6745 * (x - med)) / mad;
      if (Math.abs(z) <= 3.5 || Math.abs(x - med) < floor) continue;
      // the nearest other township on the same side of the median, so the finding names two townships
      const others = pts.filter((q) => q !== p);
      const nearest = others.reduce((a, b) => (Math.abs((b.c.value as number) - x) < Math.abs((a.c.value as number) - x) ? b : a));
      findings.push(
        makeFinding('county-outlier', {
          ...figureSite(p.r.row, p.c.figure, d),
          vars: {
            first: townshipAt(p.r.row, p.c.figure),
            name: d.name,
            actual: showValue(x, d),
            direction: x > med ? '远高于' : '远低于',
            count: pts.length,
            median: showValue(tidy(med), d),
            other: nearest.r.row.township,
            otherValue: showValue(nearest.c.value as number, d),
          },
        }),
      );
      issue(p.r.row.file, `“${d.name}”明显偏离其他乡镇`, 'hint');
    }
  }

  // year over year, per township, against last year's files
  let previousTotals = new Map<string, CountyTotal>();
  let previousRates = new Map<string, CountyRate>();
  if (opts.previous?.length) {
    const prevByKey = new Map<string, TownshipRow>();
    for (const p of opts.previous) if (!prevByKey.has(p.key)) prevByKey.set(p.key, p);
    const prevRows = [...prevByKey.values()].map((row) => ({ township: row.township, cells: cellsOf(row, defs) }));
    ({ totals: previousTotals, rates: previousRates } = sumRows(prevRows, indicators, catalog));
    for (const r of rows) {
      const prev = prevByKey.get(r.row.key);
      if (!prev) continue;
      const prevCells = cellsOf(prev, defs);
      for (const d of indicators) {
        const c = r.cells.get(d.id);
        const p = prevCells.get(d.id);
        if (!c || !p || !c.counted || !p.counted || c.figure.approx || p.figure.approx) continue;
        const cv = c.value as number;
        const pv = p.value as number;
        let change = '';
        if (d.kind === 'rate') {
          const diff = Math.abs(cv - pv);
          if (diff >= RATE_CHANGE_POINTS) change = `${cv > pv ? '提高' : '下降'}了${formatNumber(roundHalfUp(diff, 1))}个百分点`;
        } else if (cv >= CHANGE_FLOOR && pv >= CHANGE_FLOOR) {
          if (cv >= CHANGE_FACTOR * pv) change = `是上年的${formatNumber(roundHalfUp(cv / pv, 1))}倍`;
          else if (cv * CHANGE_FACTOR <= pv) change = `仅为上年的${formatPercent(roundHalfUp((cv / pv) * 100, 1))}`;
        }
        if (!change) continue;
        findings.push(
          makeFinding('county-large-change', {
            ...figureSite(r.row, c.figure, d),
            vars: {
              first: townshipAt(r.row, c.figure),
              name: d.name,
              actual: showValue(cv, d),
              expectedText: showValue(pv, d),
              prev: `去年“${prev.file}”${whereText(p.figure.sheet, p.figure.cell)}`,
              change,
              township: r.row.township,
            },
          }),
        );
        issue(r.row.file, `“${d.name}”与上年相比变化过大`, 'verify');
      }
    }
  }

  // the expected list: every township on it has a file; every file's township is on it
  let expected: County['expected'] = null;
  if (opts.expect) {
    const listed = new Set(opts.expect.entries.map((e) => townshipKey(e.township)));
    const seen = new Set(all.map((r) => r.key));
    const missing = opts.expect.entries.filter((e) => !seen.has(townshipKey(e.township)));
    expected = { list: opts.expect.name, missing: missing.map((e) => ({ township: e.township, line: e.line })) };
    for (const e of missing) {
      findings.push(
        makeFinding('county-missing', {
          sheet: '',
          cell: '',
          indicators: [],
          entity: e.township,
          period: null,
          key: `${opts.expect.name}|${e.township}`,
          vars: { list: opts.expect.name, line: e.line, township: e.township },
        }),
      );
    }
    for (const r of all) {
      if (listed.has(r.key)) continue;
      const near = missing.length ? `（名单中没有工作簿的有${missing.slice(0, 5).map((e) => `“${e.township}”`).join('、')}）` : '';
      findings.push(
        makeFinding('county-unlisted', {
          ...placeOf(r),
          indicators: [],
          entity: r.township,
          period: null,
          key: `${r.file}|${r.key}`,
          vars: { second: `“${r.file}”`, township: r.township, list: opts.expect.name, near },
        }),
      );
      issue(r.file, `${r.township}不在名单中`, 'hint');
    }
  }

  return {
    catalog,
    unit: opts.unit?.trim() || null,
    year,
    inputs: inputs.map((i) => i.status),
    issues,
    rows,
    refused,
    indicators,
    totals,
    rates,
    previousTotals,
    previousRates,
    findings: sortFindings(uniqueIds(findings)),
    round: countyRound(
      inputs.map((i) => i.status),
      opts.previousRound ?? null,
    ),
    expected,
  };
}
