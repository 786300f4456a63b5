/**
 * Chromium, the built task pane over the fake office-js (issue 14): 汇总各乡镇 on a county workbook with one sheet
 * per township writes the county's sheets into the open workbook — live 合计 formulas, links from 审核情况 to the
 * rows, a note on every figure — again without duplicates, and 清除结果 takes them away, the townships' sheets as
 * they were. Screenshot at 320 px.
 */
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { ref } from '../../src/core/address';
import { consolidate, countyPlan, countyReport, countyWorkbook } from '../../src/core/county';
import type { Cell, Workbook } from '../../src/core/types';
import type { FakeCell } from '../excel/fake-excel';
import { SCREENSHOTS } from './support/browser';
import { fakeOfficeScript } from './support/office';
import type { E2EOfficeSpec } from './support/office-entry';
import { pageContext, servePage, session } from './support/page';

jest.setTimeout(120_000);

const site = servePage('taskpane.html');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

const township = (name: string, title: string, figures: [string, string, Cell][]) => ({
  name,
  rows: [[title], ['序号', '指标名称', '单位', '2023年'], ...figures.map(([label, unit, v], i) => [i + 1, label, unit, v])] as Cell[][],
});

// the real reports' wording: 受理/化解信访案件, 印发普法宣传材料 3000余份, 行政执法人员 and 持证
const BOOK: Workbook = {
  name: '全县指标.xlsx',
  sheets: [
    { name: '说明', rows: [['各乡镇2023年度法治政府建设指标'], ['报告年度', 2023]] },
    township('周营', '周营镇2023年度法治政府建设指标统计表', [['受理信访案件', '件', 9], ['化解信访案件', '件', 7], ['信访案件化解率', '%', '100%'], ['印发普法宣传材料', '份', '3000余']]),
    township('前营', '前营乡2023年度法治政府建设指标统计表', [['受理信访案件', '件', 20], ['化解信访案件', '件', 19], ['行政执法人员', '人', 6]]),
    township('柳河镇', '2023年度法治政府建设指标统计表', [['受理信访案件', '件', 15], ['化解信访案件', '件', 15], ['印发普法宣传材料', '份', 2000]]),
  ],
};

function probe<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([f, a]) => (window as unknown as { __fakeExcel: Record<string, (...x: unknown[]) => unknown> }).__fakeExcel[f as string](...(a as unknown[])),
    [fn, args] as const,
  ) as Promise<T>;
}

