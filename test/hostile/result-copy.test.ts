/**
 * Result copies of workbooks with what ExcelJS could not carry over (issue 17, item 14): an external-link formula
 * (`=[1]上年!D4`, with its externalLink part), legacy sheet protection (`password="CF75"`, as LibreOffice writes
 * it) and a sheet name Excel forbids (`下步安排/2024*`). `report` writes the copy with all of them, byte for byte,
 * and never says the township's file is damaged.
 */
import * as fs from 'fs';
import * as path from 'path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readXlsx } from '../../src/file';
import { FileHost } from '../../src/web/FileHost';
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { resultPlan } from '../../src/core/plan';
import { ZHOU, run, tempDirPerTest } from '../cli/support';

const CHANGED = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml']);
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const ODD_NAME = '下步安排/2024*';

/** The sample with an external link, a legacy-protected sheet and a forbidden sheet name, written as Excel would. */
function oddWorkbook(): Uint8Array {
  const p = unzipSync(new Uint8Array(fs.readFileSync(ZHOU)));
  const edit = (name: string, f: (s: string) => string) => {
    const before = strFromU8(p[name]);
    const after = f(before);
    expect(after).not.toBe(before);
    p[name] = strToU8(after);
  };
  // 下步安排 (sheet8): protected with a legacy password hash, holding a formula over another workbook
  edit('xl/worksheets/sheet8.xml', (s) =>
    s
      .replace('</sheetData>', '<row r="60"><c r="A60"><f>[1]上年!D4</f><v>42</v></c></row></sheetData><sheetProtection password="CF75" sheet="1" objects="1" scenarios="1"/>')
      .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:C60"/>'),
  );
  edit('xl/workbook.xml', (s) =>
    s.replace('name="下步安排"', `name="${ODD_NAME}"`).replace('</sheets>', '</sheets><externalReferences><externalReference r:id="rId90"/></externalReferences>'),
  );
  edit('xl/_rels/workbook.xml.rels', (s) =>
    s.replace('</Relationships>', `<Relationship Id="rId90" Type="${REL}/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>`),
  );
  edit('[Content_Types].xml', (s) =>
    s.replace('</Types>', '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>'),
  );
  p['xl/externalLinks/externalLink1.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><externalBook r:id="rId1"><sheetNames><sheetName val="上年"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="4"><cell r="D4"><v>42</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
  );
  p['xl/externalLinks/_rels/externalLink1.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/externalLinkPath" Target="file:///D:/%E5%8F%B8%E6%B3%95%E6%89%80/2022%E5%B9%B4.xlsx" TargetMode="External"/></Relationships>`,
  );
  return zipSync(p);
}

const tmp = tempDirPerTest('id-odd-');

test('report keeps the external link, the legacy protection and the forbidden sheet name, and calls nothing damaged', async () => {
  const src = oddWorkbook();
  fs.writeFileSync(path.join(tmp(), 'odd.xlsx'), src);
  const r = await run(['report', 'odd.xlsx', '--out', 'odd-审核.xlsx', '--docx', 'odd.docx'], tmp());
  expect(r.err).not.toContain('已损坏');
  expect(r.err.replace(/odd\.xlsx/g, '')).not.toMatch(/[A-Za-z]{4,}/); // no English warning from a library
  expect(r.code).not.toBe(2);
  expect(r.out).toContain('已写出审核结果工作簿');

  const before = unzipSync(src);
  const after = unzipSync(new Uint8Array(fs.readFileSync(path.join(tmp(), 'odd-审核.xlsx'))));
  for (const [n, data] of Object.entries(before)) {
    expect(after[n]).toBeDefined();
    if (!CHANGED.has(n)) expect(Buffer.from(after[n]).equals(Buffer.from(data))).toBe(true);
  }
  // the external link: the formula, its part, its relationship and the workbook's reference to it
  expect(strFromU8(after['xl/worksheets/sheet8.xml'])).toContain('<f>[1]上年!D4</f><v>42</v>');
  expect(strFromU8(after['xl/workbook.xml'])).toContain('<externalReferences><externalReference r:id="rId90"/></externalReferences>');
  expect(strFromU8(after['xl/_rels/workbook.xml.rels'])).toContain(`<Relationship Id="rId90" Type="${REL}/externalLink" Target="externalLinks/externalLink1.xml"/>`);
  expect(strFromU8(after['[Content_Types].xml'])).toContain('/xl/externalLinks/externalLink1.xml');
  // the legacy protection
  expect(strFromU8(after['xl/worksheets/sheet8.xml'])).toContain('<sheetProtection password="CF75" sheet="1" objects="1" scenarios="1"/>');
  // the sheet name, as the township had it
  const book = await readXlsx(new Uint8Array(fs.readFileSync(path.join(tmp(), 'odd-审核.xlsx'))), 'odd-审核.xlsx');
  expect(book.sheets.map((s) => s.name)).toContain(ODD_NAME);
  expect(book.sheets.map((s) => s.name).slice(-3)).toEqual(['审核结果', '计算结果', '报告文稿']);
});

