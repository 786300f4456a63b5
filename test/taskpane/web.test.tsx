/** @jest-environment jsdom */
/**
 * The standalone page with a stand-in for src/file whose "xlsx" bytes are JSON (so the page logic is tested
 * without ExcelJS); web-file.test.tsx drives FileHost over real .xlsx bytes.
 */
import * as React from 'react';
import { TextDecoder, TextEncoder } from 'util';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Grid, Report, Workbook, WritePlan } from '../../src/core/types';
import { WebApp, fileBytes } from '../../src/web/WebApp';
import type { FileModule } from '../../src/web/FileHost';
import * as textdoc from '../../src/file/textdoc';
import { BOOK, FINDINGS, captureDownloads, fakeEngine, finding, type Download, settled } from './fakes';

const enc = (b: Workbook) => new TextEncoder().encode(JSON.stringify(b));
const dec = (d: Uint8Array | ArrayBuffer): Workbook => {
  const text = new TextDecoder().decode(d instanceof Uint8Array ? d : new Uint8Array(d));
  try {
    return JSON.parse(text) as Workbook;
  } catch {
    throw new Error('文件“坏文件.xlsx”不是有效的 Excel 工作簿（.xlsx），无法读取。');
  }
};

function fakeFileModule() {
  const calls = { read: 0, apply: [] as WritePlan[], docx: [] as Report[] };
  const mod: FileModule = {
    async readXlsx(data, name) {
      calls.read++;
      return { ...dec(data), name };
    },
    async applyPlan(data, plan) {
      calls.apply.push(plan);
      const book = dec(data);
      const drop = new Set([...(plan.deleteSheets ?? []), ...plan.sheets.map((s) => s.name)]);
      const sheets: Grid[] = [
        ...book.sheets.filter((g) => !drop.has(g.name)),
        ...plan.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map((c) => c.v)) })),
      ];
      return enc({ ...book, sheets });
    },
    async reportDocx(report) {
      calls.docx.push(report);
      return new Uint8Array([0x50, 0x4b, 3, 4]);
    },
  };
  return { mod, calls };
}

const TWO_SHEETS: Workbook = {
  name: '',
  sheets: [
    { name: '基本信息', rows: [['单位名称', '周营镇'], ['报告年度', 2023]] },
    ...BOOK.sheets,
    { name: '法治宣传', rows: Array.from({ length: 12 }, (_, i) => [`指标${i + 1}`, i === 10 ? 30000 : i, 0.98]), formats: Array.from({ length: 12 }, () => [null, null, '0%']) },
  ],
};

const downloads: Download[] = [];
beforeAll(() => {
  captureDownloads(downloads);
});
afterEach(() => {
  cleanup();
  downloads.length = 0;
});

function setup(language = 'zh-CN') {
  const { mod, calls } = fakeFileModule();
  const engine = fakeEngine(FINDINGS);
  const fetchSample = jest.fn(async () => enc(TWO_SHEETS).buffer as ArrayBuffer);
  render(<WebApp language={language} engine={engine} hostOptions={{ load: async () => mod }} fetchSample={fetchSample} />);
  return { calls, engine, fetchSample };
}

function pick(...files: File[]) {
  fireEvent.change(screen.getByTestId('file-input'), { target: { files } });
}

test('the sample opens with one click: file list, sheet tabs and a preview grid with cell hooks', async () => {
  const { fetchSample } = setup();
  fireEvent.click(screen.getByRole('button', { name: '打开示例工作簿' }));
  const item = await screen.findByTestId('file-item');
  expect(fetchSample).toHaveBeenCalledTimes(1);
  expect(item.getAttribute('data-name')).toBe('周营镇-2023-指标.xlsx');
  const tabs = await screen.findAllByTestId('sheet-tab');
  expect(tabs.map((t) => t.getAttribute('data-sheet'))).toEqual(['基本信息', '矛盾纠纷', '法治宣传']);
  const grid = screen.getByTestId('preview-grid');
  expect(grid.getAttribute('data-sheet')).toBe('基本信息');
  expect(grid.querySelector('td[data-cell="B1"]')!.textContent).toBe('周营镇');
});

test('selecting a finding switches the preview to its sheet and highlights the cell', async () => {
  setup();
  pick(new File([enc(TWO_SHEETS)], '周营镇.xlsx'));
  await screen.findByTestId('preview-grid');
  await settled();
  const f = screen.getAllByTestId('finding').find((b) => b.getAttribute('data-cell') === 'D11')!;
  // D11 on 法治宣传 is beyond the 3 columns of that sheet: the preview extends to it and shows it empty, highlighted
  fireEvent.click(f);
  await waitFor(() => expect(screen.getByTestId('preview-grid').getAttribute('data-sheet')).toBe('法治宣传'));
  const d11 = screen.getByTestId('preview-grid').querySelector('td[data-cell="D11"]')!;
  expect(d11.getAttribute('aria-selected')).toBe('true');
  expect(d11.textContent).toBe('');
  const b4 = screen.getAllByTestId('finding').find((b) => b.getAttribute('data-cell') === 'B4')!;
  fireEvent.click(b4);
  await waitFor(() => expect(screen.getByTestId('preview-grid').getAttribute('data-sheet')).toBe('矛盾纠纷'));
  const cell = screen.getByTestId('preview-grid').querySelector('td[data-cell="B4"]')!;
  expect(cell.getAttribute('aria-selected')).toBe('true');
  expect(cell.textContent).toBe('1');
  expect(screen.getByTestId('preview-grid').querySelectorAll('[aria-selected="true"]')).toHaveLength(1);
});

