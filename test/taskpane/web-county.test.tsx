/** @jest-environment jsdom */
/**
 * The page's county consolidation (issue 14) in jsdom over the real samples, the real core and the real src/file:
 * several township workbooks opened at once give the 审核情况 table first (those to send back on top), a township
 * opens its findings, and the county workbook (live SUM formulas) and the county .docx download.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDecoder, TextEncoder } from 'util';
Object.assign(globalThis, { TextDecoder, TextEncoder, setImmediate: globalThis.setImmediate ?? ((fn: () => void) => setTimeout(fn, 0)) });

import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ExcelJS from 'exceljs';
import { check } from '../../src/core/check';
import type { CountyDefinitions } from '../../src/core/definitions/types';
import { readWorkbook } from '../../src/file';
import { readDefinitionsFile } from '../../src/file/definitions';
import { loadExcelJs } from '../../src/file/exceljs';
import { PaneProviders } from '../../src/taskpane/Pane';
import { localDefinitionsStore } from '../../src/taskpane/definitionsStore';
import { stringsFor } from '../../src/taskpane/i18n';
import { CountyPanel } from '../../src/web/CountyPanel';
import { countyPartOfBook } from '../../src/web/county';
import { FileHost } from '../../src/web/FileHost';
import type { EngineOptions } from '../../src/taskpane/engine';
import { WEB_STRINGS, WebStringsContext } from '../../src/web/strings';
import { WebApp, fileBytes } from '../../src/web/WebApp';
import { pageDownloads } from './fakes';

const SAMPLES = path.join(__dirname, '../../assets/samples');
const file = (name: string) => new File([fs.readFileSync(path.join(SAMPLES, name))], name);

const downloads = pageDownloads();

const T = { timeout: 30000 };

function openThree() {
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} />);
  fireEvent.change(screen.getByTestId('file-input'), {
    target: { files: [file('示范镇-2023-无误.xlsx'), file('周营镇-2023-指标.xlsx'), file('大钟庄镇-2021-比率.xlsx')] },
  });
}

const cellsOf = (row: HTMLElement) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent ?? '');

test('three township files: the 审核情况 table lists each once, the ones to send back first, the clean one last', async () => {
  openThree();
  // the table follows the files as they open: 2 rows once the second is read, then 3
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  const table = screen.getByTestId('county-table');
  const header = Array.from(table.querySelectorAll('th')).map((th) => th.textContent);
  expect(header.slice(0, 7)).toEqual(['序号', '乡镇', '文件', '报告年度', '错误', '待核实', '提示']);
  const rows = within(table).getAllByTestId('county-row');
  expect(rows.map((r) => r.getAttribute('data-file')).sort()).toEqual(['周营镇-2023-指标.xlsx', '大钟庄镇-2021-比率.xlsx', '示范镇-2023-无误.xlsx']);
  // the clean township needs nothing and comes last; the 2021 workbook is kept out of a 2023 county and sent back
  const last = cellsOf(rows[2]);
  expect(rows[2].getAttribute('data-file')).toBe('示范镇-2023-无误.xlsx');
  expect(last[4]).toBe('0');
  expect(last[11]).toBe('无需处理');
  const old = cellsOf(rows.find((r) => r.getAttribute('data-file') === '大钟庄镇-2021-比率.xlsx')!);
  expect(old[3]).toBe('2021');
  expect(old[11]).toMatch(/^退回/);
  // 周营镇 has the planted errors (Z1 rate mismatch, Z3 持证人数 > 人员): a count above 0, sent back
  const zhou = cellsOf(rows.find((r) => r.getAttribute('data-file') === '周营镇-2023-指标.xlsx')!);
  expect(Number(zhou[4])).toBeGreaterThanOrEqual(2);
  expect(zhou[11]).toMatch(/^退回/);
  expect(screen.getByTestId('county-summary').textContent).toMatch(/2023年度共收到3个文件/);
});

test('choosing a township in the table opens its file and shows its findings', async () => {
  openThree();
  // every file open first: a file that finishes opening becomes the active one
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  const table = screen.getByTestId('county-table');
  const row = within(table).getAllByTestId('county-row').find((r) => r.getAttribute('data-file') === '周营镇-2023-指标.xlsx')!;
  fireEvent.click(within(row).getByTestId('county-open'));
  const active = () => screen.getAllByTestId('file-item').find((b) => b.getAttribute('data-active') === 'true')!;
  expect(active().getAttribute('data-name')).toBe('周营镇-2023-指标.xlsx');
  const panel = screen.getAllByTestId('check-panel').find((p) => p.getAttribute('data-name') === '周营镇-2023-指标.xlsx')!;
  // checked without a further click: the rate mismatch planted at 矛盾纠纷化解!D6 is listed
  await within(panel).findByTestId('summary', {}, T);
  const z1 = within(panel).getAllByTestId('finding').find((f) => f.getAttribute('data-cell') === 'D6' && /矛盾纠纷化解/.test(f.getAttribute('data-sheet') ?? ''));
  expect(z1).toBeDefined();
});

test('the county workbook downloads with 审核情况, 汇总表 (live SUM in its 合计 row) and 汇总报告文稿; the county .docx too', async () => {
  openThree();
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  fireEvent.click(screen.getByTestId('county-workbook'));
  await waitFor(() => expect(downloads).toHaveLength(1), T);
  expect(downloads[0].name).toBe('全县汇总.xlsx');
  const wb = await loadExcelJs(new Uint8Array(await fileBytes(downloads[0].blob)), downloads[0].name);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['审核情况', '汇总表', '汇总报告文稿', '审核明细']);
  const summary = wb.getWorksheet('汇总表')!;
  let total: import('exceljs').Row | null = null;
  summary.eachRow((row) => {
    if (row.getCell(2).value === '合计') total = row;
  });
  expect(total).not.toBeNull();
  const formulas: string[] = [];
  (total as unknown as import('exceljs').Row).eachCell((c) => {
    const f = (c.value as { formula?: string } | null)?.formula;
    if (f) formulas.push(f);
  });
  expect(formulas.some((f) => /^SUM\(/.test(f))).toBe(true);
  // two townships of 2023 are in the totals, the 2021 one is not
  const townships: string[] = [];
  summary.eachRow((row, n) => {
    if (n > 2 && row.getCell(1).value != null && typeof row.getCell(1).value === 'number') townships.push(String(row.getCell(2).value));
  });
  expect(townships.sort()).toEqual(['周营镇', '示范镇']);
  expect(screen.getByTestId('county-notice').textContent).toBe('已下载“全县汇总.xlsx”。');

  fireEvent.click(screen.getByTestId('county-docx'));
  await waitFor(() => expect(downloads).toHaveLength(2), T);
  expect(downloads[1].name).toBe('全县报告.docx');
  const docx = new Uint8Array(await fileBytes(downloads[1].blob));
  expect(Array.from(docx.slice(0, 2))).toEqual([0x50, 0x4b]);
});

test('one workbook open: no county table', async () => {
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file('示范镇-2023-无误.xlsx')] } });
  await screen.findByTestId('file-item', {}, T);
  expect(screen.queryByTestId('county-panel')).toBeNull();
});

// ───────────── the county's definitions, unreadable files, the check off the page's thread (issue 14) ─────────────

/** The county's definitions: at most 10 officers (周营镇 has 12), and a county indicator the built-in catalog lacks. */
const DEFS_JSON = JSON.stringify({
  指标定义: [
    { 指标名称: '行政执法人员', 上限: 10 },
    { 指标名称: '法治副校长', 单位: '人', 类型: '数量' },
  ],
});
const definitions = (): Promise<CountyDefinitions> => readDefinitionsFile(new TextEncoder().encode(DEFS_JSON), '县定义.json');

