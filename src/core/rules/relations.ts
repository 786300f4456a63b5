/** Rules on the catalog's relations: part ≤ whole, rate = numerator / denominator, total = Σ parts. */
import { formatNumber, makeFinding, showObs, showPercent, whereObs } from '../findings';
import { ref } from '../address';
import { rateAgrees, rateTruncated, roundHalfUp, roundingTolerance } from '../rate';
import type { ComputedRate, Finding, Observation, Relation } from '../types';
import type { RuleContext } from './context';
import { disjoint, firstFigure, groupBy, interval, Interval, num, summaryMembers, totalPairsUp } from './util';

function name(ctx: RuleContext, id: string): string {
  return ctx.defs.get(id)?.name ?? id;
}

function show(ctx: RuleContext, o: Observation): string {
  return showObs(o, ctx.defs.get(o.indicator));
}

function relations<K extends Relation['kind']>(ctx: RuleContext, kind: K): Extract<Relation, { kind: K }>[] {
  return ctx.catalog.relations.filter((r): r is Extract<Relation, { kind: K }> => r.kind === kind);
}

// ───────────────────────────── part ≤ whole ─────────────────────────────

/** Where a part-of finding sits: at the part, pointing also to the whole. */
function partSite(part: Observation, whole: Observation) {
  return {
    sheet: part.sheet,
    cell: part.cell,
    cells: [whole],
    indicators: [part.indicator, whole.indicator],
    entity: part.entity,
    period: part.period,
  };
}

function partVars(ctx: RuleContext, part: Observation, whole: Observation) {
  return {
    where: whereObs(part),
    name: name(ctx, part.indicator),
    wholeWhere: whereObs(whole),
    wholeName: name(ctx, whole.indicator),
  };
}

/**
 * A part larger than its whole (more certified officers than officers). Approximate figures count only when
 * the part is certainly larger: `3000余` may be 3050, so 3050 ≤ `3000余` is not flagged; `近300` vs 280 is not.
 */
export function partExceedsWhole(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const members = summaryMembers(ctx.observations);
  for (const group of ctx.groups) {
    for (const rel of relations(ctx, 'part-of')) {
      const part = firstFigure(group, rel.part);
      const whole = firstFigure(group, rel.whole);
      if (!part || !whole) continue;
      // 合计 figures summed over different townships, or over one whose part exceeds its whole: that township's
      // own row is the error, not the 合计
      if (!totalPairsUp(members, part, [rel.part, rel.whole], rel)) continue;
      const p = interval(part)!;
      const w = interval(whole)!;
      if (!(p.lo > w.hi + 1e-9)) continue;
      out.push(
        makeFinding('part-exceeds-whole', {
          ...partSite(part, whole),
          vars: {
            ...partVars(ctx, part, whole),
            actual: show(ctx, part),
            expectedText: `（${show(ctx, whole)}）`,
          },
          expected: num(whole),
          actual: num(part),
        }),
      );
    }
  }
  return out;
}

// ───────────────────────────── rates ─────────────────────────────

type RateVerdict =
  | { kind: 'none' }
  | { kind: 'agrees' }
  | { kind: 'mismatch'; approx: boolean; range: Interval | null }
  | { kind: 'coverage' };

/** The range of rates approximate parts allow, in percent. */
function rateRange(r: ComputedRate): Interval | null {
  const n = interval(r.numerator);
  const d = interval(r.denominator);
  if (!n || !d || d.hi <= 0) return null;
  return { lo: d.hi === Infinity ? 0 : (n.lo / d.hi) * 100, hi: d.lo <= 0 ? Infinity : (n.hi / d.lo) * 100 };
}

/**
 * What a reported rate says against its parts.
 * - exact parts: `rateAgrees` (whole percent ±0.5 point, one decimal ±0.05);
 * - approximate parts: a mismatch only when the reported rate lies outside every rate the parts allow;
 * - a reported rate with a marker (`95%以上`, `近100%`) is the range it names;
 * - a coverage word (`全覆盖`) claims 100 %: contradicted when the numerator is certainly below the denominator.
 */
