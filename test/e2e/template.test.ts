/**
 * The blank template in the built pane and page (issue 12), in Chromium: the county's definitions are loaded once,
 * then 插入空白模板 adds the template of those definitions to the workbook open in "Excel" (the fake office-js) —
 * in two syncs, with data validation, locked labels and protected sheets — and refuses a second time without
 * touching anything; the page's 下载空白模板 downloads the same template as an .xlsx, which our reader opens. What
 * is expected comes from the core (readDefinitionsFile, blankTemplateFor, templateClash), never from the UI.
 *
 * Run: `npx webpack --mode production && npx jest test/e2e/template.test.ts`. Needs /usr/bin/chromium.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import type { CountyDefinitions } from '../../src/core/definitions/types';
import { templateClash } from '../../src/core/plan/insert';
import { blankTemplateFor, TEMPLATE_IDENTITY_SHEET, TEMPLATE_RULE_SHEET } from '../../src/core/plan/template';
import type { WritePlan } from '../../src/core/types';
import { readXlsx } from '../../src/file';
import { readDefinitionsFile } from '../../src/file/definitions';
import { SAMPLES } from './support/browser';
import type { FakeExcelProbe } from './support/office-entry';
import { openFakePane, probe } from './support/office';
import { checkPanel, pageContext, servePage } from './support/page';
import { zipEntries } from './support/unzip';

jest.setTimeout(90_000);

const SAMPLE = '周营镇-2023-指标.xlsx';
const DEFS = '沈丘县指标定义.xlsx';
const site = servePage('index.html', 'taskpane.html');
let tmp: string;
let defsFile: string;
let defs: CountyDefinitions;
let plan: WritePlan;

/**
 * The county's definitions, in the wording of the real reports: an indicator of its own (法治副校长, required), one
 * with facets the lexicon knows (回访信访案件: 对象 信访案件, 环节 回访), a built-in one re-bounded, and two rules.
 */
async function definitionsWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('指标定义').addRows([
    ['指标名称', '别名', '章节', '单位', '类型', '是否必填', '下限', '上限', '对象', '环节'],
    ['法治副校长', '法制副校长', '法治宣传教育', '人', '数量', '是', null, null, null, null],
    ['回访信访案件', '信访回访数', '矛盾纠纷化解与社会治理', '件', '数量', null, null, null, '信访案件', '回访'],
    ['行政执法人员', null, null, '人', '数量', null, null, 60, null, null],
  ]);
  wb.addWorksheet('审核规则').addRows([
    ['规则', '级别', '说明'],
    ['[法治副校长] <= [行政村（社区）数]', '核实', '法治副校长人数不应多于行政村（社区）数'],
    ['[回访信访案件] <= [信访案件受理数]', '错误', '回访的信访案件不能多于受理的信访案件'],
  ]);
  await wb.xlsx.writeFile(file);
}

/** Sheet and cell of each indicator's figure in the plan (its name in column B, the figure in D). */
function figureCells(p: WritePlan): Map<string, { sheet: string; cell: string }> {
  const out = new Map<string, { sheet: string; cell: string }>();
  for (const sp of p.sheets) sp.rows.forEach((row, r) => typeof row[1]?.v === 'string' && r > 1 && out.set(row[1].v, { sheet: sp.name, cell: `D${r + 1}` }));
  return out;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'id-e2e-tmpl-'));
  defsFile = path.join(tmp, DEFS);
  await definitionsWorkbook(defsFile);
  defs = await readDefinitionsFile(fs.readFileSync(defsFile), DEFS);
  plan = blankTemplateFor(defs);
}, 90_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the definitions are read without a problem, and the template of them differs from the built-in one', () => {
  expect(defs.problems ?? []).toEqual([]);
  expect(defs.indicators.map((r) => r.name)).toEqual(['法治副校长', '回访信访案件', '行政执法人员']);
  const cells = figureCells(plan);
  expect(cells.has('法治副校长')).toBe(true);
  expect(cells.has('回访信访案件')).toBe(true);
  expect(figureCells(blankTemplateFor(null)).has('法治副校长')).toBe(false);
});

