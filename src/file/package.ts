/**
 * Writing a result copy of an .xlsx WITHOUT re-serialising the workbook: the tool's sheets are added to the
 * original package (OPC zip) as new worksheet parts, and every part the township made — its sheets, shared
 * strings, charts, pictures, pivot tables, external links, data validation, protection, custom XML, VBA … — is
 * copied byte for byte. Only four parts change, and only by insertion or removal of the tool's own entries:
 *   xl/workbook.xml              a <sheet> per tool sheet (appended, so sheet indexes of existing names stay valid)
 *   xl/_rels/workbook.xml.rels   their relationships
 *   [Content_Types].xml          their content types
 *   xl/styles.xml                the styles they use (fonts, fills, number formats, cell formats appended; existing
 *                                ones never renumbered)
 * Strings are written inline (`t="inlineStr"`), so sharedStrings stays untouched; links are real hyperlinks to a
 * location in the workbook (no relationship needed); only `CellSpec.f` makes a formula.
 *
 * Replacing a tool sheet (the source may be an earlier result copy) removes its part, its relationships part and
 * the parts only it used, with their relationship and content-type entries; defined names local to a sheet after
 * it are renumbered. When a sheet is removed, xl/calcChain.xml (Excel's cache of formula order, rebuilt by Excel
 * when absent) is dropped with it, since it may list the removed sheet's cells.
 *
 * The copy is an .xlsx whatever the source: a macro-enabled workbook or a template is typed as a plain workbook
 * and its VBA project is left out (Excel refuses an .xlsx typed otherwise).
 *
 * Which sheets may be replaced or removed is decided by the core (resolvePlan), from the content of the
 * result-named sheets, read here with the project's own reader. Pure byte and string work: Node and browsers.
 */
import { deflateSync, Inflate, strToU8 } from 'fflate';
import { RESULT_SHEETS } from '../core/catalog';
import { columnLetters, parseA1 } from '../core/address';
import { MARKS_HEADER, MARKS_STYLE_COLUMN, touchesMarks } from '../core/plan/marks';
import { formulaText, isToolSheet, resolvePlan, writableText } from '../core/toolsheets';
import type { CellSpec, CellStyle, Grid, SheetPlan, WritePlan } from '../core/types';
import { applyCellMarks, notesOnNewSheet, readMarkRecords } from './cellmarks';
import { isFileReadError, readError } from './errors';
import { gridOf, READ_LIMITS } from './read';
import { parseCellFormats, parseRels, parseSharedStrings, parseSheet, resolveTarget, Scanner, XmlError } from './sheetml';
import { crc32, dataStart, entriesToInflate, inspectWorkbookZip, readEntry, toBytes, utf8 } from './zip';
import type { ZipEntryInfo } from './zip';
import { argb, decodeAttr, dirOf, elementEnd, escAttr, escText, getAttr, parseRelEls, relsPathOf, rootPrefix, setAttr, splice, tagStart, xstring } from './xmlparts';
import type { RelEl, Span } from './xmlparts';

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const CONTENT_TYPES = '[Content_Types].xml';
const TRANSITIONAL_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const TRANSITIONAL_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLES_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const WORKBOOK_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
/** Workbook content types an .xlsx may not have: macro-enabled workbooks, templates, add-ins. */
const MARKS_SHEET = RESULT_SHEETS.marks;
const NOT_XLSX_CT = /^application\/vnd\.(ms-excel\.(sheet|template|addin)\.macroEnabled|openxmlformats-officedocument\.spreadsheetml\.template)\.main\+xml$/i;

// ───────────────────────────── the package ─────────────────────────────

/**
 * The zip's parts in their order. A part is inflated only when its text is asked for (at most once, never past its
 * declared size, held to its CRC-32); the parts left as they were are copied into the new zip as they are packed,
 * compressed bytes and all — nothing is inflated or deflated again, which keeps a 50,000-row workbook quick.
 */
export class Package {
  private readonly entries = new Map<string, ZipEntryInfo>();
  private readonly suspects: Set<ZipEntryInfo>;
  private readonly order: string[] = [];
  private readonly lower = new Map<string, string>();
  /** Parts whose text was changed or added (compressed on output). */
  private readonly texts = new Map<string, string>();
  private readonly cache = new Map<string, string>();

  /** `entries`: the zip's directory when it is not a workbook's (a .docx: zipDirectory); a workbook's by default. */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly file: string,
    entries: ZipEntryInfo[] = inspectWorkbookZip(bytes, file),
  ) {
    this.suspects = entriesToInflate(entries);
    for (const e of entries) {
      if (this.entries.has(e.name)) continue; // a duplicated name: the first one is what readers take
      this.entries.set(e.name, e);
      this.order.push(e.name);
      this.lower.set(e.name.toLowerCase(), e.name);
    }
  }

  /** The part's name as the zip spells it (part names are case-insensitive in OPC), or null. */
  find(name: string): string | null {
    return this.order.includes(name) ? name : this.lower.get(name.toLowerCase()) ?? null;
  }

  text(name: string): string | null {
    const real = this.find(name);
    if (real === null) return null;
    const t = this.texts.get(real) ?? this.cache.get(real);
    if (t !== undefined) return t;
    const e = this.entries.get(real)!;
    const out = utf8(readEntry(this.bytes, e, this.suspects.has(e), this.file));
    this.cache.set(real, out);
    return out;
  }

  /**
   * The beginning of a part's text, inflated only up to `stop` (an ASCII word, e.g. `sheetData`) or `max` bytes:
   * enough to read a worksheet's views without inflating its rows.
   */
  head(name: string, stop: string, max = 1 << 20): string | null {
    const real = this.find(name);
    if (real === null) return null;
    const known = this.texts.get(real) ?? this.cache.get(real);
    if (known !== undefined) return known;
    const e = this.entries.get(real)!;
    if (e.method !== 8) return this.text(real);
    const start = dataStart(this.bytes, e, this.file);
    const raw = this.bytes.subarray(start, start + e.compressedSize);
    const needle = strToU8(stop);
    const chunks: Uint8Array[] = [];
    let n = 0;
    let found = false;
    const inflater = new Inflate((chunk) => {
      chunks.push(chunk.slice());
      n += chunk.length;
    });
    try {
      for (let p = 0; p < raw.length && !found && n < max && n <= e.size; p += 16 * 1024) {
        inflater.push(raw.subarray(p, p + 16 * 1024), p + 16 * 1024 >= raw.length);
        found = chunks.length > 0 && indexOfBytes(chunks, needle);
      }
    } catch {
      // fflate's own message is not for users: said as a corrupt file naming the entry
      throw readError('corrupt', this.file, `条目 ${real} 的压缩数据无效`);
    }
    const all = new Uint8Array(Math.min(n, max));
    let at = 0;
    for (const c of chunks) {
      if (at >= all.length) break;
      all.set(c.subarray(0, all.length - at), at);
      at += c.length;
    }
    return utf8(all);
  }

  setText(name: string, text: string): void {
    const real = this.find(name) ?? name;
    if (!this.order.includes(real)) {
      this.order.push(real);
      this.lower.set(real.toLowerCase(), real);
    }
    this.texts.set(real, text);
  }

  remove(name: string): boolean {
    const real = this.find(name);
    if (real === null) return false;
    this.entries.delete(real);
    this.texts.delete(real);
    this.cache.delete(real);
    this.lower.delete(real.toLowerCase());
    this.order.splice(this.order.indexOf(real), 1);
    return true;
  }

  names(): string[] {
    return [...this.order];
  }

  /** The new zip: changed and new parts deflated, every other part copied as it was packed. */
  zip(): Uint8Array {
    const w = new ZipWriter();
    for (const n of this.order) {
      const t = this.texts.get(n);
      if (t !== undefined) {
        const data = strToU8(t);
        w.add(n, 8, crc32(data), data.length, deflateSync(data, { level: 6 }));
      } else {
        const e = this.entries.get(n)!;
        const start = dataStart(this.bytes, e, this.file);
        w.add(n, e.method, e.crc32 >>> 0, e.size, this.bytes.subarray(start, start + e.compressedSize));
      }
    }
    return w.finish();
  }
}

