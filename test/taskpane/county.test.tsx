/** @jest-environment jsdom */
/**
 * 汇总各乡镇 in the pane (issue 14): offered on a workbook with one sheet per township, with the townships named;
 * one line saying why not on a township's own workbook; none where results are not written into the workbook.
 * The county's sheets are built from the workbook as it is when the button is pressed.
 */
import * as React from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import type { Cell, Workbook } from '../../src/core/types';
import { BOOK, FINDINGS, FakeHost, fakeEngine } from './fakes';

afterEach(cleanup);

const sheet = (name: string, title: string, received: number, resolved: number) => ({
  name,
  rows: [[title], ['序号', '指标名称', '单位', '2023年'], [1, '受理信访案件', '件', received], [2, '化解信访案件', '件', resolved]] as Cell[][],
});

const COUNTY: Workbook = {
  name: '全县指标.xlsx',
  sheets: [
    { name: '说明', rows: [['各乡镇2023年度法治政府建设指标'], ['报告年度', 2023]] },
    sheet('周营', '周营镇2023年度法治政府建设指标统计表', 9, 7),
    sheet('前营', '前营乡2023年度法治政府建设指标统计表', 20, 19),
    sheet('柳河镇', '2023年度法治政府建设指标统计表', 15, 15),
  ],
};

async function checked(book: Workbook, kind: 'excel' | 'file' = 'excel') {
  const host = new FakeHost(book, { kind });
  render(<App host={host} engine={fakeEngine(FINDINGS)} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  await screen.findByTestId('summary');
  return host;
}

test('on one sheet per township it names the townships and writes the county sheets from the workbook as it is then', async () => {
  const host = await checked(COUNTY);
  expect(screen.getByTestId('county-offer').textContent).toBe(
    '本工作簿每个乡镇一张工作表：周营镇、前营乡、柳河镇3个乡镇。汇总后写入“审核情况”“汇总表”“汇总报告文稿”和“审核明细”，各乡镇的表不会改动。',
  );
  expect(screen.queryByTestId('county-not-offered')).toBeNull();
  // 前营乡 corrects its figure after the check: the summary sums what the workbook says when the button is pressed
  host.book.sheets[2].rows[2][3] = 21;
  fireEvent.click(screen.getByTestId('county-button'));
  const notice = await screen.findByTestId('notice-message');
  expect(notice.textContent).toContain('已汇总3个乡镇，写入：审核情况、汇总表、汇总报告文稿、审核明细。再次汇总会整体替换这些表，“清除结果”可删除它们。');
  const plan = host.applied[0];
  expect(plan.sheets.map((s) => s.name)).toEqual(['审核情况', '汇总表', '汇总报告文稿', '审核明细']);
  const summary = plan.sheets.find((s) => s.name === '汇总表')!;
  const col = summary.rows[1].findIndex((c) => c.v === '信访案件受理数（件）');
  expect(summary.rows.slice(2, 5).map((r) => [r[1].v, r[col].v])).toEqual([['周营镇', 9], ['前营乡', 21], ['柳河镇', 15]]);
  expect(summary.rows[5][col]).toMatchObject({ v: 45, f: expect.stringMatching(/^SUM\(/) });
  // the township sheets were never part of what was written
  expect(host.book.sheets.slice(0, 4).map((g) => g.name)).toEqual(['说明', '周营', '前营', '柳河镇']);
});

test('a township’s own workbook gets one line saying why not, and no button', async () => {
  await checked({ ...BOOK, sheets: [...BOOK.sheets, { name: '行政执法', rows: [['周营镇行政执法指标'], ['指标', '数值'], ['行政执法人员', 12]] }] });
  expect(screen.queryByTestId('county-button')).toBeNull();
  expect(screen.getByTestId('county-not-offered').textContent).toMatch(/^不能汇总各乡镇：“周营镇-2023-指标\.xlsx”/);
});

test('the page (results downloaded, not written into the workbook) offers nothing here', async () => {
  await checked(COUNTY, 'file');
  expect(screen.queryByTestId('county-section')).toBeNull();
  expect(screen.queryByTestId('county-not-offered')).toBeNull();
});
