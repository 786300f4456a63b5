/**
 * Marks in a result copy of an .xlsx are written into the original package, like the result sheets: the marked
 * cells point at cloned cell formats with the mark's fill, the notes are legacy comments (a comments part and a VML
 * drawing, merged into the township's own), and every other part — charts, pictures, the township's comments —
 * stays byte for byte. Marking again does not stack; clearing gives the township's sheet part back as it was.
 * Oracles: the project's reader, ExcelJS, LibreOffice.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync, spawnSync } from 'child_process';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { carriesMarks, combinePlans, markPlan, removalPlan, resultPlan } from '../../src/core/plan';
import { fillToRecord, MARKS_HEADER } from '../../src/core/plan/marks';
import { isToolSheet } from '../../src/core/toolsheets';
import type { Mark, WritePlan } from '../../src/core/types';
import { applyPlan, readXlsx } from '../../src/file';
import { loadBook, xlsx } from './helpers';

const MARKS = RESULT_SHEETS.marks;
const SAMPLES = path.join(__dirname, '../../assets/samples');

function parts(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

function text(bytes: Uint8Array, part: string): string {
  return strFromU8(parts(bytes)[part]);
}

/** Names of the parts whose bytes differ between two packages (added and removed ones included). */
function changedParts(a: Uint8Array, b: Uint8Array): string[] {
  const pa = parts(a);
  const pb = parts(b);
  return [...new Set([...Object.keys(pa), ...Object.keys(pb)])].filter((n) => !pa[n] || !pb[n] || !Buffer.from(pa[n]).equals(Buffer.from(pb[n]))).sort();
}

function markAt(sheet: string, cell: string, severity: Mark['severity'], comment: string): Mark {
  const fill = { error: '#FFC7CE', verify: '#FFEB9C', hint: '#DDEBF7' }[severity];
  return { sheet, cell, severity, fill, comment };
}

const marksPlan = (marks: Mark[]): WritePlan => ({ sheets: [], styles: {}, marks, clearMarks: true });
const CLEAR: WritePlan = { sheets: [], styles: {}, clearMarks: true };

function requireCalc(): void {
  const ok = spawnSync('sh', ['-c', 'command -v soffice && ls /usr/lib/libreoffice/program/ | grep -q "^libsclo"'], { stdio: 'ignore' }).status === 0;
  if (!ok) throw new Error('需要 LibreOffice Calc 才能验证标记：请安装 libreoffice-calc-nogui（apt-get install libreoffice-calc-nogui）。');
}

/** LibreOffice headless with a profile of its own (runs beside other LibreOffice processes). */
function soffice(dir: string, args: string[]): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', ...args], { stdio: 'ignore', timeout: 180_000 });
}

/** A one-colour PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4z8DAwMDAwMAAAA0AAf/6Gl9wAAAAAElFTkSuQmCC';

/**
 * A township's sheet as LibreOffice writes it to .xlsx: a bar chart and a picture over it, the township's own
 * comment on B2, a blue fill on B3, a percent figure in B5; rows end at 5.
 */
function townshipFods(): string {
  const chart = `<draw:frame draw:z-index="0" draw:name="图表1" svg:width="8cm" svg:height="6cm" svg:x="6cm" svg:y="0.5cm"><draw:object draw:notify-on-update-of-ranges="矛盾纠纷.A1:矛盾纠纷.B4"><office:document office:mimetype="application/vnd.oasis.opendocument.chart" office:version="1.3"><office:body><office:chart><chart:chart svg:width="8cm" svg:height="6cm" chart:class="chart:bar"><chart:plot-area table:cell-range-address="矛盾纠纷.A1:矛盾纠纷.B4" chart:data-source-has-labels="both"><chart:axis chart:dimension="x" chart:name="primary-x"><chart:categories table:cell-range-address="矛盾纠纷.A2:矛盾纠纷.A4"/></chart:axis><chart:axis chart:dimension="y" chart:name="primary-y"/><chart:series chart:values-cell-range-address="矛盾纠纷.B2:矛盾纠纷.B4" chart:label-cell-address="矛盾纠纷.B1" chart:class="chart:bar"/></chart:plot-area></chart:chart></office:chart></office:body></office:document></draw:object></draw:frame>`;
  const img = `<draw:frame draw:z-index="1" draw:name="图片1" svg:width="1cm" svg:height="1cm" svg:x="15cm" svg:y="0.5cm"><draw:image><office:binary-data>${PNG}</office:binary-data></draw:image></draw:frame>`;
  const s = (v: string) => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
  const n = (v: number, extra = '') => `<table:table-cell office:value-type="float" office:value="${v}"${extra}><text:p>${v}</text:p></table:table-cell>`;
  const note = `<office:annotation><dc:creator>周营镇</dc:creator><text:p>乡镇自己的批注：含上年结转</text:p></office:annotation>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:percentage-style style:name="N1"><number:number number:decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties fo:background-color="#cce5ff"/></style:style>
<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N1"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="矛盾纠纷"><table:shapes>${chart}${img}</table:shapes><table:table-column table:number-columns-repeated="2"/>
<table:table-row>${s('指标')}${s('数值')}</table:table-row>
<table:table-row>${s('受理矛盾纠纷')}<table:table-cell office:value-type="float" office:value="48">${note}<text:p>48</text:p></table:table-cell></table:table-row>
<table:table-row>${s('调解成功')}${n(45, ' table:style-name="ce1"')}</table:table-row>
<table:table-row>${s('化解信访案件')}${n(7)}</table:table-row>
<table:table-row>${s('调解成功率')}<table:table-cell office:value-type="percentage" office:value="0.9375" table:style-name="ce2"><text:p>93.8%</text:p></table:table-cell></table:table-row>
</table:table>
<table:table table:name="基本情况"><table:table-row>${s('单位名称')}${s('周营镇')}</table:table-row></table:table>
</office:spreadsheet></office:body></office:document>`;
}

