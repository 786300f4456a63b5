/** @jest-environment jsdom */
/**
 * The county panel's 乡镇名单, 去年的文件 and 报告年度 (issue 14: what `merge --expect --previous --year` does, on the
 * page), in jsdom over the real core and src/file: what the statistician sees in 审核情况, in the findings across
 * townships and in the downloaded county workbook.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDecoder, TextEncoder } from 'util';
Object.assign(globalThis, { TextDecoder, TextEncoder, setImmediate: globalThis.setImmediate ?? ((fn: () => void) => setTimeout(fn, 0)) });

import * as React from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ExcelJS from 'exceljs';
import { readXlsx } from '../../src/file';
import { WebApp, fileBytes } from '../../src/web/WebApp';
import { EXPECTED_KEY } from '../../src/web/expectedStore';
import { pageDownloads } from './fakes';

const SAMPLES = path.join(__dirname, '../../assets/samples');
const sample = (name: string) => new File([fs.readFileSync(path.join(SAMPLES, name))], name);

const downloads = pageDownloads();

const T = { timeout: 30000 };
jest.setTimeout(90_000);

/** A township's workbook of `year`: petitions received and resolved. */
async function township(unit: string, year: number, received: number, resolved: number, name = `${unit}-${year}-指标.xlsx`): Promise<File> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('基本情况').addRows([['单位名称', unit], ['报告年度', year]]);
  wb.addWorksheet('指标').addRows([
    ['序号', '指标名称', '单位', `${year}年`],
    [1, '受理信访案件', '件', received],
    [2, '化解信访案件', '件', resolved],
  ]);
  return new File([Buffer.from(await wb.xlsx.writeBuffer())], name);
}

const cellsOf = (row: HTMLElement) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent ?? '');
const rowOf = (township: string) => screen.getAllByTestId('county-row').find((r) => cellsOf(r)[1] === township);
const findings = () => screen.queryAllByTestId('county-finding').map((li) => ({ rule: li.getAttribute('data-rule'), text: li.textContent ?? '' }));

async function openTwo(rows = 2) {
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [sample('示范镇-2023-无误.xlsx'), sample('周营镇-2023-指标.xlsx')] } });
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(rows), T);
}

test('a pasted 乡镇名单: the township on it without a workbook is a row of 审核情况 to call for and a finding; the list is remembered and removable', async () => {
  await openTwo();
  expect(screen.getByTestId('expected-status').textContent).toBe('未载入：不核对是否每个乡镇都已报送。');
  // the office's full name matches the township's workbook; a header, and a duplicate named by its line
  fireEvent.change(screen.getByTestId('expected-paste'), { target: { value: '乡镇名单\n1、周营镇人民政府\n2、示范镇\n3、前营乡\n4、前营乡\n' } });
  fireEvent.click(screen.getByTestId('expected-use'));
  await waitFor(() => expect(rowOf('前营乡')).toBeDefined(), T);
  expect(screen.getByTestId('expected-status').textContent).toMatch(/^乡镇名单：3个乡镇（“粘贴的名单”，已载入 \d{4}-\d\d-\d\d \d\d:\d\d）$/);
  expect(screen.getByTestId('expected-problems').textContent).toBe('名单“粘贴的名单”第5行的“前营乡”与第4行重复，只计一次。');
  const missing = cellsOf(rowOf('前营乡')!);
  expect(missing.slice(10)).toEqual(['未报送：名单“粘贴的名单”第4行有此乡镇，没有收到它的工作簿', '催报：请前营乡报送工作簿']);
  expect(screen.getByTestId('county-summary').textContent).toContain('名单“粘贴的名单”中有1个乡镇没有收到工作簿；需要退回或催报的');
  const listed = findings().filter((f) => f.rule === 'county-missing' || f.rule === 'county-unlisted');
  expect(listed).toHaveLength(1);
  expect(listed[0].text).toContain('● 错误名单“粘贴的名单”第4行的“前营乡”没有找到工作簿');
  expect(JSON.parse(localStorage.getItem(EXPECTED_KEY)!).name).toBe('粘贴的名单');

  // the page opened again: the list still applies
  cleanup();
  await openTwo(3);
  expect(rowOf('前营乡')).toBeDefined();
  expect(screen.getByTestId('expected-status').textContent).toMatch(/^乡镇名单：3个乡镇/);
  fireEvent.click(screen.getByTestId('expected-remove'));
  await waitFor(() => expect(rowOf('前营乡')).toBeUndefined(), T);
  expect(findings().some((f) => f.rule === 'county-missing')).toBe(false);
  expect(localStorage.getItem(EXPECTED_KEY)).toBeNull();
});

