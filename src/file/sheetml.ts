/**
 * SpreadsheetML (ECMA-376 Part 1, §18) read as far as a checker needs it: the sheet list, shared strings, number
 * formats, and each worksheet's cell values and merged areas. A forward-only scanner over a part's text — no DOM
 * and no object per node — that drops namespace prefixes (`x:c`, as the Open XML SDK writes), accepts rows and
 * cells without `r`, CDATA and character references, and leaves styles, drawings and the rest unread.
 *
 * Values come out as office-js reports them (Cell): the cached result of a formula, a shared or inline string as
 * its plain text (phonetic runs left out), booleans, `{error}` for error values, and numbers as stored — a date
 * stays its serial number, with the cell's number format beside it.
 */
import type { Cell, MergedArea } from '../core/types';
import { a1 } from '../core/address';
import { excelSerial } from './serial';

/** Malformed XML in a part: the reader turns it into a FileReadError naming the file and the part. */
export class XmlError extends Error {}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Character and entity references, and the `_xHHHH_` escapes of ST_Xstring (`_x000D_` is a carriage return). */
export function decodeXml(s: string): string {
  let out = s;
  if (out.indexOf('&') >= 0) {
    out = out.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, ref: string) => {
      if (ref.charCodeAt(0) !== 0x23) return ENTITY[ref] ?? m;
      const cp = ref.charCodeAt(1) === 0x78 ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    });
  }
  return out;
}

/** XML end-of-line handling (§2.11): a parser reads CR LF and a lone CR as LF; a CR that matters is written `&#13;` or `_x000D_`. */
function eol(s: string): string {
  return s.indexOf('\r') >= 0 ? s.replace(/\r\n?/g, '\n') : s;
}

/** Attribute-value normalisation (§3.3.3): white-space characters written literally read as spaces. */
function attrValue(s: string): string {
  return decodeXml(/[\t\n\r]/.test(s) ? eol(s).replace(/[\t\n]/g, ' ') : s);
}

