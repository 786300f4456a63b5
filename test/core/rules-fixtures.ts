/** Test factory for the rules: observations and extractions built by hand, as the extractor would give them. */
import { parseA1 } from '../../src/core/address';
import { CATALOG, indicatorById } from '../../src/core/catalog';
import type { ApproxMarker, Extraction, Finding, Observation, RuleId } from '../../src/core/types';
import { checkExtraction } from '../../src/core/rules';
import type { ContextOptions, WorkbookRuleId } from '../../src/core/rules';

const DEFS = indicatorById(CATALOG);

export type ObsInput = Partial<Observation> & { indicator: string; cell: string };

/** An observation: kind from the value and the catalog (a rate indicator's number is a percent). */
export function obs(o: ObsInput): Observation {
  const def = DEFS.get(o.indicator);
  const pos = parseA1(o.cell);
  if (!pos) throw new Error(`bad cell ${o.cell}`);
  const value = o.value === undefined ? null : o.value;
  const kind =
    o.kind ??
    (value == null
      ? 'absent'
      : typeof value === 'number'
        ? def?.kind === 'rate'
          ? 'percent'
          : 'number'
        : typeof value === 'boolean'
          ? 'yesno'
          : 'text');
  const markers: ApproxMarker[] = o.markers ?? [];
  const raw =
    o.raw ??
    (value == null ? '' : kind === 'percent' ? `${value}%` : `${value}${markers.length ? markers[0] : ''}`);
  const decimals =
    o.decimals !== undefined ? o.decimals : typeof value === 'number' ? (String(value).split('.')[1]?.length ?? 0) : null;
  return {
    label: def?.name ?? o.indicator,
    value,
    kind,
    approx: markers.length > 0,
    markers,
    unit: kind === 'percent' ? '%' : (def?.unit ?? null),
    wan: false,
    decimals,
    coverage: false,
    raw,
    sheet: '指标',
    row: pos.row,
    col: pos.col,
    year: 2024,
    period: 'current',
    entity: null,
    ...o,
  };
}

export function extraction(observations: Observation[], extra: Partial<Extraction> = {}): Extraction {
  const sheets = [...new Set(observations.map((o) => o.sheet))];
  return {
    unit: '周营镇',
    year: 2024,
    addressee: '县委、县政府',
    date: '2025年1月8日',
    observations,
    texts: [],
    unknown: [],
    tables: sheets.map((sheet) => ({ sheet, layout: 'rows', headerRow: 0, labelCol: 0, valueCols: [1] })),
    ...extra,
  };
}

/** Findings of some rules (all when none given) on hand-built observations. */
export function run(
  observations: Observation[],
  opts: { rules?: WorkbookRuleId[]; extra?: Partial<Extraction> } & ContextOptions = {},
): Finding[] {
  return checkExtraction(extraction(observations, opts.extra), { ...opts, only: opts.rules });
}

export function ofRule(findings: Finding[], rule: RuleId): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** What every user-facing message must never contain. */
export function expectCleanMessage(f: Finding): void {
  expect(f.message).not.toMatch(/undefined|NaN|null|\{|\}/);
  expect(f.message).toMatch(/。$/);
}
