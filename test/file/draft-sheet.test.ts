/**
 * 报告文稿 never states a flagged figure silently (issue 16): in the result copy a paragraph stating a figure that
 * touches an open 错误 or 待核实 is filled, the figure itself is a red underlined run, and the cell's note names the
 * figures and their findings; a re-run replaces it all and removing the results leaves nothing of it.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { removalPlan, resultPlan } from '../../src/core/plan';
import type { CheckResult } from '../../src/core/types';
import { applyPlan, readXlsx } from '../../src/file';
import { noteOf } from './helpers';

const FILE = path.join(__dirname, '../../assets/samples/周营镇-2023-指标.xlsx');

async function copyOf(bytes: Uint8Array): Promise<{ out: Uint8Array; result: CheckResult }> {
  const book = await readXlsx(bytes, '周营镇-2023-指标.xlsx');
  const result = check(book);
  return { out: await applyPlan(bytes, resultPlan(result, buildReport(result, { book })), '周营镇-2023-指标.xlsx'), result };
}

async function reportRows(out: Uint8Array): Promise<ExcelJS.Cell[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(RESULT_SHEETS.report)!;
  const cells: ExcelJS.Cell[] = [];
  ws.eachRow((row) => cells.push(row.getCell(1)));
  return cells;
}

const textOf = (c: ExcelJS.Cell) => {
  const v = c.value as ExcelJS.CellRichTextValue | string;
  return typeof v === 'string' ? v : v.richText.map((r) => r.text).join('');
};

describe('报告文稿 in the result copy of 周营镇', () => {
  let src: Uint8Array;
  let out: Uint8Array;
  let result: CheckResult;
  let cells: ExcelJS.Cell[];
  beforeAll(async () => {
    src = new Uint8Array(fs.readFileSync(FILE));
    ({ out, result } = await copyOf(src));
    cells = await reportRows(out);
  });

  test('行政执法人员12人，持证上岗14人 under the open error: the cell filled, 12人 and 14人 red underlined runs, a note naming them and the error', () => {
    const cell = cells.find((c) => textOf(c).includes('行政执法人员12人'))!;
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF8D7DA');
    const runs = (cell.value as ExcelJS.CellRichTextValue).richText;
    const red = runs.filter((r) => r.font?.color?.argb === 'FFC00000').map((r) => r.text);
    expect(red).toEqual(['12人', '14人']);
    expect(runs.filter((r) => r.font?.underline).map((r) => r.text)).toEqual(['12人', '14人']);
    // the words around them in the paragraph's own font
    expect(runs.find((r) => r.text.includes('全镇现有行政执法人员'))!.font).toMatchObject({ name: '仿宋_GB2312', size: 16 });
    expect(runs.find((r) => r.text.includes('全镇现有行政执法人员'))!.font?.color).toBeUndefined();
    const part = result.findings.find((f) => f.rule === 'part-exceeds-whole')!;
    expect(noteOf(cell)).toContain(`“12人”“14人”：【错误】${part.message}`);
    expect(noteOf(cell)).toMatch(/^本段有\d+处数字涉及未改正的问题/);
  });

  test('the recomputed 化解率77.8% over flagged counts is marked too; a paragraph with nothing flagged is as before', () => {
    const petitions = cells.find((c) => textOf(c).includes('化解率77.8%'))!;
    expect(noteOf(petitions)).toContain('“77.8%”');
    const title = cells[0];
    expect(typeof title.value).toBe('string');
    expect(noteOf(title)).toBe('');
    expect((title.fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
  });

  test('the copy read by the project’s reader: the paragraphs’ text is unchanged by the runs', async () => {
    const book = await readXlsx(out, 'copy.xlsx');
    const sheet = book.sheets.find((s) => s.name === RESULT_SHEETS.report)!;
    expect(sheet.rows.map((r) => r[0])).toEqual(cells.map(textOf));
    expect(sheet.rows.some((r) => String(r[0]).includes('全镇现有行政执法人员12人，持证上岗14人'))).toBe(true);
  });

  test('a re-run replaces the notes (one comments part, as many notes as flagged paragraphs); removal leaves none', async () => {
    const again = (await copyOf(out)).out;
    const names = (b: Uint8Array) => Object.keys(unzipSync(b));
    expect(names(again).filter((n) => /comments\d*\.xml$/.test(n))).toHaveLength(1);
    const notes = (await reportRows(again)).filter((c) => noteOf(c));
    expect(notes.length).toBe((await reportRows(out)).filter((c) => noteOf(c)).length);
    expect(notes.length).toBeGreaterThanOrEqual(2);
    const removed = await applyPlan(again, removalPlan(), 'copy.xlsx');
    expect(names(removed).sort()).toEqual(names(src).sort());
  });
});
