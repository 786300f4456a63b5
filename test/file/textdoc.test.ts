/**
 * Reading a township's report as text (issue 13): .docx paragraphs and table cells in reading order with the
 * project's own zip/XML reader, .txt in UTF-8 (with or without BOM) and GBK, text sheets of a workbook — and
 * hostile Word files answered with one sentence naming the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { workbookTextDocument } from '../../src/core/prose/sheet';
import { isFileReadError } from '../../src/file/errors';
import { readTextDocument, textSourceFormat } from '../../src/file/textdoc';
import { readWorkbook } from '../../src/file/workbook';
import { DOCX_LIMITS } from '../../src/file/wordml';
import { deflatedEntry, repeatedDeflate } from '../hostile/fixtures';
import { docx, documentXml, p } from './docx-fixture';

const DIR = path.join(__dirname, '..', 'fixtures', 'reports');
const REPORTS = ['周营镇-2023', '前营乡-2023', '大钟庄镇-2021'];
const texts = (b: Uint8Array, name: string) => readTextDocument(b, name).paragraphs.map((x) => x.text);
const file = (f: string) => new Uint8Array(fs.readFileSync(path.join(DIR, f)));

function refusal(b: Uint8Array, name: string): { code: string; message: string } {
  try {
    readTextDocument(b, name);
  } catch (e) {
    if (isFileReadError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error(`${name} was read`);
}

describe('the three real reports', () => {
  test.each(REPORTS)('%s: the .txt, the LibreOffice .docx and the multi-run .docx give the same paragraphs', (name) => {
    const txt = texts(file(`${name}.txt`), `${name}.txt`);
    expect(txt.length).toBeGreaterThan(15);
    expect(txt.every((t) => t.trim())).toBe(true);
    // LibreOffice wrote its own package from the text: the same paragraphs, numbered alike
    expect(texts(file(`${name}-lo.docx`), `${name}-lo.docx`)).toEqual(txt);
    // runs split inside figures (化解率达9 | 8 | %) read joined; the table after paragraph 2 reads cell by cell
    const multi = texts(file(`${name}.docx`), `${name}.docx`);
    expect(multi.slice(0, 2)).toEqual(txt.slice(0, 2));
    expect(multi.slice(2, 6)).toEqual(['项目', '说明', '报告单位', name.replace(/-\d+$/, '')]);
    expect(multi.slice(6)).toEqual(txt.slice(2));
  });

  test('paragraphs are numbered from 1 over those with text, as a reader counts them', () => {
    const doc = readTextDocument(file('周营镇-2023.txt'), '周营镇-2023.txt');
    expect(doc.paragraphs.map((x) => x.index)).toEqual(doc.paragraphs.map((_, i) => i + 1));
    expect(doc.paragraphs[1].text).toBe('中共沈丘县委、沈丘县人民政府：');
    expect(doc.paragraphs.every((x) => x.sheet === undefined && x.cell === undefined)).toBe(true);
  });

  test('a GBK .txt (as Notepad on a Chinese Windows saves it) and a UTF-8 .txt with BOM read as the UTF-8 one', () => {
    const utf8 = fs.readFileSync(path.join(DIR, '前营乡-2023.txt'), 'utf8');
    const want = texts(new TextEncoder().encode(utf8), 'a.txt');
    const gbk = file('前营乡-2023-gbk.txt'); // iconv -f UTF-8 -t GBK, CR LF line ends
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(texts(gbk, '前营乡.txt')).toEqual(want);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(utf8)]);
    expect(texts(bom, '前营乡.txt')).toEqual(want);
  });
});

describe('what a .docx reader must get right', () => {
  test('a figure split over runs reads whole; tabs and line breaks are kept as such', () => {
    const body = `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>化解率达9</w:t></w:r><w:r><w:t>8</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>%</w:t><w:tab/><w:t>，</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>`;
    expect(texts(docx(body), 'a.docx')).toEqual(['化解率达98%\t，\n下一行']);
  });

  test('deleted revisions are dropped and inserted ones kept: the text reads as accepted', () => {
    const body =
      `<w:p><w:r><w:t xml:space="preserve">受理信访案件</w:t></w:r>` +
      `<w:del w:id="1" w:author="张三"><w:r><w:delText>54</w:delText></w:r></w:del>` +
      `<w:ins w:id="2" w:author="张三"><w:r><w:t>45</w:t></w:r></w:ins>` +
      `<w:r><w:t>件</w:t></w:r><w:moveFrom w:id="3"><w:r><w:t>（移走）</w:t></w:r></w:moveFrom></w:p>`;
    expect(texts(docx(body), 'a.docx')).toEqual(['受理信访案件45件']);
  });

  test("hyperlinks' and fields' shown text is kept, a field's instruction is not", () => {
    const body =
      `<w:p><w:hyperlink r:id="rId9"><w:r><w:t>县司法局网站</w:t></w:r></w:hyperlink>` +
      `<w:r><w:t>公布</w:t></w:r>` +
      `<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>12</w:t></w:r></w:fldSimple>` +
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD 件数 </w:instrText></w:r>` +
      `<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>36</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
      `<w:r><w:t>件</w:t></w:r></w:p>`;
    expect(texts(docx(body), 'a.docx')).toEqual(['县司法局网站公布1236件']);
  });

  test('tables read row by row, cell by cell, nested tables in place; empty paragraphs are not counted', () => {
    const cell = (x: string) => `<w:tc><w:tcPr/>${x}</w:tc>`;
    const inner = `<w:tbl><w:tr>${cell(p('内1'))}${cell(p('内2'))}</w:tr></w:tbl>`;
    const body =
      p('前言') +
      '<w:p/><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr></w:p>' +
      `<w:tbl><w:tblPr/><w:tr>${cell(p('指标'))}${cell(p('数值'))}</w:tr><w:tr>${cell(p('化解率') + inner)}${cell(p('98%'))}</w:tr></w:tbl>` +
      p('结语');
    const doc = readTextDocument(docx(body), 'a.docx');
    expect(doc.paragraphs.map((x) => `${x.index}:${x.text}`)).toEqual(['1:前言', '2:指标', '3:数值', '4:化解率', '5:内1', '6:内2', '7:98%', '8:结语']);
  });

  test('text boxes and drawings (and mc:Fallback copies) are not read into the running text', () => {
    const box = `<w:txbxContent>${p('文本框里的45件')}</w:txbxContent>`;
    const body = `<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${box}</w:drawing></mc:Choice><mc:Fallback><w:pict>${box}</w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>继续</w:t></w:r></w:p>`;
    expect(texts(docx(body), 'a.docx')).toEqual(['正文继续']);
  });

  test('entities and a character outside the BMP read as characters', () => {
    expect(texts(docx(p('A&amp;B &lt;5&gt; 𠀀号')), 'a.docx')).toEqual(['A&B <5> 𠀀号']);
  });

  test('the format is told by the bytes: a .docx named .txt is read as Word, a text report named .docx as text', () => {
    const body = docx(p('化解率达98%'));
    expect(textSourceFormat(body, '报告.txt')).toBe('docx');
    expect(texts(body, '报告.txt')).toEqual(['化解率达98%']);
    expect(texts(new TextEncoder().encode('化解率达98%\n'), '报告.docx')).toEqual(['化解率达98%']);
    // a table of figures is not taken for a report
    expect(textSourceFormat(new TextEncoder().encode('指标,数值\n受理,45\n化解,42\n'), '表.txt')).toBeNull();
    expect(textSourceFormat(new TextEncoder().encode('全年受理信访案件45件，化解42件。\n'), '报告.csv')).toBeNull();
    // text under a workbook's name is a damaged workbook (or an exported table), not a report
    expect(textSourceFormat(new TextEncoder().encode('not a workbook'), '损坏.xlsx')).toBeNull();
    expect(textSourceFormat(new TextEncoder().encode('全年受理信访案件45件。'), '导出.xls')).toBeNull();
  });

  test('a workbook reader given a .docx still says it is a Word document, not a damaged workbook', async () => {
    await expect(readWorkbook(docx(p('x')), '报告.docx')).rejects.toMatchObject({ code: 'docx' });
  });
});

describe('hostile Word files are answered with one sentence naming the file', () => {
  test('a document.xml declaring 1 GB is refused from its headers, before inflating', () => {
    const chunk = new TextEncoder().encode(p('化解率达98%。').repeat(20000).slice(0, 1 << 20));
    const stream = repeatedDeflate(chunk, 1024);
    const bomb = { name: 'word/document.xml', data: stream, deflated: true, declaredSize: chunk.length * 1024 };
    const r = refusal(docx('', [], { document: bomb }), '炸弹.docx');
    expect(r.code).toBe('too-large');
    expect(r.message).toContain('“炸弹.docx”');
  });

  test('a document.xml that declares 100 KB and inflates to 1 GB is stopped while inflating', () => {
    const chunk = new TextEncoder().encode('<w:p><w:r><w:t>x</w:t></w:r></w:p>'.repeat(40000).slice(0, 1 << 20));
    const stream = repeatedDeflate(chunk, 1024);
    const r = refusal(docx('', [], { document: { name: 'word/document.xml', data: stream, deflated: true, declaredSize: 100_000 } }), '说谎.docx');
    expect(r.code).toBe('too-large');
    expect(r.message).toContain('“说谎.docx”');
  });

  test(`a real document.xml over ${DOCX_LIMITS.documentBytes / 1024 / 1024} MB (a report pasted in a thousand times) is refused by its size`, () => {
    const para = p('全年受理信访案件45件，化解42件，化解率达98%。'.repeat(100));
    const big = documentXml(para.repeat(Math.ceil(DOCX_LIMITS.documentBytes / Buffer.byteLength(para)) + 1));
    expect(Buffer.byteLength(big)).toBeGreaterThan(DOCX_LIMITS.documentBytes);
    const r = refusal(docx('', [], { document: deflatedEntry('word/document.xml', big) }), '巨大.docx');
    expect(r.code).toBe('too-large');
    expect(r.message).toMatch(/“巨大\.docx”.*上限 32 MB/);
  });

  test('a .docx cut short, one with broken XML, one without word/document.xml, and an old .doc each say what to do', () => {
    const whole = docx(p('化解率达98%'));
    const cut = refusal(whole.subarray(0, whole.length - 30), '半截.docx');
    expect(cut.message).toMatch(/“半截\.docx”是 Word 文档，但已损坏.*不完整/);
    const xml = documentXml(p('全年受理信访案件45件，化解42件'));
    const broken = refusal(docx('', [], { document: deflatedEntry('word/document.xml', xml.slice(0, xml.indexOf('化解42件'))) }), '坏.docx');
    expect(broken.message).toMatch(/“坏\.docx”是 Word 文档，但已损坏.*word\/document\.xml/);
    const empty = refusal(docx('', [], { document: deflatedEntry('word/other.xml', '<x/>') }), '空.docx');
    expect(empty.message).toContain('“空.docx”不是 Word 文档（.docx），也不是文本文件');
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(Array.from('WordDocument').flatMap((c) => [c.charCodeAt(0), 0]), 1024);
    expect(refusal(ole, '旧.doc').message).toMatch(/“旧\.doc”是旧版 Word 文档（\.doc）.*另存为” \.docx/);
  });

  test('a binary file is not taken for a text report', () => {
    const bin = new Uint8Array(1000).map((_, i) => i % 7);
    expect(refusal(bin, '图片.txt').message).toContain('“图片.txt”不是文本文件');
  });
});

describe('a report kept in a workbook sheet', () => {
  const grid = (name: string, rows: (string | number | null)[][], origin = { row: 0, col: 0 }) => ({ name, rows, origin });

  test('column A of 报告正文 (or 报告, or the tool\'s 报告文稿) becomes paragraphs with their sheet and cell', () => {
    const book = {
      name: '纸坊镇.xlsx',
      sheets: [grid('指标', [['受理', 45]]), grid('报告文稿', [['别的']]), grid(' 报告正文 ', [['关于2023年度法治政府建设情况的报告'], [null], ['全年受理信访案件45件，化解42件，化解率达98%。', '备注']], { row: 2, col: 0 })],
    };
    const doc = workbookTextDocument(book)!;
    expect(doc.name).toBe('纸坊镇.xlsx');
    expect(doc.paragraphs).toEqual([
      { index: 1, text: '关于2023年度法治政府建设情况的报告', sheet: ' 报告正文 ', cell: 'A3' },
      { index: 2, text: '全年受理信访案件45件，化解42件，化解率达98%。', sheet: ' 报告正文 ', cell: 'A5' },
    ]);
    expect(workbookTextDocument({ name: 'x', sheets: [grid('报告文稿', [['一段']])] })!.paragraphs[0]).toMatchObject({ sheet: '报告文稿', cell: 'A1' });
    expect(workbookTextDocument({ name: 'x', sheets: [grid('报告说明', [['一段']])] })).toBeNull();
  });

  test('a text sheet whose column A is empty (text starts in B) gives no paragraphs rather than the wrong column', () => {
    const doc = workbookTextDocument({ name: 'x', sheets: [grid('报告', [['正文在B列']], { row: 0, col: 1 })] })!;
    expect(doc.paragraphs).toEqual([]);
  });
});