export function rateVerdict(r: ComputedRate): RateVerdict {
  const rep = r.reported;
  if (r.value == null || !rep) return { kind: 'none' };
  const reported = num(rep);
  if (rep.coverage) {
    if (r.approx) {
      const range = rateRange(r);
      return range && range.hi < 100 - 1e-9 ? { kind: 'coverage' } : { kind: 'agrees' };
    }
    return r.value < 100 - 1e-9 ? { kind: 'coverage' } : { kind: 'agrees' };
  }
  if (reported == null) return { kind: 'none' };
  if (rep.markers.length > 0) {
    // `95%以上`, `近100%`: the reported rate is itself a range
    const ir = interval(rep)!;
    const tol = roundingTolerance(rep.decimals);
    const ic = r.approx ? rateRange(r) : { lo: r.value, hi: r.value };
    if (!ic) return { kind: 'agrees' };
    const apart = ir.hi + tol < ic.lo || ic.hi < ir.lo - tol;
    return apart ? { kind: 'mismatch', approx: r.approx, range: r.approx ? ic : null } : { kind: 'agrees' };
  }
  if (!r.approx) {
    return rateAgrees(reported, rep.decimals, r.value) ? { kind: 'agrees' } : { kind: 'mismatch', approx: false, range: null };
  }
  const range = rateRange(r);
  if (!range) return { kind: 'agrees' };
  const tol = roundingTolerance(rep.decimals);
  if (reported < range.lo - tol || reported > range.hi + tol) return { kind: 'mismatch', approx: true, range };
  return { kind: 'agrees' };
}

/** Where a finding about a computed rate sits: at `at`, pointing also to the counts it comes from and the reported rate. */
function rateSite(r: ComputedRate, at: Observation) {
  return {
    sheet: at.sheet,
    cell: at.cell,
    cells: [r.numerator, r.denominator, ...(r.reported ? [r.reported] : [])],
    indicators: [r.indicator],
    entity: r.entity,
    period: r.period,
  };
}

function rateVars(ctx: RuleContext, r: ComputedRate) {
  return {
    numWhere: whereObs(r.numerator),
    numName: name(ctx, r.numerator.indicator),
    num: show(ctx, r.numerator),
    denWhere: whereObs(r.denominator),
    denName: name(ctx, r.denominator.indicator),
    den: show(ctx, r.denominator),
  };
}

function rangeText(range: Interval): string {
  const lo = showPercent(Math.max(0, range.lo));
  return range.hi === Infinity ? `${lo}以上` : `${lo}和${showPercent(range.hi)}`;
}

/**
 * A reported rate its own numerator and denominator do not give (a reported 100% over 7 of 9). Advice that cannot
 * be right is not given: when the numerator exceeds the denominator (14 certified of 12 officers gives 116.7%) or
 * when either count is itself flagged by another rule (`flagged`: `Sheet!D4` of the open errors and 待核实), the
 * message asks to settle the counts first and the finding carries no expected rate (null: unknown, not 116.7).
 */
export function rateMismatch(ctx: RuleContext, flagged: ReadonlySet<string> = new Set()): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.rates) {
    const v = rateVerdict(r);
    if (v.kind !== 'mismatch' || !r.reported || r.value == null) continue;
    const rep = r.reported;
    if (truncated(r)) continue; // a rate cut instead of rounded is `rate-truncated`, not a wrong rate
    const over = r.value > 100 + 1e-9;
    const partsFlagged = [r.numerator, r.denominator].filter((o) => flagged.has(ref(o.sheet, o.cell)));
    const variant = over ? 'over' : partsFlagged.length ? 'parts' : v.approx ? 'approx' : undefined;
    out.push(
      makeFinding('rate-mismatch', {
        ...rateSite(r, rep),
        variant,
        vars: {
          where: whereObs(rep),
          name: name(ctx, r.indicator),
          actual: show(ctx, rep),
          expected: r.display,
          range: v.range ? rangeText(v.range) : '',
          partsWhere: partsFlagged.map((o) => whereObs(o)).join('和'),
          ...rateVars(ctx, r),
        },
        expected: over || partsFlagged.length ? null : roundHalfUp(r.value, 1),
        actual: num(rep),
      }),
    );
  }
  return out;
}

