/** Rules across cells of one indicator: two values, other years, jumps, missing figures. */
import { SECTION_NAMES } from '../catalog';
import { formatNumber, makeFinding, showObs, whereObs, whereText } from '../findings';
import { roundHalfUp } from '../rate';
import { a1 } from '../address';
import { sectionOfHeading } from '../meaning/sections';
import type { Finding, IndicatorDef, IndicatorKind, Observation, SectionId } from '../types';
import type { RuleContext } from './context';
import { disjoint, entityKey, groupBy, groupKey, interval, num } from './util';

function name(ctx: RuleContext, id: string): string {
  return ctx.defs.get(id)?.name ?? id;
}

function show(ctx: RuleContext, o: Observation): string {
  return showObs(o, ctx.defs.get(o.indicator));
}

function holds(o: Observation): boolean {
  return num(o) != null || (o.kind === 'yesno' && typeof o.value === 'boolean');
}

/** Two figures that cannot both be right. `3000余` and `3000` can; `94.6%` and `95%` can (rounding). */
function conflict(a: Observation, b: Observation): boolean {
  if (typeof a.value === 'boolean' || typeof b.value === 'boolean') return a.value !== b.value;
  if (a.value === b.value) return false;
  const ia = interval(a);
  const ib = interval(b);
  return !!ia && !!ib && disjoint(ia, ib);
}

/**
 * One indicator with two different values for the same township and period. The finding sits on the
 * later cell (sheet order, row, column) and refers to both.
 */
export function conflictingValues(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const groups = groupBy(
    ctx.observations.filter(holds),
    (o) => `${o.indicator}\u0002${groupKey(o)}`,
  );
  for (const list of groups.values()) {
    let found: [Observation, Observation] | null = null;
    // compare each figure with the distinct figures before it (a value repeated 1000 times is compared once)
    const distinct = new Map<string, Observation>();
    for (const o of list) {
      const sig = `${String(o.value)}|${o.markers.join('')}|${o.decimals ?? ''}|${o.wan ? 'w' : ''}|${o.kind}`;
      if (distinct.has(sig)) continue;
      const earlier = [...distinct.values()].find((e) => conflict(e, o));
      if (earlier) {
        found = [earlier, o];
        break;
      }
      distinct.set(sig, o);
    }
    if (!found) continue;
    const [first, second] = found;
    out.push(
      makeFinding('conflicting-values', {
        sheet: second.sheet,
        cell: second.cell,
        cells: [first],
        indicators: [second.indicator],
        entity: second.entity,
        period: second.period,
        // a report's sentence is not filled in: it says (写作) a figure
        variant: first.source === 'text' || second.source === 'text' ? 'text' : undefined,
        vars: {
          where: whereObs(second),
          firstWhere: whereObs(first),
          name: name(ctx, second.indicator),
          expectedText: show(ctx, first),
          actualText: show(ctx, second),
        },
        expected: first.value as number | boolean,
        actual: second.value as number | boolean,
      }),
    );
  }
  return out;
}

/** Rates: a change of this many percentage points or more is worth a question. */
export const RATE_CHANGE_POINTS = 30;
/** Counts and amounts: this many times (or this fraction of) last year's figure … */
export const CHANGE_FACTOR = 3;
/** … when both years are at least this large. */
export const CHANGE_FLOOR = 10;

/**
 * A figure that jumps far from last year's. Thresholds: small counts swing by chance (2 meetings one year,
 * 7 the next is ordinary), so both years must be at least 10; from there a tripling or a fall to a third is
 * far outside ordinary year-to-year variation (for a Poisson count around 10, 30 lies six standard deviations
 * away) and usually means a unit slip (份 vs 万份), a cumulative figure, or another year's column.
 * Rates: 30 percentage points, about the gap between a weak and a good year in the reports.
 */