test('report --marks on it (cells must be rewritten) writes the copy or says in Chinese why not — never “damaged”', async () => {
  fs.writeFileSync(path.join(tmp(), 'odd.xlsx'), oddWorkbook());
  const r = await run(['report', 'odd.xlsx', '--out', 'odd-审核.xlsx', '--docx', 'odd.docx', '--marks'], tmp());
  expect(r.err).not.toContain('已损坏');
  expect(r.err.replace(/odd\.xlsx/g, '')).not.toMatch(/[A-Za-z]{4,}/);
  if (r.code === 2) expect(r.err).toMatch(/odd\.xlsx.*不标记单元格即可写出审核结果/);
  else expect(fs.existsSync(path.join(tmp(), 'odd-审核.xlsx'))).toBe(true);
});

test('the page writes its download the same way: the external link and the protection are in the result workbook', async () => {
  const src = oddWorkbook();
  const host = new FileHost('odd.xlsx', src, { load: () => import('../../src/file') });
  const book = await host.read();
  const result = check(book);
  const outcome = await host.apply(resultPlan(result, buildReport(result, { book })));
  expect(outcome).toMatchObject({ ok: true });
  const before = unzipSync(src);
  const after = unzipSync(host.bytes);
  for (const [n, data] of Object.entries(before)) if (!CHANGED.has(n)) expect(Buffer.from(after[n]).equals(Buffer.from(data))).toBe(true);
  expect(strFromU8(after['xl/workbook.xml'])).toContain('<externalReference r:id="rId90"/>');
});

test('a macro-enabled workbook (.xlsm) gets a copy Excel opens as .xlsx: plain workbook type, its VBA project left out', async () => {
  const p = unzipSync(new Uint8Array(fs.readFileSync(ZHOU)));
  const ct = strFromU8(p['[Content_Types].xml']);
  p['[Content_Types].xml'] = strToU8(
    ct
      .replace('spreadsheetml.sheet.main+xml', 'SHEET_MAIN')
      .replace('SHEET_MAIN', 'XLSM_MAIN')
      .replace('application/vnd.openxmlformats-officedocument.XLSM_MAIN', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
      .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override PartName="/xl/vbaProjectSignature.bin" ContentType="application/vnd.ms-office.vbaProjectSignature"/></Types>'),
  );
  expect(strFromU8(p['[Content_Types].xml'])).toContain('macroEnabled');
  p['xl/_rels/workbook.xml.rels'] = strToU8(
    strFromU8(p['xl/_rels/workbook.xml.rels']).replace('</Relationships>', '<Relationship Id="rId77" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'),
  );
  p['xl/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]);
  p['xl/_rels/vbaProject.bin.rels'] = strToU8(
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature" Target="vbaProjectSignature.bin"/></Relationships>',
  );
  p['xl/vbaProjectSignature.bin'] = new Uint8Array([9, 9, 9]);
  const src = zipSync(p);
  fs.writeFileSync(path.join(tmp(), '周营镇.xlsm'), src);
  const r = await run(['report', '周营镇.xlsm'], tmp());
  expect(r.err).toBe('');
  const out = unzipSync(new Uint8Array(fs.readFileSync(path.join(tmp(), '周营镇-审核.xlsx'))));
  const types = strFromU8(out['[Content_Types].xml']);
  expect(types).toContain('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>');
  expect(types).not.toContain('macroEnabled');
  expect(types).not.toContain('vbaProjectSignature');
  for (const n of ['xl/vbaProject.bin', 'xl/_rels/vbaProject.bin.rels', 'xl/vbaProjectSignature.bin']) expect(out[n]).toBeUndefined();
  expect(strFromU8(out['xl/_rels/workbook.xml.rels'])).not.toContain('vbaProject');
  for (const [n, data] of Object.entries(p)) {
    if (CHANGED.has(n) || /vbaProject/.test(n)) continue;
    expect(Buffer.from(out[n]).equals(Buffer.from(data))).toBe(true);
  }
  expect((await readXlsx(zipSync(out), 'x.xlsx')).sheets.map((g) => g.name).slice(-3)).toEqual(['审核结果', '计算结果', '报告文稿']);
});
