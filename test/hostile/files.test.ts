/**
 * Hostile files through src/file and src/core: each one gives a clear Chinese message (FileReadError naming the
 * file) or findings at the right cells, within a bounded time (the jest timeout of each test) and memory — no
 * hang, no crash, no unhandled rejection. Fixtures are generated here, nothing binary is committed.
 */
import JSZip from 'jszip';
import * as ExcelJS from 'exceljs';
import { parseA1, quoteSheet, splitRef } from '../../src/core/address';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { markPlan, resultPlan } from '../../src/core/plan';
import type { CheckResult, Workbook } from '../../src/core/types';
import { applyPlan, FileReadError, readXlsx, READ_LIMITS, reportDocx, ZIP_LIMITS } from '../../src/file';
import {
  cellXml,
  concat,
  deflatedEntry,
  DAZ,
  dateFormattedFormulas,
  hostileWorkbook,
  INJECTIONS,
  LONG_TEXT,
  minimalXlsx,
  oleFile,
  QUOTED_SHEET,
  repeatedDeflate,
  sample,
  sheetXml,
  ZHOU,
  zip,
} from './fixtures';

async function readError(bytes: Uint8Array, name: string): Promise<FileReadError> {
  try {
    await readXlsx(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(FileReadError);
    const err = e as FileReadError;
    // a full Chinese sentence that names the file, never a placeholder
    expect(err.message).toContain(`“${name}”`);
    expect(err.message).toMatch(/[\u4e00-\u9fff]{4,}/);
    expect(err.message).not.toMatch(/undefined|NaN|null|\[object/);
    return err;
  }
  throw new Error(`${name} was read without error`);
}

function heapMB(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

describe('files that are not readable workbooks', () => {
  test('a sample cut in half is incomplete, not a crash', async () => {
    const b = sample(ZHOU);
    const err = await readError(b.subarray(0, Math.floor(b.length / 2)), '周营镇-半个.xlsx');
    expect(err.code).toBe('truncated');
    expect(err.message).toContain('不完整');
  });

  test('a sample with its middle overwritten (central directory intact) is damaged', async () => {
    const b = sample(ZHOU).slice();
    const mid = Math.floor(b.length / 3);
    b.fill(0x41, mid, mid + 2000);
    const err = await readError(b, '周营镇-损坏.xlsx');
    expect(['corrupt', 'truncated']).toContain(err.code);
  });

  test('a text file renamed .xlsx, an HTML page, and random bytes are not workbooks', async () => {
    const enc = new TextEncoder();
    expect((await readError(enc.encode('序号,指标,数值\n1,行政村数,20\n'), '导出.xlsx')).code).toBe('not-xlsx');
    expect((await readError(enc.encode('<html><body>登录已过期</body></html>'), '下载.xlsx')).code).toBe('not-xlsx');
    const rnd = new Uint8Array(5000).map((_, i) => (i * 7919 + 13) % 251);
    expect((await readError(rnd, '乱码.xlsx')).code).toBe('not-xlsx');
  });

  test('a zip that is not a workbook, and one whose workbook part is garbage', async () => {
    expect((await readError(zip([deflatedEntry('readme.txt', '你好')]), '压缩包.xlsx')).code).toBe('not-xlsx');
    const garbage = minimalXlsx([{ name: '指标', xml: '<worksheet><sheetData><row r="1"><c r="A1"' }]);
    const err = await readError(garbage, '坏表.xlsx');
    expect(err.code).toBe('corrupt');
  });

  test('an empty file', async () => {
    expect((await readError(new Uint8Array(0), '空.xlsx')).code).toBe('empty');
  });

  test('a legacy .xls and a password-protected workbook (OLE/CFB containers)', async () => {
    const xls = await readError(oleFile(false), '旧版.xlsx');
    expect(xls.code).toBe('xls');
    expect(xls.message).toContain('.xls');
    const enc = await readError(oleFile(true), '加密.xlsx');
    expect(enc.code).toBe('encrypted');
    expect(enc.message).toContain('密码');
  });
});

describe('zip bombs', () => {
  // 1 MiB of sheet XML rows; 1024 copies inflate to 1 GiB.
  const rowXml = `<row r="1">${cellXml('A1', 1)}</row>`;
  const chunk = new TextEncoder().encode(rowXml.repeat(Math.ceil((1 << 20) / rowXml.length)).slice(0, 1 << 20));
  const GiB = 1024;

  test('a sheet that honestly declares 1 GB unpacked is refused from its headers, before inflating', async () => {
    const stream = repeatedDeflate(chunk, GiB);
    expect(stream.length).toBeLessThan(8 * 1024 * 1024);
    const bytes = minimalXlsx([{ name: '指标', entry: { name: 'xl/worksheets/sheet1.xml', data: stream, deflated: true, declaredSize: chunk.length * GiB } }]);
    const before = heapMB();
    const err = await readError(bytes, '炸弹.xlsx');
    expect(err.code).toBe('too-large');
    expect(err.message).toContain('过大');
    expect(heapMB() - before).toBeLessThan(200);
  });

  test('a sheet that declares 100 KB but inflates to 1 GB is stopped while inflating', async () => {
    const stream = repeatedDeflate(chunk, GiB);
    const bytes = minimalXlsx([{ name: '指标', entry: { name: 'xl/worksheets/sheet1.xml', data: stream, deflated: true, declaredSize: 100_000 } }]);
    const before = heapMB();
    const err = await readError(bytes, '说谎的炸弹.xlsx');
    expect(err.code).toBe('too-large');
    expect(heapMB() - before).toBeLessThan(200);
  });

  test('many entries that each stay under the per-entry limit but add up beyond the total', async () => {
    const small = repeatedDeflate(chunk, 1);
    const per = ZIP_LIMITS.entryBytes; // at the limit, allowed alone
    const n = Math.floor(ZIP_LIMITS.totalBytes / per) + 1;
    const sheets = Array.from({ length: n }, (_, i) => ({
      name: `表${i + 1}`,
      entry: { name: `xl/worksheets/sheet${i + 1}.xml`, data: small, deflated: true, declaredSize: per },
    }));
    const err = await readError(minimalXlsx(sheets), '多个条目.xlsx');
    expect(err.code).toBe('too-large');
  });
});

describe('workbooks that are valid but extreme', () => {
  test('10,000 sheets: read and checked, every sheet present, findings on existing sheets', async () => {
    const n = 10_000;
    const sheets = Array.from({ length: n }, (_, i) => ({
      name: `第${i + 1}表`,
      xml: sheetXml([{ r: 1, cells: [['A1', '行政村数'], ['B1', i % 2 ? 20 : 21]] }]),
    }));
    const bytes = minimalXlsx(sheets);
    const book = await readXlsx(bytes, '一万张表.xlsx');
    expect(book.sheets).toHaveLength(n);
    expect(book.sheets[n - 1].name).toBe(`第${n}表`);
    const r = check(book);
    const names = new Set(book.sheets.map((s) => s.name));
    for (const f of r.findings) if (f.sheet) expect(names.has(f.sheet)).toBe(true);
    // 20 and 21 villages: one conflicting-values finding for the indicator, not thousands
    expect(r.findings.filter((f) => f.rule === 'conflicting-values')).toHaveLength(1);
  }, 90_000);

  test('a used range of 1,048,576 rows (A1 and A1048576 only) is read within the row limit and reported', async () => {
    const xml = sheetXml(
      [
        { r: 1, cells: [['A1', '行政村数'], ['B1', 20]] },
        { r: 1048576, cells: [['A1048576', '末行']] },
      ],
      'A1:B1048576',
    );
    const before = heapMB();
    const book = await readXlsx(minimalXlsx([{ name: '指标', xml }]), '百万行.xlsx');
    const g = book.sheets[0];
    // never a million rows of nulls: the grid stops at the row limit and says so
    expect(g.rows.length).toBeLessThanOrEqual(READ_LIMITS.maxRows);
    expect(g.truncated).toEqual({ rowsRead: g.rows.length, rowsTotal: 1048576 });
    expect(heapMB() - before).toBeLessThan(400);
    const r = check(book);
    const t = r.findings.filter((f) => f.rule === 'sheet-truncated');
    expect(t).toHaveLength(1);
    expect(t[0].sheet).toBe('指标');
    expect(t[0].cell).toBe(`A${g.rows.length + 1}`);
    expect(t[0].message).toContain('1048576');
    // the figure in A1's row was still read
    expect(r.observations.some((o) => o.sheet === '指标' && o.cell === 'B1' && o.value === 20)).toBe(true);
  }, 60_000);

  test('a sheet with no cells and a workbook whose sheets are all empty', async () => {
    const book = await readXlsx(minimalXlsx([{ name: '空表' }, { name: 'Sheet2' }]), '全空.xlsx');
    expect(book.sheets.map((s) => s.rows.length)).toEqual([0, 0]);
    const r = check(book);
    for (const f of r.findings) expect(['', '空表', 'Sheet2']).toContain(f.sheet);
  });
});

// ───────────────────────────── a township workbook full of hostile content ─────────────────────────────

interface Loaded {
  bytes: Uint8Array;
  book: Workbook;
  result: CheckResult;
}

let hostile: Promise<Loaded> | null = null;
function loadHostile(): Promise<Loaded> {
  hostile ??= (async () => {
    const bytes = await hostileWorkbook();
    const book = await readXlsx(bytes, '周营镇-恶意.xlsx');
    return { bytes, book, result: check(book) };
  })();
  return hostile;
}

const q = "'It''s!'";

describe('hostile cell contents', () => {
  test('cells of 32,767 characters are read whole and do not break check', async () => {
    const { book, result } = await loadHostile();
    const law = book.sheets.find((s) => s.name === '行政执法')!;
    const texts = law.rows.flat().filter((c): c is string => typeof c === 'string');
    expect(texts).toContain(LONG_TEXT);
    expect(LONG_TEXT.length).toBe(32767);
    for (const f of result.findings) expect(f.message).not.toMatch(/undefined|NaN|\bnull\b/);
  });

  test('a formula whose cached value is an error is a formula-error at its cell', async () => {
    const { result } = await loadHostile();
    const f = result.findings.find((x) => x.rule === 'formula-error' && x.sheet === '行政执法' && x.cell === 'D13');
    expect(f).toBeDefined();
    expect(f!.message).toContain('#DIV/0!');
  });

  test('formulas in date-formatted cells keep their error, text and TRUE results (read, and written back as they were)', async () => {
    const bytes = await dateFormattedFormulas();
    const book = await readXlsx(bytes, '日期格式公式.xlsx');
    const law = book.sheets.find((s) => s.name === '行政执法')!;
    const at = (r: number) => law.rows[r - 1 - (law.origin?.row ?? 0)][3 - (law.origin?.col ?? 0)];
    expect(at(13)).toEqual({ error: '#DIV/0!' });
    expect(at(14)).toBe('2023年12月13日');
    expect(at(15)).toBe(true); // not the figure 1
    const f = check(book).findings.find((x) => x.sheet === '行政执法' && x.cell === 'D13');
    expect(f?.rule).toBe('formula-error');

    // the copy keeps the township's cached results: no `NaN` written into their cells
    const out = await applyPlan(bytes, resultPlan(check(book), null), '日期格式公式.xlsx');
    const z = await JSZip.loadAsync(out);
    for (const n of Object.keys(z.files).filter((x) => /^xl\/worksheets\/sheet\d+\.xml$/.test(x))) {
      expect(await z.file(n)!.async('string')).not.toContain('<v>NaN</v>');
    }
    const again = await readXlsx(out, '日期格式公式-审核.xlsx');
    const law2 = again.sheets.find((s) => s.name === '行政执法')!;
    expect(law2.rows).toEqual(law.rows);
  });

  test('a date where a figure belongs is an unparseable value naming the cell', async () => {
    const { result } = await loadHostile();
    const f = result.findings.find((x) => x.sheet === '行政执法' && x.cell === 'D12');
    expect(f?.rule).toBe('unparseable-value');
    expect(f!.message).toContain('D12');
    expect(f!.message).toContain('行政执法');
  });

  test("a sheet named It's! is quoted as Excel does in every ref: 'It''s!'!D6", async () => {
    const { result } = await loadHostile();
    const f = result.findings.find((x) => x.rule === 'rate-mismatch' && x.sheet === QUOTED_SHEET);
    expect(f).toBeDefined();
    expect(f!.cell).toBe('D6');
    expect(f!.refs).toEqual(expect.arrayContaining([`${q}!D4`, `${q}!D5`, `${q}!D6`]));
    for (const r of result.findings.flatMap((x) => x.refs)) {
      const s = splitRef(r);
      expect(s).not.toBeNull();
      if (s!.sheet === QUOTED_SHEET) expect(r.startsWith(`${q}!`)).toBe(true);
    }
    expect(f!.message).toContain(`‘${QUOTED_SHEET}’`);
  });
});

/** Every formula cell of a workbook, by sheet: `{ sheet, address, formula, result }`. */
function formulas(wb: ExcelJS.Workbook): { sheet: string; address: string; formula: string; result: unknown }[] {
  const out: { sheet: string; address: string; formula: string; result: unknown }[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as { formula?: string; sharedFormula?: string; result?: unknown } | null;
        if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
          out.push({ sheet: ws.name, address: cell.address, formula: String(v.formula ?? v.sharedFormula), result: v.result });
        }
      }),
    );
  }
  return out;
}

