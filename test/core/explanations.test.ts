import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../src/core/check';
import { reviewExplanation, reviseExplanation } from '../../src/core/explanations';
import { readXlsx } from '../../src/file';
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
    expect(plan.rows[0].map((c) => c.v)).toEqual(['编号', '规则', '位置', '问题', '说明', '日期', '类型', '填写人', '所释数字', '审核意见', '审核人', '审核日期', '审核备注', '审核记录']);
    expect(plan.rows[0].every((c) => c.style === 'header')).toBe(true);
    expect(plan.rows).toHaveLength(3);
    expect(plan.rows.slice(1).every((r) => r.every((c) => c.style === 'cell'))).toBe(true);
    expect(plan.columns).toHaveLength(EXPLANATION_HEADER.length);
    const row = plan.rows.find((r) => r[0].v === E1.findingId)!;
    expect(row.map((c) => c.v)).toEqual([E1.findingId, '与上年相比变化过大', '‘普法’表 B8', E1.message, E1.text, '2025-01-10', '说明', '', '', '', '', '', '', '']);
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

// ───────────── explanations that stay true (issue 16): figures, author, disputes, the county's decision ─────────────


const SAMPLE = path.resolve(__dirname, '..', '..', 'assets', 'samples', '周营镇-2023-指标.xlsx');

async function sample(): Promise<Workbook> {
  return readXlsx(fs.readFileSync(SAMPLE), '周营镇-2023-指标.xlsx');
}

/** The workbook with one cell set, as a township would resubmit it. */
function withCell(b: Workbook, sheet: string, row: number, col: number, v: string | number): Workbook {
  return {
    ...b,
    sheets: b.sheets.map((g) => {
      if (g.name !== sheet) return g;
      const rows = g.rows.map((r) => [...r]);
      while (rows.length <= row) rows.push([]);
      rows[row][col] = v;
      return { ...g, rows };
    }),
  };
}

function withExplanations(b: Workbook, list: Explanation[]): Workbook {
  return { ...b, sheets: [...b.sheets.filter((g) => g.name !== RESULT_SHEETS.explanations), asGrid(explanationSheet(list))] };
}

