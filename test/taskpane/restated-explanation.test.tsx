/** @jest-environment jsdom */
/**
 * A county rule restating a built-in relation (审核规则 `[化解信访案件] <= [受理信访案件]`) reports the break itself;
 * the township's explanation written earlier against the built-in finding holds for it (core applyExplanations).
 * In the pane, with the real core, that explanation is one like any other: the county returns it (退回), the
 * township edits it (修改说明), the county accepts it (采纳) — each time the same 审核说明 row is rewritten, under
 * the id it was written for, with its 填写人 and its history; never a second row.
 */
import * as React from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { coreEngine } from '../../src/taskpane/coreEngine';
import { check } from '../../src/core/check';
import { readExplanations } from '../../src/core/explanations';
import type { Grid, Workbook } from '../../src/core/types';
import { FakeHost } from './fakes';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const identity: Grid = { name: '基本情况', rows: [['单位名称', '周营镇人民政府'], ['报告年度', '2023年']] };
/** 周营镇's petitions with 15 resolved of 13 received (a part larger than its whole). */
const petitions: Grid = {
  name: '矛盾纠纷化解',
  rows: [['周营镇2023年法治政府建设指标'], ['序号', '指标名称', '单位', '数值'], ['二、矛盾纠纷化解'], [2, '受理信访案件', '件', 13], [3, '化解信访案件', '件', 15]],
};
const rules: Grid = { name: '审核规则', rows: [['规则', '级别', '说明'], ['[化解信访案件] <= [受理信访案件]', '核实', '']] };

/** The workbook as the township explained it before the county wrote its rule: the built-in finding's id. */
function explainedBook(): { book: Workbook; builtInId: string } {
  const before = check({ name: '周营镇-2023-指标.xlsx', sheets: [identity, petitions] }).findings.find((f) => f.rule === 'part-exceeds-whole')!;
  const notes: Grid = { name: '审核说明', rows: [['编号', '说明', '填写人'], [before.id, '含上年结转的2件，已按上级口径统计', '王会计']] };
  return { book: { name: '周营镇-2023-指标.xlsx', sheets: [identity, petitions, rules, notes] }, builtInId: before.id };
}

const item = () => screen.getAllByTestId('finding').find((b) => b.getAttribute('data-rule') === 'custom')!.closest('li')!;
const label = () => within(item()).getByTestId('account-label').textContent;
const idle = () => waitFor(() => expect(screen.getByTestId('pane').getAttribute('aria-busy')).toBe('false'), { timeout: 10000 });

test('the county’s finding carrying the built-in one’s explanation is returned, edited and accepted on that same row', async () => {
  const { book, builtInId } = explainedBook();
  const host = new FakeHost(book);
  render(<App host={host} engine={coreEngine} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  await idle();
  expect(label()).toBe('已说明');

  // 退回, with the reason
  fireEvent.click(within(item()).getByTestId('return-button'));
  fireEvent.change(within(item()).getByTestId('return-note'), { target: { value: '请写明结转案件的受理年份' } });
  fireEvent.change(within(item()).getByTestId('return-reviewer'), { target: { value: '李统计' } });
  fireEvent.submit(within(item()).getByTestId('return-form'));
  await waitFor(() => expect(label()).toBe('县级已退回'));
  expect(screen.queryByText(/操作未能完成/)).toBeNull();

  // 修改说明: starts from the old text, and rewrites the same row
  const edit = within(item()).getByTestId('explain-button');
  expect(edit.textContent).toBe('修改说明');
  fireEvent.click(edit);
  expect((within(item()).getByTestId('explanation-text') as HTMLTextAreaElement).value).toBe('含上年结转的2件，已按上级口径统计');
  fireEvent.change(within(item()).getByTestId('explanation-text'), { target: { value: '含2022年受理、2023年化解的2件' } });
  fireEvent.submit(within(item()).getByTestId('explanation-form'));
  await waitFor(() => expect(label()).toBe('已说明'));

  // 采纳
  fireEvent.click(within(item()).getByTestId('accept-button'));
  fireEvent.change(within(item()).getByTestId('accept-reviewer'), { target: { value: '李统计' } });
  fireEvent.submit(within(item()).getByTestId('accept-form'));
  await waitFor(() => expect(label()).toBe('县级已采纳'));
  await idle();
  expect(screen.queryByText(/操作未能完成/)).toBeNull();

  // one row, the built-in id it was written for: the new text, accepted, the old text, its author and the return in its history
  const notes = readExplanations(host.book);
  expect(notes).toHaveLength(1);
  const [row] = notes;
  expect(row).toMatchObject({ findingId: builtInId, text: '含2022年受理、2023年化解的2件', review: { decision: 'accepted', reviewer: '李统计' } });
  const history = row.history!.join('\n');
  expect(history).toContain('王会计 说明：含上年结转的2件，已按上级口径统计');
  expect(history).toContain('李统计 退回：请写明结转案件的受理年份');
});