/** `Sheet!A1` / `'It''s!'!A1` as written in a formula, or null. */
const REF = String.raw`(?:'(?:[^']|'')+'|[^'!(),=\s"]+)!\$?[A-Z]{1,3}\$?\d+`;
const NUM = String.raw`-?\d+(?:\.\d+)?(?:E[-+]?\d+)?`;
const OPERAND = `(?:${REF}|${NUM})`;
const RATE_FORMULA = new RegExp(String.raw`^IF\((${OPERAND})=0,"",(${OPERAND})/(${OPERAND})\)$`);
const DIFF_FORMULA = /^IF\(OR\(F(\d+)="",G(\d+)=""\),"",F(\d+)-G(\d+)\)$/;
const LINK_FORMULA = /^HYPERLINK\("#((?:'(?:[^']|'')+')|[^"!]+)!([A-Z]{1,3}\d+)",("(?:[^"]|"")*"|-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\)$/i;

function cellNumber(wb: ExcelJS.Workbook, r: string): number | null {
  if (new RegExp(`^${NUM}$`).test(r)) return Number(r);
  const s = splitRef(r)!;
  const v = wb.getWorksheet(s.sheet)?.getCell(s.cell).value;
  const x = v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v;
  return typeof x === 'number' ? x : typeof x === 'string' && /^[-+]?\d+(\.\d+)?$/.test(x.trim()) ? Number(x) : null;
}

/**
 * Open the result workbook and check every formula: the township's sheets keep exactly their own formulas and
 * values; the tool's sheets hold only internal HYPERLINKs to existing sheets, and in 计算结果 the rate and
 * difference formulas, whose refs resolve to numbers that give the cached result. Returns the tool's formulas.
 */
async function auditFormulas(bytes: Uint8Array, out: Uint8Array): Promise<{ sheet: string; formula: string }[]> {
  const before = new ExcelJS.Workbook();
  await before.xlsx.load(bytes as unknown as ArrayBuffer);
  const after = new ExcelJS.Workbook();
  await after.xlsx.load(out as unknown as ArrayBuffer);
  // the tool's sheets are the result names the source did not have (a county's own 汇总表 stays the county's)
  const own = new Set<string>(Object.values(RESULT_SHEETS).filter((n) => !before.getWorksheet(n)));

  // the township's own sheets: exactly the formulas they had, values untouched
  const orig = formulas(before).map((f) => `${f.sheet}!${f.address}=${f.formula}`).sort();
  const kept = formulas(after)
    .filter((f) => !own.has(f.sheet))
    .map((f) => `${f.sheet}!${f.address}=${f.formula}`)
    .sort();
  expect(kept).toEqual(orig);
  for (const ws of before.worksheets) {
    const ws2 = after.getWorksheet(ws.name)!;
    ws.eachRow((row) => row.eachCell((c) => expect(ws2.getCell(c.address).value).toEqual(c.value)));
  }

  const tool = formulas(after).filter((f) => own.has(f.sheet));
  expect(tool.length).toBeGreaterThan(0);
  let rates = 0;
  for (const f of tool) {
    const where = `${f.sheet}!${f.address}: =${f.formula}`;
    const link = LINK_FORMULA.exec(f.formula);
    if (link) {
      // an internal link to a cell that exists on an existing sheet
      // the target is inside a formula string literal: its quotes are doubled there
      const target = splitRef(`${link[1]}!${link[2]}`.replace(/""/g, '"'));
      if (!target || !after.getWorksheet(target.sheet)) throw new Error(`link to no sheet of the workbook: ${where}`);
      expect(parseA1(target.cell)).not.toBeNull();
      continue;
    }
    if (f.sheet !== RESULT_SHEETS.rates) throw new Error(`unexpected formula outside 计算结果: ${where}`);
    const rate = RATE_FORMULA.exec(f.formula);
    const diff = DIFF_FORMULA.exec(f.formula);
    if (!rate && !diff) throw new Error(`formula that is neither a rate nor a difference: ${where}`);
    if (rate) {
      rates++;
      const [, den, num, den2] = rate;
      expect(den2).toBe(den);
      // the formula still works: its refs resolve to numbers and give the cached result
      const n = cellNumber(after, num);
      const d = cellNumber(after, den);
      if (n === null || d === null) throw new Error(`a rate formula whose refs are not numbers: ${where}`);
      if (d !== 0) expect(f.result).toBeCloseTo(n / d, 9);
    }
    if (diff) expect(new Set(diff.slice(1)).size).toBe(1);
  }
  expect(rates).toBeGreaterThan(0);

  // nothing ExcelJS missed: as many <f> elements in the XML as formula cells
  const zipped = await JSZip.loadAsync(out);
  const sheetXmls = await Promise.all(Object.keys(zipped.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => zipped.file(n)!.async('string')));
  const fTags = sheetXmls.reduce((s, x) => s + (x.match(/<f[ >]/g) ?? []).length, 0);
  expect(fTags).toBe(formulas(after).length);
  return tool;
}

/** Every string the tool wrote into its own sheets. */
async function toolTexts(out: Uint8Array): Promise<Set<string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out as unknown as ArrayBuffer);
  const own = new Set<string>(Object.values(RESULT_SHEETS));
  const texts = new Set<string>();
  for (const ws of wb.worksheets) {
    if (!own.has(ws.name)) continue;
    ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && texts.add(c.value)));
  }
  return texts;
}

