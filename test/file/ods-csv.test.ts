/**
 * .ods and .csv made by hand (what LibreOffice writes, and what a township's system exports), detection by the
 * bytes, and hostile files of both: a zip bomb and a million repeated rows inside an .ods, a CSV of one 100 MB
 * line, a quote never closed — each read within the limits or refused with a message naming the file.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { zipSync, strToU8 } from 'fflate';
import { check } from '../../src/core/check';
import { isDateFormat, isPercentFormat, formatDecimals } from '../../src/core/value';
import { FileReadError, readWorkbook, READ_LIMITS, sourceFormat } from '../../src/file';
import { detectSeparator } from '../../src/file/csv';
import { deflatedEntry, repeatedDeflate, zip } from '../hostile/fixtures';

async function readFails(bytes: Uint8Array, name: string): Promise<FileReadError> {
  try {
    await readWorkbook(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(FileReadError);
    const err = e as FileReadError;
    expect(err.message).toContain(`“${name}”`);
    expect(err.message).not.toMatch(/undefined|NaN|null|\[object/);
    return err;
  }
  throw new Error(`${name} was read without error`);
}

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" ' +
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"';

/** An .ods package as LibreOffice lays it out: `mimetype` first and stored, then content.xml. */
function ods(body: string, styles = '', extra: Record<string, Uint8Array> = {}): Uint8Array {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:automatic-styles>${styles}</office:automatic-styles><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`;
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'content.xml': strToU8(content),
    ...extra,
  });
}

const STYLES =
  '<number:percentage-style style:name="N11"><number:number number:decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>' +
  '<number:date-style style:name="N37"><number:year number:style="long"/><number:text>年</number:text><number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>' +
  '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N11"/>' +
  '<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N37"/>' +
  '<style:style style:name="ce3" style:family="table-cell" style:parent-style-name="ce1"/>' +
  '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>';

const cell = (inner: string, attrs = '') => `<table:table-cell ${attrs}>${inner}</table:table-cell>`;
const str = (t: string, attrs = '') => cell(`<text:p>${t}</text:p>`, `office:value-type="string" calcext:value-type="string" ${attrs}`);
const num = (v: number, attrs = '') => cell(`<text:p>${v}</text:p>`, `office:value-type="float" office:value="${v}" ${attrs}`);

describe('.ods made by hand', () => {
  const body =
    '<table:table table:name="矛盾纠纷化解">' +
    '<table:table-column table:number-columns-repeated="2"/><table:table-column table:default-cell-style-name="ce3"/>' +
    `<table:table-row>${str('周营镇矛盾纠纷化解', 'table:number-columns-spanned="3" table:number-rows-spanned="1"')}<table:covered-table-cell table:number-columns-repeated="2"><text:p>被覆盖</text:p></table:covered-table-cell><table:table-cell table:number-columns-repeated="16381"/></table:table-row>` +
    '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>' +
    `<table:table-row>${str('受理矛盾纠纷')}${str('件')}${num(37)}</table:table-row>` +
    `<table:table-row>${str('调解成功数')}${str('件')}${num(35)}</table:table-row>` +
    // a percentage whose format comes from the column's default cell style, through a parent style
    `<table:table-row>${str('调解成功率')}${str('%')}${cell('<text:p>90.0%</text:p>', 'office:value-type="percentage" office:value="0.9"')}</table:table-row>` +
    `<table:table-row>${cell('<text:p>落款<text:s text:c="2"/>日期</text:p><office:annotation><text:p>批注不是内容</text:p></office:annotation>', 'office:value-type="string"')}${cell('<text:p>2024年1月8日</text:p>', 'table:style-name="ce2" office:value-type="date" office:date-value="2024-01-08"')}${cell('<text:p>#DIV/0!</text:p>', 'table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"')}</table:table-row>` +
    `<table:table-row>${cell('<text:p>已填</text:p>', 'table:formula="of:=IF(1;&quot;已填&quot;)" office:value-type="string" office:string-value="已填"')}${cell('<text:p>TRUE</text:p>', 'office:value-type="boolean" office:boolean-value="true"')}${cell('<text:p>第一段</text:p><text:p>第二<text:span>段</text:span>后</text:p>', 'office:value-type="string"')}</table:table-row>` +
    '<table:table-row table:number-rows-repeated="1048560"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>' +
    '</table:table>' +
    `<table:table table:name="草稿" table:style-name="ta2"><table:table-row>${num(1)}</table:table-row></table:table>`;

  test('values, text runs and spaces, percent and date formats from styles, merges, covered cells, errors, hidden sheets', async () => {
    const book = await readWorkbook(ods(body, STYLES), '周营镇.ods');
    expect(book.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['矛盾纠纷化解', 'visible'],
      ['草稿', 'hidden'],
    ]);
    const g = book.sheets[0];
    expect(g.merges).toEqual([{ r1: 0, c1: 0, r2: 0, c2: 2 }]);
    expect(g.rows[0]).toEqual(['周营镇矛盾纠纷化解']); // the covered cells' own text is not read
    expect(g.rows[3]).toEqual(['受理矛盾纠纷', '件', 37]);
    expect(g.rows[5][2]).toBe(0.9);
    expect(g.formats?.[5][2]).toBe('0.0%');
    expect(g.rows[6][0]).toBe('落款  日期');
    expect(g.rows[6][1]).toBe(45299);
    expect(isDateFormat(g.formats?.[6][1])).toBe(true);
    expect(g.rows[6][2]).toEqual({ error: '#DIV/0!' });
    expect(g.rows[7]).toEqual(['已填', true, '第一段\n第二段后']);
    // 35 of 37 is 94.6 %, not 90.0 %: found at C6, as in the .xlsx
    expect(check(book).findings.find((f) => f.rule === 'rate-mismatch')).toMatchObject({ sheet: '矛盾纠纷化解', cell: 'C6' });
  });

  test('a filled row repeated a million times is read up to the row limit and reported as truncated, not expanded', async () => {
    const rows = `<table:table-row table:number-rows-repeated="1000000">${str('受理矛盾纠纷')}${num(37)}</table:table-row>`;
    const book = await readWorkbook(ods(`<table:table table:name="重复">${rows}</table:table>`), '重复.ods', { ...READ_LIMITS, maxRows: 1000 });
    const g = book.sheets[0];
    expect(g.rows.length).toBe(1000);
    expect(g.truncated).toEqual({ rowsRead: 1000, rowsTotal: 1_000_000 });
    expect(check(book).findings.some((f) => f.rule === 'sheet-truncated')).toBe(true);
  });

  test('a filled cell repeated across a million columns stops at the cell limit', async () => {
    const row = `<table:table-row>${cell('<text:p>1</text:p>', 'office:value-type="float" office:value="1" table:number-columns-repeated="1000000"')}</table:table-row>`;
    const book = await readWorkbook(ods(`<table:table table:name="宽">${row}</table:table>`), '宽.ods', { ...READ_LIMITS, maxCells: 5000 });
    expect(book.sheets[0].rows[0].length).toBeLessThanOrEqual(5000);
    expect(book.sheets[0].truncated).toBeDefined();
  });

  test('a zip bomb inside an .ods (content.xml lying about its size) is refused as too large', async () => {
    const chunk = new TextEncoder().encode('<table:table-row><table:table-cell/></table:table-row>'.repeat(20000));
    const bomb = zip([
      { name: 'mimetype', data: new TextEncoder().encode('application/vnd.oasis.opendocument.spreadsheet') },
      { name: 'content.xml', data: repeatedDeflate(chunk, 800), deflated: true, declaredSize: 50_000 },
    ]);
    const err = await readFails(bomb, '炸弹.ods');
    expect(err.code).toBe('too-large');
  });

  test('damaged XML in content.xml names the part; a package without content.xml is not an .ods', async () => {
    const whole = `<?xml version="1.0"?><office:document-content ${NS}><office:body><office:spreadsheet><table:table table:name="坏"><table:table-row>${num(1)}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
    const broken = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8(whole.slice(0, whole.indexOf('office:value='))), // cut short inside a cell's tag
    });
    const err = await readFails(broken, '坏.ods');
    expect(err.code).toBe('ods');
    expect(err.message).toContain('content.xml');
    const notOds = zip([deflatedEntry('readme.txt', '你好')]);
    expect((await readFails(notOds, '压缩包.ods')).code).toBe('not-xlsx');
  });

  test('property: any mutation of a small .ods is read or refused with a FileReadError', async () => {
    const base = ods(body, STYLES);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 }), async (edits) => {
        const b = base.slice();
        for (const [i, v] of edits) b[i] = v;
        try {
          check(await readWorkbook(b, '变异.ods'));
        } catch (e) {
          expect(e).toBeInstanceOf(FileReadError);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('.csv and .txt', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  test('UTF-8 with a BOM, CRLF, quoted fields with commas, doubled quotes and a line break; numbers and percents typed', async () => {
    const text = '\ufeff序号,指标名称,数值,备注\r\n1,"受理矛盾纠纷",37,"含""小事"",\r\n大事"\r\n2,调解成功率,94.6%,\r\n3,调解成功数,35件,';
    const book = await readWorkbook(enc(text), '周营镇.csv');
    const g = book.sheets[0];
    expect(g.name).toBe('周营镇');
    expect(g.rows).toEqual([
      ['序号', '指标名称', '数值', '备注'],
      [1, '受理矛盾纠纷', 37, '含"小事",\n大事'],
      [2, '调解成功率', 0.946],
      [3, '调解成功数', '35件'],
    ]);
    expect(isPercentFormat(g.formats?.[2][2])).toBe(true);
    expect(formatDecimals(g.formats?.[2][2])).toBe(1);
  });

  test('tab- and semicolon-separated text, and a comma inside a Chinese text does not decide the separator', () => {
    expect(detectSeparator('序号\t指标名称\t数值\n1\t受理矛盾纠纷，含来信\t37\n')).toBe('\t');
    expect(detectSeparator('序号;指标名称;数值\n1;"a,b";37\n2;调解;35\n')).toBe(';');
    expect(detectSeparator('序号,指标名称,数值\n1,受理矛盾纠纷,37\n')).toBe(',');
  });

  test('a .txt in GBK (tab-separated) is decoded and split; an 18-digit ID stays text', async () => {
    // 序号<TAB>身份证号<TAB>指标 / 1<TAB>410000199001011234<TAB>调解 in GBK
    const gbk = Uint8Array.from([
      0xd0, 0xf2, 0xba, 0xc5, 0x09, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x09, 0xd6, 0xb8, 0xb1, 0xea, 0x0a,
      ...new TextEncoder().encode('1\t410000199001011234\t'), 0xb5, 0xf7, 0xbd, 0xe2, 0x0a,
    ]);
    const book = await readWorkbook(gbk, '导出.txt');
    expect(book.sheets[0].rows).toEqual([
      ['序号', '身份证号', '指标'],
      [1, '410000199001011234', '调解'],
    ]);
  });

  test('a CSV of one 100 MB line is refused as too large; a 1 MB field and a quote never closed are named with their line', async () => {
    const huge = new Uint8Array(100 * 1024 * 1024).fill(0x61);
    const big = await readFails(huge, '一行.csv');
    expect(big.code).toBe('too-large');
    const line = enc(`序号,指标\n1,${'很'.repeat(1024 * 1024)}\n`);
    const long = await readFails(line, '长字段.csv');
    expect(long.code).toBe('csv');
    expect(long.message).toContain('第 2 行');
    const open = enc(`序号,指标\n1,"受理矛盾纠纷\n${'x,'.repeat(40000)}`);
    expect((await readFails(open, '引号.csv')).message).toContain('引号没有配对');
  });

  test('a row wider than a sheet is refused, a long file is cut at the row limit and says so', async () => {
    expect((await readFails(enc(','.repeat(20000)), '宽.csv')).message).toContain('列');
    const book = await readWorkbook(enc('1,2\n'.repeat(5000)), '长.csv', { ...READ_LIMITS, maxRows: 100 });
    expect(book.sheets[0].rows.length).toBe(100);
    expect(book.sheets[0].truncated).toEqual({ rowsRead: 100, rowsTotal: 5000 });
  });

  test('property: any text is read as one sheet or refused with a FileReadError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('a', '指', '"', ',', '\t', ';', '\n', '\r', ' ', '1', '%', '.') , maxLength: 400 }), async (t) => {
        try {
          const book = await readWorkbook(enc(t), '随机.csv');
          expect(book.sheets).toHaveLength(1);
          check(book);
        } catch (e) {
          expect(e).toBeInstanceOf(FileReadError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the format is told by the bytes', () => {
  test('an HTML table saved as .xls is named as a web page; text named .xlsx is not a workbook, text named .xls is a table; binary named .csv is neither', async () => {
    const html = new TextEncoder().encode('<html><body><table><tr><td>受理矛盾纠纷</td><td>37</td></tr></table></body></html>');
    expect((await readFails(html, '导出.xls')).code).toBe('html');
    expect((await readFails(new TextEncoder().encode('序号,指标\n1,行政村数\n'), '文本.xlsx')).code).toBe('not-xlsx');
    expect((await readFails(Uint8Array.from([1, 2, 3, 0, 0, 9, 200]), '二进制.csv')).code).toBe('not-xlsx');
    // a system's export: tab-separated GBK text under an .xls name is read as the table it is
    const tsv = new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: '序号\t指标名称\t数值\n1\t受理矛盾纠纷\t37\n' }));
    expect(sourceFormat(tsv, '导出.xls')).toBe('csv');
    expect((await readWorkbook(tsv, '导出.xls')).sheets[0]).toMatchObject({ name: '导出', rows: [['序号', '指标名称', '数值'], [1, '受理矛盾纠纷', 37]] });
    const et = await readFails(Uint8Array.from([0x45, 0x54, 0, 1, 0, 0, 9, 200]), '旧格式.et');
    expect(et.code).toBe('et');
    expect(et.message).toContain('另存为');
  });

  test('an .ods named .xlsx is read as the .ods; an .xlsx named .csv as the .xlsx', async () => {
    const o = ods(`<table:table table:name="表"><table:table-row>${num(7)}</table:table-row></table:table>`);
    expect(sourceFormat(o, '其实是.xlsx')).toBe('ods');
    expect((await readWorkbook(o, '其实是.xlsx')).sheets[0].rows).toEqual([[7]]);
    const xlsx = new Uint8Array(fs.readFileSync(path.join(__dirname, '../../assets/samples/周营镇-2023-指标.xlsx')));
    expect(sourceFormat(xlsx, '周营镇.csv')).toBe('xlsx');
    expect((await readWorkbook(xlsx, '周营镇.csv')).sheets.map((s) => s.name)).toContain('矛盾纠纷化解');
  });
});
