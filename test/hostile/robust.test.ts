/**
 * Hostile input found by probing from outside (issue 17): workbooks as careless habits and other programs leave
 * them. A zip entry altered after it was written (bad CRC) is damage, not data; bidirectional controls in a
 * township's text never reach what the tool writes.
 * Fixtures are generated here from the samples; nothing binary is committed.
 */
import * as ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import type { CliIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { combinePlans, markPlan, resultPlan } from '../../src/core/plan';
import type { CheckResult, Report } from '../../src/core/types';
import { applyPlan, FileReadError, readXlsx, reportDocx } from '../../src/file';
import { reportHtml, reportText } from '../../src/taskpane/richCopy';
import { displayCell } from '../../src/web/SheetPreview';
import { readWorkbook } from '../../src/excel/read';
import { createExcelHost } from '../../src/excel/host';
import { createFakeExcel } from '../excel/fake-excel';
import { deflatedEntry, minimalXlsx, SAMPLES, sheetXml, ZHOU } from './fixtures';

/** The sample re-packed with every part stored (not deflated), so one byte of a part can be changed in place. */
async function storedCopy(file: string): Promise<Uint8Array> {
  const z = await JSZip.loadAsync(fs.readFileSync(file));
  return new Uint8Array(await z.generateAsync({ type: 'uint8array', compression: 'STORE' }));
}

/** Replace the first occurrence of `from` by `to` (same length) in the packed bytes, as a hex editor would. */
function patch(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const enc = new TextEncoder();
  const a = enc.encode(from);
  const b = enc.encode(to);
  expect(b.length).toBe(a.length);
  const out = bytes.slice();
  outer: for (let i = 0; i + a.length <= out.length; i++) {
    for (let j = 0; j < a.length; j++) if (out[i + j] !== a[j]) continue outer;
    out.set(b, i);
    return out;
  }
  throw new Error(`${from} not found`);
}

describe('a zip entry whose CRC-32 does not match its content (one stored digit changed)', () => {
  test('is damage naming the sheet and its part, not a workbook whose altered figure is checked', async () => {
    const stored = await storedCopy(ZHOU);
    // the stored copy itself is a good workbook with the sample's planted error (14 certified of 12 officers)
    const good = check(await readXlsx(stored, '周营镇.xlsx'));
    expect(good.findings.some((f) => f.rule === 'part-exceeds-whole' && f.sheet === '行政执法' && f.cell === 'D5')).toBe(true);

    // 行政执法!D5 14 → 11 in the packed bytes: the error would vanish if the altered part were read as data
    const altered = patch(stored, '<c r="D5" s="3"><v>14</v>', '<c r="D5" s="3"><v>11</v>');
    let err: unknown = null;
    try {
      await readXlsx(altered, '周营镇-改动.xlsx');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FileReadError);
    const e = err as FileReadError;
    expect(e.code).toBe('corrupt');
    expect(e.message).toContain('“周营镇-改动.xlsx”');
    expect(e.message).toContain('已损坏');
    expect(e.message).toContain('工作表“行政执法”');
    expect(e.message).toContain('xl/worksheets/sheet5.xml');
    expect(e.message).toContain('CRC-32');
    // re-saving an altered copy would only make the altered figure look genuine
    expect(e.message).toContain('重新索取原文件');
  });

  test('the command line: exit 2, the damage named, and the other files of the run still checked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'id-crc-'));
    try {
      const stored = await storedCopy(ZHOU);
      fs.writeFileSync(path.join(dir, '改动.xlsx'), patch(stored, '<c r="D5" s="3"><v>14</v>', '<c r="D5" s="3"><v>11</v>'));
      fs.writeFileSync(path.join(dir, '原件.xlsx'), stored);
      let out = '';
      let err = '';
      const io: CliIO = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd: dir };
      const code = await main(['check', '改动.xlsx', '原件.xlsx'], io);
      expect(code).toBe(2);
      expect(err).toMatch(/“改动\.xlsx”已损坏.*工作表“行政执法”.*CRC-32/);
      expect(out).toContain('行政执法!D5'); // the good copy's planted error, still found
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a changed byte in the shared strings (a label) is damage naming that part', async () => {
    const stored = await storedCopy(ZHOU);
    const altered = patch(stored, '行政执法人员', '行政执法人数');
    await expect(readXlsx(altered, '改字.xlsx')).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('xl/sharedStrings.xml') });
  });

  test('a deflated sheet part whose recorded CRC is wrong is damage too', async () => {
    const entry = deflatedEntry('xl/worksheets/sheet1.xml', sheetXml([{ r: 1, cells: [['A1', '行政村数'], ['B1', 20]] }]));
    const bytes = minimalXlsx([{ name: '指标', entry: { ...entry, crc: (entry.crc! ^ 0x10) >>> 0 } }]);
    await expect(readXlsx(bytes, '坏校验.xlsx')).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('工作表“指标”') });
    // the same part with its true CRC reads
    await expect(readXlsx(minimalXlsx([{ name: '指标', entry }]), '好.xlsx')).resolves.toBeTruthy();
  });

  test('no false damage: every sample workbook, as Excel-compatible writers packed it, still reads', async () => {
    for (const f of fs.readdirSync(SAMPLES).filter((n) => n.endsWith('.xlsx'))) {
      await expect(readXlsx(new Uint8Array(fs.readFileSync(path.join(SAMPLES, f))), f)).resolves.toBeTruthy();
    }
  });
});

