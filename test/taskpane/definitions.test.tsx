/** @jest-environment jsdom */
/**
 * 县级指标定义 in the pane (issue 12), with the real core: load a definitions file once, see which are active,
 * every check uses them, they are remembered for the next session, and they can be removed.
 */
import * as React from 'react';
import { TextDecoder, TextEncoder } from 'util';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { Pane, PaneProviders } from '../../src/taskpane/Pane';
import { coreEngine } from '../../src/taskpane/coreEngine';
import { DEFINITIONS_KEY, localDefinitionsStore } from '../../src/taskpane/definitionsStore';
import { stringsFor } from '../../src/taskpane/i18n';
import type { Workbook } from '../../src/core/types';
import { FakeHost } from './fakes';
import { WebApp } from '../../src/web/WebApp';
import type { FileModule } from '../../src/web/FileHost';

const BOOK: Workbook = {
  name: '李集镇-2023.xlsx',
  sheets: [
    { name: '基本情况', rows: [['单位名称', '李集镇'], ['报告年度', 2023]] },
    {
      name: '主要指标',
      rows: [
        ['指标名称', '单位', '2023年'],
        ['行政执法人员', '人', 60],
        ['法律顾问覆盖率', '%', '85%'],
      ],
    },
  ],
};

const DEFS = JSON.stringify({ 指标定义: [{ 指标名称: '法律顾问覆盖率', 下限: '90%' }, { 指标名称: '行政执法人员', 上限: 50 }] });
const enc = (s: string) => new TextEncoder().encode(s);

function pick(file: File): void {
  fireEvent.change(screen.getByTestId('definitions-input'), { target: { files: [file] } });
}

/** Check, and wait until the check is done (the pane is no longer busy). */
async function checked(): Promise<void> {
  fireEvent.click(screen.getByTestId('check-button'));
  await waitFor(() => expect(screen.getByTestId('pane').getAttribute('aria-busy')).toBe('false'), { timeout: 10000 });
  expect(screen.getByTestId('summary')).toBeTruthy();
}

afterEach(() => localStorage.clear());

test('load once: the status names the file and its counts, the check uses them, removing goes back', async () => {
  render(<App host={new FakeHost(BOOK)} engine={coreEngine} language="zh-CN" />);
  expect(screen.getByTestId('definitions-status').textContent).toContain('未载入：按内置指标目录审核');
  await checked();
  expect(screen.getByTestId('count-error').textContent).toBe('0');
  pick(new File([enc(DEFS)], '县定义.json'));
  await waitFor(() => expect(screen.getByTestId('count-error').textContent).toBe('2'), { timeout: 10000 });
  expect(screen.getByTestId('definitions-status').textContent).toMatch(/^正在使用“县定义\.json”：2个指标，0条规则，\d{4}-\d\d-\d\d \d\d:\d\d载入。$/);
  expect(screen.getByTestId('notice-message').textContent).toContain('已载入县级指标定义“县定义.json”');
  const coverage = screen.getAllByTestId('finding').find((b) => b.getAttribute('data-rule') === 'out-of-range' && b.textContent!.includes('法律顾问覆盖率'))!;
  fireEvent.click(coverage);
  expect(screen.getByTestId('finding-message').textContent).toContain('超出了允许的范围（90%');
  // a second check keeps them
  await checked();
  expect(screen.getByTestId('count-error').textContent).toBe('2');
  expect(JSON.parse(localStorage.getItem(DEFINITIONS_KEY)!).name).toBe('县定义.json');
  fireEvent.click(screen.getByTestId('definitions-remove'));
  await waitFor(() => expect(screen.getByTestId('count-error').textContent).toBe('0'), { timeout: 10000 });
  expect(screen.getByTestId('definitions-status').textContent).toContain('未载入');
  expect(localStorage.getItem(DEFINITIONS_KEY)).toBeNull();
});