describe('marks written into a LibreOffice workbook with a chart, a picture and a comment', () => {
  let dir: string;
  let src: Uint8Array;
  let sheetPart: string;
  let marked: Uint8Array;
  const marks = [
    markAt('矛盾纠纷', 'B2', 'verify', '【待核实】受理矛盾纠纷48件，与上年相比增加较多，请核实。'),
    markAt('矛盾纠纷', 'B3', 'error', '【错误】调解成功45件，不应多于受理数。'),
    markAt('矛盾纠纷', 'B5', 'error', '【错误】调解成功率填写为93.8%，按45/48计算应为93.8%以外的值，请核对。'),
    markAt('矛盾纠纷', 'C4', 'hint', '【提示】此处缺少备注。'),
    markAt('矛盾纠纷', 'B9', 'hint', '【提示】合计行缺少数值。'),
  ];

  beforeAll(async () => {
    requireCalc();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'id-marks-'));
    fs.writeFileSync(path.join(dir, 'town.fods'), townshipFods());
    soffice(dir, ['--convert-to', 'xlsx', '--outdir', dir, path.join(dir, 'town.fods')]);
    src = new Uint8Array(fs.readFileSync(path.join(dir, 'town.xlsx')));
    sheetPart = 'xl/worksheets/sheet1.xml';
    marked = await applyPlan(src, marksPlan(marks), 'town.xlsx');
  }, 300_000);
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  test('what LibreOffice made has the chart, the picture and the township comment this test is about', () => {
    const names = Object.keys(parts(src));
    for (const re of [/^xl\/charts\/chart\d+\.xml$/, /^xl\/media\/image\d+\.png$/, /^xl\/drawings\/drawing\d+\.xml$/, /^xl\/comments\d*\.xml$/, /\.vml$/]) {
      expect(names.some((n) => re.test(n))).toBe(true);
    }
    expect(text(src, sheetPart)).toContain('legacyDrawing');
  });

  test('every other part is byte-identical: only the marked sheet, its comments and notes, styles and the workbook lists change', () => {
    const changed = changedParts(src, marked);
    const comments = Object.keys(parts(src)).find((n) => /^xl\/comments\d*\.xml$/.test(n))!;
    const vml = Object.keys(parts(src)).find((n) => /\.vml$/.test(n))!;
    const allowed = new Set([sheetPart, comments, vml, 'xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml']);
    const added = changed.filter((n) => !(n in parts(src)));
    expect(changed.filter((n) => !allowed.has(n) && !added.includes(n))).toEqual([]);
    // the one new part is the 审核标记 sheet: the comments and the notes went into the township's own parts
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^xl\/worksheets\/sheet\d+\.xml$/);
  });

  test('the township figures read exactly as before; the marks are recorded in a very hidden 审核标记', async () => {
    const before = await readXlsx(src, 'town.xlsx');
    const after = await readXlsx(marked, 'town.xlsx');
    expect(after.sheets.filter((g) => !isToolSheet(g))).toEqual(before.sheets);
    const ms = after.sheets.find((g) => g.name === MARKS)!;
    expect(ms.visibility).toBe('veryHidden');
    expect(carriesMarks(after, isToolSheet)).toBe(true);
    expect(ms.rows.slice(1).map((r) => r[1])).toEqual(['B2', 'B3', 'C4', 'B5', 'B9']);
  });

  test('ExcelJS sees the fills over the cells’ own formats and the notes; the township comment is kept, not doubled', async () => {
    const wb = await loadBook(marked);
    const ws = wb.getWorksheet('矛盾纠纷')!;
    const orig = (await loadBook(src)).getWorksheet('矛盾纠纷')!;
    expect(ws.getCell('B3').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.getCell('B9').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } });
    // the percent format (and font, border) of B5 stay: only the fill is the mark's
    expect(ws.getCell('B5').numFmt).toBe(orig.getCell('B5').numFmt);
    expect(ws.getCell('B5').font).toEqual(orig.getCell('B5').font);
    expect(ws.getCell('B5').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(JSON.stringify(ws.getCell('B3').note)).toContain('不应多于受理数');
    expect(JSON.stringify(ws.getCell('B9').note)).toContain('合计行缺少数值');
    expect(JSON.stringify(ws.getCell('B2').note)).toContain('乡镇自己的批注');
    expect(JSON.stringify(ws.getCell('B2').note)).not.toContain('增加较多');
    // neighbours keep their look
    expect(ws.getCell('A3').fill ?? null).toEqual(orig.getCell('A3').fill ?? null);
  });

  test('LibreOffice opens the marked copy with the chart, the picture, both comments and the fills', () => {
    fs.writeFileSync(path.join(dir, 'marked.xlsx'), marked);
    expect(execFileSync('unzip', ['-tq', path.join(dir, 'marked.xlsx')], { encoding: 'utf8' })).toMatch(/No errors detected/);
    soffice(dir, ['--convert-to', 'fods', '--outdir', path.join(dir, 'back'), path.join(dir, 'marked.xlsx')]);
    const back = fs.readFileSync(path.join(dir, 'back', 'marked.fods'), 'utf8');
    expect(back).toContain('chart:chart');
    expect(back).toContain('<draw:image');
    expect(back).toContain('乡镇自己的批注：含上年结转');
    expect(back).toContain('不应多于受理数');
    expect(back).toContain('合计行缺少数值');
    expect(back.toLowerCase()).toContain('fo:background-color="#ffc7ce"');
    expect(back.toLowerCase()).toContain('fo:background-color="#ddebf7"');
  }, 300_000);

  test('marking again does not stack (no new part, comment, note shape or cell format); clearing gives the sheet back byte for byte', async () => {
    const again = await applyPlan(marked, marksPlan(marks), 'town.xlsx');
    expect(changedParts(marked, again).filter((n) => !/^xl\/(workbook\.xml|worksheets\/sheet\d+\.xml)$/.test(n))).toEqual([]);
    expect(text(again, sheetPart)).toBe(text(marked, sheetPart));
    expect(text(again, 'xl/styles.xml')).toBe(text(marked, 'xl/styles.xml'));

    const cleared = await applyPlan(again, CLEAR, 'town.xlsx');
    expect(Object.keys(parts(cleared)).sort()).toEqual(Object.keys(parts(src)).sort());
    const differ = changedParts(src, cleared);
    // the township's sheet, comments, notes and relationships are the original bytes; styles keeps the unused formats
    expect(differ.filter((n) => n !== 'xl/styles.xml' && n !== 'xl/workbook.xml')).toEqual([]);
    const wb = await loadBook(cleared);
    expect(wb.getWorksheet(MARKS)).toBeUndefined();
    expect(wb.getWorksheet('矛盾纠纷')!.getCell('B3').fill).toMatchObject({ fgColor: { argb: 'FFCCE5FF' } });
  });

  test('清除结果 (the removal plan) removes the marks with the result sheets', async () => {
    const book = await readXlsx(src, 'town.xlsx');
    const result = check(book);
    const withResults = await applyPlan(marked, resultPlan(result, buildReport(result, { book })), 'town.xlsx');
    const removed = await applyPlan(withResults, removalPlan(), 'town.xlsx');
    expect(text(removed, sheetPart)).toBe(text(src, sheetPart));
    expect((await readXlsx(removed, 'town.xlsx')).sheets.map((g) => g.name)).toEqual(book.sheets.map((g) => g.name));
  });
});