// ───────────────────────────── bidirectional controls in a township's text ─────────────────────────────

/** Every bidirectional control a text may carry: embeddings/overrides, isolates, marks. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const RLO = '\u202E';

/**
 * 周营镇 with bidirectional controls as they arrive in pasted text: an unclosed right-to-left override inside a
 * problem item (it would reverse the rest of the paragraph in Word), a right-to-left isolate in an unknown label
 * (its finding quotes it), a right-to-left mark in the unit name and an Arabic letter mark in a plan item.
 */
async function bidiWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(ZHOU) as unknown as ArrayBuffer);
  wb.getWorksheet('存在问题')!.getRow(6).values = [4, `部分村法律顾问${RLO}服务次数偏少，群众知晓率不高。`];
  wb.getWorksheet('下步安排')!.getRow(6).values = [4, '加强\u061C法治宣传阵地建设。'];
  const law = wb.getWorksheet('行政执法')!;
  law.getRow(16).values = [13, '\u2067农村集体资产清查', '项', 3];
  const basics = wb.getWorksheet('基本情况')!;
  basics.getCell('B3').value = `${String(basics.getCell('B3').value)}\u200F`;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('bidirectional control characters (U+202E …) in a text item', () => {
  let bytes: Uint8Array;
  let result: CheckResult;
  let report: Report;
  beforeAll(async () => {
    bytes = await bidiWorkbook();
    result = check(await readXlsx(bytes, '周营镇-双向.xlsx'));
    report = buildReport(result);
  });

  test('the workbook really carries them into the report and the findings (the fixture is not vacuous)', () => {
    const texts = report.paragraphs.map((p) => p.text).join('\n');
    expect(texts).toContain('服务次数偏少');
    expect(texts).toMatch(BIDI);
    expect(result.findings.some((f) => f.rule === 'unknown-indicator' && BIDI.test(f.message))).toBe(true);
  });

  test('the .docx holds none of them, and the words around them are intact', async () => {
    const z = await JSZip.loadAsync(await reportDocx(report));
    const doc = await z.file('word/document.xml')!.async('string');
    expect(doc).not.toMatch(BIDI);
    expect(doc).toContain('部分村法律顾问服务次数偏少');
    expect(doc).toContain('加强法治宣传阵地建设');
    const core = await z.file('docProps/core.xml')!.async('string');
    expect(core).not.toMatch(BIDI);
  });

  test.each([
    ['results alone (written into the original package)', false],
    ['results with marks', true],
  ])('the result sheets (审核结果, 计算结果, 报告文稿) hold none of them; the township sheets keep theirs: %s', async (_, marks) => {
    const plan = marks ? combinePlans(resultPlan(result, report), markPlan(result)) : resultPlan(result, report);
    const out = await applyPlan(bytes, plan, '周营镇-双向.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const written: string[] = [];
    for (const name of [RESULT_SHEETS.findings, RESULT_SHEETS.rates, RESULT_SHEETS.report]) {
      const ws = wb.getWorksheet(name);
      expect(ws).toBeDefined();
      ws!.eachRow((row) => row.eachCell((c) => written.push(typeof c.value === 'string' ? c.value : JSON.stringify(c.value))));
    }
    // marks' comments quote the findings
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => c.note && written.push(JSON.stringify(c.note)))));
    expect(written.join('\n')).toContain('部分村法律顾问服务次数偏少');
    expect(written.join('\n')).toContain('农村集体资产清查');
    expect(written.filter((t) => BIDI.test(t))).toEqual([]);
    // the township's own cell is never changed
    expect(String(wb.getWorksheet('存在问题')!.getRow(6).getCell(2).value)).toContain(RLO);
  });

  test('the copied HTML and plain text hold none of them', () => {
    expect(reportHtml(report)).not.toMatch(BIDI);
    expect(reportText(report)).not.toMatch(BIDI);
    expect(reportText(report)).toContain('部分村法律顾问服务次数偏少');
  });

  test('the command line prints none of them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'id-bidi-'));
    try {
      fs.writeFileSync(path.join(dir, 'x.xlsx'), bytes);
      let out = '';
      const io: CliIO = { out: (t) => (out += `${t}\n`), err: () => undefined, cwd: dir };
      await main(['check', 'x.xlsx'], io);
      expect(out).toContain('农村集体资产清查');
      expect(out).not.toMatch(BIDI);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ───────────────────────────── workbooks that count dates from 1904 ─────────────────────────────

/**
 * 周营镇 saved with the 1904 date system (Excel for Mac's old default; File → Options → Advanced → 使用 1904 日期系统):
 * its 落款日期 is a real date, 10 January 2024, and 行政执法!D12 holds the date 13 December 2023 where a count belongs.
 * ExcelJS writes the serials of the 1904 system (1,462 fewer) and `<workbookPr date1904="1"/>`.
 */
async function workbook1904(date1904 = true): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(ZHOU) as unknown as ArrayBuffer);
  wb.properties.date1904 = date1904;
  const sign = wb.getWorksheet('基本情况')!.getCell('B6');
  sign.value = new Date(Date.UTC(2024, 0, 10));
  sign.style = { ...sign.style, numFmt: 'yyyy"年"m"月"d"日"' };
  const d12 = wb.getWorksheet('行政执法')!.getCell('D12');
  d12.value = new Date(Date.UTC(2023, 11, 13));
  d12.style = { ...d12.style, numFmt: 'yyyy-mm-dd' };
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('a workbook in the 1904 date system', () => {
  test('the fixture really is one: its workbook part says date1904 and the serial is the 1904 one', async () => {
    const z = await JSZip.loadAsync(await workbook1904());
    expect(await z.file('xl/workbook.xml')!.async('string')).toMatch(/date1904="(1|true)"/);
    const book = await readXlsx(await workbook1904(), '周营镇-1904.xlsx');
    const basics = book.sheets.find((s) => s.name === '基本情况')!;
    const r0 = basics.origin?.row ?? 0;
    const c0 = basics.origin?.col ?? 0;
    expect(basics.rows[5 - r0][1 - c0]).toBe(45301 - 1462); // 2024-01-10
  });

  test.each([true, false])('the signature date in 报告文稿 and the .docx is the one the cell shows (1904 system: %s)', async (date1904) => {
    const result = check(await readXlsx(await workbook1904(date1904), '周营镇-1904.xlsx'));
    expect(result.extraction.date).toBe('2024年1月10日');
    const report = buildReport(result);
    expect(report.paragraphs.find((p) => p.role === 'date')?.text).toBe('2024年1月10日');
    const z = await JSZip.loadAsync(await reportDocx(report));
    const doc = await z.file('word/document.xml')!.async('string');
    expect(doc).toContain('2024年1月10日');
    expect(doc).not.toContain('2020年1月9日');
  });

  test('a date typed where a figure belongs is named in its message as the cell shows it', async () => {
    const result = check(await readXlsx(await workbook1904(), '周营镇-1904.xlsx'));
    const f = result.findings.find((x) => x.rule === 'unparseable-value' && x.sheet === '行政执法' && x.cell === 'D12');
    expect(f?.message).toContain('2023-12-13');
    expect(f?.message).not.toContain('2019-12-12');
  });

  test('report on the command line writes the right date into 报告文稿 and the .docx', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'id-1904-'));
    try {
      fs.writeFileSync(path.join(dir, '周营镇-1904.xlsx'), await workbook1904());
      const io: CliIO = { out: () => undefined, err: () => undefined, cwd: dir };
      await main(['report', '周营镇-1904.xlsx', '--out', 'out.xlsx', '--docx', 'out.docx'], io);
      const doc = await (await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'out.docx')))).file('word/document.xml')!.async('string');
      expect(doc).toContain('2024年1月10日');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(path.join(dir, 'out.xlsx')) as unknown as ArrayBuffer);
      const texts: string[] = [];
      wb.getWorksheet(RESULT_SHEETS.report)!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
      expect(texts).toContain('2024年1月10日');
      expect(texts.join('\n')).not.toContain('2020年1月9日');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the page preview shows a 1904 date as the cell shows it', () => {
    expect(displayCell(45301 - 1462, 'yyyy-mm-dd', true)).toBe('2024-01-10');
    expect(displayCell(45301, 'yyyy-mm-dd')).toBe('2024-01-10');
  });
});

