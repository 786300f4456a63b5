/**
 * A text table (.csv, .txt, .tsv) → a Workbook of one sheet named after the file, as Excel or WPS would open it:
 * UTF-8 with or without BOM, UTF-16 with BOM, or else GBK/GB18030 (what a Chinese Excel or WPS writes by
 * default); comma, tab or semicolon, whichever splits the lines most consistently; RFC 4180 quoted fields (a
 * doubled quote, separators and line breaks inside quotes). A field that is a plain number becomes a number and
 * `98%` a number with the format `0%`, as Excel types them on opening; everything else stays text for the one
 * value parser (core/value.ts) to read.
 *
 * Bounded: the text is scanned once; a field longer than a spreadsheet cell can hold (32,767 characters — a file
 * of one 100 MB line, a quote never closed), a row wider than a sheet (16,384 columns) or a file larger than
 * TEXT_LIMITS.bytes stops with a FileReadError naming the file and the line.
 */
import type { Cell, Grid, Workbook } from '../core/types';
import { readError } from './errors';
import { gridOf, READ_LIMITS, type ReadLimits } from './read';
import { detached, type RowCells } from './sheetml';

export const TEXT_LIMITS = {
  /** Largest text file read (a township's indicator table is a few KB). */
  bytes: 64 * 1024 * 1024,
  /** Excel's limit on the characters of one cell. */
  field: 32767,
  /** Excel's limit on the columns of a sheet. */
  columns: 16384,
};

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** The encoding of a text file: its BOM, else UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK). */
export function detectEncoding(b: Uint8Array): { encoding: TextEncodingName; bom: number } {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    // not valid UTF-8 is what says GBK/GB18030 (what Chinese Excel and WPS save a .csv in)
    return { encoding: 'gb18030', bom: 0 };
  }
}

export function decodeText(b: Uint8Array): string {
  const { encoding, bom } = detectEncoding(b);
  return new TextDecoder(encoding).decode(b.subarray(bom));
}

/** Does this look like text (no NUL bytes outside a UTF-16 file, few control characters) in its first 64 KB? */
export function looksLikeText(b: Uint8Array): boolean {
  const { encoding } = detectEncoding(b);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return true;
  const n = Math.min(b.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  return control * 100 <= n;
}

const SEPARATORS = [',', '\t', ';'];

/**
 * The separator that splits the first lines (quotes respected) into the most consistent number of fields: the one
 * whose most common per-line count is highest among lines that have it; comma on a tie, comma when none occurs.
 */
export function detectSeparator(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best = ',';
  let bestScore = 0;
  for (const sep of SEPARATORS) {
    const counts: number[] = [];
    let n = 0;
    let quoted = false;
    for (let i = 0; i < sample.length && counts.length < 50; i++) {
      const c = sample[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && c === sep) n++;
      else if (!quoted && c === '\n') {
        counts.push(n);
        n = 0;
      }
    }
    if (n) counts.push(n);
    const freq = new Map<number, number>();
    for (const k of counts) if (k > 0) freq.set(k, (freq.get(k) ?? 0) + 1);
    // lines agreeing on the same count, weighted by how many fields they make
    let score = 0;
    for (const [k, f] of freq) score = Math.max(score, f * 1000 + k);
    if (score > bestScore) {
      bestScore = score;
      best = sep;
    }
  }
  return best;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;

/** A field as Excel types it on opening a text file: a plain number or a percentage becomes a number. */
function typed(field: string): { v: Cell; fmt: string | null } {
  if (field === '') return { v: field, fmt: null };
  const t = field.trim();
  // 15 significant digits: a longer figure (an ID number) stays text, as it should
  if (NUMBER.test(t) && t.replace(/^[+-]?0*|[.eE].*$/g, '').length <= 15) return { v: Number(t), fmt: null };
  const p = PERCENT.exec(t);
  if (p) {
    const dec = p[1].includes('.') ? p[1].length - p[1].indexOf('.') - 1 : 0;
    return { v: Number(p[1]) / 100, fmt: dec ? `0.${'0'.repeat(dec)}%` : '0%' };
  }
  return { v: detached(field), fmt: null };
}

/** `周营镇-2023-指标.csv` → `周营镇-2023-指标` (Excel names the sheet of an opened CSV the same way, at most 31 characters). */
export function sheetNameOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '') || base || 'Sheet1';
  return stem.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
}

