import { applyPlan, charsToPoints, MARKS_SHEET, selectCell } from '../../src/excel/apply';
import { readWorkbook } from '../../src/excel/read';
import { createExcelHost } from '../../src/excel/host';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { FINDINGS_HEADER } from '../../src/core/toolsheets';
import type { Mark, SheetPlan, WritePlan } from '../../src/core/types';
import { createFakeExcel, PAYLOAD_LIMIT, type FakeExcel, type FakeValue } from './fake-excel';

const STYLES = {
  head: { font: { bold: true, color: '#FFFFFF' }, fill: '#1F5FA8', align: 'center' as const, wrap: true },
  pct: { numFmt: '0.0%' },
};

function findingsSheet(rows: number, tag = ''): SheetPlan {
  const body = Array.from({ length: rows }, (_, i) => [
    { v: `错误${tag}` },
    { v: '矛盾纠纷', link: { sheet: '矛盾纠纷', cell: `B${i + 2}` } },
    { v: `B${i + 2}` },
    { v: i + 1 },
  ]);
  return {
    name: RESULT_SHEETS.findings,
    columns: [10, 16, 8, 40],
    // the real header row: it is what tells the tool's own 审核结果 from a township's sheet of that name
    rows: [FINDINGS_HEADER.map((v) => ({ v, style: 'head' })), ...body],
    rowHeights: [24],
    freezeRows: 1,
  };
}

function plan(sheets: SheetPlan[], extra: Partial<WritePlan> = {}): WritePlan {
  return { sheets, styles: STYLES, ...extra };
}

function township(fake: FakeExcel, name = '矛盾纠纷', extra: Parameters<FakeExcel['model']['addSheet']>[2] = {}) {
  return fake.model.addSheet(
    name,
    [
      ['项目', '数量'],
      ['受理矛盾纠纷', 120],
      ['调解成功', 118],
      ['调解成功率', 0.95],
    ] as FakeValue[][],
    extra,
  );
}

function values(fake: FakeExcel, sheet: string): unknown {
  return fake.model.sheet(sheet)!.cells.map((row) => row?.map((c) => [c?.v, c?.f]));
}

const mark = (sheet: string, cell: string, severity: Mark['severity'], fill: string, comment: string): Mark => ({ sheet, cell, severity, fill, comment });

