/** @jest-environment jsdom */
/**
 * The page on huge sheets (issue 17, items 10 and 11): a sheet of 150,000 rows, or one stray value at A150000,
 * used to overflow the call stack in the preview and take the whole page down with every open file. Real .xlsx
 * bytes (the hostile fixtures' hand-written zip) read by the real src/file reader; the engine is the pane's fake,
 * so a finding can point at the last row. The Chromium e2e (test/e2e/huge.test.ts) does the same with layout.
 */
import { TextDecoder, TextEncoder } from 'util';
Object.assign(globalThis, { TextDecoder, TextEncoder });

import * as React from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Finding, Workbook } from '../../src/core/types';
import { readXlsx } from '../../src/file/read';
import type { FileModule } from '../../src/web/FileHost';
import { WebApp } from '../../src/web/WebApp';
import { minimalXlsx, sheetXml } from '../hostile/fixtures';
import { fakeEngine, finding } from './fakes';

beforeAll(() => {
  (globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});
afterEach(cleanup);

const INFO = sheetXml([
  { r: 1, cells: [['A1', '单位名称'], ['B1', '周营镇']] },
  { r: 2, cells: [['A2', '报告年度'], ['B2', 2023]] },
]);

/** A register of `n` rows (A: 序号 text, B: a number), as a 信访台账 kept beside the indicators. */
function register(n: number): string {
  const rows: { r: number; cells: [string, string | number][] }[] = [{ r: 1, cells: [['A1', '登记号'], ['B1', '件数']] }];
  for (let r = 2; r <= n; r++) rows.push({ r, cells: [[`A${r}`, `第${r}号`], [`B${r}`, r % 7]] });
  return sheetXml(rows);
}

function file(name: string, bytes: Uint8Array): File {
  return new File([bytes as BlobPart], name);
}

function pick(...files: File[]) {
  fireEvent.change(screen.getByTestId('file-input'), { target: { files } });
}

function panel(name: string): HTMLElement {
  return screen.getAllByTestId('check-panel').find((p) => p.getAttribute('data-name') === name)!;
}

function openTab(p: HTMLElement, sheet: string) {
  fireEvent.click(within(p).getAllByTestId('sheet-tab').find((t) => t.getAttribute('data-sheet') === sheet)!);
}

const bodyRows = (p: HTMLElement) => within(p).getByTestId('preview-grid').querySelectorAll('tbody tr').length;

const lastRow: Finding = finding({ id: 'x1', rule: 'unparseable-value', severity: 'error', sheet: '台账', cell: 'A150000', message: '‘台账’表 A150000 无法读取。' });

test('a 150,000-row sheet: its tab shows a bounded window of rows, a finding on its last row shows that cell, and the next file opens', async () => {
  render(<WebApp language="zh-CN" engine={fakeEngine([lastRow])} />);
  pick(file('台账镇.xlsx', minimalXlsx([{ name: '基本情况', xml: INFO }, { name: '台账', xml: register(150_000) }])));
  await screen.findByTestId('preview-grid', {}, { timeout: 20_000 });
  const p = panel('台账镇.xlsx');
  openTab(p, '台账');
  await waitFor(() => expect(within(p).getByTestId('preview-grid').getAttribute('data-sheet')).toBe('台账'));
  expect(bodyRows(p)).toBeLessThan(100);
  expect(within(p).getByTestId('preview-size').textContent).toBe('共 150000 行、2 列。');
  expect(screen.getByTestId('file-input')).toBeTruthy();

  fireEvent.click(within(p).getByTestId('check-button'));
  fireEvent.click(await within(p).findByTestId('finding', {}, { timeout: 10_000 }));
  await waitFor(() => expect(within(p).getByTestId('preview-grid').querySelector('td[data-cell="A150000"]')).not.toBeNull());
  const cell = within(p).getByTestId('preview-grid').querySelector('td[data-cell="A150000"]')!;
  expect(cell.getAttribute('aria-selected')).toBe('true');
  expect(cell.textContent).toBe('第150000号');
  expect(bodyRows(p)).toBeLessThan(100);

  pick(file('二.xlsx', minimalXlsx([{ name: '基本情况', xml: INFO }])));
  await waitFor(() => expect(screen.getAllByTestId('file-item')).toHaveLength(2));
  expect(screen.getAllByTestId('file-item').map((b) => b.getAttribute('data-name'))).toEqual(['台账镇.xlsx', '二.xlsx']);
}, 60_000);

test('a normal sheet with one stray value at A150000: the tab opens, and scrolling to the bottom shows the value', async () => {
  const stray = sheetXml([
    { r: 1, cells: [['A1', '指标名称'], ['B1', '数值']] },
    { r: 2, cells: [['A2', '信访案件受理数'], ['B2', 37]] },
    { r: 150000, cells: [['A150000', '误输入']] },
  ]);
  render(<WebApp language="zh-CN" engine={fakeEngine([])} />);
  pick(file('周营镇.xlsx', minimalXlsx([{ name: '基本情况', xml: INFO }, { name: '指标', xml: stray }])));
  await screen.findByTestId('preview-grid', {}, { timeout: 20_000 });
  const p = panel('周营镇.xlsx');
  openTab(p, '指标');
  await waitFor(() => expect(within(p).getByTestId('preview-grid').getAttribute('data-sheet')).toBe('指标'));
  expect(within(p).getByTestId('preview-grid').querySelector('td[data-cell="B2"]')!.textContent).toBe('37');
  expect(bodyRows(p)).toBeLessThan(100);

  // scroll the preview to its end (jsdom has no layout: the scroller reports the position it is given)
  const scroller = within(p).getByTestId('preview-scroller');
  Object.defineProperty(scroller, 'scrollTop', { configurable: true, get: () => 150_000 * 22 });
  fireEvent.scroll(scroller);
  await waitFor(() => expect(within(p).getByTestId('preview-grid').querySelector('td[data-cell="A150000"]')?.textContent).toBe('误输入'));
  expect(bodyRows(p)).toBeLessThan(100);
  expect(within(p).getByTestId('preview-grid').querySelector('td[data-cell="B2"]')).toBeNull();
}, 60_000);

test('a file whose view fails to render shows a message naming it; the file input and the other files stay', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error
  // A reader answer no real file gives (a sheet without rows), to make the view fail the way a bug would.
  const broken: FileModule = {
    readXlsx: async (data, name): Promise<Workbook> =>
      name === '坏.xlsx' ? { name, sheets: [{ name: '表', rows: null as unknown as [] }] } : readXlsx(data, name),
    applyPlan: async () => {
      throw new Error('not used');
    },
    reportDocx: async () => {
      throw new Error('not used');
    },
  };
  render(<WebApp language="zh-CN" engine={fakeEngine([])} hostOptions={{ load: async () => broken }} />);
  pick(file('好.xlsx', minimalXlsx([{ name: '基本情况', xml: INFO }])), file('坏.xlsx', minimalXlsx([{ name: '表' }])));
  await waitFor(() => expect(screen.getAllByTestId('file-item')).toHaveLength(2));
  const bad = panel('坏.xlsx');
  const failed = await within(bad).findByTestId('view-failed');
  expect(failed.getAttribute('data-part')).toBe('preview');
  expect(failed.textContent).toContain('文件“坏.xlsx”的工作表预览无法显示');
  // the findings side of the failed file still works, and so does everything else on the page
  expect(within(bad).getByTestId('check-button')).toBeTruthy();
  expect(screen.getByTestId('file-input')).toBeTruthy();
  expect(within(panel('好.xlsx')).getByTestId('preview-grid').getAttribute('data-sheet')).toBe('基本情况');
  fireEvent.click(screen.getAllByTestId('file-item')[0]);
  expect(screen.getAllByTestId('file-item')[0].getAttribute('data-active')).toBe('true');
  logged.mockRestore();
}, 60_000);

