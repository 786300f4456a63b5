import * as ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { applyPlan, readXlsx } from '../../src/file';
import { FINDINGS_HEADER, RATES_HEADER } from '../../src/core/toolsheets';
import type { WritePlan } from '../../src/core/types';
import { loadBook, xlsx } from './helpers';

const MARKS = '审核标记';

async function township(): Promise<Uint8Array> {
  return xlsx((wb) => {
    const ws = wb.addWorksheet('矛盾纠纷');
    ws.mergeCells('A1:C1');
    ws.getCell('A1').value = '周营镇2023年矛盾纠纷化解情况';
    ws.getCell('A2').value = '指标';
    ws.getCell('B2').value = '数值';
    ws.getCell('A3').value = '受理矛盾纠纷';
    ws.getCell('B3').value = 48;
    ws.getCell('A4').value = '调解成功';
    ws.getCell('B4').value = 45;
    ws.getCell('B4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFCCE5FF' } };
    ws.getCell('A5').value = '调解成功率';
    ws.getCell('B5').value = { formula: 'B4/B3', result: 0.9375 };
    ws.getCell('B5').numFmt = '0%';
    ws.getCell('A6').value = { richText: [{ text: '填报', font: { bold: true } }, { text: '日期' }] };
    ws.getCell('B6').value = new Date(Date.UTC(2024, 0, 8));
    ws.getCell('B6').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('B3').note = '乡镇自己的批注';
    const ws2 = wb.addWorksheet('基本情况');
    ws2.getCell('A1').value = '单位名称';
    ws2.getCell('B1').value = '周营镇';
    ws2.getCell('A2').value = '报告年度';
    ws2.getCell('B2').value = 2023;
  });
}

function resultPlan(text: string): WritePlan {
  return {
    styles: {
      head: { font: { name: '黑体', size: 12, bold: true, color: '#FFFFFF' }, fill: '#1F4E79', align: 'center', valign: 'middle', wrap: true },
      pct: { numFmt: '0.0%' },
      link: { font: { color: '#0563C1', underline: true } },
    },
    sheets: [
      {
        name: '审核结果',
        columns: [10, 40, 16],
        rowHeights: [24, null, null, null, null],
        freezeRows: 1,
        tabColor: '#C00000',
        autoFilter: 'A1:C5',
        fitToWidth: true,
        rows: [
          // the real header row: it is what tells the tool's own 审核结果 from a township's sheet of that name
          FINDINGS_HEADER.map((v) => ({ v, style: 'head' })),
          [{ v: '错误' }, { v: text }, { v: '矛盾纠纷!B5', link: { sheet: '矛盾纠纷', cell: 'B5' }, style: 'link' }],
          [{ v: '=SUM(A1)' }, { v: '+86' }, { v: '0012' }],
          [{ v: 0.9375, style: 'pct' }, { v: null, f: '=B3*2' }, { v: true }, { v: 0.98, link: { sheet: '矛盾纠纷', cell: 'B5' }, style: 'pct' }],
          [{ v: 'bad\u0001char' }],
        ],
      },
      { name: '计算结果', columns: [20], rows: [[{ v: '调解成功率' }, { v: 93.75 }], RATES_HEADER.map((v) => ({ v }))], hidden: true },
    ],
    activate: '审核结果',
  };
}

function markPlan(): WritePlan {
  return {
    styles: {},
    sheets: [],
    marks: [
      { sheet: '矛盾纠纷', cell: 'B5', severity: 'verify', fill: '#FFEB9C', comment: '调解成功率按45/48计算为93.8%，表中为94%，请核实。' },
      { sheet: '矛盾纠纷', cell: 'B4', severity: 'hint', fill: '#DDEBF7', comment: '提示：调解成功数较上年变化较大。' },
      { sheet: '矛盾纠纷', cell: 'B4', severity: 'error', fill: '#FFC7CE', comment: '调解成功数不应大于受理数。' },
      { sheet: '矛盾纠纷', cell: 'B3', severity: 'hint', fill: '#DDEBF7', comment: '提示：受理数。' },
    ],
  };
}

/** Every township sheet as read back: values, formats and merges. */
async function townshipGrids(bytes: Uint8Array) {
  const book = await readXlsx(bytes, 't.xlsx');
  return book.sheets.filter((s) => ['矛盾纠纷', '基本情况'].includes(s.name));
}

