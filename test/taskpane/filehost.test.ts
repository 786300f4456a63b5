/** FileHost over real .xlsx bytes (src/file) and the core: what the page does to a workbook, without the page. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { markPlan, resultPlan } from '../../src/core/plan';
import { FileHost, derivedName, type FileModule } from '../../src/web/FileHost';

const SAMPLE = fs.readFileSync(path.join(__dirname, '../../assets/samples/周营镇-2023-指标.xlsx'));

test('reads once, applies the result plan to the held bytes, and the original sheets stay as they were', async () => {
  const host = new FileHost('周营镇.xlsx', new Uint8Array(SAMPLE));
  const progress: [number, number][] = [];
  const book = await host.read((d, t) => progress.push([d, t]));
  expect(progress[progress.length - 1]).toEqual([1, 1]);
  expect(await host.read()).toBe(book); // cached: the preview and the check share one parse
  const result = check(book);
  const events: string[] = [];
  host.subscribe((e) => events.push(e.type));
  const outcome = await host.apply(resultPlan(result, buildReport(result)));
  expect(outcome.ok).toBe(true);
  expect(events).toEqual(['change']);
  const after = await host.read();
  expect(after).not.toBe(book);
  for (const g of book.sheets) expect(after.sheets.find((s) => s.name === g.name)!.rows).toEqual(g.rows);
  expect(after.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['审核结果', '计算结果', '报告文稿']));
  // applying again replaces, never duplicates
  await host.apply(resultPlan(result, buildReport(result)));
  const again = await host.read();
  expect(again.sheets.filter((s) => s.name === '审核结果')).toHaveLength(1);
  // marks are supported on files
  expect((await host.capabilities()).marks).toBe(true);
  expect((await host.apply(markPlan(check(again)))).ok).toBe(true);
});

test('select remembers the cell and tells the preview', async () => {
  const host = new FileHost('a.xlsx', new Uint8Array(SAMPLE));
  const seen: unknown[] = [];
  host.subscribe((e) => seen.push(e));
  await host.select('行政执法', 'D5');
  expect(seen).toEqual([{ type: 'select', sheet: '行政执法', cell: 'D5' }]);
  expect(host.selection).toEqual({ sheet: '行政执法', cell: 'D5' });
});

test('a file that is not a workbook is refused with a Chinese sentence naming it', async () => {
  const host = new FileHost('说明.xlsx', new TextEncoder().encode('这不是工作簿'));
  await expect(host.read()).rejects.toThrow(/说明\.xlsx/);
  await expect(host.read()).rejects.toThrow(/[\u4e00-\u9fff]/);
});

test('a file over the size limit is refused before parsing', async () => {
  const load = jest.fn();
  const host = new FileHost('巨大.xlsx', new Uint8Array(3 * 1024 * 1024), { maxBytes: 2 * 1024 * 1024, load });
  await expect(host.read()).rejects.toThrow('文件“巨大.xlsx”有 3 MB，超过网页版可处理的上限 2 MB');
  expect(load).not.toHaveBeenCalled();
});

test('a failing write returns a Chinese message and keeps the bytes as they were', async () => {
  const mod: FileModule = {
    readXlsx: async () => ({ name: 'x', sheets: [] }),
    applyPlan: async () => {
      throw new Error('Invalid worksheet name');
    },
    reportDocx: async () => new Uint8Array(),
  };
  const bytes = new Uint8Array([1, 2, 3]);
  const host = new FileHost('x.xlsx', bytes, { load: async () => mod });
  const outcome = await host.apply({ sheets: [], styles: {} });
  expect(outcome.ok).toBe(false);
  expect(outcome.message).toMatch(/^无法写入工作簿“x\.xlsx”，原文件未改动/);
  expect(outcome.message).not.toMatch(/undefined|NaN|null/);
  expect(host.bytes).toBe(bytes);
});

test('download names keep the workbook name', () => {
  expect(derivedName('周营镇-2023-指标.xlsx', '审核', 'xlsx')).toBe('周营镇-2023-指标-审核.xlsx');
  expect(derivedName('报表.XLSX', '报告', 'docx')).toBe('报表-报告.docx');
  expect(derivedName('', '报告', 'docx')).toBe('工作簿-报告.docx');
});

test('the page opens an .xls and a GBK .csv like an .xlsx: same findings, and the result copy is an .xlsx built from them', async () => {
  const { readXlsx } = await import('../../src/file');
  const { workbookToXls } = await import('../file/biff-writer');
  const original = await readXlsx(new Uint8Array(SAMPLE), '周营镇-2023-指标.xlsx');
  const xlsBytes = workbookToXls(original);
  const host = new FileHost('周营镇-2023-指标.xls', xlsBytes);
  const book = await host.read();
  const key = (b: typeof book) => check(b).findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`).sort();
  expect(key(book)).toEqual(key(original));
  const result = check(book);
  expect((await host.apply(resultPlan(result, buildReport(result)))).ok).toBe(true);
  // now an .xlsx (a zip), with the township's sheets as read and the result sheets; the .xls bytes were not touched
  expect([...host.bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
  const after = await readXlsx(host.bytes, 'copy.xlsx');
  for (const g of original.sheets) expect(after.sheets.find((s) => s.name === g.name)?.rows).toEqual(g.rows);
  expect(after.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['审核结果', '计算结果', '报告文稿']));
  expect(xlsBytes.subarray(0, 4)).toEqual(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]));
  expect(derivedName(host.name, '审核', 'xlsx')).toBe('周营镇-2023-指标-审核.xlsx');

  // 行政执法 as a GBK CSV: 序号,指标名称,单位,数值 with 14 certified of 12 officers
  const gbk = new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: '序号,指标名称,单位,数值\n1,行政执法人员,人,12\n2,持证人数,人,14\n' }));
  const csv = new FileHost('行政执法.csv', gbk);
  const f = check(await csv.read()).findings.find((x) => x.rule === 'part-exceeds-whole');
  expect(f).toMatchObject({ sheet: '行政执法', cell: 'D3' });
  expect(derivedName('行政执法.csv', '审核', 'xlsx')).toBe('行政执法-审核.xlsx');
});