test('remembered: a new session starts with the definitions loaded before, and checks with them', async () => {
  const first = render(<App host={new FakeHost(BOOK)} engine={coreEngine} language="zh-CN" />);
  pick(new File([enc(DEFS)], '县定义.json'));
  await waitFor(() => expect(screen.getByTestId('definitions-status').textContent).toContain('正在使用“县定义.json”'));
  first.unmount();
  render(<App host={new FakeHost(BOOK)} engine={coreEngine} language="zh-CN" />);
  await waitFor(() => expect(screen.getByTestId('definitions-status').textContent).toContain('正在使用“县定义.json”'));
  await checked();
  expect(screen.getByTestId('count-error').textContent).toBe('2');
});

test('a file that is not definitions: a message naming it, nothing changed', async () => {
  render(<App host={new FakeHost(BOOK)} engine={coreEngine} language="zh-CN" />);
  await checked();
  pick(new File([enc('{ 指标定义: [')], '坏.json'));
  await waitFor(() => expect(screen.getByTestId('error-message').textContent).toContain('县级指标定义文件“坏.json”不是有效的 JSON'));
  expect(screen.getByTestId('definitions-status').textContent).toContain('未载入');
  expect(screen.getByTestId('count-error').textContent).toBe('0');
  expect(localStorage.getItem(DEFINITIONS_KEY)).toBeNull();
});

test('a browser that cannot save: said so, and the definitions still apply to this session', async () => {
  const refusing = localDefinitionsStore(() => ({ ...localStorage, getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined }) as unknown as Storage);
  render(
    <PaneProviders strings={stringsFor('zh-CN')}>
      <Pane host={new FakeHost(BOOK)} engine={coreEngine} definitionsStore={refusing} />
    </PaneProviders>,
  );
  await checked();
  pick(new File([enc(DEFS)], '县定义.json'));
  await waitFor(() => expect(screen.getByTestId('count-error').textContent).toBe('2'), { timeout: 10000 });
  expect(screen.getByTestId('notice-message').textContent).toContain('浏览器不允许保存，县级指标定义只在本次打开期间有效');
  // not kept is no success: a warning bar, and the next notice (a check's) is a success again
  expect(screen.getByTestId('notice-message').getAttribute('data-intent')).toBe('warning');
  fireEvent.click(screen.getByTestId('definitions-remove'));
  await waitFor(() => expect(screen.getByTestId('notice-message').textContent).toContain('已移除县级指标定义'));
  expect(screen.getByTestId('notice-message').getAttribute('data-intent')).toBe('success');
});

test('the page, a browser that cannot save: said in a warning bar, not as a success, and the definitions still apply', async () => {
  const refusing = localDefinitionsStore(() => ({ ...localStorage, getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined }) as unknown as Storage);
  render(<WebApp language="zh-CN" engine={coreEngine} definitionsStore={refusing} />);
  fireEvent.change(screen.getByTestId('definitions-input'), { target: { files: [new File([enc(DEFS)], '县定义.json')] } });
  await waitFor(() => expect(screen.getByTestId('page-definitions-message').textContent).toContain('浏览器不允许保存，县级指标定义只在本次打开期间有效'));
  const bar = screen.getByTestId('page-definitions-message');
  expect(bar.getAttribute('data-intent')).toBe('warning');
  expect(bar.getAttribute('role')).toBe('alert');
  expect(screen.getByTestId('definitions-status').textContent).toContain('正在使用“县定义.json”');
});

test('a stored value that cannot be read is said, not silently used or dropped', async () => {
  localStorage.setItem(DEFINITIONS_KEY, '{"name": 1}');
  render(<App host={new FakeHost(BOOK)} engine={coreEngine} language="zh-CN" />);
  await waitFor(() => expect(screen.getByTestId('notice-message').textContent).toContain('上次保存的县级指标定义已无法读取'));
  expect(screen.getByTestId('notice-message').getAttribute('data-intent')).toBe('warning');
  expect(screen.getByTestId('definitions-status').textContent).toContain('未载入');
});