/** A township's workbook as offices keep it (基本情况, then its indicators), with the county's own 法治副校长 row. */
async function township(unit: string, principals: number): Promise<File> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('基本情况').addRows([['单位名称', unit], ['报告年度', 2023]]);
  wb.addWorksheet('指标').addRows([
    ['序号', '指标名称', '单位', '2023年'],
    [1, '受理信访案件', '件', 20],
    [2, '化解信访案件', '件', 19],
    [3, '法治副校长', '人', principals],
  ]);
  return new File([new Uint8Array(await wb.xlsx.writeBuffer())], `${unit}-2023-指标.xlsx`);
}

/** The errors core counts in `name` (a sample), with or without the definitions. */
async function coreErrors(name: string, defs?: CountyDefinitions): Promise<number> {
  const book = await readWorkbook(fs.readFileSync(path.join(SAMPLES, name)), name);
  return check(book, defs ? { definitions: defs } : {}).counts.error;
}

const rowOf = (f: string) => screen.getAllByTestId('county-row').find((r) => r.getAttribute('data-file') === f)!;

async function countyWorkbook() {
  fireEvent.click(screen.getByTestId('county-workbook'));
  await waitFor(() => expect(downloads.some((d) => d.name === '全县汇总.xlsx')).toBe(true), T);
  const d = downloads.find((x) => x.name === '全县汇总.xlsx')!;
  return loadExcelJs(new Uint8Array(await fileBytes(d.blob)), d.name);
}

