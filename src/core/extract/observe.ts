/**
 * Turning one value cell into an Observation: parse it with the one value parser in the right context,
 * convert it to the catalog unit, pin it to its absolute cell.
 */
import { a1 } from '../address';
import type { Catalog, IndicatorDef, Observation, ParsedValue, Period, UnknownFigure } from '../types';
import { parseValue } from '../value';
import { matchLabel, stripTimePhrase, type LabelMatch, type MatchContext } from '../match';
import { mappingFor } from '../meaning/mapping';
import { RESULT_SHEETS } from '../catalog';
import type { SheetView } from './sheet';

export interface Where {
  year: number | null;
  period: Period;
  entity: string | null;
  isTotal?: boolean;
  note?: string;
}

/** How many 元 one unit is; only money units convert. */
const MONEY: Record<string, number> = { 元: 1, 千元: 1000, 万元: 10000, 亿元: 1e8 };

function cleanFloat(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Number(x.toPrecision(12));
}

/** True when `unit` is the indicator's unit or one of its accepted aliases. */
export function unitFits(def: IndicatorDef, unit: string | null): boolean {
  if (!unit) return true;
  const u = unit === '％' ? '%' : unit;
  return u === def.unit || (def.unitAliases ?? []).includes(u);
}

/**
 * Parse the cell at (r, c) for indicator `def`.
 * `writtenUnit` is what the 单位 column or the label says; a unit written in the cell itself wins.
 */
export function observe(
  view: SheetView,
  def: IndicatorDef,
  label: string,
  r: number,
  c: number,
  opts: { writtenUnit: string | null; percentHeader: boolean } & Where,
): Observation {
  const parsed: ParsedValue = parseValue(view.raw(r, c), {
    numberFormat: view.format(r, c),
    percentHeader: opts.percentHeader || def.kind === 'rate',
    expect: def.kind,
    date1904: view.date1904,
  });
  const { value, unit, wan } = inCatalogUnit(def, parsed, opts.writtenUnit);
  const as = wan && !parsed.wan ? { ...parsed, wan: true } : parsed;
  return { indicator: def.id, ...pinned(view, label, r, c, as, parsed.kind === 'absent' || parsed.kind === 'invalid' ? null : value, unit, opts) };
}

/**
 * A parsed figure in the indicator's catalog unit: money converts (`1.3万元` → 1.3 for 万元), a count written in
 * ten thousands of its unit (`0.3` under a 万份 unit column or header) becomes 3000 份 (`wan`: written in 万, so its
 * precision is that of the 万 figure), a percent is `%`, a figure without a unit takes the catalog's. `writtenUnit` is what the 单位 column or label says. Cells and
 * report sentences (src/core/prose) alike.
 */
export function inCatalogUnit(
  def: IndicatorDef,
  parsed: ParsedValue,
  writtenUnit: string | null = null,
): { value: ParsedValue['value']; unit: string | null; wan: boolean } {
  let value = parsed.value;
  let unit: string | null = parsed.unit ?? writtenUnit ?? null;
  let wan = false;
  if (parsed.kind === 'percent') unit = '%';
  if (parsed.kind === 'number' && typeof value === 'number' && unit && def.unit && unit !== def.unit) {
    const from = MONEY[unit];
    const to = MONEY[def.unit];
    if (from !== undefined && to !== undefined) {
      value = cleanFloat((value * from) / to);
      unit = def.unit;
    } else if (to === undefined && unit.startsWith('万') && (unit === '万' || unitFits(def, unit.slice(1)))) {
      value = cleanFloat(value * 10000);
      unit = def.unit;
      wan = true;
    }
  }
  if (parsed.kind === 'number' || parsed.kind === 'percent') {
    if (!unit) unit = def.unit;
  } else {
    unit = unit ?? def.unit;
  }
  return { value, unit, wan };
}

/** A parsed cell as a figure pinned to its absolute cell, with its time, entity and note: what every figure carries. */
function pinned(view: SheetView, label: string, r: number, c: number, parsed: ParsedValue, value: UnknownFigure['value'], unit: string | null, opts: Where): UnknownFigure {
  const fig: UnknownFigure = {
    label,
    value,
    kind: parsed.kind,
    approx: parsed.approx !== null,
    markers: parsed.markers,
    unit,
    wan: parsed.wan,
    decimals: parsed.decimals,
    coverage: parsed.coverage,
    raw: parsed.raw,
    sheet: view.name,
    cell: a1(r, c),
    row: r,
    col: c,
    year: opts.year,
    period: opts.period,
    entity: opts.entity,
  };
  if (parsed.reason !== undefined) fig.reason = parsed.reason;
  if (opts.isTotal) fig.isTotal = true;
  if (opts.note) fig.note = opts.note;
  return fig;
}

/**
 * The figure of a row the catalog could not place, for the report: parsed by the one value parser as the cell
 * says, in the unit written (no catalog unit to convert to); a percent when the label or column says 率/%.
 */
export function observeUnknown(
  view: SheetView,
  label: string,
  r: number,
  c: number,
  opts: { writtenUnit: string | null; percentHeader: boolean } & Where,
): UnknownFigure {
  const parsed: ParsedValue = parseValue(view.raw(r, c), { numberFormat: view.format(r, c), percentHeader: opts.percentHeader, date1904: view.date1904 });
  const unit = parsed.kind === 'percent' ? '%' : parsed.kind === 'number' ? (parsed.unit ?? opts.writtenUnit ?? null) : null;
  return pinned(view, label, r, c, parsed, parsed.kind === 'absent' || parsed.kind === 'invalid' ? null : parsed.value, unit, opts);
}

/** The catalog place of a label, or why not; a leading time phrase (`2022年以来开展法治培训`) is for the year rule, not part of the name. */
export function place(label: string, catalog: Catalog, ctx: MatchContext): LabelMatch {
  // the user's own placement (指标对照) wins over any reading: of the label, or of the column's group and label
  const mine = mappingFor(ctx.mappings, label, ctx.sheet) ?? (ctx.parent ? mappingFor(ctx.mappings, `${ctx.parent}${label}`, ctx.sheet) : null);
  const def = mine ? catalog.indicators.find((d) => d.id === mine.id) : undefined;
  if (mine && def) return { id: def.id, score: 1, via: 'user', explain: `按“${mine.source ?? RESULT_SHEETS.mapping}”中的对照，“${label}”为“${def.name}”` };
  const first = matchLabel(label, catalog, ctx);
  if (first.id !== null) return first;
  const bare = stripTimePhrase(label);
  if (bare !== label && bare) {
    const again = matchLabel(bare, catalog, ctx);
    if (again.id !== null) return again;
  }
  return first;
}