test('the page: definitions loaded in one open file apply to every open file', async () => {
  const mod: FileModule = {
    readXlsx: async (data, name) => ({ ...(JSON.parse(new TextDecoder().decode(data as Uint8Array)) as Workbook), name }),
    applyPlan: async (data) => data as Uint8Array,
    reportDocx: async () => new Uint8Array([0x50, 0x4b, 3, 4]),
  };
  render(<WebApp language="zh-CN" engine={coreEngine} hostOptions={{ load: async () => mod }} />);
  fireEvent.change(screen.getByTestId('file-input'), {
    target: { files: [new File([enc(JSON.stringify(BOOK))], '李集镇.xlsx'), new File([enc(JSON.stringify({ ...BOOK, name: '王营镇.xlsx' }))], '王营镇.xlsx')] },
  });
  await waitFor(() => expect(screen.getAllByTestId('check-button')).toHaveLength(2));
  for (const b of screen.getAllByTestId('check-button')) fireEvent.click(b);
  await waitFor(() => expect(screen.getAllByTestId('count-error').map((e) => e.textContent)).toEqual(['0', '0']), { timeout: 10000 });
  fireEvent.change(screen.getAllByTestId('definitions-input')[0], { target: { files: [new File([enc(DEFS)], '县定义.json')] } });
  await waitFor(() => expect(screen.getAllByTestId('count-error').map((e) => e.textContent)).toEqual(['2', '2']), { timeout: 10000 });
  for (const s of screen.getAllByTestId('definitions-status')) expect(s.textContent).toContain('正在使用“县定义.json”');
  fireEvent.click(screen.getAllByTestId('definitions-remove')[1]);
  await waitFor(() => expect(screen.getAllByTestId('count-error').map((e) => e.textContent)).toEqual(['0', '0']), { timeout: 10000 });
});

test('the page: the county loads its definitions on the first screen, before any workbook, and the workbooks opened after are checked with them', async () => {
  const mod: FileModule = {
    readXlsx: async (data, name) => ({ ...(JSON.parse(new TextDecoder().decode(data as Uint8Array)) as Workbook), name }),
    applyPlan: async (data) => data as Uint8Array,
    reportDocx: async () => new Uint8Array([0x50, 0x4b, 3, 4]),
  };
  render(<WebApp language="zh-CN" engine={coreEngine} hostOptions={{ load: async () => mod }} />);
  // no workbook open: the panel is on the first screen, saying none are loaded
  expect(screen.queryByTestId('check-panel')).toBeNull();
  expect(screen.getByTestId('definitions-status').textContent).toContain('未载入');
  fireEvent.change(screen.getByTestId('definitions-input'), { target: { files: [new File([enc(DEFS)], '县定义.json')] } });
  await waitFor(() => expect(screen.getByTestId('page-definitions-message').textContent).toContain('已载入县级指标定义“县定义.json”'));
  expect(screen.getByTestId('page-definitions-message').getAttribute('data-intent')).toBe('success');
  expect(screen.getByTestId('definitions-status').textContent).toContain('正在使用“县定义.json”：2个指标');
  expect(localStorage.getItem(DEFINITIONS_KEY)).toContain('县定义.json');
  expect(screen.getByTestId('template-source').textContent).toContain('县定义.json');
  // a workbook opened now: its check uses them (60 人 over the county's 上限 50, 85% under its 下限 90%)
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File([enc(JSON.stringify(BOOK))], '李集镇.xlsx')] } });
  await waitFor(() => expect(screen.getByTestId('count-error').textContent).toBe('2'), { timeout: 10000 });
  // the panel is now the file's own (one, not two)
  expect(screen.getAllByTestId('definitions-status').map((x) => x.textContent)).toEqual([expect.stringContaining('正在使用“县定义.json”')]);
});

test('the page: a file that is not definitions, loaded on the first screen, is said and nothing is kept', async () => {
  render(<WebApp language="zh-CN" engine={coreEngine} />);
  fireEvent.change(screen.getByTestId('definitions-input'), { target: { files: [new File([enc('not json {')], '县定义.json')] } });
  await waitFor(() => expect(screen.getByTestId('page-definitions-message').textContent).toContain('县定义.json'));
  expect(screen.getByTestId('page-definitions-message').getAttribute('role')).toBe('alert');
  expect(screen.getByTestId('definitions-status').textContent).toContain('未载入');
  expect(localStorage.getItem(DEFINITIONS_KEY)).toBeNull();
});
