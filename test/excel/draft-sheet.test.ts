/**
 * 报告文稿 written by the add-in never states a flagged figure silently (issue 16): office-js cannot colour part of a
 * cell's text, so a paragraph stating a figure that touches an open 错误 is filled and carries a comment naming the
 * figures and the finding; a re-run replaces both, and a host without comments (ExcelApi 1.9) gets the fill alone.
 * And 审核结果 prints as a table: its header row at the top of every page.
 */
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { removalPlan, resultPlan, SEVERITY_FILL } from '../../src/core/plan';
import { applyPlan } from '../../src/excel/apply';
import { readWorkbook } from '../../src/excel/read';
import { createFakeExcel, type FakeExcel, type FakeValue } from './fake-excel';

/** 12 officers, 12 certified and 13 new certificates: the new ones exceed the certified (an open 错误). */
function township(apiVersion?: string): FakeExcel {
  const fake = createFakeExcel(apiVersion ? { apiVersion } : {});
  fake.model.addSheet('基本情况', [['单位名称', '周营镇'], ['报告年度', 2023]] as FakeValue[][]);
  fake.model.addSheet('行政执法', [
    ['序号', '指标名称', '单位', '数值'],
    [1, '行政执法人员', '人', 12],
    [2, '持证人数', '人', 12],
    [3, '新申领行政执法证', '人', 13],
  ] as FakeValue[][]);
  return fake;
}

async function write(fake: FakeExcel) {
  const res = check(await readWorkbook(fake.context(), { env: fake.env }));
  const out = await applyPlan(fake.context(), resultPlan(res, buildReport(res)), { env: fake.env });
  expect(out.ok).toBe(true);
  return res;
}

function reportCells(fake: FakeExcel) {
  const s = fake.model.sheet('报告文稿')!;
  // a note on ExcelApi 1.18, a comment on 1.10–1.17
  const noteAt = (r: number) => [...fake.model.notes, ...fake.model.comments].find((c) => c.sheetId === s.id && c.row === r && c.col === 0)?.content ?? '';
  return s.cells.map((row, r) => ({ text: String(row?.[0]?.v ?? ''), fill: row?.[0]?.fill, comment: noteAt(r) }));
}

test('the paragraph with 持证上岗12人 and 新申领行政执法证13人 is filled and commented; the others are not', async () => {
  const fake = township();
  const res = await write(fake);
  const cells = reportCells(fake);
  const flagged = cells.filter((c) => c.comment);
  expect(flagged.map((c) => c.text.trim())).toEqual(['全镇现有行政执法人员12人，持证上岗12人，持证率100%，新申领行政执法证13人。']);
  expect(flagged[0].fill).toBe(SEVERITY_FILL.error);
  const error = res.findings.find((f) => f.rule === 'part-exceeds-whole')!;
  // the officers' 12人 is not among the figures named
  expect(flagged[0].comment).toContain(`“12人”“100%”“13人”：【错误】${error.message}`);
  expect(flagged[0].comment).toMatch(/^本段有3处数字/);
  expect(cells.filter((c) => !c.comment && c.fill)).toEqual([]);

  // a re-run replaces: one comment, not two; removing the results takes it away
  await write(fake);
  expect(fake.model.comments).toHaveLength(1);
  expect((await applyPlan(fake.context(), removalPlan(), { env: fake.env })).ok).toBe(true);
  expect(fake.model.comments).toHaveLength(0);
});

test('on ExcelApi 1.18 the paragraph carries a note (not a comment)', async () => {
  const fake = township('1.18');
  await write(fake);
  expect(fake.model.comments).toHaveLength(0);
  expect(fake.model.notes.map((n) => n.content)).toEqual([expect.stringMatching(/^本段有3处数字涉及未改正的问题.*\n“12人”“100%”“13人”：【错误】/s)]);
});

test('without comments (ExcelApi 1.9) the paragraph is filled, and writing does not fail', async () => {
  const fake = township('1.9');
  await write(fake);
  const cells = reportCells(fake);
  expect(cells.filter((c) => c.fill).map((c) => c.text.trim())).toEqual(['全镇现有行政执法人员12人，持证上岗12人，持证率100%，新申领行政执法证13人。']);
  expect(fake.model.comments).toHaveLength(0);
});

test('审核结果 written by the add-in prints its header row on every page (setPrintTitleRows), landscape one page wide', async () => {
  const fake = township();
  await write(fake);
  expect(fake.model.sheet('审核结果')!.page).toEqual({ orientation: 'Landscape', zoom: { horizontalFitToPages: 1 }, printTitleRows: '$2:$2' });
  expect(fake.model.sheet('审核结果')!.cells[1]?.[0]?.v).toBe('严重程度');
});