describe('applyPlan: result sheets', () => {
  test('writes every string as text — "=SUM(A1)", "+86", "001" stay what they are — and formulas only from `f`', async () => {
    const fake = createFakeExcel();
    township(fake);
    const sp: SheetPlan = {
      name: RESULT_SHEETS.rates,
      columns: [12, 12],
      rows: [
        [{ v: '=SUM(A1)' }, { v: '+86' }],
        [{ v: '001' }, { v: 'TRUE' }],
        [{ v: 0.946, style: 'pct' }, { v: null, f: 'B2/B1' }],
        [{ v: true }, { v: "'quoted" }],
      ],
    };
    const out = await applyPlan(fake.context(), plan([sp]), { env: fake.env });
    expect(out).toEqual({ ok: true, written: [RESULT_SHEETS.rates] });
    const cell = (a: string) => fake.model.cell(RESULT_SHEETS.rates, a)!;
    expect(cell('A1').v).toBe('=SUM(A1)');
    expect(cell('A1').f).toBeUndefined();
    expect(cell('B1').v).toBe('+86');
    expect(cell('A2').v).toBe('001');
    expect(cell('B2').v).toBe('TRUE');
    expect(cell('A3').v).toBe(0.946);
    expect(cell('A3').nf).toBe('0.0%');
    expect(cell('B3').f).toBe('=B2/B1');
    expect(cell('A4').v).toBe(true);
    expect(cell('B4').v).toBe("'quoted");
  });

  test('hyperlinks, styles, column widths, row heights, freeze panes and visibility are applied', async () => {
    const fake = createFakeExcel();
    township(fake);
    const sp = { ...findingsSheet(3), autoFilter: 'A1:D4', fitToWidth: true };
    const hidden: SheetPlan = { name: RESULT_SHEETS.explanations, columns: [20], rows: [[{ v: '说明' }]], hidden: true, tabColor: '#C00000' };
    const out = await applyPlan(fake.context(), plan([sp, hidden], { activate: RESULT_SHEETS.findings }), { env: fake.env });
    expect(out.ok).toBe(true);
    const s = fake.model.sheet(RESULT_SHEETS.findings)!;
    const b2 = fake.model.cell(s.name, 'B2')!;
    expect(b2.hyperlink).toEqual({ documentReference: '矛盾纠纷!B2', textToDisplay: '矛盾纠纷' });
    expect(b2.v).toBe('矛盾纠纷');
    for (const a of ['A1', 'B1', 'C1', 'D1']) {
      const c = fake.model.cell(s.name, a)!;
      expect(c.font).toMatchObject({ bold: true, color: '#FFFFFF' });
      expect(c.fill).toBe('#1F5FA8');
      expect(c.hAlign).toBe('Center');
      expect(c.wrap).toBe(true);
    }
    expect(fake.model.cell(s.name, 'A2')!.fill).toBeUndefined();
    expect(s.colWidths.get(3)).toBeCloseTo(charsToPoints(40));
    expect(charsToPoints(8.43)).toBeCloseTo(48, 0); // Excel's default width: 64 px = 48 pt
    expect(s.rowHeights.get(0)).toBe(24);
    expect(s.frozenRows).toBe(1);
    expect(s.autoFilter).toBe('A1:D4');
    expect(s.page).toEqual({ orientation: 'Landscape', zoom: { horizontalFitToPages: 1 } });
    const ex = fake.model.sheet(RESULT_SHEETS.explanations)!;
    expect(ex.autoFilter).toBeNull();
    expect(ex.visibility).toBe('Hidden');
    expect(ex.tabColor).toBe('#C00000');
    expect(fake.model.activeSheetId).toBe(s.id);
  });

  test('asking to activate a hidden result sheet does not fail the whole write', async () => {
    const fake = createFakeExcel();
    township(fake);
    const hidden: SheetPlan = { name: RESULT_SHEETS.explanations, columns: [20], rows: [[{ v: '说明' }]], hidden: true };
    const out = await applyPlan(fake.context(), plan([hidden], { activate: RESULT_SHEETS.explanations }), { env: fake.env });
    expect(out.ok).toBe(true);
    expect(fake.model.sheet(RESULT_SHEETS.explanations)!.visibility).toBe('Hidden');
    expect(fake.model.activeSheetId).toBe(fake.model.sheet('矛盾纠纷')!.id);
  });

  test('re-running replaces the result sheet: no duplicate sheet, no leftover rows', async () => {
    const fake = createFakeExcel();
    township(fake);
    await applyPlan(fake.context(), plan([findingsSheet(10, 'A')]), { env: fake.env });
    await applyPlan(fake.context(), plan([findingsSheet(2, 'B')]), { env: fake.env });
    const names = fake.model.sheets.map((s) => s.name);
    expect(names.filter((n) => n === RESULT_SHEETS.findings)).toHaveLength(1);
    expect(fake.model.cell(RESULT_SHEETS.findings, 'A2')!.v).toBe('错误B');
    expect(fake.model.cell(RESULT_SHEETS.findings, 'A5')).toBeUndefined();
    const book = await readWorkbook(fake.context(), { env: fake.env });
    expect(book.sheets.find((g) => g.name === RESULT_SHEETS.findings)!.rows).toHaveLength(3);
  });

  test('deleteSheets removes result sheets and the township sheet is untouched', async () => {
    const fake = createFakeExcel();
    township(fake);
    const before = values(fake, '矛盾纠纷');
    await applyPlan(fake.context(), plan([findingsSheet(2)]), { env: fake.env });
    const out = await applyPlan(fake.context(), plan([], { deleteSheets: [RESULT_SHEETS.findings, RESULT_SHEETS.report] }), { env: fake.env });
    expect(out.ok).toBe(true);
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['矛盾纠纷']);
    expect(values(fake, '矛盾纠纷')).toEqual(before);
  });

  test('a plan that would replace or delete a township sheet is refused and writes nothing', async () => {
    const fake = createFakeExcel();
    township(fake);
    const snap = fake.model.snapshot();
    const out = await applyPlan(fake.context(), plan([{ name: '矛盾纠纷', columns: [], rows: [[{ v: 'x' }]] }]), { env: fake.env });
    expect(out.ok).toBe(false);
    expect(out.message).toContain('“矛盾纠纷”');
    expect(fake.model.writes).toBe(0);
    expect(fake.model.snapshot()).toEqual(snap);
  });

  test('a plan larger than one request is written in several requests, each under 5 MB', async () => {
    const fake = createFakeExcel();
    township(fake);
    const big = findingsSheet(40_000, '——这是一条相当长的审核说明文字，用来把写入请求撑大');
    const out = await applyPlan(fake.context(), plan([big]), { env: fake.env });
    expect(out.ok).toBe(true);
    expect(fake.model.cell(RESULT_SHEETS.findings, 'D40001')!.v).toBe(40_000);
    const writing = fake.model.syncs.slice(1);
    expect(writing.length).toBeGreaterThan(1);
    for (const s of fake.model.syncs) {
      expect(s.error).toBeUndefined();
      expect(s.requestBytes).toBeLessThan(PAYLOAD_LIMIT);
    }
  });
});