describe('a sheet with no comments of its own', () => {
  test('gets a comments part, a VML drawing, relationships and <legacyDrawing>, all gone again when cleared', async () => {
    const src = await xlsx((wb) => {
      const ws = wb.addWorksheet('行政执法');
      ws.getCell('A1').value = '行政执法人员';
      ws.getCell('B1').value = 12;
      ws.getCell('A2').value = '持证人数';
      ws.getCell('B2').value = 14;
      ws.getCell('B2').numFmt = '0"人"';
    });
    const marked = await applyPlan(src, marksPlan([markAt('行政执法', 'B2', 'error', '【错误】持证人数14人，大于行政执法人员（12人）。')]), 'b.xlsx');
    const p = parts(marked);
    const sheet = strFromU8(p['xl/worksheets/sheet1.xml']);
    expect(sheet).toMatch(/<legacyDrawing r:id="rId\d+"\/><\/worksheet>$|<legacyDrawing [^>]*\/>/);
    expect(Object.keys(p).filter((n) => /comments\d+\.xml$|\.vml$/.test(n))).toHaveLength(2);
    const ct = strFromU8(p['[Content_Types].xml']);
    expect(ct).toContain('spreadsheetml.comments+xml');
    expect(ct).toContain('vmlDrawing');
    const ws = (await loadBook(marked)).getWorksheet('行政执法')!;
    expect(ws.getCell('B2').numFmt).toBe('0"人"');
    expect(JSON.stringify(ws.getCell('B2').note)).toContain('大于行政执法人员');

    const cleared = await applyPlan(marked, CLEAR, 'b.xlsx');
    expect(Object.keys(parts(cleared)).sort()).toEqual(Object.keys(parts(src)).sort());
    expect(strFromU8(parts(cleared)['xl/worksheets/sheet1.xml'])).toBe(strFromU8(parts(src)['xl/worksheets/sheet1.xml']));
    expect(strFromU8(parts(cleared)['[Content_Types].xml'])).not.toContain('comments+xml');
  });
});

