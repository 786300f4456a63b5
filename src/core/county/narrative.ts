/**
 * The county's narrative: the same templates as a township's report (src/core/narrative) over the county totals
 * (`2023年，全县共受理信访案件X件…化解率Z%`), the rates of the summed parts, and — where a rate has three or more
 * townships — the townships at the top and the bottom (`化解率最高的是……（X%），最低的是……（Y%）`). With last
 * year's totals (`--previous`) the templates' year-over-year phrases follow.
 *
 * The totals are given to the narrative as the observations of one unit (the county), so every figure of the
 * prose is a total or a rate computed from totals; yes/no and free-text items belong to each township and are not
 * stated for the county.
 */
import { indicatorById, RESULT_SHEETS } from '../catalog';
import { countFindings } from '../findings';
import { formatPercent } from '../rate';
import { buildReport, chineseOrdinal, unitShort, type ReportOptions } from '../narrative';
import type { CheckResult, ComputedRate, Observation, Paragraph, Report } from '../types';
import type { County, CountyRate, CountyTotal } from './consolidate';

export const SUMMARY_SHEET = RESULT_SHEETS.countySummary;

function totalObservation(t: CountyTotal, county: County, period: 'current' | 'previous', cell: string): Observation {
  const def = indicatorById(county.catalog).get(t.indicator)!;
  return {
    indicator: t.indicator,
    label: def.name,
    value: t.value,
    kind: 'number',
    approx: t.approx,
    markers: t.markers,
    unit: def.unit,
    wan: false,
    decimals: null,
    coverage: false,
    raw: '',
    sheet: SUMMARY_SHEET,
    cell,
    row: 0,
    col: 0,
    year: county.year == null ? null : period === 'current' ? county.year : county.year - 1,
    period,
    entity: null,
  };
}

function rateOf(r: CountyRate, obs: Map<string, Observation>, county: County, period: 'current' | 'previous'): ComputedRate | null {
  const num = obs.get(r.numerator);
  const den = obs.get(r.denominator);
  if (!num || !den || r.value == null) return null;
  // the rate's parts are the summed parts of the townships giving both, which may be fewer than the totals
  const n = num.value === r.num ? num : { ...num, value: r.num };
  const d = den.value === r.den ? den : { ...den, value: r.den };
  return { indicator: r.indicator, entity: null, period, year: n.year, numerator: n, denominator: d, value: r.value, display: formatPercent(r.value), approx: r.approx, reported: null };
}

/** The totals as a check result of one unit, so the report's templates read them as they read a township's figures. */
export function countyAsResult(county: County, unit: string): CheckResult {
  const observations: Observation[] = [];
  const rates: ComputedRate[] = [];
  for (const [period, totals, rateMap] of [
    ['current', county.totals, county.rates],
    ['previous', county.previousTotals, county.previousRates],
  ] as const) {
    const byId = new Map<string, Observation>();
    for (const t of totals.values()) {
      const o = totalObservation(t, county, period, 'A1');
      byId.set(t.indicator, o);
      observations.push(o);
    }
    for (const r of rateMap.values()) {
      const c = rateOf(r, byId, county, period);
      if (c) rates.push(c);
    }
  }
  const extraction = { unit, year: county.year, addressee: null, date: null, observations, texts: [], unknown: [], tables: [] };
  return { file: SUMMARY_SHEET, catalog: county.catalog, unit, year: county.year, extraction, observations, rates, findings: [], explanations: [], counts: countFindings([]) };
}

const KEEP: Paragraph['role'][] = ['heading1', 'heading2', 'heading3', 'heading4', 'body'];

/** The county's report: a title, an opening naming how many townships the totals cover, the sections, no signature. */
export function countyReport(county: County, opts: Pick<ReportOptions, 'templates' | 'date'> = {}): Report {
  const named = county.unit ?? '';
  // the templates say `全{unitShort}`: a county's name gives 县/区/市/旗; without one it is 全县
  const unit = named && unitShort(named) !== '乡镇' ? named : '本县';
  const base = buildReport(countyAsResult(county, unit), { templates: opts.templates, catalog: county.catalog });
  const Y = county.year != null ? `${county.year}年度` : '';
  const short = unitShort(unit);
  const p: Paragraph[] = [];
  p.push({ role: 'title', text: `${named}${Y}乡镇法治政府建设情况汇总报告` });
  const n = county.rows.length;
  const out = county.refused.length;
  const unread = county.inputs.filter((i) => !i.readable && i.failure == null).length;
  const failed = county.inputs.filter((i) => i.failure != null).length;
  p.push({
    role: 'opening',
    text:
      `本报告根据${n}个乡镇（街道）报送的${Y}法治政府建设指标汇总形成${out || unread || failed ? `（另有${[out ? `${out}个乡镇的工作簿因年度不符或重复未计入` : '', unread ? `${unread}个文件无法读取` : '', failed ? `${failed}个文件检查出错` : ''].filter(Boolean).join('，')}）` : ''}，各项数字为全${short}合计，比率按同时填报分子和分母的乡镇合计数计算。`,
  });
  const names = indicatorById(county.catalog);
  const body = base.paragraphs.filter((x) => KEEP.includes(x.role));
  // where a rate has townships far apart, the section says which stand at the top and the bottom
  for (const r of county.rates.values()) {
    if (!r.high || !r.low) continue;
    const def = names.get(r.indicator)!;
    const who = (list: string[]) => (list.length <= 3 ? list.join('、') : `${list.slice(0, 3).join('、')}等${list.length}个乡镇`);
    const text = `从各乡镇看，${def.name}最高的是${who(r.high.townships)}（${formatPercent(r.high.value)}），最低的是${who(r.low.townships)}（${formatPercent(r.low.value)}）。`;
    let at = -1;
    body.forEach((x, i) => {
      if (x.section === def.section && x.role === 'body') at = i;
    });
    if (at < 0) continue;
    body.splice(at + 1, 0, { role: 'body', text, section: def.section, sources: [] });
  }
  // renumber level-1 headings (the template's parts without content were left out)
  let part = 0;
  for (const x of body) {
    if (x.role === 'heading1') x.text = x.text.replace(/^[一二三四五六七八九十]+、/, () => `${chineseOrdinal(++part)}、`);
  }
  p.push(...body);
  if (opts.date) p.push({ role: 'date', text: opts.date });
  return { unit: named || null, year: county.year, paragraphs: p };
}
