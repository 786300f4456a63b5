/**
 * The standalone page in Debian's Chromium: time until the page is interactive, then the check's time on
 * the bundled sample (click → findings shown). Medians over several fresh page loads.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Metric } from './run';

// The project's one static server (also behind `npm run page` and the browser tests).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve } = require(path.join(__dirname, '..', '..', 'scripts', 'serve.js')) as {
  serve(dir: string, port?: number): Promise<{ url: string; close(): Promise<void> }>;
};

const CHROMIUM = '/usr/bin/chromium';

export async function pageMetrics(dist: string): Promise<Metric[]> {
  if (!fs.existsSync(path.join(dist, 'index.html')) || !fs.existsSync(CHROMIUM)) {
    console.log('[bench] dist/index.html or /usr/bin/chromium missing: page timings not measured');
    return [];
  }
  const { chromium } = await import('playwright-core');
  const { url, close } = await serve(dist);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const tti: number[] = [];
  const checkMs: number[] = [];
  try {
    for (let i = 0; i < 6; i++) {
      const page = await browser.newPage();
      const t0 = Date.now();
      await page.goto(`${url}index.html`);
      await page.getByTestId('open-sample').waitFor({ state: 'visible' });
      await page.waitForFunction(`!document.querySelector('[data-testid="open-sample"]').disabled`);
      const t1 = Date.now();
      await page.getByTestId('open-sample').click();
      await page.getByTestId('check-button').waitFor({ state: 'visible' });
      const t2 = Date.now();
      await page.getByTestId('check-button').click();
      await page.getByTestId('summary').waitFor({ state: 'visible' });
      const t3 = Date.now();
      if (i > 0) {
        tti.push(t1 - t0);
        checkMs.push(t3 - t2);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await close();
  }
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return [
    { name: 'standalone page: time to interactive', value: med(tti), unit: 'ms' },
    { name: 'standalone page: check the sample (click → findings)', value: med(checkMs), unit: 'ms' },
  ];
}
