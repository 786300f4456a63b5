/**
 * Field test: eight township/county workbooks in layouts the sample workbooks do not use (make-field.ts),
 * written to a temp dir, read back with the real file adapter, checked and reported with the real engine.
 *
 * The expectations are what a county statistician knows about each sheet — the planted inconsistencies, the
 * figures as written, the rates recomputed by hand — never the engine's output copied back.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ref } from '../../src/core/address';
import { check } from '../../src/core/check';
import { auditFigures, buildReport } from '../../src/core/narrative';
import type { ApproxMarker, CheckResult, Finding, RuleId, SectionId } from '../../src/core/types';
import { readXlsx } from '../../src/file';
import { FIELD_BOOKS, fieldBytes, fieldSpec, type FieldBook } from './make-field';

interface Planted {
  rule: RuleId;
  /** `Sheet!Cell` where the finding must point. */
  cell: string;
  /** Other cells of the same fact a rule may point at instead. */
  also?: string[];
  /** Cells the finding's refs must contain. */
  refs?: string[];
  entity?: string;
  /** `explained` when the sheet itself explains it (a 备注 on the row). */
  status?: 'open' | 'explained';
  what: string;
}

interface Obs {
  cell: string;
  indicator: string;
  value: number | boolean;
  entity?: string | null;
  markers?: ApproxMarker[];
  period?: 'current' | 'previous';
  isTotal?: boolean;
}

interface Expectation {
  unit?: string;
  year: number;
  date?: string;
  /** Planted in the planted version (none in the twin). */
  planted: Planted[];
  /** Cells where a consequence of a planted fact may also be reported (planted version only). */
  tolerated?: string[];
  /** Figures of the consistent twin, read as written. */
  observations: Obs[];
  /** Rates of the twin recomputed by hand from its parts. */
  rates: { indicator: string; display: string; entity?: string; period?: 'current' | 'previous' }[];
  /** Rates (of the workbook itself, or the 合计 of a summary) the report must state. */
  prose: string[];
  texts?: Partial<Record<SectionId, number>>;
}

const at = (sheet: string, cell: string) => ref(sheet, cell);
/** Observation expectations written with bare cells of one sheet. */
const onSheet = (sheet: string, list: Obs[]): Obs[] => list.map((o) => ({ ...o, cell: at(sheet, o.cell) }));

