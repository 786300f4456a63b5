/**
 * The sample workbooks, read with the real file adapter and checked with the real engine.
 *
 * The expectations below are the planted-findings table of assets/samples/README.md, written down as data —
 * not the engine's output. When the engine misses a planted inconsistency the test fails and names the
 * workbook, rule and cell; the sample is never weakened to make it pass.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ref } from '../../src/core/address';
import { check } from '../../src/core/check';
import type { CheckResult, Finding, Grid, Period, RuleId, SectionId, Severity, Workbook } from '../../src/core/types';
import { readXlsx } from '../../src/file';
import { buildSamples } from '../../scripts/make-samples';

const DIR = path.resolve(__dirname, '..', '..', 'assets', 'samples');

const ZY = '周营镇-2023-指标.xlsx';
const DZZ = '大钟庄镇-2021-比率.xlsx';
const QY = '前营乡-2023-逐年.xlsx';
const SQ = '沈丘县-2023-汇总.xlsx';
const SF = '示范镇-2023-无误.xlsx';
const ALL = [ZY, DZZ, QY, SQ, SF];

/** `Sheet!Cell`, as Finding.refs writes it. */
const at = (sheet: string, cell: string): string => ref(sheet, cell);

interface Planted {
  id: string;
  book: string;
  rule: RuleId;
  /** Where the finding must point, `Sheet!Cell`. */
  cell: string;
  /** Other cells of the same planted fact a rule may point at instead. */
  also?: string[];
  /** Cells the finding's refs must contain. */
  refs?: string[];
  entity?: string;
  /** Only where the brief fixes it (the three hints). */
  severity?: Severity;
  what: string;
}

// ── assets/samples/README.md, "Planted inconsistencies" ──
const PLANTED: Planted[] = [
  { id: 'Z1', book: ZY, rule: 'rate-mismatch', cell: at('矛盾纠纷化解', 'D6'),
    refs: [at('矛盾纠纷化解', 'D4'), at('矛盾纠纷化解', 'D5'), at('矛盾纠纷化解', 'D6')],
    what: '信访案件化解率 reported 100% over 7 of 9 (77.8%)' },
  { id: 'Z2', book: ZY, rule: 'coverage-claim', cell: at('公共法律服务', 'D6'),
    refs: [at('公共法律服务', 'D6'), at('公共法律服务', 'D5')],
    what: '法律顾问覆盖率 全覆盖 while 18 of 20 villages have a counsel' },
  { id: 'Z3', book: ZY, rule: 'part-exceeds-whole', cell: at('行政执法', 'D5'), also: [at('行政执法', 'D4')],
    refs: [at('行政执法', 'D4'), at('行政执法', 'D5')],
    what: '持证人数 14 > 行政执法人员 12' },
  { id: 'Z4', book: ZY, rule: 'conflicting-values', cell: at('公共法律服务', 'D4'), also: [at('基本情况', 'B7')],
    refs: [at('基本情况', 'B7'), at('公共法律服务', 'D4')],
    what: '行政村数 21个 on 基本情况 and 20 on 公共法律服务' },
  { id: 'D1', book: DZZ, rule: 'rate-mismatch', cell: at('比率指标', 'E3'),
    refs: [at('比率指标', 'C3'), at('比率指标', 'D3'), at('比率指标', 'E3')],
    what: '信访案件化解率 98% over 45 of 48 (93.8%)' },
  { id: 'D2', book: DZZ, rule: 'approximate-rate', cell: at('比率指标', 'E7'), also: [at('比率指标', 'D7')], severity: 'hint',
    what: '学法考试参考率 93% from 112 / 120余' },
  { id: 'D3', book: DZZ, rule: 'formula-error', cell: at('比率指标', 'E9'),
    what: '工单办结率 =C9/D9 cached #DIV/0!' },
  { id: 'Q1', book: QY, rule: 'large-change', cell: at('主要指标', 'E11'),
    refs: [at('主要指标', 'D11'), at('主要指标', 'E11')],
    what: '法律咨询 45 → 260 (5.8×) with no note' },
  { id: 'Q2', book: QY, rule: 'year-mismatch', cell: at('主要指标', 'E12'), also: [at('主要指标', 'B12')],
    what: '2022年以来开展法治培训 in the 2023年 column' },
  { id: 'Q3', book: QY, rule: 'numbering', cell: at('主要指标', 'A19'), severity: 'hint',
    what: 'section rows 1、2、3、 then 四、' },
  { id: 'Q4', book: QY, rule: 'unknown-indicator', cell: at('主要指标', 'B13'), severity: 'hint',
    what: '开展扫黑除恶专项宣传 is in no catalog' },
  { id: 'Q5', book: QY, rule: 'missing-required', cell: at('主要指标', 'E22'), also: [at('主要指标', 'B22')],
    what: '行政执法人员 (required) blank for 2023' },
  { id: 'S1', book: SQ, rule: 'sum-mismatch', cell: at('汇总表', 'I15'), refs: [at('汇总表', 'I15')],
    what: '合计 of 普法宣传活动 typed 505, the column sums to 525' },
  { id: 'S2', book: SQ, rule: 'part-exceeds-whole', cell: at('汇总表', 'E8'), also: [at('汇总表', 'D8')],
    refs: [at('汇总表', 'D8'), at('汇总表', 'E8')], entity: '白楼镇',
    what: '白楼镇 化解 15 > 受理 13' },
];

