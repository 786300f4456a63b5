/** @jest-environment jsdom */
/** The pane with the real core: a 报告模板 sheet in the open workbook rewords the report preview when the user chooses it. */
import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { coreEngine } from '../../src/taskpane/coreEngine';
import type { Cell, Workbook } from '../../src/core/types';
import { FakeHost } from './fakes';

function book(template: Cell[][]): Workbook {
  return {
    name: '周营镇.xlsx',
    sheets: [
      { name: '基本情况', rows: [['单位名称', '周营镇'], ['报告年度', 2023]] },
      {
        name: '矛盾纠纷',
        rows: [
          ['指标名称', '单位', '数值'],
          ['信访案件受理数', '件', 9],
          ['信访案件化解数', '件', 7],
        ],
      },
      { name: '报告模板', rows: [['分组', '条件', '模板'], ...template] },
    ],
  };
}

async function checkWith(template: Cell[][]): Promise<void> {
  render(<App host={new FakeHost(book(template))} engine={coreEngine} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  await waitFor(() => expect(screen.getByTestId('summary')).toBeTruthy(), { timeout: 10000 });
}

test("the workbook's 报告模板 sheet rewords the report preview only when the user switches it on", async () => {
  await checkWith([['信访', '', '本镇全年接待来信来访，受理信访案件{petitions_received}，办结{petitions_resolved}']]);
  // issue 17, item 5: found, not applied, and said so
  await waitFor(() => expect(screen.getByTestId('report-preview').textContent).toContain('全镇共受理信访案件9件'));
  expect(screen.getByTestId('report-preview').textContent).not.toContain('本镇全年接待来信来访');
  // the hint's line; its sentence says what to do when it is opened
  const hint = screen.getAllByTestId('finding').find((b) => b.getAttribute('data-rule') === 'workbook-templates')!;
  expect(hint.textContent).toContain('工作簿自带报告模板，未采用');
  fireEvent.click(hint);
  expect(screen.getByTestId('finding-message').textContent).toContain('工作簿中有‘报告模板’表，报告文稿没有采用它');
  // the template hint, and (issue 12) the one hint listing the catalog's usual indicators this small book lacks
  expect(screen.getByTestId('count-hint').textContent).toBe('2');
  fireEvent.click(screen.getByTestId('workbook-templates-switch'));
  await waitFor(() => expect(screen.getByTestId('report-preview').textContent).toContain('本镇全年接待来信来访，受理信访案件9件，办结7件'));
  expect(screen.getByTestId('count-hint').textContent).toBe('1');
  // a second check keeps the choice
  fireEvent.click(screen.getByTestId('check-button'));
  await waitFor(() => expect(screen.getByTestId('report-preview').textContent).toContain('本镇全年接待来信来访'));
  expect((screen.getByTestId('workbook-templates-switch') as HTMLInputElement).checked).toBe(true);
});

test('a workbook without a 报告模板 sheet shows no switch', async () => {
  render(<App host={new FakeHost({ ...book([]), sheets: book([]).sheets.slice(0, 2) })} engine={coreEngine} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  await waitFor(() => expect(screen.getByTestId('report-preview')).toBeTruthy(), { timeout: 10000 });
  expect(screen.queryByTestId('workbook-templates-switch')).toBeNull();
});

test('a mistake in that sheet, once applied, is shown with its cell, and the findings still stand', async () => {
  await checkWith([['信访', '', '受理{petition_rate}']]);
  expect(document.body.textContent).not.toContain('‘报告模板’表 C2');
  fireEvent.click(screen.getByTestId('workbook-templates-switch'));
  await waitFor(() => expect(document.body.textContent).toContain('‘报告模板’表 C2'));
  expect(screen.queryByTestId('report-preview')).toBeNull();
  expect(screen.getByTestId('count-error').textContent).toBe('0');
});
