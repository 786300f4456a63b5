/** @jest-environment jsdom */
/**
 * One click fixes a label the tool could not place (issue 10): on the page (and the pane, which renders the same
 * list), an ambiguous or unknown label offers its candidates; choosing one writes 指标对照 into the workbook and
 * checks again, so the figure is checked from then on — here the real core finds the error the ambiguity hid.
 */
import { settled } from './fakes';
import * as React from 'react';
import { TextDecoder, TextEncoder } from 'util';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Grid, Workbook, WritePlan } from '../../src/core/types';
import { WebApp } from '../../src/web/WebApp';
import type { FileModule } from '../../src/web/FileHost';
import { coreEngine } from '../../src/taskpane/coreEngine';

const enc = (b: Workbook) => new TextEncoder().encode(JSON.stringify(b));
const dec = (d: Uint8Array | ArrayBuffer): Workbook => JSON.parse(new TextDecoder().decode(d instanceof Uint8Array ? d : new Uint8Array(d))) as Workbook;

/** Workbook bytes are JSON here; applying a plan replaces or appends the planned sheets, as the real writers do. */
function jsonFiles() {
  const applied: WritePlan[] = [];
  const mod: FileModule = {
    async readXlsx(data, name) {
      return { ...dec(data), name };
    },
    async applyPlan(data, plan) {
      applied.push(plan);
      const book = dec(data);
      const drop = new Set([...(plan.deleteSheets ?? []), ...plan.sheets.map((s) => s.name)]);
      const sheets: Grid[] = [...book.sheets.filter((g) => !drop.has(g.name)), ...plan.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map((c) => c.v)) }))];
      return enc({ ...book, sheets });
    },
    async reportDocx() {
      return new Uint8Array([0x50, 0x4b, 3, 4]);
    },
  };
  return { mod, applied };
}

const BOOK: Workbook = {
  name: '',
  sheets: [
    { name: '基本情况', rows: [['单位名称', '前营乡'], ['报告年度', 2023]] },
    {
      name: '指标',
      rows: [
        ['指标名称', '单位', '2023年'],
        ['化解率', '%', '100%'],
        ['受理信访案件', '件', 9],
        ['化解信访案件', '件', 7],
      ],
    },
  ],
};

afterEach(cleanup);

test('an ambiguous label offers its candidates; one click keeps the choice in 指标对照 and the figure is checked', async () => {
  const { mod, applied } = jsonFiles();
  render(<WebApp language="zh-CN" engine={coreEngine} hostOptions={{ load: async () => mod }} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File([enc(BOOK)], '前营乡.xlsx')] } });
  await screen.findByTestId('preview-grid');
  await settled();
  const hint = screen.getAllByTestId('finding').find((b) => b.getAttribute('data-rule') === 'ambiguous-label')!;
  expect(hint.getAttribute('data-cell')).toBe('A2');
  const buttons = screen.getAllByTestId('place-button');
  expect(buttons.map((b) => b.textContent)).toEqual(['是“信访案件化解率”', '是“矛盾纠纷调解成功率”']);
  expect(buttons[0].getAttribute('aria-label')).toContain('化解率');
  fireEvent.click(buttons[0]);
  await screen.findByText(/已记入“指标对照”：“化解率”即“信访案件化解率”/);
  const plan = applied.find((p) => p.sheets.some((s) => s.name === '指标对照'))!;
  expect(plan.sheets[0].rows.map((r) => r.map((c) => c.v))).toEqual([
    ['原标签', '指标', '工作表'],
    ['化解率', '信访案件化解率', '指标'],
  ]);
  // checked again: the label is placed, and 100% over 7 of 9 is the error it was hiding
  await waitFor(() => expect(screen.getAllByTestId('finding').some((b) => b.getAttribute('data-rule') === 'rate-mismatch')).toBe(true));
  expect(screen.getAllByTestId('finding').some((b) => b.getAttribute('data-rule') === 'ambiguous-label')).toBe(false);
  expect(screen.queryAllByTestId('place-button')).toHaveLength(0);
});

test('a label with a word not understood offers its nearest indicators the same way, in English too', async () => {
  const { mod } = jsonFiles();
  const book: Workbook = { ...BOOK, sheets: [BOOK.sheets[0], { name: '指标', rows: [['指标名称', '单位', '2023年'], ['全年综合化解率', '%', '100%']] }] };
  render(<WebApp language="en-US" engine={coreEngine} hostOptions={{ load: async () => mod }} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File([enc(book)], 'x.xlsx')] } });
  await screen.findByTestId('preview-grid');
  await settled();
  const buttons = await screen.findAllByTestId('place-button');
  expect(buttons.map((b) => b.getAttribute('data-indicator'))).toEqual(['petition_resolution_rate', 'dispute_mediation_rate']);
  expect(buttons[0].textContent).toBe('“信访案件化解率”');
});

test('a finding shows how its labels were read, and any reading can be changed the same way', async () => {
  const { mod, applied } = jsonFiles();
  const placed: Workbook = { ...BOOK, sheets: [...BOOK.sheets, { name: '指标对照', rows: [['原标签', '指标', '工作表'], ['化解率', '信访案件化解率', '指标']] }] };
  render(<WebApp language="zh-CN" engine={coreEngine} hostOptions={{ load: async () => mod }} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File([enc(placed)], '前营乡.xlsx')] } });
  await screen.findByTestId('preview-grid');
  await settled();
  const rate = screen.getAllByTestId('finding').find((b) => b.getAttribute('data-rule') === 'rate-mismatch')!;
  fireEvent.click(rate); // the readings open with the finding
  const item = rate.closest('li')!;
  const readings = within(item).getAllByTestId('reading').map((r) => r.querySelector('p')!.textContent);
  expect(readings).toEqual([
    expect.stringContaining('按“化解信访案件”识别为“信访案件化解数”'),
    expect.stringContaining('按“受理信访案件”识别为“信访案件受理数”'),
    '按“指标对照!B2”中的对照，“化解率”为“信访案件化解率”',
  ]);
  const first = within(item).getAllByTestId('reading')[2];
  fireEvent.change(within(first).getByTestId('relabel-select'), { target: { value: 'dispute_mediation_rate' } });
  fireEvent.click(within(first).getByTestId('relabel-button'));
  await screen.findByText(/已记入“指标对照”：“化解率”即“矛盾纠纷调解成功率”/);
  expect(applied.at(-1)!.sheets[0].rows.map((r) => r.map((c) => c.v))).toEqual([
    ['原标签', '指标', '工作表'],
    ['化解率', '矛盾纠纷调解成功率', '指标'],
  ]);
  await waitFor(() => expect(screen.queryAllByTestId('finding').some((b) => b.getAttribute('data-rule') === 'rate-mismatch')).toBe(false));
});
