/** @jest-environment jsdom */
/**
 * The page's county consolidation (issue 14) in jsdom over the real samples, the real core and the real src/file:
 * several township workbooks opened at once give the 审核情况 table first (those to send back on top), a township
 * opens its findings, and the county workbook (live SUM formulas) and the county .docx download.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDecoder, TextEncoder } from 'util';
Object.assign(globalThis, { TextDecoder, TextEncoder, setImmediate: globalThis.setImmediate ?? ((fn: () => void) => setTimeout(fn, 0)) });

import * as React from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { loadExcelJs } from '../../src/file/exceljs';
import { WebApp, fileBytes } from '../../src/web/WebApp';
import { captureDownloads, type Download } from './fakes';

const SAMPLES = path.join(__dirname, '../../assets/samples');
const file = (name: string) => new File([fs.readFileSync(path.join(SAMPLES, name))], name);

const downloads: Download[] = [];
beforeAll(() => {
  (globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  captureDownloads(downloads);
});
afterEach(() => {
  cleanup();
  downloads.length = 0;
});

const T = { timeout: 30000 };

function openThree() {
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} />);
  fireEvent.change(screen.getByTestId('file-input'), {
    target: { files: [file('示范镇-2023-无误.xlsx'), file('周营镇-2023-指标.xlsx'), file('大钟庄镇-2021-比率.xlsx')] },
  });
}

const cellsOf = (row: HTMLElement) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent ?? '');

test('three township files: the 审核情况 table lists each once, the ones to send back first, the clean one last', async () => {
  openThree();
  // the table follows the files as they open: 2 rows once the second is read, then 3
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  const table = screen.getByTestId('county-table');
  const header = Array.from(table.querySelectorAll('th')).map((th) => th.textContent);
  expect(header.slice(0, 7)).toEqual(['序号', '乡镇', '文件', '报告年度', '错误', '待核实', '提示']);
  const rows = within(table).getAllByTestId('county-row');
  expect(rows.map((r) => r.getAttribute('data-file')).sort()).toEqual(['周营镇-2023-指标.xlsx', '大钟庄镇-2021-比率.xlsx', '示范镇-2023-无误.xlsx']);
  // the clean township needs nothing and comes last; the 2021 workbook is kept out of a 2023 county and sent back
  const last = cellsOf(rows[2]);
  expect(rows[2].getAttribute('data-file')).toBe('示范镇-2023-无误.xlsx');
  expect(last[4]).toBe('0');
  expect(last[11]).toBe('无需处理');
  const old = cellsOf(rows.find((r) => r.getAttribute('data-file') === '大钟庄镇-2021-比率.xlsx')!);
  expect(old[3]).toBe('2021');
  expect(old[11]).toMatch(/^退回/);
  // 周营镇 has the planted errors (Z1 rate mismatch, Z3 持证人数 > 人员): a count above 0, sent back
  const zhou = cellsOf(rows.find((r) => r.getAttribute('data-file') === '周营镇-2023-指标.xlsx')!);
  expect(Number(zhou[4])).toBeGreaterThanOrEqual(2);
  expect(zhou[11]).toMatch(/^退回/);
  expect(screen.getByTestId('county-summary').textContent).toMatch(/2023年度共收到3个文件/);
});

test('choosing a township in the table opens its file and shows its findings', async () => {
  openThree();
  // every file open first: a file that finishes opening becomes the active one
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  const table = screen.getByTestId('county-table');
  const row = within(table).getAllByTestId('county-row').find((r) => r.getAttribute('data-file') === '周营镇-2023-指标.xlsx')!;
  fireEvent.click(within(row).getByTestId('county-open'));
  const active = () => screen.getAllByTestId('file-item').find((b) => b.getAttribute('data-active') === 'true')!;
  expect(active().getAttribute('data-name')).toBe('周营镇-2023-指标.xlsx');
  const panel = screen.getAllByTestId('check-panel').find((p) => p.getAttribute('data-name') === '周营镇-2023-指标.xlsx')!;
  // checked without a further click: the rate mismatch planted at 矛盾纠纷化解!D6 is listed
  await within(panel).findByTestId('summary', {}, T);
  const z1 = within(panel).getAllByTestId('finding').find((f) => f.getAttribute('data-cell') === 'D6' && /矛盾纠纷化解/.test(f.getAttribute('data-sheet') ?? ''));
  expect(z1).toBeDefined();
});

test('the county workbook downloads with 审核情况, 汇总表 (live SUM in its 合计 row) and 汇总报告文稿; the county .docx too', async () => {
  openThree();
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  fireEvent.click(screen.getByTestId('county-workbook'));
  await waitFor(() => expect(downloads).toHaveLength(1), T);
  expect(downloads[0].name).toBe('全县汇总.xlsx');
  const wb = await loadExcelJs(new Uint8Array(await fileBytes(downloads[0].blob)), downloads[0].name);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['审核情况', '汇总表', '汇总报告文稿', '审核明细']);
  const summary = wb.getWorksheet('汇总表')!;
  let total: import('exceljs').Row | null = null;
  summary.eachRow((row) => {
    if (row.getCell(2).value === '合计') total = row;
  });
  expect(total).not.toBeNull();
  const formulas: string[] = [];
  (total as unknown as import('exceljs').Row).eachCell((c) => {
    const f = (c.value as { formula?: string } | null)?.formula;
    if (f) formulas.push(f);
  });
  expect(formulas.some((f) => /^SUM\(/.test(f))).toBe(true);
  // two townships of 2023 are in the totals, the 2021 one is not
  const townships: string[] = [];
  summary.eachRow((row, n) => {
    if (n > 2 && row.getCell(1).value != null && typeof row.getCell(1).value === 'number') townships.push(String(row.getCell(2).value));
  });
  expect(townships.sort()).toEqual(['周营镇', '示范镇']);
  expect(screen.getByTestId('county-notice').textContent).toBe('已下载“全县汇总.xlsx”。');

  fireEvent.click(screen.getByTestId('county-docx'));
  await waitFor(() => expect(downloads).toHaveLength(2), T);
  expect(downloads[1].name).toBe('全县报告.docx');
  const docx = new Uint8Array(await fileBytes(downloads[1].blob));
  expect(Array.from(docx.slice(0, 2))).toEqual([0x50, 0x4b]);
});

test('one workbook open: no county table', async () => {
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file('示范镇-2023-无误.xlsx')] } });
  await screen.findByTestId('file-item', {}, T);
  expect(screen.queryByTestId('county-panel')).toBeNull();
});
