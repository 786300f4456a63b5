/**
 * Chromium e2e of issue 16, part A, on the built page (dist/index.html) over the bundled 周营镇 sample: the findings
 * scan (one line each, counts that filter, the ‹ n / N › bar), a finding is reached and its cell selected by keyboard
 * alone, and the draft shows the figures the tool flags highlighted and linked to their findings. Screenshots at 1280
 * and 320 px go to test-results/screenshots/ (and /tmp/shots-desk/ when it exists).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { runAxe, seriousOnly } from './support/axe';
import { SCREENSHOTS } from './support/browser';
import { checkPanel, pageContext, servePage } from './support/page';

jest.setTimeout(90_000);

const SAMPLE = '周营镇-2023-指标.xlsx';
const SHOTS = [SCREENSHOTS, '/tmp/shots-desk'];

const site = servePage('index.html');
let page: Page;

async function shot(name: string, fullPage = false): Promise<void> {
  for (const dir of SHOTS) {
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, name), fullPage });
  }
}

beforeAll(async () => {
  page = await (await pageContext(site)).newPage();
  await page.goto(`${site.server.url}index.html`);
  await page.getByRole('button', { name: '打开示例工作簿' }).click();
  const panel = checkPanel(page, SAMPLE);
  await panel.getByTestId('preview-grid').waitFor({ timeout: 40_000 });
  if (!(await panel.getByTestId('summary').count())) await panel.getByTestId('check-button').click();
  await panel.getByTestId('summary').waitFor({ timeout: 40_000 });
}, 90_000);

test('scan and filter: one line per finding, the 错误 count shows only the errors, the bar counts them', async () => {
  const lines = page.getByTestId('finding-line');
  // the severity word is there for screen readers (visually hidden), the rest is what the eye scans, on one line
  expect(await lines.first().innerText()).toMatch(/^●\s*错误\s*D6\s*信访案件化解率 100% → 77\.8%\s*矛盾纠纷化解$/);
  expect((await lines.first().boundingBox())!.height).toBeLessThan(30);
  const all = await page.getByTestId('finding').count();
  await page.getByTestId('filter-error').click();
  expect(await page.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')))).toEqual(['error', 'error']);
  expect((await page.getByTestId('nav-position').innerText()).replace(/\s/g, '')).toBe('0/2');
  await page.getByTestId('filter-error').click();
  expect(await page.getByTestId('finding').count()).toBe(all);
});

test('by keyboard alone: Tab to the first finding, ↓ to the next, Enter selects its cell in the preview', async () => {
  await page.getByTestId('finding').first().focus();
  await page.keyboard.press('ArrowDown');
  const focused = page.locator('[data-testid="finding"]:focus');
  expect(await focused.getAttribute('data-cell')).toBe('D5');
  expect(await focused.getAttribute('data-sheet')).toBe('行政执法');
  await page.keyboard.press('Enter');
  const grid = page.getByTestId('preview-grid');
  await page.waitForFunction(() => document.querySelector('[data-testid="preview-grid"]')?.getAttribute('data-sheet') === '行政执法');
  expect(await grid.locator('td[data-cell="D5"]').getAttribute('aria-selected')).toBe('true');
  expect(await page.locator('[data-testid="finding"][aria-current="true"]').getAttribute('data-cell')).toBe('D5');
  // the bar steps on from there
  await page.getByTestId('nav-next').click();
  expect((await page.getByTestId('nav-position').innerText()).replace(/\s/g, '')).toBe(`3/${await page.getByTestId('finding').count()}`);
});

test('the draft: a banner, 持证上岗14人 highlighted, and choosing it opens its finding', async () => {
  const banner = page.getByTestId('draft-banner');
  await banner.scrollIntoViewIfNeeded();
  expect(await banner.innerText()).toMatch(/文稿中\d+处数字涉及未改正的问题/);
  const flag = page.locator('[data-testid="draft-flag"]', { hasText: '14人' });
  await flag.scrollIntoViewIfNeeded();
  const bg = await flag.evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(bg).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
  await shot('draft-flag-1280.png');
  // the draft's notes (a rate recomputed in place of the township's) close it, after the date, as in the .docx
  const roles = await page.getByTestId('report-preview').locator('p').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-role')));
  expect(roles.slice(-2)).toEqual(['date', 'note']);
  expect(await page.getByTestId('draft-notes').innerText()).toMatch(/^（说明：一是文稿中的“信访案件化解率”77\.8%是按/);
  await flag.click();
  const current = page.locator('[data-testid="finding"][aria-current="true"]');
  expect(await current.getAttribute('data-rule')).toBe('part-exceeds-whole');
  expect(await page.locator('[data-testid="finding"]:focus').getAttribute('data-rule')).toBe('part-exceeds-whole');
});

test('screenshots at 1280 and 320 px; at 320 the first finding is above the fold and nothing is wider than the page', async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('desk-page-1280x800.png');
  await shot('desk-page-1280x800-full.png', true);
  await page.setViewportSize({ width: 320, height: 700 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByTestId('summary').scrollIntoViewIfNeeded();
  await shot('desk-page-320x700.png');
  await shot('desk-page-320x700-full.png', true);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(320);
  // the summary, the bar and the first finding in one screen
  const summary = await page.getByTestId('summary').boundingBox();
  const first = await page.getByTestId('finding').first().boundingBox();
  expect(first).not.toBeNull();
  expect(first!.y + first!.height - summary!.y).toBeLessThan(700);
});

/** A new page of `context` with the sample opened and checked (as it is on opening). */
async function sampleChecked(context: BrowserContext): Promise<Page> {
  const phone = await context.newPage();
  await phone.goto(`${site.server.url}index.html`);
  await phone.getByRole('button', { name: '打开示例工作簿' }).click();
  await phone.getByTestId('summary').waitFor({ timeout: 40_000 });
  await phone.waitForFunction(() => document.querySelector('[data-testid="pane"]')?.getAttribute('aria-busy') === 'false');
  return phone;
}