/** The reported rate is the exact rate of exact parts cut at the precision written (`77.7%` for 7/9). */
function truncated(r: ComputedRate): boolean {
  const rep = r.reported;
  const reported = num(rep);
  if (!rep || reported == null || r.value == null || r.approx || rep.coverage || rep.markers.length > 0) return false;
  return rateTruncated(reported, rep.decimals, r.value);
}

/** A reported rate cut instead of rounded at its precision (7/9 = 77.78 % written `77.7%`): a hint, with the right rounding. */
export function rateTruncatedRule(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.rates) {
    if (!truncated(r) || !r.reported || r.value == null) continue;
    const rep = r.reported;
    const d = Math.max(0, Math.min(rep.decimals ?? 0, 6));
    const rounded = roundHalfUp(r.value, d);
    out.push(
      makeFinding('rate-truncated', {
        ...rateSite(r, rep),
        vars: {
          where: whereObs(rep),
          name: name(ctx, r.indicator),
          actual: show(ctx, rep),
          exact: `${formatNumber(roundHalfUp(r.value, Math.max(2, d + 1)))}%`,
          rounded: `${rounded.toFixed(d)}%`,
          ...rateVars(ctx, r),
        },
        expected: rounded,
        actual: num(rep),
      }),
    );
  }
  return out;
}

/**
 * `全覆盖`/`全部` contradicted by the counts: a reported coverage rate whose parts give less than 100 %, or a
 * part written as `全部` whose figure is below its whole.
 */
export function coverageClaim(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.rates) {
    if (rateVerdict(r).kind !== 'coverage' || !r.reported || r.value == null) continue;
    const rep = r.reported;
    out.push(
      makeFinding('coverage-claim', {
        ...rateSite(r, rep),
        vars: { where: whereObs(rep), name: name(ctx, r.indicator), actual: rep.raw || '全覆盖', expected: r.display, ...rateVars(ctx, r) },
        expected: roundHalfUp(r.value, 1),
        actual: num(rep) ?? 100,
      }),
    );
  }
  for (const group of ctx.groups) {
    for (const rel of relations(ctx, 'part-of')) {
      const part = group.of(rel.part).find((o) => o.coverage);
      const whole = firstFigure(group, rel.whole);
      const p = num(part);
      if (!part || !whole || p == null) continue;
      const pi = interval(part)!;
      const wi = interval(whole)!;
      if (!(pi.hi < wi.lo - 1e-9)) continue;
      out.push(
        makeFinding('coverage-claim', {
          ...partSite(part, whole),
          variant: 'part',
          key: 'part',
          vars: {
            ...partVars(ctx, part, whole),
            actual: part.raw || formatNumber(p),
            expectedText: show(ctx, whole),
          },
          expected: num(whole),
          actual: p,
        }),
      );
    }
  }
  return out;
}

/** A rate computed over approximate figures (`二十余件`) is only indicative. */
export function approximateRate(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.rates) {
    if (!r.approx || r.value == null) continue;
    const v = rateVerdict(r);
    if (v.kind === 'mismatch' || v.kind === 'coverage') continue;
    const at = r.reported ?? r.numerator;
    const parts = [r.numerator, r.denominator]
      .map((o) => `“${name(ctx, o.indicator)}”${show(ctx, o)}`)
      .join('、');
    out.push(
      makeFinding('approximate-rate', {
        ...rateSite(r, at),
        vars: {
          where: whereObs(at),
          name: name(ctx, r.indicator),
          parts,
          computed: r.display,
          reportedNote: r.reported ? `，填写的${show(ctx, r.reported)}无法准确核对` : '',
        },
        expected: roundHalfUp(r.value, 1),
        actual: r.reported ? num(r.reported) : null,
      }),
    );
  }
  return out;
}