// ── README, "Consequences that may also be reported" ──
const TOLERATED: Record<string, string[]> = {
  [ZY]: [at('公共法律服务', 'D6'), at('公共法律服务', 'D5'), at('行政执法', 'D4')],
  [SQ]: [at('汇总表', 'F8')],
};

// ── README, "Key computed rates" ──
interface RateExpectation { book: string; indicator: string; period: Period; entity?: string; display: string }
const RATES: RateExpectation[] = [
  { book: ZY, indicator: 'petition_resolution_rate', period: 'current', display: '77.8%' },
  { book: ZY, indicator: 'exam_participation_rate', period: 'current', display: '98.0%' },
  { book: ZY, indicator: 'dispute_mediation_rate', period: 'current', display: '94.6%' },
  { book: DZZ, indicator: 'petition_resolution_rate', period: 'current', display: '93.8%' },
  { book: DZZ, indicator: 'certification_rate', period: 'current', display: '93.8%' },
  { book: DZZ, indicator: 'dispute_mediation_rate', period: 'current', display: '97.1%' },
  { book: DZZ, indicator: 'exam_excellence_rate', period: 'current', display: '33.9%' },
  { book: QY, indicator: 'petition_resolution_rate', period: 'current', display: '100%' },
  { book: QY, indicator: 'petition_resolution_rate', period: 'previous', display: '93.3%' },
  { book: SQ, indicator: 'petition_resolution_rate', period: 'current', entity: '周营镇', display: '77.8%' },
  { book: SQ, indicator: 'petition_resolution_rate', period: 'current', entity: '白楼镇', display: '115.4%' },
  { book: SF, indicator: 'petition_resolution_rate', period: 'current', display: '94.6%' },
];

// ── README, "The workbooks" (基本情况 sheets) ──
const IDENTITY: Record<string, { unit: string; year: number; addressee: string; date: string }> = {
  [ZY]: { unit: '周营镇', year: 2023, addressee: '中共沈丘县委、沈丘县人民政府', date: '2023年12月13日' },
  [DZZ]: { unit: '大钟庄镇', year: 2021, addressee: '区人民政府', date: '2022年1月10日' },
  [QY]: { unit: '前营乡', year: 2023, addressee: '县委、县政府', date: '2024年1月5日' },
  [SQ]: { unit: '沈丘县', year: 2023, addressee: '县委、县政府', date: '2024年1月20日' },
  [SF]: { unit: '示范镇', year: 2023, addressee: '中共沈丘县委、沈丘县人民政府', date: '2024年1月8日' },
};

// ── the 存在问题 / 下步安排 sheets: item count and first item ──
const TEXTS: { book: string; section: SectionId; count: number; first: string }[] = [
  { book: ZY, section: 'shortcomings', count: 3, first: '部分党员干部理论学习不够深入' },
  { book: ZY, section: 'plans', count: 5, first: '带头学法守法用法' },
  { book: DZZ, section: 'shortcomings', count: 4, first: '少数干部和群众对依法行政' },
  { book: DZZ, section: 'plans', count: 5, first: '认真学习领会' },
  { book: QY, section: 'shortcomings', count: 3, first: '理论学习有待进一步加强' },
  { book: QY, section: 'plans', count: 3, first: '继续加强队伍建设' },
  { book: SF, section: 'shortcomings', count: 3, first: '部分干部运用法治思维' },
  { book: SF, section: 'plans', count: 4, first: '持续深入学习贯彻习近平法治思想' },
];

