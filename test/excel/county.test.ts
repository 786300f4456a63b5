/**
 * 汇总各乡镇 in Excel (issue 14): a county workbook with one sheet per township gets the county's sheets written
 * into it through office-js — 审核情况 linked to 汇总表, 汇总表 with live SUM and rate formulas and a note on
 * every figure, 汇总报告文稿 — in a constant number of syncs; a re-run replaces them, 清除结果 removes them, and a
 * county's own sheet named 汇总表 is never touched.
 */
import { ref } from '../../src/core/address';
import { consolidate, countyPlan, countyReport, countyWorkbook } from '../../src/core/county';
import { removalPlan } from '../../src/core/plan';
import type { WritePlan } from '../../src/core/types';
import { applyPlan } from '../../src/excel/apply';
import { readWorkbook } from '../../src/excel/read';
import { createFakeExcel, type FakeExcel, type FakeValue } from './fake-excel';

/** A township's sheet as county offices keep them: a title naming the township, 序号 | 指标名称 | 单位 | 2023年. */
function townshipSheet(fake: FakeExcel, sheet: string, title: string, received: number, resolved: number, rate: FakeValue): void {
  fake.model.addSheet(sheet, [
    [title],
    ['序号', '指标名称', '单位', '2023年'],
    [1, '受理信访案件', '件', received],
    [2, '化解信访案件', '件', resolved],
    [3, '信访案件化解率', '%', rate],
    [4, '印发普法宣传材料', '份', '3000余'],
  ]);
}

const TOWNSHIPS: [string, string, number, number, FakeValue][] = [
  // 周营镇: 7 of 9 reported as 100% (the real report's slip); the others consistent
  ['周营', '周营镇2023年度法治政府建设指标统计表', 9, 7, '100%'],
  ['前营', '前营乡2023年度法治政府建设指标统计表', 20, 19, '95%'],
  ['柳河镇', '2023年度法治政府建设指标统计表', 15, 15, '100%'],
];

function countyBook(n = TOWNSHIPS.length, opts: { apiVersion?: string } = {}): FakeExcel {
  const fake = createFakeExcel(opts);
  fake.model.name = '全县指标.xlsx';
  fake.model.addSheet('说明', [['各乡镇2023年度法治政府建设指标'], ['报告年度', 2023]]);
  for (let i = 0; i < n; i++) {
    const [sheet, title, r, s, rate] = TOWNSHIPS[i] ?? [`${i}号镇`, `第${i}镇2023年度法治政府建设指标统计表`, 10 + i, 10, '—'];
    townshipSheet(fake, sheet, title, r, s, rate);
  }
  return fake;
}

/** What the pane does on 汇总各乡镇: read, decide, consolidate, write. */
async function consolidateIn(fake: FakeExcel): Promise<{ plan: WritePlan; outcome: Awaited<ReturnType<typeof applyPlan>> }> {
  const book = await readWorkbook(fake.context(), { env: fake.env });
  const offer = countyWorkbook(book);
  if (!offer.ok) throw new Error(offer.reason);
  const county = consolidate(offer.inputs, { catalog: offer.catalog, unit: offer.unit });
  const plan = countyPlan(county, countyReport(county));
  fake.resetCounters();
  return { plan, outcome: await applyPlan(fake.context(), plan, { env: fake.env }) };
}

/** The header row of 汇总表 as written, for finding a column by its header. */
function columnOf(fake: FakeExcel, header: string): string {
  const row = fake.model.sheet('汇总表')!.cells[1]!;
  const c = row.findIndex((cell) => cell?.v === header);
  if (c < 0) throw new Error(`no column ${header}`);
  return String.fromCharCode(65 + c);
}