describe('the result workbook holds no formula the tool did not mean to write', () => {
  test('formulas only in 计算结果 (rates, differences) and internal links; every township text stays text', async () => {
    const { bytes, result } = await loadHostile();
    const report = buildReport(result);
    let out = await applyPlan(bytes, resultPlan(result, report), '周营镇-恶意.xlsx');
    out = await applyPlan(out, markPlan(result), '周营镇-恶意.xlsx');
    const tool = await auditFormulas(bytes, out);
    // the quoted sheet is referenced correctly by the rate formulas of its rates
    expect(tool.some((f) => f.formula.includes(`${q}!D5/${q}!D4`))).toBe(true);

    // the formula-looking texts appear as text wherever the tool wrote them
    const texts = await toolTexts(out);
    expect(texts.has(INJECTIONS.value)).toBe(true); // 实填 of the unparseable value, as text
    expect([...texts].join('\n')).toContain(INJECTIONS.problem.replace(/。$/, '')); // the problem item in 报告文稿
  });

  // Sheet names Excel allows that need quoting, escaping or look like something else.
  const NAMES = ['他说"好"', 'A1', 'R1C1', '1月', '数据 (2)', '&<>', 'SUM(1)', '#REF!', '矛盾纠纷 化解'];
  test.each(NAMES)('a sheet named %s: refs, links and rate formulas still point at it', async (name) => {
    const bytes = await hostileWorkbook(name);
    const book = await readXlsx(bytes, 'x.xlsx');
    expect(book.sheets.map((s) => s.name)).toContain(name);
    const result = check(book);
    const f = result.findings.find((x) => x.rule === 'rate-mismatch' && x.sheet === name);
    expect(f?.cell).toBe('D6');
    expect(f!.refs.map((r) => splitRef(r))).toContainEqual({ sheet: name, cell: 'D4' });
    const out = await applyPlan(bytes, resultPlan(result, buildReport(result)), 'x.xlsx');
    const tool = await auditFormulas(bytes, out);
    const quoted = quoteSheet(name);
    expect(tool.some((x) => x.formula.includes(`${quoted}!D5/${quoted}!D4`))).toBe(true);
  });

  test('the Word report is written from the same hostile content', async () => {
    const { result } = await loadHostile();
    const docx = await reportDocx(buildReport(result));
    const z = await JSZip.loadAsync(docx);
    const doc = await z.file('word/document.xml')!.async('string');
    // no field codes other than the page number (a formula-looking text is never a field)
    const instr = [...doc.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => m[1].trim());
    for (const i of instr) expect(i).toMatch(/^PAGE\b/);
    expect(doc).not.toContain('w:fldSimple w:instr="=');
  });
});

