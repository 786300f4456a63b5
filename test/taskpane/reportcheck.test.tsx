/** @jest-environment jsdom */
/**
 * 检查报告文稿 in the pane (issue 13): the open workbook's text sheet, or a .docx the user picks, checked against the
 * open workbook with the real core; text findings listed at their paragraph beside the cell findings; choosing one
 * highlights its words and selects the paragraph's cell.
 */
import * as fs from 'fs';
import { TextDecoder, TextEncoder } from 'util';
import * as path from 'path';
import * as React from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import type { Workbook } from '../../src/core/types';
import { readXlsx } from '../../src/file/read';
import { docx, p } from '../file/docx-fixture';
import { FINDINGS, FakeHost, fakeEngine } from './fakes';

afterEach(cleanup);
// jsdom has no TextEncoder/TextDecoder; the readers use them as browsers provide them
Object.assign(globalThis, { TextEncoder, TextDecoder });
const LONG = { timeout: 20_000 }; // the real core reads and checks the workbook

const ZHOU = path.resolve(__dirname, '../../assets/samples/周营镇-2023-指标.xlsx');
// the sample's 信访 counts are 7 received… 9 — 7/9 = 77.8%; its report says 100% (as the real 周营镇 report does)
const SENTENCE = '2023年，全镇信访案件化解率达到100%，连续多年荣获市级信访工作先进单位。';

async function zhou(extra?: (string | null)[][]): Promise<Workbook> {
  const book = await readXlsx(fs.readFileSync(ZHOU), '周营镇-2023-指标.xlsx');
  if (extra) book.sheets.push({ name: '报告正文', rows: extra });
  return book;
}

/** The pane with 检查报告文稿 loaded (it is a chunk of its own, loaded after the pane's first screen). */
async function setup(book: Workbook) {
  const host = new FakeHost(book);
  render(<App host={host} engine={fakeEngine(FINDINGS)} language="zh-CN" />);
  await screen.findByTestId('report-check', {}, LONG);
  return host;
}

test('a 报告正文 sheet is checked against the open workbook: the wrong rate at its paragraph and cell; choosing it selects the cell and marks the words', async () => {
  const host = await setup(await zhou([['关于2023年度法治政府建设情况的报告'], [null], [SENTENCE]]));
  fireEvent.click(screen.getByTestId('report-check-run'));
  const list = await screen.findByTestId('report-findings', {}, LONG);
  const items = within(list).getAllByTestId('report-finding');
  const rate = items.find((b) => b.textContent!.includes('77.8%'))!;
  expect(rate.textContent).toMatch(/^第2段（报告正文!A3）·错误：.*化解率达到100%/);
  expect(screen.getByTestId('report-summary').textContent).toContain('与 周营镇-2023-指标.xlsx 对照');
  fireEvent.click(rate);
  await waitFor(() => expect(host.selected).toContainEqual({ sheet: '报告正文', cell: 'A3' }), LONG);
  const marked = screen.getByTestId('report-text').querySelector('mark[data-active="true"]')!;
  expect(marked.textContent).toContain('100%');
  expect(marked.closest('p')!.getAttribute('data-paragraph')).toBe('2');
  // the pane's own workbook check is still there beside it
  expect(screen.getByTestId('check-button')).toBeTruthy();
});

test('a consistent sentence gets no finding; the paragraph is shown unmarked', async () => {
  await setup(await zhou([['关于2023年度法治政府建设情况的报告'], ['全年排查矛盾纠纷37件，化解35件，化解率94.6%。']]));
  fireEvent.click(screen.getByTestId('report-check-run'));
  await screen.findByTestId('report-summary', {}, LONG);
  expect(screen.queryByTestId('report-findings')).toBeNull();
  expect(screen.getByTestId('report-text').querySelectorAll('mark')).toHaveLength(0);
  expect(screen.getByTestId('report-text').textContent).toContain('化解率94.6%');
});

test('without a text sheet the pane says where to put the report or to pick the .docx', async () => {
  await setup(await zhou());
  fireEvent.click(screen.getByTestId('report-check-run'));
  const err = await screen.findByTestId('report-error', {}, LONG);
  expect(err.textContent).toContain('工作簿中没有“报告正文”“报告”或“报告文稿”表');
});

test('a .docx picked is checked against the open workbook (no cell to select for a Word paragraph)', async () => {
  const host = await setup(await zhou());
  const bytes = docx(p('关于2023年度法治政府建设情况的报告') + p('2023年，全镇信访案件化解率达到', '10', '0%，连续多年荣获市级信访工作先进单位。'));
  const file = new File([bytes as BlobPart], '周营镇报告.docx');
  fireEvent.change(screen.getByTestId('report-input'), { target: { files: [file] } });
  const list = await screen.findByTestId('report-findings', {}, LONG);
  const rate = within(list).getAllByTestId('report-finding').find((b) => b.textContent!.includes('77.8%'))!;
  expect(rate.textContent).toMatch(/^第2段·错误：/);
  fireEvent.click(rate);
  await waitFor(() => expect(screen.getByTestId('report-text').querySelector('mark[data-active="true"]')).not.toBeNull());
  expect(host.selected).toEqual([]);
});

test('a damaged .docx picked is named in the message', async () => {
  await setup(await zhou());
  const whole = docx(p(SENTENCE));
  fireEvent.change(screen.getByTestId('report-input'), { target: { files: [new File([whole.subarray(0, whole.length - 40) as BlobPart], '坏报告.docx')] } });
  const err = await screen.findByTestId('report-error', {}, LONG);
  expect(err.textContent).toContain('“坏报告.docx”是 Word 文档，但已损坏');
});
