/**
 * Bundles ./office-entry.ts (the fake Office/Excel globals over test/excel/fake-excel.ts) into one browser script
 * with webpack's Node API — the test harness only; the page itself is never built here. Cached per test run.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import webpack from 'webpack';
import { ROOT } from './browser';
import type { E2EOfficeSpec, FakeExcelProbe } from './office-entry';

const OUT_DIR = path.join(ROOT, 'test-results', 'e2e-build');
const OUT_FILE = 'fake-office.js';
let cached: Promise<string> | null = null;

export function fakeOfficeScript(): Promise<string> {
  cached ??= new Promise<string>((resolve, reject) => {
    const compiler = webpack({
      mode: 'development',
      devtool: false,
      target: 'web',
      context: ROOT,
      entry: path.join(__dirname, 'office-entry.ts'),
      output: { path: OUT_DIR, filename: OUT_FILE, iife: true },
      resolve: { extensions: ['.ts', '.js'] },
      module: {
        rules: [
          {
            test: /\.ts$/,
            exclude: /node_modules/,
            use: {
              loader: 'ts-loader',
              options: {
                transpileOnly: true,
                configFile: path.join(ROOT, 'tsconfig.json'),
                compilerOptions: { module: 'esnext', moduleResolution: 'node', sourceMap: false },
              },
            },
          },
        ],
      },
      optimization: { splitChunks: false, runtimeChunk: false },
      performance: { hints: false },
      infrastructureLogging: { level: 'error' },
    });
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(err);
      if (!stats || stats.hasErrors()) {
        return reject(new Error(`bundling the fake office-js failed:\n${stats?.toString({ all: false, errors: true })}`));
      }
      resolve(fs.readFileSync(path.join(OUT_DIR, OUT_FILE), 'utf8'));
    });
  });
  return cached;
}

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

export interface PaneSession {
  context: BrowserContext;
  page: Page;
  /** Requests for anything but 127.0.0.1 and the (fulfilled) office.js, refused. */
  outside: string[];
  officeJsRequests: number;
}

/**
 * dist/taskpane.html in a fresh browser context with the fake Office/Excel of `spec` injected before any script,
 * office.js answered locally and every request outside 127.0.0.1 refused (and recorded); resolves once the pane
 * shows its check button. `probe(page, fn, …args)` calls the fake's FakeExcelProbe inside the page.
 */
export async function openFakePane(browser: Browser, baseUrl: string, spec: E2EOfficeSpec, viewport = { width: 320, height: 700 }): Promise<PaneSession> {
  const script = await fakeOfficeScript();
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const session: PaneSession = { context, page: null as unknown as Page, outside: [], officeJsRequests: 0 };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.split('?')[0] === OFFICE_JS) {
      session.officeJsRequests++;
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: 'window.__officeJsLoaded = true;' });
    }
    const u = new URL(url);
    if (u.protocol === 'blob:' || u.protocol === 'data:' || u.hostname === '127.0.0.1') return route.continue();
    session.outside.push(url);
    return route.abort();
  });
  await context.addInitScript({ content: `window.__E2E_OFFICE__ = ${JSON.stringify(spec)};\n${script}` });
  session.page = await context.newPage();
  await session.page.goto(`${baseUrl}taskpane.html`);
  await session.page.getByTestId('check-button').waitFor({ timeout: 30_000 });
  return session;
}

export function probe<T>(page: Page, fn: keyof FakeExcelProbe, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([f, a]) => (window as unknown as { __fakeExcel: Record<string, (...x: unknown[]) => unknown> }).__fakeExcel[f as string](...(a as unknown[])),
    [fn, args] as const,
  ) as Promise<T>;
}
