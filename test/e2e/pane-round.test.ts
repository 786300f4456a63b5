/**
 * A statistician's round in the Excel task pane (dist/taskpane.html) over the fake office-js, in Chromium (issue 16,
 * the pane's half of "Done when"; the page's is desk.test.ts and rounds.test.ts): check the 周营镇 sample, scan and
 * filter by the counts, move with ↑/↓ and go to a cell with Enter (the fake workbook's selection moves), choose a
 * flagged figure in the draft, explain a finding with its 填写人, change the figure it explains in the workbook and
 * see the explanation expire (说明已过期（21个→25个）), dispute an error and accept it as the county, write the
 * 整改通知, then the township's resubmission (figures typed into the same workbook) compared with the county's saved
 * copy: 已改正 / 新出现 / 仍未改正. Expectations come from the samples' planted findings (assets/samples/README.md)
 * and the real core run on the same workbooks, never from the pane.
 *
 * Screenshots of the walk at 320 and 1280 px: test-results/screenshots/pane-round-*.png (and /tmp/shots-pane/).
 * Run: `npx webpack --mode production && npx jest test/e2e/pane-round.test.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { check } from '../../src/core/check';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { compareRounds } from '../../src/core/rounds';
import type { CheckResult, Workbook } from '../../src/core/types';
import { readXlsx } from '../../src/file';
import { SAMPLES, SCREENSHOTS } from './support/browser';
import { servePage, session } from './support/page';
import { openFakePane, probe, type PaneSession } from './support/office';
import { savedXlsx, toSpec } from './support/pane';

jest.setTimeout(90_000);

const SAMPLE = '周营镇-2023-指标.xlsx';
const SHOTS = [SCREENSHOTS, '/tmp/shots-pane'];

const site = servePage('taskpane.html');
const step = session();
let pane: PaneSession;
let page: Page;
let book: Workbook;
let first: CheckResult;

beforeAll(async () => {
  book = await readXlsx(fs.readFileSync(path.join(SAMPLES, SAMPLE)), SAMPLE);
  first = check(book);
  pane = await openFakePane(site.browser, site.server.url, toSpec(book), { width: 320, height: 700 });
  page = pane.page;
}, 90_000);

/** The pane as the user sees it at 320 px (the task pane's width) and at 1280 px, then back to 320. */
async function shots(name: string, at?: Locator): Promise<void> {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: width === 320 ? 700 : 800 });
    if (at) await at.scrollIntoViewIfNeeded();
    for (const dir of SHOTS) {
      fs.mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, `pane-round-${name}-${width}.png`) });
    }
    // nothing wider than the pane, at either width
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 320, height: 700 });
  if (at) await at.scrollIntoViewIfNeeded();
}

/** Fails with the pane's own words when it shows an error. */
async function noError(what: string): Promise<void> {
  const bar = page.locator('[data-testid="error-message"]:visible');
  if (await bar.count()) throw new Error(`${what}: the pane shows “${(await bar.first().innerText()).replace(/\s+/g, ' ')}”`);
}

/** Waits until the pane is idle again after an action (aria-busy back to false) and shows no error. */
async function settled(what: string): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="pane"]')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 40_000 });
  await noError(what);
}

async function recheck(what: string): Promise<void> {
  await page.getByTestId('check-button').click();
  await page.getByTestId('summary').waitFor();
  await settled(what);
}

const count = async (k: string): Promise<number> => Number((await page.getByTestId(`count-${k}`).innerText()).trim());

const item = (rule: string, sheet: string, cell?: string): Locator =>
  page.locator('li[data-finding-id]').filter({
    has: page.locator(`[data-testid="finding"][data-rule="${rule}"][data-sheet="${sheet}"]${cell ? `[data-cell="${cell}"]` : ''}`),
  });

async function selectionBecomes(where: string): Promise<void> {
  await page.waitForFunction(
    (w) => {
      const sel = (window as unknown as { __fakeExcel: { selection(): { sheet: string; address: string } | null } }).__fakeExcel.selection();
      return !!sel && `${sel.sheet}!${sel.address.replace(/\$/g, '').replace(/^.*!/, '')}` === w;
    },
    where,
    { timeout: 10_000 },
  );
}