export function largeChange(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const figures = ctx.observations.filter((o) => num(o) != null && (o.period === 'current' || o.period === 'previous'));
  // only an indicator with a figure for last year can change
  const withPrevious = new Set(figures.filter((o) => o.period === 'previous').map((o) => o.indicator));
  const groups = groupBy(
    figures.filter((o) => withPrevious.has(o.indicator)),
    (o) => `${o.indicator}\u0002${entityKey(o)}`,
  );
  for (const list of groups.values()) {
    const cur = list.find((o) => o.period === 'current');
    const prev = list.find((o) => o.period === 'previous');
    if (!cur || !prev) continue;
    const def = ctx.defs.get(cur.indicator);
    if (!def) continue;
    const c = num(cur)!;
    const p = num(prev)!;
    let change: string | null = null;
    if (def.kind === 'rate') {
      const d = Math.abs(c - p);
      if (d >= RATE_CHANGE_POINTS) change = `${c > p ? '提高' : '下降'}了${formatNumber(roundHalfUp(d, 1))}个百分点`;
    } else if (c >= CHANGE_FLOOR && p >= CHANGE_FLOOR) {
      if (c >= CHANGE_FACTOR * p) change = `是上年的${formatNumber(roundHalfUp(c / p, 1))}倍`;
      else if (c * CHANGE_FACTOR <= p) change = `仅为上年的${formatNumber(roundHalfUp((c / p) * 100, 1))}%`;
    }
    if (!change) continue;
    const f = makeFinding('large-change', {
      sheet: cur.sheet,
      cell: cur.cell,
      cells: [prev],
      indicators: [cur.indicator],
      entity: cur.entity,
      period: 'current',
      vars: {
        where: whereObs(cur),
        name: def.name,
        actual: show(ctx, cur),
        expectedText: show(ctx, prev),
        prevWhere: whereObs(prev),
        change,
      },
      expected: p,
      actual: c,
    });
    // the row's 备注 is the township's explanation: the finding stays visible, as explained, with the note
    const note = (cur.note ?? prev.note ?? '').trim();
    if (note) {
      f.status = 'explained';
      f.explanation = `备注：${note}`;
    }
    out.push(f);
  }
  return out;
}

