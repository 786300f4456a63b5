/**
 * readXlsx on SpreadsheetML the way Excel, WPS, the .NET Open XML SDK and other writers produce it, and ExcelJS
 * never writes: inline strings, phonetic runs, `_xHHHH_` escapes, CDATA, rows and cells without `r`, namespace
 * prefixes, ISO date cells, built-in zh-CN number formats, 1904 workbooks, odd relationship targets, chartsheets,
 * and broken parts. Each workbook is raw XML in a hand-written zip; the expected Grid follows ECMA-376 Part 1 §18
 * (and XML 1.0), not any implementation's output.
 */
import { readXlsx, FileReadError } from '../../src/file';
import { parseA1 } from '../../src/core/address';
import type { Cell, Grid } from '../../src/core/types';
import { deflatedEntry, repeatedDeflate, xmlEscape, zip, type ZipEntry } from '../hostile/fixtures';
import { readWithExcelJs } from './exceljs-oracle';

// ───────────────────────────── a raw .xlsx builder ─────────────────────────────

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PNS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL = {
  office: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: `${RNS}/worksheet`,
  chartsheet: `${RNS}/chartsheet`,
  sst: `${RNS}/sharedStrings`,
  styles: `${RNS}/styles`,
};
const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  chartsheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml',
  sst: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
};

interface RawSheet {
  /** The name as the workbook part writes it, already escaped (so a test can write `R&amp;D`). */
  rawName?: string;
  name?: string;
  /** The worksheet part's XML (or a chartsheet's). */
  xml?: string;
  /** The part as a zip entry (a bomb, say); `xml` is ignored then. */
  entry?: (part: string) => ZipEntry;
  /** Where the part lives in the zip (default xl/worksheets/sheetN.xml) and the Target the rels write. */
  part?: string;
  target?: string;
  state?: 'hidden' | 'veryHidden';
  chart?: boolean;
  /** Leave the part out of the zip (the workbook still references it). */
  missing?: boolean;
}

interface RawBook {
  sheets: RawSheet[];
  /** `<si>` items of the shared-string table, as XML. */
  sst?: string[];
  /** The styles part's XML (a whole styleSheet). */
  styles?: string;
  /** Elements before `<sheets>` in workbook.xml (`<workbookPr date1904="1"/>`). */
  workbookPr?: string;
  /** Replaces workbook.xml entirely (the sheets' r:ids are rId1…rIdN). */
  workbookXml?: string;
  sstXml?: string;
  sstTarget?: string;
  /** More <Relationship> elements of the workbook, and more zip entries (WPS's cell images, say). */
  extraRels?: string;
  extraEntries?: ZipEntry[];
}

function rawXlsx(book: RawBook): Uint8Array {
  const sheets = book.sheets.map((s, i) => {
    const part = s.part ?? (s.chart ? `xl/chartsheets/sheet${i + 1}.xml` : `xl/worksheets/sheet${i + 1}.xml`);
    const target = s.target ?? part.replace(/^xl\//, '');
    return { ...s, part, target, rawName: s.rawName ?? xmlEscape(s.name ?? `Sheet${i + 1}`) };
  });
  const n = sheets.length;
  const sst =
    book.sstXml ?? (book.sst ? `${HEAD}<sst xmlns="${NS}" count="${book.sst.length}" uniqueCount="${book.sst.length}">${book.sst.join('')}</sst>` : null);
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CT.workbook}"/>`,
    ...sheets.filter((s) => !s.missing).map((s) => `<Override PartName="/${s.part}" ContentType="${s.chart ? CT.chartsheet : CT.worksheet}"/>`),
    ...(sst ? [`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT.sst}"/>`] : []),
    ...(book.styles ? [`<Override PartName="/xl/styles.xml" ContentType="${CT.styles}"/>`] : []),
  ];
  const ct =
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `${overrides.join('')}</Types>`;
  const rootRels = `${HEAD}<Relationships xmlns="${PNS}"><Relationship Id="rId1" Type="${REL.office}" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    book.workbookXml ??
    `${HEAD}<workbook xmlns="${NS}" xmlns:r="${RNS}">${book.workbookPr ?? ''}<sheets>` +
      sheets.map((s, i) => `<sheet name="${s.rawName}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>';
  const rels =
    `${HEAD}<Relationships xmlns="${PNS}">` +
    sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${s.chart ? REL.chartsheet : REL.worksheet}" Target="${xmlEscape(s.target)}"/>`).join('') +
    (sst ? `<Relationship Id="rId${n + 1}" Type="${REL.sst}" Target="${book.sstTarget ?? 'sharedStrings.xml'}"/>` : '') +
    (book.styles ? `<Relationship Id="rId${n + 2}" Type="${REL.styles}" Target="styles.xml"/>` : '') +
    (book.extraRels ?? '') +
    '</Relationships>';
  return zip([
    deflatedEntry('[Content_Types].xml', ct),
    deflatedEntry('_rels/.rels', rootRels),
    deflatedEntry('xl/workbook.xml', workbook),
    deflatedEntry('xl/_rels/workbook.xml.rels', rels),
    ...(sst ? [deflatedEntry('xl/sharedStrings.xml', sst)] : []),
    ...(book.styles ? [deflatedEntry('xl/styles.xml', book.styles)] : []),
    ...sheets.filter((s) => !s.missing).map((s) => (s.entry ? s.entry(s.part) : deflatedEntry(s.part, s.xml ?? ws('')))),
    ...(book.extraEntries ?? []),
  ]);
}

/** A worksheet part: `rows` go inside sheetData, `after` after it (mergeCells …). */
function ws(rows: string, after = ''): string {
  return `${HEAD}<worksheet xmlns="${NS}" xmlns:r="${RNS}"><sheetData>${rows}</sheetData>${after}</worksheet>`;
}