describe('the pane over a fake Excel: 插入空白模板 with the county’s definitions', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await openFakePane(site.browser, site.server.url, { book: { name: '新建工作簿.xlsx', sheets: [{ name: 'Sheet1', rows: [] }] } }));
  }, 60_000);
  afterAll(async () => {
    await context?.close();
  });

  test('load the definitions, insert the template: its sheets, the county’s rows, validation, locks and protection, in two syncs', async () => {
    await page.getByTestId('definitions-input').setInputFiles(defsFile);
    await page.getByTestId('definitions-status').filter({ hasText: `正在使用“${DEFS}”` }).waitFor({ timeout: 40_000 });
    await page.locator('[data-testid="pane"][aria-busy="false"]').waitFor();
    await probe(page, 'resetCounters');
    await page.getByTestId('insert-template').click();
    await page.getByTestId('notice-message').or(page.getByTestId('error-message')).first().waitFor({ timeout: 40_000 });
    if (await page.getByTestId('error-message').count()) throw new Error(await page.getByTestId('error-message').innerText());
    expect(await page.getByTestId('notice-message').innerText()).toContain(`已插入空白模板（按县级指标定义“${DEFS}”）`);
    expect(await probe<number>(page, 'syncCount')).toBe(2);
    expect(await probe<string[]>(page, 'sheetNames')).toEqual(['Sheet1', ...plan.sheets.map((s) => s.name)]);

    // the county's own indicator and its facet-defined one, each with its unit and a whole-number validation
    const cells = figureCells(plan);
    for (const name of ['法治副校长', '回访信访案件']) {
      const at = cells.get(name)!;
      const row = at.cell.slice(1);
      const values = await probe<Record<string, unknown>>(page, 'values', at.sheet);
      expect(values[`B${row}`]).toBe(name);
      const cell = await probe<ReturnType<FakeExcelProbe['cell']>>(page, 'cell', at.sheet, at.cell);
      expect(cell?.locked).toBe(false);
      expect(cell?.validation?.rule).toEqual({ wholeNumber: { operator: 'GreaterThanOrEqualTo', formula1: 0 } });
      expect(cell?.validation?.prompt?.message).toContain(`请填写“${name}”`);
      expect(cell?.validation?.errorAlert).toMatchObject({ showAlert: true, style: 'Warning' });
      expect((await probe<ReturnType<FakeExcelProbe['cell']>>(page, 'cell', at.sheet, `B${row}`))?.locked).toBeUndefined();
    }
    // the built-in one the county bounded: at most 60
    const officers = cells.get('行政执法人员')!;
    expect((await probe<ReturnType<FakeExcelProbe['cell']>>(page, 'cell', officers.sheet, officers.cell))?.validation?.rule).toEqual({
      wholeNumber: { operator: 'Between', formula1: 0, formula2: 60 },
    });
    for (const sp of plan.sheets) {
      expect(await probe(page, 'protection', sp.name)).toEqual({ protected: Boolean(sp.protect), password: false });
    }
    expect(Object.values(await probe<Record<string, unknown>>(page, 'values', TEMPLATE_RULE_SHEET))).toContain('规则');
  });

  test('inserting again is refused in plain words and changes nothing', async () => {
    await probe(page, 'resetCounters');
    const before = await Promise.all(plan.sheets.map((sp) => probe<Record<string, unknown>>(page, 'values', sp.name)));
    await page.getByTestId('insert-template').click();
    await page.getByTestId('error-message').waitFor({ timeout: 40_000 });
    const names = ['Sheet1', ...plan.sheets.map((s) => s.name)];
    expect(await page.getByTestId('error-message').innerText()).toContain(templateClash(plan, names, '新建工作簿.xlsx')!);
    expect(await probe<number>(page, 'writes')).toBe(0);
    expect(await probe<string[]>(page, 'sheetNames')).toEqual(names);
    expect(await Promise.all(plan.sheets.map((sp) => probe<Record<string, unknown>>(page, 'values', sp.name)))).toEqual(before);
  });
});

