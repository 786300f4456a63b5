import { RESULT_SHEETS } from '../../src/core/catalog';
import { buildReport } from '../../src/core/narrative';
import { combinePlans, explanationPlan, INDENT, markPlan, removalPlan, resultPlan, RULE_NAMES } from '../../src/core/plan';
import type { CellSpec, Report, SheetPlan, WritePlan } from '../../src/core/types';
import { finding, makeResult, obs } from './narrative-fixtures';

const sheetOf = (plan: WritePlan, name: string): SheetPlan => {
  const s = plan.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};
const allCells = (plan: WritePlan): CellSpec[] => plan.sheets.flatMap((s) => s.rows.flat());

const observations = [
  obs('disputes_received', 48, { sheet: '矛盾纠纷', cell: 'D9' }),
  obs('disputes_mediated', 45, { sheet: '矛盾纠纷', cell: 'D10' }),
  obs('dispute_mediation_rate', 98, { sheet: '矛盾纠纷', cell: 'D11' }),
  obs('petitions_received', 20, { sheet: '矛盾纠纷', cell: 'D5', markers: ['余'], raw: '二十余' }),
  obs('petitions_resolved', 20, { sheet: '矛盾纠纷', cell: 'D6' }),
  obs('enforcement_officers', 9, { sheet: '行政执法 2023', cell: 'C4' }),
  obs('certified_officers', 10, { sheet: '行政执法 2023', cell: 'C5' }),
];
const findings = [
  finding({ rule: 'large-change', severity: 'hint', sheet: '矛盾纠纷', cell: 'D9', message: '‘矛盾纠纷’表 D9 比上年增长三倍。' }),
  finding({
    rule: 'rate-mismatch',
    severity: 'verify',
    sheet: '矛盾纠纷',
    cell: 'D11',
    indicators: ['dispute_mediation_rate'],
    message: '‘矛盾纠纷’表 D11 填报调解成功率98%，按45/48计算应为93.8%。',
    expected: 93.75,
    actual: 98,
  }),
  finding({
    rule: 'part-exceeds-whole',
    severity: 'error',
    sheet: '行政执法 2023',
    cell: 'C5',
    indicators: ['certified_officers', 'enforcement_officers'],
    message: '‘行政执法 2023’表 C5 持证人数10人多于执法人员9人。',
    expected: 9,
    actual: 10,
  }),
  finding({
    rule: 'rate-mismatch',
    severity: 'verify',
    sheet: '矛盾纠纷',
    cell: 'D11',
    message: '已说明的问题',
    status: 'explained',
    explanation: '按上级口径统计',
  }),
];
const result = makeResult({ observations, findings });

describe('审核结果', () => {
  const plan = resultPlan(result, null);
  const s = sheetOf(plan, RESULT_SHEETS.findings);

  it('starts with a summary line and a frozen header', () => {
    expect(s.rows[0][0].v).toBe('周营镇2023年度指标审核结果：共发现问题4条，其中错误1条、待核实2条、提示1条；已说明1条。');
    expect(s.rows[1].map((c) => c.v)).toEqual(['严重程度', '规则', '位置', '指标', '问题说明', '应为', '实填', '状态/说明']);
    expect(s.freezeRows).toBe(2);
    expect(s.columns).toHaveLength(8);
    // a table the county can filter and print: header and findings under one autofilter, all columns on the page width
    expect(s.autoFilter).toBe(`A2:H${2 + findings.length}`);
    expect(s.fitToWidth).toBe(true);
  });

  it('lists one row per finding, errors first, with a link to the cell', () => {
    expect(s.rows).toHaveLength(2 + findings.length);
    const first = s.rows[2];
    expect(first[0].v).toBe('错误（强制性）');
    expect(first[2]).toMatchObject({ v: '‘行政执法 2023’表 C5', link: { sheet: '行政执法 2023', cell: 'C5' } });
    expect(first[3].v).toBe('持证人数、行政执法人员');
    expect(first[5].v).toBe(9);
    expect(first[6].v).toBe(10);
    expect(s.rows.slice(2).map((r) => r[0].v)).toEqual(['错误（强制性）', '待核实（核实性）', '待核实（核实性）', '提示（提示性）']);
  });

  it('shows rates as percent and explained findings with their explanation', () => {
    const rate = s.rows.slice(2).find((r) => r[1].v === RULE_NAMES['rate-mismatch'] && r[7].v !== '已说明：按上级口径统计')!;
    expect(rate[5].v).toBe('93.8%');
    expect(rate[6].v).toBe('98%'); // as the township wrote it
    expect(s.rows.slice(2).some((r) => r[7].v === '已说明：按上级口径统计')).toBe(true);
  });

  it('says so when there is nothing to report', () => {
    const clean = resultPlan(makeResult({ observations }), null);
    expect(sheetOf(clean, RESULT_SHEETS.findings).rows[0][0].v).toBe('周营镇2023年度指标审核结果：未发现问题。');
  });
});

