/** @jest-environment jsdom */
import * as React from 'react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FindingList, WINDOW_ABOVE } from '../../src/taskpane/FindingList';
import { PaneProviders } from '../../src/taskpane/Pane';
import { stringsFor } from '../../src/taskpane/i18n';
import type { Finding } from '../../src/core/types';
import { finding } from './fakes';

afterEach(cleanup);

const verify = (id: string, cell: string): Finding =>
  finding({ id, rule: 'rate-mismatch', severity: 'verify', sheet: '矛盾纠纷', cell, message: `‘矛盾纠纷’表 ${cell} 待核实` });

function list(findings: Finding[]) {
  return (
    <PaneProviders strings={stringsFor('zh-CN')}>
      <FindingList findings={findings} busy={false} onSelect={() => undefined} onExplain={async () => true} />
    </PaneProviders>
  );
}

test('a finding leaving the list (explained, re-checked) does not take the keyboard focus of the one after it', () => {
  const a = verify('a', 'D9');
  const b = verify('b', 'D10');
  const c = verify('c', 'D11');
  const { rerender } = render(list([a, b, c]));
  const button = screen.getAllByTestId('finding').find((el) => el.getAttribute('data-cell') === 'D10')!;
  button.focus();
  expect(document.activeElement).toBe(button);
  rerender(list([b, c]));
  // the same element, still focused: the items are keyed by finding, not by position
  expect(document.activeElement).toBe(button);
  expect(button.isConnected).toBe(true);
});

test('two findings with the same id are both listed', () => {
  render(list([verify('same', 'D9'), verify('same', 'D10')]));
  expect(screen.getAllByTestId('finding').map((el) => el.getAttribute('data-cell'))).toEqual(['D9', 'D10']);
});

// ───────────── 50,000 findings (issue 17, item 11): only the items near the screen are in the page ─────────────

const hints = (n: number): Finding[] =>
  Array.from({ length: n }, (_, i) =>
    finding({ id: `h${i + 1}`, rule: 'unknown-indicator', severity: 'hint', sheet: '指标', cell: `B${i + 2}`, message: `‘指标’表 B${i + 2}的“第${i + 1}项自定义工作事项”不在指标目录中。` }),
  );

/** Puts the list where the page would have scrolled it: its top edge `y` pixels above the top of the screen. */
function scrollListTo(ul: HTMLElement, y: number) {
  Object.defineProperty(ul, 'getBoundingClientRect', {
    configurable: true,
    value: () => ({ top: -y, bottom: 1e7 - y, left: 0, right: 400, width: 400, height: 1e7, x: 0, y: -y, toJSON: () => null }),
  });
  fireEvent.scroll(window);
}

test('50,000 findings: fewer than 200 items in the page, each telling its place in the whole group, and scrolling draws the ones on screen', async () => {
  render(list(hints(50_000)));
  const group = screen.getByTestId('group-hint');
  expect(group.textContent).toContain('(50000)');
  const items = () => Array.from(group.querySelectorAll('li'));
  expect(items().length).toBeGreaterThan(5);
  expect(items().length).toBeLessThan(200);
  expect(items()[0].getAttribute('aria-posinset')).toBe('1');
  expect(items()[0].getAttribute('aria-setsize')).toBe('50000');

  scrollListTo(group.querySelector('ul')!, 30_000 * 84);
  await waitFor(() => expect(Number(items()[0].getAttribute('aria-posinset'))).toBeGreaterThan(20_000));
  expect(items().length).toBeLessThan(200);
  const shown = items().map((li) => Number(li.getAttribute('aria-posinset')));
  // consecutive, in order
  expect(shown).toEqual(shown.map((_, i) => shown[0] + i));
  expect(screen.getAllByTestId('finding')[0].getAttribute('data-cell')).toBe(`B${shown[0] + 1}`);
});

test('in a long list, the selected finding and the focused one stay in the page while it scrolls away, still focused', async () => {
  render(list(hints(5_000)));
  const group = screen.getByTestId('group-hint');
  const ul = group.querySelector('ul')!;
  const third = screen.getAllByTestId('finding')[2];
  third.focus();
  fireEvent.click(third);
  expect(third.getAttribute('aria-current')).toBe('true');
  scrollListTo(ul, 4_000 * 84);
  await waitFor(() => expect(Number(group.querySelectorAll('li')[1].getAttribute('aria-posinset'))).toBeGreaterThan(2_000));
  expect(third.isConnected).toBe(true);
  expect(document.activeElement).toBe(third);
  expect(group.querySelectorAll('li')[0].getAttribute('aria-posinset')).toBe('3');
  expect(group.querySelectorAll('li').length).toBeLessThan(200);
});

test('a short list is drawn whole (find-in-page sees every finding)', () => {
  render(list(hints(WINDOW_ABOVE)));
  expect(screen.getAllByTestId('finding')).toHaveLength(WINDOW_ABOVE);
});