const EXPECT: Record<FieldBook, Expectation> = {
  oneSheet: ((): Expectation => {
    const s = '2023年指标';
    return {
      unit: '周营镇',
      year: 2023,
      date: '2023年12月13日',
      planted: [
        { rule: 'rate-mismatch', cell: at(s, 'D15'), refs: [at(s, 'D13'), at(s, 'D14'), at(s, 'D15')], what: '化解率 100% over 7 of 9 (77.8%)' },
        { rule: 'part-exceeds-whole', cell: at(s, 'D20'), also: [at(s, 'D19')], refs: [at(s, 'D19'), at(s, 'D20')], what: '持证 14 > 执法人员 12' },
      ],
      tolerated: [at(s, 'D19')],
      observations: onSheet(s, [
        { cell: 'D5', indicator: 'leading_group', value: true },
        { cell: 'D9', indicator: 'publicity_events', value: 100, markers: ['余'] },
        { cell: 'D10', indicator: 'materials', value: 30000, markers: ['近', '余'] },
        { cell: 'D11', indicator: 'banners', value: 300, markers: ['近', '余'] },
        { cell: 'D14', indicator: 'petitions_resolved', value: 9 },
        { cell: 'D15', indicator: 'petition_resolution_rate', value: 100 },
        { cell: 'D24', indicator: 'counsel_coverage_rate', value: 100 },
      ]),
      rates: [
        { indicator: 'petition_resolution_rate', display: '100%' },
        { indicator: 'dispute_mediation_rate', display: '94.6%' },
        { indicator: 'certification_rate', display: '91.7%' },
        { indicator: 'counsel_coverage_rate', display: '100%' },
      ],
      prose: ['化解率100%', '调解成功率94.6%', '持证率91.7%', '覆盖率100%', '部分党员干部理论学习不够深入', '完善法治教育机制'],
      texts: { shortcomings: 2, plans: 2 },
    };
  })(),

  wps: ((): Expectation => {
    const s = 'Sheet1';
    return {
      unit: '前营乡',
      year: 2023,
      date: '2024年1月5日',
      planted: [
        { rule: 'coverage-claim', cell: at(s, 'D12'), refs: [at(s, 'D11'), at(s, 'D12')], what: '全覆盖 while 23 of 25 villages have a counsel' },
        { rule: 'conflicting-values', cell: at(s, 'D17'), also: [at(s, 'D10')], refs: [at(s, 'D10'), at(s, 'D17')], what: '行政村 25 and 辖行政村 26' },
      ],
      tolerated: [at(s, 'D11'), at(s, 'D10')],
      observations: onSheet(s, [
        { cell: 'D5', indicator: 'center_group_study', value: 5 },
        { cell: 'D6', indicator: 'pre_meeting_study', value: 10 },
        { cell: 'D9', indicator: 'disputes_received', value: 20, markers: ['余'] },
        { cell: 'D12', indicator: 'counsel_coverage_rate', value: 100 },
        { cell: 'D17', indicator: 'villages', value: 25 },
        { cell: 'D18', indicator: 'law_libraries', value: 12 },
        { cell: 'D19', indicator: 'trainings', value: 6 },
        { cell: 'D20', indicator: 'training_attendance', value: 300 },
      ]),
      rates: [
        { indicator: 'petition_resolution_rate', display: '93.3%' },
        { indicator: 'certification_rate', display: '83.3%' },
        { indicator: 'counsel_coverage_rate', display: '100%' },
      ],
      prose: ['化解率93.3%', '持证率83.3%', '覆盖率100%', '20余件', '2024年1月5日', '12个', '300人次'],
    };
  })(),

  unitAfter: ((): Expectation => {
    const s = '工作量统计';
    return {
      unit: '大钟庄镇',
      year: 2021,
      planted: [
        { rule: 'part-exceeds-whole', cell: at(s, 'C12'), also: [at(s, 'C11')], refs: [at(s, 'C11'), at(s, 'C12')], what: '调解成功 七十件 > 受理 六十八件次' },
      ],
      observations: onSheet(s, [
        { cell: 'C3', indicator: 'center_group_study', value: 4 },
        { cell: 'C4', indicator: 'pre_meeting_study', value: 12 },
        { cell: 'C7', indicator: 'materials', value: 20000, markers: ['余'] },
        { cell: 'C8', indicator: 'banners', value: 1500, markers: ['多'] },
        { cell: 'C9', indicator: 'publicity_events', value: 26 },
        { cell: 'C10', indicator: 'consultations', value: 120 },
        { cell: 'C11', indicator: 'disputes_received', value: 68 },
        { cell: 'C12', indicator: 'disputes_mediated', value: 66 },
        { cell: 'C15', indicator: 'villages', value: 45 },
        { cell: 'C16', indicator: 'legal_counsels', value: 10 },
        { cell: 'C17', indicator: 'position_investment', value: 10, markers: ['多'] },
        { cell: 'C18', indicator: 'enforcement_officers', value: 16 },
        { cell: 'C19', indicator: 'certified_officers', value: 15 },
      ]),
      rates: [
        { indicator: 'petition_resolution_rate', display: '93.8%' },
        { indicator: 'dispute_mediation_rate', display: '97.1%' },
        { indicator: 'certification_rate', display: '93.8%' },
      ],
      prose: ['化解率93.8%', '调解成功率97.1%', '持证率93.8%', '2万余份', '1500多条', '10多万元'],
    };
  })(),

  twoLevel: ((): Expectation => {
    const s = '信访矛盾执法汇总';
    return {
      unit: '沈丘县',
      year: 2023,
      planted: [
        { rule: 'rate-mismatch', cell: at(s, 'E6'), entity: '大钟庄镇', refs: [at(s, 'C6'), at(s, 'D6'), at(s, 'E6')], what: '大钟庄镇 化解率 98 over 45 of 48 (93.8%)' },
        { rule: 'part-exceeds-whole', cell: at(s, 'J7'), also: [at(s, 'I7')], entity: '白楼镇', refs: [at(s, 'I7'), at(s, 'J7')], what: '白楼镇 持证 9 > 执法人员 8' },
        { rule: 'sum-mismatch', cell: at(s, 'C9'), what: '受理 total typed 100, the townships add up to 105' },
      ],
      // 112.5% is out of range (the same fact as J7); 93.3 over 98 / 100 (the same fact as C9)
      tolerated: [at(s, 'K7'), at(s, 'E9')],
      observations: onSheet(s, [
        { cell: 'C4', indicator: 'petitions_received', value: 9, entity: '周营镇' },
        { cell: 'E4', indicator: 'petition_resolution_rate', value: 77.8, entity: '周营镇' },
        { cell: 'I4', indicator: 'enforcement_officers', value: 12, entity: '周营镇' },
        { cell: 'J4', indicator: 'certified_officers', value: 11, entity: '周营镇' },
        { cell: 'J7', indicator: 'certified_officers', value: 7, entity: '白楼镇' },
        { cell: 'C9', indicator: 'petitions_received', value: 105, entity: '合计', isTotal: true },
      ]),
      rates: [
        { indicator: 'petition_resolution_rate', entity: '周营镇', display: '77.8%' },
        { indicator: 'petition_resolution_rate', entity: '大钟庄镇', display: '93.8%' },
        { indicator: 'certification_rate', entity: '白楼镇', display: '87.5%' },
        { indicator: 'certification_rate', entity: '周营镇', display: '91.7%' },
        { indicator: 'petition_resolution_rate', entity: '合计', display: '93.3%' },
      ],
      prose: ['全县共受理信访案件105件', '化解率93.3%', '调解成功率94.9%', '持证率92.3%'],
    };
  })(),

  lastThisYear: ((): Expectation => {
    const s = '主要指标对比';
    return {
      unit: '前营乡',
      year: 2023,
      planted: [
        { rule: 'large-change', cell: at(s, 'E8'), refs: [at(s, 'D8'), at(s, 'E8')], what: '法律咨询 45 → 260 with no note' },
        { rule: 'rate-mismatch', cell: at(s, 'E11'), refs: [at(s, 'E9'), at(s, 'E10'), at(s, 'E11')], what: '化解率 100 over 11 of 12 (91.7%)' },
        { rule: 'large-change', cell: at(s, 'E17'), refs: [at(s, 'D17'), at(s, 'E17')], status: 'explained', what: '参训人次 40 → 180, explained in 备注' },
      ],
      observations: onSheet(s, [
        { cell: 'D8', indicator: 'consultations', value: 45, period: 'previous' as const },
        { cell: 'E8', indicator: 'consultations', value: 52, period: 'current' as const },
        { cell: 'D12', indicator: 'disputes_received', value: 18, period: 'previous' as const },
        { cell: 'E12', indicator: 'disputes_received', value: 20, markers: ['余'] as ApproxMarker[], period: 'current' as const },
        { cell: 'E3', indicator: 'leading_group', value: true, period: 'current' as const },
        { cell: 'D13', indicator: 'materials', value: 1800, period: 'previous' as const },
        { cell: 'E13', indicator: 'materials', value: 2000, markers: ['余'] as ApproxMarker[], period: 'current' as const },
      ]),
      rates: [
        { indicator: 'petition_resolution_rate', display: '91.7%', period: 'current' },
        { indicator: 'petition_resolution_rate', display: '93.3%', period: 'previous' },
        { indicator: 'certification_rate', display: '83.3%', period: 'current' },
      ],
      prose: ['化解率91.7%', '持证率83.3%', '20余件', '2000余份'],
    };
  })(),

  nested: ((): Expectation => {
    const s = '指标完成情况';
    return {
      unit: '大钟庄镇',
      year: 2021,
      planted: [
        { rule: 'part-exceeds-whole', cell: at(s, 'C13'), also: [at(s, 'C12')], refs: [at(s, 'C12'), at(s, 'C13')], what: '其中：化解 50 > 信访案件 48' },
        { rule: 'sum-mismatch', cell: at(s, 'C18'), also: [at(s, 'C19'), at(s, 'C20')], what: '法律顾问 10 ≠ 1 + 8' },
      ],
      observations: onSheet(s, [
        { cell: 'C5', indicator: 'center_group_study', value: 4 },
        { cell: 'C10', indicator: 'materials', value: 20000, markers: ['余'] },
        { cell: 'C12', indicator: 'petitions_received', value: 48 },
        { cell: 'C13', indicator: 'petitions_resolved', value: 45 },
        { cell: 'C15', indicator: 'disputes_mediated', value: 66 },
        { cell: 'C18', indicator: 'legal_counsels', value: 10 },
        { cell: 'C19', indicator: 'town_counsels', value: 1 },
        { cell: 'C20', indicator: 'village_counsels', value: 9 },
        { cell: 'C23', indicator: 'certified_officers', value: 15 },
      ]),
      rates: [
        { indicator: 'petition_resolution_rate', display: '93.8%' },
        { indicator: 'dispute_mediation_rate', display: '97.1%' },
        { indicator: 'certification_rate', display: '93.8%' },
      ],
      prose: ['化解率93.8%', '调解成功率97.1%', '持证率93.8%', '2万余份'],
    };
  })(),

  fractions: {
    unit: '周营镇',
    year: 2023,
    planted: [
      { rule: 'rate-mismatch', cell: at('主要指标', 'D12'), refs: [at('主要指标', 'D10'), at('主要指标', 'D11'), at('主要指标', 'D12')], what: '化解率 0.98 (General) over 45 of 48 (93.8%)' },
      { rule: 'rate-mismatch', cell: at('学法考试', 'C7'), refs: [at('学法考试', 'B4'), at('学法考试', 'B6'), at('学法考试', 'C7')], what: '优秀率 36.3 under 比率（%） over 31 of 49 (63.3%)' },
    ],
    observations: [
      { cell: at('主要指标', 'D9'), indicator: 'dispute_mediation_rate', value: 94.6 },
      { cell: at('主要指标', 'D12'), indicator: 'petition_resolution_rate', value: 93.8 },
      { cell: at('学法考试', 'C5'), indicator: 'exam_participation_rate', value: 98 },
      { cell: at('学法考试', 'C7'), indicator: 'exam_excellence_rate', value: 63.3 },
      { cell: at('学法考试', 'B3'), indicator: 'exam_expected', value: 50 },
      // 100 % written as a bare 1 among fractions
      { cell: at('主要指标', 'D17'), indicator: 'counsel_coverage_rate', value: 100 },
    ],
    rates: [
      { indicator: 'dispute_mediation_rate', display: '94.6%' },
      { indicator: 'petition_resolution_rate', display: '93.8%' },
      { indicator: 'exam_participation_rate', display: '98.0%' },
      { indicator: 'exam_excellence_rate', display: '63.3%' },
      { indicator: 'certification_rate', display: '91.7%' },
      { indicator: 'counsel_coverage_rate', display: '100%' },
    ],
    prose: ['调解成功率94.6%', '化解率93.8%', '参考率98.0%', '优秀率63.3%', '持证率91.7%', '覆盖率100%'],
  },

  transposed: ((): Expectation => {
    const s = '乡镇汇总';
    return {
      unit: '沈丘县',
      year: 2023,
      planted: [
        { rule: 'part-exceeds-whole', cell: at(s, 'F5'), also: [at(s, 'F4')], entity: '白楼镇', refs: [at(s, 'F4'), at(s, 'F5')], what: '白楼镇 化解 15 > 受理 13' },
        { rule: 'sum-mismatch', cell: at(s, 'H7'), what: '普法 total typed 183, the townships add up to 193' },
      ],
      // 115.4% is out of range: the same fact as F5
      tolerated: [at(s, 'F6')],
      observations: onSheet(s, [
        { cell: 'D4', indicator: 'petitions_received', value: 9, entity: '周营镇' },
        { cell: 'F5', indicator: 'petitions_resolved', value: 12, entity: '白楼镇' },
        { cell: 'E6', indicator: 'petition_resolution_rate', value: 93.3, entity: '前营乡' },
        { cell: 'H3', indicator: 'villages', value: 85, entity: '合计', isTotal: true },
      ]),
      rates: [
        { indicator: 'petition_resolution_rate', entity: '周营镇', display: '77.8%' },
        { indicator: 'petition_resolution_rate', entity: '白楼镇', display: '92.3%' },
        { indicator: 'certification_rate', entity: '前营乡', display: '83.3%' },
        { indicator: 'petition_resolution_rate', entity: '合计', display: '93.0%' },
      ],
      prose: ['全县共受理信访案件57件', '化解率93.0%', '持证率91.7%'],
    };
  })(),
};

