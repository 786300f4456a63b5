/** @jest-environment jsdom */
import * as React from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { CATALOG } from '../../src/core/catalog';
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

// ───────────── findings that scan (issue 16): one line, the ‹ n / N › bar, ↑/↓, grouping, re-check ─────────────

const scan = (): Finding[] => [
  finding({ id: 'e1', rule: 'rate-mismatch', severity: 'error', sheet: '矛盾纠纷化解', cell: 'D6', indicators: ['petition_resolution_rate'], expected: 77.8, actual: 100, refs: ['矛盾纠纷化解!D6', '矛盾纠纷化解!D5', '矛盾纠纷化解!D4'], message: '‘矛盾纠纷化解’表 D6的“信访案件化解率”填写为100%，但按……计算应为77.8%。请改为77.8%，或核对这三个数字。' }),
  finding({ id: 'e2', rule: 'part-exceeds-whole', severity: 'error', sheet: '行政执法', cell: 'D5', indicators: ['certified_officers', 'enforcement_officers'], expected: 12, actual: 14, message: '‘行政执法’表 D5的“持证人数”为14人，大于……部分不能多于总数。请核对这两个数字。' }),
  finding({ id: 'v1', rule: 'conflicting-values', severity: 'verify', sheet: '公共法律服务', cell: 'D4', indicators: ['villages'], expected: 21, actual: 20, message: '“行政村（社区）数”在‘基本情况’表 B7填写为21个，在‘公共法律服务’表 D4又填写为20个……' }),
  finding({ id: 'h1', rule: 'unknown-indicator', severity: 'hint', sheet: '行政执法', cell: 'B13', label: '开展扫黑除恶专项宣传', message: '‘行政执法’表 B13的“开展扫黑除恶专项宣传”未能对应到指标目录……' }),
];

function scanList(findings: Finding[], onSelect: (f: Finding) => void = () => undefined) {
  return (
    <PaneProviders strings={stringsFor('zh-CN')}>
      <FindingList findings={findings} busy={false} onSelect={onSelect} onExplain={async () => true} lineContext={{ catalog: CATALOG }} />
    </PaneProviders>
  );
}

const cells = () => screen.getAllByTestId('finding').map((b) => b.getAttribute('data-cell'));
const current = () => screen.getAllByTestId('finding').find((b) => b.getAttribute('aria-current') === 'true')?.getAttribute('data-cell') ?? null;

test('each finding is one line from its own fields; its sentence and cells open under it only when selected', () => {
  render(scanList(scan()));
  const [first] = screen.getAllByTestId('finding');
  expect(within(first).getByTestId('finding-line').textContent).toBe('●错误D6信访案件化解率 100% → 77.8%矛盾纠纷化解');
  expect(first.getAttribute('aria-expanded')).toBe('false');
  expect(screen.queryByTestId('finding-detail')).toBeNull();
  fireEvent.click(first);
  const detail = screen.getByTestId('finding-detail');
  expect(detail.textContent).toContain('请改为77.8%，或核对这三个数字');
  expect(screen.getByTestId('finding-cells').textContent).toBe('涉及单元格：矛盾纠纷化解!D6、矛盾纠纷化解!D5、矛盾纠纷化解!D4');
  expect(first.getAttribute('aria-expanded')).toBe('true');
  // the Chinese content is tagged as such for the English UI's screen readers
  expect(within(first).getByTestId('finding-line').getAttribute('lang')).toBe('zh-CN');
  expect(screen.getByTestId('finding-message').getAttribute('lang')).toBe('zh-CN');
});

test('the ‹ n / N › bar steps through the findings in list order and goes to each cell', () => {
  const selected: string[] = [];
  render(scanList(scan(), (f) => selected.push(f.cell)));
  expect(screen.getByTestId('nav-position').textContent).toBe('0 / 4');
  fireEvent.click(screen.getByTestId('nav-next'));
  expect(screen.getByTestId('nav-position').textContent).toBe('1 / 4');
  expect(current()).toBe('D6');
  fireEvent.click(screen.getByTestId('nav-next'));
  fireEvent.click(screen.getByTestId('nav-next'));
  expect(screen.getByTestId('nav-position').textContent).toBe('3 / 4');
  expect(current()).toBe('D4');
  fireEvent.click(screen.getByTestId('nav-prev'));
  expect(current()).toBe('D5');
  expect(selected).toEqual(['D6', 'D5', 'D4', 'D5']);
  fireEvent.click(screen.getByTestId('nav-next'));
  fireEvent.click(screen.getByTestId('nav-next'));
  expect(screen.getByTestId('nav-position').textContent).toBe('4 / 4');
  expect((screen.getByTestId('nav-next') as HTMLButtonElement).disabled).toBe(true);
});

