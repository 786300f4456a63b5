/**
 * The page's county flow in the built page (dist/), in Chromium (issue 14): the county's definitions loaded in a
 * file's pane, three more files dropped at once — one of them not a workbook — and the 审核情况 table and the
 * downloaded county workbook are what the core gives for the same files with the same definitions (the pipeline of
 * `merge --catalog`): every township checked with the definitions, the county's own indicator a column of 汇总表, and
 * the unreadable file a row (否, with the reader's reason) sent back first. Expectations come from the core, never
 * from the page.
 *
 * Run: `npx webpack --mode production && npx jest test/e2e/county.test.ts`. Needs /usr/bin/chromium.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { CountyDefinitions } from '../../src/core/definitions/types';
import type { Cell, CellSpec } from '../../src/core/types';
import { readWorkbook, readXlsx } from '../../src/file';
import { readDefinitionsFile } from '../../src/file/definitions';
import { consolidateParts, countyPartOfBook, unreadablePart, type CountyOutcome } from '../../src/web/county';
import { SAMPLES } from './support/browser';
import { checkPanel, pageContext, servePage } from './support/page';

jest.setTimeout(180_000);

const ZHOU = '周营镇-2023-指标.xlsx';
const BAD = '柳河镇-2023-指标.xlsx';
const site = servePage('index.html');
let page: Page;
let tmp: string;
let defsFile: string;
let expected: CountyOutcome;
/** The files dropped, in order: two townships of the county's own indicator and a text file named .xlsx. */
let dropped: { name: string; bytes: Buffer }[];

async function township(unit: string, principals: number): Promise<{ name: string; bytes: Buffer }> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('基本情况').addRows([['单位名称', unit], ['报告年度', 2023]]);
  wb.addWorksheet('指标').addRows([
    ['序号', '指标名称', '单位', '2023年'],
    [1, '受理信访案件', '件', 20],
    [2, '化解信访案件', '件', 19],
    [3, '行政执法人员', '人', 11],
    [4, '法治副校长', '人', principals],
  ]);
  return { name: `${unit}-2023-指标.xlsx`, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

const text = (c: Cell | CellSpec | undefined): string => {
  const v = c != null && typeof c === 'object' && 'v' in c ? c.v : c;
  return v == null ? '' : String(v);
};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'id-e2e-county-'));
  defsFile = path.join(tmp, '沈丘县指标定义.xlsx');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('指标定义').addRows([
    ['指标名称', '单位', '类型', '是否必填', '下限', '上限'],
    ['行政执法人员', '人', '数量', '是', null, 10],
    ['法治副校长', '人', '数量', null, null, null],
  ]);
  await wb.xlsx.writeFile(defsFile);
  dropped = [await township('李集镇', 3), await township('王营乡', 2), { name: BAD, bytes: Buffer.from('柳河镇 2023 指标\n信访案件受理数\t9\n化解数\t7\n', 'utf8') }];

  // what merge --catalog computes for the same files, in the page's order (the open files, then the unreadable one)
  const defs: CountyDefinitions = await readDefinitionsFile(fs.readFileSync(defsFile), path.basename(defsFile));
  const parts = [];
  for (const f of [{ name: ZHOU, bytes: fs.readFileSync(path.join(SAMPLES, ZHOU)) }, ...dropped.slice(0, 2)]) {
    parts.push(countyPartOfBook(f.name, await readWorkbook(f.bytes, f.name), defs));
  }
  const reason = await readWorkbook(dropped[2].bytes, BAD).then(
    () => null,
    (e: Error) => e.message,
  );
  if (!reason) throw new Error(`${BAD} should not be readable`);
  parts.push(unreadablePart(BAD, reason));
  expected = consolidateParts(parts);

  page = await (await pageContext(site, { height: 900, timeout: 20_000 })).newPage();
  await page.goto(`${site.server.url}index.html`);
}, 120_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the core gives the definitions and the unreadable file their place (the test can tell them apart)', () => {
  const status = expected.plan.sheets[0].rows.slice(2);
  expect(text(status[0][2])).toBe(BAD);
  expect(text(expected.plan.sheets[1].rows[1].find((c) => text(c) === '法治副校长（人）'))).toBe('法治副校长（人）');
});

test('definitions loaded, three files dropped (one not a workbook): the table and the county workbook are the core’s', async () => {
  // 1. one township opened, the county's definitions loaded in its pane
  await page.getByTestId('file-input').setInputFiles(path.join(SAMPLES, ZHOU));
  const pane = checkPanel(page, ZHOU);
  // checked on opening: loading waits until the pane is idle (a busy pane takes no second action)
  await pane.getByTestId('summary').waitFor({ timeout: 60_000 });
  await pane.locator('[data-testid="pane"][aria-busy="false"]').waitFor({ timeout: 60_000 });
  await pane.getByTestId('definitions-input').setInputFiles(defsFile);
  await pane.getByTestId('definitions-status').filter({ hasText: '正在使用' }).waitFor({ timeout: 60_000 });

  // 2. three more files dropped on the page at once
  const files = dropped.map((f) => ({ name: f.name, b64: f.bytes.toString('base64') }));
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, files);
  await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer: transfer });

  // 3. the table, once every file is checked
  await page.locator('[data-testid="county-row"]').nth(3).waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="county"]:not([aria-busy])').waitFor({ timeout: 120_000 });
  expect(await page.getByTestId('open-error').innerText()).toContain(BAD);
  expect(await page.getByTestId('file-item').count()).toBe(3);
  expect((await page.getByTestId('county-definitions').innerText()).trim()).toBe('各文件按县级指标定义“沈丘县指标定义.xlsx”检查和汇总。');
  const shown = await page.locator('[data-testid="county-row"]').evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())),
  );
  const want = expected.plan.sheets[0].rows.slice(2).map((row) => row.map(text));
  // the unreadable file's row has a 移除 button where a township's name would be
  expect(shown[0][1]).toBe('移除');
  shown[0][1] = '';
  expect(shown).toEqual(want);
  expect(shown[0].slice(9, 12)).toEqual(['否', `未汇总：${want[0][10].replace(/^未汇总：/, '')}`, '退回：请重新报送能打开的工作簿']);
  expect(want[0][10]).toContain(BAD);

  // 4. the county workbook downloaded: the core's 审核情况 and 汇总表, the county's indicator summed in 合计
  const pending = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('county-workbook').click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe('全县汇总.xlsx');
  const saved = path.join(tmp, '全县汇总.xlsx');
  await download.saveAs(saved);
  const book = await readXlsx(fs.readFileSync(saved), '全县汇总.xlsx');
  expect(book.sheets.map((s) => s.name)).toEqual(expected.plan.sheets.map((s) => s.name));
  for (const name of ['审核情况', '汇总表']) {
    const got = book.sheets.find((s) => s.name === name)!.rows.map((row) => row.map(text));
    const plan = expected.plan.sheets.find((s) => s.name === name)!.rows.map((row) => row.map(text));
    const width = (rows: string[][]) => rows.map((r) => r.slice(0, Math.max(...plan.map((p) => p.length))));
    expect(width(got).map((r) => r.join('|').replace(/\|+$/, ''))).toEqual(plan.map((r) => r.join('|').replace(/\|+$/, '')));
  }
  const summary = book.sheets.find((s) => s.name === '汇总表')!.rows;
  const col = (summary[1] as Cell[]).indexOf('法治副校长（人）');
  expect(col).toBeGreaterThan(0);
  expect(summary.find((r) => r[1] === '合计')![col]).toBe(5);
});
