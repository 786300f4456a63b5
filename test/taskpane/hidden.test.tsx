/** @jest-environment jsdom */
/**
 * The pane with the real core over a workbook with a hidden draft sheet (issue 17, item 8): findings there are
 * tagged as on a hidden sheet, and the county may leave hidden sheets out with a switch that checks again.
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { coreEngine } from '../../src/taskpane/coreEngine';
import type { Workbook } from '../../src/core/types';
import { FakeHost } from './fakes';

const book: Workbook = {
  name: '周营镇.xlsx',
  sheets: [
    { name: '基本情况', rows: [['单位名称', '周营镇'], ['报告年度', 2023]] },
    {
      name: '行政执法',
      rows: [
        ['指标名称', '单位', '数值'],
        ['行政执法人员', '人', 12],
        ['持证人数', '人', 11],
      ],
    },
    {
      name: '草稿',
      visibility: 'hidden',
      rows: [
        ['指标名称', '单位', '数值'],
        ['行政执法人员', '人', 10],
        ['持证人数', '人', 14],
      ],
    },
  ],
};

async function checked(): Promise<void> {
  render(<App host={new FakeHost(book)} engine={coreEngine} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  await waitFor(() => expect(screen.getByTestId('summary')).toBeTruthy(), { timeout: 10000 });
}

test('a finding on a hidden sheet says so, and switching hidden sheets off checks again without them', async () => {
  await checked();
  const onDraft = () => screen.queryAllByTestId('finding').filter((b) => b.getAttribute('data-sheet') === '草稿');
  expect(onDraft().length).toBeGreaterThan(0);
  for (const b of onDraft()) {
    expect(b.textContent).toContain('草稿（隐藏工作表）');
  }
  const toggle = screen.getByTestId('check-hidden-switch') as HTMLInputElement;
  expect(toggle.checked).toBe(true);
  expect(document.body.textContent).toContain('工作簿含隐藏工作表‘草稿’（隐藏）');

  fireEvent.click(toggle);
  await waitFor(() => expect(onDraft()).toHaveLength(0));
  expect((screen.getByTestId('check-hidden-switch') as HTMLInputElement).checked).toBe(false);
  expect(screen.getByTestId('count-error').textContent).toBe('0');
  // a second check keeps the choice
  fireEvent.click(screen.getByTestId('check-button'));
  await waitFor(() => expect(screen.getByTestId('summary')).toBeTruthy());
  await waitFor(() => expect((screen.getByTestId('check-hidden-switch') as HTMLInputElement).checked).toBe(false));
  expect(onDraft()).toHaveLength(0);
});

test('a workbook without hidden sheets shows no switch', async () => {
  render(<App host={new FakeHost({ ...book, sheets: book.sheets.slice(0, 2) })} engine={coreEngine} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  await waitFor(() => expect(screen.getByTestId('summary')).toBeTruthy(), { timeout: 10000 });
  expect(screen.queryByTestId('check-hidden-switch')).toBeNull();
});