test('with the county definitions loaded, every township is checked with them and the summary is laid out by them (as merge --catalog)', async () => {
  const defs = await definitions();
  const store = localDefinitionsStore();
  await store.save(defs).catch(() => undefined);
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} definitionsStore={store} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file('周营镇-2023-指标.xlsx'), await township('李集镇', 3), await township('王营乡', 2)] } });
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  await waitFor(() => expect(screen.queryByTestId('county-progress')).toBeNull(), T);
  expect(screen.getByTestId('county-definitions').textContent).toBe('各文件按县级指标定义“县定义.json”检查和汇总。');
  // 12 officers over the county's 10: one error more than the built-in catalog finds
  const withDefs = await coreErrors('周营镇-2023-指标.xlsx', defs);
  expect(withDefs).toBe((await coreErrors('周营镇-2023-指标.xlsx')) + 1);
  expect(cellsOf(rowOf('周营镇-2023-指标.xlsx'))[4]).toBe(String(withDefs));
  // the county's own indicator is a column of 汇总表, its 合计 the sum of the two townships
  const summary = (await countyWorkbook()).getWorksheet('汇总表')!;
  const header = (summary.getRow(2).values as unknown[]).map((v) => (v == null ? '' : String(v)));
  const col = header.indexOf('法治副校长（人）');
  expect(col).toBeGreaterThan(0);
  let total: ExcelJS.Row | null = null;
  summary.eachRow((row) => {
    if (row.getCell(2).value === '合计') total = row;
  });
  const cell = (total as unknown as ExcelJS.Row).getCell(col).value as { formula: string; result: number };
  expect(cell.formula).toMatch(/^SUM\(/);
  expect(cell.result).toBe(5);
});

test('definitions loaded later in a file’s pane: the table is consolidated again with them, and without them once removed', async () => {
  const defs = await definitions();
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} definitionsStore={localDefinitionsStore()} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file('示范镇-2023-无误.xlsx'), file('周营镇-2023-指标.xlsx')] } });
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(2), T);
  const plain = await coreErrors('周营镇-2023-指标.xlsx');
  await waitFor(() => expect(cellsOf(rowOf('周营镇-2023-指标.xlsx'))[4]).toBe(String(plain)), T);
  expect(screen.getByTestId('county-definitions').textContent).toContain('内置指标目录');
  fireEvent.change(screen.getAllByTestId('definitions-input')[0], { target: { files: [new File([DEFS_JSON], '县定义.json')] } });
  await waitFor(() => expect(screen.getByTestId('county-definitions').textContent).toContain('县定义.json'), T);
  const withDefs = await coreErrors('周营镇-2023-指标.xlsx', defs);
  await waitFor(() => expect(cellsOf(rowOf('周营镇-2023-指标.xlsx'))[4]).toBe(String(withDefs)), T);
  fireEvent.click(screen.getAllByTestId('definitions-remove')[0]);
  await waitFor(() => expect(cellsOf(rowOf('周营镇-2023-指标.xlsx'))[4]).toBe(String(plain)), T);
});

