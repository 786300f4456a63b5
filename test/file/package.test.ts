/**
 * The result copy of an .xlsx is the original package plus the tool's sheets: every part the township made stays
 * byte-identical (only workbook.xml, its relationships, [Content_Types].xml and styles.xml gain the tool's entries),
 * on the samples and on a LibreOffice workbook with a chart, a picture, a pivot table and data validation.
 * Excel compatibility: LibreOffice opens the copy and recomputes 计算结果's formulas; ExcelJS and the project's own
 * reader read it back.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync, spawnSync } from 'child_process';
import * as ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { combinePlans, removalPlan, resultPlan, explanationPlan } from '../../src/core/plan';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { isToolSheet } from '../../src/core/toolsheets';
import { applyPlan, readXlsx } from '../../src/file';

const SAMPLES = path.join(__dirname, '../../assets/samples');
const CHANGED = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml']);
const TOOL = new Set<string>(Object.values(RESULT_SHEETS));

function parts(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

/** What `report` writes, in process: check, report text, result sheets. */
async function reportCopy(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  const book = await readXlsx(bytes, name);
  const result = check(book);
  return applyPlan(bytes, resultPlan(result, buildReport(result, { book })), name);
}

/** Every original part is in the copy, byte for byte, except the four that list the new sheets and styles. */
function expectOriginalPartsKept(before: Uint8Array, after: Uint8Array): string[] {
  const a = parts(before);
  const b = parts(after);
  const differing: string[] = [];
  for (const [n, data] of Object.entries(a)) {
    expect(b[n]).toBeDefined();
    if (!Buffer.from(b[n]).equals(Buffer.from(data))) differing.push(n);
  }
  expect(differing.filter((n) => !CHANGED.has(n))).toEqual([]);
  const added = Object.keys(b).filter((n) => !(n in a));
  // new sheets, and the notes of 报告文稿's flagged paragraphs: a comments part, a VML drawing, the sheet's relationships
  for (const n of added) expect(n).toMatch(/^xl\/(?:worksheets\/sheet\d+\.xml|worksheets\/_rels\/sheet\d+\.xml\.rels|comments\d+\.xml|drawings\/vmlDrawing\d+\.vml)$/);
  return added.filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
}

function townshipSheets(book: Awaited<ReturnType<typeof readXlsx>>) {
  return book.sheets.filter((s) => !isToolSheet(s));
}

describe('report on the samples: the original package is kept', () => {
  const files = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.xlsx'));
  test.each(files)('%s', async (file) => {
    const src = new Uint8Array(fs.readFileSync(path.join(SAMPLES, file)));
    const out = await reportCopy(src, file);
    const added = expectOriginalPartsKept(src, out);
    expect(added).toHaveLength(3); // 审核结果, 计算结果, 报告文稿

    // the project's reader: the township's sheets read exactly as before; the result sheets are recognised as the tool's
    const before = await readXlsx(src, file);
    const after = await readXlsx(out, file);
    expect(townshipSheets(after)).toEqual(before.sheets);
    expect(after.sheets.filter(isToolSheet).map((s) => s.name)).toEqual([RESULT_SHEETS.findings, RESULT_SHEETS.rates, RESULT_SHEETS.report]);
    // a check of the copy finds exactly what a check of the source found
    expect(check(after).findings.map((f) => f.id)).toEqual(check(before).findings.map((f) => f.id));

    // ExcelJS reads it too, with the result sheets at the end
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...before.sheets.map((s) => s.name), RESULT_SHEETS.findings, RESULT_SHEETS.rates, RESULT_SHEETS.report]);

    // re-running on the copy replaces the result sheets (no duplicate part, sheet, relationship or content type)
    const again = await reportCopy(out, file);
    const p2 = parts(again);
    expect(Object.keys(p2).sort()).toEqual(Object.keys(parts(out)).sort());
    const wbXml = strFromU8(p2['xl/workbook.xml']);
    for (const n of TOOL) expect(wbXml.split(`name="${n}"`).length - 1).toBeLessThanOrEqual(1);
    expect(strFromU8(p2['[Content_Types].xml']).match(/worksheet\+xml/g)).toHaveLength(before.sheets.length + 3);
    expect(strFromU8(p2['xl/_rels/workbook.xml.rels']).match(/relationships\/worksheet"/g)).toHaveLength(before.sheets.length + 3);
    for (const [n, data] of Object.entries(parts(src))) if (!CHANGED.has(n)) expect(Buffer.from(p2[n]).equals(Buffer.from(data))).toBe(true);

    // removing the results gives back the original parts, its relationships and content types included
    const removed = await applyPlan(again, removalPlan(), file);
    const p3 = parts(removed);
    expect(Object.keys(p3).sort()).toEqual(Object.keys(parts(src)).sort());
    for (const n of ['xl/_rels/workbook.xml.rels', '[Content_Types].xml']) expect(strFromU8(p3[n])).toBe(strFromU8(parts(src)[n]));
    expect((await readXlsx(removed, file)).sheets).toEqual(before.sheets);
  });
});