describe('applyPlan: marks', () => {
  test('marks fill the cells, keep the original fills in a very hidden 审核标记, and clearMarks restores them', async () => {
    const fake = createFakeExcel();
    const s = township(fake);
    fake.model.cellAt(s, 1, 1, true)!.fill = '#FFFF00'; // B2 was yellow before
    const before = values(fake, '矛盾纠纷');

    const marks = [
      mark('矛盾纠纷', 'B2', 'verify', '#FFC7CE', '请核实：受理数与上年差异较大。'),
      mark('矛盾纠纷', 'B4', 'hint', '#FFEB9C', '提示：比率保留一位小数。'),
      mark('矛盾纠纷', 'B4', 'error', '#FF0000', '错误：调解成功率应为98.3%，填报为95%。'),
    ];
    const out = await applyPlan(fake.context(), plan([], { marks }), { env: fake.env });
    expect(out.ok).toBe(true);
    expect(fake.model.cell('矛盾纠纷', 'B2')!.fill).toBe('#FFC7CE');
    expect(fake.model.cell('矛盾纠纷', 'B4')!.fill).toBe('#FF0000'); // the gravest of two marks on one cell
    expect(fake.model.commentAt('矛盾纠纷', 'B4')!.content).toBe('提示：比率保留一位小数。\n错误：调解成功率应为98.3%，填报为95%。');
    const ms = fake.model.sheet(MARKS_SHEET)!;
    expect(ms.visibility).toBe('VeryHidden');
    expect(values(fake, '矛盾纠纷')).toEqual(before); // figures never written

    // Marks again (a new check): the originals must survive, the old marks/comments must not pile up.
    await applyPlan(fake.context(), plan([], { marks: [mark('矛盾纠纷', 'B2', 'error', '#FF0000', '新的错误。')] }), { env: fake.env });
    expect(fake.model.cell('矛盾纠纷', 'B4')!.fill).toBeUndefined();
    expect(fake.model.commentAt('矛盾纠纷', 'B4')).toBeUndefined();
    expect(fake.model.cell('矛盾纠纷', 'B2')!.fill).toBe('#FF0000');
    expect(fake.model.comments).toHaveLength(1);
    expect(fake.model.sheets.filter((x) => x.name === MARKS_SHEET)).toHaveLength(1);

    const cleared = await applyPlan(fake.context(), plan([], { clearMarks: true }), { env: fake.env });
    expect(cleared.ok).toBe(true);
    expect(fake.model.cell('矛盾纠纷', 'B2')!.fill).toBe('#FFFF00');
    expect(fake.model.cell('矛盾纠纷', 'B4')!.fill).toBeUndefined();
    expect(fake.model.comments).toHaveLength(0);
    expect(fake.model.sheet(MARKS_SHEET)).toBeUndefined();
    expect(values(fake, '矛盾纠纷')).toEqual(before);
  });

  test("a user's own comment is neither removed nor collided with", async () => {
    const fake = createFakeExcel();
    const s = township(fake);
    fake.model.comments.push({ id: 'user-1', sheetId: s.id, row: 1, col: 1, content: '乡镇自己的批注' });
    const out = await applyPlan(fake.context(), plan([], { marks: [mark('矛盾纠纷', 'B2', 'error', '#FF0000', '错误。')] }), { env: fake.env });
    expect(out.ok).toBe(true);
    expect(fake.model.cell('矛盾纠纷', 'B2')!.fill).toBe('#FF0000');
    await applyPlan(fake.context(), plan([], { clearMarks: true }), { env: fake.env });
    expect(fake.model.comments.map((c) => c.content)).toEqual(['乡镇自己的批注']);
    expect(fake.model.cell('矛盾纠纷', 'B2')!.fill).toBeUndefined();
  });

  test('without ExcelApi 1.10 marks are fills only (no comment API is called) and still removable', async () => {
    const fake = createFakeExcel({ apiVersion: '1.9' });
    township(fake);
    const out = await applyPlan(fake.context(), plan([], { marks: [mark('矛盾纠纷', 'B3', 'verify', '#FFC7CE', '请核实。')] }), { env: fake.env });
    expect(out.ok).toBe(true);
    expect(fake.model.cell('矛盾纠纷', 'B3')!.fill).toBe('#FFC7CE');
    expect(fake.model.comments).toHaveLength(0);
    expect((await applyPlan(fake.context(), plan([], { clearMarks: true }), { env: fake.env })).ok).toBe(true);
    expect(fake.model.cell('矛盾纠纷', 'B3')!.fill).toBeUndefined();
  });

  test('the same number of syncs to apply results and marks on a 1-sheet and a 40-sheet workbook', async () => {
    async function syncsFor(sheets: number): Promise<number> {
      const fake = createFakeExcel();
      const marks: Mark[] = [];
      for (let i = 0; i < sheets; i++) {
        township(fake, `乡镇${i + 1}`);
        marks.push(mark(`乡镇${i + 1}`, 'B4', 'error', '#FF0000', `乡镇${i + 1}的比率有误。`));
        marks.push(mark(`乡镇${i + 1}`, 'B2', 'hint', '#FFEB9C', '提示。'));
      }
      await applyPlan(fake.context(), plan([findingsSheet(5)], { marks }), { env: fake.env });
      fake.resetCounters();
      const out = await applyPlan(fake.context(), plan([findingsSheet(5)], { marks }), { env: fake.env });
      expect(out.ok).toBe(true);
      expect(fake.model.comments).toHaveLength(sheets * 2);
      return fake.syncCount();
    }
    const one = await syncsFor(1);
    const forty = await syncsFor(40);
    expect(forty).toBe(one);
    expect(one).toBeLessThanOrEqual(3);
  });
});

