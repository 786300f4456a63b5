/**
 * The Excel task pane (dist/taskpane.html) in Chromium over the fake office-js (./office-entry.ts): opening it with a
 * workbook, reading the fake back, and saving it as Excel would (the county's result copy of a round).
 */
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import type { Workbook } from '../../../src/core/types';
import type { E2EOfficeSpec, E2ESheet, SavedSheet } from './office-entry';
import { fakeOfficeScript } from './office';
import { pageContext, type Site } from './page';

export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

export function toSpec(book: Workbook, language = 'zh-CN'): E2EOfficeSpec {
  return {
    language,
    book: {
      name: book.name,
      sheets: book.sheets.map((g) => ({
        name: g.name,
        rows: g.rows as E2ESheet['rows'],
        origin: g.origin,
        formats: g.formats,
        merges: g.merges,
        visibility: g.visibility,
      })),
    },
  };
}

export interface PaneSession {
  context: BrowserContext;
  page: Page;
  /** Requests for anything but 127.0.0.1 and the (fulfilled) office.js. */
  outside: string[];
  officeJsRequests: number;
}

/** The site's taskpane.html with the fake Office/Excel injected before any script and office.js answered locally. */
export async function openPane(site: Site, spec: E2EOfficeSpec, width = 320, height = 700): Promise<PaneSession> {
  const script = await fakeOfficeScript();
  const context = await pageContext(site, { width, height, timeout: 15_000 });
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
  await session.page.goto(`${site.server.url}taskpane.html`);
  await session.page.getByTestId('check-button').waitFor({ timeout: 30_000 });
  return session;
}

/** Calls the fake workbook's probe (office-entry.ts `FakeExcelProbe`) inside the page. */
export function probe<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([f, a]) => (window as unknown as { __fakeExcel: Record<string, (...x: unknown[]) => unknown> }).__fakeExcel[f as string](...(a as unknown[])),
    [fn, args] as const,
  ) as Promise<T>;
}

/** The fake workbook saved as an .xlsx, as Excel's 另存为 would write it (values, formulas, number formats, merges). */
export async function savedXlsx(page: Page): Promise<Buffer> {
  const sheets = await probe<SavedSheet[]>(page, 'saved');
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.visibility });
    for (const c of s.cells) {
      const cell = ws.getCell(c.r + 1, c.c + 1);
      const v = typeof c.v === 'object' && c.v ? { error: c.v.error } : c.v;
      cell.value = (c.f ? { formula: c.f.replace(/^=/, ''), result: v } : v ?? null) as ExcelJS.CellValue;
      if (c.nf) cell.numFmt = c.nf;
    }
    for (const m of s.merges) ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