describe('marks the add-in made in Excel (records without 原样式)', () => {
  test('are cleared by their recorded colour and comment', async () => {
    // what Excel saves after the add-in marked B4 (its own fill was #CCE5FF) and wrote a comment there
    const src = await xlsx((wb) => {
      const ws = wb.addWorksheet('矛盾纠纷');
      ws.getCell('A4').value = '调解成功';
      ws.getCell('B4').value = 45;
      ws.getCell('B4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
      ws.getCell('B4').note = '调解成功数不应大于受理数。';
      const ms = wb.addWorksheet(MARKS, { state: 'veryHidden' });
      ms.addRow(MARKS_HEADER);
      ms.addRow(['矛盾纠纷', 'B4', fillToRecord('#CCE5FF'), '', 'error', '调解成功数不应大于受理数。']);
    });
    const cleared = await applyPlan(src, CLEAR, 'x.xlsx');
    const wb = await loadBook(cleared);
    expect(wb.getWorksheet(MARKS)).toBeUndefined();
    const ws = wb.getWorksheet('矛盾纠纷')!;
    expect(ws.getCell('B4').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFCCE5FF' } });
    expect(ws.getCell('B4').note ?? null).toBeNull();
    expect(ws.getCell('B4').value).toBe(45);
  });
});

describe('report --marks on the samples', () => {
  const files = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.xlsx'));
  test.each(files)('%s: only marked sheets, styles and the workbook lists change; a re-run with fixed figures refreshes the marks', async (file) => {
    const src = new Uint8Array(fs.readFileSync(path.join(SAMPLES, file)));
    const book = await readXlsx(src, file);
    const result = check(book);
    const out = await applyPlan(src, combinePlans(resultPlan(result, buildReport(result, { book })), markPlan(result)), file);
    const markedSheets = new Set(result.findings.filter((f) => f.status === 'open' && /^[A-Z]{1,3}\d+$/.test(f.cell)).map((f) => f.sheet));
    const wbXml = text(src, 'xl/workbook.xml');
    const rels = text(src, 'xl/_rels/workbook.xml.rels');
    const partOf = (sheet: string) => {
      const rid = new RegExp(`name="${sheet}"[^>]*r:id="([^"]+)"`).exec(wbXml)![1];
      return `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1].replace(/^\/?xl\//, '')}`;
    };
    const allowed = new Set(['xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', ...[...markedSheets].map(partOf)]);
    const changed = changedParts(src, out).filter((n) => n in parts(src));
    expect(changed.filter((n) => !allowed.has(n))).toEqual([]);
    const after = await readXlsx(out, file);
    expect(after.sheets.filter((g) => !isToolSheet(g))).toEqual(book.sheets);
    expect(Boolean(check(after).marked)).toBe(markedSheets.size > 0);
    // the copy re-checked and re-written (report on a marked copy) keeps one mark per finding cell
    const again = await applyPlan(out, resultPlan(check(after), null), file);
    expect(text(again, 'xl/styles.xml')).toBe(text(out, 'xl/styles.xml'));
    for (const s of markedSheets) expect(text(again, partOf(s))).toBe(text(out, partOf(s)));
  });
});

test('a sheet whose cells have no r attributes and a row written <row/> are marked at the right place', async () => {
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const files: Record<string, string> = {
    '[Content_Types].xml': `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/a.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="${R}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<x:workbook xmlns:x="${MAIN}" xmlns:rel="${R}"><x:sheets><x:sheet name="数据" sheetId="1" rel:id="Ra"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="Ra" Type="${R}/worksheet" Target="worksheets/a.xml"/></Relationships>`,
    'xl/worksheets/a.xml': `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>受理</x:t></x:is></x:c><x:c><x:v>9</x:v></x:c></x:row><x:row r="2"/><x:row><x:c t="inlineStr"><x:is><x:t>化解</x:t></x:is></x:c><x:c><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
  };
  const src = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
  const marked = await applyPlan(src, marksPlan([markAt('数据', 'B3', 'error', '化解数有误。'), markAt('数据', 'B2', 'hint', '此行为空。')]), 'a.xlsx');
  // (ExcelJS cannot load prefixed packages: the sheet and its cell formats are read here as text)
  const sheet = text(marked, 'xl/worksheets/a.xml');
  const styles = text(marked, 'xl/styles.xml');
  const fillOf = (s: string) => {
    const xf = [...styles.matchAll(/<xf\b[^>]*\/>|<xf\b[^>]*>[\s\S]*?<\/xf>/g)].map((m) => m[0]).slice(1)[Number(s)] ?? '';
    const fills = [...styles.matchAll(/<fill>[\s\S]*?<\/fill>/g)].map((m) => m[0]);
    return /rgb="(\w+)"/.exec(fills[Number(/fillId="(\d+)"/.exec(xf)![1])] ?? '')?.[1];
  };
  const b3 = /<x:row><x:c t="inlineStr"><x:is><x:t>化解<\/x:t><\/x:is><\/x:c><x:c s="(\d+)"><x:v>7<\/x:v><\/x:c><\/x:row>/.exec(sheet);
  const b2 = /<x:row r="2"><x:c r="B2" s="(\d+)"\/><\/x:row>/.exec(sheet);
  expect(b3 && fillOf(b3[1])).toBe('FFFFC7CE');
  expect(b2 && fillOf(b2[1])).toBe('FFDDEBF7');
  expect((await readXlsx(marked, 'a.xlsx')).sheets[0].rows).toEqual((await readXlsx(src, 'a.xlsx')).sheets[0].rows);
  const cleared = await applyPlan(marked, CLEAR, 'a.xlsx');
  expect(text(cleared, 'xl/worksheets/a.xml')).toBe(files['xl/worksheets/a.xml'].replace('<x:row r="2"/>', '<x:row r="2"></x:row>'));
});

test('a marked copy saved again by another program (its cell formats renumbered) is cleared to the recorded colours', async () => {
  const src = await xlsx((wb) => {
    const ws = wb.addWorksheet('矛盾纠纷');
    ws.getCell('A1').value = '标题';
    ws.getCell('A1').font = { bold: true, size: 16 };
    ws.getCell('B4').value = 45;
    ws.getCell('B4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFCCE5FF' } };
    ws.getCell('B5').value = 0.9375;
    ws.getCell('B5').numFmt = '0.0%';
  });
  const marked = await applyPlan(src, marksPlan([markAt('矛盾纠纷', 'B4', 'error', '调解成功数有误。'), markAt('矛盾纠纷', 'B5', 'verify', '请核实调解成功率。')]), 'r.xlsx');
  // ExcelJS writes every cell format anew, in its own order, as Excel or WPS may on saving
  const wb = await loadBook(marked);
  wb.getWorksheet('矛盾纠纷')!.getCell('C9').value = '另存时加的';
  wb.getWorksheet('矛盾纠纷')!.getCell('C9').font = { italic: true };
  const resaved = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const cleared = await loadBook(await applyPlan(resaved, CLEAR, 'r.xlsx'));
  const ws = cleared.getWorksheet('矛盾纠纷')!;
  expect(ws.getCell('B4').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFCCE5FF' } });
  expect(ws.getCell('B5').fill?.type === 'pattern' ? (ws.getCell('B5').fill as { pattern: string }).pattern : 'none').toBe('none');
  expect(ws.getCell('B5').numFmt).toBe('0.0%');
  expect(ws.getCell('B4').note ?? null).toBeNull();
  expect(cleared.getWorksheet(MARKS)).toBeUndefined();
});
