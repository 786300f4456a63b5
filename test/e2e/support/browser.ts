/** Debian's Chromium driven by playwright-core (no downloaded browsers): one browser for the whole e2e file. */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Download, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** playwright gives every launch a fresh temporary profile (user data dir), removed on close. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export const ROOT = path.resolve(__dirname, '../../..');
export const DIST = path.join(ROOT, 'dist');
export const SAMPLES = path.join(ROOT, 'assets/samples');
export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');

/** The tests run against the built page; they never build it themselves. */
export function requireBuilt(...files: string[]): void {
  for (const f of files) {
    if (!fs.existsSync(path.join(DIST, f))) {
      throw new Error(
        `dist/${f} is missing: build the page first with \`npx webpack --mode production\` (npm test does it before jest).`,
      );
    }
  }
}

/**
 * Clicks a download button in `scope` and returns the download. A draft with open errors is used knowingly (issue
 * 16): the first download of one asks once, and the prompt is answered yes.
 */
export async function downloadFrom(page: Page, scope: Locator, testId: string): Promise<Download> {
  const pending = page.waitForEvent('download', { timeout: 40_000 });
  await scope.getByTestId(testId).click();
  const yes = scope.getByTestId('draft-confirm-yes');
  const first = await Promise.race([pending.then(() => 'download' as const), yes.waitFor({ timeout: 40_000 }).then(() => 'ask' as const)]);
  if (first === 'ask') await yes.click();
  return pending;
}