/** A styles part whose cellXfs use these numFmtIds in order (xf 0 is General); custom codes in `numFmts`. */
function styles(
  xfIds: number[],
  custom: Record<number, string> = {},
  cellStyleXfs = '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
): string {
  const fmts = Object.entries(custom);
  return (
    `${HEAD}<styleSheet xmlns="${NS}">` +
    (fmts.length
      ? `<numFmts count="${fmts.length}">${fmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`).join('')}</numFmts>`
      : '') +
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    cellStyleXfs +
    `<cellXfs count="${xfIds.length + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
    xfIds.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('') +
    '</cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

async function read(book: RawBook | Uint8Array, name = '测试.xlsx') {
  return readXlsx(book instanceof Uint8Array ? book : rawXlsx(book), name);
}

async function readOne(book: RawBook): Promise<Grid> {
  const wb = await read(book);
  expect(wb.sheets).toHaveLength(1);
  return wb.sheets[0];
}

/** The value at an A1 address, whatever the grid's origin. */
function at(g: Grid, addr: string): Cell {
  const p = parseA1(addr)!;
  const o = g.origin ?? { row: 0, col: 0 };
  return g.rows[p.row - o.row]?.[p.col - o.col] ?? null;
}

function fmtAt(g: Grid, addr: string): string | null {
  const p = parseA1(addr)!;
  const o = g.origin ?? { row: 0, col: 0 };
  return g.formats?.[p.row - o.row]?.[p.col - o.col] ?? null;
}

/** Every non-empty cell as `A1 → value`, to assert a whole sheet at once. */
function cells(g: Grid): Record<string, Cell> {
  const o = g.origin ?? { row: 0, col: 0 };
  const out: Record<string, Cell> = {};
  g.rows.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v !== null) out[colName(o.col + j) + (o.row + i + 1)] = v;
    }),
  );
  return out;
}

function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A date/time number format (y, m, d, h or s outside quotes and brackets). */
function isDateFormat(f: string | null): boolean {
  if (!f) return false;
  return /[ymdhs]/i.test(
    f
      .replace(/"[^"]*"/g, '')
      .replace(/\[[^\]]*\]/g, '')
      .replace(/\\./g, ''),
  );
}