describe("a township's own 报告模板 sheet (issue 17, item 5)", () => {
  /** The demo workbook with a 报告模板 sheet of claims, a formula-looking clause and a setting that hides rows. */
  async function withTownTemplates(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(sample(ZHOU)) as unknown as ArrayBuffer);
    const ws = wb.addWorksheet('报告模板');
    ws.addRow(['分组', '条件', '模板']);
    ws.addRow(['信访', '', '全{unitShort}信访案件全部化解，化解率100%']);
    ws.addRow(['第一责任人履职', '', '=HYPERLINK("http://example.invalid","点此查看")']);
    ws.addRow(['设置', '目录外指标', '不写入']);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test('is not applied unless chosen: the report keeps the recomputed 77.8%, a hint names the sheet', async () => {
    const bytes = await withTownTemplates();
    const book = await readXlsx(bytes, '周营镇.xlsx');
    const result = check(book);
    const text = buildReport(result, { book }).paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('化解率77.8%');
    expect(text).not.toContain('全部化解');
    expect(text).not.toContain('点此查看');
    expect(result.findings.filter((f) => f.rule === 'workbook-templates').map((f) => `${f.sheet}!${f.cell}`)).toEqual(['报告模板!A1']);
    // the sheet is not read as figures either
    expect(result.observations.some((o) => o.sheet === '报告模板')).toBe(false);
    expect(result.extraction.unknown.some((u) => u.sheet === '报告模板')).toBe(false);
  });

  test('when chosen, its text is written as text in the result sheet and the .docx, never a formula or a field', async () => {
    const bytes = await withTownTemplates();
    const book = await readXlsx(bytes, '周营镇.xlsx');
    const result = check(book, { workbookTemplates: true });
    const report = buildReport(result, { book, workbookTemplates: true });
    expect(report.paragraphs.map((p) => p.text).join('\n')).toContain('=HYPERLINK(');
    const doc = await (await JSZip.loadAsync(await reportDocx(report))).file('word/document.xml')!.async('string');
    expect(doc).not.toContain('w:fldSimple w:instr="=');
    const out = await applyPlan(bytes, resultPlan(result, report), '周营镇.xlsx');
    const written = await readXlsx(out, 'r.xlsx');
    const draft = written.sheets.find((g) => g.name === RESULT_SHEETS.report)!;
    expect(draft.rows.flat().some((c) => typeof c === 'string' && c.includes('=HYPERLINK('))).toBe(true);
    const tool = await auditFormulas(bytes, out);
    expect(tool.every((x) => !x.formula.includes('HYPERLINK'))).toBe(true);
  });
});