test('percent-formatted cells show as percent in the preview', async () => {
  setup();
  pick(new File([enc(TWO_SHEETS)], 'a.xlsx'));
  await screen.findByTestId('preview-grid');
  fireEvent.click(screen.getAllByTestId('sheet-tab')[2]);
  await waitFor(() => expect(screen.getByTestId('preview-grid').getAttribute('data-sheet')).toBe('法治宣传'));
  expect(screen.getByTestId('preview-grid').querySelector('td[data-cell="C3"]')!.textContent).toBe('98%');
});

test('several files: the list switches between workbooks; each is checked when opened and listed with its unit, year and counts', async () => {
  setup();
  pick(new File([enc(BOOK)], '一.xlsx'), new File([enc(TWO_SHEETS)], '二.xlsx'));
  await waitFor(() => expect(screen.getAllByTestId('file-item')).toHaveLength(2));
  const active = () => screen.getAllByTestId('file-item').find((b) => b.getAttribute('data-active') === 'true')!;
  expect(active().getAttribute('data-name')).toBe('二.xlsx');
  fireEvent.click(screen.getAllByTestId('file-item')[0]);
  expect(active().getAttribute('data-name')).toBe('一.xlsx');
  const panel = screen.getAllByTestId('check-panel').find((p) => p.getAttribute('data-name') === '一.xlsx')!;
  await within(panel).findByTestId('summary');
  const other = screen.getAllByTestId('check-panel').find((p) => p.getAttribute('data-name') === '二.xlsx')!;
  await within(other).findByTestId('summary');
  await waitFor(() => expect(screen.getAllByTestId('file-summary')).toHaveLength(2));
  expect(screen.getAllByTestId('file-summary')[0].textContent).toMatch(/^周营镇 · 2023年度 · 错误 \d+，待核实 \d+，提示 \d+$/);
});

test('closing files: the active one passes to the last file left, closing another keeps it, the last one leaves none', async () => {
  setup();
  pick(new File([enc(BOOK)], '一.xlsx'), new File([enc(BOOK)], '二.xlsx'), new File([enc(BOOK)], '三.xlsx'));
  await waitFor(() => expect(screen.getAllByTestId('file-item')).toHaveLength(3));
  const names = () => screen.queryAllByTestId('file-item').map((b) => b.getAttribute('data-name'));
  const active = () => screen.getAllByTestId('file-item').find((b) => b.getAttribute('data-active') === 'true')?.getAttribute('data-name');
  const closeButton = (name: string) => screen.getAllByTestId('file-close')[names().indexOf(name)];
  fireEvent.click(screen.getAllByTestId('file-item')[0]);
  expect(active()).toBe('一.xlsx');
  fireEvent.click(closeButton('二.xlsx'));
  expect(names()).toEqual(['一.xlsx', '三.xlsx']);
  expect(active()).toBe('一.xlsx');
  fireEvent.click(closeButton('一.xlsx'));
  expect(names()).toEqual(['三.xlsx']);
  expect(active()).toBe('三.xlsx');
  expect(screen.getAllByTestId('check-panel').map((p) => p.getAttribute('data-name'))).toEqual(['三.xlsx']);
  fireEvent.click(closeButton('三.xlsx'));
  expect(names()).toEqual([]);
  expect(screen.queryAllByTestId('check-panel')).toHaveLength(0);
});

test('a file that is not a workbook gives a clear message and the page stays usable', async () => {
  const { fetchSample } = setup();
  pick(new File(['这不是工作簿'], '坏文件.xlsx'));
  const bar = await screen.findByTestId('open-error');
  expect(bar.textContent).toContain('不是有效的 Excel 工作簿');
  expect(screen.queryByTestId('file-item')).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: '打开示例工作簿' }));
  await screen.findByTestId('file-item');
  expect(fetchSample).toHaveBeenCalled();
});

test('a sample that cannot be fetched says so', async () => {
  const { mod } = fakeFileModule();
  render(
    <WebApp
      language="zh-CN"
      engine={fakeEngine(FINDINGS)}
      hostOptions={{ load: async () => mod }}
      fetchSample={async () => {
        throw new Error('HTTP 404');
      }}
    />,
  );
  fireEvent.click(screen.getByTestId('open-sample'));
  expect((await screen.findByTestId('open-error')).textContent).toContain('示例工作簿无法打开');
});

