import { RESULT_SHEETS } from '../../src/core/catalog';
import { check } from '../../src/core/check';
import { buildReport, draftParagraphs } from '../../src/core/narrative';
import { explanationPlan, markPlan, MARKS_HEADER, removalPlan, resultPlan } from '../../src/core/plan';
import { isToolSheet, REPORT_FORMAT, resolvePlan } from '../../src/core/toolsheets';
import type { Cell, CellStyle, Grid, SheetPlan, WritePlan } from '../../src/core/types';
import { finding, makeResult, obs } from './narrative-fixtures';

/** What a host reads back after writing a SheetPlan: values (a formula's cached value) and number formats. */
function readBack(sp: SheetPlan, styles: Record<string, CellStyle>): Grid {
  return {
    name: sp.name,
    rows: sp.rows.map((r) => r.map((c) => (c ? (c.v as Cell) : null))),
    formats: sp.rows.map((r) => r.map((c) => (c?.style ? styles[c.style]?.numFmt ?? null : null))),
  };
}

const result = makeResult({
  observations: [
    obs('disputes_received', 48, { sheet: '矛盾纠纷', cell: 'D9' }),
    obs('disputes_mediated', 45, { sheet: '矛盾纠纷', cell: 'D10' }),
    obs('dispute_mediation_rate', 98, { sheet: '矛盾纠纷', cell: 'D11' }),
  ],
  findings: [
    finding({ rule: 'rate-mismatch', severity: 'error', sheet: '矛盾纠纷', cell: 'D11', message: '‘矛盾纠纷’表 D11 填报98%，应为93.8%。' }),
  ],
});
const report = buildReport(result);
const written = resultPlan(result, report);
const sheetOf = (plan: WritePlan, name: string) => readBack(plan.sheets.find((s) => s.name === name)!, plan.styles);

/** The tool's five sheets as a host reads them back after writing them. */
function toolGrids(): Grid[] {
  const expl = explanationPlan([{ findingId: 'abcdef01', text: '口径不同' }]);
  return [
    sheetOf(written, RESULT_SHEETS.findings),
    sheetOf(written, RESULT_SHEETS.rates),
    sheetOf(written, RESULT_SHEETS.report),
    sheetOf(expl, RESULT_SHEETS.explanations),
    { name: RESULT_SHEETS.marks, rows: [[...MARKS_HEADER], ['矛盾纠纷', 'D11', '', '', 'error', '填报有误']] },
  ];
}

/** A township's own sheet bearing a result name: an ordinary indicator table. */
function township(name: string): Grid {
  return { name, rows: [['指标名称', '单位', '2023年'], ['受理矛盾纠纷', '件', 9], ['化解矛盾纠纷', '件', 12]] };
}

describe('isToolSheet', () => {
  test('every sheet the plans write is recognised once read back', () => {
    for (const g of toolGrids()) expect([g.name, isToolSheet(g)]).toEqual([g.name, true]);
  });

  test('a township’s sheet that bears a result name is not the tool’s', () => {
    for (const name of Object.values(RESULT_SHEETS)) expect([name, isToolSheet(township(name))]).toEqual([name, false]);
  });

  test('the tool’s content under another name is not a tool sheet (the name is half of the signature)', () => {
    for (const g of toolGrids()) expect(isToolSheet({ ...g, name: `${g.name}（副本）` })).toBe(false);
  });

  test('a township’s own report draft named 报告文稿 (same text, no signature format) is not the tool’s', () => {
    const ours = sheetOf(written, RESULT_SHEETS.report);
    expect(isToolSheet(ours)).toBe(true);
    expect(isToolSheet({ name: ours.name, rows: ours.rows })).toBe(false);
    expect(isToolSheet({ name: ours.name, rows: ours.rows, formats: ours.rows.map((r) => r.map(() => '@')) })).toBe(false);
  });

  test('the 报告文稿 signature is invisible: it displays text as General does and is on every paragraph', () => {
    expect(REPORT_FORMAT.split(';')).toHaveLength(4);
    expect(REPORT_FORMAT.split(';')[3]).toBe('@');
    const sp = written.sheets.find((s) => s.name === RESULT_SHEETS.report)!;
    expect(sp.rows.every((r) => r.length === 1 && written.styles[r[0].style!]?.numFmt === REPORT_FORMAT)).toBe(true);
    // the report text is exactly the paragraphs and the draft's notes: no signature row, no marker character
    const paragraphs = draftParagraphs(report);
    expect(report.notes?.length).toBeGreaterThan(0);
    expect(sp.rows.length).toBe(paragraphs.length);
    expect(sp.rows.map((r) => String(r[0].v).trim())).toEqual(paragraphs.map((p) => p.text.trim()));
  });

  test('found where a host’s used range puts it (origin below/right of A1) and after a title row the user added', () => {
    const g = sheetOf(written, RESULT_SHEETS.findings);
    // the summary line emptied: the used range starts on row 2
    expect(isToolSheet({ name: g.name, rows: g.rows.slice(1), origin: { row: 1, col: 0 } })).toBe(true);
    // a title row inserted above
    expect(isToolSheet({ name: g.name, rows: [['周营镇审核结果'], ...g.rows] })).toBe(true);
    // a header pushed below row 20 is outside the window a host reads: not recognised (safe side)
    expect(isToolSheet({ name: g.name, rows: [...Array.from({ length: 20 }, () => [null]), ...g.rows] })).toBe(false);
  });

  test('a header with one word changed is not the signature', () => {
    const g = sheetOf(written, RESULT_SHEETS.rates);
    const rows = g.rows.map((r) => [...r]);
    rows[1][5] = '比率';
    expect(isToolSheet({ name: g.name, rows })).toBe(false);
  });
});