test('a file that cannot be opened is a row of the table — 否, with its reason, first to send back — until removed', async () => {
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} definitionsStore={localDefinitionsStore()} />);
  fireEvent.change(screen.getByTestId('file-input'), {
    target: { files: [file('示范镇-2023-无误.xlsx'), new File(['周营镇 2023 指标\n信访案件受理数\t9\n'], '柳河镇-2023-指标.xlsx'), file('周营镇-2023-指标.xlsx')] },
  });
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  // told at once, and not in the list of open files
  expect(screen.getByTestId('open-error').textContent).toContain('柳河镇-2023-指标.xlsx');
  expect(screen.getAllByTestId('file-item')).toHaveLength(2);
  const rows = screen.getAllByTestId('county-row');
  expect(rows[0].getAttribute('data-file')).toBe('柳河镇-2023-指标.xlsx');
  const bad = cellsOf(rows[0]);
  expect(bad[9]).toBe('否');
  expect(bad[10]).toMatch(/^未汇总：.*柳河镇-2023-指标\.xlsx.*不是有效的 Excel 工作簿/);
  expect(bad[11]).toBe('退回：请重新报送能打开的工作簿');
  expect(screen.getByTestId('county-summary').textContent).toMatch(/共收到3个文件，2个乡镇计入汇总/);
  // in the county workbook too
  const status = (await countyWorkbook()).getWorksheet('审核情况')!;
  expect(status.getRow(3).getCell(3).value).toBe('柳河镇-2023-指标.xlsx');
  expect(status.getRow(3).getCell(10).value).toBe('否');
  fireEvent.click(within(rows[0]).getByTestId('county-remove'));
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(2), T);
  expect(screen.getByTestId('county-summary').textContent).toMatch(/共收到2个文件/);
});

/** A page file whose check for the county is answered by a "worker" the test holds back, one file at a time. */
class WorkerFileHost extends FileHost {
  reads = 0;
  asked: EngineOptions[] = [];
  release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  override async read(onProgress?: (done: number, total: number) => void) {
    this.reads++;
    return super.read(onProgress);
  }
  override async countyPartOffThread(file: string, opts: EngineOptions) {
    this.asked.push(opts);
    await this.gate;
    // what checkWorker.ts answers: the file read from its bytes, checked with the definitions
    return countyPartOfBook(file, await readWorkbook(this.bytes, this.name), opts.definitions);
  }
}

test('each file is checked for the county off the page’s thread when a worker answers, the progress naming the file being checked', async () => {
  const host = (name: string) => new WorkerFileHost(name, fs.readFileSync(path.join(SAMPLES, name)));
  const a = host('示范镇-2023-无误.xlsx');
  const b = host('周营镇-2023-指标.xlsx');
  const defs = await definitions();
  const store = localDefinitionsStore();
  await store.save(defs).catch(() => undefined);
  render(
    <PaneProviders strings={stringsFor('zh-CN')}>
      <WebStringsContext.Provider value={WEB_STRINGS['zh-CN']}>
        <CountyPanel books={[{ id: 'a', host: a, label: a.name }, { id: 'b', host: b, label: b.name }]} onOpen={() => undefined} definitionsStore={store} />
      </WebStringsContext.Provider>
    </PaneProviders>,
  );
  await waitFor(() => expect(screen.getByTestId('county-progress').textContent).toContain('正在检查第1/2个文件：示范镇-2023-无误.xlsx'), T);
  a.release();
  await waitFor(() => expect(screen.getByTestId('county-progress').textContent).toContain('正在检查第2/2个文件：周营镇-2023-指标.xlsx'), T);
  expect(screen.queryByTestId('county-table')).toBeNull();
  b.release();
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(2), T);
  expect(screen.queryByTestId('county-progress')).toBeNull();
  // the worker was asked with the county's definitions, and nothing was read or checked in the page
  expect([...a.asked, ...b.asked].map((o) => o.definitions?.name)).toEqual(['县定义.json', '县定义.json']);
  expect(a.reads + b.reads).toBe(0);
  expect(cellsOf(rowOf('周营镇-2023-指标.xlsx'))[4]).toBe(String(await coreErrors('周营镇-2023-指标.xlsx', defs)));
});

