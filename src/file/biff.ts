/**
 * .xls (BIFF8, Excel 97–2003; BIFF5, Excel 95 and old WPS) and WPS .et bytes → Workbook, for checking: the
 * `Workbook` (or `Book`) stream of the compound file (cfb.ts) read record by record ([MS-XLS]). Only what a check
 * needs: sheet names, order and visibility (BOUNDSHEET), shared strings (SST with its CONTINUE records), number
 * formats (FORMAT, XF), the date system (DATEMODE), the code page of BIFF5 text, and each worksheet's values —
 * numbers, RK/MULRK, strings, booleans, errors, the cached results of formulas (with their STRING) — and merged
 * areas (MERGECELLS). The Grid is built by the same gridOf as the .xlsx reader.
 *
 * Hardened: a record never reads past its own length or the stream, a string never past its record (and the
 * CONTINUEs after it), a sheet's declared position must lie inside the stream, and every loop advances.
 */
import type { Cell, Grid, MergedArea, Workbook } from '../core/types';
import { openCfb } from './cfb';
import { readError, type FileReadErrorCode } from './errors';
import { gridOf, READ_LIMITS, type ReadLimits } from './read';
import { BUILTIN_FORMATS, type RowCells, type SheetEntry } from './sheetml';

const R = {
  FORMULA: 0x0006,
  EOF: 0x000a,
  DATEMODE: 0x0022,
  FILEPASS: 0x002f,
  CONTINUE: 0x003c,
  CODEPAGE: 0x0042,
  BOUNDSHEET: 0x0085,
  MULRK: 0x00bd,
  RSTRING: 0x00d6,
  XF: 0x00e0,
  MERGECELLS: 0x00e5,
  SST: 0x00fc,
  LABELSST: 0x00fd,
  NUMBER: 0x0203,
  LABEL: 0x0204,
  BOOLERR: 0x0205,
  STRING: 0x0207,
  RK: 0x027e,
  FORMAT: 0x041e,
  BOF: 0x0809,
  // BIFF2–4 BOF records: a workbook older than Excel 5
  BOF2: 0x0009,
  BOF3: 0x0209,
  BOF4: 0x0409,
} as const;

const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/** A Windows code page (CODEPAGE record) as a TextDecoder label; BIFF5 text is stored in it. */
const CODEPAGES: Record<number, string> = {
  936: 'gbk',
  950: 'big5',
  932: 'shift_jis',
  949: 'euc-kr',
  874: 'windows-874',
  1250: 'windows-1250',
  1251: 'windows-1251',
  1252: 'windows-1252',
  1253: 'windows-1253',
  1254: 'windows-1254',
  1255: 'windows-1255',
  1256: 'windows-1256',
  1257: 'windows-1257',
  1258: 'windows-1258',
  10000: 'macintosh',
  65001: 'utf-8',
};

class Damaged extends Error {}

interface Rec {
  type: number;
  /** Offset of the record's data in the stream. */
  at: number;
  len: number;
}

/** Records one at a time, with one record of look-ahead: a record and the CONTINUE records that follow it. */
class RecordStream {
  private pending: Rec | null = null;
  constructor(private readonly it: Iterator<Rec>) {}

  next(): Rec | null {
    if (this.pending) {
      const r = this.pending;
      this.pending = null;
      return r;
    }
    const n = this.it.next();
    return n.done ? null : n.value;
  }

  /** `r` and the CONTINUE records right after it; the first other record is kept for the next call. */
  continues(r: Rec): Rec[] {
    const out = [r];
    for (let n = this.next(); n; n = this.next()) {
      if (n.type !== R.CONTINUE) {
        this.pending = n;
        break;
      }
      out.push(n);
    }
    return out;
  }
}

/** The records of a stream from `start`, each inside the stream; stops at the end or at a record cut short. */
function* records(s: Uint8Array, start: number): Generator<Rec> {
  let p = start;
  while (p + 4 <= s.length) {
    const type = s[p] | (s[p + 1] << 8);
    const len = s[p + 2] | (s[p + 3] << 8);
    if (p + 4 + len > s.length) throw new Damaged(`第 ${p} 字节处的记录长度 ${len} 超出了数据流`);
    yield { type, at: p + 4, len };
    p += 4 + len;
  }
}

