/**
 * A township sheet that happens to bear a result name (`计算结果`) is the township's: `check` reads it and the
 * file adapter never replaces or deletes it. The tool's own sheets are still replaced on every re-run.
 */
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { markPlan, removalPlan, resultPlan } from '../../src/core/plan';
import { REPORT_FORMAT } from '../../src/core/toolsheets';
import { applyPlan, readXlsx } from '../../src/file';
import { loadBook, xlsx } from './helpers';

/** 周营镇: an ordinary indicator sheet, and its computed figures on a sheet of its own named `计算结果`. */
async function townshipBook(): Promise<Uint8Array> {
  return xlsx((wb) => {
    const a = wb.addWorksheet('指标');
    a.addRow(['周营镇2023年法治政府建设指标']);
    a.addRow(['指标名称', '单位', '2023年']);
    a.addRow(['普法宣传活动', '场', 12]);
    const c = wb.addWorksheet('计算结果');
    c.addRow(['指标名称', '单位', '2023年']);
    c.addRow(['受理矛盾纠纷', '件', 9]);
    c.addRow(['化解矛盾纠纷', '件', 12]);
  });
}

async function grids(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const book = await readXlsx(bytes, 'x.xlsx');
  return Object.fromEntries(book.sheets.map((g) => [g.name, g.rows]));
}

describe('a township sheet named 计算结果', () => {
  test('is checked: 化解 12 > 受理 9 there is an error at its cell', async () => {
    const res = check(await readXlsx(await townshipBook(), '周营镇.xlsx'));
    const f = res.findings.find((x) => x.rule === 'part-exceeds-whole');
    expect(f).toBeDefined();
    expect(f!.sheet).toBe('计算结果');
    expect(['C2', 'C3']).toContain(f!.cell);
  });

  test('writing the results is refused with the rename message; nothing is written', async () => {
    const src = await townshipBook();
    const res = check(await readXlsx(src, '周营镇.xlsx'));
    await expect(applyPlan(src, resultPlan(res, buildReport(res)), '周营镇.xlsx')).rejects.toThrow(
      '工作簿中已有名为“计算结果”的工作表，且不是本工具生成的；请先改名再写入结果。',
    );
  });

  test('removing results and marks keeps it, figures and all', async () => {
    const src = await townshipBook();
    const before = await grids(src);
    const out = await applyPlan(src, removalPlan({ explanations: true }), '周营镇.xlsx');
    expect((await loadBook(out)).worksheets.map((w) => w.name)).toEqual(['指标', '计算结果']);
    expect(await grids(out)).toEqual(before);
  });

  test('marks go on its cells like on any township sheet, and come off again', async () => {
    const src = await townshipBook();
    const res = check(await readXlsx(src, '周营镇.xlsx'));
    const marked = await applyPlan(src, markPlan(res), '周营镇.xlsx');
    const f = res.findings.find((x) => x.rule === 'part-exceeds-whole')!;
    const wb = await loadBook(marked);
    expect(wb.getWorksheet('计算结果')!.getCell(f.cell).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    const cleared = await applyPlan(marked, removalPlan(), '周营镇.xlsx');
    expect(await grids(cleared)).toEqual(await grids(src));
  });
});

describe('the tool’s own sheets', () => {
  test('a re-run replaces 审核结果, 计算结果 and 报告文稿 (no duplicates), and check skips them', async () => {
    const src = await xlsx((wb) => {
      const a = wb.addWorksheet('矛盾纠纷');
      a.addRow(['指标名称', '单位', '2023年']);
      a.addRow(['受理矛盾纠纷', '件', 48]);
      a.addRow(['化解矛盾纠纷', '件', 45]);
      a.addRow(['矛盾纠纷化解率', '%', '98%']);
    });
    const res = check(await readXlsx(src, 'x.xlsx'));
    const once = await applyPlan(src, resultPlan(res, buildReport(res)), 'x.xlsx');
    // the 报告文稿 signature survives the file round trip
    const wb1 = await loadBook(once);
    expect(wb1.getWorksheet('报告文稿')!.getCell('A1').numFmt).toBe(REPORT_FORMAT);
    const back = await readXlsx(once, 'x.xlsx');
    const again = check(back);
    expect(again.observations.every((o) => o.sheet === '矛盾纠纷')).toBe(true);
    expect(again.findings.map((f) => f.id).sort()).toEqual(res.findings.map((f) => f.id).sort());

    const twice = await applyPlan(once, resultPlan(again, buildReport(again)), 'x.xlsx');
    const names = (await loadBook(twice)).worksheets.map((w) => w.name);
    expect(names).toEqual(['矛盾纠纷', '审核结果', '计算结果', '报告文稿']);
    // marks on top, then removal: only the township sheet is left, unchanged
    const marked = await applyPlan(twice, markPlan(again), 'x.xlsx');
    const removed = await applyPlan(marked, removalPlan({ explanations: true }), 'x.xlsx');
    expect((await loadBook(removed)).worksheets.map((w) => w.name)).toEqual(['矛盾纠纷']);
    expect(await grids(removed)).toEqual(await grids(src));
  });
});
