/** @jest-environment jsdom */
import * as React from 'react';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { BOOK, EXPLANATIONS, FINDINGS, FakeHost, fakeEngine } from './fakes';

afterEach(cleanup);

function setup(opts: { language?: string; caps?: ConstructorParameters<typeof FakeHost>[1] } = {}) {
  const host = new FakeHost(BOOK, opts.caps);
  const engine = fakeEngine(FINDINGS);
  const utils = render(<App host={host} engine={engine} language={opts.language ?? 'zh-CN'} />);
  return { host, engine, ...utils };
}

async function runCheck() {
  fireEvent.click(screen.getByTestId('check-button'));
  await screen.findByTestId('summary');
}

test('checking shows a progress indicator while reading, then the summary counts', async () => {
  const { host } = setup();
  let open!: () => void;
  host.gate = new Promise<void>((r) => (open = r));
  const button = screen.getByRole('button', { name: '检查工作簿' });
  fireEvent.click(button);
  const progress = await screen.findByTestId('progress');
  expect(within(progress).getByRole('progressbar')).toBeTruthy();
  expect(screen.getByTestId('check-button').hasAttribute('disabled')).toBe(true);
  await act(async () => open());
  await screen.findByTestId('summary');
  expect(screen.queryByTestId('progress')).toBeNull();
  expect(screen.getByTestId('count-error').textContent).toBe('2');
  expect(screen.getByTestId('count-verify').textContent).toBe('1');
  expect(screen.getByTestId('count-hint').textContent).toBe('1');
  expect(screen.getByTestId('count-explained').textContent).toBe('0');
  expect(screen.getByTestId('summary').textContent).toContain('待核实');
});