/** Whether the byte string `needle` occurs in the chunks (across their boundaries too). */
function indexOfBytes(chunks: Uint8Array[], needle: Uint8Array): boolean {
  let total = 0;
  for (const c of chunks) total += c.length;
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  outer: for (let i = 0; i + needle.length <= all.length; i++) {
    for (let j = 0; j < needle.length; j++) if (all[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** A plain zip (no ZIP64: the read limits keep every workbook far below 4 GB and 65,535 entries), UTF-8 names. */
class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly central: Uint8Array[] = [];
  private offset = 0;
  private count = 0;
  private readonly time: number;
  private readonly date: number;

  constructor() {
    const d = new Date();
    this.time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
    this.date = ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  }

  add(name: string, method: number, crc: number, size: number, packed: Uint8Array): void {
    const nameBytes = strToU8(name);
    const local = new Uint8Array(30 + nameBytes.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(6, 0x0800, true); // names in UTF-8
    l.setUint16(8, method, true);
    l.setUint16(10, this.time, true);
    l.setUint16(12, this.date, true);
    l.setUint32(14, crc >>> 0, true);
    l.setUint32(18, packed.length, true);
    l.setUint32(22, size, true);
    l.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    const cd = new Uint8Array(46 + nameBytes.length);
    const c = new DataView(cd.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, 0x0800, true);
    c.setUint16(10, method, true);
    c.setUint16(12, this.time, true);
    c.setUint16(14, this.date, true);
    c.setUint32(16, crc >>> 0, true);
    c.setUint32(20, packed.length, true);
    c.setUint32(24, size, true);
    c.setUint16(28, nameBytes.length, true);
    c.setUint32(42, this.offset, true);
    cd.set(nameBytes, 46);
    this.chunks.push(local, packed);
    this.central.push(cd);
    this.offset += local.length + packed.length;
    this.count++;
  }

  finish(): Uint8Array {
    const cdSize = this.central.reduce((t, b) => t + b.length, 0);
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, this.count, true);
    v.setUint16(10, this.count, true);
    v.setUint32(12, cdSize, true);
    v.setUint32(16, this.offset, true);
    const out = new Uint8Array(this.offset + cdSize + 22);
    let at = 0;
    for (const b of [...this.chunks, ...this.central, end]) {
      out.set(b, at);
      at += b.length;
    }
    return out;
  }
}


// ───────────────────────────── workbook.xml ─────────────────────────────

interface SheetEl extends Span {
  name: string;
  rid: string | null;
  sheetId: number;
  state: string;
}

interface WorkbookDoc {
  xml: string;
  prefix: string;
  sheets: SheetEl[];
  /** Where `</sheets>` starts (new sheets go there), or the span of an empty `<sheets/>`. */
  sheetsClose: number;
  sheetsEmpty: Span | null;
  sheetsOpen: number;
  definedNames: (Span & { tag: string; local: number | null })[];
  /** The `<definedNames>` element (start of its tag to its end) and where its closing tag starts (-1 when empty). */
  definedNamesEl: (Span & { close: number }) | null;
  /** Where a new `<definedNames>` goes: before the first child that CT_Workbook puts after it, else before `</workbook>`. */
  definedNamesAt: number;
  views: (Span & { tag: string })[];
  /** The `r:` namespace prefix declared on the document element, or null. */
  relPrefix: string | null;
  mainNs: string;
  relNs: string;
}

/** Children of a workbook that come after `<definedNames>` (CT_Workbook's order). */
const AFTER_DEFINED_NAMES = new Set([
  'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst', 'AlternateContent',
]);

function parseWorkbookDoc(xml: string): WorkbookDoc {
  const prefix = rootPrefix(xml, 'workbook');
  const rootTag = new RegExp(`<${prefix}workbook[^>]*>`).exec(xml)?.[0] ?? '';
  const mainNs = getAttr(rootTag, prefix ? `xmlns:${prefix.slice(0, -1)}` : 'xmlns') ?? TRANSITIONAL_MAIN;
  let relPrefix: string | null = null;
  let relNs = mainNs.includes('purl.oclc.org') ? 'http://purl.oclc.org/ooxml/officeDocument/relationships' : TRANSITIONAL_REL;
  for (const m of rootTag.matchAll(/\sxmlns:([\w.-]+)\s*=\s*"([^"]*)"/g)) {
    if (/officeDocument\/(2006\/)?relationships$/.test(m[2])) {
      relPrefix = m[1];
      relNs = m[2];
      break;
    }
  }
  const doc: WorkbookDoc = {
    xml,
    prefix,
    sheets: [],
    sheetsClose: -1,
    sheetsEmpty: null,
    sheetsOpen: -1,
    definedNames: [],
    definedNamesEl: null,
    definedNamesAt: -1,
    views: [],
    relPrefix,
    mainNs,
    relNs,
  };
  const s = new Scanner(xml);
  let depth = 0;
  while (s.next()) {
    if (s.closing) {
      depth--;
      if (s.name === 'sheets' && depth === 1) doc.sheetsClose = tagStart(s);
      if (s.name === 'definedNames' && depth === 1 && doc.definedNamesEl) doc.definedNamesEl = { ...doc.definedNamesEl, close: tagStart(s), end: s.pos };
      if (depth === 0 && doc.definedNamesAt < 0) doc.definedNamesAt = tagStart(s);
      continue;
    }
    if (depth === 1 && doc.definedNamesAt < 0 && AFTER_DEFINED_NAMES.has(s.name)) doc.definedNamesAt = tagStart(s);
    if (depth === 1 && s.name === 'definedNames') doc.definedNamesEl = { start: tagStart(s), end: s.pos, close: -1 };
    if (depth === 1 && (s.name === 'extLst' || s.name === 'AlternateContent')) {
      s.skip();
      continue;
    }
    const start = tagStart(s);
    if (depth === 1 && s.name === 'sheets') {
      doc.sheetsOpen = start;
      if (s.empty) doc.sheetsEmpty = { start, end: s.pos };
    } else if (depth === 2 && s.name === 'sheet') {
      doc.sheets.push({
        start,
        name: s.attr('name') ?? '',
        rid: s.attr('id'),
        sheetId: Number(s.attr('sheetId')) || 0,
        state: s.attr('state') ?? 'visible',
        end: elementEnd(s),
      });
      continue;
    } else if (depth === 2 && s.name === 'definedName') {
      const tag = xml.slice(start, s.pos);
      const local = s.attr('localSheetId');
      doc.definedNames.push({ start, tag, local: local !== null && /^\d+$/.test(local) ? Number(local) : null, end: elementEnd(s) });
      continue;
    } else if (depth === 2 && s.name === 'workbookView') {
      const tag = xml.slice(start, s.pos);
      doc.views.push({ start, tag, end: elementEnd(s) });
      continue;
    }
    if (!s.empty) depth++;
  }
  if (doc.sheetsOpen < 0 || (doc.sheetsClose < 0 && !doc.sheetsEmpty)) throw new XmlError('工作簿部件没有工作表列表（sheets）');
  return doc;
}

/**
 * Remove content-type overrides of `parts`, add `added` overrides; Defaults untouched. A workbook part typed as a
 * macro-enabled workbook or a template is typed as a plain workbook: the copy is an .xlsx, which Excel refuses to
 * open with any other type.
 */
function editContentTypes(xml: string, removed: Set<string>, added: [string, string][]): string {
  const prefix = rootPrefix(xml, 'Types');
  const s = new Scanner(xml);
  const edits: { at: number; end?: number; text: string }[] = [];
  let close = -1;
  while (s.next()) {
    if (s.closing) {
      if (s.name === 'Types') close = tagStart(s);
      continue;
    }
    if (s.name !== 'Override') continue;
    const start = tagStart(s);
    const part = (s.attr('PartName') ?? '').replace(/^\//, '').toLowerCase();
    const type = s.attr('ContentType') ?? '';
    const tagEnd = s.pos;
    const end = elementEnd(s);
    if (removed.has(part)) edits.push({ at: start, end, text: '' });
    else if (part === WORKBOOK && NOT_XLSX_CT.test(type)) edits.push({ at: start, end: tagEnd, text: setAttr(xml.slice(start, tagEnd), 'ContentType', WORKBOOK_CT) });
  }
  if (close < 0) throw new XmlError('[Content_Types].xml 没有结束标签');
  const text = added.map(([part, ct]) => `<${prefix}Override PartName="/${escAttr(part)}" ContentType="${ct}"/>`).join('');
  if (text) edits.push({ at: close, text });
  return splice(xml, edits);
}

// ───────────────────────────── styles.xml ─────────────────────────────

const STYLE_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
const CHILD: Record<string, string> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellStyleXfs: 'xf', cellXfs: 'xf' };

/** The built-in number formats the tool may use (ECMA-376 §18.8.30). */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };

/** Appends fonts, fills, number formats and cell formats to a styles part, never renumbering what is there. */
export class Styles {
  private xml: string;
  private readonly prefix: string;
  private readonly added: Record<string, string[]> = { numFmts: [], fonts: [], fills: [], cellXfs: [] };
  private readonly base: Record<string, number> = {};
  private readonly formatIds = new Map<string, number>();
  private nextFormat = 164;
  private defaultFont = { name: 'Calibri', size: 11 };
  private readonly cache = new Map<string, number>();

  constructor(xml: string | null) {
    this.xml = xml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${TRANSITIONAL_MAIN}"></styleSheet>`;
    this.prefix = rootPrefix(this.xml, 'styleSheet');
    // the sections a cell format needs, with the defaults Excel expects (fills 0 and 1 are reserved)
    this.ensure('fonts', `<${this.prefix}font><${this.prefix}sz val="11"/><${this.prefix}name val="Calibri"/></${this.prefix}font>`, 1);
    this.ensure(
      'fills',
      `<${this.prefix}fill><${this.prefix}patternFill patternType="none"/></${this.prefix}fill><${this.prefix}fill><${this.prefix}patternFill patternType="gray125"/></${this.prefix}fill>`,
      2,
    );
    this.ensure('borders', `<${this.prefix}border><${this.prefix}left/><${this.prefix}right/><${this.prefix}top/><${this.prefix}bottom/><${this.prefix}diagonal/></${this.prefix}border>`, 1);
    this.ensure('cellStyleXfs', `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`, 1);
    this.ensure('cellXfs', `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`, 1);
    for (const sec of ['fonts', 'fills', 'cellXfs', 'numFmts']) this.base[sec] = this.children(sec).length;
    // fills 0 and 1 are none and gray125 whatever the file says: a new fill must come after them
    const fills = this.base.fills;
    if (fills < 2) {
      const pad = [`<${this.prefix}fill><${this.prefix}patternFill patternType="none"/></${this.prefix}fill>`, `<${this.prefix}fill><${this.prefix}patternFill patternType="gray125"/></${this.prefix}fill>`];
      this.added.fills.push(...pad.slice(fills));
    }
    for (const el of this.children('numFmts')) {
      const id = Number(getAttr(el, 'numFmtId'));
      const code = getAttr(el, 'formatCode');
      if (Number.isFinite(id)) {
        this.nextFormat = Math.max(this.nextFormat, id + 1);
        if (code !== null && !this.formatIds.has(decodeAttr(code))) this.formatIds.set(decodeAttr(code), id);
      }
    }
    const font0 = this.children('fonts')[0] ?? '';
    const sz = /<(?:\w+:)?sz\b[^>]*\bval="([^"]*)"/.exec(font0)?.[1];
    const name = /<(?:\w+:)?name\b[^>]*\bval="([^"]*)"/.exec(font0)?.[1];
    if (sz && Number(sz) > 0) this.defaultFont.size = Number(sz);
    if (name) this.defaultFont.name = decodeAttr(name);
  }

  private section(sec: string): { open: Span; close: number; empty: boolean } | null {
    const m = new RegExp(`<${this.prefix}${sec}(\\s[^>]*)?>`).exec(this.xml) ?? new RegExp(`<${this.prefix}${sec}(\\s[^>]*)?/>`).exec(this.xml);
    if (!m) return null;
    const open = { start: m.index, end: m.index + m[0].length };
    if (m[0].endsWith('/>')) return { open, close: open.end, empty: true };
    const close = this.xml.indexOf(`</${this.prefix}${sec}>`, open.end);
    if (close < 0) throw new XmlError(`styles.xml 的 ${sec} 没有结束标签`);
    return { open, close, empty: false };
  }

  /** The child elements of a section, as text, in order. */
  private children(sec: string): string[] {
    const s = this.section(sec);
    if (!s || s.empty) return [];
    const inner = this.xml.slice(s.open.end, s.close);
    const child = CHILD[sec];
    const out: string[] = [];
    const re = new RegExp(`<${this.prefix}${child}(?=[\\s/>])[^>]*?(/>|>[\\s\\S]*?</${this.prefix}${child}>)`, 'g');
    for (const m of inner.matchAll(re)) out.push(m[0]);
    return out;
  }

  /** A section missing altogether, or holding fewer than `min` children, gets the defaults (a file must have them). */
  private ensure(sec: string, defaults: string, min: number): void {
    const s = this.section(sec);
    if (s) {
      if (this.children(sec).length >= min || sec === 'fills') return;
      // e.g. `<cellXfs count="0"/>`: a cell format 0 must exist for new ones to be numbered after it
      const body = s.empty ? '' : this.xml.slice(s.open.end, s.close);
      const openTag = this.xml.slice(s.open.start, s.open.end).replace(/\/>$/, '>');
      this.xml = this.xml.slice(0, s.open.start) + openTag + defaults + body + `</${this.prefix}${sec}>` + this.xml.slice(s.empty ? s.open.end : s.close + `</${this.prefix}${sec}>`.length);
      return;
    }
    const at = this.insertionPoint(sec);
    this.xml = this.xml.slice(0, at) + `<${this.prefix}${sec}>${defaults}</${this.prefix}${sec}>` + this.xml.slice(at);
  }

  /** Where a missing section goes: after the last section that precedes it in the schema's order. */
  private insertionPoint(sec: string): number {
    const idx = STYLE_ORDER.indexOf(sec);
    for (let i = idx - 1; i >= 0; i--) {
      const s = this.section(STYLE_ORDER[i]);
      if (s) return s.empty ? s.open.end : s.close + `</${this.prefix}${STYLE_ORDER[i]}>`.length;
    }
    const root = new RegExp(`<${this.prefix}styleSheet[^>]*>`).exec(this.xml);
    if (!root) throw new XmlError('styles.xml 没有 styleSheet 元素');
    return root.index + root[0].length;
  }

  private numFmt(code: string | undefined): number {
    if (!code || code === 'General') return 0;
    if (BUILTIN_FORMATS[code] !== undefined) return BUILTIN_FORMATS[code];
    const known = this.formatIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormat++;
    this.formatIds.set(code, id);
    this.added.numFmts.push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escAttr(code)}"/>`);
    return id;
  }

  private font(f: NonNullable<CellStyle['font']>): number {
    const p = this.prefix;
    const c = argb(f.color);
    const xml =
      `<${p}font>${f.bold ? `<${p}b/>` : ''}${f.underline ? `<${p}u/>` : ''}<${p}sz val="${f.size ?? this.defaultFont.size}"/>` +
      `${c ? `<${p}color rgb="${c}"/>` : ''}<${p}name val="${escAttr(f.name ?? this.defaultFont.name)}"/></${p}font>`;
    return this.reuse('fonts', xml);
  }

  private fill(hex: string): number | null {
    const c = argb(hex);
    if (!c) return null;
    const p = this.prefix;
    return this.reuse('fills', `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${c}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
  }

  private push(sec: string, xml: string): number {
    const i = this.added[sec].indexOf(xml);
    if (i >= 0) return i;
    this.added[sec].push(xml);
    return this.added[sec].length - 1;
  }

  /** The cell format index (`s`) of a plan style; 0 (the workbook's default) for none. */
  xf(style: CellStyle | undefined): number {
    if (!style) return 0;
    const key = JSON.stringify(style);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const p = this.prefix;
    const numFmtId = this.numFmt(style.numFmt);
    const fontId = style.font ? this.font(style.font) : 0;
    const fillId = style.fill ? this.fill(style.fill) : null;
    const align: string[] = [];
    if (style.align) align.push(`horizontal="${style.align}"`);
    if (style.valign) align.push(`vertical="${style.valign === 'middle' ? 'center' : style.valign}"`);
    if (style.wrap !== undefined) align.push(`wrapText="${style.wrap ? 1 : 0}"`);
    const attrs = [
      `numFmtId="${numFmtId}"`,
      `fontId="${fontId}"`,
      `fillId="${fillId ?? 0}"`,
      'borderId="0"',
      'xfId="0"',
      numFmtId ? 'applyNumberFormat="1"' : '',
      fontId ? 'applyFont="1"' : '',
      fillId !== null ? 'applyFill="1"' : '',
      align.length ? 'applyAlignment="1"' : '',
    ].filter(Boolean);
    const xml = align.length ? `<${p}xf ${attrs.join(' ')}><${p}alignment ${align.join(' ')}/></${p}xf>` : `<${p}xf ${attrs.join(' ')}/>`;
    const idx = this.reuse('cellXfs', xml);
    this.cache.set(key, idx);
    return idx;
  }

  private existing: Record<string, string[]> = {};

  /** The part's own children of a section (as read, before anything is added), read once. */
  private own(sec: string): string[] {
    return (this.existing[sec] ??= this.children(sec));
  }

  /** Child `i` of a section: the part's own, or one added in this run. */
  private nth(sec: string, i: number): string | undefined {
    const own = this.own(sec);
    return i < own.length ? own[i] : this.added[sec][i - own.length];
  }

  /** Index of `xml` among a section's children, the part's own first; appended when it is not there yet. */
  private reuse(sec: string, xml: string): number {
    const i = this.own(sec).indexOf(xml);
    return i >= 0 ? i : this.base[sec] + this.push(sec, xml);
  }

  /**
   * A cell format that is cell format `s` with its fill replaced: solid `hex` (#RRGGBB), or no fill for 'none'.
   * Everything else of `s` — font, number format, border, alignment, protection — is kept (the xf is cloned), so
   * a marked figure still looks and reads as the township formatted it. A cell format already in the part with
   * exactly that text is reused: marking again never grows styles.xml.
   */
  withFill(s: number, hex: string): number {
    const p = this.prefix;
    let fillId = 0;
    if (hex !== 'none') {
      const c = argb(hex);
      if (!c) throw new Error(`标记的填充色“${hex}”不是 #RRGGBB 颜色`);
      fillId = this.reuse('fills', `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${c}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
    }
    const xf = this.nth('cellXfs', s) ?? this.nth('cellXfs', 0) ?? `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const open = /^<[^>]*>/.exec(xf)![0];
    const tag = setAttr(setAttr(open, 'fillId', String(fillId)), 'applyFill', '1');
    return this.reuse('cellXfs', tag + xf.slice(open.length));
  }

  /** Whether cell formats `a` and `b` are the same but for their fill (a mark's format and the one it was made from). */
  sameButFill(a: number, b: number): boolean {
    const strip = (i: number) => this.nth('cellXfs', i)?.replace(/^<[^>]*>/, (tag) => setAttr(setAttr(tag, 'fillId', '0'), 'applyFill', '0')) ?? null;
    const x = strip(a);
    return x !== null && x === strip(b);
  }

  /**
   * The fill of cell format `s` as the 审核标记 records keep it: '#RRGGBB' for a solid RGB fill, 'none' for no fill,
   * null for anything else (a pattern, a theme or indexed colour, a gradient), which a colour cannot restore.
   */
  fillColour(s: number): string | null {
    const xf = this.nth('cellXfs', s);
    if (!xf) return 'none';
    const fill = this.nth('fills', Number(getAttr(/^<[^>]*>/.exec(xf)![0], 'fillId') ?? 0) || 0) ?? '';
    const type = /patternType="([^"]*)"/.exec(fill)?.[1] ?? (/<(?:\w+:)?gradientFill\b/.test(fill) ? 'gradient' : 'none');
    if (type === 'none') return 'none';
    const rgb = /<(?:\w+:)?fgColor\b[^>]*\brgb="([0-9A-Fa-f]{6,8})"/.exec(fill)?.[1];
    return type === 'solid' && rgb ? `#${rgb.slice(-6).toUpperCase()}` : null;
  }

  /** The styles part as it stands, with everything added (a new workbook's, whether or not a style was asked for). */
  text(): string {
    return this.result() ?? this.xml;
  }

  /** The styles part with everything added; null when nothing was (the part stays as it was). */
  result(): string | null {
    if (!Object.values(this.added).some((a) => a.length)) return null;
    for (const sec of ['numFmts', 'fonts', 'fills', 'cellXfs']) {
      const extra = this.added[sec];
      if (!extra.length) continue;
      if (!this.section(sec)) {
        const at = this.insertionPoint(sec);
        this.xml = `${this.xml.slice(0, at)}<${this.prefix}${sec} count="0"></${this.prefix}${sec}>${this.xml.slice(at)}`;
      }
      const s = this.section(sec)!;
      const xml = this.xml;
      const openTag = setAttr(xml.slice(s.open.start, s.open.end).replace(/\s*\/>$/, '>'), 'count', String(this.base[sec] + extra.length));
      this.xml = s.empty
        ? `${xml.slice(0, s.open.start)}${openTag}${extra.join('')}</${this.prefix}${sec}>${xml.slice(s.open.end)}`
        : `${xml.slice(0, s.open.start)}${openTag}${xml.slice(s.open.end, s.close)}${extra.join('')}${xml.slice(s.close)}`;
    }
    return this.xml;
  }
}