test('on a phone (320×568) the sample, checked on opening, shows its first finding on the first screen; what made room folds open again', async () => {
  const context = await pageContext(site, { width: 320, height: 568 });
  try {
    const phone = await sampleChecked(context);
    await phone.evaluate(() => window.scrollTo(0, 0));
    for (const dir of SHOTS) {
      fs.mkdirSync(dir, { recursive: true });
      await phone.screenshot({ path: path.join(dir, 'desk-page-320x568.png') });
    }
    expect(await phone.evaluate(() => window.scrollY)).toBe(0);
    const first = await phone.getByTestId('finding').first().boundingBox();
    expect(first).not.toBeNull();
    expect(first!.y + first!.height).toBeLessThanOrEqual(568);
    expect(await phone.getByTestId('finding').first().getAttribute('data-cell')).toBe('D6');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    // the workbooks card is folded to one line naming the file; its heading unfolds the list with the file's counts
    expect(await phone.getByTestId('files-folded').innerText()).toContain(SAMPLE);
    await phone.getByTestId('files-fold').click();
    await expect(phone.getByTestId('file-summary').innerText()).resolves.toMatch(/^周营镇 · 2023年度 · 错误 \d+/);
    await expect(phone.getByTestId('open-button').isVisible()).resolves.toBe(true);
    // the county definitions' line opens to what they are and the button to load them
    await phone.getByTestId('definitions').locator('summary').click();
    await expect(phone.getByTestId('definitions-load').isVisible()).resolves.toBe(true);
  } finally {
    await context.close();
  }
});