describe('explanations hold to the figures they explain', () => {
  it('an explanation of 行政村数 21 vs 20 closes the finding; when 21 becomes 25 it reopens as 说明已过期（21个→25个）', async () => {
    const book0 = await sample();
    const villages = check(book0).findings.find((f) => f.rule === 'conflicting-values')!;
    expect(villages.figures?.map((x) => x.value).sort()).toEqual(['20', '21个']);
    const e = explanationFor(villages, '基本情况含2个社区，公共法律服务表只计行政村。', '2026-12-01', { author: '王会计' });
    const explained = withExplanations(book0, [e]);
    const r1 = check(explained);
    const f1 = r1.findings.find((f) => f.id === villages.id)!;
    expect(f1.status).toBe('explained');
    expect(f1.account).toMatchObject({ state: 'explained', author: '王会计', label: '已说明' });
    // what the sheet says is read back, author and figures included
    expect(r1.explanations[0]).toMatchObject({ author: '王会计', figures: e.figures });

    // B7 of 基本情况 (row 7) now says 25个: the explanation spoke of 21
    const changed = withCell(explained, '基本情况', 6, 1, '25个');
    const r2 = check(changed);
    const f2 = r2.findings.find((f) => f.id === villages.id)!;
    expect(f2.status).toBe('open');
    expect(f2.account?.state).toBe('stale');
    expect(f2.account?.label).toBe('说明已过期（21个→25个）');
    expect(r2.counts.verify).toBe(r1.counts.verify + 1);
    expect(r2.counts.stale).toBe(1);
  });

  it('an explanation written before figures were recorded (an older 审核说明) still closes its finding', async () => {
    const book0 = await sample();
    const villages = check(book0).findings.find((f) => f.rule === 'conflicting-values')!;
    const old: Grid = { name: '审核说明', rows: [['编号', '规则', '位置', '问题', '说明', '日期'], [villages.id, '', '', '', '口径不同', '2024-01-10']] };
    const r = check({ ...book0, sheets: [...book0.sheets, old] });
    expect(r.findings.find((f) => f.id === villages.id)?.status).toBe('explained');
    expect(r.explanations).toEqual([{ findingId: villages.id, text: '口径不同', date: '2024-01-10' }]);
  });

  it('an error may be disputed (乡镇异议) and stays open until the county accepts the dispute', async () => {
    const book0 = await sample();
    const officers = check(book0).findings.find((f) => f.rule === 'part-exceeds-whole')!;
    expect(officers.severity).toBe('error');
    const dispute = explanationFor(officers, '14人含2名协管员，见备注。', '2026-12-01', { author: '李站长' });
    expect(dispute.kind).toBe('dispute');
    const r1 = check(withExplanations(book0, [dispute]));
    const f1 = r1.findings.find((f) => f.id === officers.id)!;
    expect(f1.status).toBe('open');
    expect(f1.account).toMatchObject({ state: 'disputed', label: '乡镇异议', text: '14人含2名协管员，见备注。' });
    expect(r1.counts).toMatchObject({ error: check(book0).counts.error, disputed: 1 });

    const accepted = reviewExplanation(dispute, { decision: 'accepted', reviewer: '县司法局张科长', date: '2026-12-03', note: '协管员另计' });
    const r2 = check(withExplanations(book0, [accepted]));
    const f2 = r2.findings.find((f) => f.id === officers.id)!;
    expect(f2.status).toBe('explained');
    expect(f2.account).toMatchObject({ state: 'accepted', label: '县级已采纳', review: { reviewer: '县司法局张科长', note: '协管员另计' } });
    expect(r2.counts.error).toBe(r1.counts.error - 1);
    expect(r2.counts.accepted).toBe(1);
  });

  it('a returned explanation reopens its finding; the township rewrites it and the old text and decision go to 审核记录', async () => {
    const book0 = await sample();
    const villages = check(book0).findings.find((f) => f.rule === 'conflicting-values')!;
    const first = explanationFor(villages, '口径不同。', '2026-12-01', { author: '王会计' });
    const returned = reviewExplanation(first, { decision: 'returned', reviewer: '张科长', date: '2026-12-02', note: '请写明哪两个社区' });
    const r1 = check(withExplanations(book0, [returned]));
    expect(r1.findings.find((f) => f.id === villages.id)).toMatchObject({ status: 'open', account: { state: 'returned', label: '县级已退回' } });

    const second = reviseExplanation(returned, explanationFor(villages, '含新华、东关两个社区。', '2026-12-04', { author: '王会计' }));
    expect(second.review).toBeUndefined();
    expect(second.history).toEqual(['2026-12-01 王会计 说明：口径不同。', '2026-12-02 张科长 退回：请写明哪两个社区']);
    const b2 = withExplanations(book0, [second]);
    const back = readExplanations(b2)[0];
    expect(back.history).toEqual(second.history);
    expect(back.review).toBeUndefined();
    expect(check(b2).findings.find((f) => f.id === villages.id)?.status).toBe('explained');
  });

  it('the sheet keeps the old six columns first and adds its new ones after them; a round trip keeps every field', () => {
    const e: Explanation = {
      ...E1,
      kind: 'dispute',
      author: '王会计',
      figures: [{ ref: '普法!B8', value: '30000' }, { ref: "'法治 宣传'!C8", value: '3000份' }],
      review: { decision: 'returned', reviewer: '张科长', date: '2026-12-02', note: '请附台账' },
      history: ['2026-11-30 王会计 说明：初稿'],
    };
    const plan = explanationSheet([e]);
    expect(plan.rows[0].slice(0, 6).map((c) => c.v)).toEqual(['编号', '规则', '位置', '问题', '说明', '日期']);
    expect(readExplanations(book(asGrid(plan)))).toEqual([e]);
  });
});