// ───────────────────────────── a tool sheet as SpreadsheetML ─────────────────────────────

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function numberText(n: number): string {
  return String(n);
}

/** A run of rich text in its own font (CellSpec.runs). CT_RPrElt is a choice: any order of its elements. */
function runXml(p: string, text: string, style: CellStyle | undefined): string {
  const f = style?.font;
  const c = argb(f?.color);
  const rPr = f
    ? `<${p}rPr>${f.name ? `<${p}rFont val="${escAttr(f.name)}"/>` : ''}${f.bold ? `<${p}b/>` : ''}${c ? `<${p}color rgb="${c}"/>` : ''}` +
      `${f.size ? `<${p}sz val="${f.size}"/>` : ''}${f.underline ? `<${p}u/>` : ''}</${p}rPr>`
    : '';
  return `<${p}r>${rPr}<${p}t xml:space="preserve">${escText(xstring(text))}</${p}t></${p}r>`;
}

/** One cell. Strings are always inline text (never a formula, whatever they start with); only `f` is a formula. */
function cellXml(p: string, at: string, spec: CellSpec, s: number, planStyles: Record<string, CellStyle> = {}): string {
  const st = s ? ` s="${s}"` : '';
  const v = spec.v;
  if (spec.f) {
    const f = `<${p}f>${escText(formulaText(spec.f.replace(/^=/, '')))}</${p}f>`;
    if (typeof v === 'number' && Number.isFinite(v)) return `<${p}c r="${at}"${st}>${f}<${p}v>${numberText(v)}</${p}v></${p}c>`;
    if (typeof v === 'boolean') return `<${p}c r="${at}"${st} t="b">${f}<${p}v>${v ? 1 : 0}</${p}v></${p}c>`;
    // a text or empty result (`IF(den=0,"",…)`): a string result, so readers see a calculated formula
    const text = typeof v === 'string' ? escText(xstring(writableText(v))) : '';
    return `<${p}c r="${at}"${st} t="str">${f}<${p}v>${text}</${p}v></${p}c>`;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return s ? `<${p}c r="${at}"${st}/>` : '';
    return `<${p}c r="${at}"${st}><${p}v>${numberText(v)}</${p}v></${p}c>`;
  }
  if (typeof v === 'boolean') return `<${p}c r="${at}"${st} t="b"><${p}v>${v ? 1 : 0}</${p}v></${p}c>`;
  let text = typeof v === 'string' ? v : null;
  if (text === null && spec.link) text = `${spec.link.sheet}!${spec.link.cell}`;
  if (text === null) return s ? `<${p}c r="${at}"${st}/>` : '';
  // rich text where the runs are exactly the text (a text cut at Excel's cell limit is written plain)
  const runs = spec.runs?.map((r) => ({ ...r, text: writableText(r.text) }));
  if (runs?.length && runs.map((r) => r.text).join('') === writableText(text)) {
    return `<${p}c r="${at}"${st} t="inlineStr"><${p}is>${runs.map((r) => runXml(p, r.text, planStyles[r.style])).join('')}</${p}is></${p}c>`;
  }
  const t = escText(xstring(writableText(text)));
  return `<${p}c r="${at}"${st} t="inlineStr"><${p}is><${p}t xml:space="preserve">${t}</${p}t></${p}is></${p}c>`;
}