const books = new Map<string, Workbook>();
const results = new Map<string, CheckResult>();

beforeAll(async () => {
  for (const name of ALL) {
    const book = await readXlsx(fs.readFileSync(path.join(DIR, name)), name);
    books.set(name, book);
  }
});

const pos = (f: Finding): string => at(f.sheet, f.cell);
const show = (fs_: Finding[]): string =>
  fs_.length ? fs_.map((f) => `${f.rule}/${f.severity} @ ${pos(f)}: ${f.message}`).join('\n') : '(no findings)';

/** check() once per workbook, on first use (so that a throwing engine fails the tests that need it, not all). */
function result(book: string): CheckResult {
  let r = results.get(book);
  if (!r) {
    const b = books.get(book);
    if (!b) throw new Error(`${book} was not read`);
    r = check(b);
    results.set(book, r);
  }
  return r;
}

describe('sample workbooks: committed files are what the generator makes', () => {
  it('re-running scripts/make-samples.ts gives the committed bytes', async () => {
    const built = await buildSamples();
    expect([...built.keys()].sort()).toEqual([...ALL].sort());
    for (const [name, bytes] of built) {
      const committed = fs.readFileSync(path.join(DIR, name));
      expect({ name, same: Buffer.compare(bytes, committed) === 0 }).toEqual({ name, same: true });
    }
  });
});

describe('sample workbooks: identity is read from 基本情况', () => {
  it.each(ALL)('%s', (name) => {
    const r = result(name);
    expect(r.unit ?? '').toContain(IDENTITY[name].unit);
    expect(r.year).toBe(IDENTITY[name].year);
    expect(r.extraction.addressee).toBe(IDENTITY[name].addressee);
    expect(r.extraction.date).toBe(IDENTITY[name].date);
  });
});

describe('sample workbooks: the 存在问题 / 下步安排 items are read in order', () => {
  it.each(TEXTS.map((t) => [`${t.book} ${t.section}: ${t.count} items`, t] as const))('%s', (_t, t) => {
    const items = result(t.book).extraction.texts.filter((x) => x.section === t.section).sort((a, b) => a.order - b.order);
    expect(items).toHaveLength(t.count);
    expect(items[0].text.startsWith(t.first)).toBe(true);
  });
});

describe('sample workbooks: every planted inconsistency is found at its cell', () => {
  it.each(PLANTED.map((p) => [`${p.id} ${p.book} ${p.rule} @ ${p.cell} — ${p.what}`, p] as const))('%s', (_title, p) => {
    const r = result(p.book);
    const accepted = [p.cell, ...(p.also ?? [])];
    const sameRule = r.findings.filter((f) => f.rule === p.rule);
    const hit = sameRule.find((f) => accepted.includes(pos(f)) && (p.entity === undefined || f.entity === p.entity));
    if (!hit) {
      throw new Error(
        `${p.book}: no '${p.rule}' finding at ${accepted.join(' or ')} (${p.what}).\n` +
          `'${p.rule}' findings in this workbook:\n${show(sameRule)}\nAll findings at that cell:\n` +
          show(r.findings.filter((f) => accepted.includes(pos(f)))),
      );
    }
    if (p.severity) expect({ id: p.id, severity: hit.severity }).toEqual({ id: p.id, severity: p.severity });
    for (const c of p.refs ?? []) expect({ id: p.id, refs: hit.refs, has: hit.refs.includes(c) }).toMatchObject({ has: true });
    expect(hit.message).not.toMatch(/undefined|NaN|null/);
  });
});