// ───────────── the findings across townships, and a file whose check fails (issue 14) ─────────────

/** A township's workbook with its indicators as the township wrote them (label, unit, figure). */
async function townshipBook(file: string, unit: string, rows: [string, string, number | string][]): Promise<File> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('基本情况').addRows([['单位名称', unit], ['报告年度', 2023]]);
  wb.addWorksheet('指标').addRows([['序号', '指标名称', '单位', '2023年'], ...rows.map((r, i) => [i + 1, ...r])]);
  return new File([new Uint8Array(await wb.xlsx.writeBuffer())], file);
}

test('the findings across townships are listed under the table, each naming both townships and their files; one opens its file', async () => {
  // as the townships' own reports word them: 印发各类普法宣传材料 近3万份, 张贴普法条幅 300余幅, 宣传横幅 1500多条
  const files = [
    await townshipBook('李集镇-2023-指标.xlsx', '李集镇', [['受理信访案件', '件', 20], ['化解信访案件', '件', 19], ['印发普法宣传材料', '份', 3000], ['张贴普法条幅', '条', 300]]),
    // the same township again: the revised copy the township sent a week later, its office named in full
    await townshipBook('李集镇-2023-指标（修改稿）.xlsx', '李集镇人民政府', [['受理信访案件', '件', 20], ['化解信访案件', '件', 20], ['印发普法宣传材料', '份', 3000], ['张贴普法条幅', '条', 300]]),
    // 万份 converts to 份 (summed as 8000份, noted in 汇总表): not a finding
    await townshipBook('王营乡-2023-指标.xlsx', '王营乡', [['受理信访案件', '件', 12], ['化解信访案件', '件', 12], ['印发普法宣传材料', '万份', 0.8], ['宣传横幅', '条', 150]]),
    // banners measured in 米 cannot be added to 条: an error naming both townships
    await townshipBook('柳河镇-2023-指标.xlsx', '柳河镇', [['受理信访案件', '件', 9], ['化解信访案件', '件', 7], ['印发普法宣传材料', '份', 2600], ['悬挂横幅', '米', 1500]]),
  ];
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} definitionsStore={localDefinitionsStore()} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files } });
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(4), T);
  await waitFor(() => expect(screen.queryByTestId('county-progress')).toBeNull(), T);

  const section = screen.getByTestId('county-findings');
  // below the table, in the same panel
  expect(screen.getByTestId('county-table').compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  const heading = within(section).getByRole('heading');
  expect(heading.textContent).toBe('各乡镇之间的问题（错误 2，待核实 0，提示 0）');
  const items = within(section).getAllByTestId('county-finding');
  const text = items.map((li) => li.textContent ?? '');

  const dup = items[text.findIndex((t) => t.includes('出现了两次'))];
  expect(dup).toBeDefined();
  expect(dup.textContent).toMatch(/^● 错误/);
  expect(dup.textContent).toContain('“李集镇”出现了两次');
  expect(dup.textContent).toContain('“李集镇-2023-指标.xlsx”');
  expect(dup.textContent).toContain('“李集镇-2023-指标（修改稿）.xlsx”');

  const unit = items[text.findIndex((t) => t.includes('两者不能直接相加'))];
  expect(unit).toBeDefined();
  expect(unit.textContent).toMatch(/^● 错误/);
  expect(unit.textContent).toContain('柳河镇（“柳河镇-2023-指标.xlsx” ‘指标’表 D5）以“米”计（1500米）');
  expect(unit.textContent).toMatch(/在(李集镇（“李集镇-2023-指标\.xlsx”|王营乡（“王营乡-2023-指标\.xlsx”) ‘指标’表 D5）以“条”计/);
  // the township that wrote 万份 is summed in 份, not told its units differ
  expect(text.some((t) => t.includes('王营乡') && t.includes('万份'))).toBe(false);

  // the duplicate offers both of 李集镇's files; choosing the revised one shows its findings
  const open = within(dup).getAllByTestId('county-finding-open');
  expect(open.map((b) => b.textContent)).toEqual(['查看“李集镇-2023-指标.xlsx”的问题', '查看“李集镇-2023-指标（修改稿）.xlsx”的问题']);
  open[1].focus();
  expect(document.activeElement).toBe(open[1]);
  fireEvent.click(open[1]);
  const active = () => screen.getAllByTestId('file-item').find((b) => b.getAttribute('data-active') === 'true')!;
  expect(active().getAttribute('data-name')).toBe('李集镇-2023-指标（修改稿）.xlsx');
  // the unit mismatch opens 柳河镇's file
  fireEvent.click(within(unit).getAllByTestId('county-finding-open')[0]);
  expect(active().getAttribute('data-name')).toBe('柳河镇-2023-指标.xlsx');
});