test('a failure in the findings part of one file closes nothing: its message offers to close that file alone', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const engine = fakeEngine([]);
  const check = engine.check.bind(engine);
  // a result the list cannot show (no findings array), as a bug in the pane would leave it
  engine.check = (book) => (book.name === '二.xlsx' ? { ...check(book), findings: null as unknown as Finding[] } : check(book));
  render(<WebApp language="zh-CN" engine={engine} />);
  pick(file('一.xlsx', minimalXlsx([{ name: '基本情况', xml: INFO }])), file('二.xlsx', minimalXlsx([{ name: '基本情况', xml: INFO }])));
  await waitFor(() => expect(screen.getAllByTestId('check-panel')).toHaveLength(2));
  // each file is checked when opened: only 二.xlsx's view fails
  const failed = await within(panel('二.xlsx')).findByTestId('view-failed');
  expect(failed.getAttribute('data-part')).toBe('view');
  expect(failed.textContent).toContain('文件“二.xlsx”的检查界面无法显示');
  expect(within(panel('一.xlsx')).getByTestId('check-button')).toBeTruthy();
  fireEvent.click(within(failed).getByTestId('view-close'));
  await waitFor(() => expect(screen.getAllByTestId('file-item').map((b) => b.getAttribute('data-name'))).toEqual(['一.xlsx']));
  expect(screen.getByTestId('file-input')).toBeTruthy();
  logged.mockRestore();
}, 60_000);

test('a title alone on its row runs on over the empty cells beside it, as in Excel; it does not widen its column', async () => {
  const xml = sheetXml([
    { r: 1, cells: [['A1', '公共法律服务与法治阵地建设情况']] },
    { r: 2, cells: [['A2', '序号'], ['B2', '指标名称'], ['C2', '数值']] },
    { r: 3, cells: [['A3', 1], ['B3', '行政村数'], ['C3', 20]] },
  ]);
  render(<WebApp language="zh-CN" engine={fakeEngine([])} />);
  pick(file('周营镇.xlsx', minimalXlsx([{ name: '公共法律服务', xml }])));
  const grid = await screen.findByTestId('preview-grid', {}, { timeout: 20_000 });
  const a1 = grid.querySelector<HTMLElement>('td[data-cell="A1"]')!;
  expect(a1.textContent).toBe('公共法律服务与法治阵地建设情况');
  expect(a1.style.overflow).toBe('visible');
  expect(grid.querySelector<HTMLElement>('td[data-cell="B2"]')!.style.overflow).toBe('');
  // column A is as wide as 序号 needs, not as the title
  const widths = Array.from(grid.querySelectorAll('col')).map((c) => parseFloat(c.style.width));
  expect(widths[1]).toBeLessThan(widths[2]);
});
