/**
 * The page's county flow in the built page (dist/), in Chromium (issue 14): the county's definitions loaded in a
 * file's pane, three more files dropped at once — one of them not a workbook — and the 审核情况 table and the
 * downloaded county workbook are what the core gives for the same files with the same definitions (the pipeline of
 * `merge --catalog`): every township checked with the definitions, the county's own indicator a column of 汇总表, and
 * the unreadable file a row (否, with the reader's reason) sent back first. Expectations come from the core, never
 * from the page. Then a revised copy of one township and a township counting its banners in 米 are dropped too: the
 * findings across townships under the table are the core's (the township sent twice and the units that differ, each
 * naming both townships and files), one opens its township's file, and the panel is photographed at 1280 and 320 px.
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
import { consolidateParts, countyPartOfBook, parseExpectedList, unreadablePart, type CountyOutcome } from '../../src/web/county';
import { SAMPLES, SCREENSHOTS } from './support/browser';
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

/** A township's workbook with its indicators as the township wrote them (label, unit, figure). */
async function townshipWith(file: string, unit: string, rows: [string, string, number][], year = 2023): Promise<{ name: string; bytes: Buffer }> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('基本情况').addRows([['单位名称', unit], ['报告年度', year]]);
  wb.addWorksheet('指标').addRows([['序号', '指标名称', '单位', `${year}年`], ...rows.map((r, i) => [i + 1, ...r])]);
  return { name: file, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

const horizontalOverflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('a revised copy of 李集镇 and a township counting banners in 米: the findings across townships are listed, naming both, and open the file', async () => {
  const more = [
    // the revised copy the township sent later, its office named in full; 张贴普法条幅 in 条
    await townshipWith('李集镇-2023-指标（修改稿）.xlsx', '李集镇人民政府', [['受理信访案件', '件', 20], ['化解信访案件', '件', 20], ['行政执法人员', '人', 9], ['法治副校长', '人', 3], ['张贴普法条幅', '条', 300]]),
    // 悬挂横幅 measured in 米: cannot be added to 条
    await townshipWith('槐店镇-2023-指标.xlsx', '槐店镇', [['受理信访案件', '件', 14], ['化解信访案件', '件', 13], ['行政执法人员', '人', 8], ['法治副校长', '人', 1], ['悬挂横幅', '米', 1500]]),
  ];
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, more.map((f) => ({ name: f.name, b64: f.bytes.toString('base64') })));
  await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer: transfer });
  await page.locator('[data-testid="county-row"]').nth(5).waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="county"]:not([aria-busy])').waitFor({ timeout: 120_000 });

  // what the core finds across the same six files with the same definitions, in the page's order
  const defs: CountyDefinitions = await readDefinitionsFile(fs.readFileSync(defsFile), path.basename(defsFile));
  const parts = [];
  for (const f of [{ name: ZHOU, bytes: fs.readFileSync(path.join(SAMPLES, ZHOU)) }, ...dropped.slice(0, 2), ...more]) {
    parts.push(countyPartOfBook(f.name, await readWorkbook(f.bytes, f.name), defs));
  }
  parts.push(unreadablePart(BAD, await readWorkbook(dropped[2].bytes, BAD).then(() => '', (e: Error) => e.message)));
  const county = consolidateParts(parts).county;
  const dup = county.findings.find((f) => f.rule === 'county-duplicate');
  const units = county.findings.find((f) => f.rule === 'county-unit-mismatch');
  // the test can tell: the core itself names both files and both townships
  expect(dup?.message).toContain('“李集镇-2023-指标（修改稿）.xlsx”与“李集镇-2023-指标.xlsx”是同一乡镇');
  expect(units?.message).toContain('“悬挂横幅标语”在槐店镇（“槐店镇-2023-指标.xlsx” ‘指标’表 D6）以“米”计（1500米），在');
  // …and the first township counting them (周营镇's sample: 张贴普法条幅近300余幅), with its file and cell
  expect(units?.message).toContain('在周营镇（“周营镇-2023-指标.xlsx” ‘法治宣传教育’表 D6）以“幅”计，两者不能直接相加');

  const section = page.getByTestId('county-findings');
  await section.waitFor();
  const items = section.getByTestId('county-finding');
  const shown = await items.evaluateAll((li) => li.map((x) => ({ rule: x.getAttribute('data-rule'), text: (x.querySelector('p')?.textContent ?? '').trim() })));
  const sev = { error: '● 错误', verify: '▲ 待核实', hint: '○ 提示' } as const;
  expect(shown).toEqual(county.findings.map((f) => ({ rule: f.rule, text: `${sev[f.severity]}${f.message}` })));
  for (const f of [dup!, units!]) await expect(section.getByText(f.message, { exact: true }).isVisible()).resolves.toBe(true);
  // the table's unreadable file is among them too, as an error
  expect(shown.some((x) => x.rule === 'county-unreadable' && x.text.startsWith('● 错误') && x.text.includes(BAD))).toBe(true);

  // by keyboard: the unit mismatch's button opens 槐店镇's file
  const open = items.filter({ hasText: '以“米”计' }).getByTestId('county-finding-open');
  await expect(open.allInnerTexts()).resolves.toEqual(['查看“槐店镇-2023-指标.xlsx”的问题']);
  await open.focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="file-item"][data-active="true"][data-name="槐店镇-2023-指标.xlsx"]').waitFor({ timeout: 10_000 });

  // photographed at 1280 and 320 px: nothing wider than the page, every finding inside it at 320 px
  const panel = page.getByTestId('county-panel');
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SCREENSHOTS, `county-findings-${width}.png`) });
    await section.screenshot({ path: path.join(SCREENSHOTS, `county-findings-list-${width}.png`) });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    for (const box of await items.evaluateAll((li) => li.map((x) => x.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('a 乡镇名单 and last year’s files: the missing township is a row and a finding, the narrative compares with last year, photographed at 1280 and 320 px', async () => {
  // the list as a county office keeps it: a title, numbered lines, one township by its office's full name
  const list = path.join(tmp, '乡镇名单.txt');
  fs.writeFileSync(list, '沈丘县应报送乡镇名单\n1、周营镇\n2、李集镇人民政府\n3、王营乡\n4、槐店镇\n5、郑集乡\n');
  // last year: 王营乡 received three times this year's petitions; and a file that is no workbook
  const lastYear = await townshipWith('王营乡-2022-指标.xlsx', '王营乡', [['受理信访案件', '件', 60], ['化解信访案件', '件', 58], ['行政执法人员', '人', 9]], 2022);
  fs.writeFileSync(path.join(tmp, lastYear.name), lastYear.bytes);
  fs.writeFileSync(path.join(tmp, '坏文件-2022.xlsx'), 'not a workbook');

  await page.getByTestId('expected-input').setInputFiles(list);
  await page.getByTestId('expected-status').filter({ hasText: '乡镇名单：5个乡镇' }).waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="previous"] summary').click();
  await page.getByTestId('previous-input').setInputFiles([path.join(tmp, lastYear.name), path.join(tmp, '坏文件-2022.xlsx')]);
  await page.getByTestId('previous-status').filter({ hasText: '已读取1个，1个未能使用' }).waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="county"]:not([aria-busy])').waitFor({ timeout: 120_000 });

  // what the core gives for the same files, list and last year's file
  const defs: CountyDefinitions = await readDefinitionsFile(fs.readFileSync(defsFile), path.basename(defsFile));
  const more = ['李集镇-2023-指标（修改稿）.xlsx', '槐店镇-2023-指标.xlsx'];
  const parts = [];
  for (const f of [{ name: ZHOU, bytes: fs.readFileSync(path.join(SAMPLES, ZHOU)) }, ...dropped.slice(0, 2)]) parts.push(countyPartOfBook(f.name, await readWorkbook(f.bytes, f.name), defs));
  const opened = await page.getByTestId('file-item').evaluateAll((li) => li.map((x) => x.getAttribute('data-name')));
  expect(opened).toEqual(expect.arrayContaining(more));
  const revised = await townshipWith(more[0], '李集镇人民政府', [['受理信访案件', '件', 20], ['化解信访案件', '件', 20], ['行政执法人员', '人', 9], ['法治副校长', '人', 3], ['张贴普法条幅', '条', 300]]);
  const huaidian = await townshipWith(more[1], '槐店镇', [['受理信访案件', '件', 14], ['化解信访案件', '件', 13], ['行政执法人员', '人', 8], ['法治副校长', '人', 1], ['悬挂横幅', '米', 1500]]);
  for (const f of [revised, huaidian]) parts.push(countyPartOfBook(f.name, await readWorkbook(f.bytes, f.name), defs));
  parts.push(unreadablePart(BAD, await readWorkbook(dropped[2].bytes, BAD).then(() => '', (e: Error) => e.message)));
  const expect_ = parseExpectedList(fs.readFileSync(list, 'utf8'), '乡镇名单.txt').list!;
  const previous = [countyPartOfBook(lastYear.name, await readWorkbook(lastYear.bytes, lastYear.name), defs)];
  const want = consolidateParts(parts, { expect: expect_, previous });
  const missingRow = want.plan.sheets[0].rows.slice(2).map((r) => r.map(text)).find((r) => r[1] === '郑集乡')!;
  // the test can tell: the core lists 郑集乡 as not sent, and 王营乡's petitions against last year's
  expect(missingRow.slice(10)).toEqual(['未报送：名单“乡镇名单.txt”第6行有此乡镇，没有收到它的工作簿', '催报：请郑集乡报送工作簿']);
  const change = want.county.findings.find((f) => f.rule === 'county-large-change')!;
  expect(change.message).toContain('王营乡（“王营乡-2023-指标.xlsx”');
  expect(change.message).toContain('上年为60件（去年“王营乡-2022-指标.xlsx”');

  // the page shows the core's rows and findings
  const shown = await page.locator('[data-testid="county-row"]').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
  const rows = want.plan.sheets[0].rows.slice(2).map((row) => row.map(text));
  expect(shown.map((r) => r[1] === '移除' ? [r[0], '', ...r.slice(2)] : r)).toEqual(rows);
  const items = await page.getByTestId('county-finding').evaluateAll((li) => li.map((x) => x.getAttribute('data-rule')));
  expect(items).toEqual(want.county.findings.map((f) => f.rule));
  await expect(page.getByTestId('county-findings').getByText(change.message, { exact: true }).isVisible()).resolves.toBe(true);
  expect(await page.getByTestId('previous-problems').innerText()).toContain('坏文件-2022.xlsx');

  // the county narrative downloaded compares with last year, as the core's does
  const pending = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('county-workbook').click();
  const saved = path.join(tmp, '全县汇总-名单.xlsx');
  await (await pending).saveAs(saved);
  const book = await readXlsx(fs.readFileSync(saved), '全县汇总.xlsx');
  const narrative = book.sheets.find((s) => s.name === '汇总报告文稿')!.rows.map((r) => text(r[0])).join('\n');
  expect(narrative).toContain('同比');
  expect(narrative).toBe(want.plan.sheets.find((s) => s.name === '汇总报告文稿')!.rows.map((r) => text(r[0])).join('\n'));

  // photographed at 1280 and 320 px: the options folded to their lines, nothing wider than the page
  const options = page.getByTestId('county-options');
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await options.scrollIntoViewIfNeeded();
    await options.screenshot({ path: path.join(SCREENSHOTS, `county-options-${width}.png`) });
    await page.getByTestId('county-panel').screenshot({ path: path.join(SCREENSHOTS, `county-panel-list-${width}.png`) });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const box = await options.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('files of two years in Chromium: 报告年度 offers both, the year chosen is the county’s, the other year’s files stay out of the totals and the downloaded workbook is that year’s', async () => {
  const older = [
    await townshipWith('甲镇-2022-指标.xlsx', '甲镇', [['受理信访案件', '件', 12], ['化解信访案件', '件', 11], ['行政执法人员', '人', 6]], 2022),
    await townshipWith('乙镇-2022-指标.xlsx', '乙镇', [['受理信访案件', '件', 20], ['化解信访案件', '件', 19], ['行政执法人员', '人', 7]], 2022),
  ];
  for (const f of older) fs.writeFileSync(path.join(tmp, f.name), f.bytes);
  await page.getByTestId('file-input').setInputFiles(older.map((f) => path.join(tmp, f.name)));
  const select = page.getByTestId('county-year-select');
  await select.waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="county"]:not([aria-busy])').waitFor({ timeout: 120_000 });
  // most files are of 2023: that is the county's year until another is chosen
  const labels = await select.locator('option').allInnerTexts();
  expect(labels).toEqual(['2023年度（多数文件的年度）', '2023年度', '2022年度']);
  const rowText = async (t: string) => (await page.locator('[data-testid="county-row"]').filter({ hasText: t }).first().innerText()).replace(/\s+/g, ' ');
  expect(await rowText('甲镇')).toContain('未计入合计：2022年度');

  await select.selectOption('2022');
  await page.getByTestId('county-summary').filter({ hasText: /2022年度共收到\d+个文件，2个乡镇计入汇总/ }).waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="county"]:not([aria-busy])').waitFor({ timeout: 120_000 });
  expect(await rowText('甲镇')).not.toContain('未计入合计');
  expect(await rowText('周营镇')).toContain('未计入合计：2023年度');
  const other = await page.locator('[data-testid="county-finding"][data-rule="county-other-year"]').allInnerTexts();
  expect(other.length).toBeGreaterThanOrEqual(4);
  expect(other.every((t) => t.includes('与本次汇总的2022年度不符，没有计入合计'))).toBe(true);

  // the county workbook downloaded now is 2022's: its title, its two townships and their sum
  const pending = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('county-workbook').click();
  const saved = path.join(tmp, '全县汇总-2022.xlsx');
  await (await pending).saveAs(saved);
  const book = await readXlsx(fs.readFileSync(saved), '全县汇总.xlsx');
  const summary = book.sheets.find((s) => s.name === '汇总表')!.rows.map((r) => r.map(text));
  expect(summary[0][0]).toContain('2022年度');
  const totalAt = summary.findIndex((r) => r[1] === '合计');
  expect(summary.slice(2, totalAt).map((r) => r[1])).toEqual(['甲镇', '乙镇']);
  const received = summary[1].findIndex((h) => h.startsWith('信访案件受理数'));
  expect(summary[totalAt][received]).toBe('32');
  // what the page lists is what it wrote
  const status = book.sheets.find((s) => s.name === '审核情况')!.rows.slice(2).map((r) => r.map(text));
  const shown = await page.locator('[data-testid="county-row"]').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
  expect(shown.map((r) => r[2])).toEqual(status.map((r) => r[2]));
});