test('findings are grouped by severity, each with its message and Sheet!Cell', async () => {
  setup();
  await runCheck();
  const errors = screen.getByTestId('group-error');
  const verify = screen.getByTestId('group-verify');
  const hints = screen.getByTestId('group-hint');
  expect(within(errors).getAllByTestId('finding').map((b) => b.getAttribute('data-cell'))).toEqual(['B4', 'C7']);
  expect(within(verify).getAllByTestId('finding').map((b) => b.getAttribute('data-rule'))).toEqual(['large-change']);
  expect(within(hints).getAllByTestId('finding')).toHaveLength(1);
  expect(screen.queryByTestId('group-explained')).toBeNull();
  const first = within(errors).getAllByTestId('finding')[0];
  // one line to scan: mark, cell, what; the sentence and the cells open under it when selected
  expect(first.textContent).toMatch(/^●错误B4/);
  expect(first.textContent).toContain('矛盾纠纷');
  expect(first.textContent).not.toContain('化解率应为94.6%');
  expect(first.getAttribute('data-sheet')).toBe('矛盾纠纷');
  fireEvent.click(first);
  const detail = within(first.closest('li')!).getByTestId('finding-detail');
  expect(detail.textContent).toContain('化解率应为94.6%');
  expect(detail.textContent).toContain('矛盾纠纷!B4');
  expect(first.getAttribute('aria-expanded')).toBe('true');
  // errors come before verify before hints in the document
  expect(errors.compareDocumentPosition(verify) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  expect(verify.compareDocumentPosition(hints) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
});

test('selecting a finding selects its cell in the host; findings are native buttons (Enter and Space: see e2e)', async () => {
  const { host } = setup();
  await runCheck();
  const item = screen.getAllByTestId('finding').find((b) => b.getAttribute('data-cell') === 'D11')!;
  fireEvent.click(item);
  await waitFor(() => expect(host.selected).toEqual([{ sheet: '法治宣传', cell: 'D11' }]));
  expect(item.getAttribute('aria-current')).toBe('true');
  const other = screen.getAllByTestId('finding').find((b) => b.getAttribute('data-cell') === 'C7')!;
  // a real <button type="button">: the browser turns Enter and Space into one click (test/e2e presses them)
  expect(other.tagName).toBe('BUTTON');
  expect(other.getAttribute('type')).toBe('button');
  fireEvent.click(other);
  await waitFor(() => expect(host.selected).toEqual([{ sheet: '法治宣传', cell: 'D11' }, { sheet: '行政执法', cell: 'C7' }]));
});

test('explaining a verify finding writes the 审核说明 plan, re-checks and shows it as 已说明', async () => {
  const { host, engine } = setup();
  await runCheck();
  expect(engine.checks).toBe(1);
  // only verify findings are explained; an error is disputed (乡镇异议), never explained away
  expect(within(screen.getByTestId('group-error')).queryByTestId('explain-button')).toBeNull();
  expect(within(screen.getByTestId('group-error')).getAllByTestId('dispute-button').length).toBeGreaterThan(0);
  fireEvent.click(within(screen.getByTestId('group-verify')).getByTestId('explain-button'));
  const form = screen.getByTestId('explanation-form');
  // an empty explanation is refused without writing anything
  fireEvent.submit(form);
  expect(await within(form).findByText('请先填写说明再保存。')).toBeTruthy();
  expect(host.applied).toHaveLength(0);
  fireEvent.change(within(form).getByRole('textbox', { name: /审核说明/ }), { target: { value: '  全镇开展“法律进万家”集中宣传，已核对台账。 ' } });
  fireEvent.click(within(form).getByTestId('explanation-save'));
  await screen.findByTestId('group-explained');
  const plan = host.applied[0];
  expect(plan.sheets.map((s) => s.name)).toEqual([EXPLANATIONS]);
  expect(plan.sheets[0].rows).toEqual([[{ v: 'v1' }, { v: '全镇开展“法律进万家”集中宣传，已核对台账。' }]]);
  expect(engine.checks).toBe(2);
  expect(screen.getByTestId('count-verify').textContent).toBe('0');
  expect(screen.getByTestId('count-explained').textContent).toBe('1');
  const explained = within(screen.getByTestId('group-explained')).getByTestId('finding');
  expect(explained.getAttribute('data-status')).toBe('explained');
  expect(screen.getByTestId('group-explained').textContent).toContain('说明：全镇开展“法律进万家”集中宣传');
  expect(screen.queryByTestId('group-verify')).toBeNull();
  expect(screen.queryByTestId('explanation-form')).toBeNull();
  // the notice stands beside the finding explained, not above the list
  expect(screen.queryByTestId('notice-message')).toBeNull();
  expect(within(explained.closest('li')!).getByTestId('finding-notice').textContent).toContain('审核说明');
});

test('a second explanation keeps the first one in the rewritten 审核说明 sheet', async () => {
  const host = new FakeHost(BOOK);
  const extra = { ...FINDINGS[2], id: 'v2', cell: 'D12', message: '‘法治宣传’表 D12 横幅数量是上年的8倍。' };
  const engine = fakeEngine([...FINDINGS, extra]);
  render(<App host={host} engine={engine} />);
  await runCheck();
  const explainFirst = async (text: string) => {
    fireEvent.click(within(screen.getByTestId('group-verify')).getAllByTestId('explain-button')[0]);
    const form = screen.getByTestId('explanation-form');
    fireEvent.change(within(form).getByRole('textbox', { name: /审核说明/ }), { target: { value: text } });
    fireEvent.submit(form);
    await waitFor(() => expect(screen.queryByTestId('explanation-form')).toBeNull());
  };
  await explainFirst('第一条说明');
  await explainFirst('第二条说明');
  const last = host.applied[host.applied.length - 1];
  expect(last.sheets[0].rows.map((r) => r[1].v)).toEqual(['第一条说明', '第二条说明']);
  expect(screen.getByTestId('count-explained').textContent).toBe('2');
});

test('mark and unmark send the mark plan and the clear-marks plan', async () => {
  const { host } = setup();
  await runCheck();
  fireEvent.click(screen.getByRole('button', { name: '标记到单元格' }));
  await screen.findByTestId('notice-message');
  expect(host.applied[0].marks?.map((m) => `${m.sheet}!${m.cell}`)).toEqual(['矛盾纠纷!B4', '行政执法!C7', '法治宣传!D11', '矛盾纠纷!A9']);
  expect(screen.getByTestId('notice-message').textContent).toContain('4');
  fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
  await waitFor(() => expect(host.applied).toHaveLength(2));
  expect(host.applied[1].clearMarks).toBe(true);
  expect(host.applied[1].sheets).toEqual([]);
  expect(host.applied[1].deleteSheets ?? []).toEqual([]);
});

test('mark buttons are absent when the host cannot mark', async () => {
  setup({ caps: { caps: { marks: false } } });
  await runCheck();
  expect(screen.queryByTestId('mark-button')).toBeNull();
  expect(screen.queryByTestId('unmark-button')).toBeNull();
});

test('写入结果表 writes the result sheets with the report', async () => {
  const { host } = setup();
  await runCheck();
  fireEvent.click(screen.getByRole('button', { name: '写入结果表' }));
  await screen.findByTestId('notice-message');
  expect(host.applied[0].sheets.map((s) => s.name)).toEqual(['审核结果', '计算结果', '报告文稿']);
  expect(screen.getByTestId('notice-message').textContent).toContain('审核结果');
});

test('a failing apply shows the host message in an error bar and changes nothing', async () => {
  const { host } = setup();
  await runCheck();
  host.failApply = '‘矛盾纠纷’表受保护，无法写入标记。请在“审阅”中撤销工作表保护后再试。';
  fireEvent.click(screen.getByRole('button', { name: '标记到单元格' }));
  const bar = await screen.findByTestId('error-message');
  expect(bar.textContent).toContain('‘矛盾纠纷’表受保护，无法写入标记');
  expect(host.applied).toHaveLength(0);
  // findings are still there and the pane still works
  expect(screen.getAllByTestId('finding')).toHaveLength(4);
  expect(screen.getByTestId('check-button').hasAttribute('disabled')).toBe(false);
  fireEvent.click(within(bar).getByRole('button', { name: '关闭' }));
  await waitFor(() => expect(screen.queryByTestId('error-message')).toBeNull());
});

test('a failing explanation keeps the form and its text, and the finding stays open', async () => {
  const { host } = setup();
  await runCheck();
  host.failApply = '工作簿处于只读状态，无法写入“审核说明”表。';
  fireEvent.click(within(screen.getByTestId('group-verify')).getByTestId('explain-button'));
  const form = screen.getByTestId('explanation-form');
  fireEvent.change(within(form).getByRole('textbox', { name: /审核说明/ }), { target: { value: '已核实' } });
  fireEvent.submit(form);
  expect((await screen.findByTestId('error-message')).textContent).toContain('只读');
  expect((within(screen.getByTestId('explanation-form')).getByRole('textbox', { name: /审核说明/ }) as HTMLTextAreaElement).value).toBe('已核实');
  expect(screen.getByTestId('count-verify').textContent).toBe('1');
});

test('a read that throws (e.g. a missing API) shows its Chinese message; no summary appears', async () => {
  const { host } = setup();
  host.failRead = new Error('此版本的 Excel 不支持所需的 ExcelApi 1.7，请更新 Office 后再试。');
  fireEvent.click(screen.getByTestId('check-button'));
  const bar = await screen.findByTestId('error-message');
  expect(bar.textContent).toContain('ExcelApi 1.7');
  expect(screen.queryByTestId('summary')).toBeNull();
});

test('an English display language gives English strings', async () => {
  setup({ language: 'en-US' });
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Indicator Desk');
  fireEvent.click(screen.getByRole('button', { name: 'Check workbook' }));
  await screen.findByTestId('summary');
  expect(screen.getByTestId('summary').textContent).toContain('To verify');
  expect(screen.getByRole('button', { name: 'Mark cells' })).toBeTruthy();
  expect(screen.queryByText('检查工作簿')).toBeNull();
});

test('the report preview shows the narrative and 复制 puts HTML and plain text on the clipboard', async () => {
  const written: ClipboardItem[] = [];
  class FakeClipboardItem {
    constructor(public readonly items: Record<string, Blob>) {}
  }
  Object.assign(window, { ClipboardItem: FakeClipboardItem });
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { write: async (items: ClipboardItem[]) => void written.push(...items) },
  });
  setup();
  await runCheck();
  const preview = screen.getByTestId('report-preview');
  expect(preview.textContent).toContain('化解率94.6%');
  fireEvent.click(screen.getByRole('button', { name: '复制' }));
  // two open errors: copying asks first, and only once — a cancel copies nothing
  const ask = await screen.findByRole('alertdialog');
  expect(ask.textContent).toContain('还有2个错误未改正');
  fireEvent.click(within(ask).getByTestId('draft-confirm-no'));
  expect(screen.queryByRole('alertdialog')).toBeNull();
  expect(written).toHaveLength(0);
  fireEvent.click(screen.getByRole('button', { name: '复制' }));
  fireEvent.click(within(await screen.findByRole('alertdialog')).getByTestId('draft-confirm-yes'));
  await waitFor(() => expect(written).toHaveLength(1));
  const item = written[0] as unknown as FakeClipboardItem;
  expect(Object.keys(item.items).sort()).toEqual(['text/html', 'text/plain']);
  expect(await screen.findByText('已复制，可直接粘贴到 Word。')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '复制' }));
  expect(screen.queryByRole('alertdialog')).toBeNull();
  await waitFor(() => expect(written).toHaveLength(2));
  delete (navigator as unknown as { clipboard?: unknown }).clipboard;
});

