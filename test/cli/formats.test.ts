/**
 * The CLI over the other formats: `check`, `report` and `merge` take an .xls (made here from a sample's Grids by
 * test/file/biff-writer.ts), a GBK .csv and a file whose extension lies, give the findings of the .xlsx, and
 * `report` writes an .xlsx copy (readable, with the same findings) without touching the source.
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { readWorkbook, readXlsx } from '../../src/file';
import { workbookToXls } from '../file/biff-writer';
import { SAMPLES, ZHOU, run, tempDirPerTest } from './support';

const DAZ = path.join(SAMPLES, '大钟庄镇-2021-比率.xlsx');

/** The findings block of `check` for one file, its name taken out. */
function findingLines(out: string): string[] {
  return out
    .split('\n')
    .filter((l) => /^\s{4}\S+!\S+　/.test(l))
    .sort();
}

const tmp = tempDirPerTest('id-cli-formats-');

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

test('check: an .xls of the sample gives the findings of the .xlsx, line for line', async () => {
  const xls = path.join(tmp(), '周营镇.xls');
  fs.writeFileSync(xls, workbookToXls(await readXlsx(fs.readFileSync(ZHOU), 'z.xlsx')));
  const a = await run(['check', ZHOU], tmp());
  const b = await run(['check', xls], tmp());
  expect(b.code).toBe(a.code);
  expect(findingLines(b.out)).toEqual(findingLines(a.out));
  expect(findingLines(b.out).length).toBeGreaterThan(3);
});

test('report on an .xls writes an .xlsx copy with the result sheets and the same findings; the .xls is untouched', async () => {
  const xls = path.join(tmp(), '周营镇-2023-指标.xls');
  fs.writeFileSync(xls, workbookToXls(await readXlsx(fs.readFileSync(ZHOU), 'z.xlsx')));
  const before = sha(xls);
  const r = await run(['report', xls], tmp());
  expect(r.err).toBe('');
  expect(r.code).toBe(1); // written; the sample's planted errors are open, the same code as check
  const copy = path.join(tmp(), '周营镇-2023-指标-审核.xlsx');
  expect(fs.existsSync(copy)).toBe(true);
  expect(fs.existsSync(path.join(tmp(), '周营镇-2023-指标-报告.docx'))).toBe(true);
  expect(sha(xls)).toBe(before);
  const book = await readXlsx(fs.readFileSync(copy), '周营镇-2023-指标-审核.xlsx');
  const names = book.sheets.map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining([RESULT_SHEETS.findings, RESULT_SHEETS.rates, RESULT_SHEETS.report]));
  // the township's sheets come first, as they were, and check the same in the copy
  const original = await readXlsx(fs.readFileSync(ZHOU), 'z.xlsx');
  expect(names.slice(0, original.sheets.length)).toEqual(original.sheets.map((s) => s.name));
  const again = await run(['check', copy], tmp());
  const first = await run(['check', ZHOU], tmp());
  expect(findingLines(again.out)).toEqual(findingLines(first.out));
  // re-running replaces the result sheets, never adds a second set
  expect((await run(['report', xls], tmp())).code).toBe(1);
  const twice = await readXlsx(fs.readFileSync(copy), 'x.xlsx');
  expect(twice.sheets.map((s) => s.name)).toEqual(names);
});

test('a GBK .csv, an .xlsx named .xls and an .xls named .xlsx are read by their bytes; merge takes them all', async () => {
  const zhou = await readXlsx(fs.readFileSync(ZHOU), 'z.xlsx');
  // one indicator sheet as a GBK CSV, written the way Excel's “CSV (逗号分隔)” does in a Chinese Windows
  const sheet = zhou.sheets.find((s) => s.name === '矛盾纠纷化解');
  expect(sheet).toBeDefined();
  const text = (sheet?.rows ?? [])
    .map((row) => row.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : `"${String(v).replace(/"/g, '""')}"`)).join(','))
    .join('\r\n');
  const gbk = new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text }));
  fs.writeFileSync(path.join(tmp(), '周营镇-矛盾纠纷化解.csv'), gbk);
  const csvBook = await readWorkbook(gbk, '周营镇-矛盾纠纷化解.csv');
  expect(csvBook.sheets[0].rows[1]).toEqual(['序号', '指标名称', '单位', '数值', '备注']);
  fs.copyFileSync(DAZ, path.join(tmp(), '大钟庄镇.xls')); // really an .xlsx
  fs.writeFileSync(path.join(tmp(), '周营镇.xlsx'), workbookToXls(zhou)); // really an .xls
  const c = await run(['check', '大钟庄镇.xls', '周营镇.xlsx', '周营镇-矛盾纠纷化解.csv'], tmp());
  expect(c.err).not.toContain('无法读取');
  expect(c.out).toContain('小结（大钟庄镇.xls）');
  expect(c.out).toContain('小结（周营镇.xlsx）');
  expect(c.out).toContain('小结（周营镇-矛盾纠纷化解.csv）');
  const m = await run(['merge', '大钟庄镇.xls', '周营镇.xlsx', '--out', '汇总.xlsx'], tmp());
  expect(m.code).toBe(1); // 周营镇's planted errors are open
  // the .xls is read (its township and year named), and as a 2021 workbook it is kept out of the 2023 totals
  expect(m.out).toContain('1 个乡镇');
  expect(m.out).toContain('“大钟庄镇.xls”（大钟庄镇）是2021年度的工作簿');
  const merged = await readXlsx(fs.readFileSync(path.join(tmp(), '汇总.xlsx')), '汇总.xlsx');
  const summary = merged.sheets.find((s) => s.name === '汇总表');
  const units = (summary?.rows ?? []).map((r) => r[1]);
  expect(units).toEqual(expect.arrayContaining(['周营镇', '合计']));
  const status = merged.sheets.find((s) => s.name === '审核情况')!.rows.map((r) => r[1]);
  expect(status).toEqual(expect.arrayContaining(['大钟庄镇', '周营镇']));
});
