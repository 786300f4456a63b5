/**
 * 审核结果 prints as a table (issue 16): its header row repeats at the top of every printed page — a name
 * `_xlnm.Print_Titles` local to the sheet in the result copy — besides landscape, one page wide. A re-run keeps one
 * such name, the township's own names are kept, and removing the results leaves the workbook's names as they were.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { removalPlan, resultPlan } from '../../src/core/plan';
import { applyPlan, readXlsx } from '../../src/file';
import { loadBook, xlsx } from './helpers';

async function copyOf(bytes: Uint8Array): Promise<Uint8Array> {
  const book = await readXlsx(bytes, 'a.xlsx');
  const result = check(book);
  return applyPlan(bytes, resultPlan(result, buildReport(result, { book })), 'a.xlsx');
}
const workbookXml = (b: Uint8Array) => strFromU8(unzipSync(b)['xl/workbook.xml']);
const titleNames = (b: Uint8Array) => [...workbookXml(b).matchAll(/<definedName name="_xlnm\.Print_Titles"[^>]*>[^<]*<\/definedName>/g)].map((m) => m[0]);

test('the 周营镇 copy: 审核结果’s header row is its print titles, landscape one page wide; a re-run keeps one; removal none', async () => {
  const src = new Uint8Array(fs.readFileSync(path.join(__dirname, '../../assets/samples/周营镇-2023-指标.xlsx')));
  const out = await copyOf(src);
  const wb = await loadBook(out);
  const index = wb.worksheets.findIndex((w) => w.name === RESULT_SHEETS.findings);
  expect(titleNames(out)).toEqual([`<definedName name="_xlnm.Print_Titles" localSheetId="${index}">'审核结果'!$2:$2</definedName>`]);
  const ws = wb.getWorksheet(RESULT_SHEETS.findings)!;
  expect(ws.pageSetup.printTitlesRow).toBe('2:2');
  expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
  expect(ws.getRow(2).getCell(1).value).toBe('严重程度');

  const again = await copyOf(out);
  expect(titleNames(again)).toEqual(titleNames(out));
  const removed = await applyPlan(again, removalPlan(), 'a.xlsx');
  expect(workbookXml(removed)).not.toContain('definedName');
});

test('a workbook with names of its own keeps them; the print titles name the sheet at its index', async () => {
  const src = await xlsx((wb) => {
    const ws = wb.addWorksheet('行政执法');
    ws.addRows([
      ['序号', '指标名称', '单位', '数值'],
      [1, '行政执法人员', '人', 12],
      [2, '持证人数', '人', 14],
    ]);
    ws.pageSetup.printTitlesRow = '1:1';
    wb.definedNames.add("'行政执法'!$D$2", '执法人员');
  });
  const out = await copyOf(src);
  const xml = workbookXml(out);
  expect(xml).toContain('name="执法人员"');
  // the township's own print titles (sheet 0) first, then 审核结果's (sheet 1)
  expect(titleNames(out)).toHaveLength(2);
  expect(titleNames(out)[0]).toMatch(/localSheetId="0">.*\$1:\$1</);
  expect(titleNames(out)[1]).toBe(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'审核结果'!$2:$2</definedName>`);
  const wb = await loadBook(out);
  expect(wb.getWorksheet(RESULT_SHEETS.findings)!.pageSetup.printTitlesRow).toBe('2:2');
  const removed = await applyPlan(out, removalPlan(), 'a.xlsx');
  expect(workbookXml(removed)).toContain('name="执法人员"');
  expect(titleNames(removed)).toEqual([titleNames(out)[0]]);
});

test('planToNewXlsx (a plan written as a new workbook) sets the same print titles', async () => {
  const { planToNewXlsx } = await import('../../src/file/exceljs');
  const book = await readXlsx(new Uint8Array(fs.readFileSync(path.join(__dirname, '../../assets/samples/周营镇-2023-指标.xlsx'))), 'a.xlsx');
  const result = check(book);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await planToNewXlsx(resultPlan(result, null))) as unknown as ArrayBuffer);
  expect(wb.getWorksheet(RESULT_SHEETS.findings)!.pageSetup).toMatchObject({ printTitlesRow: '2:2', orientation: 'landscape', fitToWidth: 1 });
});