describe('applyPlan: refusals write nothing', () => {
  test('a protected sheet to mark → a Chinese message naming the sheet, zero writes', async () => {
    const fake = createFakeExcel();
    township(fake, '矛盾纠纷', { protected: true });
    township(fake, '行政执法');
    const snap = fake.model.snapshot();
    const out = await applyPlan(
      fake.context(),
      plan([findingsSheet(3)], { marks: [mark('行政执法', 'B2', 'error', '#FF0000', '错误。'), mark('矛盾纠纷', 'B4', 'error', '#FF0000', '错误。')] }),
      { env: fake.env },
    );
    expect(out.ok).toBe(false);
    expect(out.message).toContain('‘矛盾纠纷’');
    expect(out.message).toContain('保护');
    expect(out.message).not.toMatch(/undefined|NaN|null/);
    expect(fake.model.writes).toBe(0);
    expect(fake.model.snapshot()).toEqual(snap);
  });

  test('a protected workbook structure → refused before anything is written', async () => {
    const fake = createFakeExcel();
    township(fake);
    fake.model.structureProtected = true;
    const out = await applyPlan(fake.context(), plan([findingsSheet(3)]), { env: fake.env });
    expect(out.ok).toBe(false);
    expect(out.message).toContain('工作簿结构受保护');
    expect(fake.model.writes).toBe(0);
  });

  test('a host below the required ExcelApi 1.9 → refused with the reason', async () => {
    const fake = createFakeExcel({ apiVersion: '1.8' });
    township(fake);
    const out = await applyPlan(fake.context(), plan([findingsSheet(3)]), { env: fake.env });
    expect(out.ok).toBe(false);
    expect(out.message).toContain('ExcelApi 1.9');
    expect(fake.model.writes).toBe(0);
  });
});

describe('select and the host object', () => {
  test('select activates the sheet and selects the cell; a missing sheet is a Chinese error', async () => {
    const fake = createFakeExcel();
    township(fake, '封面');
    township(fake, '矛盾纠纷');
    await selectCell(fake.context(), '矛盾纠纷', 'D11');
    expect(fake.model.selection).toEqual({ sheet: '矛盾纠纷', address: 'D11' });
    expect(fake.model.activeSheetId).toBe(fake.model.sheet('矛盾纠纷')!.id);
    await expect(selectCell(fake.context(), '不存在', 'A1')).rejects.toThrow('找不到工作表‘不存在’');
  });

  test('createExcelHost().apply turns a failing batch into ok:false with a message instead of throwing', async () => {
    const fake = createFakeExcel();
    township(fake);
    const host = createExcelHost({ run: (b) => fake.run(b), env: fake.env });
    expect((await host.apply(plan([findingsSheet(2)]))).ok).toBe(true);
    await host.select(RESULT_SHEETS.findings, 'B2');
    expect(fake.model.selection).toEqual({ sheet: RESULT_SHEETS.findings, address: 'B2' });
    const broken = createExcelHost({
      run: () => Promise.reject(Object.assign(new Error('连接已断开'), { code: 'GeneralException' })),
      env: fake.env,
    });
    const out = await broken.apply(plan([findingsSheet(2)]));
    expect(out.ok).toBe(false);
    expect(out.message).toContain('连接已断开');
  });
});

describe('applyPlan: huge result sheets', () => {
  test('审核结果 for 150,000 findings (one link each) is written whole: no call stack overflow from their number', async () => {
    const fake = createFakeExcel();
    township(fake);
    const out = await applyPlan(fake.context(), plan([findingsSheet(150_000)]), { env: fake.env });
    expect(out.ok).toBe(true);
    const sheet = fake.model.sheet(RESULT_SHEETS.findings)!;
    expect(sheet.cells.length).toBe(150_001);
    expect(sheet.cells[150_000]?.[2]?.v).toBe('B150001');
  }, 120_000);
});