describe('the page: 下载空白模板 follows the definitions loaded in an open file', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await pageContext(site, { timeout: 15_000 });
    page = await context.newPage();
    await page.goto(`${site.server.url}index.html`);
  }, 60_000);
  afterAll(async () => {
    await context?.close();
  });

  test('with the county’s definitions loaded, the downloaded template holds its indicator rows, their validation and the 审核规则 sheet', async () => {
    expect(await page.getByTestId('download-template').getAttribute('title')).toContain('按内置指标目录');
    expect(await page.getByTestId('template-source').isVisible()).toBe(false);
    await page.getByTestId('file-input').setInputFiles(path.join(SAMPLES, SAMPLE));
    const p = checkPanel(page, SAMPLE);
    // the file is checked as it opens; the definitions are loaded once that is done (the panel is busy until then)
    await p.getByTestId('summary').waitFor({ timeout: 40_000 });
    await p.locator('[data-testid="pane"][aria-busy="false"]').waitFor({ timeout: 40_000 });
    await p.getByTestId('definitions-input').setInputFiles(defsFile);
    await p.getByTestId('definitions-status').filter({ hasText: `正在使用“${DEFS}”` }).waitFor({ timeout: 40_000 });
    await page.getByTestId('template-source').filter({ hasText: `按县级指标定义“${DEFS}”` }).waitFor();
    expect(await page.getByTestId('download-template').getAttribute('title')).toContain(`按县级指标定义“${DEFS}”`);

    const pending = page.waitForEvent('download', { timeout: 40_000 });
    await page.getByTestId('download-template').click();
    const download = await pending;
    expect(download.suggestedFilename()).toBe('空白模板-沈丘县指标定义.xlsx');
    const file = path.join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);

    // our reader: the sheets of the core plan, the county's rows with their units, the rules
    const book = await readXlsx(bytes, download.suggestedFilename());
    expect(book.sheets.map((g) => g.name)).toEqual(plan.sheets.map((s) => s.name));
    const cells = figureCells(plan);
    for (const [name, unit] of [['法治副校长', '人'], ['回访信访案件', '件']]) {
      const at = cells.get(name)!;
      const g = book.sheets.find((x) => x.name === at.sheet)!;
      const row = g.rows.find((r) => r[1] === name);
      expect(row?.slice(1, 3)).toEqual([name, unit]);
      expect(row?.[3] ?? null).toBeNull(); // blank for the township, never a 0
    }
    const rules = book.sheets.find((g) => g.name === TEMPLATE_RULE_SHEET)!;
    expect(rules.rows[0]).toEqual(['规则', '级别', '说明']);
    expect(rules.rows.slice(1).map((r) => r[0])).toEqual(plan.sheets.find((s) => s.name === TEMPLATE_RULE_SHEET)!.rows.slice(1).map((r) => r[0].v));
    expect(book.sheets.find((g) => g.name === TEMPLATE_IDENTITY_SHEET)!.rows.map((r) => r[0]).slice(2, 6)).toEqual(['单位名称', '报告年度', '报送对象', '落款日期']);

    // the validation of the county's own indicator, as Excel will show it
    const own = cells.get('法治副校长')!;
    const index = plan.sheets.findIndex((s) => s.name === own.sheet);
    const xml = zipEntries(bytes).get(`xl/worksheets/sheet${index + 1}.xml`)!.toString('utf8');
    const dv = new RegExp(`<dataValidation [^>]*sqref="${own.cell}"[^>]*>`).exec(xml)?.[0] ?? '';
    expect(dv).toMatch(/type="whole"/);
    expect(dv).toMatch(/prompt="请填写“法治副校长”，单位：人：不小于0的整数。"/);
    expect(xml).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(await page.getByTestId('template-downloaded').innerText()).toContain('空白模板-沈丘县指标定义.xlsx');
  });
});