// ───────────────────────────── sums ─────────────────────────────

function sumInterval(items: Observation[]): Interval {
  let lo = 0;
  let hi = 0;
  for (const o of items) {
    const i = interval(o)!;
    lo += i.lo;
    hi += i.hi;
  }
  return { lo, hi };
}

function tidy(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * A total that is not the sum of its parts: the catalog's `sum` relations, and the 合计 row of a summary
 * table against the townships above it (counts and amounts only; rates of a 合计 row are recomputed as rates).
 *
 * Decision on approximate figures: they are compared as the ranges they stand for. A total that lies
 * outside every sum the parts allow is an error even when some figures are approximate (it is certainly
 * wrong); a total that approximate parts could give is not reported at all (no `verify` half-finding).
 * Blank township rows in a summary add nothing, as Excel's SUM does.
 */
export function sumMismatch(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const members = summaryMembers(ctx.observations);
  for (const group of ctx.groups) {
    for (const rel of relations(ctx, 'sum')) {
      const total = firstFigure(group, rel.total);
      const parts = rel.parts.map((p) => firstFigure(group, p));
      if (!total || parts.some((p) => !p)) continue;
      if (!totalPairsUp(members, total, [rel.total, ...rel.parts])) continue;
      const ps = parts as Observation[];
      if (!disjoint(interval(total)!, sumInterval(ps))) continue;
      const sum = tidy(ps.reduce((s, o) => s + num(o)!, 0));
      out.push(
        makeFinding('sum-mismatch', {
          sheet: total.sheet,
          cell: total.cell,
          cells: ps,
          indicators: [rel.total, ...rel.parts],
          entity: total.entity,
          period: total.period,
          vars: {
            where: whereObs(total),
            name: name(ctx, rel.total),
            actual: show(ctx, total),
            parts: ps.map((o) => `${whereObs(o)}的“${name(ctx, o.indicator)}”${show(ctx, o)}`).join('、'),
            expected: `${formatNumber(sum)}${ctx.defs.get(rel.total)?.unit ?? ''}`,
          },
          expected: sum,
          actual: num(total),
        }),
      );
    }
  }
  // Summary tables: the 合计 row vs the township rows of the same sheet.
  const totalSheets = new Set(ctx.observations.filter((o) => o.isTotal).map((o) => o.sheet));
  const bySheet = groupBy(
    ctx.observations.filter((o) => totalSheets.has(o.sheet)),
    (o) => `${o.sheet}\u0001${o.indicator}\u0001${o.period}\u0001${o.period === 'other' ? (o.year ?? '') : ''}`,
  );
  for (const list of bySheet.values()) {
    const def = ctx.defs.get(list[0].indicator);
    if (!def || (def.kind !== 'count' && def.kind !== 'amount')) continue;
    const total = list.find((o) => o.isTotal && num(o) != null);
    if (!total) continue;
    const members = list.filter((o) => !o.isTotal && o.entity != null);
    if (members.length < 2) continue;
    if (members.some((o) => o.kind !== 'absent' && num(o) == null)) continue; // unreadable rows are flagged elsewhere
    const figures = members.filter((o) => num(o) != null);
    if (figures.length === 0) continue;
    if (!disjoint(interval(total)!, sumInterval(figures))) continue;
    const sum = tidy(figures.reduce((s, o) => s + num(o)!, 0));
    out.push(
      makeFinding('sum-mismatch', {
        sheet: total.sheet,
        cell: total.cell,
        cells: figures,
        indicators: [def.id],
        entity: total.entity,
        period: total.period,
        // townships as columns: the 合计 is a column on the same row as its members
        variant: members.every((o) => o.row === total.row) ? 'totalColumn' : 'total',
        key: `total|${total.sheet}`,
        vars: {
          where: whereObs(total),
          name: def.name,
          actual: show(ctx, total),
          count: members.length,
          expected: `${formatNumber(sum)}${def.unit ?? ''}`,
        },
        expected: sum,
        actual: num(total),
      }),
    );
  }
  return out;
}