describe('applyPlan: result sheets', () => {
  let src: Uint8Array;
  let out: Uint8Array;
  let wb: ExcelJS.Workbook;
  let sheetXml: string;
  beforeAll(async () => {
    src = await township();
    out = await applyPlan(src, resultPlan('第一次'));
    wb = await loadBook(out);
    const parts = unzipSync(out);
    sheetXml = Object.keys(parts)
      .filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))
      .map((n) => strFromU8(parts[n]))
      .find((x) => x.includes('第一次'))!;
  });

  test('the township values, formats and merges are identical after apply', async () => {
    expect(await townshipGrids(out)).toEqual(await townshipGrids(src));
  });

  test('the input bytes are not touched', async () => {
    const again = await township();
    expect(src.length).toBeGreaterThan(0);
    // Build is deterministic apart from timestamps; compare grids of the input instead of bytes.
    expect(await townshipGrids(src)).toEqual(await townshipGrids(again));
  });

  test('result sheets are added at the end with their rows, widths, heights, freeze and visibility', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['矛盾纠纷', '基本情况', '审核结果', '计算结果']);
    const ws = wb.getWorksheet('审核结果')!;
    expect(ws.getCell('B2').value).toBe('第一次');
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.getRow(1).height).toBe(24);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.properties.tabColor).toEqual({ argb: 'FFC00000' });
    // filterable, and printed with every column on the page width
    expect(ws.autoFilter).toBe('A1:C5');
    expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, orientation: 'landscape' });
    expect(wb.getWorksheet('计算结果')!.state).toBe('hidden');
    expect(wb.getWorksheet('计算结果')!.getCell('B1').value).toBe(93.75);
  });

  test('strings that look like formulas or numbers are written as text', () => {
    const ws = wb.getWorksheet('审核结果')!;
    expect(ws.getCell('A3').value).toBe('=SUM(A1)');
    expect(ws.getCell('A3').formula).toBeUndefined();
    expect(ws.getCell('B3').value).toBe('+86');
    expect(ws.getCell('C3').value).toBe('0012');
    expect(ws.getCell('A5').value).toBe('badchar');
  });

  test('f is a formula; link is an internal hyperlink to the cell, its text or number kept as a value', () => {
    const ws = wb.getWorksheet('审核结果')!;
    expect(ws.getCell('B4').formula).toBe('B3*2');
    // a real hyperlink to a place in the workbook (Excel, WPS and LibreOffice follow it), not a HYPERLINK formula
    expect(ws.getCell('C2').formula).toBeUndefined();
    expect(ws.getCell('C2').value).toBe('矛盾纠纷!B5');
    expect(sheetXml).toContain(`<hyperlink ref="C2" location="'矛盾纠纷'!B5"/>`);
    expect(ws.getCell('C4').value).toBe(true);
    // A linked number stays a number under its number format.
    expect(ws.getCell('D4').value).toBe(0.98);
    expect(ws.getCell('D4').numFmt).toBe('0.0%');
    expect(sheetXml).toContain(`<hyperlink ref="D4" location="'矛盾纠纷'!B5"/>`);
  });

  test('styles: font, fill, alignment, wrap and number format', () => {
    const ws = wb.getWorksheet('审核结果')!;
    const h = ws.getCell('A1');
    expect(h.font).toMatchObject({ name: '黑体', size: 12, bold: true, color: { argb: 'FFFFFFFF' } });
    expect(h.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } });
    expect(h.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(ws.getCell('A4').numFmt).toBe('0.0%');
    expect(ws.getCell('C2').font).toMatchObject({ underline: true });
  });

  test('re-running replaces the sheets, never duplicates them', async () => {
    const twice = await applyPlan(out, resultPlan('第二次'));
    const wb2 = await loadBook(twice);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(['矛盾纠纷', '基本情况', '审核结果', '计算结果']);
    expect(wb2.getWorksheet('审核结果')!.getCell('B2').value).toBe('第二次');
    expect(await townshipGrids(twice)).toEqual(await townshipGrids(src));
  });

  test('the plan sheet to activate is the active tab', () => {
    expect(wb.views[0].activeTab).toBe(2);
  });

  test('deleteSheets removes the result sheets again', async () => {
    const removed = await applyPlan(out, { styles: {}, sheets: [], deleteSheets: ['审核结果', '计算结果', '报告文稿'] });
    const wb2 = await loadBook(removed);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(['矛盾纠纷', '基本情况']);
    expect(await townshipGrids(removed)).toEqual(await townshipGrids(src));
  });
});