describe('what the tool writes, as SpreadsheetML', () => {
  let out: Uint8Array;
  let src: Uint8Array;
  beforeAll(async () => {
    src = new Uint8Array(fs.readFileSync(path.join(SAMPLES, '周营镇-2023-指标.xlsx')));
    const book = await readXlsx(src, 's.xlsx');
    const result = check(book);
    const plan = combinePlans(
      resultPlan(result, buildReport(result, { book })),
      explanationPlan([{ findingId: 'x1', text: '=HYPERLINK("http://evil.example")', rule: 'rate-mismatch', where: "'矛盾纠纷化解'!D6", message: '_x0041_ 原文', date: '2024-01-08' }]),
    );
    out = await applyPlan(src, plan, 's.xlsx');
  });

  test('strings are inline (sharedStrings untouched), a text starting with = stays text, _xHHHH_ stays literal', async () => {
    const p = parts(out);
    const sheetXml = Object.keys(p)
      .filter((n) => !(n in parts(src)) && n.startsWith('xl/worksheets/'))
      .map((n) => strFromU8(p[n]))
      .join('');
    expect(sheetXml).toContain('t="inlineStr"');
    expect(sheetXml).not.toMatch(/t="s"/);
    const book = await readXlsx(out, 's.xlsx');
    const ex = book.sheets.find((s) => s.name === RESULT_SHEETS.explanations)!;
    const texts = ex.rows.flat().filter((c): c is string => typeof c === 'string');
    expect(texts).toContain('=HYPERLINK("http://evil.example")');
    expect(texts).toContain('_x0041_ 原文');
    expect(check(book).explanations.map((e) => e.text)).toEqual(['=HYPERLINK("http://evil.example")']);
  });

  test('计算结果 holds formulas with their results; widths, heights and frozen rows are written', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const rates = wb.getWorksheet(RESULT_SHEETS.rates)!;
    const f = rates.getCell('F3');
    expect(f.formula).toMatch(/^IF\(/);
    expect(typeof f.result).toBe('number');
    expect(rates.getCell('F3').numFmt).toBe('0.0%');
    expect(rates.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(rates.getColumn(1).width).toBe(24);
    const report = wb.getWorksheet(RESULT_SHEETS.report)!;
    expect(report.getRow(1).height).toBeGreaterThan(20);
    expect(report.getCell('A1').font).toMatchObject({ name: '方正小标宋简体', size: 22 });
    // no formula outside 计算结果
    for (const ws of wb.worksheets) {
      if (ws.name === RESULT_SHEETS.rates) continue;
      ws.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()));
    }
  });

  test('审核结果 is a table to filter and print: autofilter over header and findings, frozen header, wrapped messages, one page wide', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(RESULT_SHEETS.findings)!;
    expect(ws.autoFilter).toBe(`A2:H${ws.rowCount}`);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getCell('E3').alignment).toMatchObject({ wrapText: true });
    expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, orientation: 'landscape' });
    expect(String(ws.getCell('A3').value)).toBe('错误（强制性）');
  });

  test('existing cell formats keep their numbers: only new ones are appended to styles.xml', () => {
    const xfs = (xml: string) => /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)![1];
    const before = xfs(strFromU8(parts(src)['xl/styles.xml']));
    const after = xfs(strFromU8(parts(out)['xl/styles.xml']));
    expect(after.startsWith(before)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
  });
});