describe('汇总各乡镇 in the Excel task pane (dist/taskpane.html) over a fake office-js', () => {
  const step = session();
  let context: BrowserContext;
  let page: Page;
  // what the core writes for this workbook: the expectations, computed apart from the pane
  const offer = countyWorkbook(BOOK);
  if (!offer.ok) throw new Error(offer.reason);
  const county = consolidate(offer.inputs, { catalog: offer.catalog, unit: offer.unit });
  const summary = countyPlan(county, countyReport(county)).sheets.find((s) => s.name === '汇总表')!;
  const col = (header: string) => String.fromCharCode(65 + summary.rows[1].findIndex((c) => c.v === header));
  const totalRow = summary.rows.findIndex((r) => r[1]?.v === '合计') + 1;

  beforeAll(async () => {
    const spec: E2EOfficeSpec = { language: 'zh-CN', apiVersion: '1.18', book: { name: BOOK.name, sheets: BOOK.sheets.map((g) => ({ name: g.name, rows: g.rows as E2EOfficeSpec['book']['sheets'][number]['rows'] })) } };
    const script = await fakeOfficeScript();
    context = await pageContext(site, { width: 320, height: 900, timeout: 40_000 });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.split('?')[0] === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: 'window.__officeJsLoaded = true;' });
      return new URL(url).hostname === '127.0.0.1' ? route.continue() : route.abort();
    });
    await context.addInitScript({ content: `window.__E2E_OFFICE__ = ${JSON.stringify(spec)};\n${script}` });
    page = await context.newPage();
    await page.goto(`${site.server.url}taskpane.html`);
    await page.getByTestId('check-button').click();
    await page.getByTestId('summary').waitFor();
  }, 90_000);

  afterAll(async () => {
    await context?.close();
  });

  step('after the check the pane names the three townships and offers 汇总各乡镇', async () => {
    await expect(page.getByTestId('county-offer').innerText()).resolves.toContain('周营镇、前营乡、柳河镇3个乡镇');
    expect(await page.getByTestId('county-not-offered').count()).toBe(0);
    // each township checked on its own sheet: 周营镇's 100% over 7 of 9, and no township's figure taken for a
    // second figure of another (前营乡's 20件 is not a conflict with 周营镇's 9件)
    const lines = (await page.getByTestId('finding-line').allInnerTexts()).map((l) => l.replace(/\s+/g, ' '));
    expect(lines.filter((l) => !l.startsWith('○'))).toEqual([expect.stringMatching(/^● 错误 D5 ?周营镇 信访案件化解率 100% → 77\.8%/)]);
    expect(lines.join('\n')).not.toMatch(/≠/);
  });

  step('汇总各乡镇 writes 审核情况, 汇总表 (live formulas, notes) and 汇总报告文稿 into the workbook, linked to the rows', async () => {
    const townships = await Promise.all(['周营', '前营', '柳河镇'].map((n) => probe<Record<string, unknown>>(page, 'values', n)));
    await page.getByTestId('county-button').click();
    await expect(page.getByTestId('notice-message').innerText()).resolves.toContain('已汇总3个乡镇');
    expect(await probe<string[]>(page, 'sheetNames')).toEqual(['说明', '周营', '前营', '柳河镇', '审核情况', '汇总表', '汇总报告文稿', '审核明细']);
    const rec = col('信访案件受理数（件）');
    const cell = (sheet: string, a1: string) => probe<FakeCell | null>(page, 'cell', sheet, a1);
    expect((await cell('汇总表', `${rec}${totalRow}`))?.f).toBe(`=SUM(${rec}3:${rec}${totalRow - 1})`);
    expect((await cell('汇总表', `${col('信访案件化解率（%）')}${totalRow}`))?.f).toMatch(/^=IF\(SUMPRODUCT\(ISNUMBER\(/);
    const values = await probe<Record<string, unknown>>(page, 'values', '汇总表');
    expect([values[`B3`], values[`C3`], values[`${rec}3`]]).toEqual(['周营镇', '全县指标.xlsx‘周营’表', 9]);
    expect(await probe<string | null>(page, 'note', '汇总表', `${rec}3`)).toBe('来源：“全县指标.xlsx‘周营’表”‘周营’表 D3');
    expect(await probe<string | null>(page, 'note', '汇总表', `${col('发放法治宣传资料（份）')}3`)).toContain('原报“3000余”，是约数');
    // 审核情况: 周营镇 (its 100% over 7 of 9 is an error) first, a link to its row
    expect((await cell('审核情况', 'B3'))?.hyperlink?.documentReference).toBe(ref('汇总表', 'B3'));
    expect((await probe<Record<string, unknown>>(page, 'values', '审核情况')).B3).toBe('周营镇');
    const report = Object.values(await probe<Record<string, unknown>>(page, 'values', '汇总报告文稿')).join('\n');
    expect(report).toContain('共受理信访案件44件，化解41件');
    // the townships' own sheets are exactly as they were
    expect(await Promise.all(['周营', '前营', '柳河镇'].map((n) => probe<Record<string, unknown>>(page, 'values', n)))).toEqual(townships);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pane-county-320.png'), fullPage: true });
  });

  step('a second 汇总各乡镇 replaces the county sheets: no duplicate sheet', async () => {
    await page.getByTestId('county-button').click();
    await expect(page.getByTestId('notice-message').innerText()).resolves.toContain('已汇总3个乡镇');
    const names = await probe<string[]>(page, 'sheetNames');
    expect(names).toEqual(['说明', '周营', '前营', '柳河镇', '审核情况', '汇总表', '汇总报告文稿', '审核明细']);
  });

  step('清除结果 removes them and leaves the townships’ sheets', async () => {
    await page.getByTestId('clear-results-button').click();
    await page.getByTestId('notice-message').waitFor();
    expect(await probe<string[]>(page, 'sheetNames')).toEqual(['说明', '周营', '前营', '柳河镇']);
  });
});