step('checks the workbook through office-js: the counts and the planted findings of the core', async () => {
  await recheck('checking the sample');
  expect({ error: await count('error'), verify: await count('verify'), hint: await count('hint'), explained: await count('explained') }).toEqual({
    error: first.counts.error,
    verify: first.counts.verify,
    hint: first.counts.hint,
    explained: first.counts.explained,
  });
  for (const [rule, sheet, cell] of [
    ['rate-mismatch', '矛盾纠纷化解', 'D6'],
    ['coverage-claim', '公共法律服务', 'D6'],
    ['part-exceeds-whole', '行政执法', 'D5'],
    ['conflicting-values', '公共法律服务', 'D4'],
  ]) {
    expect(await item(rule, sheet, cell).count()).toBe(1);
  }
  await shots('checked');
});

step('scan and filter: one line per finding; the 错误 count shows only the errors and the bar counts them', async () => {
  const lines = page.getByTestId('finding-line');
  expect(await lines.first().innerText()).toMatch(/^●\s*错误\s*D6\s*信访案件化解率 100% → 77\.8%\s*矛盾纠纷化解$/);
  const all = await page.getByTestId('finding').count();
  expect(all).toBe(first.findings.length);
  await page.getByTestId('filter-error').click();
  expect(await page.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')))).toEqual(
    first.findings.filter((f) => f.severity === 'error').map(() => 'error'),
  );
  expect((await page.getByTestId('nav-position').innerText()).replace(/\s/g, '')).toBe(`0/${first.counts.error}`);
  await shots('filtered');
  await page.getByTestId('filter-error').click();
  expect(await page.getByTestId('finding').count()).toBe(all);
});

step('by keyboard: ↓ to the next finding, Enter selects its cell in the workbook, ↑ and Enter go back', async () => {
  await page.getByTestId('finding').first().focus();
  await page.keyboard.press('ArrowDown');
  const focused = page.locator('[data-testid="finding"]:focus');
  expect(await focused.getAttribute('data-sheet')).toBe('行政执法');
  expect(await focused.getAttribute('data-cell')).toBe('D5');
  await page.keyboard.press('Enter');
  await selectionBecomes('行政执法!D5');
  expect(await page.locator('[data-testid="finding"][aria-current="true"]').getAttribute('data-cell')).toBe('D5');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await selectionBecomes('矛盾纠纷化解!D6');
  // the bar steps on from there and goes to the cell too
  await page.getByTestId('nav-next').click();
  await selectionBecomes('行政执法!D5');
  expect((await page.getByTestId('nav-position').innerText()).replace(/\s/g, '')).toBe(`2/${first.findings.length}`);
  await shots('keyboard', page.locator('[data-testid="finding"][aria-current="true"]'));
});

step('the draft: a banner counts the flagged figures, 持证上岗14人 is highlighted and opens its finding and cell', async () => {
  const banner = page.getByTestId('draft-banner');
  await banner.scrollIntoViewIfNeeded();
  expect(await banner.innerText()).toMatch(/文稿中\d+处数字涉及未改正的问题/);
  const flag = page.locator('[data-testid="draft-flag"]', { hasText: '14人' });
  await flag.first().scrollIntoViewIfNeeded();
  expect(await flag.first().evaluate((e) => getComputedStyle(e).backgroundColor)).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
  await shots('draft', flag.first());
  // the cell is selected elsewhere first, so the choice of the figure is what moves it
  await page.getByTestId('nav-prev').click();
  await selectionBecomes('矛盾纠纷化解!D6');
  await flag.first().click();
  const current = page.locator('[data-testid="finding"][aria-current="true"]');
  expect(await current.getAttribute('data-rule')).toBe('part-exceeds-whole');
  expect(await page.locator('[data-testid="finding"]:focus').getAttribute('data-rule')).toBe('part-exceeds-whole');
  await selectionBecomes('行政执法!D5');
});