test('a sample fetched but not opened says why, never that the samples folder is missing', async () => {
  const { mod } = fakeFileModule();
  // bytes that may be a report (a zip naming word/document.xml): opening them asks the report reader, which fails here
  const bytes = new TextEncoder().encode('PK\u0003\u0004 word/document.xml');
  const spy = jest.spyOn(textdoc, 'textSourceFormat').mockImplementation(() => {
    throw new Error('内部错误（测试注入）');
  });
  try {
    render(<WebApp language="zh-CN" engine={fakeEngine(FINDINGS)} hostOptions={{ load: async () => mod }} fetchSample={async () => bytes.buffer as ArrayBuffer} />);
    fireEvent.click(screen.getByTestId('open-sample'));
    const said = (await screen.findByTestId('open-error')).textContent ?? '';
    expect(said).toContain('示例工作簿“周营镇-2023-指标.xlsx”已取得，但无法打开（内部错误（测试注入））');
    expect(said).not.toContain('samples 文件夹');
  } finally {
    spy.mockRestore();
  }
});

test('dropping files on the drop zone opens them', async () => {
  setup();
  const file = new File([enc(BOOK)], '拖入.xlsx');
  fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { files: [file], types: ['Files'] } });
  expect((await screen.findByTestId('file-item')).getAttribute('data-name')).toBe('拖入.xlsx');
});

test('下载结果工作簿 writes the result sheets into the held bytes and downloads them; 下载 Word 报告 downloads a .docx', async () => {
  const { calls } = setup();
  pick(new File([enc(BOOK)], '周营镇-2023-指标.xlsx'));
  await screen.findByTestId('preview-grid');
  await settled();
  // a file host has no 写入结果表 (results are downloaded)
  expect(screen.queryByTestId('write-results-button')).toBeNull();
  fireEvent.click(screen.getByTestId('download-workbook'));
  // two open errors: downloading the draft is confirmed once, then both downloads go through
  fireEvent.click(await screen.findByTestId('draft-confirm-yes'));
  await waitFor(() => expect(downloads).toHaveLength(1));
  expect(downloads[0].name).toBe('周营镇-2023-指标-审核.xlsx');
  const written = dec(new Uint8Array(await fileBytes(downloads[0].blob)));
  expect(written.sheets.map((s) => s.name)).toEqual(['矛盾纠纷', '审核结果', '计算结果', '报告文稿']);
  expect(written.sheets[0]).toEqual({ ...BOOK.sheets[0] });
  // the preview now shows the result sheets too
  await waitFor(() => expect(screen.getAllByTestId('sheet-tab').map((t) => t.getAttribute('data-sheet'))).toContain('审核结果'));
  fireEvent.click(screen.getByTestId('download-docx'));
  await waitFor(() => expect(downloads).toHaveLength(2));
  expect(downloads[1].name).toBe('周营镇-2023-指标-报告.docx');
  expect(calls.docx[0].paragraphs.some((p) => p.text.includes('化解率94.6%'))).toBe(true);
});

test('a failing write shows an error and downloads nothing', async () => {
  const { mod } = fakeFileModule();
  mod.applyPlan = async () => {
    throw new Error('写入失败：工作簿结构已损坏。');
  };
  render(<WebApp language="zh-CN" engine={fakeEngine(FINDINGS)} hostOptions={{ load: async () => mod }} />);
  pick(new File([enc(BOOK)], 'x.xlsx'));
  await screen.findByTestId('preview-grid');
  await settled();
  fireEvent.click(screen.getByTestId('download-workbook'));
  fireEvent.click(await screen.findByTestId('draft-confirm-yes'));
  expect((await screen.findByTestId('error-message')).textContent).toContain('写入失败');
  expect(downloads).toHaveLength(0);
});

test('English when the browser language is English', async () => {
  setup('en-GB');
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Indicator Desk · web');
  expect(screen.getByRole('button', { name: 'Open the sample workbook' })).toBeTruthy();
});

test('an explained finding in the page is written into the held workbook', async () => {
  const { mod, calls } = fakeFileModule();
  const engine = fakeEngine([finding({ id: 'v9', rule: 'large-change', severity: 'verify', sheet: '矛盾纠纷', cell: 'B2', message: '‘矛盾纠纷’表 B2 信访案件是上年的5倍。' })]);
  render(<WebApp language="zh-CN" engine={engine} hostOptions={{ load: async () => mod }} />);
  pick(new File([enc(BOOK)], 'y.xlsx'));
  await screen.findByTestId('preview-grid');
  await settled();
  fireEvent.click(screen.getByTestId('explain-button'));
  fireEvent.change(screen.getByTestId('explanation-text'), { target: { value: '集中排查所致' } });
  fireEvent.click(screen.getByTestId('explanation-save'));
  await screen.findByTestId('group-explained');
  expect(calls.apply[0].sheets[0].name).toBe('审核说明');
  await waitFor(() => expect(screen.getAllByTestId('sheet-tab').map((t) => t.getAttribute('data-sheet'))).toContain('审核说明'));
});