describe('applyPlan: marks', () => {
  let src: Uint8Array;
  let marked: Uint8Array;
  let wb: ExcelJS.Workbook;
  let orig: ExcelJS.Workbook;
  beforeAll(async () => {
    src = await township();
    orig = await loadBook(src);
    marked = await applyPlan(src, markPlan());
    wb = await loadBook(marked);
  });

  test('marked cells get the fill and a note, values unchanged', async () => {
    const ws = wb.getWorksheet('矛盾纠纷')!;
    expect(ws.getCell('B5').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } });
    expect(JSON.stringify(ws.getCell('B5').note)).toContain('93.8%');
    expect(await townshipGrids(marked)).toEqual(await townshipGrids(src));
  });

  test('several findings on one cell: the gravest fill and every message', () => {
    const ws = wb.getWorksheet('矛盾纠纷')!;
    expect(ws.getCell('B4').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    const note = JSON.stringify(ws.getCell('B4').note);
    expect(note).toContain('不应大于受理数');
    expect(note).toContain('变化较大');
  });

  test('the original fills are kept in a very hidden 审核标记 sheet (not offered by 取消隐藏)', () => {
    const ms = wb.getWorksheet(MARKS)!;
    expect(ms.state).toBe('veryHidden');
    expect(ms.rowCount).toBe(1 + 3);
  });

  test('only the marked cell changes its fill: neighbours sharing its style keep theirs', () => {
    const ws = wb.getWorksheet('矛盾纠纷')!;
    expect(ws.getCell('A5').fill ?? null).toEqual(orig.getWorksheet('矛盾纠纷')!.getCell('A5').fill ?? null);
    expect(ws.getCell('A4').fill ?? null).toEqual(orig.getWorksheet('矛盾纠纷')!.getCell('A4').fill ?? null);
  });

  test('re-running marks never stacks; clearMarks restores exactly the original fills and notes', async () => {
    const again = await applyPlan(marked, markPlan());
    const wb2 = await loadBook(again);
    expect(wb2.getWorksheet(MARKS)!.rowCount).toBe(4);
    expect(wb2.worksheets.filter((w) => w.name === MARKS)).toHaveLength(1);

    const cleared = await applyPlan(again, { styles: {}, sheets: [], clearMarks: true });
    const wb3 = await loadBook(cleared);
    expect(wb3.getWorksheet(MARKS)).toBeUndefined();
    const o = orig.getWorksheet('矛盾纠纷')!;
    const c = wb3.getWorksheet('矛盾纠纷')!;
    for (const a of ['B3', 'B4', 'B5']) {
      expect(c.getCell(a).fill ?? null).toEqual(o.getCell(a).fill ?? null);
    }
    expect(c.getCell('B4').fill).toMatchObject({ fgColor: { argb: 'FFCCE5FF' } });
    expect(c.getCell('B5').note ?? null).toBeNull();
    expect(JSON.stringify(c.getCell('B3').note)).toContain('乡镇自己的批注');
    expect(await townshipGrids(cleared)).toEqual(await townshipGrids(src));
  });

  test('a new set of marks replaces the old one (old marked cells get their fill back)', async () => {
    const next = await applyPlan(marked, {
      styles: {},
      sheets: [],
      marks: [{ sheet: '基本情况', cell: 'B2', severity: 'error', fill: '#FFC7CE', comment: '报告年度与表头不一致。' }],
    });
    const wb2 = await loadBook(next);
    const o = orig.getWorksheet('矛盾纠纷')!;
    expect(wb2.getWorksheet('矛盾纠纷')!.getCell('B5').fill ?? null).toEqual(o.getCell('B5').fill ?? null);
    expect(wb2.getWorksheet('矛盾纠纷')!.getCell('B5').note ?? null).toBeNull();
    expect(wb2.getWorksheet('基本情况')!.getCell('B2').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(wb2.getWorksheet(MARKS)!.rowCount).toBe(2);
  });
});

describe('applyPlan: a township sheet is never replaced or deleted', () => {
  test('a plan naming a township sheet is refused and nothing is written', async () => {
    const src = await township();
    await expect(applyPlan(src, { styles: {}, sheets: [{ name: '矛盾纠纷', columns: [], rows: [[{ v: 'x' }]] }] })).rejects.toThrow(/“矛盾纠纷”.*不会被替换或删除/);
    await expect(applyPlan(src, { styles: {}, sheets: [], deleteSheets: ['基本情况'] })).rejects.toThrow(/“基本情况”/);
  });
});