test('on a phone (320×568), the folded workbooks card: axe finds nothing serious, and Tab from its heading reaches the first finding in reading order', async () => {
  const context = await pageContext(site, { width: 320, height: 568 });
  try {
    const phone = await sampleChecked(context);
    // the state checked: the card folded to its heading and the file's name, the file list out of sight
    await expect(phone.getByTestId('files-folded').isVisible()).resolves.toBe(true);
    await expect(phone.getByTestId('files-fold').getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(phone.getByTestId('file-list').isVisible()).resolves.toBe(false);
    await phone.evaluate(() => window.scrollTo(0, 0));
    for (const dir of SHOTS) {
      fs.mkdirSync(dir, { recursive: true });
      await phone.screenshot({ path: path.join(dir, 'desk-page-320x568-folded.png') });
    }

    const report = seriousOnly(await runAxe(phone));
    if (report) console.log(`axe (page, 320 px, workbooks folded):\n${report}`);
    expect(report).toBe('');

    // Tab from the folded card's heading, stop by stop, until a finding has the focus
    await phone.getByTestId('files-fold').focus();
    const stops: { testid: string | null; name: string; x: number; y: number; w: number; h: number; inFiles: boolean }[] = [];
    for (let i = 0; i < 30; i++) {
      await phone.keyboard.press('Tab');
      const stop = await phone.evaluate(() => {
        const e = document.activeElement as HTMLElement;
        const r = e.getBoundingClientRect();
        return {
          testid: e.getAttribute('data-testid'),
          name: (e.getAttribute('aria-label') ?? e.innerText).replace(/\s+/g, ' ').trim(),
          x: r.left,
          y: r.top + window.scrollY,
          w: r.width,
          h: r.height,
          inFiles: !!e.closest('[id$="-files-body"]'),
        };
      });
      stops.push(stop);
      if (stop.testid === 'finding') break;
    }
    const trail = stops.map((s) => s.testid ?? s.name).join(' → ');
    // it gets there, to the list's first finding (the 100% → 77.8% error at D6), in a few stops
    expect(stops[stops.length - 1].testid).toBe('finding');
    expect(await phone.locator('[data-testid="finding"]:focus').getAttribute('data-cell')).toBe('D6');
    expect(await phone.evaluate(() => document.activeElement === document.querySelector('[data-testid="finding"]'))).toBe(true);
    expect(stops.length).toBeLessThanOrEqual(16);
    // nothing of the folded list is a stop; every stop is seen, named and inside the 320 px
    for (const s of stops) {
      expect({ trail, stop: s.testid ?? s.name, inFiles: s.inFiles }).toEqual({ trail, stop: s.testid ?? s.name, inFiles: false });
      expect(s.w * s.h).toBeGreaterThan(0);
      expect(s.name).not.toBe('');
      expect(s.x + s.w).toBeLessThanOrEqual(320);
    }
    // in reading order: down the page, and left to right along a row
    for (let i = 1; i < stops.length; i++) {
      const [a, b] = [stops[i - 1], stops[i]];
      const sameRow = Math.abs(a.y + a.h / 2 - (b.y + b.h / 2)) < Math.min(a.h, b.h) / 2;
      if (sameRow) expect({ trail, from: a.testid, to: b.testid, leftToRight: b.x > a.x }).toEqual({ trail, from: a.testid, to: b.testid, leftToRight: true });
      else expect({ trail, from: a.testid, to: b.testid, down: b.y > a.y }).toEqual({ trail, from: a.testid, to: b.testid, down: true });
    }
    // the check's commands, then the county definitions' line, the counts, the ‹ n / N › bar, the finding
    const at = (testid: string) => stops.findIndex((s) => s.testid === testid);
    const order = ['check-button', 'filter-error', 'nav-prev', 'finding'].map(at);
    expect(order.every((n) => n >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // and back: Shift+Tab leaves the finding for its group's heading, above it
    await phone.keyboard.press('Shift+Tab');
    const back = await phone.evaluate(() => (document.activeElement as HTMLElement).closest('[data-testid^="group-"]')?.getAttribute('data-testid'));
    expect(back).toBe('group-error');
  } finally {
    await context.close();
  }
});
