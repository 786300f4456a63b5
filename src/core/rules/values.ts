/** Rules on one cell at a time: unreadable, formula errors, integers, signs, ranges. */
import { makeFinding, showObs, whereObs } from '../findings';
import type { Finding, IndicatorDef, IndicatorKind, Observation } from '../types';
import type { RuleContext } from './context';
import { num } from './util';

const KIND_WORD: Record<IndicatorKind, string> = {
  count: '数字',
  amount: '金额',
  rate: '百分比',
  yesno: '“是”或“否”',
  text: '文字',
};

const EXAMPLE: Record<IndicatorKind, string> = {
  count: '阿拉伯数字（如“37”或“3000余”）',
  amount: '数字（如“12.5”）',
  rate: '百分比（如“94.6%”）',
  yesno: '“是”或“否”',
  text: '文字',
};

function nameOf(ctx: RuleContext, o: Observation): string {
  return ctx.defs.get(o.indicator)?.name ?? o.label ?? o.indicator;
}

function base(ctx: RuleContext, o: Observation) {
  return {
    sheet: o.sheet,
    cell: o.cell,
    indicators: [o.indicator],
    entity: o.entity,
    period: o.period,
  };
}

/** A cell that holds something other than the figure expected (text where a count belongs, a date). */
export function unparseableValue(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const o of ctx.observations) {
    if (o.kind !== 'invalid' && o.kind !== 'date') continue;
    const def = ctx.defs.get(o.indicator);
    const kind = def?.kind ?? 'count';
    out.push(
      makeFinding('unparseable-value', {
        ...base(ctx, o),
        variant: o.kind === 'date' ? 'date' : undefined,
        key: o.kind === 'date' ? 'date' : '',
        vars: {
          where: whereObs(o),
          name: nameOf(ctx, o),
          actual: o.raw || String(o.value ?? ''),
          kindWord: KIND_WORD[kind],
          example: EXAMPLE[kind],
          reason: o.reason ? `（${o.reason}）` : '',
        },
        actual: o.raw,
      }),
    );
  }
  return out;
}

/** `#DIV/0!`, `#REF!` … where a figure belongs. */
export function formulaError(ctx: RuleContext): Finding[] {
  return ctx.observations
    .filter((o) => o.kind === 'error')
    .map((o) => {
      const code = typeof o.value === 'string' && o.value ? o.value : o.raw;
      return makeFinding('formula-error', {
        ...base(ctx, o),
        vars: { where: whereObs(o), name: nameOf(ctx, o), actual: code },
        actual: code,
      });
    });
}

/** A count that is not a whole number (`2.5人`). */
export function notInteger(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const o of ctx.observations) {
    const def = ctx.defs.get(o.indicator);
    const v = num(o);
    if (!def?.integer || v == null || o.kind !== 'number') continue;
    if (Math.abs(v - Math.round(v)) < 1e-9) continue;
    out.push(
      makeFinding('not-integer', {
        ...base(ctx, o),
        vars: { where: whereObs(o), name: def.name, actual: showObs(o, def), unit: def.unit ?? '个' },
        actual: v,
      }),
    );
  }
  return out;
}

/** A figure below zero. */
export function negative(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const o of ctx.observations) {
    const v = num(o);
    if (v == null || v >= 0) continue;
    const def = ctx.defs.get(o.indicator);
    out.push(
      makeFinding('negative', {
        ...base(ctx, o),
        vars: { where: whereObs(o), name: nameOf(ctx, o), actual: showObs(o, def) },
        expected: 0,
        actual: v,
      }),
    );
  }
  return out;
}

function rangeText(def: IndicatorDef): string {
  const u = def.kind === 'rate' ? '%' : (def.unit ?? '');
  if (def.min != null && def.max != null) return `${def.min}${u}～${def.max}${u}`;
  if (def.max != null) return `不大于${def.max}${u}`;
  return `不小于${def.min}${u}`;
}

/**
 * Outside the catalog's min/max (rates: 0–100 %). A figure below zero is `negative` only, so one mistake
 * gives one finding.
 */
export function outOfRange(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const o of ctx.observations) {
    const def = ctx.defs.get(o.indicator);
    const v = num(o);
    if (!def || v == null) continue;
    let bound: number | null = null;
    if (def.max != null && v > def.max + 1e-9) bound = def.max;
    else if (def.min != null && v < def.min - 1e-9 && v >= 0) bound = def.min;
    if (bound == null) continue;
    out.push(
      makeFinding('out-of-range', {
        ...base(ctx, o),
        vars: { where: whereObs(o), name: def.name, actual: showObs(o, def), range: rangeText(def) },
        expected: bound,
        actual: v,
      }),
    );
  }
  return out;
}