describe('check: a township sheet named 计算结果 is checked', () => {
  test('化解 12 > 受理 9 on a sheet named 计算结果 is found; the tool’s own 计算结果 is skipped', () => {
    const res = check({ name: 'x.xlsx', sheets: [township(RESULT_SHEETS.rates)] });
    const f = res.findings.find((x) => x.rule === 'part-exceeds-whole');
    expect(f).toMatchObject({ sheet: RESULT_SHEETS.rates, severity: 'error' });
    expect(['C2', 'C3']).toContain(f!.cell);
    const ours = check({ name: 'x.xlsx', sheets: [{ ...township('矛盾纠纷') }, sheetOf(written, RESULT_SHEETS.rates)] });
    expect(ours.observations.every((o) => o.sheet === '矛盾纠纷')).toBe(true);
  });
});

describe('resolvePlan', () => {
  const message = '工作簿中已有名为“计算结果”的工作表，且不是本工具生成的；请先改名再写入结果。本次没有写入任何内容。';

  test('no result-named sheet yet, or only the tool’s own: the plan is applied as asked (re-runs replace, never duplicate)', () => {
    expect(resolvePlan(written, [township('矛盾纠纷')])).toEqual({ ok: true, plan: written });
    expect(resolvePlan(written, toolGrids())).toEqual({ ok: true, plan: written });
    const removal = removalPlan({ explanations: true });
    expect(resolvePlan(removal, toolGrids())).toEqual({ ok: true, plan: removal });
  });

  test('a result sheet over a township’s sheet of that name: refused whole, with the rename message', () => {
    const r = resolvePlan(written, [township('矛盾纠纷'), township(RESULT_SHEETS.rates)]);
    expect(r).toEqual({ ok: false, message, conflicts: [RESULT_SHEETS.rates] });
    const two = resolvePlan(written, [township(RESULT_SHEETS.findings), township(RESULT_SHEETS.report)]);
    expect(two.ok).toBe(false);
    if (!two.ok) {
      expect(two.conflicts).toEqual([RESULT_SHEETS.findings, RESULT_SHEETS.report]);
      expect(two.message).toContain('“审核结果”、“报告文稿”');
    }
  });

  test('removing results never deletes a township’s sheet of that name; the tool’s own ones still go', () => {
    const removal = removalPlan({ explanations: true });
    const r = resolvePlan(removal, [township(RESULT_SHEETS.rates), sheetOf(written, RESULT_SHEETS.findings)]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.plan.deleteSheets).not.toContain(RESULT_SHEETS.rates);
      expect(r.plan.deleteSheets).toEqual([
        RESULT_SHEETS.findings,
        RESULT_SHEETS.report,
        RESULT_SHEETS.notice,
        // the county's sheets go with the results (a county workbook's 清除结果), 审核明细 among them
        RESULT_SHEETS.countyStatus,
        RESULT_SHEETS.countySummary,
        RESULT_SHEETS.countyReport,
        RESULT_SHEETS.countyDetail,
        RESULT_SHEETS.explanations,
      ]);
      expect(r.plan.clearMarks).toBe(true);
    }
  });

  test('a township sheet named 审核标记: new marks are refused; clearing has nothing of ours to restore', () => {
    const marks = markPlan(result);
    expect(marks.marks!.length).toBeGreaterThan(0);
    const r = resolvePlan(marks, [township(RESULT_SHEETS.marks)]);
    expect(r).toEqual({
      ok: false,
      message: '工作簿中已有名为“审核标记”的工作表，且不是本工具生成的；请先改名再标记单元格。本次没有写入任何内容。',
      conflicts: [RESULT_SHEETS.marks],
    });
    const cleared = resolvePlan(removalPlan(), [township(RESULT_SHEETS.marks)]);
    expect(cleared.ok).toBe(true);
    if (cleared.ok) {
      expect(cleared.plan.clearMarks).toBeUndefined();
      expect(cleared.plan.marks).toBeUndefined();
      expect(cleared.plan.deleteSheets).toEqual(removalPlan().deleteSheets);
    }
    // the tool's own 审核标记: marks go ahead
    expect(resolvePlan(marks, toolGrids())).toEqual({ ok: true, plan: marks });
  });

  test('an explanation over a township’s sheet named 审核说明 (no 编号/说明 header) is refused, saying so', () => {
    const r = resolvePlan(explanationPlan([{ findingId: 'abcdef01', text: '口径不同' }]), [township(RESULT_SHEETS.explanations)]);
    expect(r).toEqual({
      ok: false,
      message: '工作簿中已有名为“审核说明”的工作表，且不是本工具生成的；请先改名再保存说明。本次没有写入任何内容。',
      conflicts: [RESULT_SHEETS.explanations],
    });
  });

  test('the refusal never prints undefined/NaN/null', () => {
    const r = resolvePlan(written, Object.values(RESULT_SHEETS).map(township));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toMatch(/undefined|NaN|null/);
  });
});
