/**
 * A finding in one line, for lists that scan (the pane, the page): severity mark, cell, indicator, found → expected,
 * built from the finding's own fields — never parsed out of its message (`● D6 信访案件化解率 100% → 77.8%`).
 * The full sentence stays the finding's `message`; this is its headline.
 */
import { formatAmount } from './format';
import { formatPercent } from './rate';
import { RULES } from './rule-meta';
import { SEVERITY_SHORT_NAMES } from './severity';

export { severityLabel } from './severity';
import type { Catalog, Finding, IndicatorDef, Observation, Severity } from './types';

/** Marks told apart by shape as well as colour: ● 错误, ▲ 待核实, ○ 提示. */
export const SEVERITY_MARKS: Record<Severity, string> = { error: '●', verify: '▲', hint: '○' };

export interface FindingLine {
  mark: string;
  /** 错误 / 待核实 / 提示. */
  severity: string;
  sheet: string;
  /** `D6`; '' for a finding about the whole workbook. */
  cell: string;
  /** The indicator(s), the label as written (unknown or ambiguous), or the rule's title. */
  subject: string;
  /** `100% → 77.8%`, `14人 > 12人`, `20个 ≠ 21个`, `未填写`; '' when the finding has no figures to show. */
  figures: string;
  /** `● D6 信访案件化解率 100% → 77.8%`. */
  text: string;
}

export interface LineContext {
  /** The catalog of the check (result.catalog): names, units and kinds of the indicators. */
  catalog?: Catalog;
  /** The check's observations: a figure is shown as the township wrote it (`全覆盖`, `二十余件`) when its cell holds one. */
  observations?: Observation[];
}

const defsOf = new WeakMap<Catalog, Map<string, IndicatorDef>>();
function defs(catalog: Catalog | undefined): Map<string, IndicatorDef> {
  if (!catalog) return new Map();
  let m = defsOf.get(catalog);
  if (!m) {
    m = new Map(catalog.indicators.map((d) => [d.id, d]));
    defsOf.set(catalog, m);
  }
  return m;
}

/** A value of a finding as a figure: rates as `77.8%`, counts with the indicator's unit, yes/no as 是/否. */
function figure(v: Finding['expected'], def: IndicatorDef | undefined): string | null {
  if (v == null) return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return null;
  if (def?.kind === 'rate') return formatPercent(v);
  const unit = def?.unit && def.unit !== '%' ? def.unit : '';
  return formatAmount(v, unit);
}

/** The township's own writing at the finding's cell, when it holds the finding's `actual` figure. */
function written(f: Finding, ctx: LineContext): string | null {
  const o = ctx.observations?.find((x) => x.sheet === f.sheet && x.cell === f.cell && x.entity === f.entity);
  const raw = o?.raw.trim();
  // a plain number is shown with its unit instead (`14` in a 数值 column is `14人`)
  if (!o || !raw || /^[-+]?[\d.,]+$/.test(raw)) return null;
  if (typeof f.actual === 'number' && typeof o.value === 'number' && o.value !== f.actual) return null;
  return raw;
}

function figuresOf(f: Finding, ctx: LineContext): string {
  const d = defs(ctx.catalog);
  const def = d.get(f.indicators[0]);
  const actual = written(f, ctx) ?? figure(f.actual, def);
  const expected = figure(f.expected, def);
  switch (f.rule) {
    case 'rate-mismatch':
      // no expected rate: the counts are over 100 % or flagged themselves (rules/relations.ts)
      if (expected != null) return `${actual ?? '—'} → ${expected}`;
      return f.expected === null && actual != null ? `${actual} → 先核对分子、分母` : (actual ?? '');
    case 'coverage-claim':
    case 'sum-mismatch':
    case 'approximate-rate':
      return expected != null ? `${actual ?? '—'} → ${expected}` : (actual ?? '');
    case 'part-exceeds-whole': {
      const whole = figure(f.expected, d.get(f.indicators[1]) ?? def);
      return actual != null && whole != null ? `${actual} > ${whole}` : (actual ?? '');
    }
    case 'conflicting-values':
      return actual != null && expected != null ? `${actual} ≠ ${expected}` : (actual ?? '');
    case 'large-change':
      return actual != null && expected != null ? `上年${expected} → ${actual}` : (actual ?? '');
    case 'out-of-range':
    case 'negative':
    case 'not-integer':
    case 'unparseable-value':
    case 'formula-error':
      return actual ?? '';
    case 'year-mismatch':
      return typeof f.actual === 'number' && typeof f.expected === 'number' ? `${f.actual}年 ≠ ${f.expected}年` : '';
    case 'missing-required':
      return '未填写';
    case 'numbering':
      return typeof f.actual === 'string' && typeof f.expected === 'string' ? `${f.actual} ≠ ${f.expected}` : '';
    default:
      return '';
  }
}

function subjectOf(f: Finding, ctx: LineContext): string {
  const d = defs(ctx.catalog);
  if ((f.rule === 'unknown-indicator' || f.rule === 'ambiguous-label') && f.label) return `“${f.label}”${RULES[f.rule].title}`;
  const names = f.indicators.slice(0, f.rule === 'part-exceeds-whole' ? 1 : 2).map((id) => d.get(id)?.name ?? id);
  const who = f.entity ? `${f.entity} ` : '';
  if (!names.length) return RULES[f.rule].title;
  return `${who}${names.join('、')}`;
}

/** The one-line headline of a finding. */
export function findingLine(f: Finding, ctx: LineContext = {}): FindingLine {
  const mark = SEVERITY_MARKS[f.severity];
  const cell = f.sheet && /^[A-Z]{1,3}\d+$/.test(f.cell) ? f.cell : '';
  const subject = subjectOf(f, ctx);
  const figures = figuresOf(f, ctx);
  const text = [mark, cell, subject, figures].filter(Boolean).join(' ');
  return { mark, severity: SEVERITY_SHORT_NAMES[f.severity], sheet: f.sheet, cell, subject, figures, text };
}