const YEAR_RE = /((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)/g;

const SPAN_RE = /((?:19|20)\d{2})\s*年?\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年/g;

function yearsIn(text: string): number[] {
  if (!text.includes('年')) return [];
  return [...text.matchAll(YEAR_RE)].map((m) => Number(m[1]));
}

/** A span that includes the year (`2021-2025年`, `2021年至2025年`) is not another year. */
function spanCovers(text: string, year: number): boolean {
  return [...text.matchAll(SPAN_RE)].some((m) => Number(m[1]) <= year && year <= Number(m[2]));
}

/**
 * Figures for the wrong period:
 * - an indicator whose only figures are in another year's column (neither this year nor last year);
 *   one finding per column of a sheet, naming the indicators;
 * - a label that names another year (`2023年以来受理信访案件` in a 2024 workbook);
 * - a sheet title with another year than the identity's 报告年度.
 */
export function yearMismatch(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const year = ctx.year;
  if (year == null) return out;
  const present = ctx.observations.filter((o) => o.kind !== 'absent');
  // (a) only another year's figure
  const lonely: Observation[] = [];
  // only an indicator with a figure for another year can be lonely
  const otherYear = new Set(present.filter((o) => o.period === 'other').map((o) => o.indicator));
  for (const list of groupBy(present.filter((o) => otherYear.has(o.indicator)), (o) => `${o.indicator}\u0002${entityKey(o)}`).values()) {
    if (list.some((o) => o.period !== 'other')) continue;
    lonely.push(list[0]);
  }
  for (const list of groupBy(lonely, (o) => `${o.sheet}\u0002${o.col}\u0002${o.year ?? ''}\u0002${entityKey(o)}`).values()) {
    const first = list[0];
    const ids = [...new Set(list.map((o) => o.indicator))];
    const names = ids.slice(0, 3).map((id) => name(ctx, id)).join('、') + (ids.length > 3 ? `等${ids.length}项指标` : '');
    out.push(
      makeFinding('year-mismatch', {
        sheet: first.sheet,
        cell: first.cell,
        cells: list,
        indicators: ids,
        entity: first.entity,
        period: 'other',
        key: 'other',
        vars: {
          where: list.length > 1 ? `${whereObs(first)}等${list.length}处` : whereObs(first),
          names,
          obsYear: first.year != null ? String(first.year) : '其他',
          year: String(year),
        },
        expected: year,
        actual: first.year,
      }),
    );
  }
  // (b) a label naming another year
  for (const o of present) {
    const target = o.year ?? (o.period === 'current' ? year : o.period === 'previous' ? year - 1 : null);
    if (target == null) continue;
    const ys = yearsIn(o.label ?? '');
    if (ys.length === 0 || ys.includes(target) || spanCovers(o.label ?? '', target)) continue;
    out.push(
      makeFinding('year-mismatch', {
        sheet: o.sheet,
        cell: o.cell,
        indicators: [o.indicator],
        entity: o.entity,
        period: o.period,
        variant: 'label',
        key: 'label',
        vars: { where: whereObs(o), label: o.label, labelYear: String(ys[0]), year: String(target) },
        expected: target,
        actual: ys[0],
      }),
    );
  }
  // (c) a sheet title with another year
  const idCell = ctx.extraction.identityCells?.year;
  for (const t of ctx.titles) {
    if (idCell && idCell.sheet === t.sheet && idCell.cell === t.cell) continue;
    const ys = yearsIn(t.text);
    if (ys.length === 0 || ys.includes(year) || spanCovers(t.text, year)) continue;
    // next year's plans (`2024年工作安排` in a 2023 report) are about next year by design
    if (ys.every((y) => y === year + 1) && /下一?年|下步|计划|安排|打算|思路/.test(t.text)) continue;
    out.push(
      makeFinding('year-mismatch', {
        sheet: t.sheet,
        cell: t.cell,
        cells: idCell ? [idCell] : [],
        indicators: [],
        entity: null,
        period: null,
        variant: 'title',
        key: 'title',
        vars: {
          title: t.text,
          titleYear: String(ys[0]),
          year: String(year),
          identityWhere: idCell ? whereText(idCell.sheet, idCell.cell) : '工作簿',
        },
        expected: year,
        actual: ys[0],
      }),
    );
  }
  return out;
}

const DATA_LAYOUTS = new Set(['rows', 'rates', 'years', 'summary']);

function firstDataSheet(ctx: RuleContext): string {
  // the tool's own sheets are the extraction's `results` tables (name + content); a township's 计算结果 is data
  const ours = new Set(ctx.extraction.tables.filter((x) => x.layout === 'results').map((x) => x.sheet));
  const data = new Set(ctx.extraction.tables.filter((x) => DATA_LAYOUTS.has(x.layout)).map((x) => x.sheet));
  return (
    ctx.sheetOrder.find((s) => data.has(s)) ??
    ctx.observations[0]?.sheet ??
    ctx.sheetOrder.find((s) => !ours.has(s)) ??
    ctx.extraction.tables[0]?.sheet ??
    ''
  );
}

function fillWords(kind: IndicatorKind): { what: string; fill: string } {
  return kind === 'yesno' ? { what: '情况（是或否）', fill: '“否”' } : kind === 'text' ? { what: '内容', fill: '“无”' } : { what: '数字', fill: '“0”' };
}

/**
 * A required indicator with no figure for the report year. Points at the blank cell when the sheet has a row for
 * it (待核实). A workbook that lists no row at all for some required indicators:
 *  - those the county's definitions mark 必填 are each a 待核实, placed where the row belongs: the heading row of its
 *    section when the workbook has one, else a sheet named for the section, else A1 of the first data sheet;
 *  - the rest (the built-in catalog's required ones) are ONE hint listing them — a workbook not made from the
 *    county's template is not wrong for keeping other rows.
 * Summary rows (townships) are checked only where the summary has a cell for the indicator; an indicator present
 * only for another year is `year-mismatch`.
 */
export function missingRequired(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const required = ctx.catalog.indicators.filter((d) => d.required);
  if (required.length === 0) return out;
  const byEntity = groupBy(ctx.observations, entityKey);
  const hasOwn = [...byEntity.values()].some((l) => l[0].entity == null && !l[0].isTotal);
  const hasEntities = [...byEntity.values()].some((l) => l[0].entity != null);
  const groups: { own: boolean; list: Observation[] }[] = [...byEntity.values()]
    .filter((l) => !l[0].isTotal)
    .map((l) => ({ own: l[0].entity == null, list: l }));
  if (!hasOwn && !hasEntities) groups.push({ own: true, list: [] });
  const unlisted: IndicatorDef[] = [];
  for (const { own, list } of groups) {
    const byIndicator = groupBy(list, (o) => o.indicator);
    for (const def of required) {
      const mine = byIndicator.get(def.id) ?? [];
      if (mine.some((o) => o.kind !== 'absent' && o.period !== 'previous')) continue;
      const blank = mine.find((o) => o.kind === 'absent' && o.period === 'current');
      if (blank) {
        out.push(
          makeFinding('missing-required', {
            sheet: blank.sheet,
            cell: blank.cell,
            indicators: [def.id],
            entity: blank.entity,
            period: 'current',
            vars: { where: whereObs(blank), name: def.name, ...fillWords(def.kind) },
          }),
        );
      } else if (own && ctx.county?.required.has(def.id)) {
        const at = ctx.county.required.get(def.id)!;
        const place = sectionPlace(ctx, def.section);
        out.push(
          makeFinding('missing-required', {
            sheet: place.sheet,
            cell: place.cell,
            indicators: [def.id],
            entity: null,
            period: 'current',
            variant: 'none',
            vars: {
              // a workbook without any sheet has no cell to point at: the finding is about the whole workbook
              where: place.sheet ? whereText(place.sheet, place.cell) : '本工作簿',
              name: def.name,
              section: SECTION_NAMES[def.section],
              source: `县级指标定义“${at.file}”${at.cell ? `的${at.sheet}!${at.cell}` : at.sheet ? `的${at.sheet}` : ''}`,
              ...fillWords(def.kind),
            },
          }),
        );
      } else if (own) unlisted.push(def);
    }
  }
  if (unlisted.length) {
    const sheet = firstDataSheet(ctx);
    out.push(
      makeFinding('missing-required', {
        sheet,
        cell: sheet ? 'A1' : '',
        indicators: unlisted.map((d) => d.id),
        entity: null,
        period: 'current',
        variant: 'list',
        key: 'list',
        vars: { where: sheet ? whereText(sheet, 'A1') : '本工作簿', count: String(unlisted.length), names: unlisted.map((d) => `“${d.name}”`).join('、') },
      }),
    );
  }
  return out;
}

/** Where a section's missing row belongs: its heading row in an indicator table, a sheet named for it, or the first data sheet. */
function sectionPlace(ctx: RuleContext, section: SectionId): { sheet: string; cell: string } {
  const data = new Set(ctx.extraction.tables.filter((x) => DATA_LAYOUTS.has(x.layout)).map((x) => x.sheet));
  const heading = (ctx.extraction.headings ?? []).find((h) => data.has(h.sheet) && sectionOfHeading(h.text) === section);
  if (heading) return { sheet: heading.sheet, cell: heading.cell };
  const named = ctx.sheetOrder.find((s) => data.has(s) && sectionOfHeading(s) === section);
  if (named) return { sheet: named, cell: firstCell(ctx, named) };
  const sheet = firstDataSheet(ctx);
  return { sheet, cell: sheet ? firstCell(ctx, sheet) : '' };
}

/** The sheet's first cell (where its grid starts). */
function firstCell(ctx: RuleContext, sheet: string): string {
  const o = ctx.sheets.find((s) => s.name === sheet)?.origin;
  return o ? a1(o.row, o.col) : 'A1';
}
