/**
 * What the browser test files share: the built page served from dist/ with one Chromium for the whole file, a
 * browser context as the tests use one, a file's check panel and its counts, and steps that run as one session.
 */
import * as fs from 'fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { CheckResult } from '../../../src/core/types';
import { DIST, SCREENSHOTS, launchChromium, requireBuilt } from './browser';
import { serveStatic, type StaticServer } from './server';

export interface Site {
  /** Set before the file's first test. */
  browser: Browser;
  /** `server.url` is `http://127.0.0.1:<port>/`, the root of dist/. */
  server: StaticServer;
}

/**
 * Serves dist/ (which must hold `built`) and launches Chromium before the file's first test, and closes both (every
 * context with the browser) after its last; test-results/screenshots/ exists by then. Call it at the top of a test
 * file, before the file's own beforeAll, which can then use the site.
 */
export function servePage(...built: string[]): Site {
  const site = {} as Site;
  beforeAll(async () => {
    requireBuilt(...built);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    site.server = await serveStatic(DIST);
    site.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** A browser context as a township clerk's: zh-CN, 1280 × 800 unless told, downloads accepted; `timeout` for every wait. */
export async function pageContext(site: Site, o: { width?: number; height?: number; timeout?: number } = {}): Promise<BrowserContext> {
  const context = await site.browser.newContext({ viewport: { width: o.width ?? 1280, height: o.height ?? 800 }, locale: 'zh-CN', acceptDownloads: true });
  if (o.timeout) context.setDefaultTimeout(o.timeout);
  return context;
}

/** The page's panel of one open file. */
export function checkPanel(page: Page, name: string): Locator {
  return page.locator(`[data-testid="check-panel"][data-name="${name}"]`);
}

export type ShownCounts = Record<'error' | 'verify' | 'hint' | 'explained', number>;

/** The four counts the summary shows, of a core result (it also counts accepted, expired, returned and disputed explanations). */
export function shownCounts(c: CheckResult['counts']): ShownCounts {
  return { error: c.error, verify: c.verify, hint: c.hint, explained: c.explained };
}

/** The four counts a panel's summary shows. */
export async function summaryCounts(scope: Locator): Promise<ShownCounts> {
  const n = async (k: string) => Number((await scope.getByTestId(`count-${k}`).innerText()).trim());
  return { error: await n('error'), verify: await n('verify'), hint: await n('hint'), explained: await n('explained') };
}

/**
 * The steps of one session run in order on one page; once a step fails, the later ones fail at once naming it
 * (instead of each waiting for its own timeout on a page that never got there).
 */
export function session(): (name: string, fn: () => Promise<void> | void, timeout?: number) => void {
  let broken: string | null = null;
  return (name, fn, timeout) =>
    test(
      name,
      async () => {
        if (broken) throw new Error(`not run: the earlier step “${broken}” failed`);
        try {
          await fn();
        } catch (e) {
          broken = name;
          throw e;
        }
      },
      timeout,
    );
}

/**
 * Clicks a file's 检查 / 重新检查 and returns a wait for the check that click started to end (the pane's aria-busy
 * went to "true" and back). The page checks a file as it opens, so a summary may already be on screen from that
 * check: waiting for the summary alone would return while the second check still runs and then moves the page under
 * the test. The opening check is let end first. The pane's error, if any, is the caller's to read.
 */
export async function startCheck(page: Page, panel: Locator, timeout = 40_000): Promise<() => Promise<void>> {
  await panel.locator('[data-testid="pane"]:not([aria-busy="true"])').waitFor({ timeout });
  const el = await panel.getByTestId('pane').elementHandle({ timeout });
  await page.evaluate((node) => {
    const n = node as HTMLElement & { idCheckCycle?: string };
    n.idCheckCycle = 'armed';
    const seen = new MutationObserver(() => {
      if (n.getAttribute('aria-busy') === 'true') n.idCheckCycle = 'busy';
      else if (n.idCheckCycle === 'busy') {
        n.idCheckCycle = 'done';
        seen.disconnect();
      }
    });
    seen.observe(n, { attributes: true, attributeFilter: ['aria-busy'] });
  }, el);
  await panel.getByTestId('check-button').click();
  return async () => {
    await page.waitForFunction((node) => (node as { idCheckCycle?: string } | null)?.idCheckCycle === 'done', el, { timeout });
  };
}

/** Clicks a file's 检查 / 重新检查 and waits until that check has ended (see startCheck). */
export async function checkAndSettle(page: Page, panel: Locator, timeout = 40_000): Promise<void> {
  await (await startCheck(page, panel, timeout))();
}
