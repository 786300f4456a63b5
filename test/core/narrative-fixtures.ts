/** Builders for CheckResult objects, so narrative and plan tests do not depend on the extractor. */
import { CATALOG, indicatorById } from '../../src/core/catalog';
import { formatPercent, ratePercent } from '../../src/core/rate';
import type { ApproxMarker, CheckResult, ComputedRate, Finding, Observation, Period, TextItem } from '../../src/core/types';

const defs = indicatorById(CATALOG);
let nextRow = 1;

export interface ObsOpts {
  sheet?: string;
  cell?: string;
  raw?: string;
  markers?: ApproxMarker[];
  wan?: boolean;
  unit?: string | null;
  period?: Period;
  year?: number | null;
  entity?: string | null;
  isTotal?: boolean;
  kind?: Observation['kind'];
  decimals?: number | null;
  coverage?: boolean;
}

/** An observation of `indicator` holding `value` (in the catalog unit; rates in percent). */
export function obs(indicator: string, value: Observation['value'], o: ObsOpts = {}): Observation {
  const def = defs.get(indicator);
  if (!def) throw new Error(`unknown indicator ${indicator}`);
  const kind =
    o.kind ??
    (value === null ? 'absent' : typeof value === 'boolean' ? 'yesno' : typeof value === 'string' ? 'text' : def.kind === 'rate' ? 'percent' : 'number');
  const row = nextRow++;
  const cell = o.cell ?? `C${row + 1}`;
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  const markers = o.markers ?? [];
  return {
    indicator,
    label: def.name,
    value,
    kind,
    approx: markers.length > 0,
    markers,
    unit: o.unit !== undefined ? o.unit : def.unit,
    wan: o.wan ?? false,
    decimals: o.decimals !== undefined ? o.decimals : kind === 'percent' && typeof value === 'number' ? (String(value).split('.')[1]?.length ?? 0) : null,
    coverage: o.coverage ?? false,
    raw: o.raw ?? (value == null ? '' : kind === 'percent' ? `${value}%` : typeof value === 'boolean' ? (value ? '是' : '否') : String(value)),
    sheet: o.sheet ?? '指标',
    cell,
    row: Number(m[2]) - 1,
    col: m[1].charCodeAt(0) - 65,
    year: o.year !== undefined ? o.year : o.period === 'previous' ? 2022 : 2023,
    period: o.period ?? 'current',
    entity: o.entity ?? null,
    ...(o.isTotal ? { isTotal: true } : {}),
  };
}

export function text(section: TextItem['section'], t: string, order: number, cell = `B${order + 20}`): TextItem {
  return { section, text: t, sheet: '文字', cell, order };
}

/** Rates for every catalog rate relation whose parts are present, per (period, entity). */
export function computeRates(observations: Observation[]): ComputedRate[] {
  const out: ComputedRate[] = [];
  const key = (o: Observation) => `${o.period}|${o.entity ?? ''}`;
  const groups = new Map<string, Observation[]>();
  for (const o of observations) groups.set(key(o), [...(groups.get(key(o)) ?? []), o]);
  for (const list of groups.values()) {
    for (const rel of CATALOG.relations) {
      if (rel.kind !== 'rate') continue;
      const n = list.find((o) => o.indicator === rel.numerator && typeof o.value === 'number');
      const d = list.find((o) => o.indicator === rel.denominator && typeof o.value === 'number');
      if (!n || !d) continue;
      const value = ratePercent(n.value as number, d.value as number);
      out.push({
        indicator: rel.rate,
        entity: n.entity,
        period: n.period,
        year: n.year,
        numerator: n,
        denominator: d,
        value,
        display: value == null ? '' : formatPercent(value),
        approx: n.approx || d.approx,
        reported: list.find((o) => o.indicator === rel.rate) ?? null,
      });
    }
  }
  return out;
}

export interface ResultOpts {
  unit?: string | null;
  year?: number | null;
  addressee?: string | null;
  date?: string | null;
  observations?: Observation[];
  texts?: TextItem[];
  findings?: Finding[];
  rates?: ComputedRate[];
}

export function makeResult(o: ResultOpts = {}): CheckResult {
  const observations = o.observations ?? [];
  const findings = o.findings ?? [];
  const unit = o.unit === undefined ? '周营镇' : o.unit;
  const year = o.year === undefined ? 2023 : o.year;
  return {
    file: 'test.xlsx',
    unit,
    year,
    extraction: {
      unit,
      year,
      addressee: o.addressee === undefined ? '中共沈丘县委、沈丘县人民政府' : o.addressee,
      date: o.date === undefined ? '2024年1月8日' : o.date,
      observations,
      texts: o.texts ?? [],
      unknown: [],
      tables: [],
    },
    observations,
    rates: o.rates ?? computeRates(observations),
    findings,
    explanations: [],
    counts: {
      error: findings.filter((f) => f.severity === 'error').length,
      verify: findings.filter((f) => f.severity === 'verify').length,
      hint: findings.filter((f) => f.severity === 'hint').length,
      explained: findings.filter((f) => f.status === 'explained').length,
    },
  };
}

export function finding(p: Partial<Finding> & Pick<Finding, 'rule' | 'severity' | 'sheet' | 'cell' | 'message'>): Finding {
  return { id: `f-${p.rule}-${p.sheet}-${p.cell}`, refs: [], indicators: [], entity: null, status: 'open', ...p };
}