describe('malformed sheet XML: a Chinese error or a workbook check can handle, never a raw exception', () => {
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const ws = (rows: string, after = '') => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${rows}</sheetData>${after}</worksheet>`;
  const lol = Array.from({ length: 8 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
  const CASES: [string, { name: string; xml?: string }[]][] = [
    ['a merge beyond column XFD', [{ name: '指标', xml: ws('<row r="1"><c r="A1"><v>1</v></c></row>', '<mergeCells count="1"><mergeCell ref="A1:ZZZZ9"/></mergeCells>') }]],
    ['a reversed merge', [{ name: '指标', xml: ws('<row r="1"><c r="A1"><v>1</v></c></row>', '<mergeCells count="1"><mergeCell ref="C5:A1"/></mergeCells>') }]],
    ['a cell beyond column XFD', [{ name: '指标', xml: ws('<row r="1"><c r="XFE1"><v>1</v></c></row>') }]],
    ['a row beyond 1,048,576', [{ name: '指标', xml: ws('<row r="2000000"><c r="A2000000" t="inlineStr"><is><t>行政村数</t></is></c><c r="B2000000"><v>20</v></c></row>') }]],
    ['row 0 and cell A0', [{ name: '指标', xml: ws('<row r="0"><c r="A0"><v>1</v></c></row>') }]],
    ['cells without addresses', [{ name: '指标', xml: ws('<row><c><v>1</v></c><c t="inlineStr"><is><t>行政村数</t></is></c></row>') }]],
    ['two sheets with the same name', [{ name: '指标', xml: ws('') }, { name: '指标', xml: ws('') }]],
    ['an empty sheet name', [{ name: '', xml: ws('') }]],
    ['NaN, 1e999 and letters as numbers', [{ name: '指标', xml: ws('<row r="1"><c r="A1"><v>NaN</v></c><c r="B1"><v>1e999</v></c><c r="C1"><v>abc</v></c></row>') }]],
    ['odd cell types', [{ name: '指标', xml: ws('<row r="1"><c r="A1" t="b"><v>7</v></c><c r="B1" t="e"><v>#WHAT?</v></c><c r="C1" t="str"><v>=1+1</v></c></row>') }]],
    ['5,000 rich-text runs in one cell', [{ name: '指标', xml: ws(`<row r="1"><c r="A1" t="inlineStr"><is>${'<r><t>行</t></r>'.repeat(5000)}</is></c></row>`) }]],
    ['entity expansion (billion laughs)', [{ name: '指标', xml: `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">${lol}]><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l8;</t></is></c></row></sheetData></worksheet>` }]],
  ];
  test.each(CASES)('%s', async (label, sheets) => {
    const name = `${label}.xlsx`;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let book: Workbook | null = null;
    try {
      book = await readXlsx(minimalXlsx(sheets), name);
    } catch (e) {
      expect(e).toBeInstanceOf(FileReadError);
      expect((e as Error).message).toContain(`“${name}”`);
      expect((e as Error).message).not.toMatch(/undefined|NaN|\bnull\b/);
    } finally {
      warn.mockRestore();
    }
    if (!book) return;
    const r = check(book);
    const names = new Set(book.sheets.map((g) => g.name));
    for (const f of r.findings) {
      if (f.sheet) expect(names.has(f.sheet)).toBe(true);
      expect(f.message).not.toMatch(/undefined|NaN|\bnull\b/);
    }
    for (const g of book.sheets) for (const row of g.rows) for (const c of row) if (typeof c === 'number') expect(Number.isFinite(c)).toBe(true);
  });
});

describe('a read is bounded for any of the samples cut at every 10%', () => {
  test('no hang and no raw exception: an error is a FileReadError, a success a workbook', async () => {
    const b = sample(DAZ);
    for (let i = 1; i < 10; i++) {
      const cut = b.subarray(0, Math.floor((b.length * i) / 10));
      await readXlsx(cut, '大钟庄镇-截断.xlsx').then(
        (book) => expect(Array.isArray(book.sheets)).toBe(true),
        (e) => expect(e).toBeInstanceOf(FileReadError),
      );
      // a trailing garbage tail after a whole file
      const tail = concat([b, new Uint8Array(1000).fill(0x20)]);
      await readXlsx(tail, '大钟庄镇-尾部.xlsx').then(
        (book) => expect(book.sheets.length).toBeGreaterThan(0),
        (e) => expect(e).toBeInstanceOf(FileReadError),
      );
    }
  });
});
