/**
 * The built page (dist/) in a real browser — Debian's Chromium driven by playwright-core — doing what a township
 * clerk does: open the bundled sample, check it, follow a finding to its cell, explain a coverage claim, download
 * the result workbook and the Word report; open their own files, including one that is not a workbook; and the
 * Excel task pane over a fake office-js. Expectations come from the real core run on the same file (readXlsx +
 * check) and from the planted findings of assets/samples/README.md, never from the page itself.
 *
 * One browser for the whole file (the machine has 2 cores); the tests of a describe block share one page and run
 * in order, like a user's session (a failed step makes the later ones fail at once, naming it). Screenshots land in
 * test-results/screenshots/ (git-ignored).
 *
 * Run: `npx webpack --mode production && npx jest test/e2e` (npm test builds first). Needs /usr/bin/chromium (or
 * CHROMIUM_PATH); no network: office.js is answered locally, anything else outside 127.0.0.1 is refused.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import ExcelJS from 'exceljs';
import * as path from 'path';
import type { BrowserContext, Locator, Page, Request } from 'playwright-core';
import { check } from '../../src/core/check';
import { RESULT_SHEETS } from '../../src/core/catalog';
import type { CheckResult, Finding, Grid, Workbook } from '../../src/core/types';
import { readWorkbook, readXlsx } from '../../src/file';
import { DIST, SAMPLES, SCREENSHOTS, downloadFrom } from './support/browser';
import { openFakePane, probe, type PaneSession } from './support/office';
import { toSpec } from './support/pane';
import { checkAndSettle, checkPanel, pageContext, servePage, session, shownCounts, summaryCounts } from './support/page';
import { zipEntries } from './support/unzip';
import { runAxe, seriousOnly } from './support/axe';

jest.setTimeout(60_000);

const SAMPLE_NAME = '周营镇-2023-指标.xlsx';

const site = servePage('index.html', 'taskpane.html');

// ───────────────────────────── helpers ─────────────────────────────

async function coreCheck(file: string): Promise<{ book: Workbook; result: CheckResult }> {
  const book = await readXlsx(fs.readFileSync(path.join(SAMPLES, file)), file);
  return { book, result: check(book) };
}

/** Fails with the page's own words when something it shows says the step went wrong. */
async function failIfShown(page: Page, testid: string, what: string): Promise<void> {
  const bar = page.locator(`[data-testid="${testid}"]:visible`);
  if (await bar.count()) throw new Error(`${what}: the page shows “${(await bar.first().innerText()).replace(/\s+/g, ' ')}”`);
}

/** Waits for one of `ok` or `bad` to appear; throws with the text of `bad`. */
async function waitForEither(page: Page, ok: Locator, badTestid: string, what: string, timeout = 40_000): Promise<void> {
  const bad = page.locator(`[data-testid="${badTestid}"]:visible`);
  await ok.or(bad).first().waitFor({ state: 'visible', timeout });
  await failIfShown(page, badTestid, what);
}

/** Clicks 检查工作簿 in a file's panel, waits for that check to end, and for its summary (or the pane's error). */
async function runCheck(page: Page, name: string): Promise<Locator> {
  const p = checkPanel(page, name);
  await checkAndSettle(page, p);
  await waitForEither(page, p.getByTestId('summary'), 'error-message', `checking ${name}`);
  return p;
}

function findingButton(scope: Locator, f: Pick<Finding, 'rule' | 'sheet' | 'cell'>): Locator {
  return scope.locator(`[data-testid="finding"][data-rule="${f.rule}"][data-sheet="${f.sheet}"][data-cell="${f.cell}"]`);
}

function newContext(width = 1280, height = 800): Promise<BrowserContext> {
  return pageContext(site, { width, height, timeout: 15_000 });
}

/** A fresh page in `context` with the bundled sample opened and checked; returns the page and the file's panel. */
async function checkedSample(context: BrowserContext): Promise<{ page: Page; p: Locator }> {
  const page = await context.newPage();
  await page.goto(`${site.server.url}index.html`);
  await page.getByTestId('open-sample').click();
  await waitForEither(page, page.getByTestId('preview-grid'), 'open-error', 'opening the sample');
  return { page, p: await runCheck(page, SAMPLE_NAME) };
}

/** Everything the page asked the network for, except what stays inside the browser (blob:, data:). */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r: Request) => urls.push(r.url()));
  return urls;
}

function outside127(urls: string[]): string[] {
  return urls.filter((u) => {
    const url = new URL(u);
    if (url.protocol === 'blob:' || url.protocol === 'data:' || url.protocol === 'about:') return false;
    return url.hostname !== '127.0.0.1';
  });
}