test('the county sheets are written with live formulas, links to the rows and a classic note on every figure (ExcelApi 1.18)', async () => {
  const fake = countyBook(3, { apiVersion: '1.18' });
  const townshipsBefore = JSON.stringify(fake.model.sheets.map((s) => s.cells));
  const { outcome } = await consolidateIn(fake);
  expect(outcome).toEqual({ ok: true, written: ['审核情况', '汇总表', '汇总报告文稿', '审核明细'] });
  expect(fake.model.sheets.map((s) => s.name)).toEqual(['说明', '周营', '前营', '柳河镇', '审核情况', '汇总表', '汇总报告文稿', '审核明细']);
  expect(JSON.stringify(fake.model.sheets.slice(0, 4).map((s) => s.cells))).toBe(townshipsBefore);

  // 汇总表: each township beside the sheet its figures come from; 合计 as formulas over rows 3–5
  const cell = (a1: string) => fake.model.cell('汇总表', a1);
  expect([cell('B3')?.v, cell('C3')?.v]).toEqual(['周营镇', '全县指标.xlsx‘周营’表']);
  expect([cell('B4')?.v, cell('B5')?.v, cell('B6')?.v]).toEqual(['前营乡', '柳河镇', '合计']);
  const rec = columnOf(fake, '信访案件受理数（件）');
  const res = columnOf(fake, '信访案件化解数（件）');
  const rate = columnOf(fake, '信访案件化解率（%）');
  expect([cell(`${rec}3`)?.v, cell(`${rec}4`)?.v, cell(`${rec}5`)?.v]).toEqual([9, 20, 15]);
  expect(cell(`${rec}6`)?.f).toBe(`=SUM(${rec}3:${rec}5)`);
  expect(cell(`${rate}6`)?.f).toBe(
    `=IF(SUMPRODUCT(ISNUMBER(${res}3:${res}5)*ISNUMBER(${rec}3:${rec}5)*(${res}3:${res}5<=${rec}3:${rec}5),${rec}3:${rec}5)=0,"",` +
      `ROUND(SUMPRODUCT(ISNUMBER(${res}3:${res}5)*ISNUMBER(${rec}3:${rec}5)*(${res}3:${res}5<=${rec}3:${rec}5),${res}3:${res}5)/` +
      `SUMPRODUCT(ISNUMBER(${res}3:${res}5)*ISNUMBER(${rec}3:${rec}5)*(${res}3:${res}5<=${rec}3:${rec}5),${rec}3:${rec}5)*100,1))`,
  );
  // 周营镇's rate is recomputed from its parts (7 of 9), never its reported 100%
  expect(cell(`${rate}3`)?.v).toBe(77.8);

  // notes: where each figure came from, and what an approximate one was
  const notes = fake.model.notes.filter((n) => n.sheetId === fake.model.sheet('汇总表')!.id);
  expect(fake.model.noteAt('汇总表', `${rec}3`)?.content).toBe('来源：“全县指标.xlsx‘周营’表”‘周营’表 D3');
  expect(fake.model.noteAt('汇总表', `${columnOf(fake, '发放法治宣传资料（份）')}3`)?.content).toContain('原报“3000余”，是约数');
  expect(notes.length).toBeGreaterThanOrEqual(3 * 4);
  expect(fake.model.comments).toEqual([]); // notes, not threaded comments, where the host has them

  // 审核情况: 周营镇 (an error) first, linked to its row of 汇总表
  const status = fake.model.sheet('审核情况')!;
  expect(status.cells[1]!.map((c) => c?.v).slice(0, 4)).toEqual(['序号', '乡镇', '文件', '报告年度']);
  const zhou = fake.model.cell('审核情况', 'B3')!;
  expect([zhou.v, zhou.hyperlink?.documentReference]).toEqual(['周营镇', ref('汇总表', 'B3')]);
  expect(fake.model.cell('审核情况', 'L3')?.v).toBe('退回：请改正错误后重新报送');

  // the narrative: the county's totals in the templates' words, on a sheet of its own
  const text = fake.model.sheet('汇总报告文稿')!.cells.map((r) => String(r?.[0]?.v ?? '')).join('\n');
  expect(text).toContain('共受理信访案件44件，化解41件');
  expect(fake.model.activeSheetId).toBe(status.id);
});

test('on ExcelApi 1.10–1.17 the notes are comments; with neither API they are left out and counted, the rest written', async () => {
  const withComments = countyBook(3, { apiVersion: '1.13' });
  expect((await consolidateIn(withComments)).outcome.ok).toBe(true);
  const rec = columnOf(withComments, '信访案件受理数（件）');
  expect(withComments.model.commentAt('汇总表', `${rec}3`)?.content).toBe('来源：“全县指标.xlsx‘周营’表”‘周营’表 D3');

  const bare = countyBook(3, { apiVersion: '1.9' });
  const { plan, outcome } = await consolidateIn(bare);
  const notes = plan.sheets.flatMap((s) => s.rows.flat()).filter((c) => c?.note).length;
  expect(outcome).toEqual({ ok: true, written: ['审核情况', '汇总表', '汇总报告文稿', '审核明细'], notesLeftOut: notes });
  expect(bare.model.cell('汇总表', `${rec}6`)?.f).toBe(`=SUM(${rec}3:${rec}5)`);
});