const BOOKS = Object.keys(FIELD_BOOKS) as FieldBook[];
const results = new Map<string, CheckResult>();
let dir = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicator-desk-field-'));
  for (const b of BOOKS) {
    for (const twin of [false, true]) {
      const file = path.join(dir, fieldSpec(b, twin).file);
      fs.writeFileSync(file, await fieldBytes(b, twin));
      const book = await readXlsx(fs.readFileSync(file), path.basename(file));
      results.set(`${b}/${twin}`, check(book));
    }
  }
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const res = (b: FieldBook, twin: boolean): CheckResult => results.get(`${b}/${twin}`)!;
const pos = (f: Finding): string => ref(f.sheet, f.cell);
const show = (fs_: Finding[]): string =>
  fs_.length ? fs_.map((f) => `${f.rule}/${f.severity} @ ${pos(f)}${f.entity ? `（${f.entity}）` : ''}: ${f.message}`).join('\n') : '(no findings)';
const serious = (f: Finding) => f.severity === 'error' || f.severity === 'verify';

describe.each(BOOKS)('field workbook %s', (b) => {
  const e = EXPECT[b];

  test('identity: unit, year (and date) as the sheet says', () => {
    for (const twin of [false, true]) {
      const r = res(b, twin);
      if (e.unit) expect(r.unit ?? '').toContain(e.unit);
      expect(r.year).toBe(e.year);
      if (e.date) expect(r.extraction.date).toBe(e.date);
    }
  });

  test.each(e.planted.map((p) => [`${p.rule} @ ${p.cell} — ${p.what}`, p] as const))('planted: %s', (_t, p) => {
    const r = res(b, false);
    const accepted = [p.cell, ...(p.also ?? [])];
    const hit = r.findings.find((f) => f.rule === p.rule && accepted.includes(pos(f)) && (p.entity === undefined || f.entity === p.entity));
    if (!hit) throw new Error(`no '${p.rule}' at ${accepted.join(' or ')} (${p.what}). Findings:\n${show(r.findings)}`);
    expect(serious(hit)).toBe(true);
    expect({ status: hit.status }).toEqual({ status: p.status ?? 'open' });
    for (const c of p.refs ?? []) expect({ refs: hit.refs, has: hit.refs.includes(c) }).toMatchObject({ has: true });
    expect(hit.message).not.toMatch(/undefined|NaN|null/);
  });

  test('planted version: every error/verify is a planted fact (or its stated consequence)', () => {
    const allowed = new Set<string>(e.tolerated ?? []);
    for (const p of e.planted) for (const c of [p.cell, ...(p.also ?? []), ...(p.refs ?? [])]) allowed.add(c);
    expect(show(res(b, false).findings.filter((f) => serious(f) && !allowed.has(pos(f))))).toBe('(no findings)');
  });

  test('consistent twin: no error and no verify finding', () => {
    expect(show(res(b, true).findings.filter(serious))).toBe('(no findings)');
  });

  test('consistent twin: no hint either (nothing unread, nothing unknown)', () => {
    expect(show(res(b, true).findings)).toBe('(no findings)');
    expect(res(b, true).extraction.unknown).toEqual([]);
  });

  test.each(e.observations.map((o) => [`${o.cell} = ${o.indicator} ${String(o.value)}${o.markers ? ` (${o.markers.join('')})` : ''}`, o] as const))(
    'twin reads %s',
    (_t, o) => {
      const r = res(b, true);
      const found = r.observations.filter((x) => ref(x.sheet, x.cell) === o.cell);
      expect(found.map((x) => x.indicator)).toEqual([o.indicator]);
      const x = found[0];
      expect(x.value).toBe(o.value);
      expect(x.markers).toEqual(o.markers ?? []);
      expect(x.approx).toBe((o.markers ?? []).length > 0);
      if (o.entity !== undefined) expect(x.entity).toBe(o.entity);
      if (o.period) expect(x.period).toBe(o.period);
      if (o.isTotal) expect(x.isTotal).toBe(true);
    },
  );

  test.each(e.rates.map((x) => [`${x.indicator} ${x.entity ?? ''} ${x.period ?? 'current'} = ${x.display}`, x] as const))('twin rate %s', (_t, x) => {
    const found = res(b, true).rates.filter(
      (q) => q.indicator === x.indicator && q.period === (x.period ?? 'current') && q.entity === (x.entity ?? null),
    );
    expect(found.map((q) => q.display)).toEqual([x.display]);
  });

  if (e.texts) {
    test('text items of 存在的不足 / 下一年度安排', () => {
      for (const [section, n] of Object.entries(e.texts!)) {
        expect({ section, n: res(b, true).extraction.texts.filter((t) => t.section === section).length }).toEqual({ section, n });
      }
    });
  }

  test('report: every figure of the workbook stated as written, no figure invented (planted and twin)', () => {
    for (const twin of [false, true]) {
      const r = res(b, twin);
      const audit = auditFigures(buildReport(r), r);
      expect({ twin, missing: audit.missing, extra: audit.extra }).toEqual({ twin, missing: [], extra: [] });
    }
  });

  test('report of the twin states the recomputed rates and the approximate figures', () => {
    const text = buildReport(res(b, true)).paragraphs.map((p) => p.text).join('\n');
    for (const s of e.prose) expect({ s, found: text.includes(s) }).toEqual({ s, found: true });
    expect(text).not.toMatch(/undefined|NaN|null/);
  });
});

describe('summaries: no figure of a township is taken for the county itself', () => {
  test.each(['twoLevel', 'transposed'] as FieldBook[])('%s', (b) => {
    for (const twin of [false, true]) {
      expect(res(b, twin).observations.filter((o) => o.entity === null).map((o) => ref(o.sheet, o.cell))).toEqual([]);
      expect(res(b, twin).findings.filter((f) => f.rule === 'missing-required')).toEqual([]);
    }
  });
});

describe('the transposed summary speaks of columns', () => {
  test('sum-mismatch at the 合计 column says 合计列 and 左边, not 合计行 / 上面', () => {
    const f = res('transposed', false).findings.find((x) => x.rule === 'sum-mismatch');
    expect(f?.message).toContain('合计列');
    expect(f?.message).toContain('左边4个单位');
    expect(f?.message).toContain('193');
  });
});