/** Text a user would see in a Word document: the runs of word/document.xml without the markup. */
function docxText(docx: Buffer): string {
  const xml = zipEntries(docx).get('word/document.xml');
  if (!xml) throw new Error('the .docx has no word/document.xml');
  return xml
    .toString('utf8')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Width of the document beyond the viewport (a horizontal scroll bar on a narrow pane). */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

// ───────────────────────────── 1, 4, 5, 6: the sample on the standalone page ─────────────────────────────

describe('standalone page: the bundled sample, from opening to the downloads', () => {
  const step = session();
  let context: BrowserContext;
  let page: Page;
  let requests: string[];
  let expected: { book: Workbook; result: CheckResult };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    expected = await coreCheck(SAMPLE_NAME);
    context = await newContext();
    requests = recordRequests(context);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${site.server.url}index.html`);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  step('opens 打开示例工作簿 and shows its sheets in the preview', async () => {
    await page.getByRole('button', { name: '打开示例工作簿' }).click();
    const grid = page.getByTestId('preview-grid');
    const bundled = path.join(DIST, 'samples', SAMPLE_NAME);
    await waitForEither(
      page,
      grid,
      'open-error',
      `opening the bundled sample${fs.existsSync(bundled) ? '' : ` (dist/samples/${SAMPLE_NAME} does not exist: the build must copy assets/samples/ to dist/samples/)`}`,
    );
    const tabs = await page.getByTestId('sheet-tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-sheet')));
    expect(tabs).toEqual(expected.book.sheets.map((g) => g.name));
    await expect(page.getByTestId('file-item').first().innerText()).resolves.toContain(SAMPLE_NAME);
  });

  step('the check shows the counts per severity that the core computes for the file, and the planted findings', async () => {
    const p = await runCheck(page, SAMPLE_NAME);
    const core = expected.result.counts;
    expect(await summaryCounts(p)).toEqual(shownCounts(core));

    // every finding of the core is listed at its sheet and cell, one line naming the cell; selected, it opens
    // the core's full sentence
    for (const f of expected.result.findings) {
      const b = findingButton(p, f);
      expect(await b.count()).toBe(1);
      expect(await b.isVisible()).toBe(true);
      if (f.cell) expect(await b.innerText()).toContain(f.cell);
      await b.click();
      const detail = p.locator(`[data-finding-id="${f.id}"] [data-testid="finding-message"]`);
      expect((await detail.innerText()).replace(/\s+/g, '')).toContain(f.message.replace(/\s+/g, ''));
    }
    expect(await p.getByTestId('finding').count()).toBe(expected.result.findings.length);

    // Z1 of the samples README: 信访案件化解率 reported 100%, 7 of 9 give 77.8% — an error at 矛盾纠纷化解!D6
    const z1 = findingButton(p, { rule: 'rate-mismatch', sheet: '矛盾纠纷化解', cell: 'D6' });
    expect(await z1.getAttribute('data-severity')).toBe('error');
    const z1text = await z1.innerText();
    expect(z1text).toContain('信访案件化解率');
    expect(z1text).toContain('77.8%');
    expect(z1text).toContain('D6');
    expect(await p.getByTestId('group-error').locator('[data-testid="finding"][data-rule="rate-mismatch"]').count()).toBe(1);
    // Z2: 法律顾问 全覆盖 over 18 of 20 villages — to verify at 公共法律服务!D6
    expect(await findingButton(p, { rule: 'coverage-claim', sheet: '公共法律服务', cell: 'D6' }).getAttribute('data-severity')).toBe('verify');
    // the report preview is there, in Chinese, naming the township
    await expect(p.getByTestId('report-preview').innerText()).resolves.toContain(expected.result.unit ?? '周营镇');
    const shown = await p.innerText();
    expect(shown).not.toMatch(/undefined|NaN|\bnull\b/);
  });

  step('selecting a finding switches the preview to its sheet and highlights its cell', async () => {
    const p = checkPanel(page, SAMPLE_NAME);
    // start from another sheet, so the switch is visible
    await page.locator('[data-testid="sheet-tab"][data-sheet="基本情况"]').click();
    await page.locator('[data-testid="preview-grid"][data-sheet="基本情况"]').waitFor();

    await findingButton(p, { rule: 'rate-mismatch', sheet: '矛盾纠纷化解', cell: 'D6' }).click();
    const grid = page.locator('[data-testid="preview-grid"][data-sheet="矛盾纠纷化解"]');
    await grid.waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="sheet-tab"][data-sheet="矛盾纠纷化解"]').getAttribute('aria-selected')).toBe('true');
    const selected = page.locator('[data-testid="preview-grid"] td[aria-selected="true"]');
    expect(await selected.count()).toBe(1);
    expect(await selected.getAttribute('data-cell')).toBe('D6');
    expect(await selected.evaluate((td) => td.closest('table')?.getAttribute('data-sheet'))).toBe('矛盾纠纷化解');
    // the cell shows what the township typed (100% for the number 1 formatted 0%), and it is on screen
    expect((await selected.innerText()).trim()).toBe('100%');
    const visible = await selected.evaluate((td) => {
      const cell = td.getBoundingClientRect();
      const box = (td.closest('[role="region"]') as HTMLElement).getBoundingClientRect();
      return cell.top >= box.top - 1 && cell.bottom <= box.bottom + 1 && cell.left >= box.left - 1 && cell.right <= box.right + 1;
    });
    expect(visible).toBe(true);
    // the highlight is visible, not only an attribute: its background differs from an ordinary cell's
    const bg = await selected.evaluate((td) => getComputedStyle(td).backgroundColor);
    const other = await grid.locator('td[data-cell="D5"]').evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(bg).not.toBe(other);
  });

  step('with the keyboard alone: Enter or Space on a focused finding selects its cell', async () => {
    const p = checkPanel(page, SAMPLE_NAME);
    const z3 = findingButton(p, { rule: 'part-exceeds-whole', sheet: '行政执法', cell: 'D5' });
    await z3.focus();
    await page.keyboard.press('Enter');
    const selected = page.locator('[data-testid="preview-grid"][data-sheet="行政执法"] td[aria-selected="true"]');
    await selected.waitFor({ timeout: 10_000 });
    expect(await selected.getAttribute('data-cell')).toBe('D5');
    expect(await z3.getAttribute('aria-current')).toBe('true');
    // focus stays on the finding (the list is not lost when the preview moves)
    expect(await z3.evaluate((el) => el === document.activeElement)).toBe(true);
    // Space does the same
    const z1 = findingButton(p, { rule: 'coverage-claim', sheet: '公共法律服务', cell: 'D6' });
    await z1.focus();
    await page.keyboard.press('Space');
    const moved = page.locator('[data-testid="preview-grid"][data-sheet="公共法律服务"] td[aria-selected="true"]');
    await moved.waitFor({ timeout: 10_000 });
    expect(await moved.getAttribute('data-cell')).toBe('D6');
    expect(await z1.getAttribute('aria-current')).toBe('true');
  });

  step('an explanation for a verify finding counts it as 已说明 and the verify count drops', async () => {
    const p = checkPanel(page, SAMPLE_NAME);
    const before = await summaryCounts(p);
    const z2 = findingButton(p, { rule: 'coverage-claim', sheet: '公共法律服务', cell: 'D6' });
    const item = z2.locator('xpath=ancestor::li[1]');
    await item.getByTestId('explain-button').click();
    await item.getByTestId('explanation-text').fill('另有2个村由县法律援助中心律师兼任顾问，已核对聘用协议。');
    await item.getByTestId('explanation-save').click();
    await waitForEither(page, p.getByTestId('group-explained'), 'error-message', 'saving the explanation');
    const after = await summaryCounts(p);
    expect(after).toEqual({ ...before, verify: before.verify - 1, explained: before.explained + 1 });
    const explained = p.getByTestId('group-explained').getByTestId('finding');
    expect(await explained.count()).toBe(1);
    expect(await explained.getAttribute('data-sheet')).toBe('公共法律服务');
    expect(await explained.getAttribute('data-cell')).toBe('D6');
    await expect(p.getByTestId('group-explained').innerText()).resolves.toContain('另有2个村由县法律援助中心律师兼任顾问');
  });

  step('downloads the result workbook: every original sheet with identical values, plus the result sheets and 审核说明', async () => {
    const p = checkPanel(page, SAMPLE_NAME);
    const download = await downloadFrom(page, p, 'download-workbook');
    expect(download.suggestedFilename()).toBe('周营镇-2023-指标-审核.xlsx');
    const file = await download.path();
    expect(file).toBeTruthy();
    await failIfShown(page, 'error-message', 'downloading the workbook');
    const out = await readXlsx(fs.readFileSync(file!), download.suggestedFilename());
    const names = out.sheets.map((g) => g.name);
    for (const g of expected.book.sheets) {
      const back = out.sheets.find((s) => s.name === g.name);
      expect(back).toBeDefined();
      expect({ sheet: g.name, rows: back!.rows }).toEqual({ sheet: g.name, rows: g.rows });
    }
    for (const s of [RESULT_SHEETS.findings, RESULT_SHEETS.rates, RESULT_SHEETS.report, RESULT_SHEETS.explanations]) {
      expect(names).toContain(s);
      expect(names.filter((n) => n === s)).toHaveLength(1);
    }
    const text = (name: string) => JSON.stringify(out.sheets.find((g) => g.name === name)!.rows);
    expect(text(RESULT_SHEETS.explanations)).toContain('另有2个村由县法律援助中心律师兼任顾问');
    expect(text(RESULT_SHEETS.findings)).toContain('信访案件化解率');
    // and the downloaded workbook, read again by the core, keeps the explanation
    const again = check(out);
    expect(again.counts.explained).toBe(1);
    expect(again.counts.error).toBe(expected.result.counts.error);
  });

  step('downloads the Word report: a .docx naming the township with a recomputed rate', async () => {
    const p = checkPanel(page, SAMPLE_NAME);
    const download = await downloadFrom(page, p, 'download-docx');
    expect(download.suggestedFilename()).toBe('周营镇-2023-指标-报告.docx');
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const text = docxText(bytes);
    expect(text).toContain(expected.result.unit!);
    // the recomputed 信访案件化解率 (7 of 9), not the 100% the township typed
    const rate = expected.result.rates.find((r) => r.indicator === 'petition_resolution_rate' && r.entity === null);
    expect(rate?.display).toBe('77.8%'); // README, key computed rates
    expect(text).toContain(`化解率${rate!.display}`);
    expect(text).not.toContain('化解率100%');
  });

  step('downloading again replaces the result sheets (never twice); 标记到单元格 colours the finding cells in the download, 清除标记 takes it back', async () => {
    const p = checkPanel(page, SAMPLE_NAME);
    const fillOf = async (bytes: Buffer, sheet: string, cell: string): Promise<string> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const f = wb.getWorksheet(sheet)?.getCell(cell).fill as { type?: string; fgColor?: { argb?: string } } | undefined;
      return f && f.type === 'pattern' ? (f.fgColor?.argb ?? '') : '';
    };
    const download = async () => {
      const d = await downloadFrom(page, p, 'download-workbook');
      return fs.readFileSync((await d.path())!);
    };
    const original = fs.readFileSync(path.join(SAMPLES, SAMPLE_NAME));
    const plain = await fillOf(original, '矛盾纠纷化解', 'D6');

    await p.getByRole('button', { name: '标记到单元格' }).click();
    await waitForEither(page, p.getByTestId('notice-message'), 'error-message', 'marking the cells');
    const marked = await download();
    const book = await readXlsx(marked, 'marked.xlsx');
    const names = book.sheets.map((g) => g.name);
    for (const s of [RESULT_SHEETS.findings, RESULT_SHEETS.rates, RESULT_SHEETS.report, RESULT_SHEETS.explanations]) {
      expect(names.filter((n) => n === s)).toHaveLength(1);
    }
    expect(await fillOf(marked, '矛盾纠纷化解', 'D6')).not.toBe(plain);
    // the record of the original fills is there but not among the township's tabs
    expect(['hidden', 'veryHidden']).toContain(book.sheets.find((g) => g.name === RESULT_SHEETS.marks)?.visibility);
    for (const g of expected.book.sheets) expect(book.sheets.find((s) => s.name === g.name)!.rows).toEqual(g.rows);

    await p.getByRole('button', { name: '清除标记' }).click();
    await waitForEither(page, p.getByTestId('notice-message'), 'error-message', 'clearing the marks');
    const cleared = await download();
    expect(await fillOf(cleared, '矛盾纠纷化解', 'D6')).toBe(plain);
  });

  // not a gate: what was recorded so far is checked even when an earlier step failed, and a failure here does not
  // stop the screenshots and axe
  test('no request leaves 127.0.0.1 (load, sample, check, explanation, downloads)', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.some((u) => u.includes('samples/'))).toBe(true);
    expect(outside127(requests)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  step('screenshots after the check at 1280×800 and 320×700 (readable, no horizontal scrolling)', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-1280x800.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-1280x800-full.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 700 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-320x700.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-320x700-full.png'), fullPage: true });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // the summary and the first finding fit inside 320 px
    const p = checkPanel(page, SAMPLE_NAME);
    for (const el of [p.getByTestId('summary'), p.getByTestId('finding').first(), p.getByTestId('check-button')]) {
      const box = (await el.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  step('axe: no serious or critical accessibility violations after the check', async () => {
    const violations = await runAxe(page);
    const report = seriousOnly(violations);
    if (report) console.log(`axe (standalone page):\n${report}`);
    expect(report).toBe('');
  });
});

// ───────────────────────────── 2: the upload path ─────────────────────────────

describe('standalone page: the user opens their own files', () => {
  const step = session();
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext();
    page = await context.newPage();
    await page.goto(`${site.server.url}index.html`);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  const A = '大钟庄镇-2021-比率.xlsx';
  const B = '前营乡-2023-逐年.xlsx';

  step('two workbooks picked at once: both listed, each checked on its own, switching keeps each result', async () => {
    const [ea, eb] = [await coreCheck(A), await coreCheck(B)];
    await page.getByTestId('file-input').setInputFiles([path.join(SAMPLES, A), path.join(SAMPLES, B)]);
    await page.locator(`[data-testid="file-item"][data-name="${B}"]`).waitFor({ timeout: 40_000 });
    await failIfShown(page, 'open-error', 'opening two sample workbooks');
    const listed = await page.getByTestId('file-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(listed).toEqual([A, B]);
    // the last one opened is the current one
    expect(await page.locator(`[data-testid="file-item"][data-name="${B}"]`).getAttribute('aria-current')).toBe('true');
    expect(await checkPanel(page, B).isVisible()).toBe(true);
    expect(await checkPanel(page, A).isVisible()).toBe(false);
    await page.locator(`[data-testid="preview"][data-name="${B}"] [data-testid="preview-grid"]`).waitFor();

    const pb = await runCheck(page, B);
    expect(await summaryCounts(pb)).toEqual(shownCounts(eb.result.counts));
    // Q1 of the README: 法律咨询 45 → 260 without a note
    expect(await findingButton(pb, { rule: 'large-change', sheet: '主要指标', cell: 'E11' }).count()).toBe(1);

    await page.locator(`[data-testid="file-item"][data-name="${A}"]`).click();
    expect(await checkPanel(page, A).isVisible()).toBe(true);
    expect(await checkPanel(page, B).isVisible()).toBe(false);
    const previewA = page.locator(`[data-testid="preview"][data-name="${A}"]`);
    expect(await previewA.isVisible()).toBe(true);
    expect(await previewA.innerText()).toContain(A);
    const pa = await runCheck(page, A);
    expect(await summaryCounts(pa)).toEqual(shownCounts(ea.result.counts));
    // D1: 信访案件化解率 98% over 45 of 48 = 93.8%
    const d1 = findingButton(pa, { rule: 'rate-mismatch', sheet: '比率指标', cell: 'E3' });
    expect(await d1.innerText()).toContain('93.8%');
    await d1.click();
    const sel = previewA.locator('td[aria-selected="true"]');
    await sel.waitFor({ timeout: 10_000 });
    expect(await sel.getAttribute('data-cell')).toBe('E3');
    expect(await sel.evaluate((td) => td.closest('table')?.getAttribute('data-sheet'))).toBe('比率指标');

    // back to B: its result is still there
    await page.locator(`[data-testid="file-item"][data-name="${B}"]`).click();
    expect(await checkPanel(page, B).isVisible()).toBe(true);
    expect(await summaryCounts(pb)).toEqual(shownCounts(eb.result.counts));
  });

  step('a text file named .xlsx gets a clear message, and the page stays usable for the next file', async () => {
    const fake = '假的工作簿.xlsx';
    await page.getByTestId('file-input').setInputFiles({
      name: fake,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('周营镇 2023 指标\n信访案件受理数\t9\n化解数\t7\n', 'utf8'),
    });
    const bar = page.getByTestId('open-error');
    await bar.waitFor({ timeout: 20_000 });
    const msg = (await bar.innerText()).replace(/\s+/g, ' ');
    expect(msg).toContain(fake);
    expect(msg).toMatch(/不是有效的 Excel 工作簿|已损坏|无法读取/);
    expect(msg).not.toMatch(/undefined|NaN|\bnull\b|Error:|at [A-Za-z]+ \(/);
    expect(await bar.getAttribute('role')).toBe('alert');
    // not added to the list
    expect(await page.locator(`[data-testid="file-item"][data-name="${fake}"]`).count()).toBe(0);
    expect(await page.getByTestId('file-item').count()).toBe(2);

    const C = '示范镇-2023-无误.xlsx';
    const ec = await coreCheck(C);
    await page.getByTestId('file-input').setInputFiles(path.join(SAMPLES, C));
    await page.locator(`[data-testid="file-item"][data-name="${C}"]`).waitFor({ timeout: 40_000 });
    expect(await page.getByTestId('open-error').count()).toBe(0); // the old message is gone with the new choice
    const pc = await runCheck(page, C);
    expect(await summaryCounts(pc)).toEqual(shownCounts(ec.result.counts));
    expect(ec.result.counts.error + ec.result.counts.verify).toBe(0); // README: the clean workbook
    expect(await pc.getByTestId('summary').isVisible()).toBe(true);
  });
});

describe('standalone page: other ways in', () => {
  test('a workbook dropped on the drop zone opens and checks like a picked one', async () => {
    const name = '大钟庄镇-2021-比率.xlsx';
    const { result } = await coreCheck(name);
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${site.server.url}index.html`);
      const b64 = fs.readFileSync(path.join(SAMPLES, name)).toString('base64');
      const dt = await page.evaluateHandle(
        ([n, data]) => {
          const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
          const t = new DataTransfer();
          t.items.add(new File([bytes], n, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
          return t;
        },
        [name, b64] as const,
      );
      const zone = page.getByTestId('drop-zone');
      await zone.dispatchEvent('dragenter', { dataTransfer: dt });
      await zone.dispatchEvent('dragover', { dataTransfer: dt });
      await zone.dispatchEvent('drop', { dataTransfer: dt });
      await page.locator(`[data-testid="file-item"][data-name="${name}"]`).waitFor({ timeout: 30_000 });
      expect(page.url()).toBe(`${site.server.url}index.html`); // the browser did not navigate to the file
      const p = await runCheck(page, name);
      expect(await summaryCounts(p)).toEqual(shownCounts(result.counts));
    } finally {
      await context.close();
    }
  });

  test('an .xls and a GBK .csv dropped together open and check like the .xlsx; the picker offers them', async () => {
    const { workbookToXls } = await import('../file/biff-writer');
    const name = '大钟庄镇-2021-比率.xlsx';
    const { result } = await coreCheck(name);
    const xls = workbookToXls(await readXlsx(fs.readFileSync(path.join(SAMPLES, name)), name));
    const csvText = '序号,指标名称,单位,数值\n1,行政执法人员,人,12\n2,持证人数,人,14\n';
    const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: csvText });
    const csvResult = check(await readWorkbook(new Uint8Array(gbk), '行政执法.csv'));
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${site.server.url}index.html`);
      expect(await page.getByTestId('file-input').getAttribute('accept')).toMatch(/\.xls,.*\.et,.*\.ods,.*\.csv/);
      const files: [string, string][] = [
        ['大钟庄镇-2021-比率.xls', Buffer.from(xls).toString('base64')],
        ['行政执法.csv', gbk.toString('base64')],
      ];
      const dt = await page.evaluateHandle((list) => {
        const t = new DataTransfer();
        for (const [n, data] of list) t.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], n));
        return t;
      }, files);
      const zone = page.getByTestId('drop-zone');
      await zone.dispatchEvent('dragenter', { dataTransfer: dt });
      await zone.dispatchEvent('dragover', { dataTransfer: dt });
      await zone.dispatchEvent('drop', { dataTransfer: dt });
      for (const [n] of files) await page.locator(`[data-testid="file-item"][data-name="${n}"]`).waitFor({ timeout: 30_000 });
      await failIfShown(page, 'open-error', 'opening an .xls and a GBK .csv');
      expect(await summaryCounts(await runCheck(page, '行政执法.csv'))).toEqual(shownCounts(csvResult.counts)); // the last one opened is current
      await page.locator('[data-testid="file-item"][data-name="大钟庄镇-2021-比率.xls"]').click();
      expect(await summaryCounts(await runCheck(page, '大钟庄镇-2021-比率.xls'))).toEqual(shownCounts(result.counts));
      expect(csvResult.counts.error).toBeGreaterThan(0); // 14 certified of 12 officers
    } finally {
      await context.close();
    }
  });

  test('on a wide screen, selecting a finding further down the list moves the preview, not the page (the finding stays under the pointer)', async () => {
    const context = await newContext(1280, 800);
    try {
      const { page, p } = await checkedSample(context);
      const f = findingButton(p, { rule: 'coverage-claim', sheet: '公共法律服务', cell: 'D6' });
      // the user has scrolled down the list to this finding
      await page.evaluate(() => window.scrollTo(0, 600));
      const before = (await f.boundingBox())!;
      expect(before.y).toBeGreaterThan(0);
      expect(before.y + before.height).toBeLessThan(800);
      await f.click();
      const cell = page.locator('[data-testid="preview-grid"][data-sheet="公共法律服务"] td[aria-selected="true"]');
      await cell.waitFor({ timeout: 10_000 });
      await page.waitForTimeout(300); // let any smooth scrolling settle
      const after = (await f.boundingBox())!;
      expect({ scrollY: await page.evaluate(() => window.scrollY), findingTop: Math.round(after.y) }).toEqual({
        scrollY: 600,
        findingTop: Math.round(before.y),
      });
      // and the highlighted cell is on screen beside it
      const c = (await cell.boundingBox())!;
      expect(c.y).toBeGreaterThanOrEqual(0);
      expect(c.y + c.height).toBeLessThanOrEqual(800);
    } finally {
      await context.close();
    }
  });

  test('on a 320 px screen, selecting a finding brings its highlighted cell on screen, and 返回问题列表 brings the finding back, focused', async () => {
    const context = await newContext(320, 700);
    try {
      const { page, p } = await checkedSample(context);
      const f = findingButton(p, { rule: 'rate-mismatch', sheet: '矛盾纠纷化解', cell: 'D6' });
      await f.click();
      const cell = page.locator('[data-testid="preview-grid"][data-sheet="矛盾纠纷化解"] td[aria-selected="true"]');
      await cell.waitFor({ timeout: 10_000 });
      await page.waitForTimeout(300);
      const c = (await cell.boundingBox())!;
      expect(c.y).toBeGreaterThanOrEqual(0);
      expect(c.y + c.height).toBeLessThanOrEqual(700);
      expect(c.x).toBeGreaterThanOrEqual(0);
      expect(c.x + c.width).toBeLessThanOrEqual(320);
      // the report is below the preview, not between the findings and the cell
      const report = (await p.getByTestId('report-preview').boundingBox())!;
      expect(report.y).toBeGreaterThan(c.y);
      expect(await f.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.getByRole('button', { name: '返回问题列表' }).click();
      await page.waitForTimeout(300);
      const b = (await f.boundingBox())!;
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height).toBeLessThanOrEqual(700);
      expect(await f.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  test('dist/index.html opened from disk (file://): 打开示例工作簿 says that the browser blocks it and what to do instead', async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(`file://${path.join(DIST, 'index.html')}`);
      await page.getByTestId('open-sample').click();
      const msg = (await page.getByTestId('open-error').innerText()).replace(/\s+/g, ' ');
      expect(msg).toContain('file://');
      expect(msg).toContain('npm run page');
      expect(msg).toContain('assets/samples/');
      expect(msg).not.toContain('没有 samples 文件夹');
    } finally {
      await context.close();
    }
  });

  test('dist/index.html opened straight from disk (file://): a picked workbook checks and downloads', async () => {
    const { result } = await coreCheck(SAMPLE_NAME);
    const context = await newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`file://${path.join(DIST, 'index.html')}`);
      await page.getByTestId('file-input').setInputFiles(path.join(SAMPLES, SAMPLE_NAME));
      await waitForEither(page, page.getByTestId('preview-grid'), 'open-error', 'opening a workbook from a file:// page');
      const p = await runCheck(page, SAMPLE_NAME);
      expect(await summaryCounts(p)).toEqual(shownCounts(result.counts));
      const download = await downloadFrom(page, p, 'download-docx');
      expect(docxText(fs.readFileSync((await download.path())!))).toContain(result.unit!);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('?lang=en shows the page in English; the findings stay in Chinese', async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${site.server.url}index.html?lang=en`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('button', { name: 'Open the sample workbook' }).click();
      await waitForEither(page, page.getByTestId('preview-grid'), 'open-error', 'opening the sample in English');
      const p = await runCheck(page, SAMPLE_NAME);
      expect(await p.getByTestId('summary').innerText()).toMatch(/Errors/);
      expect(await findingButton(p, { rule: 'rate-mismatch', sheet: '矛盾纠纷化解', cell: 'D6' }).innerText()).toContain('信访案件化解率');
    } finally {
      await context.close();
    }
  });
});

// ───────────────────────────── 3: the Excel task pane over a fake office-js ─────────────────────────────

/** A workbook of `n` sheets: the sample's sheets, then small 附表 sheets of counts. */
function bookOf(base: Workbook, n: number): Workbook {
  const sheets: Grid[] = base.sheets.slice(0, n);
  for (let i = sheets.length; i < n; i++) {
    sheets.push({
      name: `附表${i + 1}`,
      rows: [
        [`附表${i + 1} 村级台账`, null, null],
        ['序号', '村名', '调解纠纷（件）'],
        ...Array.from({ length: 30 }, (_, r) => [r + 1, `第${r + 1}村`, (r * 7 + i) % 13] as Grid['rows'][number]),
      ],
      origin: { row: 0, col: 0 },
    });
  }
  return { name: base.name, sheets };
}

/** Clicks 检查工作簿 in the pane; returns the syncs the check's read took. */
async function checkInPane(page: Page): Promise<number> {
  await probe(page, 'resetCounters');
  await page.getByTestId('check-button').click();
  await waitForEither(page, page.getByTestId('summary'), 'error-message', 'checking in the task pane');
  return probe<number>(page, 'syncCount');
}

describe('Excel task pane (dist/taskpane.html) over a fake office-js', () => {
  const step = session();
  let expected: { book: Workbook; result: CheckResult };
  let pane: PaneSession;

  beforeAll(async () => {
    expected = await coreCheck(SAMPLE_NAME);
    pane = await openFakePane(site.browser, site.server.url, toSpec(expected.book));
  }, 60_000);

  afterAll(async () => {
    await pane?.context.close();
  });

  step('starts inside "Excel": office.js is taken from the (intercepted) CDN, the pane shows its title and the check button', async () => {
    expect(pane.officeJsRequests).toBe(1);
    expect(await probe<boolean>(pane.page, 'officeJsLoaded')).toBe(true);
    await expect(pane.page.locator('h1').innerText()).resolves.toContain('指标审核助手');
    expect(await pane.page.getByTestId('check-button').innerText()).toContain('检查工作簿');
    expect(await pane.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  step('the check reads the workbook through office-js and shows the same findings as the file adapter', async () => {
    await checkInPane(pane.page);
    const core = expected.result.counts;
    expect(await summaryCounts(pane.page.locator('body'))).toEqual(shownCounts(core));
    for (const f of expected.result.findings) expect(await findingButton(pane.page.locator('body'), f).count()).toBe(1);
    const z1 = findingButton(pane.page.locator('body'), { rule: 'rate-mismatch', sheet: '矛盾纠纷化解', cell: 'D6' });
    expect(await z1.innerText()).toContain('77.8%');
    // selecting it selects the cell in "Excel"
    await z1.click();
    await pane.page.waitForFunction(
      () => (window as unknown as { __fakeExcel: { selection(): unknown } }).__fakeExcel.selection() !== null,
      undefined,
      { timeout: 10_000 },
    );
    const sel = await probe<{ sheet: string; address: string }>(pane.page, 'selection');
    expect(sel.sheet).toBe('矛盾纠纷化解');
    expect(sel.address.replace(/\$/g, '').replace(/^.*!/, '')).toBe('D6');
  });

  step('an explanation typed in the pane is written to 审核说明 in the workbook and counts the finding as 已说明', async () => {
    const page = pane.page;
    const body = page.locator('body');
    const before = await summaryCounts(body);
    const item = findingButton(body, { rule: 'conflicting-values', sheet: '公共法律服务', cell: 'D4' }).locator('xpath=ancestor::li[1]');
    await item.getByTestId('explain-button').click();
    await item.getByTestId('explanation-text').fill('基本情况表含1个社区，公共法律服务表只统计行政村，口径不同。');
    await item.getByTestId('explanation-save').click();
    await waitForEither(page, page.getByTestId('group-explained'), 'error-message', 'saving an explanation in the pane');
    expect(await summaryCounts(body)).toEqual({ ...before, verify: before.verify - 1, explained: before.explained + 1 });
    expect(await probe<string[]>(page, 'sheetNames')).toContain(RESULT_SHEETS.explanations);
    const notes = Object.values(await probe<Record<string, unknown>>(page, 'values', RESULT_SHEETS.explanations)).join('\n');
    expect(notes).toContain('口径不同');
  });

  step('写入结果表 writes 审核结果, 计算结果 and 报告文稿 into the workbook and leaves the township’s sheets as they were', async () => {
    const before = await Promise.all(expected.book.sheets.map((g) => probe<Record<string, unknown>>(pane.page, 'values', g.name)));
    await pane.page.getByRole('button', { name: '写入结果表' }).click();
    await waitForEither(pane.page, pane.page.getByTestId('notice-message'), 'error-message', 'writing the result sheets');
    const names = await probe<string[]>(pane.page, 'sheetNames');
    for (const s of [RESULT_SHEETS.findings, RESULT_SHEETS.rates, RESULT_SHEETS.report]) {
      expect(names.filter((n) => n === s)).toHaveLength(1);
    }
    for (const g of expected.book.sheets) expect(names).toContain(g.name);
    const findings = Object.values(await probe<Record<string, unknown>>(pane.page, 'values', RESULT_SHEETS.findings)).join('\n');
    expect(findings).toContain('信访案件化解率');
    const report = Object.values(await probe<Record<string, unknown>>(pane.page, 'values', RESULT_SHEETS.report)).join('\n');
    expect(report).toContain(expected.result.unit!);
    const after = await Promise.all(expected.book.sheets.map((g) => probe<Record<string, unknown>>(pane.page, 'values', g.name)));
    expect(after).toEqual(before);
    // a second write replaces, never duplicates
    await pane.page.getByRole('button', { name: '写入结果表' }).click();
    await waitForEither(pane.page, pane.page.getByTestId('notice-message'), 'error-message', 'writing the result sheets again');
    const again = await probe<string[]>(pane.page, 'sheetNames');
    expect(again.filter((n) => n === RESULT_SHEETS.findings)).toHaveLength(1);
    expect(again.length).toBe(names.length);
  });

  step('标记到单元格 colours the cells of the open findings in "Excel", 清除标记 gives the original fills back', async () => {
    // the open ones: every finding of the core but the one explained in the step before
    const open = expected.result.findings.filter((f) => !(f.rule === 'conflicting-values' && f.sheet === '公共法律服务' && f.cell === 'D4'));
    expect(open.length).toBe(expected.result.findings.length - 1);
    const cells = open.map((f) => [f.sheet, f.cell] as const);
    const explainedFill = await probe<string>(pane.page, 'fill', '公共法律服务', 'D4');
    const before = await Promise.all(cells.map(([s, c]) => probe<string>(pane.page, 'fill', s, c)));
    const values = await Promise.all(expected.book.sheets.map((g) => probe<Record<string, unknown>>(pane.page, 'values', g.name)));
    await pane.page.getByRole('button', { name: '标记到单元格' }).click();
    await waitForEither(pane.page, pane.page.getByTestId('notice-message'), 'error-message', 'marking the cells');
    const notice = await pane.page.getByTestId('notice-message').innerText();
    const marked = Number(/(\d+)\s*个单元格/.exec(notice)?.[1]);
    expect(marked).toBeGreaterThan(0);
    const during = await Promise.all(cells.map(([s, c]) => probe<string>(pane.page, 'fill', s, c)));
    const z1 = cells.findIndex(([s, c]) => s === '矛盾纠纷化解' && c === 'D6');
    expect(during[z1]).not.toBe(before[z1]);
    const unique = new Set(cells.map(([s, c]) => `${s}!${c}`)).size;
    expect(during.filter((f, i) => f !== before[i]).length).toBe(unique);
    expect(marked).toBe(unique);
    expect(await probe<string>(pane.page, 'fill', '公共法律服务', 'D4')).toBe(explainedFill); // explained: not marked
    expect(await probe<string | null>(pane.page, 'visibility', RESULT_SHEETS.marks)).toBe('VeryHidden');

    await pane.page.getByRole('button', { name: '清除标记' }).click();
    await waitForEither(pane.page, pane.page.getByTestId('notice-message'), 'error-message', 'clearing the marks');
    expect(await Promise.all(cells.map(([s, c]) => probe<string>(pane.page, 'fill', s, c)))).toEqual(before);
    expect(await Promise.all(expected.book.sheets.map((g) => probe<Record<string, unknown>>(pane.page, 'values', g.name)))).toEqual(values);
  });

  step('清除结果 removes the result sheets and keeps the township’s sheets', async () => {
    await pane.page.getByRole('button', { name: '清除结果' }).click();
    await waitForEither(pane.page, pane.page.getByTestId('notice-message'), 'error-message', 'clearing the results');
    const names = await probe<string[]>(pane.page, 'sheetNames');
    for (const s of [RESULT_SHEETS.findings, RESULT_SHEETS.rates, RESULT_SHEETS.report]) expect(names).not.toContain(s);
    for (const g of expected.book.sheets) expect(names).toContain(g.name);
    expect(names).toContain(RESULT_SHEETS.explanations); // the township's explanations are kept
  });

  step('screenshot of the pane at 320×700 after the check; nothing wider than the pane', async () => {
    await pane.page.evaluate(() => window.scrollTo(0, 0));
    await pane.page.screenshot({ path: path.join(SCREENSHOTS, 'taskpane-320x700.png') });
    await pane.page.screenshot({ path: path.join(SCREENSHOTS, 'taskpane-320x700-full.png'), fullPage: true });
    expect(await horizontalOverflow(pane.page)).toBeLessThanOrEqual(0);
  });

  step('axe: no serious or critical accessibility violations in the pane after the check', async () => {
    const report = seriousOnly(await runAxe(pane.page));
    if (report) console.log(`axe (task pane):\n${report}`);
    expect(report).toBe('');
  });

  test('no request other than office.js left 127.0.0.1', () => {
    expect(pane.outside).toEqual([]);
  });

  test('Office on the Black theme: the pane is dark too, readable (axe colour contrast) and checks as before', async () => {
    const black = { bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF', controlBackgroundColor: '#363636', controlForegroundColor: '#FFFFFF' };
    const s = await openFakePane(site.browser, site.server.url, { ...toSpec(expected.book), officeTheme: black }, { width: 320, height: 700 });
    try {
      await checkInPane(s.page);
      const core = expected.result.counts;
      expect(await summaryCounts(s.page.locator('body'))).toEqual(shownCounts(core));
      // what the user sees: a dark background behind light text, down to the bottom of the pane
      const look = await s.page.evaluate(() => {
        const lum = (c: string) => {
          const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? ['255', '255', '255']).slice(0, 3).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        };
        const themed = document.querySelector('[data-theme]') as HTMLElement;
        const h1 = document.querySelector('h1') as HTMLElement;
        return { theme: themed.dataset.theme, bg: lum(getComputedStyle(themed).backgroundColor), text: lum(getComputedStyle(h1).color), height: themed.getBoundingClientRect().height };
      });
      expect(look.theme).toBe('dark');
      expect(look.bg).toBeLessThan(0.25);
      expect(look.text).toBeGreaterThan(0.75);
      expect(look.height).toBeGreaterThanOrEqual(700);
      await s.page.screenshot({ path: path.join(SCREENSHOTS, 'taskpane-320x700-dark.png') });
      const report = seriousOnly(await runAxe(s.page));
      if (report) console.log(`axe (task pane, dark):\n${report}`);
      expect(report).toBe('');
    } finally {
      await s.context.close();
    }
  });

  test('an older Excel (ExcelApi 1.9: no merged-area or comment API) in English: the same findings, marks without comments', async () => {
    const s = await openFakePane(site.browser, site.server.url, { ...toSpec(expected.book, 'en-US'), apiVersion: '1.9' }, { width: 320, height: 700 });
    try {
      expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await s.page.getByTestId('check-button').innerText()).toMatch(/Check/);
      await checkInPane(s.page);
      const core = expected.result.counts;
      expect(await summaryCounts(s.page.locator('body'))).toEqual(shownCounts(core));
      for (const f of expected.result.findings) expect(await findingButton(s.page.locator('body'), f).count()).toBe(1);
      await s.page.getByTestId('mark-button').click();
      await waitForEither(s.page, s.page.getByTestId('notice-message'), 'error-message', 'marking on ExcelApi 1.9');
      expect(await probe<string>(s.page, 'fill', '矛盾纠纷化解', 'D6')).not.toBe('');
      expect(s.outside).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  test('reading takes as many syncs for a 40-sheet workbook as for a 1-sheet one', async () => {
    const syncs: number[] = [];
    for (const n of [1, 40]) {
      const s = await openFakePane(site.browser, site.server.url, toSpec(bookOf(expected.book, n)), { width: 1024, height: 700 });
      try {
        syncs.push(await checkInPane(s.page));
        expect(await probe<string[]>(s.page, 'sheetNames')).toHaveLength(n);
      } finally {
        await s.context.close();
      }
    }
    expect(syncs[0]).toBeGreaterThan(0);
    expect(syncs[1]).toBe(syncs[0]);
  });
});

// ───────────────────────────── 4: a label fixed in one click (issue 10), page and pane ─────────────────────────────

describe('a label the tool cannot place is fixed in one click, in the page and in the pane', () => {
  /** A township sheet in its own words: a bare 化解率 first, with nothing before it to say whose. */
  const AMBIGUOUS: Workbook = {
    name: '前营乡-2023-自拟.xlsx',
    sheets: [
      { name: '基本情况', rows: [['单位名称', '前营乡'], ['报告年度', 2023]] },
      {
        name: '指标',
        rows: [
          ['指标名称', '单位', '2023年'],
          ['化解率', '%', '100%'],
          ['受理信访案件', '件', 9],
          ['化解信访案件', '件', 7],
        ],
      },
    ],
  };

  async function xlsxOf(book: Workbook): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    for (const g of book.sheets) wb.addWorksheet(g.name).addRows(g.rows as unknown[][]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  test('page: 是“信访案件化解率” keeps the choice in 指标对照, the figure is checked, and the downloaded copy carries it', async () => {
    const context = await newContext(1280, 800);
    try {
      const page = await context.newPage();
      await page.goto(`${site.server.url}index.html`);
      await page.getByTestId('file-input').setInputFiles({
        name: AMBIGUOUS.name,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await xlsxOf(AMBIGUOUS),
      });
      await waitForEither(page, page.getByTestId('preview-grid'), 'open-error', 'opening the workbook');
      const p = await runCheck(page, AMBIGUOUS.name);
      await findingButton(p, { rule: 'ambiguous-label', sheet: '指标', cell: 'A2' }).waitFor();
      await p.locator('[data-testid="place-button"][data-indicator="petition_resolution_rate"]').click();
      // checked again with the choice: 100% over 7 of 9 is the error the ambiguity hid
      await findingButton(p, { rule: 'rate-mismatch', sheet: '指标', cell: 'C2' }).waitFor({ timeout: 30_000 });
      expect(await findingButton(p, { rule: 'ambiguous-label', sheet: '指标', cell: 'A2' }).count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'placement-page-1280.png'), fullPage: false });
      const download = await downloadFrom(page, p, 'download-workbook');
      const book = await readXlsx(new Uint8Array(fs.readFileSync((await download.path())!)), 'copy.xlsx');
      const mapping = book.sheets.find((g) => g.name === RESULT_SHEETS.mapping)!;
      expect(mapping.rows.slice(0, 2)).toEqual([
        ['原标签', '指标', '工作表'],
        ['化解率', '信访案件化解率', '指标'],
      ]);
      // and the CLI's core reads the copy the same way: the fix holds at the next check
      expect(check(book).findings.some((f) => f.rule === 'rate-mismatch' && f.cell === 'C2')).toBe(true);
    } finally {
      await context.close();
    }
  });

  test('pane at 320 px over the fake office-js: the same buttons write 指标对照 into the open workbook', async () => {
    const pane = await openFakePane(site.browser, site.server.url, toSpec(AMBIGUOUS), { width: 320, height: 700 });
    try {
      await checkInPane(pane.page);
      await pane.page.locator('[data-testid="place-button"][data-indicator="petition_resolution_rate"]').click();
      await pane.page.locator('[data-testid="finding"][data-rule="rate-mismatch"][data-cell="C2"]').waitFor({ timeout: 30_000 });
      await pane.page.screenshot({ path: path.join(SCREENSHOTS, 'placement-pane-320.png'), fullPage: true });
      expect(await probe<string[]>(pane.page, 'sheetNames')).toContain(RESULT_SHEETS.mapping);
      expect(await probe<Record<string, unknown>>(pane.page, 'values', RESULT_SHEETS.mapping)).toMatchObject({ A2: '化解率', B2: '信访案件化解率', C2: '指标' });
      expect(pane.outside).toEqual([]);
    } finally {
      await pane.context.close();
    }
  });
});