test('the writes take the same number of syncs for 3 townships as for 12', async () => {
  const small = countyBook(3);
  await consolidateIn(small);
  const large = countyBook(12);
  const { outcome } = await consolidateIn(large);
  expect(outcome.ok).toBe(true);
  expect(large.model.sheet('汇总表')!.cells.filter((r) => r?.[1]?.v).length).toBe(1 + 12 + 1); // header, 12 townships, 合计
  expect(large.syncCount()).toBe(small.syncCount());
  expect(small.syncCount()).toBeLessThanOrEqual(3);
});

test('a re-run replaces the county sheets (no duplicate sheet, note or total); 清除结果 removes them and leaves the townships', async () => {
  const fake = countyBook(3, { apiVersion: '1.18' });
  const townships = JSON.stringify(fake.model.sheets.map((s) => ({ name: s.name, cells: s.cells })));
  await consolidateIn(fake);
  const notes = fake.model.notes.length;
  const total = () => fake.model.cell('汇总表', `${columnOf(fake, '信访案件受理数（件）')}6`)?.f;
  const first = total();
  // a township corrects a figure, and the county consolidates again
  fake.model.cell('前营', 'D3')!.v = 21;
  const { outcome } = await consolidateIn(fake);
  expect(outcome.ok).toBe(true);
  expect(fake.model.sheets.map((s) => s.name)).toEqual(['说明', '周营', '前营', '柳河镇', '审核情况', '汇总表', '汇总报告文稿', '审核明细']);
  expect(fake.model.notes.length).toBe(notes);
  expect(total()).toBe(first);
  expect(fake.model.cell('汇总表', `${columnOf(fake, '信访案件受理数（件）')}4`)?.v).toBe(21);

  fake.model.cell('前营', 'D3')!.v = 20;
  expect((await applyPlan(fake.context(), removalPlan(), { env: fake.env })).ok).toBe(true);
  expect(JSON.stringify(fake.model.sheets.map((s) => ({ name: s.name, cells: s.cells })))).toBe(townships);
  expect(fake.model.notes).toEqual([]);
});

test('a county’s own 汇总表 (a summary of its rows, no 来源文件) is never replaced nor removed: 汇总各乡镇 says to rename it', async () => {
  const fake = countyBook(3);
  fake.model.addSheet('汇总表', [
    ['2023年各乡镇指标汇总'],
    ['序号', '乡镇', '受理信访案件（件）', '化解信访案件（件）'],
    [1, '周营镇', 9, 7],
    [2, '前营乡', 20, 19],
    ['', '合计', 29, 26],
  ]);
  const book = await readWorkbook(fake.context(), { env: fake.env });
  const offer = countyWorkbook(book);
  expect(offer).toEqual({ ok: false, reason: '“全县指标.xlsx”中已有名为“汇总表”的工作表，且不是本工具生成的；汇总各乡镇要写入同名的表，请先把它改名（如“乡镇汇总”）再汇总。' });
  // even a plan applied regardless is refused whole, and removal leaves the county's sheet
  const without = countyWorkbook({ ...book, sheets: book.sheets.filter((g) => g.name !== '汇总表') });
  if (!without.ok) throw new Error(without.reason);
  const county = consolidate(without.inputs);
  const before = fake.model.snapshot();
  fake.resetCounters();
  const out = await applyPlan(fake.context(), countyPlan(county, null), { env: fake.env });
  expect(out).toEqual({ ok: false, message: '工作簿中已有名为“汇总表”的工作表，且不是本工具生成的；请先改名再写入结果。本次没有写入任何内容。', written: [] });
  expect(fake.model.writes).toBe(0);
  expect((await applyPlan(fake.context(), removalPlan(), { env: fake.env })).ok).toBe(true);
  expect(fake.model.snapshot()).toEqual(before);
});