describe('a 1904 workbook open in Excel (the add-in, against the fake office-js)', () => {
  test.each([true, false])('the date system is asked of the workbook without writing or an extra sync (1904: %s)', async (date1904) => {
    const fake = createFakeExcel();
    fake.model.date1904 = date1904;
    const serial = date1904 ? 45301 - 1462 : 45301; // 2024-01-10 as each system stores it
    fake.model.addSheet(
      '基本情况',
      [
        ['项目', '内容'],
        ['单位名称', '周营镇人民政府'],
        ['报告年度', 2023],
        ['落款日期', serial],
      ],
      { formats: [[], [], [], [null, 'yyyy"年"m"月"d"日"']] },
    );
    const book = await readWorkbook(fake.context(), { env: fake.env });
    expect(book.sheets[0].date1904 === true).toBe(date1904);
    expect(fake.model.writes).toBe(0);
    expect(fake.model.syncs.length).toBe(4); // the sheet list (with the probe), used ranges, merged areas, cells: as before
    expect(check(book).extraction.date).toBe('2024年1月10日');
  });
});

// ───────────────────────────── hidden and very hidden sheets ─────────────────────────────

/**
 * 周营镇 with a hidden draft `草稿` (the enforcement table again, with other figures: 10 officers, 14 certified)
 * and a very hidden `旧表` (a 2022 table with a figure no one can read), as townships leave them behind.
 */
