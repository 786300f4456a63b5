/**
 * 县级指标定义 in the built page (dist/), in Chromium (issue 12): the county's definitions workbook loaded once with
 * its file picker, shown as active, used by the check (in the page's Web Worker), remembered across a reload, and
 * removed. Expectations come from the core run on the same files (readDefinitionsFile + check), never from the page.
 *
 * Run: `npx webpack --mode production && npx jest test/e2e/definitions.test.ts`. Needs /usr/bin/chromium.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { check } from '../../src/core/check';
import type { CountyDefinitions } from '../../src/core/definitions/types';
import type { CheckResult } from '../../src/core/types';
import { readXlsx } from '../../src/file';
import { readDefinitionsFile } from '../../src/file/definitions';
import { SAMPLES } from './support/browser';
import { checkAndSettle, checkPanel, pageContext, servePage, shownCounts, summaryCounts } from './support/page';

jest.setTimeout(90_000);

const SAMPLE = '周营镇-2023-指标.xlsx';
const site = servePage('index.html');
let page: Page;
let tmp: string;
let defsFile: string;

/** The county's definitions: fewer officers allowed than 周营镇 has (12), and 法律顾问覆盖率 at least 95 %. */
async function definitionsWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('指标定义').addRows([
    ['指标名称', '单位', '类型', '是否必填', '下限', '上限'],
    ['行政执法人员', '人', '数量', '是', null, 10],
    ['法律顾问覆盖率', '%', '比率', null, '95%', null],
  ]);
  await wb.xlsx.writeFile(file);
}

async function openAndCheck(): Promise<Locator> {
  await page.getByTestId('file-input').setInputFiles(path.join(SAMPLES, SAMPLE));
  const p = checkPanel(page, SAMPLE);
  await checkAndSettle(page, p);
  await p.getByTestId('summary').or(page.getByTestId('error-message')).first().waitFor({ timeout: 40_000 });
  if (await page.getByTestId('error-message').count()) throw new Error(await page.getByTestId('error-message').innerText());
  await expectIdle(p);
  return p;
}

async function expectIdle(p: Locator): Promise<void> {
  await p.locator('[data-testid="pane"][aria-busy="false"]').waitFor({ timeout: 40_000 });
}

let plain: CheckResult;
let withDefs: CheckResult;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'id-e2e-defs-'));
  defsFile = path.join(tmp, '沈丘县指标定义.xlsx');
  await definitionsWorkbook(defsFile);
  const book = await readXlsx(fs.readFileSync(path.join(SAMPLES, SAMPLE)), SAMPLE);
  const defs: CountyDefinitions = await readDefinitionsFile(fs.readFileSync(defsFile), path.basename(defsFile));
  plain = check(book);
  withDefs = check(book, { definitions: defs });
  page = await (await pageContext(site, { timeout: 15_000 })).newPage();
  await page.goto(`${site.server.url}index.html`);
}, 90_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the core finds more with the definitions than without (the test can tell them apart)', () => {
  expect(withDefs.counts.error).toBeGreaterThan(plain.counts.error);
});

test('load once, shown as active, every check uses them; remembered after a reload; removed', async () => {
  let p = await openAndCheck();
  expect(await summaryCounts(p)).toEqual(shownCounts(plain.counts));
  await p.getByTestId('definitions-input').setInputFiles(defsFile);
  await p.getByTestId('definitions-status').filter({ hasText: '正在使用' }).waitFor({ timeout: 40_000 });
  await expectIdle(p);
  expect((await p.getByTestId('definitions-status').innerText()).trim()).toMatch(
    /^正在使用“沈丘县指标定义\.xlsx”：2个指标，0条规则，\d{4}-\d\d-\d\d \d\d:\d\d载入。$/,
  );
  expect(await summaryCounts(p)).toEqual(shownCounts(withDefs.counts));
  expect(await p.locator('[data-testid="finding"][data-rule="out-of-range"]').count()).toBe(withDefs.findings.filter((f) => f.rule === 'out-of-range').length);

  // a new session of the page: the definitions are still in use
  await page.reload();
  p = await openAndCheck();
  expect((await p.getByTestId('definitions-status').innerText()).trim()).toContain('正在使用“沈丘县指标定义.xlsx”');
  expect(await summaryCounts(p)).toEqual(shownCounts(withDefs.counts));

  await p.getByTestId('definitions-remove').click();
  await p.getByTestId('definitions-status').filter({ hasText: '未载入' }).waitFor({ timeout: 40_000 });
  await expectIdle(p);
  expect(await summaryCounts(p)).toEqual(shownCounts(plain.counts));
  expect(await page.evaluate(() => localStorage.getItem('indicator-desk.county-definitions.v1'))).toBeNull();
});

test('the county loads them on the first screen, before any workbook: the next workbook opened is checked with them (320 and 1280 px)', async () => {
  const shots = path.join(__dirname, '..', '..', 'test-results', 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  for (const width of [320, 1280]) {
    const ctx = await pageContext(site, { width, height: width === 320 ? 568 : 800, timeout: 15_000 });
    const first = await ctx.newPage();
    await first.goto(`${site.server.url}index.html`);
    // nothing open: the panel is on the first screen, folded to its one line
    await first.getByTestId('definitions-status').filter({ hasText: '未载入' }).waitFor();
    await first.getByTestId('definitions-input').setInputFiles(defsFile);
    await first.getByTestId('definitions-status').filter({ hasText: '正在使用“沈丘县指标定义.xlsx”' }).waitFor({ timeout: 40_000 });
    await expect(first.getByTestId('page-definitions-message').innerText()).resolves.toContain('已载入县级指标定义“沈丘县指标定义.xlsx”');
    await expect(first.getByTestId('template-source').innerText()).resolves.toContain('沈丘县指标定义.xlsx');
    expect(await first.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await first.screenshot({ path: path.join(shots, `definitions-first-screen-${width}.png`) });
    page = first;
    const p = await openAndCheck();
    expect(await summaryCounts(p)).toEqual(shownCounts(withDefs.counts));
    // one panel now, the file's own
    expect(await first.getByTestId('definitions-status').count()).toBe(1);
    await first.evaluate(() => localStorage.clear());
    await ctx.close();
  }
});