test('↓ and ↑ move the keyboard focus from finding to finding, across groups; End and Home go to the last and first', () => {
  render(scanList(scan()));
  const buttons = () => screen.getAllByTestId('finding');
  buttons()[0].focus();
  fireEvent.keyDown(buttons()[0], { key: 'ArrowDown' });
  expect(document.activeElement).toBe(buttons()[1]);
  fireEvent.keyDown(buttons()[1], { key: 'ArrowDown' });
  // from the last error to the first 待核实
  expect(document.activeElement?.getAttribute('data-cell')).toBe('D4');
  fireEvent.keyDown(document.activeElement!, { key: 'End' });
  expect(document.activeElement?.getAttribute('data-cell')).toBe('B13');
  fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
  expect(document.activeElement?.getAttribute('data-cell')).toBe('D4');
  fireEvent.keyDown(document.activeElement!, { key: 'Home' });
  expect(document.activeElement?.getAttribute('data-cell')).toBe('D6');
  // moving is not selecting: Enter (a native button's click) goes to the cell
  expect(current()).toBeNull();
});

test('grouped by sheet: one group per sheet, the gravest first inside it, and the sheet not repeated on each line', () => {
  render(scanList(scan()));
  fireEvent.change(screen.getByTestId('group-by'), { target: { value: 'sheet' } });
  const groups = screen.getAllByTestId('group-sheet');
  expect(groups.map((g) => g.querySelector('h3')!.textContent)).toEqual(['‘矛盾纠纷化解’\u00a0(1)', '‘行政执法’\u00a0(2)', '‘公共法律服务’\u00a0(1)']);
  expect(within(groups[1]).getAllByTestId('finding').map((b) => b.getAttribute('data-severity'))).toEqual(['error', 'hint']);
  expect(within(groups[1]).getAllByTestId('finding-line')[0].textContent).toBe('●错误D5持证人数 14人 > 12人');
});

test('after a re-check the selected finding stays selected; when it was corrected, the one now in its place is', () => {
  const { rerender } = render(scanList(scan()));
  fireEvent.click(screen.getAllByTestId('finding')[1]);
  expect(current()).toBe('D5');
  // checked again: new objects, same ids
  rerender(scanList(scan().map((f) => ({ ...f }))));
  expect(current()).toBe('D5');
  expect(screen.getByTestId('nav-position').textContent).toBe('2 / 4');
  // D5 corrected: the next finding takes its place
  rerender(scanList(scan().filter((f) => f.id !== 'e2')));
  expect(current()).toBe('D4');
  expect(screen.getByTestId('nav-position').textContent).toBe('2 / 3');
  expect(cells()).toEqual(['D6', 'D4', 'B13']);
});

// ───────────── issue 16: an expired explanation is edited (修改说明), from its old text ─────────────

const OLD = '基本情况表含新华、东关两个社区，公共法律服务表只计行政村。';
const expired = (): Finding =>
  finding({
    ...verify('v', 'D4'),
    rule: 'conflicting-values',
    sheet: '公共法律服务',
    status: 'open',
    account: { state: 'stale', kind: 'explanation', text: OLD, author: '王会计', date: '2026-12-01', changes: [{ ref: '基本情况!B7', from: '21个', to: '25个' }], label: '说明已过期（21个→25个）' },
  });

function listIn(language: 'zh-CN' | 'en-US', findings: Finding[]) {
  return (
    <PaneProviders strings={stringsFor(language)}>
      <FindingList findings={findings} busy={false} onSelect={() => undefined} onExplain={async () => true} />
    </PaneProviders>
  );
}

test.each([
  ['zh-CN', '填写说明', '修改说明'],
  ['en-US', 'Explain', 'Edit explanation'],
] as const)('%s: an expired explanation’s button says %s → %s, and its form starts from the old text', (language, fresh, edit) => {
  render(listIn(language, [verify('new', 'D9'), expired()]));
  const [unexplained, stale] = screen.getAllByTestId('explain-button');
  // a finding never explained is still explained anew
  expect(unexplained.textContent).toBe(fresh);
  expect(stale.textContent).toBe(edit);
  expect(stale.getAttribute('aria-label')).toBe(`${edit}：公共法律服务!D4`);
  fireEvent.click(stale);
  const form = screen.getByTestId('explanation-form');
  expect((within(form).getByTestId('explanation-text') as HTMLTextAreaElement).value).toBe(OLD);
});

test('a returned explanation (县级已退回) is edited too, from the text the county returned', () => {
  const returned = finding({ ...expired(), account: { state: 'returned', kind: 'explanation', text: OLD, label: '县级已退回', review: { decision: 'returned', reviewer: '李统计', date: '2026-12-02', note: '请写明社区名称' } } });
  render(listIn('zh-CN', [returned]));
  const button = screen.getByTestId('explain-button');
  expect(button.textContent).toBe('修改说明');
  fireEvent.click(button);
  expect((screen.getByTestId('explanation-text') as HTMLTextAreaElement).value).toBe(OLD);
});
