/**
 * In Excel, as in files: a township sheet that happens to bear a result name (`计算结果`) is read by the check and
 * never replaced or deleted by the adapter; the tool's own sheets are replaced on every re-run.
 */
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { markPlan, removalPlan, resultPlan, SEVERITY_FILL } from '../../src/core/plan';
import { REPORT_FORMAT } from '../../src/core/toolsheets';
import { applyPlan } from '../../src/excel/apply';
import { readWorkbook } from '../../src/excel/read';
import { createFakeExcel, type FakeExcel, type FakeValue } from './fake-excel';

function townshipBook(): FakeExcel {
  const fake = createFakeExcel();
  fake.model.addSheet('指标', [['周营镇2023年法治政府建设指标'], ['指标名称', '单位', '2023年'], ['普法宣传活动', '场', 12]] as FakeValue[][]);
  fake.model.addSheet('计算结果', [['指标名称', '单位', '2023年'], ['受理矛盾纠纷', '件', 9], ['化解矛盾纠纷', '件', 12]] as FakeValue[][]);
  return fake;
}

async function checkIn(fake: FakeExcel) {
  return check(await readWorkbook(fake.context(), { env: fake.env }));
}

describe('Excel: a township sheet named 计算结果', () => {
  test('is checked, and writing the results is refused with the rename message, nothing written', async () => {
    const fake = townshipBook();
    const res = await checkIn(fake);
    const f = res.findings.find((x) => x.rule === 'part-exceeds-whole');
    expect(f?.sheet).toBe('计算结果');
    const snap = fake.model.snapshot();
    fake.resetCounters();
    const out = await applyPlan(fake.context(), resultPlan(res, buildReport(res)), { env: fake.env });
    expect(out).toEqual({
      ok: false,
      message: '工作簿中已有名为“计算结果”的工作表，且不是本工具生成的；请先改名再写入结果。本次没有写入任何内容。',
      written: [],
    });
    expect(fake.model.writes).toBe(0);
    expect(fake.model.snapshot()).toEqual(snap);
  });

  test('removing results keeps it; marks go on its cells and come off again', async () => {
    const fake = townshipBook();
    const res = await checkIn(fake);
    const before = fake.model.snapshot();
    expect((await applyPlan(fake.context(), removalPlan({ explanations: true }), { env: fake.env })).ok).toBe(true);
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['指标', '计算结果']);
    expect(fake.model.snapshot()).toEqual(before);
    const f = res.findings.find((x) => x.rule === 'part-exceeds-whole')!;
    const figures = () => fake.model.sheet('计算结果')!.cells.map((r) => r?.map((c) => c?.v));
    const kept = figures();
    expect((await applyPlan(fake.context(), markPlan(res), { env: fake.env })).ok).toBe(true);
    expect(fake.model.cell('计算结果', f.cell)!.fill).toMatch(new RegExp(`^${SEVERITY_FILL.error}$`, 'i'));
    expect(figures()).toEqual(kept);
    expect((await applyPlan(fake.context(), removalPlan(), { env: fake.env })).ok).toBe(true);
    expect(fake.model.cell('计算结果', f.cell)!.fill).toBeUndefined();
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['指标', '计算结果']);
  });
});

describe('Excel: the tool’s own sheets', () => {
  test('a re-run replaces them (no duplicates) in at most 3 syncs; check skips them; 报告文稿 text stays text', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('矛盾纠纷', [['指标名称', '单位', '2023年'], ['受理矛盾纠纷', '件', 48], ['化解矛盾纠纷', '件', 45], ['矛盾纠纷化解率', '%', '98%']] as FakeValue[][]);
    const res = await checkIn(fake);
    const report = buildReport(res);
    expect((await applyPlan(fake.context(), resultPlan(res, report), { env: fake.env })).ok).toBe(true);
    const a1 = fake.model.cell('报告文稿', 'A1')!;
    expect(a1.nf).toBe(REPORT_FORMAT);
    expect(a1.v).toBe(report.paragraphs[0].text);
    expect(a1.f).toBeUndefined();

    const again = await checkIn(fake);
    expect(again.observations.every((o) => o.sheet === '矛盾纠纷')).toBe(true);
    expect(again.findings.map((f) => f.id).sort()).toEqual(res.findings.map((f) => f.id).sort());
    fake.resetCounters();
    const out = await applyPlan(fake.context(), resultPlan(again, buildReport(again)), { env: fake.env });
    expect(out.ok).toBe(true);
    expect(fake.syncCount()).toBeLessThanOrEqual(3);
    expect(fake.model.sheets.map((s) => s.name).sort()).toEqual(['矛盾纠纷', '审核结果', '计算结果', '报告文稿'].sort());
    expect((await applyPlan(fake.context(), markPlan(again), { env: fake.env })).ok).toBe(true);
    expect((await applyPlan(fake.context(), removalPlan({ explanations: true }), { env: fake.env })).ok).toBe(true);
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['矛盾纠纷']);
  });
});

test('Excel: a text cell with the report format is stored as text first — "=SUM(A1)", "+86" stay text', async () => {
  const fake = createFakeExcel();
  const plan = {
    sheets: [{ name: '报告文稿', columns: [90], rows: [[{ v: '=SUM(A1)', style: 'doc' }], [{ v: '+86', style: 'doc' }], [{ v: '正文', style: 'plain' }]] }],
    styles: { doc: { numFmt: REPORT_FORMAT }, plain: { wrap: true } },
  };
  expect((await applyPlan(fake.context(), plan, { env: fake.env })).ok).toBe(true);
  for (const [a, v] of [['A1', '=SUM(A1)'], ['A2', '+86']]) {
    const c = fake.model.cell('报告文稿', a)!;
    expect([c.v, c.f, c.nf]).toEqual([v, undefined, REPORT_FORMAT]);
  }
  expect(fake.model.cell('报告文稿', 'A3')!.nf).toBe('@');
});