async function hiddenSheetsWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(ZHOU) as unknown as ArrayBuffer);
  const draft = wb.addWorksheet('草稿', { state: 'hidden' });
  draft.addRows([
    ['序号', '指标名称', '单位', '数值', '备注'],
    [1, '行政执法人员', '人', 10],
    [2, '持证人数', '人', 14],
  ]);
  const old = wb.addWorksheet('旧表', { state: 'veryHidden' });
  old.addRows([
    ['序号', '指标名称', '单位', '数值'],
    [1, '法治培训', '场', '若干'],
  ]);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('hidden and very hidden sheets', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await hiddenSheetsWorkbook();
  });

  test('are checked by default, and every finding that points into one says the sheet is hidden', async () => {
    const result = check(await readXlsx(bytes, '周营镇-隐藏.xlsx'));
    expect(result.hiddenSheets).toEqual([
      { sheet: '草稿', visibility: 'hidden', checked: true },
      { sheet: '旧表', visibility: 'veryHidden', checked: true },
    ]);
    const inDraft = result.findings.filter((f) => f.sheet === '草稿');
    expect(inDraft.length).toBeGreaterThan(0);
    for (const f of inDraft) {
      expect(f.hidden).toBe('hidden');
      expect(f.message).toContain('‘草稿’表（隐藏工作表）');
    }
    const inOld = result.findings.filter((f) => f.sheet === '旧表');
    expect(inOld.map((f) => f.rule)).toContain('unparseable-value');
    for (const f of inOld) {
      expect(f.hidden).toBe('veryHidden');
      expect(f.message).toContain('‘旧表’（深度隐藏工作表，在 Excel 界面中无法取消隐藏） D');
    }
    // a finding on a visible sheet that names the hidden one says it there too, and is not itself hidden
    for (const f of result.findings.filter((x) => x.sheet !== '草稿' && x.sheet !== '旧表' && x.refs.some((r) => r.startsWith('草稿!')))) {
      expect(f.hidden).toBeUndefined();
      expect(f.message).toContain('‘草稿’表（隐藏工作表）');
    }
    // findings on visible sheets say nothing of the kind
    const law = result.findings.find((f) => f.rule === 'rate-mismatch' && f.sheet === '矛盾纠纷化解');
    expect(law?.message).not.toContain('隐藏');
  });

  test('with skipHidden they are left out entirely: no finding or ref points into them, and the result says so', async () => {
    const book = await readXlsx(bytes, '周营镇-隐藏.xlsx');
    const all = check(book);
    const result = check(book, { skipHidden: true });
    expect(result.hiddenSheets).toEqual([
      { sheet: '草稿', visibility: 'hidden', checked: false },
      { sheet: '旧表', visibility: 'veryHidden', checked: false },
    ]);
    const into = (r: string) => r.startsWith('草稿!') || r.startsWith('旧表!');
    expect(result.findings.filter((f) => f.sheet === '草稿' || f.sheet === '旧表' || f.refs.some(into))).toEqual([]);
    expect(result.observations.filter((o) => o.sheet === '草稿' || o.sheet === '旧表')).toEqual([]);
    // the visible sheets' findings are those of the sample alone
    const sample = check(await readXlsx(new Uint8Array(fs.readFileSync(ZHOU)), 'x.xlsx'));
    const key = (f: { rule: string; sheet: string; cell: string }) => `${f.rule} ${f.sheet}!${f.cell}`;
    expect(result.findings.map(key).sort()).toEqual(sample.findings.map(key).sort());
    expect(all.findings.length).toBeGreaterThan(result.findings.length);
  });

  test("the tool's own very hidden 审核标记 sheet is not a township's hidden sheet", async () => {
    const book = await readXlsx(new Uint8Array(fs.readFileSync(ZHOU)), '周营镇.xlsx');
    const marked = await applyPlan(new Uint8Array(fs.readFileSync(ZHOU)), markPlan(check(book)), '周营镇.xlsx');
    const again = await readXlsx(marked, '周营镇.xlsx');
    expect(again.sheets.some((s) => s.name === RESULT_SHEETS.marks && s.visibility === 'veryHidden')).toBe(true);
    expect(check(again).hiddenSheets).toEqual([]);
    expect(check(again, { skipHidden: true }).findings.length).toBe(check(again).findings.length);
  });

  test('the command line marks them (草稿!D4（隐藏）), says they were checked, and --skip-hidden leaves them out', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'id-hidden-'));
    try {
      fs.writeFileSync(path.join(dir, 'x.xlsx'), bytes);
      const run = async (argv: string[]) => {
        let out = '';
        const io: CliIO = { out: (t) => (out += `${t}\n`), err: () => undefined, cwd: dir };
        const code = await main(argv, io);
        return { code, out };
      };
      const plain = await run(['check', 'x.xlsx']);
      expect(plain.out).toMatch(/草稿!D\d+（隐藏）/);
      expect(plain.out).toMatch(/旧表!D\d+（深度隐藏）/);
      expect(plain.out).toContain('已一并检查');
      expect(plain.out).toContain('--skip-hidden');

      const skipped = await run(['check', 'x.xlsx', '--skip-hidden']);
      expect(skipped.out).not.toMatch(/草稿!|旧表!/);
      expect(skipped.out).toContain('按 --skip-hidden 未检查隐藏工作表‘草稿’（隐藏）、‘旧表’（深度隐藏，Excel 界面中无法取消隐藏）');

      const json = JSON.parse((await run(['check', 'x.xlsx', '--json'])).out) as { files: { hiddenSheets: unknown[]; findings: { sheet: string; hidden?: string }[] }[] };
      expect(json.files[0].hiddenSheets).toHaveLength(2);
      expect(json.files[0].findings.filter((f) => f.sheet === '草稿').every((f) => f.hidden === 'hidden')).toBe(true);

      const report = await run(['report', 'x.xlsx', '--out', 'r.xlsx', '--docx', 'r.docx', '--skip-hidden']);
      expect(report.out).toContain('未检查隐藏工作表');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('in Excel, going to a cell of a very hidden sheet says it cannot be unhidden from the interface', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('旧表', [['法治培训', '若干']], { visibility: 'VeryHidden' });
    fake.model.addSheet('草稿', [['行政执法人员', 10]], { visibility: 'Hidden' });
    const host = createExcelHost({ run: (b) => fake.run(b), env: fake.env });
    await expect(host.select('旧表', 'B1')).rejects.toThrow(/深度隐藏.*无法取消隐藏/);
    await expect(host.select('草稿', 'B1')).rejects.toThrow(/取消隐藏/);
  });
});

