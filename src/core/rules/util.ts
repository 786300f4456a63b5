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