test('the summary counts are filters: one chosen shows only its findings, chosen again shows all; an empty count cannot be chosen', async () => {
  setup();
  await runCheck();
  const errors = screen.getByTestId('filter-error');
  expect(errors.tagName).toBe('BUTTON');
  expect(errors.getAttribute('aria-pressed')).toBe('false');
  fireEvent.click(errors);
  expect(errors.getAttribute('aria-pressed')).toBe('true');
  expect(screen.getAllByTestId('finding').map((b) => b.getAttribute('data-severity'))).toEqual(['error', 'error']);
  expect(screen.queryByTestId('group-verify')).toBeNull();
  expect(screen.getByTestId('filter-note').textContent).toBe('只显示错误（2/4），再点一次显示全部。');
  expect(screen.getByTestId('nav-position').textContent).toBe('0 / 2');
  fireEvent.click(screen.getByTestId('filter-verify'));
  expect(screen.getAllByTestId('finding').map((b) => b.getAttribute('data-cell'))).toEqual(['D11']);
  fireEvent.click(screen.getByTestId('filter-verify'));
  expect(screen.getAllByTestId('finding')).toHaveLength(4);
  expect(screen.queryByTestId('filter-note')).toBeNull();
  expect((screen.getByTestId('filter-explained') as HTMLButtonElement).disabled).toBe(true);
});