describe('计算结果', () => {
  const plan = resultPlan(result, null);
  const s = sheetOf(plan, RESULT_SHEETS.rates);
  const row = (name: string) => s.rows.find((r) => String(r[0].v).startsWith(name))!;

  it('writes the rate as a live formula over the source cells, formatted 0.0%', () => {
    const r = row('矛盾纠纷调解成功率');
    expect(r[5].f).toBe('=IF(矛盾纠纷!D9=0,"",矛盾纠纷!D10/矛盾纠纷!D9)');
    expect(r[5].v).toBeCloseTo(0.9375, 10);
    expect(plan.styles[r[5].style!].numFmt).toBe('0.0%');
    expect(r[1].v).toBe(45);
    expect(r[2]).toMatchObject({ link: { sheet: '矛盾纠纷', cell: 'D10' } });
    expect(r[4]).toMatchObject({ link: { sheet: '矛盾纠纷', cell: 'D9' } });
  });

  it('shows the reported rate, a difference formula and explains the mismatch', () => {
    const r = row('矛盾纠纷调解成功率');
    const rowNo = s.rows.indexOf(r) + 1;
    expect(r[6]).toMatchObject({ v: 0.98, style: 'pct' });
    expect(r[6].link).toBeUndefined(); // a link would turn the percent into HYPERLINK text
    expect(r[7]).toMatchObject({ link: { sheet: '矛盾纠纷', cell: 'D11' } });
    expect(r[8].f).toBe(`=IF(OR(F${rowNo}="",G${rowNo}=""),"",F${rowNo}-G${rowNo})`);
    expect(r[9].v).toContain('报告文稿采用计算比率');
  });

  it('quotes sheet names that need it', () => {
    expect(row('持证率')[5].f).toBe("=IF('行政执法 2023'!C4=0,\"\",'行政执法 2023'!C5/'行政执法 2023'!C4)");
  });

  it('writes a text source (二十余) as a literal and says so', () => {
    const r = row('信访案件化解率');
    expect(r[5].f).toBe('=IF(20=0,"",矛盾纠纷!D6/20)');
    expect(r[9].v).toContain('分母 ‘矛盾纠纷’表 D5 写作“二十余”，公式无法引用，按 20 计算');
    expect(r[9].v).toContain('约数');
  });
});

