/**
 * Fixture generators for the hostile-input tests. Everything is built in memory (or in a temp dir by the tests):
 * no binary fixture is committed. The zip writer is hand-written so a test can make a zip lie.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import * as ExcelJS from 'exceljs';

export const SAMPLES = path.resolve(__dirname, '../../assets/samples');
export const ZHOU = path.join(SAMPLES, '周营镇-2023-指标.xlsx');
export const CLEAN = path.join(SAMPLES, '示范镇-2023-无误.xlsx');
export const DAZ = path.join(SAMPLES, '大钟庄镇-2021-比率.xlsx');

export function sample(file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(file));
}

// ───────────────────────────── a hand-written zip ─────────────────────────────

export interface ZipEntry {
  name: string;
  /** Stored bytes, or (with `deflated`) the raw deflate stream to store as is. */
  data: Uint8Array;
  deflated?: boolean;
  /** Uncompressed size to declare; default the real one (`data.length` when stored). */
  declaredSize?: number;
  crc?: number;
}

/** A zip (no data descriptors, no ZIP64) whose headers say exactly what the entries say. */
export function zip(entries: ZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const size = e.declaredSize ?? e.data.length;
    const crc = e.crc ?? (e.deflated ? 0 : zlib.crc32(e.data));
    const method = e.deflated ? 8 : 0;
    const local = new Uint8Array(30 + name.length + e.data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc >>> 0, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(e.data, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc >>> 0, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const cdSize = centrals.reduce((s, c) => s + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, ...centrals, eocd]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A deflated entry with its real size and CRC. */
export function deflatedEntry(name: string, text: string | Uint8Array): ZipEntry {
  const raw = typeof text === 'string' ? utf8(text) : text;
  return { name, data: new Uint8Array(zlib.deflateRawSync(raw)), deflated: true, declaredSize: raw.length, crc: zlib.crc32(raw) };
}

/**
 * A raw deflate stream that inflates to `chunk` repeated `times` times, built without ever holding the inflated
 * bytes: each copy is compressed with an empty window (Z_FULL_FLUSH), so every copy compresses to the same
 * non-final blocks; a final empty block closes the stream. 1 MB of XML repeated 1024 times is ~1 GB inflated.
 */
export function repeatedDeflate(chunk: Uint8Array, times: number): Uint8Array {
  const block = new Uint8Array(zlib.deflateRawSync(chunk, { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 }));
  const end = new Uint8Array(zlib.deflateRawSync(new Uint8Array(0)));
  const out = new Uint8Array(block.length * times + end.length);
  for (let i = 0; i < times; i++) out.set(block, i * block.length);
  out.set(end, block.length * times);
  return out;
}

// ───────────────────────────── a minimal hand-written .xlsx ─────────────────────────────

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CT_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** An inline-string cell (`t="inlineStr"`) or a number cell. */
export function cellXml(ref: string, v: string | number): string {
  return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
}

/** A worksheet's XML from rows of [ref, value] cells; `dimension` as the writer claims it. */
export function sheetXml(rows: { r: number; cells: [string, string | number][] }[], dimension?: string): string {
  const body = rows.map((row) => `<row r="${row.r}">${row.cells.map(([ref, v]) => cellXml(ref, v)).join('')}</row>`).join('');
  return `${CT_HEAD}<worksheet xmlns="${NS}" xmlns:r="${RNS}">${dimension ? `<dimension ref="${dimension}"/>` : ''}<sheetData>${body}</sheetData></worksheet>`;
}

/**
 * The smallest .xlsx Excel and ExcelJS open: content types, root rels, workbook + rels, and one part per sheet.
 * `sheetEntry` may replace a sheet's part (e.g. a deflate stream that lies about its size).
 */
export function minimalXlsx(sheets: { name: string; xml?: string; entry?: ZipEntry }[]): Uint8Array {
  const ct =
    `${CT_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '</Types>';
  const rootRels =
    `${CT_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  const workbook =
    `${CT_HEAD}<workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets>` +
    sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const wbRels =
    `${CT_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('') +
    '</Relationships>';
  return zip([
    deflatedEntry('[Content_Types].xml', ct),
    deflatedEntry('_rels/.rels', rootRels),
    deflatedEntry('xl/workbook.xml', workbook),
    deflatedEntry('xl/_rels/workbook.xml.rels', wbRels),
    ...sheets.map((s, i) => s.entry ?? deflatedEntry(`xl/worksheets/sheet${i + 1}.xml`, s.xml ?? sheetXml([]))),
  ]);
}

// ───────────────────────────── non-workbooks ─────────────────────────────

/** The first bytes of an OLE compound file (.xls, or an encrypted .xlsx when it holds EncryptedPackage). */
export function oleFile(encrypted: boolean): Uint8Array {
  const b = new Uint8Array(4096);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  const name = encrypted ? 'EncryptedPackage' : 'Workbook';
  for (let i = 0; i < name.length; i++) b[1024 + 2 * i] = name.charCodeAt(i);
  return b;
}

// ───────────────────────────── a township workbook full of hostile content ─────────────────────────────

export const QUOTED_SHEET = "It's!";
/** Texts a spreadsheet would take for formulas if they were written as values carelessly. */
export const INJECTIONS = {
  unit: '=HYPERLINK("http://evil.example/x","周营镇人民政府")',
  label: '+开展扫黑除恶专项宣传',
  labelMinus: '-行政村数',
  labelAt: '@SUM(1,2)',
  value: '=2+3',
  valueMinus: '-5件',
  reportedRate: '+94.6%',
  problem: '=cmd|\' /C calc\'!A0 部分干部学法不够深入。',
};
export const LONG_TEXT = '部分党员干部理论学习不够深入'.repeat(2341).slice(0, 32767);

/**
 * 周营镇 with: 矛盾纠纷化解 renamed `It's!`, formula-looking texts in the unit, labels, values, a reported rate and
 * a problem item, a date in a value column (行政执法!D12), a formula whose cached value is #DIV/0! (行政执法!D13),
 * and cells of 32,767 characters (a label, a problem item).
 */
export async function hostileWorkbook(disputesName: string = QUOTED_SHEET): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(ZHOU) as unknown as ArrayBuffer);
  const disputes = wb.getWorksheet('矛盾纠纷化解')!;
  disputes.name = disputesName;
  disputes.getCell('D9').value = INJECTIONS.reportedRate;
  wb.getWorksheet('基本情况')!.getCell('B3').value = INJECTIONS.unit;
  const law = wb.getWorksheet('行政执法')!;
  const d12 = law.getCell('D12');
  d12.value = new Date(Date.UTC(2023, 11, 13));
  // a fresh style object: ExcelJS shares one style object between the cells of a loaded style id
  d12.style = { ...d12.style, numFmt: 'yyyy-mm-dd' };
  law.getCell('D13').value = { formula: 'D12/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
  const extra: [string, string, string | number][] = [
    [INJECTIONS.label, '次', 3],
    [INJECTIONS.labelMinus, '个', INJECTIONS.value],
    [INJECTIONS.labelAt, '件', INJECTIONS.valueMinus],
    [LONG_TEXT, '件', 1],
  ];
  extra.forEach(([label, unit, v], i) => {
    const row = law.getRow(16 + i);
    row.getCell(1).value = 13 + i;
    row.getCell(2).value = label;
    row.getCell(3).value = unit;
    row.getCell(4).value = v;
  });
  const problems = wb.getWorksheet('存在问题')!;
  problems.getRow(6).values = [4, INJECTIONS.problem];
  problems.getRow(7).values = [5, LONG_TEXT];
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * 周营镇 with formulas in date-formatted cells of 行政执法 (a value column whose format was set to a date): D13
 * caches #DIV/0!, D14 a text, D15 TRUE. Each cell gets a fresh style object (ExcelJS shares loaded styles).
 */
export async function dateFormattedFormulas(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(ZHOU) as unknown as ArrayBuffer);
  const law = wb.getWorksheet('行政执法')!;
  const cells: [string, ExcelJS.CellFormulaValue][] = [
    ['D13', { formula: 'D12/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue],
    ['D14', { formula: 'TEXT(45273,"yyyy年m月d日")', result: '2023年12月13日' } as ExcelJS.CellFormulaValue],
    ['D15', { formula: 'TRUE()', result: true } as unknown as ExcelJS.CellFormulaValue],
  ];
  for (const [addr, v] of cells) {
    const c = law.getCell(addr);
    c.value = v;
    c.style = { ...c.style, numFmt: 'yyyy-mm-dd' };
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