// ───────────────────────────── merged areas unmerged and filled (WPS 取消合并并填充内容) ─────────────────────────────

/**
 * A sample as WPS leaves it after 取消合并并填充内容 (Excel: unmerge, then fill the blanks with the value above or
 * left): every merged area is unmerged and each of its cells holds the merged value, with the merged cell's style.
 */
async function unmergedAndFilled(file: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  wb.eachSheet((ws) => {
    const merges = [...((ws as unknown as { model: { merges?: string[] } }).model.merges ?? [])];
    for (const m of merges) {
      const [a, b] = m.split(':');
      const top = ws.getCell(a);
      const value = top.value;
      const style = top.style;
      const end = ws.getCell(b);
      ws.unMergeCells(m);
      for (let r = Number(top.row); r <= Number(end.row); r++) {
        for (let c = Number(top.col); c <= Number(end.col); c++) {
          const cell = ws.getCell(r, c);
          cell.value = value;
          cell.style = { ...style };
        }
      }
    }
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('merged titles, section rows and labels unmerged and filled (WPS 取消合并并填充内容)', () => {
  const files = fs.readdirSync(SAMPLES).filter((n) => n.endsWith('.xlsx'));

  test.each(files)('%s reads as it did merged: the same findings, figures and report', async (file) => {
    const original = await readXlsx(new Uint8Array(fs.readFileSync(path.join(SAMPLES, file))), file);
    const bytes = await unmergedAndFilled(path.join(SAMPLES, file));
    const filled = await readXlsx(bytes, file);
    // the fixture is what it claims: no merged area left, and a section heading copied across its row
    expect(filled.sheets.every((s) => !s.merges?.length)).toBe(true);
    expect(original.sheets.some((s) => s.merges?.some((m) => m.c2 > m.c1))).toBe(true);

    const a = check(original);
    const b = check(filled);
    const finding = (f: { rule: string; sheet: string; cell: string; message: string }) => `${f.rule} ${f.sheet}!${f.cell} ${f.message}`;
    expect(b.findings.map(finding)).toEqual(a.findings.map(finding));
    const obs = (o: { indicator: string; sheet: string; cell: string; value: unknown; unit: string | null }) => `${o.indicator} ${o.sheet}!${o.cell} ${String(o.value)} ${o.unit}`;
    expect(b.observations.map(obs)).toEqual(a.observations.map(obs));
    expect(buildReport(b).paragraphs.map((p) => p.text)).toEqual(buildReport(a).paragraphs.map((p) => p.text));
  });

  const law = (rows: (string | number | null)[][]) => check({ name: '周营镇.xlsx', sheets: [{ name: '行政执法', rows }] });
  const HEADER = ['序号', '指标名称', '单位', '数值', '备注'];

  test('a section heading copied into every column is a heading, not a figure (“D3 填写为‘四、行政执法’”)', () => {
    const r = law([HEADER, ['四、行政执法', '四、行政执法', '四、行政执法', '四、行政执法', '四、行政执法'], [1, '行政执法人员', '人', 12, null]]);
    expect(r.findings.filter((f) => f.rule === 'unparseable-value' || f.rule === 'unknown-indicator')).toEqual([]);
    expect(r.extraction.headings?.map((h) => `${h.text}@${h.cell}`)).toEqual(['四、行政执法@A2']);
    expect(r.observations.map((o) => `${o.indicator}@${o.cell}=${String(o.value)}`)).toEqual(['enforcement_officers@D3=12']);
  });

  test('a label copied into the 单位 and 备注 columns is neither the unit nor a note; the figure beside it is read', () => {
    const r = law([HEADER, [1, '持证人数', '持证人数', 11, '持证人数'], [2, '罚没款（万元）', '罚没款（万元）', 1.3, '罚没款（万元）']]);
    const byId = new Map(r.observations.map((o) => [o.indicator, o]));
    expect(byId.get('certified_officers')).toMatchObject({ value: 11, unit: '人', cell: 'D2' });
    expect(byId.get('certified_officers')?.note).toBeUndefined();
    expect(byId.get('fines')).toMatchObject({ value: 1.3, unit: '万元' });
  });

  test('a label merged down over its 场 and 人次 rows, filled down, names each row by its unit', () => {
    const r = law([HEADER, [4, '执法业务培训', '场', 3, null], [4, '执法业务培训', '人次', 36, null]]);
    expect(r.observations.map((o) => `${o.indicator}@${o.cell}=${String(o.value)}${o.unit}`)).toEqual([
      'enforcement_trainings@D2=3场',
      'enforcement_training_attendance@D3=36人次',
    ]);
    expect(r.findings.filter((f) => f.rule === 'conflicting-values' || f.rule === 'unknown-indicator')).toEqual([]);
  });

  test('near misses stay figures: a yes/no beside a copied label, equal numbers, and two different texts', () => {
    const r = law([
      HEADER,
      [1, '法治建设领导小组', '法治建设领导小组', '是', null],
      [2, '行政执法人员', '人', 12, 12],
      [3, '规范性文件备案审查', '件', '已开展', '已开展'],
    ]);
    const byId = new Map(r.observations.map((o) => [o.indicator, o]));
    expect(byId.get('leading_group')?.value).toBe(true);
    expect(byId.get('enforcement_officers')?.value).toBe(12);
    // `已开展` written twice is still what the township wrote in the figure column: not a heading
    expect(r.observations.some((o) => o.cell === 'D4')).toBe(true);
  });

  test('a text item merged across its row and filled is one item, not the same sentence twice', () => {
    const item = '部分党员干部理论学习不够深入，运用法治思维解决问题的能力有待提高。';
    const r = check({
      name: '周营镇.xlsx',
      sheets: [{ name: '存在问题', rows: [['存在的问题', '存在的问题', '存在的问题'], ['序号', '问题', '问题'], [1, item, item]] }],
    });
    expect(r.extraction.texts.map((t) => t.text)).toEqual([item]);
  });
});