describe('报告文稿', () => {
  const report: Report = {
    unit: '周营镇',
    year: 2023,
    paragraphs: [
      { role: 'title', text: '周营镇人民政府关于2023年度法治政府建设情况的报告' },
      { role: 'heading1', text: '一、主要举措' },
      { role: 'body', text: '=SUM(A1:A9) 不是公式' },
      { role: 'body', text: '+86 电话' },
      { role: 'body', text: '长'.repeat(100) },
      { role: 'signature', text: '周营镇人民政府' },
      { role: 'date', text: '2024年1月8日' },
    ],
  };
  const plan = resultPlan(result, report);
  const s = sheetOf(plan, RESULT_SHEETS.report);

  it('writes one paragraph per row in column A, in order, body indented by two ideographic spaces', () => {
    expect(s.rows.map((r) => r.length)).toEqual(report.paragraphs.map(() => 1));
    expect(s.rows[0][0].v).toBe(report.paragraphs[0].text);
    expect(s.rows[2][0].v).toBe(`${INDENT}=SUM(A1:A9) 不是公式`);
    expect(s.rows[5][0].v).toBe('周营镇人民政府');
    expect(s.columns[0]).toBeGreaterThanOrEqual(80);
  });

  it('never turns a paragraph into a formula', () => {
    for (const c of s.rows.flat()) expect(c.f).toBeUndefined();
    const formulas = allCells(plan).filter((c) => c.f);
    for (const c of formulas) expect(c.f).toMatch(/^=IF\(/);
  });

  it('styles after GB/T 9704: title 方正小标宋简体 22 centred, body 仿宋_GB2312 16, headings 黑体, date right', () => {
    const style = (row: number) => plan.styles[s.rows[row][0].style!];
    expect(style(0)).toMatchObject({ font: { name: '方正小标宋简体', size: 22 }, align: 'center' });
    expect(style(1).font).toMatchObject({ name: '黑体', size: 16 });
    expect(style(2)).toMatchObject({ font: { name: '仿宋_GB2312', size: 16 }, wrap: true });
    expect(style(6).align).toBe('right');
  });

  it('makes long paragraphs taller', () => {
    const h = s.rowHeights!;
    expect(h).toHaveLength(report.paragraphs.length);
    expect(h[4]!).toBeGreaterThan(h[2]!);
    expect(h[4]!).toBeGreaterThanOrEqual(28 * 4);
  });

  it('never asks for a row taller than Excel allows (409 pt)', () => {
    const long = resultPlan(result, { unit: null, year: null, paragraphs: [{ role: 'body', text: '长'.repeat(2000) }] });
    expect(sheetOf(long, RESULT_SHEETS.report).rowHeights![0]).toBe(409);
  });

  it('takes a whole generated report (and its notes, below)', () => {
    const rep = buildReport(result);
    const plan2 = resultPlan(result, rep);
    expect(sheetOf(plan2, RESULT_SHEETS.report).rows).toHaveLength(rep.paragraphs.length + (rep.notes ? 1 : 0));
  });
});

describe('报告文稿 carries the draft’s notes', () => {
  it('a rate recomputed in place of the township’s 98% is said in the last row, after the date, indented like the body', () => {
    const rep = buildReport(result);
    expect(rep.notes).toEqual([expect.stringMatching(/^文稿中的“矛盾纠纷调解成功率”93\.8%是按.*填报为“98%”，文稿没有采用。$/)]);
    const s = sheetOf(resultPlan(result, rep), RESULT_SHEETS.report);
    expect(s.rows).toHaveLength(rep.paragraphs.length + 1);
    expect(s.rows[s.rows.length - 2][0].v).toBe(rep.paragraphs[rep.paragraphs.length - 1].text);
    const last = s.rows[s.rows.length - 1][0];
    expect(last.v).toBe(`${INDENT}（说明：${rep.notes![0]}）`);
    expect(resultPlan(result, rep).styles[last.style!]).toMatchObject({ font: { name: '仿宋_GB2312', size: 16 }, wrap: true });
    expect(s.rowHeights).toHaveLength(s.rows.length);
  });
});

describe('re-runs', () => {
  it('the same result gives the same plan (sheets replaced whole, never duplicated)', () => {
    const rep = buildReport(result);
    const a = resultPlan(result, rep);
    const b = resultPlan(result, rep);
    expect(b).toEqual(a);
    expect(new Set(a.sheets.map((s) => s.name)).size).toBe(a.sheets.length);
    expect(a.sheets.map((s) => s.name)).toEqual([RESULT_SHEETS.findings, RESULT_SHEETS.rates, RESULT_SHEETS.report]);
  });
});

describe('markPlan', () => {
  const plan = markPlan(result);

  it('marks open findings at their cells, clearing earlier marks first', () => {
    expect(plan.clearMarks).toBe(true);
    const marks = plan.marks!;
    expect(marks.map((m) => `${m.sheet}!${m.cell}`).sort()).toEqual(['矛盾纠纷!D11', '矛盾纠纷!D9', '行政执法 2023!C5'].sort());
    const c5 = marks.find((m) => m.cell === 'C5')!;
    expect(c5).toMatchObject({ severity: 'error', fill: '#F8D7DA' });
    expect(c5.comment).toContain('持证人数10人多于执法人员9人');
    expect(marks.find((m) => m.cell === 'D11')!).toMatchObject({ severity: 'verify', fill: '#FFF3CD' });
    expect(marks.find((m) => m.cell === 'D9')!.fill).toBe('#D1ECF1');
  });

  it('does not mark explained findings', () => {
    expect(plan.marks!.find((m) => m.cell === 'D11')!.comment).not.toContain('已说明的问题');
  });

  it('keeps the worst severity when two findings share a cell', () => {
    const two = makeResult({
      findings: [
        finding({ rule: 'large-change', severity: 'hint', sheet: 'S', cell: 'B2', message: '甲' }),
        finding({ rule: 'negative', severity: 'error', sheet: 'S', cell: 'B2', message: '乙' }),
      ],
    });
    const marks = markPlan(two).marks!;
    expect(marks).toHaveLength(1);
    expect(marks[0].severity).toBe('error');
    expect(marks[0].comment).toBe('【提示】甲\n【错误】乙');
  });
});

describe('explanationPlan', () => {
  it('writes the 审核说明 sheet with the styles it uses', () => {
    const p = explanationPlan([{ findingId: 'abc12345', text: '按上级口径统计', rule: 'rate-mismatch', where: '‘矛盾纠纷’表 D11' }]);
    expect(p.sheets.map((s) => s.name)).toEqual([RESULT_SHEETS.explanations]);
    for (const c of p.sheets[0].rows.flat()) if (c.style) expect(p.styles[c.style]).toBeDefined();
    expect(p.sheets[0].rows.flat().some((c) => c.v === '按上级口径统计')).toBe(true);
  });
});

describe('removalPlan', () => {
  it('deletes the result sheets (a township’s and the county’s) and clears marks, keeping 审核说明 unless asked', () => {
    const p = removalPlan();
    expect(p.deleteSheets).toEqual([
      RESULT_SHEETS.findings,
      RESULT_SHEETS.rates,
      RESULT_SHEETS.report,
      RESULT_SHEETS.notice,
      RESULT_SHEETS.countyStatus,
      RESULT_SHEETS.countySummary,
      RESULT_SHEETS.countyReport,
      RESULT_SHEETS.countyDetail,
    ]);
    expect(p.deleteSheets).not.toContain(RESULT_SHEETS.explanations);
    expect(p.clearMarks).toBe(true);
    expect(removalPlan({ explanations: true }).deleteSheets).toContain(RESULT_SHEETS.explanations);
  });
});

describe('combinePlans', () => {
  test('result sheets and marks in one plan: every sheet, every mark, marks cleared first, styles of both', () => {
    const results = resultPlan(result, null);
    const marks = markPlan(result);
    const both = combinePlans(results, marks);
    expect(both.sheets.map((s) => s.name)).toEqual(results.sheets.map((s) => s.name));
    expect(both.marks).toEqual(marks.marks);
    expect(both.clearMarks).toBe(true);
    for (const k of Object.keys(results.styles)) expect(both.styles[k]).toEqual(results.styles[k]);
    expect(both.activate).toBe(results.activate);
  });
});