/**
 * A reader over one record's data followed by the data of its CONTINUE records, for strings that run on: a
 * string's characters may break at a CONTINUE, where a new option byte says whether the rest is 8- or 16-bit.
 */
class Spans {
  private k = 0;
  private p: number;
  constructor(
    private readonly s: Uint8Array,
    private readonly spans: Rec[],
  ) {
    this.p = spans[0].at;
  }

  private end(): number {
    return this.spans[this.k].at + this.spans[this.k].len;
  }

  /** Move to the next CONTINUE when the current span is used up; false when there is none. */
  private advance(): boolean {
    while (this.p >= this.end()) {
      if (this.k + 1 >= this.spans.length) return false;
      this.k++;
      this.p = this.spans[this.k].at;
    }
    return true;
  }

  /** At a CONTINUE boundary (the next read starts a new span). */
  atBoundary(): boolean {
    return this.p >= this.end() && this.k + 1 < this.spans.length;
  }

  u8(): number {
    if (!this.advance()) throw new Damaged('字符串超出了记录的末尾');
    return this.s[this.p++];
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(n: number): void {
    while (n > 0) {
      if (!this.advance()) throw new Damaged('字符串超出了记录的末尾');
      const step = Math.min(n, this.end() - this.p);
      this.p += step;
      n -= step;
    }
  }

  /** `cch` characters, 8-bit (compressed, Latin-1) or 16-bit; a new option byte at each CONTINUE boundary. */
  chars(cch: number, high: boolean): string {
    const parts: string[] = [];
    let left = cch;
    let wide = high;
    while (left > 0) {
      // characters that run on into a CONTINUE start it with a fresh option byte (as LibreOffice reads them)
      if (this.atBoundary()) {
        this.advance();
        wide = (this.u8() & 1) === 1;
      }
      if (!this.advance()) throw new Damaged('字符串超出了记录的末尾');
      const room = this.end() - this.p;
      const n = Math.min(left, wide ? room >> 1 : room);
      if (n <= 0) throw new Damaged('字符串在记录边界处中断');
      let out = '';
      for (let i = 0; i < n; i++) {
        out += String.fromCharCode(wide ? this.s[this.p] | (this.s[this.p + 1] << 8) : this.s[this.p]);
        this.p += wide ? 2 : 1;
      }
      parts.push(out);
      left -= n;
    }
    return parts.join('');
  }
}

/** A BIFF8 XLUnicodeRichExtendedString (SST items, STRING, LABEL): length, options, runs, phonetic data. */
function unicodeString(r: Spans, cchBytes: 1 | 2): string {
  const cch = cchBytes === 1 ? r.u8() : r.u16();
  const flags = r.u8();
  const runs = flags & 0x08 ? r.u16() : 0;
  const ext = flags & 0x04 ? r.u32() : 0;
  const text = r.chars(cch, (flags & 1) === 1);
  if (runs) r.skip(runs * 4);
  if (ext) r.skip(ext);
  return text;
}

/** RK: a number packed in 30 bits, an integer or the top of a double, maybe ×100. */
function rk(v: number): number {
  let n: number;
  if (v & 0x02) n = v >> 2;
  else {
    const buf = new DataView(new ArrayBuffer(8));
    buf.setUint32(0, 0, true);
    buf.setUint32(4, v & 0xfffffffc, true);
    n = buf.getFloat64(0, true);
  }
  return v & 0x01 ? n / 100 : n;
}

interface Ctx {
  biff8: boolean;
  decode: (b: Uint8Array) => string;
  sst: string[];
  /** Number format code per XF index (null for General). */
  xfFormats: (string | null)[];
}

interface SheetRead {
  rows: Map<number, RowCells>;
  merges: MergedArea[];
  cells: number;
  truncated: boolean;
  /** The last row holding a value, kept counted past a cut so the message can say how many rows there were. */
  maxRow: number;
}

/**
 * Read an .xls / .et workbook. `code` names the kind of file in messages (`xls`, or `et` for a WPS file); any
 * damage is a FileReadError with that code naming the file.
 */
export function readXls(data: Uint8Array, name: string, limits: ReadLimits = READ_LIMITS, code: FileReadErrorCode = 'xls'): Workbook {
  const cfb = openCfb(data, name, code);
  if (cfb.stream('EncryptedPackage') || cfb.stream('EncryptionInfo')) throw readError('encrypted', name);
  const stream = cfb.stream('Workbook') ?? cfb.stream('Book');
  if (!stream) {
    if (cfb.entries.some((e) => e.type === 2 && e.name === 'WordDocument')) throw readError('docx', name);
    throw readError(code, name, '复合文件中没有工作簿数据流（Workbook）');
  }
  try {
    return readStream(stream, name, limits, code);
  } catch (e) {
    if (e instanceof Damaged) throw readError(code, name, e.message);
    if (e instanceof RangeError) throw readError(code, name, '记录数据不完整');
    throw e;
  }
}

function readStream(s: Uint8Array, name: string, limits: ReadLimits, code: FileReadErrorCode): Workbook {
  const dv = new DataView(s.buffer, s.byteOffset, s.byteLength);
  const u16 = (p: number) => dv.getUint16(p, true);
  const it = records(s, 0);
  const first = it.next();
  if (first.done) throw new Damaged('工作簿数据流是空的');
  const bof = first.value;
  if (bof.type === R.BOF2 || bof.type === R.BOF3 || bof.type === R.BOF4) {
    throw readError(code, name, '这是 Excel 4.0 或更早版本的格式');
  }
  if (bof.type !== R.BOF || bof.len < 4) throw new Damaged('工作簿数据流不是以 BOF 记录开始');
  const version = u16(bof.at);
  const biff8 = version === 0x0600;
  if (!biff8 && version !== 0x0500) throw readError(code, name, `不认识的 BIFF 版本 0x${version.toString(16)}`);

  let codepage = 1252;
  const formats = new Map<number, string>();
  const xfFmt: number[] = [];
  let date1904 = false;
  const sheets: { entry: SheetEntry; pos: number; kind: number }[] = [];
  const sst: string[] = [];
  let decoder: { cp: number; td: { decode(b: Uint8Array): string } } | null = null;
  const decode = (b: Uint8Array): string => {
    if (!decoder || decoder.cp !== codepage) decoder = { cp: codepage, td: new TextDecoder(CODEPAGES[codepage] ?? 'windows-1252') };
    return decoder.td.decode(b);
  };
  const ctx: Ctx = { biff8, decode, sst, xfFormats: [] };
  /** A BIFF5 byte string in the workbook's code page. */
  const bytesText = (p: number, n: number, end: number): string => {
    if (p + n > end) throw new Damaged('字符串超出了记录的末尾');
    return ctx.decode(s.subarray(p, p + n));
  };

  const stream = new RecordStream(it);
  const take = (): Rec | null => stream.next();
  /** A record and the CONTINUE records right after it. */
  const withContinues = (r: Rec): Rec[] => stream.continues(r);

  for (let r = take(); r && r.type !== R.EOF; r = take()) {
    const end = r.at + r.len;
    switch (r.type) {
      case R.FILEPASS:
        throw readError('encrypted', name);
      case R.CODEPAGE:
        if (r.len >= 2) codepage = u16(r.at);
        break;
      case R.DATEMODE:
        if (r.len >= 2) date1904 = u16(r.at) === 1;
        break;
      case R.FORMAT: {
        if (r.len < 3) break;
        const id = u16(r.at);
        const text = biff8 ? unicodeString(new Spans(s, [{ type: r.type, at: r.at + 2, len: r.len - 2 }, ...withContinues(r).slice(1)]), 2) : bytesText(r.at + 3, s[r.at + 2], end);
        formats.set(id, text);
        break;
      }
      case R.XF:
        if (r.len >= 4) xfFmt.push(u16(r.at + 2));
        break;
      case R.BOUNDSHEET: {
        if (r.len < 7) break;
        const pos = dv.getUint32(r.at, true);
        const state = s[r.at + 4] & 0x03;
        const kind = s[r.at + 5];
        const sheetName = biff8 ? unicodeString(new Spans(s, [{ type: r.type, at: r.at + 6, len: r.len - 6 }]), 1) : bytesText(r.at + 7, s[r.at + 6], end);
        sheets.push({
          entry: { name: sheetName, state: state === 1 ? 'hidden' : state === 2 ? 'veryHidden' : 'visible', rid: null, sheetId: null },
          pos,
          kind,
        });
        break;
      }
      case R.SST: {
        if (!biff8) break;
        const spans = new Spans(s, withContinues(r));
        spans.u32(); // total references
        const unique = spans.u32();
        // each string takes at least 3 bytes: a count larger than the record can hold is a lie
        const room = Math.floor(s.length / 3);
        if (unique > room) throw new Damaged(`共享字符串表声明了 ${unique} 个字符串，超出了数据流所能容纳的数量`);
        for (let i = 0; i < unique; i++) sst.push(unicodeString(spans, 2));
        break;
      }
      default:
        break;
    }
  }
  ctx.xfFormats = xfFmt.map((id) => {
    const code = formats.get(id) ?? BUILTIN_FORMATS[id] ?? null;
    return code && code !== 'General' ? code : null;
  });

  const grids: Grid[] = [];
  for (const sh of sheets) {
    if (sh.kind !== 0) continue; // chart, macro and VB module sheets hold no cells
    if (sh.pos + 4 > s.length) throw new Damaged(`工作表“${sh.entry.name}”的位置超出了数据流`);
    const read = readSheet(s, sh.pos, ctx, limits, sh.entry.name);
    const rows = [...read.rows.values()].sort((a, b) => a.r - b.r);
    const grid = gridOf(sh.entry, { rows, merges: read.merges, uncalculated: null }, limits);
    if (date1904) grid.date1904 = true;
    if (read.truncated) {
      const rowsTotal = read.maxRow - (grid.origin?.row ?? 0) + 1;
      grid.truncated = { rowsRead: grid.truncated?.rowsRead ?? grid.rows.length, rowsTotal: Math.max(rowsTotal, grid.truncated?.rowsTotal ?? 0) };
    }
    grids.push(grid);
  }
  return { name, sheets: grids };
}

function readSheet(s: Uint8Array, pos: number, ctx: Ctx, limits: ReadLimits, sheetName: string): SheetRead {
  const dv = new DataView(s.buffer, s.byteOffset, s.byteLength);
  const u16 = (p: number) => dv.getUint16(p, true);
  const out: SheetRead = { rows: new Map(), merges: [], cells: 0, truncated: false, maxRow: -1 };
  const put = (row: number, col: number, xf: number, v: Cell) => {
    if (v === null || v === '') return;
    if (row > out.maxRow) out.maxRow = row;
    if (out.cells >= limits.maxCells) {
      out.truncated = true;
      return;
    }
    let r = out.rows.get(row);
    if (!r) out.rows.set(row, (r = { r: row, cols: [], vals: [], fmts: [] }));
    r.cols.push(col);
    r.vals.push(v);
    r.fmts.push(ctx.xfFormats[xf] ?? null);
    out.cells++;
  };
  const it = records(s, pos);
  const first = it.next();
  if (first.done || first.value.type !== R.BOF) throw new Damaged(`工作表“${sheetName}”不是以 BOF 记录开始`);
  /** A FORMULA whose text result is in the STRING record that follows it. */
  let stringFor: { row: number; col: number; xf: number } | null = null;
  let depth = 0; // an embedded chart's own BOF…EOF inside the sheet
  const stream = new RecordStream(it);
  const next = (): Rec | null => stream.next();
  for (let r = next(); r; r = next()) {
    if (r.type === R.BOF) {
      depth++;
      continue;
    }
    if (r.type === R.EOF) {
      if (depth === 0) break;
      depth--;
      continue;
    }
    if (depth > 0) continue;
    const { at, len } = r;
    const need = (n: number) => {
      if (len < n) throw new Damaged(`工作表“${sheetName}”中第 ${at} 字节处的记录太短`);
    };
    switch (r.type) {
      case R.NUMBER:
        need(14);
        put(u16(at), u16(at + 2), u16(at + 4), dv.getFloat64(at + 6, true));
        break;
      case R.RK:
        need(10);
        put(u16(at), u16(at + 2), u16(at + 4), rk(dv.getUint32(at + 6, true)));
        break;
      case R.MULRK: {
        need(6);
        const row = u16(at);
        const c0 = u16(at + 2);
        const n = Math.floor((len - 6) / 6);
        for (let i = 0; i < n; i++) put(row, c0 + i, u16(at + 4 + 6 * i), rk(dv.getUint32(at + 6 + 6 * i, true)));
        break;
      }
      case R.LABELSST: {
        need(10);
        const i = dv.getUint32(at + 6, true);
        const v = ctx.sst[i];
        if (v === undefined) throw new Damaged(`工作表“${sheetName}”的单元格引用了不存在的第 ${i + 1} 个共享字符串`);
        put(u16(at), u16(at + 2), u16(at + 4), v);
        break;
      }
      case R.LABEL:
      case R.RSTRING: {
        need(8);
        let v: string;
        if (ctx.biff8) v = unicodeString(new Spans(s, [{ type: r.type, at: at + 6, len: len - 6 }]), 2);
        else {
          const n = u16(at + 6);
          if (8 + n > len) throw new Damaged(`工作表“${sheetName}”中的文字超出了记录的末尾`);
          v = ctx.decode(s.subarray(at + 8, at + 8 + n));
        }
        put(u16(at), u16(at + 2), u16(at + 4), v);
        break;
      }
      case R.BOOLERR: {
        need(8);
        const v = s[at + 6];
        put(u16(at), u16(at + 2), u16(at + 4), s[at + 7] ? { error: ERRORS[v] ?? '#N/A' } : v !== 0);
        break;
      }
      case R.FORMULA: {
        need(20);
        const row = u16(at);
        const col = u16(at + 2);
        const xf = u16(at + 4);
        if (u16(at + 12) === 0xffff) {
          const kind = s[at + 6];
          if (kind === 0) stringFor = { row, col, xf };
          else if (kind === 1) put(row, col, xf, s[at + 8] !== 0);
          else if (kind === 2) put(row, col, xf, { error: ERRORS[s[at + 8]] ?? '#N/A' });
          // kind 3: an empty string
        } else {
          const v = dv.getFloat64(at + 6, true);
          put(row, col, xf, Number.isFinite(v) ? v : null);
        }
        break;
      }
      case R.STRING: {
        if (!stringFor) break;
        const cont = stream.continues(r);
        let v: string;
        if (ctx.biff8) v = unicodeString(new Spans(s, cont), 2);
        else {
          need(2);
          const n = u16(at);
          if (2 + n > len) throw new Damaged(`工作表“${sheetName}”中的公式结果超出了记录的末尾`);
          v = ctx.decode(s.subarray(at + 2, at + 2 + n));
        }
        put(stringFor.row, stringFor.col, stringFor.xf, v);
        stringFor = null;
        break;
      }
      case R.MERGECELLS: {
        need(2);
        const n = Math.min(u16(at), Math.floor((len - 2) / 8));
        for (let i = 0; i < n; i++) {
          const p = at + 2 + 8 * i;
          const r1 = u16(p);
          const r2 = u16(p + 2);
          const c1 = u16(p + 4);
          const c2 = u16(p + 6);
          out.merges.push({ r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) });
        }
        break;
      }
      default:
        break;
    }
    if (r.type !== R.FORMULA && r.type !== R.STRING && r.type !== R.CONTINUE) {
      // a STRING belongs only to the FORMULA right before it (SHRFMLA/ARRAY may sit between them)
      if (r.type !== 0x04bc && r.type !== 0x0221) stringFor = null;
    }
  }
  return out;
}
