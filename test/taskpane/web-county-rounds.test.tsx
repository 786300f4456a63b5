/** @jest-environment jsdom */
/**
 * The page's county table compared with the previous round (与上次比较, as `merge --since`): the previous county
 * workbook — here the one the page itself downloads, from three townships — is picked, and the table gains the
 * round and per township 已改正 / 新出现 / 仍未改正, the township not opened again listed as 未重新报送; a workbook
 * that is no county workbook of ours is named and nothing is compared.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDecoder, TextEncoder } from 'util';
Object.assign(globalThis, { TextDecoder, TextEncoder, setImmediate: globalThis.setImmediate ?? ((fn: () => void) => setTimeout(fn, 0)) });

import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { check } from '../../src/core/check';
import { planToNewXlsx, readWorkbook } from '../../src/file';
import { loadExcelJs } from '../../src/file/exceljs';
import { consolidateParts, countyPartOfBook } from '../../src/web/county';
import { WebApp, fileBytes } from '../../src/web/WebApp';
import { pageDownloads } from './fakes';

const SAMPLES = path.join(__dirname, '../../assets/samples');
const bytesOf = (name: string) => new Uint8Array(fs.readFileSync(path.join(SAMPLES, name)));
const file = (name: string) => new File([bytesOf(name)], name);

const downloads = pageDownloads();

const T = { timeout: 30000 };
const ROUND_ONE = ['周营镇-2023-指标.xlsx', '示范镇-2023-无误.xlsx', '前营乡-2023-逐年.xlsx'];

/** The county workbook of round 1, as the page downloads it (the same core and writer). */
async function roundOne(): Promise<File> {
  const parts = await Promise.all(ROUND_ONE.map(async (n) => countyPartOfBook(n, await readWorkbook(bytesOf(n), n))));
  const bytes = await planToNewXlsx(consolidateParts(parts).plan);
  return new File([bytes as BlobPart], '第1轮全县汇总.xlsx');
}

function openTwo() {
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file('示范镇-2023-无误.xlsx'), file('周营镇-2023-指标.xlsx')] } });
}

const headerOf = () => Array.from(screen.getByTestId('county-table').querySelectorAll('th')).map((th) => th.textContent ?? '');
const record = (row: HTMLElement) => {
  const h = headerOf();
  const cells = Array.from(row.querySelectorAll('td')).map((td) => td.textContent ?? '');
  return Object.fromEntries(h.map((k, i) => [k, cells[i]]));
};

test('与上次比较 with the previous county workbook: 第2轮, 仍未改正 per township, the township not opened again 未重新报送, in the table and the download', async () => {
  const previous = await roundOne();
  openTwo();
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(2), T);
  expect(headerOf()).not.toContain('轮次');
  fireEvent.change(screen.getByTestId('county-since-input'), { target: { files: [previous] } });
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  expect(headerOf().slice(-5)).toEqual(['轮次', '报送情况', '已改正', '新出现', '仍未改正']);
  expect(screen.getByTestId('county-since-active').textContent).toContain('正在与上一轮（第1轮）的全县汇总表“第1轮全县汇总.xlsx”比较');
  expect(screen.getByTestId('county-summary').textContent).toMatch(/^第2轮：2023年度共收到2个文件/);

  const rows = within(screen.getByTestId('county-table')).getAllByTestId('county-row').map(record);
  const of = (t: string) => rows.find((r) => r['乡镇'] === t)!;
  // the same 周营镇 file as in round 1: every finding still open, none fixed, none new
  const zhou = check(await readWorkbook(bytesOf('周营镇-2023-指标.xlsx'), '周营镇-2023-指标.xlsx')).findings.length;
  expect([of('周营镇')['轮次'], of('周营镇')['报送情况'], of('周营镇')['已改正'], of('周营镇')['新出现'], of('周营镇')['仍未改正']]).toEqual(['第2轮', '重新报送', '0', '0', String(zhou)]);
  expect([of('前营乡')['轮次'], of('前营乡')['报送情况']]).toEqual(['第1轮', '未重新报送']);
  expect(of('前营乡')['需要做的']).toMatch(/^催报：/);

  // the county workbook downloaded now is round 2, and can be the previous round of round 3
  fireEvent.click(screen.getByTestId('county-workbook'));
  await waitFor(() => expect(downloads).toHaveLength(1), T);
  const wb = await loadExcelJs(new Uint8Array(await fileBytes(downloads[0].blob)), downloads[0].name);
  expect(String(wb.getWorksheet('审核明细')!.getCell('A1').value)).toMatch(/^2023年度第2轮审核明细（与上一轮“第1轮全县汇总\.xlsx”比较）/);
  expect(wb.getWorksheet('审核情况')!.getCell('M2').value).toBe('轮次');

  fireEvent.click(screen.getByTestId('county-since-clear'));
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(2), T);
  expect(headerOf()).not.toContain('轮次');
});

test('a township workbook picked as the previous round is named and nothing is compared', async () => {
  openTwo();
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(2), T);
  fireEvent.change(screen.getByTestId('county-since-input'), { target: { files: [file('前营乡-2023-逐年.xlsx')] } });
  const error = await screen.findByTestId('county-since-error', {}, T);
  expect(error.textContent).toContain('“前营乡-2023-逐年.xlsx”中没有本工具写出的“审核明细”表，无法作为上一轮比较');
  expect(screen.queryByTestId('county-since-active')).toBeNull();
  expect(headerOf()).not.toContain('轮次');
});