async function readError(bytes: Uint8Array, name: string): Promise<FileReadError> {
  let err: unknown = null;
  try {
    await readXlsx(bytes, name);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(FileReadError);
  const fe = err as FileReadError;
  expect(fe.message).toContain(`“${name}”`);
  expect(fe.message).not.toMatch(/undefined|NaN|null|\[object/);
  return fe;
}

const falsyFormulas = ws(
  '<row r="1"><c r="A1"><f>B1-C1</f><v>0</v></c><c r="B1" t="b"><f>C1&gt;1</f><v>0</v></c><c r="C1" t="str"><f>"&amp;amp;"</f><v>&amp;amp;</v></c></row>',
);
const isoDates = ws('<row r="1"><c r="A1" t="d" s="1"><v>2024-01-08T00:00:00Z</v></c></row>');

// ───────────────────────────── strings ─────────────────────────────

describe('strings as Excel and WPS store them', () => {
  test('inline strings, plain and in rich runs (§18.3.1.53 is, §18.4.4 r)', async () => {
    const g = await readOne({
      sheets: [
        {
          xml: ws(
            '<row r="1"><c r="A1" t="inlineStr"><is><t>受理矛盾纠纷</t></is></c>' +
              '<c r="B1" t="inlineStr"><is><r><rPr><b/><sz val="11"/></rPr><t>化解</t></r><r><t>矛盾纠纷</t></r></is></c></row>',
          ),
        },
      ],
    });
    expect(cells(g)).toEqual({ A1: '受理矛盾纠纷', B1: '化解矛盾纠纷' });
  });

  test('shared strings: plain, rich runs, and phonetic runs (<rPh>) left out of the text', async () => {
    const g = await readOne({
      sst: [
        '<si><t>行政执法</t></si>',
        '<si><r><rPr><b/></rPr><t>化解</t></r><r><rPr><i/></rPr><t xml:space="preserve"> 矛盾纠纷</t></r></si>',
        '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>',
        '<si><r><t>指</t></r><r><t>标</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>',
      ],
      sheets: [
        { xml: ws('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>') },
      ],
    });
    expect(cells(g)).toEqual({ A1: '行政执法', B1: '化解 矛盾纠纷', C1: '東京', D1: '指标' });
  });

  test('_xHHHH_ escapes (§22.4.2.4 ST_Xstring): carriage return, line feed, tab', async () => {
    const g = await readOne({
      sst: ['<si><t>第一行_x000D__x000A_第二行</t></si>', '<si><t>a_x0009_b</t></si>'],
      sheets: [{ xml: ws('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>x_x000A_y</t></is></c></row>') }],
    });
    expect(cells(g)).toEqual({ A1: '第一行\r\n第二行', B1: 'a\tb', C1: 'x\ny' });
  });

  test('_x005F_ escapes the underscore itself: _x005F_x000D_ is the literal text _x000D_', async () => {
    const g = await readOne({ sst: ['<si><t>_x005F_x000D_</t></si>'], sheets: [{ xml: ws('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }] });
    expect(at(g, 'A1')).toBe('_x000D_');
  });

  test('entity and character references are decoded, in shared and inline strings', async () => {
    const g = await readOne({
      sst: ['<si><t>R&amp;D &lt;甲&gt; &quot;乙&quot; &apos;丙&apos;</t></si>'],
      sheets: [{ xml: ws('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>&#20013;&#x4E2D;&#x1F600;</t></is></c></row>') }],
    });
    expect(cells(g)).toEqual({ A1: 'R&D <甲> "乙" \'丙\'', B1: '中中😀' });
  });

  test('CDATA sections are text as written', async () => {
    const g = await readOne({
      sst: ['<si><t><![CDATA[a<b>&amp;c]]></t></si>'],
      sheets: [{ xml: ws('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t><![CDATA[合计 <20>]]></t></is></c></row>') }],
    });
    expect(cells(g)).toEqual({ A1: 'a<b>&amp;c', B1: '合计 <20>' });
  });

  test('xml:space="preserve" keeps leading and trailing spaces (indentation marks sub-items)', async () => {
    const g = await readOne({
      sst: ['<si><t xml:space="preserve">  其中：调解成功</t></si>', '<si><r><t xml:space="preserve">    </t></r><r><t>（1）</t></r></si>'],
      sheets: [
        {
          xml: ws(
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t xml:space="preserve">　全角缩进 </t></is></c></row>',
          ),
        },
      ],
    });
    expect(cells(g)).toEqual({ A1: '  其中：调解成功', B1: '    （1）', C1: '　全角缩进 ' });
  });

  test('a raw CR LF in text is a line feed (XML 1.0 §2.11 end-of-line handling)', async () => {
    const g = await readOne({ sst: ['<si><t>上年度\r\n本年度</t></si>'], sheets: [{ xml: ws('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }] });
    expect(at(g, 'A1')).toBe('上年度\n本年度');
  });
});

// ───────────────────────────── cells and rows ─────────────────────────────

describe('cells and rows', () => {
  test('rows and cells without r follow the previous one (column + 1, row + 1)', async () => {
    const g = await readOne({
      sheets: [
        {
          xml: ws(
            '<row><c><v>1</v></c><c><v>2</v></c></row>' + // row 1: A1, B1
              '<row><c><v>3</v></c></row>' + // row 2: A2
              '<row r="5"><c r="C5"><v>4</v></c><c><v>5</v></c><c r="F5"><v>6</v></c><c><v>7</v></c></row>' +
              '<row><c><v>8</v></c></row>', // row 6: A6
          ),
        },
      ],
    });
    expect(cells(g)).toEqual({ A1: 1, B1: 2, A2: 3, C5: 4, D5: 5, F5: 6, G5: 7, A6: 8 });
    expect(g.origin).toEqual({ row: 0, col: 0 });
  });

  test('elements with a namespace prefix, as the .NET Open XML SDK writes them', async () => {
    const x = 'xmlns:x="' + NS + '"';
    const g = await readOne({
      workbookXml: `${HEAD}<x:workbook ${x} xmlns:r="${RNS}"><x:workbookPr/><x:sheets><x:sheet name="前缀表" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
      sstXml: `${HEAD}<x:sst ${x} count="1" uniqueCount="1"><x:si><x:t>指标名称</x:t></x:si></x:sst>`,
      styles: `${HEAD}<x:styleSheet ${x}><x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="0.0%"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="170" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>`,
      sheets: [
        {
          xml:
            `${HEAD}<x:worksheet ${x} xmlns:r="${RNS}"><x:sheetData>` +
            '<x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="C2" s="1"><x:v>0.946</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c></x:row>' +
            '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B3:D3"/></x:mergeCells></x:worksheet>',
        },
      ],
    });
    expect(g.name).toBe('前缀表');
    expect(cells(g)).toEqual({ B2: '指标名称', C2: 0.946, D2: '内联' });
    expect(fmtAt(g, 'C2')).toBe('0.0%');
    expect(g.merges).toEqual([{ r1: 2, c1: 1, r2: 2, c2: 3 }]);
  });

  test('t="str", t="b", t="e", t="n" and numbers in exponent form', async () => {
    const g = await readOne({
      sheets: [
        {
          xml: ws(
            '<row r="1"><c r="A1" t="str"><f>B1&amp;"件"</f><v>37件</v></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="b"><v>0</v></c>' +
              '<c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="n"><v>-12.5</v></c><c r="G1"><v>1.5E+3</v></c><c r="H1"><v>2.5e-7</v></c></row>',
          ),
        },
      ],
    });
    expect(cells(g)).toEqual({ A1: '37件', B1: true, C1: false, D1: { error: '#DIV/0!' }, E1: { error: '#N/A' }, F1: -12.5, G1: 1500, H1: 2.5e-7 });
  });

  test('formulas read as their cached result, including 0, FALSE and a text that looks like an entity', async () => {
    const g = await readOne({ sheets: [{ xml: falsyFormulas }] });
    expect(cells(g)).toEqual({ A1: 0, B1: false, C1: '&amp;' });
  });

  test('an empty <v/>, a cell with only a style and a formula without a cached value are empty, and do not widen the grid', async () => {
    const g = await readOne({
      styles: styles([9]),
      sheets: [
        {
          xml: ws(
            '<row r="1"><c r="A1" s="1"/><c r="B1"><v/></c><c r="C1"><v></v></c></row>' +
              '<row r="3"><c r="B3"><f>SUM(C3:D3)</f></c><c r="C3"><v>12</v></c><c r="D3" s="1"/><c r="E3" t="str"><f>"a"</f></c></row>' +
              '<row r="4"><c r="C4" t="inlineStr"><is><t>文字</t></is></c></row>' +
              '<row r="9" customHeight="1" ht="30"><c r="A9" s="1"/><c r="Z9" s="1"><v></v></c></row>',
          ),
        },
      ],
    });
    expect(cells(g)).toEqual({ C3: 12, C4: '文字' });
    expect(g.origin).toEqual({ row: 2, col: 2 });
    expect(g.rows).toHaveLength(2);
    // the two formulas never calculated are said, the first one named (a rule reports them)
    expect(g.uncalculated).toEqual({ count: 2, row: 2, col: 1 });
  });

  test('a formula that calculated "" (t="str", empty <v>) is calculated; openpyxl\'s empty <v> under a number is not', async () => {
    const g = await readOne({
      sheets: [{ xml: ws('<row r="1"><c r="A1" t="str"><f>IF(B1="","",B1)</f><v></v></c><c r="C1"><v>1</v></c></row><row r="2"><c r="D2"><f>C1*2</f><v></v></c></row>') }],
    });
    expect(cells(g)).toEqual({ C1: 1 });
    expect(g.uncalculated).toEqual({ count: 1, row: 1, col: 3 });
  });

  test('t="d" ISO 8601 date cells are serial numbers with the cell\'s date format', async () => {
    const g = await readOne({
      styles: styles([14]),
      sheets: [
        {
          xml: ws(
            '<row r="1"><c r="A1" t="d" s="1"><v>2024-01-08T00:00:00Z</v></c><c r="B1" t="d" s="1"><v>2024-01-08T12:00:00</v></c>' +
              '<c r="C1" t="d" s="1"><v>2023-12-13</v></c><c r="D1" t="d" s="1"><v>1900-03-01T00:00:00Z</v></c></row>',
          ),
        },
      ],
    });
    expect(at(g, 'A1')).toBe(45299);
    expect(at(g, 'B1')).toBeCloseTo(45299.5, 9);
    expect(at(g, 'C1')).toBe(45273);
    expect(at(g, 'D1')).toBe(61);
    expect(isDateFormat(fmtAt(g, 'A1'))).toBe(true);
  });

  test('merges come from <mergeCells>; a merge above the first value still belongs to the grid', async () => {
    const g = await readOne({
      sheets: [
        {
          xml: ws(
            '<row r="2"><c r="B2" t="inlineStr"><is><t>周营镇2023年度指标</t></is></c></row><row r="4"><c r="C4"><v>37</v></c></row>',
            '<mergeCells count="1"><mergeCell ref="B2:E3"/></mergeCells>',
          ),
        },
      ],
    });
    expect(g.origin).toEqual({ row: 1, col: 1 });
    expect(cells(g)).toEqual({ B2: '周营镇2023年度指标', C4: 37 });
    expect(g.merges).toContainEqual({ r1: 1, c1: 1, r2: 2, c2: 4 });
  });
});

// ───────────────────────────── number formats ─────────────────────────────

// cellXfs: 0 General, 1 → id 9, 2 → 10, 3 → 14, 4 → 31, 5 → 58, 6 → 176 (custom), 7 → 3, 8 → 49
const formatBook: RawBook = {
  // A cellStyleXfs block first, with other ids: only cellXfs indexes cells' s.
  styles: styles(
    [9, 10, 14, 31, 58, 176, 3, 49],
    { 176: '0.0"件"' },
    '<cellStyleXfs count="3"><xf numFmtId="0"/><xf numFmtId="58"/><xf numFmtId="10"/></cellStyleXfs>',
  ),
  sheets: [
    {
      xml: ws(
        '<row r="1"><c r="A1" s="1"><v>0.98</v></c><c r="B1" s="2"><v>0.946</v></c><c r="C1" s="3"><v>45299</v></c><c r="D1" s="4"><v>45273</v></c>' +
          '<c r="E1" s="5"><v>45273</v></c><c r="F1" s="6"><v>37</v></c><c r="G1" s="7"><v>30000</v></c><c r="H1" s="8" t="inlineStr"><is><t>0123</t></is></c><c r="I1" s="0"><v>5</v></c></row>',
      ),
    },
  ],
};

describe('number formats (§18.8.30 built-in ids, §18.8.31 numFmts, §18.8.10 cellXfs)', () => {
  test('built-in ids 9, 10, 3, 49; a date format for 14; the zh-CN codes of 31 and 58; a custom 176', async () => {
    const g = await readOne(formatBook);
    expect([fmtAt(g, 'A1'), fmtAt(g, 'B1'), fmtAt(g, 'G1'), fmtAt(g, 'H1')]).toEqual(['0%', '0.00%', '#,##0', '@']);
    expect(isDateFormat(fmtAt(g, 'C1'))).toBe(true);
    expect(fmtAt(g, 'D1')).toBe('yyyy"年"m"月"d"日"');
    expect(fmtAt(g, 'E1')).toBe('m"月"d"日"');
    expect(fmtAt(g, 'F1')).toBe('0.0"件"');
    expect([null, 'General']).toContain(fmtAt(g, 'I1'));
    expect(cells(g)).toEqual({ A1: 0.98, B1: 0.946, C1: 45299, D1: 45273, E1: 45273, F1: 37, G1: 30000, H1: '0123', I1: 5 });
  });

  test('a formula in a date-formatted cell keeps a text, error or boolean result', async () => {
    const g = await readOne({
      styles: styles([14]),
      sheets: [
        {
          xml: ws(
            '<row r="1"><c r="A1" s="1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B1" s="1" t="str"><f>TEXT(45273,"yyyy年m月d日")</f><v>2023年12月13日</v></c>' +
              '<c r="C1" s="1" t="b"><f>TRUE()</f><v>1</v></c><c r="D1" s="1"><f>45273+1</f><v>45274</v></c></row>',
          ),
        },
      ],
    });
    expect(cells(g)).toEqual({ A1: { error: '#DIV/0!' }, B1: '2023年12月13日', C1: true, D1: 45274 });
    expect(isDateFormat(fmtAt(g, 'D1'))).toBe(true);
  });

  test.each(['1', 'true'])('<workbookPr date1904="%s"/>: serials are read as stored', async (v) => {
    const g = await readOne({
      workbookPr: `<workbookPr date1904="${v}"/>`,
      styles: styles([14]),
      sheets: [{ xml: ws('<row r="1"><c r="A1" s="1"><v>43837</v></c><c r="B1"><v>43837</v></c></row>') }],
    });
    expect(cells(g)).toEqual({ A1: 43837, B1: 43837 });
  });

  test('in a 1904 workbook a t="d" date becomes a serial of the 1904 system', async () => {
    const g = await readOne({
      workbookPr: '<workbookPr date1904="1"/>',
      styles: styles([14]),
      sheets: [{ xml: isoDates }],
    });
    expect(at(g, 'A1')).toBe(45299 - 1462);
  });
});

// ───────────────────────────── the workbook's structure ─────────────────────────────

describe('whole parts as Excel and WPS write them', () => {
  test('an Excel worksheet with everything around sheetData: only sheetData cells count, the dimension may lie', async () => {
    const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
    const X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';
    const XM = 'http://schemas.microsoft.com/office/excel/2006/main';
    const xml =
      `${HEAD}<worksheet xmlns="${NS}" xmlns:r="${RNS}" xmlns:mc="${MC}" mc:Ignorable="x14ac xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xr:uid="{00000000-0001-0000-0000-000000000000}">` +
      '<sheetPr codeName="Sheet1"><tabColor rgb="FFFF0000"/><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:B2"/>' +
      '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="C5" sqref="C5"/></sheetView></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="13.5" x14ac:dyDescent="0.15"/><cols><col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2" width="36" customWidth="1"/></cols>' +
      '<sheetData>' +
      '<row r="3" spans="2:4" ht="20.25" customHeight="1" x14ac:dyDescent="0.15"><c r="B3" t="inlineStr"><is><t>指标名称</t></is></c><c r="D3" t="inlineStr"><is><t>数值</t></is></c></row>' +
      '<row r="4" spans="2:4" x14ac:dyDescent="0.15"><c r="B4" t="inlineStr"><is><t>受理矛盾纠纷</t></is></c><c r="C4" s="0"/><c r="D4"><v>37</v></c></row>' +
      '<row r="12" spans="2:4"><c r="D12" s="0"><f>D4*2</f><v>74</v></c></row>' +
      '</sheetData>' +
      '<sheetProtection sheet="1" objects="1" scenarios="1"/><autoFilter ref="B3:D4"/>' +
      '<mergeCells count="1"><mergeCell ref="B1:D2"/></mergeCells>' +
      '<conditionalFormatting sqref="D4:D12"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>' +
      '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="E4"><formula1>"是,否"</formula1></dataValidation></dataValidations>' +
      '<printOptions horizontalCentered="1"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      '<pageSetup paperSize="9" orientation="portrait"/><headerFooter><oddFooter>&amp;C第 &amp;P 页</oddFooter></headerFooter>' +
      '<rowBreaks count="1" manualBreakCount="1"><brk id="20" max="16383" man="1"/></rowBreaks>' +
      `<mc:AlternateContent><mc:Choice Requires="x14"><controls><control shapeId="1025" r:id="rId9" name="Check Box 1"/></controls></mc:Choice></mc:AlternateContent>` +
      `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${X14}"><x14:dataValidations count="1" xmlns:xm="${XM}"><x14:dataValidation type="list"><x14:formula1><xm:f>基本情况!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>F4</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>` +
      '</worksheet>';
    const g = await readOne({ sheets: [{ name: '矛盾纠纷', xml }] });
    expect(cells(g)).toEqual({ B3: '指标名称', D3: '数值', B4: '受理矛盾纠纷', D4: 37, D12: 74 });
    expect(g.merges).toEqual([{ r1: 0, c1: 1, r2: 1, c2: 3 }]);
    expect(g.origin).toEqual({ row: 0, col: 1 }); // the merged title above the first value
  });

  test('an Excel workbook part with file version, absPath, bookViews, defined names and calcPr', async () => {
    const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
    const workbookXml =
      `${HEAD}<workbook xmlns="${NS}" xmlns:r="${RNS}" xmlns:mc="${MC}" mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">` +
      '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr filterPrivacy="1" defaultThemeVersion="164011"/>' +
      '<mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\司法所\\Desktop\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent>' +
      '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="1"/></bookViews>' +
      '<sheets><sheet name="基本情况" sheetId="3" r:id="rId1"/><sheet name="行政执法" sheetId="1" r:id="rId2"/></sheets>' +
      '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">行政执法!$B$3:$D$4</definedName><definedName name="_xlnm.Print_Area" localSheetId="0">基本情况!$A$1:$E$20</definedName></definedNames>' +
      '<calcPr calcId="191029"/></workbook>';
    const wb = await read({
      workbookXml,
      sheets: [{ xml: ws('<row r="1"><c r="A1" t="inlineStr"><is><t>单位</t></is></c></row>') }, { xml: ws('<row r="1"><c r="A1"><v>12</v></c></row>') }],
    });
    expect(wb.sheets.map((g) => [g.name, cells(g)])).toEqual([
      ['基本情况', { A1: '单位' }],
      ['行政执法', { A1: 12 }],
    ]);
  });

  test('a WPS workbook with a cell-image part and a DISPIMG formula: the cached text is the value', async () => {
    const wb = await read({
      extraRels: '<Relationship Id="rId90" Type="http://www.wps.cn/officeDocument/2020/cellImage" Target="cellimages.xml"/>',
      extraEntries: [
        deflatedEntry(
          'xl/cellimages.xml',
          `${HEAD}<etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData" xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><etc:cellImage><xdr:pic/></etc:cellImage></etc:cellImages>`,
        ),
      ],
      sheets: [
        {
          name: '公共法律服务',
          xml: ws('<row r="1"><c r="A1" t="str"><f>_xlfn.DISPIMG("ID_3A5F",1)</f><v>=DISPIMG("ID_3A5F",1)</v></c><c r="B1"><v>20</v></c></row>'),
        },
      ],
    });
    expect(cells(wb.sheets[0])).toEqual({ A1: '=DISPIMG("ID_3A5F",1)', B1: 20 });
  });

  test('a value a writer left in a merge-covered cell reads as empty, as the host shows it', async () => {
    const g = await readOne({
      sheets: [
        {
          xml: ws(
            '<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c><c r="B1"><v>5</v></c><c r="C1" t="inlineStr"><is><t>残留</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>',
            '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>',
          ),
        },
      ],
    });
    expect(cells(g)).toEqual({ A1: '标题', A2: 1 });
  });

  test('<sheetData/> and a worksheet without sheetData are empty sheets, origin A1', async () => {
    const wb = await read({
      sheets: [
        { name: '空一', xml: `${HEAD}<worksheet xmlns="${NS}"><dimension ref="A1"/><sheetData/></worksheet>` },
        { name: '空二', xml: `${HEAD}<worksheet xmlns="${NS}"><dimension ref="A1"/></worksheet>` },
        { name: '空三', xml: ws('<row r="4" ht="30" customHeight="1"/>') },
      ],
    });
    expect(wb.sheets.map((g) => [g.name, g.rows.length, g.origin ?? { row: 0, col: 0 }])).toEqual([
      ['空一', 0, { row: 0, col: 0 }],
      ['空二', 0, { row: 0, col: 0 }],
      ['空三', 0, { row: 0, col: 0 }],
    ]);
  });

  test('an empty shared string (<si/> or <si><t/></si>) is an empty cell', async () => {
    const g = await readOne({
      sst: ['<si/>', '<si><t/></si>', '<si><t>有</t></si>'],
      sheets: [{ xml: ws('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>') }],
    });
    expect(cells(g)).toEqual({ C1: '有' });
    expect(g.origin).toEqual({ row: 0, col: 2 });
  });

  test('a Strict Open XML workbook (ISO/IEC 29500 strict namespaces) is read, or refused — never an empty workbook', async () => {
    const SNS = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
    const SR = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
    const bytes = zip([
      deflatedEntry(
        '[Content_Types].xml',
        `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT.workbook}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT.worksheet}"/></Types>`,
      ),
      deflatedEntry(
        '_rels/.rels',
        `${HEAD}<Relationships xmlns="${PNS}"><Relationship Id="rId1" Type="${SR}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      deflatedEntry(
        'xl/workbook.xml',
        `${HEAD}<workbook xmlns="${SNS}" xmlns:r="${SR}" conformance="strict"><sheets><sheet name="严格" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      deflatedEntry(
        'xl/_rels/workbook.xml.rels',
        `${HEAD}<Relationships xmlns="${PNS}"><Relationship Id="rId1" Type="${SR}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
      deflatedEntry('xl/worksheets/sheet1.xml', `${HEAD}<worksheet xmlns="${SNS}"><sheetData><row r="1"><c r="A1"><v>37</v></c></row></sheetData></worksheet>`),
    ]);
    let wb: Awaited<ReturnType<typeof readXlsx>> | null = null;
    try {
      wb = await readXlsx(bytes, 'strict.xlsx');
    } catch (e) {
      expect(e).toBeInstanceOf(FileReadError);
    }
    if (wb) expect(wb.sheets.map((g) => [g.name, cells(g)])).toEqual([['严格', { A1: 37 }]]);
  });
});

describe('the sheet list and relationships', () => {
  const one = ws('<row r="1"><c r="A1"><v>1</v></c></row>');
  const two = ws('<row r="1"><c r="A1"><v>2</v></c></row>');

  test('relationship targets written absolute (/xl/…) and with ../, to parts with unusual names', async () => {
    const wb = await read({
      sst: ['<si><t>共享</t></si>'],
      sstTarget: '/xl/sharedStrings.xml',
      sheets: [
        { name: '绝对', part: 'xl/data/first.xml', target: '/xl/data/first.xml', xml: ws('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') },
        { name: '上级', part: 'xl/worksheets/second.xml', target: '../xl/worksheets/second.xml', xml: two },
        { name: '相对', part: 'xl/worksheets/sheet9.xml', target: './worksheets/sheet9.xml', xml: one },
      ],
    });
    expect(wb.sheets.map((s) => [s.name, cells(s)])).toEqual([
      ['绝对', { A1: '共享' }],
      ['上级', { A1: 2 }],
      ['相对', { A1: 1 }],
    ]);
  });

  test('part names compare case-insensitively (OPC, ECMA-376 Part 2 §9.1.1.1): a target spelled in another case finds its part', async () => {
    const wb = await read({ sheets: [{ name: '大小写', part: 'xl/worksheets/sheet1.xml', target: 'Worksheets/Sheet1.XML', xml: one }] });
    expect(wb.sheets.map((g) => [g.name, cells(g)])).toEqual([['大小写', { A1: 1 }]]);
  });

  test("sheets are in the workbook's order, not the parts' order", async () => {
    const wb = await read({
      sheets: [
        { name: '乙', part: 'xl/worksheets/sheet2.xml', xml: two },
        { name: '甲', part: 'xl/worksheets/sheet1.xml', xml: one },
      ],
    });
    expect(wb.sheets.map((s) => [s.name, at(s, 'A1')])).toEqual([
      ['乙', 2],
      ['甲', 1],
    ]);
  });

  test('a chartsheet in the sheet list is skipped; the worksheets keep their order', async () => {
    const chart = `${HEAD}<chartsheet xmlns="${NS}" xmlns:r="${RNS}"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`;
    const wb = await read({
      sheets: [
        { name: '数据', xml: one },
        { name: '图表1', chart: true, xml: chart },
        { name: '汇总', xml: two, state: 'hidden' },
      ],
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(['数据', '汇总']);
    expect(wb.sheets[1].visibility).toBe('hidden');
    expect(at(wb.sheets[1], 'A1')).toBe(2);
  });

  test('sheet names with entity and character references; visibility states', async () => {
    const wb = await read({
      sheets: [
        { rawName: 'R&amp;D &quot;甲&quot; &lt;乙&gt; &#x4E2D;&#25991;', xml: one },
        { rawName: 'It&apos;s!', xml: two, state: 'veryHidden' },
      ],
    });
    expect(wb.sheets.map((s) => [s.name, s.visibility ?? 'visible'])).toEqual([
      ['R&D "甲" <乙> 中文', 'visible'],
      ["It's!", 'veryHidden'],
    ]);
  });
});

// ───────────────────────────── broken parts ─────────────────────────────

describe('broken parts are FileReadErrors, never raw exceptions', () => {
  test('a sheet part declared small that inflates past the limits (zip bomb) → too-large', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(1 << 20));
    const bytes = rawXlsx({
      sheets: [
        { name: '表', xml: ws('<row r="1"><c r="A1"><v>1</v></c></row>') },
        { name: '炸弹', entry: (part) => ({ name: part, data: repeatedDeflate(chunk, 200), deflated: true, declaredSize: 4096 }) },
      ],
    });
    const e = await readError(bytes, 'bomb.xlsx');
    expect(e.code).toBe('too-large');
  });

  test('a sheet part the workbook references but the zip lacks → corrupt', async () => {
    const bytes = rawXlsx({
      sheets: [
        { name: '表', xml: ws('') },
        { name: '缺失', missing: true },
      ],
    });
    const e = await readError(bytes, '缺页.xlsx');
    expect(e.code).toBe('corrupt');
    expect(e.message).toContain('sheet2.xml');
  });

  const good = '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>受理</t></is></c></row>';
  const full = ws(good + '<row r="2"><c r="A2"><v>2</v></c></row>');
  test.each([
    ['cut in the middle of a tag', full.slice(0, full.indexOf('<c r="A2"') + 5)],
    ['cut in the middle of an attribute value', full.slice(0, full.indexOf('"A2"') + 2)],
    ['cut after a start tag', full.slice(0, full.indexOf('<row r="2">') + 11)],
  ])('a worksheet %s → corrupt', async (_what, xml) => {
    const e = await readError(rawXlsx({ sheets: [{ name: '表', xml }] }), '断了.xlsx');
    expect(e.code).toBe('corrupt');
  });

  test('a shared-string table cut short → corrupt', async () => {
    const sstXml = `${HEAD}<sst xmlns="${NS}" count="2"><si><t>甲</t></si><si><t>乙`;
    const e = await readError(rawXlsx({ sstXml, sheets: [{ xml: ws('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }] }), 'sst.xlsx');
    expect(e.code).toBe('corrupt');
  });

  test('a workbook part cut short → a FileReadError', async () => {
    const workbookXml = `${HEAD}<workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets><sheet name="表" sheetId="1" r:id="rI`;
    await readError(rawXlsx({ workbookXml, sheets: [{ xml: ws('') }] }), 'wb.xlsx');
  });

  test.each([
    ['a mismatched closing tag', ws('<row r="1"><c r="A1"><v>1</c></v></row>')],
    ['a shared-string index past the table', ws('<row r="1"><c r="A1" t="s"><v>99</v></c></row>')],
    ['a cell reference that is not A1', ws('<row r="1"><c r="1A"><v>1</v></c></row>')],
    ['a row number of zero', ws('<row r="0"><c r="A0"><v>1</v></c></row>')],
    ['a number that is not a number', ws('<row r="1"><c r="A1"><v>abc</v></c></row>')],
    ['an unknown entity', ws('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>')],
    ['garbage bytes', '\u0000\u0001PK\u0003garbage<<<>>>'],
  ])('%s: read, or refused with a FileReadError — never a raw exception', async (_what, xml) => {
    let err: unknown = null;
    try {
      const wb = await readXlsx(rawXlsx({ sst: ['<si><t>甲</t></si>'], sheets: [{ name: '表', xml }] }), '怪.xlsx');
      // what was read is Cells: finite numbers, strings, booleans, {error}
      for (const g of wb.sheets)
        for (const row of g.rows)
          for (const v of row) {
            if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
            else if (v !== null && typeof v === 'object') expect(typeof v.error).toBe('string');
            else expect(['string', 'boolean', 'object']).toContain(typeof v);
          }
    } catch (e) {
      err = e;
    }
    if (err) {
      expect(err).toBeInstanceOf(FileReadError);
      expect((err as FileReadError).message).not.toMatch(/undefined|NaN|null|\[object/);
    }
  });
});

// ───────────────────────────── known differences with the old ExcelJS reader ─────────────────────────────

describe('where the new reader is better than ExcelJS (known differences, left out of the parity tests)', () => {
  test('built-in zh-CN format ids 31 and 58: their codes, where ExcelJS had none', async () => {
    const bytes = rawXlsx(formatBook);
    const now = (await read(bytes)).sheets[0];
    const old = (await readWithExcelJs(bytes, 'x')).sheets[0];
    expect([fmtAt(now, 'D1'), fmtAt(now, 'E1')]).toEqual(['yyyy"年"m"月"d"日"', 'm"月"d"日"']);
    expect([fmtAt(old, 'D1'), fmtAt(old, 'E1')]).toEqual([null, null]);
  });

  test('t="d" ISO dates: a serial, where ExcelJS read the year as a number', async () => {
    const bytes = rawXlsx({ styles: styles([14]), sheets: [{ xml: isoDates }] });
    expect(at((await read(bytes)).sheets[0], 'A1')).toBe(45299);
    expect(at((await readWithExcelJs(bytes, 'x')).sheets[0], 'A1')).not.toBe(45299);
  });

  test('a cached 0 or FALSE, where ExcelJS read blank; a cached `&amp;`, which ExcelJS decoded twice', async () => {
    const bytes = rawXlsx({ sheets: [{ xml: falsyFormulas }] });
    const now = (await read(bytes)).sheets[0];
    const old = (await readWithExcelJs(bytes, 'x')).sheets[0];
    expect([at(now, 'A1'), at(now, 'B1'), at(now, 'C1')]).toEqual([0, false, '&amp;']);
    expect([at(old, 'A1'), at(old, 'B1'), at(old, 'C1')]).toEqual([null, null, '&']);
  });
});

// ───────────────────────────── what a review of the reader found ─────────────────────────────

describe('written by code that skips what it does not need', () => {
  test('a <row> without r whose cells carry references: each cell goes where its reference says', async () => {
    const g = await readOne({
      sheets: [{ xml: ws('<row r="1"><c r="A1"><v>1</v></c></row><row><c r="A5"><v>5</v></c></row><row><c r="B7"><v>7</v></c><c><v>8</v></c></row>') }],
    });
    expect(cells(g)).toEqual({ A1: 1, A5: 5, B7: 7, C7: 8 });
  });

  test('a cell without s has style 0: the same number format as s="0"', async () => {
    const g = await readOne({
      styles: styles([]).replace('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0"/>'),
      sheets: [{ xml: ws('<row r="1"><c r="A1"><v>0.5</v></c><c r="B1" s="0"><v>0.5</v></c></row>') }],
    });
    expect([fmtAt(g, 'A1'), fmtAt(g, 'B1')]).toEqual(['0.00%', '0.00%']);
  });

  test('a workbookPr repeated in an extension (x15) does not switch the 1904 date system off', async () => {
    const workbookXml =
      `${HEAD}<workbook xmlns="${NS}" xmlns:r="${RNS}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">` +
      '<workbookPr date1904="1"/><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets>' +
      '<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>';
    const g = await readOne({ workbookXml, sheets: [{ xml: ws('<row r="1"><c r="A1" t="d"><v>1904-01-02</v></c></row>') }] });
    expect(at(g, 'A1')).toBe(1);
  });

  test('mc:AlternateContent in sheetData: the Choice is read, the Fallback that repeats it is not', async () => {
    const xml = ws(
      '<row r="1"><c r="A1"><v>1</v></c></row>' +
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x14">' +
        '<row r="2"><c r="A2"><v>2</v></c></row></mc:Choice><mc:Fallback><row r="2"><c r="A2"><v>99</v></c></row></mc:Fallback></mc:AlternateContent>',
    );
    expect(cells(await readOne({ sheets: [{ xml }] }))).toEqual({ A1: 1, A2: 2 });
  });

  test('a comment or processing instruction inside a value is not part of it', async () => {
    const g = await readOne({ sheets: [{ xml: ws('<row r="1"><c r="A1"><v>1<!-- 备注 -->2</v></c><c r="B1"><v>3<?pi x?>4</v></c></row>') }] });
    expect(cells(g)).toEqual({ A1: 12, B1: 34 });
  });

  test('ISO dates before 1 March 1900 count Excel’s phantom 29 February; a space before the time is a T, in UTC', async () => {
    const g = await readOne({
      sheets: [{ xml: ws('<row r="1"><c r="A1" t="d"><v>1900-01-01</v></c><c r="B1" t="d"><v>1900-03-01</v></c><c r="C1" t="d"><v>2024-01-08 12:00:00</v></c></row>') }],
    });
    expect([at(g, 'A1'), at(g, 'B1'), at(g, 'C1')]).toEqual([1, 61, 45299.5]);
  });

  test('merged areas by the hundred across rows and columns: every covered cell is empty, every top-left kept', async () => {
    // 30 rows × 12 columns of figures; merges of 2×2 blocks on the left, whole-height merges of columns K and L
    let rows = '';
    for (let r = 1; r <= 30; r++) {
      rows += `<row r="${r}">`;
      for (let c = 0; c < 12; c++) rows += `<c r="${colName(c)}${r}"><v>${r * 100 + c}</v></c>`;
      rows += '</row>';
    }
    const merges: string[] = [];
    for (let r = 1; r < 30; r += 2) for (let c = 0; c < 10; c += 2) merges.push(`${colName(c)}${r}:${colName(c + 1)}${r + 1}`);
    merges.push('K1:K30', 'L2:L30');
    const g = await readOne({ sheets: [{ xml: ws(rows, `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`) }] });
    const expected: Record<string, number> = {};
    for (let r = 1; r < 30; r += 2) for (let c = 0; c < 10; c += 2) expected[`${colName(c)}${r}`] = r * 100 + c;
    expected.K1 = 110;
    expected.L1 = 111; // above its column's merge
    expected.L2 = 211;
    expect(cells(g)).toEqual(expected);
    expect(g.merges).toHaveLength(merges.length);
  });
});

describe('damage the reader reports instead of reading around it', () => {
  test('a shared-string index past the table names the sheet and the cell', async () => {
    const e = await readError(rawXlsx({ sst: ['<si><t>甲</t></si>'], sheets: [{ name: '矛盾纠纷', xml: ws('<row r="4"><c r="D4" t="s"><v>7</v></c></row>') }] }), '串.xlsx');
    expect(e.code).toBe('corrupt');
    expect(e.message).toContain('矛盾纠纷');
    expect(e.message).toContain('D4');
  });

  test('a shared-string table the workbook names but the zip lacks → corrupt, not every text cell dropped', async () => {
    const bytes = rawXlsx({ sst: ['<si><t>甲</t></si>'], sstTarget: 'strings/sharedStrings.xml', sheets: [{ xml: ws('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }] });
    const e = await readError(bytes, '缺串.xlsx');
    expect(e.code).toBe('corrupt');
    expect(e.message).toContain('sharedStrings.xml');
  });

  test('a sheet whose r:id has no relationship → corrupt naming the sheet (never another sheet’s part under its name)', async () => {
    const workbookXml =
      `${HEAD}<workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets><sheet name="甲" sheetId="1" r:id="rId1"/>` +
      '<sheet name="乙" sheetId="2" r:id="rId9"/></sheets></workbook>';
    const e = await readError(rawXlsx({ workbookXml, sheets: [{ xml: ws('') }, { xml: ws('') }] }), '乙.xlsx');
    expect(e.code).toBe('corrupt');
    expect(e.message).toContain('乙');
  });

  test('a cell left open swallows no row: corrupt', async () => {
    const e = await readError(rawXlsx({ sheets: [{ xml: ws('<row r="1"><c r="A1"><v>1</v></row><row r="2"><c r="A2"><v>2</v></c></row>') }] }), '开.xlsx');
    expect(e.code).toBe('corrupt');
  });
});
