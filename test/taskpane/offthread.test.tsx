/** @jest-environment jsdom */
/**
 * The pane checks through a host's worker when it has one (the web page), and in-thread when the host says no
 * worker can run here (a page opened from disk) or a test gives its own engine.
 */
import * as React from 'react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import type { OffThreadCheck } from '../../src/taskpane/usePane';
import { BOOK, FINDINGS, FakeHost, fakeEngine, finding } from './fakes';

afterEach(cleanup);

class WorkerHost extends FakeHost implements OffThreadCheck {
  offThreadCalls = 0;
  templates: boolean[] = [];
  skipped: boolean[] = [];
  constructor(private readonly answer: 'result' | 'none' | 'fail', private readonly findings = FINDINGS) {
    super(BOOK, { kind: 'file' });
  }
  async checkOffThread(opts: { workbookTemplates: boolean; skipHidden: boolean }) {
    this.offThreadCalls++;
    this.templates.push(opts.workbookTemplates);
    this.skipped.push(opts.skipHidden);
    if (this.answer === 'none') return null;
    if (this.answer === 'fail') throw new Error('文件“周营镇.xlsx”已损坏：‘矛盾纠纷’表的数据无法解压。');
    const result = { ...fakeEngine(this.findings).check(BOOK), hiddenSheets: [{ sheet: '草稿', visibility: 'hidden' as const, checked: true }] };
    return { result, report: null, reportError: '' };
  }
}

test('with a worker the pane shows the worker’s findings and never reads the workbook in the page', async () => {
  const host = new WorkerHost('result');
  render(<App host={host} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  await screen.findByTestId('summary');
  expect(screen.getByTestId('count-error').textContent).toBe('2');
  expect(screen.getAllByTestId('finding')).toHaveLength(FINDINGS.length);
  expect(host.offThreadCalls).toBe(1);
  expect(host.reads).toBe(0);
});

test('a failure in the worker is shown as the pane’s error, with its message', async () => {
  render(<App host={new WorkerHost('fail')} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  expect((await screen.findByTestId('error-message')).textContent).toContain('文件“周营镇.xlsx”已损坏');
  expect(screen.queryByTestId('summary')).toBeNull();
});

test('where no worker can run, the pane reads and checks in the page', async () => {
  const host = new WorkerHost('none');
  render(<App host={host} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  await screen.findByTestId('summary', {}, { timeout: 10_000 });
  expect(host.offThreadCalls).toBe(1);
  expect(host.reads).toBe(1);
});

test('a given engine is always used in the page (a county build with its own core, the tests)', async () => {
  const host = new WorkerHost('result');
  render(<App host={host} engine={fakeEngine(FINDINGS)} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  await screen.findByTestId('summary');
  expect(host.offThreadCalls).toBe(0);
  expect(host.reads).toBe(1);
});

test('the 报告模板 switch checks again in the worker with the choice, and a later check keeps it', async () => {
  const found = finding({ id: 't1', rule: 'workbook-templates', severity: 'hint', sheet: '报告模板', cell: 'A1', message: '工作簿中有‘报告模板’表，报告文稿没有采用它。' });
  const host = new WorkerHost('result', [found]);
  render(<App host={host} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  fireEvent.click(await screen.findByTestId('workbook-templates-switch'));
  await waitFor(() => expect(host.templates).toEqual([false, true]));
  await waitFor(() => expect(screen.getByTestId('check-button').hasAttribute('disabled')).toBe(false));
  fireEvent.click(screen.getByTestId('check-button'));
  await waitFor(() => expect(host.templates).toEqual([false, true, true]));
  expect(host.reads).toBe(0);
});

test('the hidden-sheets switch checks again in the worker without them, and a later check keeps the choice', async () => {
  const host = new WorkerHost('result');
  render(<App host={host} language="zh-CN" />);
  fireEvent.click(screen.getByTestId('check-button'));
  fireEvent.click(await screen.findByTestId('check-hidden-switch'));
  await waitFor(() => expect(host.skipped).toEqual([false, true]));
  await waitFor(() => expect(screen.getByTestId('check-button').hasAttribute('disabled')).toBe(false));
  fireEvent.click(screen.getByTestId('check-button'));
  await waitFor(() => expect(host.skipped).toEqual([false, true, true]));
  expect(host.reads).toBe(0);
});