test('townships with nothing between them: the list says so instead of vanishing', async () => {
  render(<WebApp language="zh-CN" hostOptions={{ offThread: false }} definitionsStore={localDefinitionsStore()} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file('示范镇-2023-无误.xlsx'), file('周营镇-2023-指标.xlsx')] } });
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(2), T);
  expect(screen.queryAllByTestId('county-finding')).toHaveLength(0);
  expect(screen.getByTestId('county-findings-none').textContent).toMatch(/^各乡镇之间没有发现问题/);
});

/** A page file whose check for the county fails the way the worker reports it (an Error rebuilt from its reply). */
class FailingFileHost extends FileHost {
  constructor(
    name: string,
    bytes: Uint8Array,
    private readonly error: Error,
  ) {
    super(name, bytes);
  }
  override async countyPartOffThread(): Promise<never> {
    throw this.error;
  }
}

test('a file whose check fails is a row saying in Chinese what happened and what to do, naming the file; the error’s words beside it', async () => {
  const bytes = (name: string) => fs.readFileSync(path.join(SAMPLES, name));
  const good = new WorkerFileHost('示范镇-2023-无误.xlsx', bytes('示范镇-2023-无误.xlsx'));
  good.release();
  // a bug in the check: what a TypeError looks like once it has crossed from the worker, with the sheet and cell
  const bug = Object.assign(new Error("Cannot read properties of undefined (reading 'v')"), { name: 'TypeError', sheet: '矛盾纠纷化解', cell: 'D6' });
  const failing = new FailingFileHost('周营镇-2023-指标.xlsx', bytes('周营镇-2023-指标.xlsx'), bug);
  // the reader refusing a file is still 无法读取, sent back to the township
  const refused = Object.assign(new Error('文件“大钟庄镇-2021-比率.xlsx”已损坏，无法读取。请向报送单位索取能打开的工作簿。'), { name: 'FileReadError' });
  const broken = new FailingFileHost('大钟庄镇-2021-比率.xlsx', bytes('大钟庄镇-2021-比率.xlsx'), refused);
  const opened: string[] = [];
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  render(
    <PaneProviders strings={stringsFor('zh-CN')}>
      <WebStringsContext.Provider value={WEB_STRINGS['zh-CN']}>
        <CountyPanel
          books={[
            { id: 'a', host: good, label: good.name },
            { id: 'b', host: failing, label: failing.name },
            { id: 'c', host: broken, label: broken.name },
          ]}
          onOpen={(id) => opened.push(id)}
          definitionsStore={localDefinitionsStore()}
        />
      </WebStringsContext.Provider>
    </PaneProviders>,
  );
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  const row = rowOf('周营镇-2023-指标.xlsx');
  expect(row.getAttribute('data-failed')).toBe('true');
  const cells = cellsOf(row);
  expect(cells[9]).toBe('检查出错');
  expect(cells[10]).toMatch(/^未汇总：检查“周营镇-2023-指标\.xlsx”（‘矛盾纠纷化解’表 D6）时出错，本工具未能完成对它的检查/);
  expect(cells[11]).toBe('请把此文件发给县里的技术支持');
  // the technical detail is there for technical support, after the Chinese words (and as the cell's tooltip)
  expect(within(row).getByTestId('county-failure-detail').textContent).toBe("技术信息：TypeError: Cannot read properties of undefined (reading 'v')");
  expect(row.querySelectorAll('td')[10].getAttribute('title')).toBe("技术信息：TypeError: Cannot read properties of undefined (reading 'v')");
  // never swallowed: the county's findings say it too, and the console has the error itself
  const finding = screen.getAllByTestId('county-finding').find((li) => li.getAttribute('data-rule') === 'county-check-failed')!;
  expect(finding.textContent).toMatch(/^● 错误检查“周营镇-2023-指标\.xlsx”.*请把此文件发给县里的技术支持/);
  expect(error).toHaveBeenCalledWith('检查“周营镇-2023-指标.xlsx”时出错：', bug);
  error.mockRestore();

  const other = cellsOf(rowOf('大钟庄镇-2021-比率.xlsx'));
  expect([other[9], other[11]]).toEqual(['否', '退回：请重新报送能打开的工作簿']);
  expect(other[10]).toContain('已损坏，无法读取');
  expect(rowOf('大钟庄镇-2021-比率.xlsx').getAttribute('data-failed')).toBeNull();
  // the failed file is still open in the page: its name in the table opens it
  fireEvent.click(within(row).getByTestId('county-open'));
  expect(opened).toEqual(['b']);
});

