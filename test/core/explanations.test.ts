import { RESULT_SHEETS } from '../../src/core/catalog';
import {
  EXPLANATION_HEADER,
  explanationFor,
  explanationSheet,
  mergeExplanations,
  readExplanations,
} from '../../src/core/explanations';
import type { Explanation, Grid, SheetPlan, Workbook } from '../../src/core/types';
import { obs, run } from './rules-fixtures';

/** What a host would read back after writing a SheetPlan (values only). */
function asGrid(plan: SheetPlan): Grid {
  return { name: plan.name, rows: plan.rows.map((r) => r.map((c) => c.v)) };
}

function book(...sheets: Grid[]): Workbook {
  return { name: 'test.xlsx', sheets };
}

const E1: Explanation = {
  findingId: '5c20e61a',
  text: '今年开展普法宣传月，资料印发量大幅增加。',
  rule: 'large-change',
  where: '‘普法’表 B8',
  message: '‘普法’表 B8的“发放法治宣传资料”本年为30000份……',
  date: '2025-01-10',
};
const E2: Explanation = { findingId: '0a1b2c3d', text: '两处统计口径不同：汇总表含上年结转。' };

describe('explanationSheet', () => {
  it('writes the 审核说明 sheet with the fixed header and one row per explanation', () => {
    const plan = explanationSheet([E1, E2]);
    expect(plan.name).toBe(RESULT_SHEETS.explanations);
    expect(plan.rows[0].map((c) => c.v)).toEqual(['编号', '规则', '位置', '问题', '说明', '日期']);
    expect(plan.rows[0].every((c) => c.style === 'header')).toBe(true);
    expect(plan.rows).toHaveLength(3);
    expect(plan.rows.slice(1).every((r) => r.every((c) => c.style === 'cell'))).toBe(true);
    expect(plan.columns).toHaveLength(EXPLANATION_HEADER.length);
    const row = plan.rows.find((r) => r[0].v === E1.findingId)!;
    expect(row.map((c) => c.v)).toEqual([E1.findingId, '与上年相比变化过大', '‘普法’表 B8', E1.message, E1.text, '2025-01-10']);
    expect(row[2].link).toEqual({ sheet: '普法', cell: 'B8' });
  });

  it('a new text for an id replaces the old one; the order does not depend on the input order', () => {
    const newer = { findingId: E1.findingId, text: '已核实：宣传月集中发放。' };
    const plan = explanationSheet([E1, E2, newer]);
    expect(plan.rows).toHaveLength(3);
    const row = plan.rows.find((r) => r[0].v === E1.findingId)!;
    expect(row[4].v).toBe('已核实：宣传月集中发放。');
    expect(row[2].v).toBe('‘普法’表 B8'); // context kept from the earlier row
    expect(explanationSheet([E2, E1]).rows).toEqual(explanationSheet([E1, E2]).rows);
  });

  it('writes every value as a literal (no formulas), even text that looks like one', () => {
    const plan = explanationSheet([{ findingId: 'abcdef01', text: '=SUM(A1:A3) 是原表公式' }]);
    expect(plan.rows.flat().every((c) => c.f === undefined)).toBe(true);
    expect(plan.rows[1][4].v).toBe('=SUM(A1:A3) 是原表公式');
  });
});

describe('readExplanations', () => {
  it('reads back what explanationSheet wrote (round trip)', () => {
    const back = readExplanations(book({ name: '指标', rows: [['x']] }, asGrid(explanationSheet([E1, E2]))));
    expect(back).toHaveLength(2);
    expect(back.find((e) => e.findingId === E1.findingId)).toEqual(E1);
    expect(back.find((e) => e.findingId === E2.findingId)).toEqual(E2);
  });

  it('is tolerant: a title row above, moved and extra columns, blank rows, ids retyped as numbers', () => {
    const grid: Grid = {
      name: '审核说明',
      rows: [
        ['周营镇审核说明'],
        [],
        ['序号', '说明', '编号', '备注'],
        [1, '口径不同', '0A1B2C3D', ''],
        [2, '', 'ffff0000', '没写说明的行不算'],
        [],
        [3, '数字已核实', 123456, null],
      ],
    };
    const back = readExplanations(book(grid));
    expect(back).toEqual([
      { findingId: '0a1b2c3d', text: '口径不同' },
      { findingId: '00123456', text: '数字已核实' },
    ]);
  });

  it('no sheet, or no 编号/说明 header: nothing', () => {
    expect(readExplanations(book({ name: '指标', rows: [['编号', '说明'], ['a', 'b']] }))).toEqual([]);
    expect(readExplanations(book({ name: '审核说明', rows: [['随便写的'], ['内容']] }))).toEqual([]);
  });

  it('reads a date cell stored as an Excel serial number as an ISO date', () => {
    const back = readExplanations(book({ name: '审核说明', rows: [['编号', '说明', '日期'], ['abcdef01', '已核实', 45667]] }));
    expect(back[0].date).toBe('2025-01-10');
  });
});

describe('explanations and findings', () => {
  it('an explanation written for a finding closes it on the next run (ids are stable)', () => {
    const observations = [
      obs({ indicator: 'materials', sheet: '普法', cell: 'B8', value: 30000 }),
      obs({ indicator: 'materials', sheet: '普法', cell: 'C8', value: 3000, period: 'previous', year: 2023 }),
    ];
    const [finding] = run(observations, { rules: ['large-change'] });
    const e = explanationFor(finding, '宣传月集中发放', '2025-01-10');
    expect(e).toMatchObject({ findingId: finding.id, rule: 'large-change', where: '‘普法’表 B8', message: finding.message });
    const stored = readExplanations(book(asGrid(explanationSheet([e]))));
    expect(stored[0].findingId).toBe(finding.id);
    const again = run(observations, { rules: ['large-change'] });
    expect(again[0].id).toBe(finding.id);
  });

  it('mergeExplanations: later lists win per id', () => {
    expect(mergeExplanations([E2], [{ findingId: E2.findingId, text: '新说明' }])).toEqual([{ findingId: E2.findingId, text: '新说明' }]);
  });
});