step('explains the 行政村数 21 vs 20 finding with its 填写人: written to 审核说明, counted as 已说明', async () => {
  const before = { verify: await count('verify'), explained: await count('explained') };
  const villages = item('conflicting-values', '公共法律服务', 'D4');
  await villages.getByTestId('explain-button').click();
  await villages.getByTestId('explanation-text').fill('基本情况表含新华、东关两个社区，公共法律服务表只计行政村。');
  await villages.getByTestId('explanation-author').fill('王会计');
  await villages.getByTestId('explanation-save').click();
  await settled('saving the explanation');
  const done = item('conflicting-values', '公共法律服务', 'D4');
  await expect(done.getByTestId('account-label').innerText()).resolves.toBe('已说明');
  await expect(done.getByTestId('account-text').innerText()).resolves.toContain('王会计');
  // the notice stands beside the finding explained
  await expect(done.getByTestId('finding-notice').isVisible()).resolves.toBe(true);
  expect({ verify: await count('verify'), explained: await count('explained') }).toEqual({ verify: before.verify - 1, explained: before.explained + 1 });
  const notes = Object.values(await probe<Record<string, unknown>>(page, 'values', RESULT_SHEETS.explanations)).join('\n');
  expect(notes).toContain('只计行政村');
  expect(notes).toContain('王会计');
  await shots('explained', done);
});

step('the township changes 基本情况!B7 from 21个 to 25个 in the workbook; the re-check shows 说明已过期（21个→25个）', async () => {
  await probe(page, 'setValue', '基本情况', 'B7', '25个');
  await recheck('checking after the figure changed');
  const villages = item('conflicting-values', '公共法律服务', 'D4');
  await expect(villages.getByTestId('account-label').innerText()).resolves.toBe('说明已过期（21个→25个）');
  // open again: no longer counted as explained
  expect(await villages.getByTestId('finding').getAttribute('data-status')).not.toBe('explained');
  // what was written is there to be edited: 修改说明, its form starting from the old text; Esc leaves it as it was
  await expect(villages.getByTestId('explain-button').innerText()).resolves.toBe('修改说明');
  await shots('expired', villages);
  await villages.getByTestId('explain-button').click();
  await expect(villages.getByTestId('explanation-text').inputValue()).resolves.toBe('基本情况表含新华、东关两个社区，公共法律服务表只计行政村。');
  await page.keyboard.press('Escape');
  await expect(villages.getByTestId('explanation-form').count()).resolves.toBe(0);
  await expect(villages.getByTestId('account-label').innerText()).resolves.toBe('说明已过期（21个→25个）');
});

step('disputes the 持证人数 14 > 12 error (乡镇异议, still open), then accepts it as the county (采纳): one error fewer', async () => {
  const before = await count('error');
  const officers = item('part-exceeds-whole', '行政执法', 'D5');
  await officers.getByTestId('dispute-button').click();
  await officers.getByTestId('explanation-text').fill('14人含2名协管员，已在备注中说明。');
  await officers.getByTestId('explanation-save').click();
  await settled('saving the dispute');
  await expect(officers.getByTestId('account-label').innerText()).resolves.toBe('乡镇异议');
  expect(await count('error')).toBe(before);
  // the county decides under its own name, not under the 填写人 remembered for the township's explanations
  await officers.getByTestId('accept-button').click();
  await expect(officers.getByTestId('accept-reviewer').inputValue()).resolves.not.toBe('王会计');
  await officers.getByTestId('accept-reviewer').fill('李统计');
  await officers.getByTestId('accept-save').click();
  await settled('accepting the dispute');
  await officers.locator('[data-testid="account-label"]', { hasText: '县级已采纳' }).waitFor();
  expect(await count('error')).toBe(before - 1);
  expect(await officers.getByTestId('account-review').innerText()).toContain('李统计');
  expect(await officers.getByTestId('account-review').innerText()).not.toContain('王会计');
  const notes = Object.values(await probe<Record<string, unknown>>(page, 'values', RESULT_SHEETS.explanations)).join('\n');
  expect(notes).toContain('协管员');
  expect(notes).toContain('李统计');
  await shots('accepted', officers);
});