test('a list file (.txt with a full-width numbering) and one with no township at all: the second is refused naming the file', async () => {
  await openTwo();
  fireEvent.change(screen.getByTestId('expected-input'), { target: { files: [new File(['乡镇名单\n序号 乡镇\n'], '空名单.txt')] } });
  await screen.findByTestId('expected-error', {}, T);
  expect(screen.getByTestId('expected-error').textContent).toContain('名单“空名单.txt”中没有乡镇名称：请每行写一个乡镇。');
  fireEvent.change(screen.getByTestId('expected-input'), { target: { files: [new File(['１．周营镇\n２．示范镇\n３．大钟庄镇\n'], '乡镇名单.txt')] } });
  await waitFor(() => expect(rowOf('大钟庄镇')).toBeDefined(), T);
  expect(screen.getByTestId('expected-status').textContent).toMatch(/^乡镇名单：3个乡镇（“乡镇名单.txt”/);
  expect(findings().find((f) => f.rule === 'county-missing')!.text).toContain('名单“乡镇名单.txt”第3行的“大钟庄镇”没有找到工作簿');
});

test("last year's files: the county narrative states the change, a figure four times last year's is to verify, and a file that cannot be used is named", async () => {
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [await township('甲镇', 2023, 40, 38), await township('乙镇', 2023, 20, 19)] } });
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(2), T);
  expect(screen.getByTestId('previous-status').textContent).toBe('未添加：汇总报告不作同比。');
  fireEvent.change(screen.getByTestId('previous-input'), {
    target: { files: [await township('甲镇', 2022, 10, 9), await township('乙镇', 2022, 20, 20), new File(['not a workbook'], '丙镇-2022-指标.xlsx'), await township('乙镇', 2021, 5, 5)] },
  });
  await waitFor(() => expect(screen.getByTestId('previous-status').textContent).toBe('已读取2个，2个未能使用。'), T);
  const problems = within(screen.getByTestId('previous-problems')).getAllByRole('listitem').map((li) => li.textContent);
  expect(problems).toHaveLength(2);
  expect(problems[0]).toMatch(/^文件“丙镇-2022-指标\.xlsx”.*无法读取/);
  expect(problems[1]).toBe('“乙镇-2021-指标.xlsx”（乙镇）是2021年度的工作簿，不是上一年度（2022年度）的，没有用于同比。');
  // last year's files are no rows of this year's table
  expect(screen.getAllByTestId('county-row')).toHaveLength(2);
  await waitFor(() => expect(findings().some((f) => f.rule === 'county-large-change')).toBe(true), T);
  const change = findings().find((f) => f.rule === 'county-large-change')!;
  expect(change.text).toContain('▲ 待核实甲镇（“甲镇-2023-指标.xlsx”');
  expect(change.text).toContain('本年为40件，上年为10件（去年“甲镇-2022-指标.xlsx”');
  expect(rowOf('甲镇') && cellsOf(rowOf('甲镇')!)[10]).toContain('与上年相比变化过大');

  fireEvent.click(screen.getByTestId('county-workbook'));
  await waitFor(() => expect(downloads).toHaveLength(1), T);
  const book = await readXlsx(new Uint8Array(await fileBytes(downloads[0].blob)), downloads[0].name);
  const text = book.sheets.find((s) => s.name === '汇总报告文稿')!.rows.map((r) => String(r[0] ?? '')).join('');
  // 60 received against last year's 30
  expect(text).toContain('全县共受理信访案件60件，同比增长100%');
});

test('files of two years: the report year is the choice, a file of the other year is kept out of the totals with a finding', async () => {
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} />);
  const files = [sample('周营镇-2023-指标.xlsx'), await township('甲镇', 2022, 12, 11), await township('乙镇', 2022, 20, 19)];
  fireEvent.change(screen.getByTestId('file-input'), { target: { files } });
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  // most files are of 2022: the county is 2022 until 2023 is chosen
  const select = (await screen.findByTestId('county-year-select', {}, T)) as HTMLSelectElement;
  expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['2022年度（多数文件的年度）', '2023年度', '2022年度']);
  await waitFor(() => expect(cellsOf(rowOf('周营镇')!)[10]).toContain('未计入合计：2023年度'), T);

  fireEvent.change(select, { target: { value: '2023' } });
  await waitFor(() => expect(screen.getByTestId('county-summary').textContent).toMatch(/2023年度共收到3个文件，1个乡镇计入汇总/), T);
  for (const t of ['甲镇', '乙镇']) expect(cellsOf(rowOf(t)!)[10]).toContain('未计入合计：2022年度');
  expect(cellsOf(rowOf('周营镇')!)[10]).not.toContain('未计入合计');
  const other = findings().filter((f) => f.rule === 'county-other-year');
  expect(other.map((f) => f.text.match(/“(.+?)”/)![1]).sort()).toEqual(['乙镇-2022-指标.xlsx', '甲镇-2022-指标.xlsx']);
  expect(other[0].text).toContain('与本次汇总的2023年度不符，没有计入合计');
  expect(other[0].text).toContain('网页上在“报告年度”中选择2022年度');
});