function unescapeXstring(s: string): string {
  return s.indexOf('_x') >= 0 ? s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/**
 * A text of its own. A JavaScript engine hands out a long piece of a string as a view into the whole (V8: 13
 * characters or more), so one cell's text kept — in a memo of labels, a county's row — would keep its part's
 * whole XML (or text file) alive: a county of 1,000 workbooks kept every one's shared strings. Copied once, it
 * keeps only itself.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const SPACE = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** One pass over a part, tag by tag. `name` is the local name of the tag just read (prefix dropped). */
export class Scanner {
  pos = 0;
  name = '';
  closing = false;
  /** A self-closing tag (`<c r="B2"/>`). */
  empty = false;
  private readonly keys: string[] = [];
  /** Each attribute's prefix (`calcext` of `calcext:value-type`), for vocabularies that reuse a local name. */
  private readonly prefixes: string[] = [];
  private readonly vals: string[] = [];
  private count = 0;
  private attrFrom = 0;
  private attrTo = 0;
  private attrsRead = false;
  /** The document element, and whether its end tag has been read: a part cut short is damaged, not short. */
  private root: string | null = null;
  private rootClosed = false;

  constructor(readonly xml: string) {}

  /** Stop reading: the part is malformed here. */
  fail(what: string): never {
    throw new XmlError(`${what}（第 ${this.pos} 个字符附近）`);
  }

  /** The next element tag; false at the end. Declarations, comments and processing instructions are skipped. */
  next(): boolean {
    const x = this.xml;
    for (;;) {
      const lt = x.indexOf('<', this.pos);
      if (lt < 0) {
        this.pos = x.length;
        if (this.root !== null && !this.rootClosed) this.fail(`XML 在 <${this.root}> 结束之前中断`);
        return false;
      }
      const c = x.charCodeAt(lt + 1);
      if (c === 0x3f /* ? */ || c === 0x21 /* ! */) {
        const close = c === 0x3f ? '?>' : x.startsWith('<!--', lt) ? '-->' : x.startsWith('<![CDATA[', lt) ? ']]>' : '>';
        const end = x.indexOf(close, lt + 2);
        if (end < 0) {
          this.pos = lt;
          this.fail('XML 在注释或声明中途结束');
        }
        this.pos = end + close.length;
        continue;
      }
      let p = lt + 1;
      this.closing = c === 0x2f;
      if (this.closing) p++;
      let local = p;
      const n = x.length;
      while (p < n) {
        const ch = x.charCodeAt(p);
        if (ch === 0x3e || ch === 0x2f || SPACE(ch)) break;
        if (ch === 0x3a) local = p + 1;
        p++;
      }
      if (local === p) {
        this.pos = lt;
        this.fail('XML 标签没有名称');
      }
      this.name = x.slice(local, p);
      this.attrFrom = p;
      let quote = 0;
      while (p < n) {
        const ch = x.charCodeAt(p);
        if (quote) {
          if (ch === quote) quote = 0;
        } else if (ch === 0x22 || ch === 0x27) quote = ch;
        else if (ch === 0x3e) break;
        p++;
      }
      if (p >= n) {
        this.pos = lt;
        this.fail('XML 在标签中途结束');
      }
      this.empty = x.charCodeAt(p - 1) === 0x2f;
      this.attrTo = this.empty ? p - 1 : p;
      this.attrsRead = false;
      this.pos = p + 1;
      if (this.root === null) {
        this.root = this.name;
        this.rootClosed = this.empty;
      } else if (this.closing && this.name === this.root) this.rootClosed = true;
      return true;
    }
  }

  private readAttrs(): void {
    const x = this.xml;
    this.count = 0;
    let p = this.attrFrom;
    const end = this.attrTo;
    while (p < end) {
      while (p < end && SPACE(x.charCodeAt(p))) p++;
      if (p >= end) break;
      let local = p;
      const start = p;
      while (p < end) {
        const ch = x.charCodeAt(p);
        if (ch === 0x3d || SPACE(ch)) break;
        if (ch === 0x3a) local = p + 1;
        p++;
      }
      const key = x.slice(local, p);
      while (p < end && SPACE(x.charCodeAt(p))) p++;
      if (x.charCodeAt(p) !== 0x3d) {
        if (p === start) p++; // a stray character: step over it
        continue;
      }
      p++;
      while (p < end && SPACE(x.charCodeAt(p))) p++;
      const q = x.charCodeAt(p);
      if (q !== 0x22 && q !== 0x27) this.fail('XML 属性值缺少引号');
      const close = x.indexOf(q === 0x22 ? '"' : "'", p + 1);
      if (close < 0 || close > end) this.fail('XML 属性值没有结束');
      this.keys[this.count] = key;
      this.prefixes[this.count] = local > start ? x.slice(start, local - 1) : ''; // the prefix
      this.vals[this.count++] = attrValue(x.slice(p + 1, close));
      p = close + 1;
    }
    this.attrsRead = true;
  }

  /** The value of the attribute with this local name (`id` finds `r:id`), or null. */
  attr(local: string): string | null {
    if (!this.attrsRead) this.readAttrs();
    for (let i = 0; i < this.count; i++) if (this.keys[i] === local) return this.vals[i];
    return null;
  }

  /** The value of the attribute with this prefix and local name (`calcext`, `value-type`), or null. */
  attrNs(prefix: string, local: string): string | null {
    if (!this.attrsRead) this.readAttrs();
    for (let i = 0; i < this.count; i++) if (this.keys[i] === local && this.prefixes[i] === prefix) return this.vals[i];
    return null;
  }

  /** The text content of the element just opened (CDATA included, references decoded); '' for `<v/>`. */
  text(): string {
    return this.empty ? '' : this.following();
  }

  /** The character data from here up to the next tag, whatever was read last (mixed content: `a<s/>b</p>`). */
  following(): string {
    const x = this.xml;
    let out = '';
    for (;;) {
      const lt = x.indexOf('<', this.pos);
      if (lt < 0) {
        out += decodeXml(eol(x.slice(this.pos)));
        this.pos = x.length;
        break;
      }
      out += decodeXml(eol(x.slice(this.pos, lt)));
      const cdata = x.startsWith('<![CDATA[', lt);
      const skipped = x.startsWith('<!--', lt) ? '-->' : x.charCodeAt(lt + 1) === 0x3f ? '?>' : null;
      if (!cdata && !skipped) {
        this.pos = lt;
        break;
      }
      const close = cdata ? ']]>' : (skipped as string);
      const end = x.indexOf(close, lt + 2);
      if (end < 0) this.fail('XML 在注释或 CDATA 中途结束');
      if (cdata) out += eol(x.slice(lt + 9, end)); // a comment or processing instruction inside text is not text
      this.pos = end + close.length;
    }
    return detached(out);
  }

  /** Skip to just past the end of the element just opened (nested elements included). */
  skip(): void {
    if (this.empty) return;
    const name = this.name;
    let depth = 1;
    while (this.next()) {
      if (this.name !== name) continue;
      if (this.closing) depth--;
      else if (!this.empty) depth++;
      if (depth === 0) return;
    }
  }
}

// ───────────────────────────── workbook, relationships ─────────────────────────────

export interface SheetEntry {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** The relationship id (`r:id`) that names the sheet's part. */
  rid: string | null;
  sheetId: string | null;
}

export interface WorkbookPart {
  sheets: SheetEntry[];
  date1904: boolean;
}

export function parseWorkbook(xml: string): WorkbookPart {
  const s = new Scanner(xml);
  const out: WorkbookPart = { sheets: [], date1904: false };
  while (s.next()) {
    if (s.closing) continue;
    // extensions repeat names in other namespaces (`<x15:workbookPr chartTrackingRefBase="1"/>`)
    if (s.name === 'extLst' || s.name === 'AlternateContent') s.skip();
    else if (s.name === 'workbookPr') {
      const v = s.attr('date1904');
      out.date1904 = v === '1' || v === 'true';
    } else if (s.name === 'sheet') {
      const st = s.attr('state');
      out.sheets.push({
        name: s.attr('name') ?? '',
        state: st === 'hidden' || st === 'veryHidden' ? st : 'visible',
        rid: s.attr('id'),
        sheetId: s.attr('sheetId'),
      });
    }
  }
  return out;
}

export interface Relationship {
  type: string;
  target: string;
  external: boolean;
}

export function parseRels(xml: string): Map<string, Relationship> {
  const s = new Scanner(xml);
  const out = new Map<string, Relationship>();
  while (s.next()) {
    if (s.closing || s.name !== 'Relationship') continue;
    const id = s.attr('Id');
    const target = s.attr('Target');
    if (id === null || target === null) continue;
    out.set(id, { type: s.attr('Type') ?? '', target, external: s.attr('TargetMode') === 'External' });
  }
  return out;
}

/** A relationship target as a zip entry name: relative to the source part's folder, or absolute (`/xl/…`). */
export function resolveTarget(baseDir: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

// ───────────────────────────── shared strings, styles ─────────────────────────────

/**
 * The text of an `<si>` or `<is>` just opened: its `<t>` runs joined, phonetic guides (`<rPh>`) left out — Excel
 * shows them only above the text, never in it.
 */
function stringItem(s: Scanner): string {
  if (s.empty) return '';
  const end = s.name;
  let out = '';
  while (s.next()) {
    if (s.name === end && s.closing) break;
    if (s.closing) continue;
    if (s.name === 't') out += s.text();
    else if (s.name === 'rPh' || s.name === 'phoneticPr') s.skip();
  }
  return unescapeXstring(out);
}

export function parseSharedStrings(xml: string): string[] {
  const s = new Scanner(xml);
  const out: string[] = [];
  while (s.next()) if (!s.closing && s.name === 'si') out.push(stringItem(s));
  return out;
}

/**
 * The format codes of the built-in number format ids (ECMA-376 §18.8.30), with the zh-CN codes for the ids whose
 * code depends on the locale (27–36, 50–58): the dates a Chinese Excel writes as `2024年1月8日`.
 */
export const BUILTIN_FORMATS: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** The number format of each cell style (`cellXfs`, indexed by a cell's `s`); null for General. */
export function parseCellFormats(xml: string): (string | null)[] {
  const s = new Scanner(xml);
  const custom = new Map<number, string>();
  const out: (string | null)[] = [];
  let inXfs = false;
  while (s.next()) {
    if (s.name === 'cellXfs') {
      inXfs = !s.closing && !s.empty;
      continue;
    }
    if (s.closing) continue;
    if (s.name === 'numFmt') {
      const id = Number(s.attr('numFmtId'));
      const code = s.attr('formatCode');
      if (Number.isInteger(id) && code !== null) custom.set(id, code);
    } else if (inXfs && s.name === 'xf') {
      const id = Number(s.attr('numFmtId') ?? 0);
      const code = id ? (custom.get(id) ?? BUILTIN_FORMATS[id] ?? null) : null;
      out.push(code && code !== 'General' ? code : null);
      s.skip();
    }
  }
  return out;
}

// ───────────────────────────── worksheets ─────────────────────────────

/** An ISO 8601 date (`t="d"`) as the serial number of the workbook's date system; null when unreadable. */
export function isoToSerial(text: string, date1904: boolean): number | null {
  const t = text.trim().replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T');
  if (!/^\d{4}-\d{2}-\d{2}/.test(t) && !/^T?\d{2}:\d{2}/.test(t)) return null;
  // a wall-clock time without a zone is the workbook's own time, not the reader's
  const iso = /^T?\d{2}:/.test(t) ? `1899-12-30T${t.replace(/^T/, '')}` : t;
  const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : excelSerial(ms, date1904);
}

/** `B12` → [11, 1]; null when it is not a cell reference. */
export function decodeRef(ref: string): [number, number] | null {
  let col = 0;
  let i = 0;
  const n = ref.length;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  if (i === 0 || i === n || i > 3) return null;
  let row = 0;
  for (; i < n; i++) {
    const d = ref.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  return row > 0 ? [row - 1, col - 1] : null;
}

/** The cells of one row that hold something, in column order as written. */
export interface RowCells {
  r: number;
  cols: number[];
  vals: Cell[];
  fmts: (string | null)[];
}

export interface SheetPart {
  rows: RowCells[];
  merges: MergedArea[];
  /** Formula cells with no stored result (never calculated): how many, and the first. */
  uncalculated: { count: number; row: number; col: number } | null;
}

export interface SheetContext {
  strings: string[];
  formats: (string | null)[];
  date1904: boolean;
}

/** A cell's `<v>` (or inline string) as the host would report it, by its type `t`. */
function cellValue(t: string | null, v: string | null, inline: string | null, ctx: SheetContext): Cell {
  switch (t) {
    case 's': {
      if (v === null) return null;
      const i = parseInt(v, 10);
      const s = ctx.strings[i];
      if (s === undefined) throw new XmlError(`引用了不存在的第 ${Number.isFinite(i) ? i + 1 : v} 个共享字符串`);
      return s;
    }
    case 'inlineStr':
      return inline ?? (v !== null ? unescapeXstring(v) : null);
    case 'str':
      return v === null ? null : unescapeXstring(v);
    case 'b':
      return v === null ? null : v.trim() === '1' || v.trim() === 'true';
    case 'e':
      return v === null || v === '' ? null : { error: v.trim() };
    case 'd':
      return v === null ? null : isoToSerial(v, ctx.date1904);
    default: {
      if (v === null) return null;
      const n = parseFloat(v);
      return Number.isFinite(n) ? n : null;
    }
  }
}

/** Parts of a worksheet that hold no cell values; `Fallback` repeats what its `Choice` says (Markup Compatibility). */
const SKIPPED_IN_SHEET = new Set(['sheetViews', 'cols', 'conditionalFormatting', 'dataValidations', 'extLst', 'Fallback']);

/** One worksheet part: every cell that holds something, and its merged areas. */
export function parseSheet(xml: string, ctx: SheetContext): SheetPart {
  const s = new Scanner(xml);
  const rows: RowCells[] = [];
  const merges: MergedArea[] = [];
  let uncalculated: SheetPart['uncalculated'] = null;
  let row: RowCells | null = null;
  let rowIndex = -1;
  /** Whether the current <row> says its number; if not, its cells' own references place them. */
  let rowNumbered = false;
  let colIndex = -1;
  const flush = () => {
    if (row && row.cols.length) rows.push(row);
  };
  const startRow = (r: number, numbered: boolean): RowCells => {
    flush();
    rowIndex = r;
    rowNumbered = numbered;
    colIndex = -1;
    return { r, cols: [], vals: [], fmts: [] };
  };
  while (s.next()) {
    const name = s.name;
    if (name === 'c') {
      if (s.closing) continue;
      if (row === null) row = startRow(rowIndex + 1, false);
      const ref = s.attr('r');
      const at = ref !== null ? decodeRef(ref) : null;
      // a <row> without r (Open XML SDK code that skips blank rows): the cell's reference says where it is
      if (at && !rowNumbered && at[0] !== rowIndex) row = startRow(at[0], false);
      const cells = row;
      colIndex = at ? at[1] : colIndex + 1;
      const t = s.attr('t');
      const style = s.attr('s');
      let v: string | null = null;
      let inline: string | null = null;
      let formula = false;
      if (!s.empty) {
        while (s.next()) {
          if (s.closing) {
            if (s.name === 'c') break;
            continue;
          }
          if (s.name === 'v') v = s.text();
          else if (s.name === 'is') inline = stringItem(s);
          else if (s.name === 'c' || s.name === 'row') s.fail(`单元格 ${ref ?? ''} 没有结束`);
          else {
            formula ||= s.name === 'f';
            s.skip(); // <f>, <extLst>
          }
        }
      }
      // a formula never calculated: no <v>, or an empty one where the result is not a text (`t="str"` with an
      // empty <v> is a formula that computed "")
      if (formula && (v === null || (v === '' && t !== 'str' && t !== 'inlineStr'))) {
        if (uncalculated) uncalculated.count++;
        else uncalculated = { count: 1, row: rowIndex, col: colIndex };
      }
      let value: Cell;
      try {
        value = cellValue(t, v, inline, ctx);
      } catch (e) {
        throw e instanceof XmlError ? new XmlError(`单元格 ${ref ?? a1(rowIndex, colIndex)} ${e.message}`) : e;
      }
      if (value === null || value === '') continue;
      cells.cols.push(colIndex);
      cells.vals.push(value);
      // a cell without s has style 0 (§18.3.1.4)
      cells.fmts.push(ctx.formats[style === null ? 0 : parseInt(style, 10)] ?? null);
    } else if (name === 'row') {
      if (s.closing) {
        flush();
        row = null;
        continue;
      }
      const r = Number(s.attr('r'));
      const numbered = Number.isInteger(r) && r > 0;
      row = startRow(numbered ? r - 1 : rowIndex + 1, numbered);
      if (s.empty) row = null;
    } else if (name === 'mergeCell' && !s.closing) {
      const ref = s.attr('ref');
      if (!ref) continue;
      const [a, b = a] = ref.split(':');
      const p = decodeRef(a);
      const q = decodeRef(b);
      if (p && q) merges.push({ r1: Math.min(p[0], q[0]), c1: Math.min(p[1], q[1]), r2: Math.max(p[0], q[0]), c2: Math.max(p[1], q[1]) });
    } else if (!s.closing && SKIPPED_IN_SHEET.has(name)) {
      s.skip();
    }
  }
  flush();
  return { rows, merges, uncalculated };
}
