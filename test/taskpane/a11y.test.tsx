/** @jest-environment jsdom */
/** Accessibility in jsdom: axe finds no serious or critical violations, and every control has a name. */
import * as React from 'react';
import { TextDecoder, TextEncoder } from 'util';
import axe from 'axe-core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { WebApp } from '../../src/web/WebApp';
import type { FileModule } from '../../src/web/FileHost';
import type { Workbook } from '../../src/core/types';
import { BOOK, FINDINGS, FakeHost, fakeEngine, settled } from './fakes';

afterEach(cleanup);

async function serious(root: Element) {
  // jsdom cannot compute colours or layout: contrast is checked in the browser e2e scan
  const r = await axe.run(root, { rules: { 'color-contrast': { enabled: false } }, resultTypes: ['violations'] });
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('task pane with findings, an open explanation form and the report has no serious axe violations', async () => {
  render(<App host={new FakeHost(BOOK)} engine={fakeEngine(FINDINGS)} />);
  fireEvent.click(screen.getByTestId('check-button'));
  await screen.findByTestId('summary');
  fireEvent.click(screen.getByTestId('explain-button'));
  expect(screen.getByRole('main')).toBeTruthy();
  expect(screen.getByRole('textbox', { name: /审核说明/ })).toBeTruthy();
  expect(await serious(document.body)).toEqual([]);
});

test('web page with a workbook open and checked has no serious axe violations', async () => {
  const enc = (b: Workbook) => new TextEncoder().encode(JSON.stringify(b));
  const mod: FileModule = {
    readXlsx: async (d, name) => ({ ...(JSON.parse(new TextDecoder().decode(d as Uint8Array)) as Workbook), name }),
    applyPlan: async (d) => d as Uint8Array,
    reportDocx: async () => new Uint8Array(),
  };
  render(<WebApp language="zh-CN" engine={fakeEngine(FINDINGS)} hostOptions={{ load: async () => mod }} fetchSample={async () => enc(BOOK).buffer as ArrayBuffer} />);
  expect(await serious(document.body)).toEqual([]);
  fireEvent.click(screen.getByTestId('open-sample'));
  await screen.findByTestId('preview-grid');
  await settled();
  fireEvent.click(screen.getAllByTestId('finding')[0]);
  expect(screen.getByRole('main')).toBeTruthy();
  expect(screen.getByRole('tablist', { name: '工作表' })).toBeTruthy();
  expect(await serious(document.body)).toEqual([]);
});

test('an error is announced once: role="alert", not inside another live region; a notice sits in a polite region', async () => {
  const host = new FakeHost(BOOK);
  render(<App host={host} engine={fakeEngine(FINDINGS)} />);
  fireEvent.click(screen.getByTestId('check-button'));
  await screen.findByTestId('summary');
  fireEvent.click(screen.getByTestId('mark-button'));
  const notice = await screen.findByTestId('notice-message');
  expect(notice.closest('[aria-live="polite"]')).not.toBeNull();
  host.failApply = '工作表‘矛盾纠纷’受保护，无法标记单元格。';
  fireEvent.click(screen.getByTestId('mark-button'));
  const error = await screen.findByTestId('error-message');
  expect(error.getAttribute('role')).toBe('alert');
  expect(error.parentElement!.closest('[aria-live], [role="alert"], [role="status"], [role="log"]')).toBeNull();
});

test('the findings in the order a keyboard meets them: counts (filters), the ‹ › bar and grouping, then each finding in list order; no serious axe violations filtered or grouped by sheet', async () => {
  render(<App host={new FakeHost(BOOK)} engine={fakeEngine(FINDINGS)} language="en-US" />);
  fireEvent.click(screen.getByTestId('check-button'));
  await screen.findByTestId('summary');
  const focusable = () =>
    Array.from(document.querySelectorAll<HTMLElement>('button:not([disabled]), select, [tabindex]:not([tabindex="-1"])'))
      .filter((el) => !el.closest('[data-testid="report-preview"]'))
      .map((el) => el.dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent);
  const order = focusable();
  const at = (id: string) => order.indexOf(id);
  expect(at('filter-error')).toBeLessThan(at('nav-next'));
  expect(at('nav-next')).toBeLessThan(at('group-by'));
  expect(at('group-by')).toBeLessThan(order.indexOf('finding'));
  // no positive tabindex anywhere: the document order above is the Tab order
  expect(document.querySelectorAll('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])')).toHaveLength(0);
  expect(screen.getAllByTestId('finding').map((b) => b.getAttribute('data-cell'))).toEqual(['B4', 'C7', 'D11', 'A9']);
  // the bar and the filters are named for screen readers, in the English UI too
  expect(screen.getByRole('toolbar', { name: 'Step through the findings' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Next finding' })).toBeTruthy();
  expect(screen.getAllByTestId('finding-line').every((l) => l.getAttribute('lang') === 'zh-CN')).toBe(true);
  fireEvent.click(screen.getByTestId('filter-error'));
  expect(await serious(document.body)).toEqual([]);
  fireEvent.change(screen.getByTestId('group-by'), { target: { value: 'sheet' } });
  fireEvent.click(screen.getAllByTestId('finding')[0]);
  expect(await serious(document.body)).toEqual([]);
});