/** The notes of a sheet's cells (CellSpec.note), by A1 cell. */
function sheetNotes(sp: SheetPlan): { cell: string; text: string }[] {
  const out: { cell: string; text: string }[] = [];
  sp.rows.forEach((cells, r) => cells.forEach((spec, c) => spec?.note && out.push({ cell: `${columnLetters(c)}${r + 1}`, text: spec.note })));
  return out;
}

/** What a sheet's start and end need of its plan (the rows are written between them, one at a time). */
export type SheetFrame = Pick<SheetPlan, 'columns' | 'freezeRows' | 'tabColor' | 'fitToWidth' | 'autoFilter'>;

/** A sheet part up to and including `<sheetData>`; `dimension` (`A1:L40`) when known before the rows are written. */
export function sheetStart(sp: SheetFrame, mainNs: string, selected: boolean, dimension?: string): string {
  const tab = argb(sp.tabColor);
  const freeze = sp.freezeRows && sp.freezeRows > 0 ? sp.freezeRows : 0;
  const view = freeze
    ? `<sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}><pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${freeze + 1}" sqref="A${freeze + 1}"/></sheetView>`
    : `<sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}/>`;
  const cols = sp.columns
    .map((w, i) => (Number.isFinite(w) && w > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>` : ''))
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${mainNs}">` +
    (tab || sp.fitToWidth ? `<sheetPr>${tab ? `<tabColor rgb="${tab}"/>` : ''}${sp.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>` : '') +
    (dimension ? `<dimension ref="${dimension}"/>` : '') +
    `<sheetViews>${view}</sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>'
  );
}

/** One cell of a row as a sheet writer places it: its address, its note, its place link. */
export interface WrittenCell {
  at: string;
  row: number;
  col: number;
  spec: CellSpec;
}

/**
 * Row `r` (0-based) as SpreadsheetML; '' when it has neither cells nor a height. `onCell` sees every cell written
 * (its notes and links are written elsewhere in the part, or in other parts).
 */
export function rowXml(cells: CellSpec[], r: number, height: number | null | undefined, styles: Styles, planStyles: Record<string, CellStyle>, onCell?: (c: WrittenCell) => void): string {
  const out: string[] = [];
  cells.forEach((spec, c) => {
    if (!spec) return;
    const at = `${columnLetters(c)}${r + 1}`;
    const s = spec.style && planStyles[spec.style] ? styles.xf(planStyles[spec.style]) : 0;
    const x = cellXml('', at, spec, s, planStyles);
    if (!x) return;
    out.push(x);
    onCell?.({ at, row: r, col: c, spec });
  });
  const ht = height != null && Number.isFinite(height) && height > 0 ? ` ht="${height}" customHeight="1"` : '';
  return out.length || ht ? `<row r="${r + 1}"${ht}>${out.join('')}</row>` : '';
}

/** A cell's link to a place in the workbook, as a `<hyperlink>` (none for a formula or a link to no cell). */
export function hyperlinkXml(c: WrittenCell): string | null {
  const link = c.spec.link;
  if (!link || c.spec.f || !parseA1(link.cell)) return null;
  // a place, like a formula, names the sheet exactly as it is spelt
  return `<hyperlink ref="${c.at}" location="${escAttr(formulaText(`${quoteSheet(link.sheet)}!${link.cell}`))}"/>`;
}

/** The rest of a sheet part after its rows: `</sheetData>`, the autofilter, the links, the page, then `tail` (a `<legacyDrawing>`). */
export function sheetEnd(sp: SheetFrame, links: string[], tail = ''): string {
  return (
    '</sheetData>' +
    (sp.autoFilter ? `<autoFilter ref="${escAttr(sp.autoFilter)}"/>` : '') +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    (sp.fitToWidth ? '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' : '') +
    tail +
    '</worksheet>'
  );
}

function sheetXml(sp: SheetPlan, styles: Styles, planStyles: Record<string, CellStyle>, mainNs: string, selected: boolean): string {
  const rows: string[] = [];
  const links: string[] = [];
  let maxCol = 0;
  sp.rows.forEach((cells, r) => {
    const x = rowXml(cells, r, sp.rowHeights?.[r], styles, planStyles, (c) => {
      maxCol = Math.max(maxCol, c.col + 1);
      const link = hyperlinkXml(c);
      if (link) links.push(link);
    });
    if (x) rows.push(x);
  });
  const dim = `A1:${columnLetters(Math.max(0, maxCol - 1))}${Math.max(1, sp.rows.length)}`;
  return sheetStart(sp, mainNs, selected, dim) + rows.join('') + sheetEnd(sp, links);
}

// ───────────────────────────── writing ─────────────────────────────

interface Located {
  el: SheetEl;
  index: number;
  part: string | null;
  rel: RelEl | null;
}

/**
 * The signature window of each existing sheet that bears a name `plan` writes or deletes (and of 审核标记):
 * what resolvePlan needs to tell the tool's sheets from a township's. Read with the project's own reader.
 */
function signatureWindows(pkg: Package, sheets: Located[], plan: WritePlan): Grid[] {
  const names = new Set<string>([...plan.sheets.map((s) => s.name), ...(plan.deleteSheets ?? []), RESULT_SHEETS.marks]);
  const wanted = sheets.filter((s) => names.has(s.el.name) && s.part);
  if (!wanted.length) return [];
  const rels = parseRels(pkg.text(WORKBOOK_RELS) ?? '');
  const partOf = (kind: string, usual: string): string => {
    for (const r of rels.values()) if (r.type.endsWith(`/${kind}`) && !r.external) return resolveTarget('xl/', r.target);
    return usual;
  };
  const strings = parseSharedStrings(pkg.text(partOf('sharedStrings', 'xl/sharedStrings.xml')) ?? '');
  const formats = parseCellFormats(pkg.text(partOf('styles', 'xl/styles.xml')) ?? '');
  const out: Grid[] = [];
  for (const s of wanted) {
    const xml = pkg.text(s.part!);
    if (xml === null) continue;
    const part = parseSheet(xml, { strings, formats, date1904: false });
    out.push(gridOf({ name: s.el.name, state: 'visible', rid: s.el.rid, sheetId: String(s.el.sheetId) }, part, READ_LIMITS));
  }
  return out;
}

/** Is a sheet part selected in its view (`tabSelected="1"`)? */
function isSelected(xml: string | null): boolean {
  return xml !== null && /<(?:\w+:)?sheetView\b[^>]*\stabSelected\s*=\s*["'](?:1|true)["']/.test(xml);
}

/**
 * Apply `requested` to a copy of the .xlsx in `data` by adding the tool's sheets to its package; every part that
 * is not the tool's is kept byte for byte (see the top of this file). Plans that mark cells are not for this
 * function (needsCellEdits). Throws the core's refusal when the plan would replace a township's sheet.
 */
export function writeIntoPackage(data: Uint8Array | ArrayBuffer, requested: WritePlan, name = ''): Uint8Array {
  const bytes = toBytes(data);
  const pkg = new Package(bytes, name);
  let reading = WORKBOOK;
  let plan: WritePlan;
  let out: Uint8Array;
  try {
    const wbXml = pkg.text(WORKBOOK);
    if (wbXml === null) throw readError('not-xlsx', name);
    const doc = parseWorkbookDoc(wbXml);
    reading = WORKBOOK_RELS;
    const relsXml = pkg.text(WORKBOOK_RELS);
    if (relsXml === null) throw readError('corrupt', name, `缺少部件 ${WORKBOOK_RELS}`);
    const rels = parseRelEls(relsXml);
    if (rels.close < 0) throw new XmlError('关系部件没有结束标签');
    const relById = new Map(rels.rels.map((r) => [r.id, r]));

    const located: Located[] = doc.sheets.map((el, index) => {
      const rel = el.rid !== null ? relById.get(el.rid) ?? null : null;
      return { el, index, rel, part: rel && !rel.external ? resolveTarget('xl/', rel.target) : null };
    });

    reading = '结果表';
    const windows = signatureWindows(pkg, located, requested);
    const resolution = resolvePlan(requested, windows);
    if (!resolution.ok) throw new Error(resolution.message);
    plan = resolution.plan;

    // a name given twice (combined plans) is one sheet, the later one, as replacing it twice would leave it;
    // 审核标记 is this adapter's own record of the marks, never taken from a plan
    const writes = plan.sheets.filter((sp, i) => sp.name !== MARKS_SHEET && !plan.sheets.some((o, j) => j > i && o.name === sp.name));
    const replace = new Set<string>([...(plan.deleteSheets ?? []), ...writes.map((s) => s.name)]);
    // marks involved: every earlier mark is cleared first (its records read), and 审核标记 written anew when there are new ones
    const marksGrid = touchesMarks(plan) ? windows.find((g) => g.name === MARKS_SHEET && isToolSheet(g)) : undefined;
    const records = marksGrid ? readMarkRecords(marksGrid) : [];
    if (marksGrid) replace.add(MARKS_SHEET);
    const removed = located.filter((s) => replace.has(s.el.name));
    const kept = located.filter((s) => !replace.has(s.el.name));

    // ── parts of the removed sheets: the sheet part, its relationships part, and what only it used
    const removedParts = new Set<string>();
    const removedRelIds = new Set<string>();
    for (const s of removed) {
      if (s.rel) removedRelIds.add(s.rel.id);
      if (!s.part) continue;
      removedParts.add(s.part.toLowerCase());
      const relsPart = relsPathOf(s.part);
      const ownRels = pkg.text(relsPart);
      if (ownRels !== null) {
        removedParts.add(relsPart.toLowerCase());
        for (const r of parseRels(ownRels).values()) if (!r.external) removedParts.add(resolveTarget(dirOf(s.part), r.target).toLowerCase());
      }
    }
    if (removed.length) {
      // a part some other (kept) relationship still points to stays
      for (const partName of pkg.names()) {
        if (!/\.rels$/i.test(partName) || removedParts.has(partName.toLowerCase())) continue;
        const base = dirOf(partName.replace(/_rels\/([^/]*)\.rels$/, '$1'));
        for (const r of parseRelEls(pkg.text(partName) ?? '').rels) {
          if (r.external || (partName === WORKBOOK_RELS && removedRelIds.has(r.id))) continue;
          removedParts.delete(resolveTarget(base, r.target).toLowerCase());
        }
      }
      // Excel's formula-order cache may list the removed sheets' cells; Excel rebuilds it when it is absent.
      for (const r of rels.rels) {
        if (r.type.endsWith('/calcChain')) {
          removedRelIds.add(r.id);
          removedParts.add(resolveTarget('xl/', r.target).toLowerCase());
        }
      }
    }

    // A macro-enabled workbook's copy is an .xlsx: its VBA project (and that project's signature) cannot come along
    for (const r of rels.rels) {
      if (!r.type.endsWith('/vbaProject') || r.external) continue;
      const part = resolveTarget('xl/', r.target);
      removedRelIds.add(r.id);
      removedParts.add(part.toLowerCase());
      const own = pkg.text(relsPathOf(part));
      if (own === null) continue;
      removedParts.add(relsPathOf(part).toLowerCase());
      for (const x of parseRels(own).values()) if (!x.external) removedParts.add(resolveTarget(dirOf(part), x.target).toLowerCase());
    }
    for (const p of removedParts) pkg.remove(p);

    // ── new sheets: part names, relationship ids, sheet ids
    // names of removed parts are free again, so a re-run writes the same part names as the run before
    const taken = new Set(pkg.names().map((n) => n.toLowerCase()).filter((n) => !removedParts.has(n)));
    // ids of removed relationships are free again, so a re-run writes the same ids as the run before
    const relIds = new Set(rels.rels.filter((r) => !removedRelIds.has(r.id)).map((r) => r.id));
    let nextSheetId = Math.max(0, ...doc.sheets.map((s) => s.sheetId)) + 1;
    let partNo = 1;
    let relNo = 1;
    const worksheetType = rels.rels.find((r) => r.type.endsWith('/worksheet'))?.type ?? `${doc.relNs}/worksheet`;

    const styleRel = rels.rels.find((r) => r.type.endsWith('/styles') && !r.external);
    const stylesPath = styleRel ? resolveTarget('xl/', styleRel.target) : 'xl/styles.xml';
    reading = stylesPath;
    const stylesOriginal = pkg.text(stylesPath);
    const styles = new Styles(stylesOriginal);

    // the active tab: a kept sheet the township left selected stays so (two selected tabs would group them)
    const keptSelected = kept.find((s) => s.el.state === 'visible' && s.part && isSelected(pkg.head(s.part, 'sheetData')));
    const visibleWrites = writes.filter((s) => !s.hidden);
    const activateNew = !keptSelected && plan.activate && visibleWrites.some((s) => s.name === plan.activate) ? plan.activate : null;

    // ── marks on the township's cells (and the earlier ones cleared): fills through cloned cell formats, notes as comments
    reading = '单元格标记';
    const marked = touchesMarks(plan)
      ? applyCellMarks({
          pkg,
          styles,
          sheets: kept.filter((s) => s.part).map((s) => ({ name: s.el.name, part: s.part! })),
          records,
          marks: plan.marks ?? [],
          relNs: doc.relNs,
        })
      : null;
    if (marked?.rows.length) {
      writes.push({
        name: MARKS_SHEET,
        hidden: true,
        columns: [12, 10, 40, 30, 8, 60, 10],
        rows: [[...MARKS_HEADER, MARKS_STYLE_COLUMN], ...marked.rows].map((r) => r.map((v) => ({ v }))),
      });
    }

    const added: { sp: SheetPlan; part: string; rid: string; sheetId: number }[] = [];
    const noteParts: [string, string][] = [];
    for (const sp of writes) {
      while (taken.has(`xl/worksheets/sheet${partNo}.xml`)) partNo++;
      const part = `xl/worksheets/sheet${partNo}.xml`;
      taken.add(part);
      while (relIds.has(`rId${relNo}`)) relNo++;
      const rid = `rId${relNo}`;
      relIds.add(rid);
      reading = `工作表“${sp.name}”`;
      const written = notesOnNewSheet(pkg, part, sheetXml(sp, styles, plan.styles ?? {}, doc.mainNs, sp.name === activateNew), sheetNotes(sp), doc.relNs);
      pkg.setText(part, written.xml);
      noteParts.push(...written.added);
      added.push({ sp, part, rid, sheetId: nextSheetId++ });
    }

    // ── workbook.xml
    reading = WORKBOOK;
    const wp = doc.prefix;
    const edits: { at: number; end?: number; text: string }[] = [];
    const removedIdx = removed.map((s) => s.index).sort((a, b) => a - b);
    const shift = (i: number) => i - removedIdx.filter((r) => r < i).length;
    for (const s of removed) edits.push({ at: s.el.start, end: s.el.end, text: '' });
    const relAttr = doc.relPrefix ? `${doc.relPrefix}:id` : 'r:id';
    const relDecl = doc.relPrefix ? '' : ` xmlns:r="${doc.relNs}"`;
    const sheetEls = added
      .map(
        (a) =>
          `<${wp}sheet name="${escAttr(a.sp.name)}" sheetId="${a.sheetId}"${a.sp.name === MARKS_SHEET ? ' state="veryHidden"' : a.sp.hidden ? ' state="hidden"' : ''}${relDecl} ${relAttr}="${a.rid}"/>`,
      )
      .join('');
    if (doc.sheetsEmpty) edits.push({ at: doc.sheetsEmpty.start, end: doc.sheetsEmpty.end, text: `<${wp}sheets>${sheetEls}</${wp}sheets>` });
    else if (sheetEls) edits.push({ at: doc.sheetsClose, text: sheetEls });
    // names local to a removed sheet go with it; those of later sheets follow their sheet's new index
    for (const dn of doc.definedNames) {
      if (dn.local === null || !removedIdx.length) continue;
      if (removedIdx.includes(dn.local)) edits.push({ at: dn.start, end: dn.end, text: '' });
      else if (shift(dn.local) !== dn.local) edits.push({ at: dn.start, end: dn.start + dn.tag.length, text: setAttr(dn.tag, 'localSheetId', String(shift(dn.local))) });
    }
    // print titles of the new sheets (审核结果's header on every printed page): names local to the sheet
    const titles = added
      .map((a, i) => ({ rows: a.sp.printTitleRows, index: kept.length + i, name: a.sp.name }))
      .filter((t): t is { rows: [number, number]; index: number; name: string } => Array.isArray(t.rows))
      .map((t) => `<${wp}definedName name="_xlnm.Print_Titles" localSheetId="${t.index}">${escText(`${quoteSheet(t.name)}!$${t.rows[0]}:$${t.rows[1]}`)}</${wp}definedName>`)
      .join('');
    const namesLeft = doc.definedNames.filter((dn) => dn.local === null || !removedIdx.includes(dn.local)).length;
    const el = doc.definedNamesEl;
    if (titles) {
      if (el && el.close >= 0) edits.push({ at: el.close, text: titles });
      else if (el) edits.push({ at: el.start, end: el.end, text: `<${wp}definedNames>${titles}</${wp}definedNames>` });
      else if (doc.definedNamesAt >= 0) edits.push({ at: doc.definedNamesAt, text: `<${wp}definedNames>${titles}</${wp}definedNames>` });
      else throw new XmlError('工作簿部件没有结束标签');
    } else if (el && namesLeft === 0 && doc.definedNames.length > 0) {
      // the last names went with their sheets (an earlier run's print titles): the element goes too, as before that run
      edits.push({ at: el.start, end: el.end, text: '' });
    }
    const finalNames = [...kept.map((s) => ({ name: s.el.name, visible: s.el.state === 'visible' })), ...added.map((a) => ({ name: a.sp.name, visible: !a.sp.hidden }))];
    for (const v of doc.views) {
      const oldActive = Number(getAttr(v.tag, 'activeTab') ?? 0) || 0;
      let active: number;
      if (keptSelected) active = shift(keptSelected.index);
      else if (activateNew) active = finalNames.findIndex((n) => n.name === activateNew);
      else if (!removedIdx.includes(oldActive) && oldActive < doc.sheets.length) active = shift(oldActive);
      else active = Math.max(0, finalNames.findIndex((n) => n.visible));
      let tag = v.tag;
      if (active !== oldActive) tag = setAttr(tag, 'activeTab', String(active));
      const first = Number(getAttr(tag, 'firstSheet') ?? 0) || 0;
      if (first >= finalNames.length || (removedIdx.length && shift(first) !== first)) tag = setAttr(tag, 'firstSheet', String(Math.min(shift(first), finalNames.length - 1)));
      if (tag !== v.tag) edits.push({ at: v.start, end: v.start + v.tag.length, text: tag });
    }
    if (!doc.views.length && activateNew) {
      const idx = finalNames.findIndex((n) => n.name === activateNew);
      edits.push({ at: doc.sheetsOpen, text: `<${wp}bookViews><${wp}workbookView activeTab="${idx}"/></${wp}bookViews>` });
    }
    if (edits.length) pkg.setText(WORKBOOK, splice(wbXml, edits));

    // ── styles.xml
    reading = stylesPath;
    const stylesXml = styles.result();
    const newParts: [string, string][] = [...added.map((a): [string, string] => [a.part, WORKSHEET_CT]), ...noteParts];
    const relEls: string[] = added.map((a) => `<${rels.prefix}Relationship Id="${a.rid}" Type="${escAttr(worksheetType)}" Target="${a.part.slice(3)}"/>`);
    if (stylesXml !== null) {
      pkg.setText(stylesPath, stylesXml);
      if (stylesOriginal === null) {
        while (relIds.has(`rId${relNo}`)) relNo++;
        relEls.push(`<${rels.prefix}Relationship Id="rId${relNo}" Type="${escAttr(worksheetType.replace(/worksheet$/, 'styles'))}" Target="${stylesPath.slice(3)}"/>`);
        newParts.push([stylesPath, STYLES_CT]);
      }
    }

    // ── relationships, parts, content types
    reading = WORKBOOK_RELS;
    const relEdits: { at: number; end?: number; text: string }[] = rels.rels.filter((r) => removedRelIds.has(r.id)).map((r) => ({ at: r.start, end: r.end, text: '' }));
    if (relEls.length) relEdits.push({ at: rels.close, text: relEls.join('') });
    if (relEdits.length) pkg.setText(WORKBOOK_RELS, splice(relsXml, relEdits));
    reading = CONTENT_TYPES;
    const ct = pkg.text(CONTENT_TYPES);
    if (ct === null) throw readError('corrupt', name, `缺少部件 ${CONTENT_TYPES}`);
    for (const p of marked?.removed ?? []) removedParts.add(p);
    pkg.setText(CONTENT_TYPES, editContentTypes(ct, removedParts, [...newParts, ...(marked?.added ?? [])]));
    out = pkg.zip();
  } catch (e) {
    if (isFileReadError(e)) throw e;
    if (e instanceof XmlError) throw readError('corrupt', name, `${reading}：${e.message}`);
    throw e;
  }
  return out;
}