step('写入整改通知 writes the sheet 整改通知: the open findings with their cells, not the accepted one; again replaces it', async () => {
  await page.getByTestId('write-notice-button').click();
  await settled('writing the notice');
  const names = await probe<string[]>(page, 'sheetNames');
  expect(names.filter((n) => n === RESULT_SHEETS.notice)).toHaveLength(1);
  const text = Object.values(await probe<Record<string, unknown>>(page, 'values', RESULT_SHEETS.notice)).join('\n');
  expect(text).toContain('周营镇');
  expect(text).toContain('矛盾纠纷化解');
  expect(text).toContain('D6');
  expect(text).toContain('B7由21个改为25个'); // the expired explanation says so
  expect(text).not.toContain('持证人数');
  // the township's sheets are as they were
  for (const g of book.sheets) expect(names).toContain(g.name);
  await page.getByTestId('write-notice-button').click();
  await settled('writing the notice again');
  expect((await probe<string[]>(page, 'sheetNames')).filter((n) => n === RESULT_SHEETS.notice)).toHaveLength(1);
  await shots('notice');
});

let previous: Buffer;
step('the resubmission: the rate corrected, a new mistake typed; 与上次比较 with the county’s saved copy gives 已改正 / 新出现 / 仍未改正', async () => {
  // the county keeps this round as Excel saves the workbook (its 审核说明 and 整改通知 with it)
  previous = await savedXlsx(page);
  // the township's corrections in the workbook: 化解率 corrected to 77.8%, and 30 villages with advisers (of 20)
  await probe(page, 'setValue', '矛盾纠纷化解', 'D6', 0.778, '0.0%');
  await probe(page, 'setValue', '公共法律服务', 'D5', 30);
  // compared straight away, without checking first: the comparison is of the workbook as it is now
  await page.getByTestId('compare-input').setInputFiles({
    name: '周营镇-2023-指标-第一轮.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: previous,
  });
  await page.getByTestId('round-summary').waitFor();
  await settled('comparing with the previous round');
  expect(await page.getByTestId('round-summary').innerText()).toContain('周营镇-2023-指标-第一轮.xlsx');

  // what the core says of the same two workbooks
  const prev = check(await readXlsx(previous, 'prev.xlsx'));
  const now = await readXlsx(await savedXlsx(page), 'now.xlsx');
  const round = compareRounds(check(now), prev, 'prev.xlsx');
  expect(round.counts.fixed).toBeGreaterThan(0);
  expect(round.counts.new).toBeGreaterThan(0);
  expect(round.counts.open).toBeGreaterThan(0);

  // the corrected rate is listed as fixed; the expired explanation's finding is still open; the mistyped count is new
  expect(await page.locator('[data-testid="fixed-finding"][data-rule="rate-mismatch"][data-cell="D6"]').count()).toBe(1);
  await expect(item('conflicting-values', '公共法律服务', 'D4').getByTestId('round-tag').innerText()).resolves.toBe('仍未改正');
  for (const [id, status] of Object.entries(round.status)) {
    await expect(page.locator(`li[data-finding-id="${id}"] [data-testid="round-tag"]`).innerText()).resolves.toBe(
      { fixed: '已改正', new: '新出现', open: '仍未改正', explained: '已说明' }[status],
    );
  }
  for (const k of ['fixed', 'new', 'open', 'explained'] as const) {
    await expect(page.getByTestId(`round-${k}`).innerText()).resolves.toBe(String(round.counts[k]));
  }
  expect(await page.locator('[data-testid="fixed-finding"]').count()).toBe(round.counts.fixed);
  await shots('round', page.getByTestId('round-summary'));
  await shots('fixed', page.getByTestId('fixed-list'));
});

step('a re-check keeps comparing with the same round', async () => {
  const before = await page.getByTestId('round-summary').innerText();
  await recheck('checking again after comparing');
  expect(await page.getByTestId('round-summary').innerText()).toBe(before);
});

test('no request other than office.js left 127.0.0.1', () => {
  expect(pane.outside).toEqual([]);
});