describe('sample workbooks: no false alarms', () => {
  it('the clean workbook 示范镇 has no error and no verify finding', () => {
    const bad = result(SF).findings.filter((f) => f.severity === 'error' || f.severity === 'verify');
    expect(show(bad)).toBe('(no findings)');
  });

  it('the clean workbook 示范镇 has no finding at all, not even a hint', () => {
    expect(show(result(SF).findings)).toBe('(no findings)');
  });

  it.each([ZY, DZZ, QY, SQ])('%s: every error/verify finding is at a planted (or tolerated) cell', (name) => {
    const allowed = new Set<string>(TOLERATED[name] ?? []);
    for (const p of PLANTED.filter((q) => q.book === name)) {
      for (const c of [p.cell, ...(p.also ?? []), ...(p.refs ?? [])]) allowed.add(c);
    }
    const stray = result(name).findings.filter((f) => (f.severity === 'error' || f.severity === 'verify') && !allowed.has(pos(f)));
    expect(show(stray)).toBe('(no findings)');
  });
});

describe('sample workbooks: every finding points at a cell of its sheet', () => {
  function inside(g: Grid, row: number, col: number): boolean {
    const o = g.origin ?? { row: 0, col: 0 };
    const width = Math.max(0, ...g.rows.map((r) => r.length));
    return row >= o.row && row < o.row + g.rows.length && col >= o.col && col < o.col + width;
  }
  it.each(ALL)('%s', (name) => {
    const book = books.get(name)!;
    const r = result(name);
    const outside: string[] = [];
    for (const f of r.findings) {
      const g = book.sheets.find((s) => s.name === f.sheet);
      const m = /^([A-Z]{1,3})(\d+)$/.exec(f.cell);
      if (!g || !m) {
        outside.push(`${f.rule} @ ${f.sheet}!${f.cell}`);
        continue;
      }
      let col = 0;
      for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
      if (!inside(g, Number(m[2]) - 1, col - 1)) outside.push(`${f.rule} @ ${pos(f)}`);
    }
    expect(outside).toEqual([]);
  });
});

describe('sample workbooks: key rates are computed from their parts', () => {
  it.each(RATES.map((e) => [`${e.book} ${e.indicator} ${e.entity ?? ''} ${e.period} = ${e.display}`, e] as const))('%s', (_t, e) => {
    const r = result(e.book);
    const found = r.rates.filter(
      (x) => x.indicator === e.indicator && x.period === e.period && (e.entity === undefined ? x.entity === null : x.entity === e.entity),
    );
    expect(found.map((x) => x.display)).toContain(e.display);
  });

  it('周营镇: 7 of 9 is 77.78…, unrounded', () => {
    const rate = result(ZY).rates.find((x) => x.indicator === 'petition_resolution_rate' && x.period === 'current' && x.entity === null);
    expect(rate?.value).toBeCloseTo((7 / 9) * 100, 6);
    expect(rate?.numerator.cell).toBe('D5');
    expect(rate?.denominator.cell).toBe('D4');
    expect(rate?.reported?.cell).toBe('D6');
  });
});

describe('sample workbooks: approximate figures are kept as written', () => {
  function obs(book: string, sheet: string, cell: string) {
    return result(book).observations.find((o) => o.sheet === sheet && o.cell === cell);
  }
  it('周营镇 法治宣传教育!D5 `近3万余` → 30000, approximate, markers 近 and 余 (no error)', () => {
    const o = obs(ZY, '法治宣传教育', 'D5');
    expect(o).toMatchObject({ indicator: 'materials', value: 30000, approx: true });
    expect(o!.markers).toEqual(expect.arrayContaining(['近', '余']));
    const bad = result(ZY).findings.filter((f) => pos(f) === at('法治宣传教育', 'D5') && f.severity !== 'hint');
    expect(show(bad)).toBe('(no findings)');
  });
  it('前营乡 主要指标!E18 `二十余` → 20, approximate, current year', () => {
    expect(obs(QY, '主要指标', 'E18')).toMatchObject({ indicator: 'disputes_received', value: 20, approx: true, period: 'current' });
  });
  it('大钟庄镇 数量指标!D22 `10多` (万元) → 10, approximate', () => {
    expect(obs(DZZ, '数量指标', 'D22')).toMatchObject({ indicator: 'position_investment', value: 10, approx: true });
  });
  it('周营镇 法治宣传教育!D11 full-width `６１` → 61', () => {
    expect(obs(ZY, '法治宣传教育', 'D11')).toMatchObject({ indicator: 'consultations', value: 61 });
  });
});