// ───────────────────────────── LibreOffice ─────────────────────────────

function requireCalc(): void {
  const ok = spawnSync('sh', ['-c', 'command -v soffice && ls /usr/lib/libreoffice/program/ | grep -q "^libsclo"'], { stdio: 'ignore' }).status === 0;
  if (!ok) throw new Error('需要 LibreOffice Calc 才能验证结果副本：请安装 libreoffice-calc-nogui（apt-get install libreoffice-calc-nogui）。');
}

/** A LibreOffice profile that recalculates every formula of an .xlsx on load (not only Excel's cached results). */
function profile(dir: string): string {
  const user = path.join(dir, 'profile', 'user');
  fs.mkdirSync(user, { recursive: true });
  fs.writeFileSync(
    path.join(user, 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`,
  );
  return `-env:UserInstallation=file://${path.join(dir, 'profile')}`;
}

function soffice(dir: string, args: string[]): void {
  execFileSync('soffice', [profile(dir), '--headless', ...args], { stdio: 'ignore', timeout: 180_000 });
}

function csvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let v = '';
    if (line[i] === '"') {
      for (i++; i < line.length; i++) {
        if (line[i] === '"' && line[i + 1] === '"') (v += '"'), i++;
        else if (line[i] === '"') break;
        else v += line[i];
      }
      i++;
    } else {
      const end = line.indexOf(',', i);
      v = line.slice(i, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    }
    out.push(v);
    if (line[i] !== ',') return out;
    i++;
  }
}

/** Sheets of .xlsx files as CSV, as LibreOffice computes them (one LibreOffice run): `[{ sheetName: rows }]`. */
function sheetsAsCsv(dir: string, files: string[], names: string[]): Record<string, string[][]>[] {
  const out = path.join(dir, 'csv');
  fs.mkdirSync(out, { recursive: true });
  soffice(dir, ['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', out, ...files]);
  return files.map((file) => csvOf(out, file, names));
}

function csvOf(out: string, file: string, names: string[]): Record<string, string[][]> {
  const stemName = path.basename(file, '.xlsx');
  const res: Record<string, string[][]> = {};
  for (const n of names) {
    const f = path.join(out, `${stemName}-${n}.csv`);
    if (!fs.existsSync(f)) continue;
    res[n] = fs
      .readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map(csvLine);
  }
  return res;
}

/** A one-colour PNG. */
function png(): Uint8Array {
  return new Uint8Array(
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4z8DAwMDAwMAAAA0AAf/6Gl9wAAAAAElFTkSuQmCC', 'base64'),
  );
}

/** An .fods with a bar chart, a picture, a pivot table and data validation (what LibreOffice turns into OOXML parts). */
function richFods(): string {
  const rows: [string, string | number][] = [
    ['乡镇', '件数'],
    ['周营镇', 37],
    ['前营乡', 20],
    ['大钟庄镇', 15],
  ];
  const cell = (v: string | number) =>
    typeof v === 'string'
      ? `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`
      : `<table:table-cell office:value-type="float" office:value="${v}" table:content-validation-name="val1"><text:p>${v}</text:p></table:table-cell>`;
  const chart = `<draw:frame draw:z-index="0" draw:name="图表1" svg:width="8cm" svg:height="6cm" svg:x="5cm" svg:y="0.5cm"><draw:object draw:notify-on-update-of-ranges="数据.A1:数据.B4"><office:document office:mimetype="application/vnd.oasis.opendocument.chart" office:version="1.3"><office:body><office:chart><chart:chart svg:width="8cm" svg:height="6cm" chart:class="chart:bar"><chart:plot-area table:cell-range-address="数据.A1:数据.B4" chart:data-source-has-labels="both"><chart:axis chart:dimension="x" chart:name="primary-x"><chart:categories table:cell-range-address="数据.A2:数据.A4"/></chart:axis><chart:axis chart:dimension="y" chart:name="primary-y"/><chart:series chart:values-cell-range-address="数据.B2:数据.B4" chart:label-cell-address="数据.B1" chart:class="chart:bar"/></chart:plot-area></chart:chart></office:chart></office:body></office:document></draw:object></draw:frame>`;
  const img = `<draw:frame draw:z-index="1" draw:name="图片1" svg:width="1cm" svg:height="1cm" svg:x="14cm" svg:y="0.5cm"><draw:image><office:binary-data>${Buffer.from(png()).toString('base64')}</office:binary-data></draw:image></draw:frame>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet>
<table:content-validations><table:content-validation table:name="val1" table:condition="of:cell-content-is-whole-number() and of:cell-content-is-between(0;100000)" table:allow-empty-cell="true" table:base-cell-address="数据.B2"><table:error-message table:message-type="stop" table:display="true"><text:p>请填写非负整数</text:p></table:error-message></table:content-validation></table:content-validations>
<table:table table:name="数据"><table:shapes>${chart}${img}</table:shapes><table:table-column table:number-columns-repeated="2"/>${rows.map((r) => `<table:table-row>${r.map(cell).join('')}</table:table-row>`).join('')}</table:table>
<table:table table:name="透视"><table:table-row><table:table-cell/></table:table-row></table:table>
<table:data-pilot-tables><table:data-pilot-table table:name="数据透视表1" table:target-range-address="透视.A1:透视.B6" table:buttons="透视.A1"><table:source-cell-range table:cell-range-address="数据.A1:数据.B4"/><table:data-pilot-field table:source-field-name="乡镇" table:orientation="row"/><table:data-pilot-field table:source-field-name="件数" table:orientation="data" table:function="sum"/><table:data-pilot-field table:source-field-name="" table:is-data-layout-field="true" table:orientation="hidden"/></table:data-pilot-table></table:data-pilot-tables>
</office:spreadsheet></office:body></office:document>`;
}

/** Replace the value of one numeric cell in an .xlsx (test side: the tool itself never changes a figure). */
function patchNumber(bytes: Uint8Array, sheetPart: string, cell: string, value: number): Uint8Array {
  const p = parts(bytes);
  const xml = strFromU8(p[sheetPart]);
  const re = new RegExp(`(<c r="${cell}"[^>]*>(?:<f>[^<]*</f>)?<v>)[^<]*(</v>)`);
  expect(re.test(xml)).toBe(true);
  p[sheetPart] = strToU8(xml.replace(re, `$1${value}$2`));
  return zipSync(p);
}

describe('LibreOffice opens the copies', () => {
  let dir: string;
  beforeAll(() => {
    requireCalc();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'id-pkg-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a workbook with a chart, a picture, a pivot table and data validation keeps them all in the copy', async () => {
    fs.writeFileSync(path.join(dir, 'rich.fods'), richFods());
    soffice(dir, ['--convert-to', 'xlsx', '--outdir', dir, path.join(dir, 'rich.fods')]);
    const src = new Uint8Array(fs.readFileSync(path.join(dir, 'rich.xlsx')));
    const names = Object.keys(parts(src));
    // what LibreOffice made: the parts this test is about
    for (const re of [/^xl\/charts\/chart\d+\.xml$/, /^xl\/media\/image\d+\.png$/, /^xl\/pivotTables\/pivotTable\d+\.xml$/, /^xl\/pivotCache\//, /^xl\/drawings\/drawing\d+\.xml$/]) {
      expect(names.some((n) => re.test(n))).toBe(true);
    }
    expect(strFromU8(parts(src)['xl/worksheets/sheet1.xml'])).toContain('<dataValidation ');

    const out = await reportCopy(src, 'rich.xlsx');
    expectOriginalPartsKept(src, out);
    fs.writeFileSync(path.join(dir, 'rich-审核.xlsx'), out);
    // the zip itself is sound by Info-ZIP's reckoning too (parts copied packed, new ones deflated, CRCs right)
    expect(execFileSync('unzip', ['-tq', path.join(dir, 'rich-审核.xlsx')], { encoding: 'utf8' })).toMatch(/No errors detected/);
    // LibreOffice opens the copy: the township's figures and the pivot's output as before, the result sheets there
    const [csv] = sheetsAsCsv(dir, [path.join(dir, 'rich-审核.xlsx')], ['数据', '透视', RESULT_SHEETS.findings, RESULT_SHEETS.rates]);
    expect(csv['数据'].slice(0, 4)).toEqual([
      ['乡镇', '件数'],
      ['周营镇', '37'],
      ['前营乡', '20'],
      ['大钟庄镇', '15'],
    ]);
    expect(csv['透视'].flat()).toContain('72');
    expect(csv[RESULT_SHEETS.findings][1].slice(0, 3)).toEqual(['严重程度', '规则', '位置']);
    // and converts it back to ODF with the chart, the picture and the pivot table still there
    soffice(dir, ['--convert-to', 'fods', '--outdir', path.join(dir, 'back'), path.join(dir, 'rich-审核.xlsx')]);
    const back = fs.readFileSync(path.join(dir, 'back', 'rich-审核.fods'), 'utf8');
    expect(back).toContain('chart:chart');
    expect(back).toContain('<draw:image');
    expect(back).toContain('table:data-pilot-table ');
    expect(back).toContain('table:content-validation ');
  }, 600_000);

  test('计算结果 is recomputed by LibreOffice from the township cells (a changed figure changes the rate)', async () => {
    const file = '周营镇-2023-指标.xlsx';
    const src = new Uint8Array(fs.readFileSync(path.join(SAMPLES, file)));
    const book = await readXlsx(src, file);
    const result = check(book);
    const out = await applyPlan(src, resultPlan(result, buildReport(result, { book })), file);
    // 信访案件化解率 over 矛盾纠纷化解 D5 (化解 7) / D4 (受理 9): 77.8 %; the test changes D5 to 8 in the copy
    const rate = result.rates.find((r) => r.numerator.cell === 'D5' && r.denominator.cell === 'D4' && r.numerator.sheet === '矛盾纠纷化解')!;
    expect(rate.display).toBe('77.8%');
    const relsXml = strFromU8(parts(out)['xl/_rels/workbook.xml.rels']);
    const wbXml = strFromU8(parts(out)['xl/workbook.xml']);
    const rid = new RegExp(`name="矛盾纠纷化解"[^>]*r:id="(rId\\d+)"`).exec(wbXml)![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(relsXml)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(relsXml)![1];
    const changed = patchNumber(out, `xl/${target.replace(/^\/?xl\//, '')}`, 'D5', 8);
    fs.writeFileSync(path.join(dir, 'zy.xlsx'), out);
    fs.writeFileSync(path.join(dir, 'zy-changed.xlsx'), changed);
    const row = result.rates.indexOf(rate) + 3;
    const [a, b] = sheetsAsCsv(dir, [path.join(dir, 'zy.xlsx'), path.join(dir, 'zy-changed.xlsx')], [RESULT_SHEETS.rates]);
    const asIs = a[RESULT_SHEETS.rates];
    const recomputed = b[RESULT_SHEETS.rates];
    expect(asIs[row - 1][5]).toBe('77.8%');
    expect(recomputed[row - 1][5]).toBe('88.9%');
    // every rate LibreOffice computes agrees with the core's
    result.rates.forEach((r, i) => {
      if (r.value != null) expect(asIs[i + 2][5]).toBe(`${(Math.round(r.value * 10) / 10).toFixed(1)}%`);
    });
  }, 600_000);
});

describe('packages written by other programs', () => {
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheet = (rows: string) => `<x:worksheet xmlns:x="${MAIN}"><x:sheetData>${rows}</x:sheetData></x:worksheet>`;
  const inline = (ref: string, t: string) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${t}</x:t></x:is></x:c>`;
  const header = (cells: readonly string[]) => cells.map((t, i) => inline(`${String.fromCharCode(65 + i)}2`, t)).join('');

  /**
   * An Open XML SDK style package: prefixed XML, no styles part, a formula-order cache, names local to sheets,
   * and an earlier 审核结果 (recognised by its header row) sitting between the township's sheets; the third
   * sheet is the one selected.
   */
  function sdkPackage(): Uint8Array {
    const FINDINGS = ['严重程度', '规则', '位置', '指标', '问题说明', '应为', '实填', '状态/说明'];
    const files: Record<string, string> = {
      '[Content_Types].xml': `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/a.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/old.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/b.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>`,
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="${R}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<x:workbook xmlns:x="${MAIN}" xmlns:rel="${R}"><x:bookViews><x:workbookView activeTab="2"/></x:bookViews><x:sheets><x:sheet name="矛盾纠纷" sheetId="1" rel:id="Ra"/><x:sheet name="审核结果" sheetId="2" rel:id="Rold"/><x:sheet name="行政执法" sheetId="3" rel:id="Rb"/></x:sheets><x:definedNames><x:definedName name="_xlnm.Print_Area" localSheetId="2">行政执法!$A$1:$D$5</x:definedName><x:definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">审核结果!$A$2:$H$3</x:definedName><x:definedName name="受理">矛盾纠纷!$D$4</x:definedName></x:definedNames></x:workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="Ra" Type="${R}/worksheet" Target="/xl/worksheets/a.xml"/><Relationship Id="Rold" Type="${R}/worksheet" Target="worksheets/old.xml"/><Relationship Id="Rb" Type="${R}/worksheet" Target="worksheets/b.xml"/><Relationship Id="Rc" Type="${R}/calcChain" Target="calcChain.xml"/></Relationships>`,
      'xl/worksheets/a.xml': sheet(`<x:row r="4">${inline('C4', '受理信访案件')}<x:c r="D4"><x:v>9</x:v></x:c></x:row><x:row r="5">${inline('C5', '化解信访案件')}<x:c r="D5"><x:f>D4-2</x:f><x:v>7</x:v></x:c></x:row>`),
      'xl/worksheets/old.xml': sheet(`<x:row r="1">${inline('A1', '旧的审核结果')}</x:row><x:row r="2">${header(FINDINGS)}</x:row>`),
      'xl/worksheets/b.xml': `<x:worksheet xmlns:x="${MAIN}"><x:sheetViews><x:sheetView tabSelected="1" workbookViewId="0"/></x:sheetViews><x:sheetData><x:row r="4">${inline('C4', '行政执法人员')}<x:c r="D4"><x:v>12</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      'xl/calcChain.xml': `<calcChain xmlns="${MAIN}"><c r="D5" i="1"/></calcChain>`,
    };
    return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
  }

  test('prefixed XML, no styles part, names local to sheets, a formula-order cache and an old result sheet in the middle', async () => {
    const src = sdkPackage();
    const book = await readXlsx(src, 'sdk.xlsx');
    expect(book.sheets.map((s) => s.name)).toEqual(['矛盾纠纷', '审核结果', '行政执法']);
    const result = check(book);
    const out = await applyPlan(src, resultPlan(result, buildReport(result, { book })), 'sdk.xlsx');
    const p = parts(out);
    const wbXml = strFromU8(p['xl/workbook.xml']);

    // the old 审核结果 is gone from the middle, the new one at the end; prefixes as the workbook has them
    const names = [...wbXml.matchAll(/<x:sheet name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['矛盾纠纷', '行政执法', '审核结果', '计算结果', '报告文稿']);
    expect(wbXml).toMatch(/<x:sheet name="审核结果" sheetId="4" rel:id="[^"]+"\/>/);
    expect(p['xl/worksheets/old.xml']).toBeUndefined();
    // 行政执法's print area follows it from index 2 to 1; the removed sheet's own name goes; a global name stays
    expect(wbXml).toContain('<x:definedName name="_xlnm.Print_Area" localSheetId="1">行政执法!$A$1:$D$5</x:definedName>');
    expect(wbXml).not.toContain('_FilterDatabase');
    expect(wbXml).toContain('<x:definedName name="受理">矛盾纠纷!$D$4</x:definedName>');
    // 行政执法 was selected: it stays the active tab (at its new index), so two tabs are never grouped
    expect(wbXml).toContain('<x:workbookView activeTab="1"/>');
    // Excel's formula-order cache listed the old sheet's cells: dropped with its relationship and content type
    expect(p['xl/calcChain.xml']).toBeUndefined();
    expect(strFromU8(p['xl/_rels/workbook.xml.rels'])).not.toContain('calcChain');
    expect(strFromU8(p['[Content_Types].xml'])).not.toContain('calcChain');
    expect(strFromU8(p['[Content_Types].xml'])).not.toContain('/xl/worksheets/old.xml');
    // a styles part is made for the tool's formats, with its relationship and content type
    expect(p['xl/styles.xml']).toBeDefined();
    expect(strFromU8(p['xl/_rels/workbook.xml.rels'])).toMatch(/relationships\/styles" Target="styles.xml"/);
    expect(strFromU8(p['[Content_Types].xml'])).toContain('/xl/styles.xml');
    for (const n of ['xl/worksheets/a.xml', 'xl/worksheets/b.xml', '_rels/.rels']) expect(Buffer.from(p[n]).equals(Buffer.from(parts(src)[n]))).toBe(true);

    // read back: the township's sheets as before, the result sheets recognised, 计算结果 in 0.0 %
    const after = await readXlsx(out, 'sdk.xlsx');
    expect(after.sheets.filter((s) => !isToolSheet(s))).toEqual(book.sheets.filter((s) => !isToolSheet(s)));
    expect(after.sheets.filter(isToolSheet).map((s) => s.name)).toEqual(['审核结果', '计算结果', '报告文稿']);
    const rates = after.sheets.find((s) => s.name === RESULT_SHEETS.rates)!;
    expect((rates.formats ?? []).flat()).toContain('0.0%');
    // (ExcelJS reads no prefixed workbook part at all, this source included: the project's reader is the judge here)
  });
});

test('a plan naming one result sheet twice (combined plans) writes it once, the later version', async () => {
  const src = new Uint8Array(fs.readFileSync(path.join(SAMPLES, '示范镇-2023-无误.xlsx')));
  const book = await readXlsx(src, 'x.xlsx');
  const result = check(book);
  const a = resultPlan(result, null);
  const b = resultPlan(result, null);
  b.sheets[0].rows[0] = [{ v: '第二份' }];
  const out = await applyPlan(src, combinePlans(a, b), 'x.xlsx');
  const after = await readXlsx(out, 'x.xlsx');
  expect(after.sheets.map((s) => s.name).filter((n) => n === RESULT_SHEETS.findings)).toHaveLength(1);
  expect(after.sheets.find((s) => s.name === RESULT_SHEETS.findings)!.rows[0][0]).toBe('第二份');
});