/** Read a text table. Throws FileReadError (code `csv`, or `too-large`) with a message naming the file and line. */
export function readCsv(data: Uint8Array, name: string, limits: ReadLimits = READ_LIMITS): Workbook {
  if (data.length > TEXT_LIMITS.bytes) {
    throw readError('too-large', name, `文本文件有 ${Math.round(data.length / 1024 / 1024)} MB，上限 ${TEXT_LIMITS.bytes / 1024 / 1024} MB`);
  }
  const text = decodeText(data);
  const sep = detectSeparator(text);
  const rows: RowCells[] = [];
  let row: RowCells = { r: 0, cols: [], vals: [], fmts: [] };
  let line = 1; // the line a row starts on, for messages
  let rowLine = 1;
  let col = 0;
  let cells = 0;
  let truncated = false;
  let rowsTotal = 0;
  const n = text.length;
  let i = 0;
  const endField = (field: string) => {
    if (col >= TEXT_LIMITS.columns) throw readError('csv', name, `第 ${rowLine} 行超过 ${TEXT_LIMITS.columns} 列，不像是一张表格`);
    if (field !== '' && !truncated) {
      const { v, fmt } = typed(field);
      row.cols.push(col);
      row.vals.push(v);
      row.fmts.push(fmt);
      cells++;
    }
    col++;
  };
  const endRow = () => {
    rowsTotal = row.r + 1;
    if (row.cols.length && !truncated) rows.push(row);
    if (row.r + 1 >= limits.maxRows || cells >= limits.maxCells) truncated = true;
    row = { r: row.r + 1, cols: [], vals: [], fmts: [] };
    col = 0;
    rowLine = line;
  };
  const tooLong = () => readError('csv', name, `第 ${rowLine} 行有一个字段超过 ${TEXT_LIMITS.field} 个字符（单元格的上限），可能是引号没有配对或文件不是表格`);
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // quoted field: up to the closing quote; "" is one quote
      let out = '';
      let from = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (out.length + ((q < 0 ? n : q) - from) > TEXT_LIMITS.field) throw tooLong();
        if (q < 0) {
          out += text.slice(from); // a quote never closed takes the rest of the file, as Excel reads it
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 0x22) {
          out += text.slice(from, q + 1);
          i = from = q + 2;
          continue;
        }
        out += text.slice(from, q);
        i = q + 1;
        break;
      }
      for (let k = out.indexOf('\n'); k >= 0; k = out.indexOf('\n', k + 1)) line++;
      // text after the closing quote up to the separator belongs to the field, as Excel reads it
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x0a || d === 0x0d || text[j] === sep) break;
        j++;
      }
      if (j - i > TEXT_LIMITS.field) throw tooLong();
      const rest = text.slice(i, j);
      i = j;
      endField(eolToLf(out) + rest);
    } else {
      // plain field: up to the separator or the end of the line
      let j = i;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === 0x0a || c === 0x0d || text[j] === sep) break;
        j++;
        if (j - i > TEXT_LIMITS.field) throw tooLong();
      }
      endField(text.slice(i, j));
      i = j;
    }
    if (i >= n) break;
    c = text.charCodeAt(i);
    if (text[i] === sep) {
      i++;
      if (i >= n) endField('');
      continue;
    }
    // end of line: \r\n, \n or \r
    i += c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    line++;
    endRow();
  }
  if (row.cols.length || col > 0) endRow();

  const grid: Grid = gridOf({ name: sheetNameOf(name), state: 'visible', rid: null, sheetId: null }, { rows, merges: [], uncalculated: null }, limits);
  if (truncated && rowsTotal > (grid.rows.length + (grid.origin?.row ?? 0))) {
    grid.truncated = { rowsRead: grid.rows.length, rowsTotal: rowsTotal - (grid.origin?.row ?? 0) };
  }
  return { name, sheets: [grid] };
}

function eolToLf(s: string): string {
  return s.indexOf('\r') >= 0 ? s.replace(/\r\n?/g, '\n') : s;
}
