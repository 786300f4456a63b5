/** Shared helpers of the rules: the range an approximate figure stands for, grouping, ordering. */
import type { Observation, Period } from '../types';

export interface Interval {
  lo: number;
  hi: number;
}

/** Numeric value of an observation that holds a figure (count, amount or percent); null otherwise. */
export function num(o: Observation | null | undefined): number | null {
  if (!o) return null;
  if (o.kind !== 'number' && o.kind !== 'percent') return null;
  return typeof o.value === 'number' && Number.isFinite(o.value) ? o.value : null;
}

export function isApprox(o: Observation): boolean {
  return o.approx || (o.markers?.length ?? 0) > 0;
}

/**
 * The values a figure as written may stand for.
 * - `3000余` / `20多` / `100以上` / `不少于30`: at least the number, no upper bound.
 * - `近300`: a little under: [90 %, 100 %] of the number.  `约50`: ±10 %.
 * - Rounding of what was written: `94.6%` ±0.05, `98%` ±0.5, `1.3万` ±0.05万, `12.5万元` ±0.05; a plain
 *   count is exact. Rounding ends are open (shrunk by a hair) so `95%` and `96%` do not touch.
 */
export function interval(o: Observation): Interval | null {
  const v = num(o);
  if (v == null) return null;
  let lo = v;
  let hi = v;
  const markers = o.markers ?? [];
  for (const m of markers) {
    if (m === '余' || m === '多' || m === '以上' || m === '不少于') hi = Infinity;
    else if (m === '近') lo = Math.min(lo, v * 0.9);
    else if (m === '约') {
      lo = Math.min(lo, v * 0.9);
      hi = Math.max(hi, v * 1.1);
    }
  }
  if (o.approx && markers.length === 0) {
    lo = Math.min(lo, v * 0.9);
    hi = Math.max(hi, v * 1.1);
  }
  const d = Math.max(0, Math.min(o.decimals ?? 0, 6));
  let half = 0;
  if (o.kind === 'percent') half = 0.5 / 10 ** d;
  else if (o.wan) half = (0.5 / 10 ** d) * ((o.unit ?? '').startsWith('万') ? 1 : 10000);
  else if (d > 0) half = 0.5 / 10 ** d;
  if (half > 0) {
    const eps = 1e-9 * Math.max(1, Math.abs(v));
    lo -= half - eps;
    hi += half - eps;
  }
  return { lo, hi };
}

/** True when two intervals certainly do not overlap. */
export function disjoint(a: Interval, b: Interval): boolean {
  return a.hi < b.lo || b.hi < a.lo;
}

/** Key of the (entity, period) group an observation belongs to; a summary's 合计 row is its own entity. */
export function groupKey(o: { entity: string | null; isTotal?: boolean; period: Period; year: number | null }): string {
  return `${o.entity ?? ''}\u0001${o.isTotal ? 'T' : ''}\u0001${o.period}\u0001${o.period === 'other' ? (o.year ?? '') : ''}`;
}

/** Same entity (a 合计 row apart), any period. */
export function entityKey(o: { entity: string | null; isTotal?: boolean }): string {
  return `${o.entity ?? ''}\u0001${o.isTotal ? 'T' : ''}`;
}

export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}

/** The observations of one (entity, period) group (`groupKey`), in order, with an index by indicator. */
export interface ObsGroup {
  list: Observation[];
  /** The group's observations of one indicator, in order (empty when it has none). */
  of(indicator: string): readonly Observation[];
}

const NONE: readonly Observation[] = [];

/** The (entity, period) groups in order of first appearance; the rules share them (RuleContext.groups). */
export function groupObservations(observations: Observation[]): ObsGroup[] {
  return [...groupBy(observations, groupKey).values()].map((list) => {
    const byIndicator = groupBy(list, (o) => o.indicator);
    return { list, of: (indicator: string) => byIndicator.get(indicator) ?? NONE };
  });
}

/** The group's first observation of `indicator` holding a figure. */
export function firstFigure(group: ObsGroup, indicator: string): Observation | undefined {
  return group.of(indicator).find((o) => num(o) != null);
}

/** Order observations by sheet order, row, column (stable). */
export function sortObservations(obs: Observation[], sheetOrder: string[]): Observation[] {
  const idx = new Map<string, number>();
  sheetOrder.forEach((s, i) => idx.set(s, i));
  const si = (s: string) => idx.get(s) ?? sheetOrder.length;
  return obs
    .map((o, i) => ({ o, i, s: si(o.sheet) }))
    .sort((a, b) => a.s - b.s || a.o.row - b.o.row || a.o.col - b.o.col || a.i - b.i)
    .map((x) => x.o);
}

/** The first observation of `indicator` holding a figure. */
export function firstNumeric(obs: Observation[], indicator: string): Observation | undefined {
  return obs.find((o) => o.indicator === indicator && num(o) != null);
}

/**
 * Whether the figures of a summary's 合计 row stand for the same townships for each of `indicators`: every township
 * row of its sheet (same period) that gives one of them gives them all, and — with `partOf` — the part no larger
 * than its whole. When they do not (a township giving the 化解数 but no 受理数, or 15 resolved of 13 received), a
 * relation between the 合计 figures compares sums over different townships: the county summary this tool writes
 * computes each 合计 rate over only the townships giving both parts (its note names those left out), and a
 * summary made by hand may do the same. Such a relation on the 合计 row is then not evaluated (a rate over a subset
 * cannot be checked against the column sums); each township's own row is checked as always. True for any group
 * that is not a 合计 row, and for a 合计 row without township rows beside it.
 */
export function totalPairsUp(members: (sheet: string, indicator: string) => readonly Observation[], total: Observation, indicators: string[], partOf?: { part: string; whole: string }): boolean {
  if (!total.isTotal) return true;
  const same = (o: Observation) => o.period === total.period && (o.period !== 'other' || o.year === total.year);
  const byEntity = new Map<string, Map<string, number | null>>();
  for (const id of indicators) {
    for (const o of members(total.sheet, id)) {
      if (!same(o) || o.entity == null) continue;
      const v = num(o);
      if (v == null) continue;
      const m = byEntity.get(o.entity) ?? new Map<string, number | null>();
      if (!m.has(id)) m.set(id, v);
      byEntity.set(o.entity, m);
    }
  }
  for (const m of byEntity.values()) {
    if (indicators.some((id) => !m.has(id))) return false;
    if (partOf && (m.get(partOf.part) as number) > (m.get(partOf.whole) as number)) return false;
  }
  return true;
}

/** The township rows (not the 合计) of each sheet, by indicator: the `members` of `totalPairsUp`. */
export function summaryMembers(observations: Observation[]): (sheet: string, indicator: string) => readonly Observation[] {
  let index: Map<string, Observation[]> | null = null;
  return (sheet, indicator) => {
    if (!index) index = groupBy(observations.filter((o) => o.entity != null && !o.isTotal), (o) => `${o.sheet}\u0001${o.indicator}`);
    return index.get(`${sheet}\u0001${indicator}`) ?? NONE;
  };
}