test('a file over the page’s size limit is 无法读取 and sent back for a smaller one, not 检查出错 for technical support', async () => {
  const bytes = (name: string) => fs.readFileSync(path.join(SAMPLES, name));
  const good = new WorkerFileHost('示范镇-2023-无误.xlsx', bytes('示范镇-2023-无误.xlsx'));
  good.release();
  // refused before anything is read: in the check worker's place (the default) and in the page (no worker)
  const limit = { maxBytes: 1024 };
  const big = new FileHost('周营镇-2023-指标.xlsx', bytes('周营镇-2023-指标.xlsx'), limit);
  const bigInPage = new FileHost('大钟庄镇-2021-比率.xlsx', bytes('大钟庄镇-2021-比率.xlsx'), { ...limit, offThread: false });
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  render(
    <PaneProviders strings={stringsFor('zh-CN')}>
      <WebStringsContext.Provider value={WEB_STRINGS['zh-CN']}>
        <CountyPanel
          books={[good, big, bigInPage].map((host, i) => ({ id: String(i), host, label: host.name }))}
          onOpen={() => undefined}
          definitionsStore={localDefinitionsStore()}
        />
      </WebStringsContext.Provider>
    </PaneProviders>,
  );
  await waitFor(() => expect(screen.getAllByTestId('county-row')).toHaveLength(3), T);
  for (const name of ['周营镇-2023-指标.xlsx', '大钟庄镇-2021-比率.xlsx']) {
    const row = rowOf(name);
    const cells = cellsOf(row);
    expect([cells[9], cells[11]]).toEqual(['否', '退回：请重新报送能打开的工作簿']);
    expect(row.getAttribute('data-failed')).toBeNull();
    expect(cells[10].startsWith(`未汇总：文件“${name}”有 `)).toBe(true);
    expect(cells[10]).toContain('超过网页版可处理的上限');
    expect(within(row).queryByTestId('county-failure-detail')).toBeNull();
  }
  const said = screen.getAllByTestId('county-finding').map((li) => li.textContent ?? '');
  expect(said.filter((t) => t.includes('无法读取'))).toHaveLength(2);
  expect(said.some((t) => t.includes('技术支持'))).toBe(false);
  // no tool failure to report: nothing in the console
  expect(error).not.toHaveBeenCalled();
  error.mockRestore();
});
