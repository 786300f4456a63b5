/**
 * The report's text on the built page (issue 13), in Chromium: a township's Word report dropped with its workbook
 * is checked against it — its findings at their paragraph, the words highlighted in the text view, a click scrolling
 * to them — and the annotated copy downloads with a Word comment on those words. Expectations come from the core
 * run on the same files (readers + check + checkText), never from the page.
 *
 * Run: `npx webpack --mode production && npx jest test/e2e/report-text.test.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { check } from '../../src/core/check';
import { checkText, type TextCheckResult } from '../../src/core/textcheck';
import { readWorkbook } from '../../src/file';
import { readTextDocument } from '../../src/file/textdoc';
import { ROOT, SAMPLES, SCREENSHOTS } from './support/browser';
import { pageContext, servePage } from './support/page';
import { zipEntries } from './support/unzip';

jest.setTimeout(90_000);

const BOOK = '周营镇-2023-指标.xlsx';
const REPORT = '周营镇-2023.docx';
const REPORT_PATH = path.join(ROOT, 'test/fixtures/reports', REPORT);

const site = servePage('index.html');

async function core(withBook: boolean): Promise<TextCheckResult> {
  const doc = readTextDocument(fs.readFileSync(REPORT_PATH), REPORT);
  if (!withBook) return checkText(doc);
  const book = await readWorkbook(fs.readFileSync(path.join(SAMPLES, BOOK)), BOOK);
  return checkText(doc, { workbook: check(book) });
}

async function openPage(): Promise<Page> {
  const context = await pageContext(site, { timeout: 20_000 });
  const page = await context.newPage();
  await page.goto(`${site.server.url}index.html`);
  return page;
}

function reportPanel(page: Page): Locator {
  return page.locator(`[data-testid="report-panel"][data-name="${REPORT}"]`);
}

test('the Word report dropped with its workbook: findings at their paragraph, words highlighted, the annotated copy', async () => {
  const want = await core(true);
  const rate = want.findings.find((f) => f.rule === 'rate-mismatch' && f.message.includes('77.8%'))!;
  expect(rate).toBeDefined();
  const page = await openPage();
  await page.getByTestId('file-input').setInputFiles([path.join(SAMPLES, BOOK), REPORT_PATH]);
  const panel = reportPanel(page);
  await panel.getByTestId('report-summary').or(page.getByTestId('report-error')).first().waitFor({ timeout: 40_000 });
  expect(await page.getByTestId('report-error').count()).toBe(0);
  expect(await panel.getByTestId('report-summary').innerText()).toContain(`与 ${BOOK} 对照`);
  // the same findings as the core, each at its paragraph
  const items = panel.getByTestId('report-finding');
  expect(await items.count()).toBe(want.findings.length);
  const item = items.filter({ hasText: '77.8%' }).first();
  expect(await item.innerText()).toMatch(new RegExp(`^第${rate.paragraph}段·错误：`));
  // a click scrolls the text view to the finding's words and marks them
  await item.click();
  const mark = panel.locator('[data-testid="report-text"] mark[data-active="true"]').first();
  await mark.waitFor();
  const para = readTextDocument(fs.readFileSync(REPORT_PATH), REPORT).paragraphs[rate.paragraph! - 1].text;
  expect(para.slice(rate.span![0], rate.span![1])).toContain(await mark.innerText());
  const box = await mark.boundingBox();
  const view = await panel.getByTestId('report-text').boundingBox();
  expect(box!.y).toBeGreaterThanOrEqual(view!.y);
  expect(box!.y + box!.height).toBeLessThanOrEqual(view!.y + view!.height);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'report-text.png'), fullPage: false });

  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 40_000 }), panel.getByTestId('download-annotated').click()]);
  expect(download.suggestedFilename()).toBe('周营镇-2023-审核批注.docx');
  const parts = zipEntries(fs.readFileSync((await download.path())!));
  const comments = parts.get('word/comments.xml')!.toString('utf8');
  expect(comments.match(/<w:comment /g)!.length).toBe(want.findings.length);
  expect(comments).toContain('77.8%');
  const original = zipEntries(fs.readFileSync(REPORT_PATH));
  for (const [name, bytes] of original) {
    if (['word/document.xml', 'word/_rels/document.xml.rels', '[Content_Types].xml'].includes(name)) continue;
    expect(Buffer.compare(parts.get(name)!, bytes)).toBe(0);
  }
});

test('the report alone is checked on its own figures', async () => {
  const want = await core(false);
  const page = await openPage();
  await page.getByTestId('file-input').setInputFiles(REPORT_PATH);
  const panel = reportPanel(page);
  await panel.getByTestId('report-summary').waitFor({ timeout: 40_000 });
  expect(await panel.getByTestId('report-summary').innerText()).not.toContain('对照');
  expect(await panel.getByTestId('report-finding').count()).toBe(want.findings.length);
  expect(await panel.locator('[data-testid="report-text"] p[data-paragraph]').count()).toBe(want.doc.paragraphs.length);
});
