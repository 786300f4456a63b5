/**
 * OpenDocument spreadsheet (.ods, ODF 1.2/1.3) bytes → Workbook, for checking: `content.xml` (and the common
 * styles of `styles.xml`) read with the same forward scanner as SpreadsheetML (sheetml.ts), through the same
 * guarded zip reading (zip.ts: declared sizes, bombs). What a check needs, as office-js would report it:
 * - sheets in order, with their names and visibility (`table:display="false"` is hidden);
 * - values by `office:value-type`: numbers, percentages and currencies as numbers, dates and times as serial
 *   numbers of the document's null date, booleans, text (paragraphs joined by line breaks, `text:s` spaces,
 *   annotations left out), and formula errors (`calcext:value-type="error"`) as `{error}`;
 * - number formats from the cell's data style (cell style, else the row's or the column's default cell style):
 *   percent with its decimals, dates, times, fixed decimals;
 * - repeated rows and columns (`number-rows-repeated`, `number-columns-repeated`): empty repeats only move the
 *   position, filled ones are copied within the read limits; merged areas from `number-columns-spanned` /
 *   `number-rows-spanned`, the covered cells (`table:covered-table-cell`) read as empty.
 */
import type { Cell, Grid, MergedArea, Workbook } from '../core/types';
import { isFileReadError, readError } from './errors';
import { gridOf, READ_LIMITS, type ReadLimits } from './read';
import { isoToSerial, Scanner, XmlError, type RowCells } from './sheetml';
import { entriesToInflate, readEntry, utf8, zipDirectory, type ZipEntryInfo } from './zip';

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

/** Is this zip an OpenDocument spreadsheet (its `mimetype` entry, or a content.xml and no SpreadsheetML workbook)? */
export function isOdsPackage(b: Uint8Array, entries: ZipEntryInfo[]): boolean {
  const names = new Set(entries.map((e) => e.name));
  if (names.has('xl/workbook.xml') || !names.has('content.xml')) return false;
  const mime = entries.find((e) => e.name === 'mimetype');
  if (!mime || mime.size > 200) return !names.has('mimetype');
  try {
    return utf8(readEntry(b, mime, false, '')).trim().startsWith(ODS_MIME);
  } catch (e) {
    if (isFileReadError(e)) return false;
    throw e;
  }
}

/** A data style reduced to the number format code the core understands (`0.0%`, `yyyy-mm-dd`, `0.00`). */
interface DataStyle {
  kind: 'number' | 'percentage' | 'currency' | 'date' | 'time' | 'boolean' | 'text';
  decimals: number | null;
  grouping: boolean;
}

function formatCode(d: DataStyle | undefined): string | null {
  if (!d) return null;
  const dec = d.decimals ? `.${'0'.repeat(Math.min(d.decimals, 15))}` : '';
  switch (d.kind) {
    case 'percentage':
      return `0${dec}%`;
    case 'date':
      return 'yyyy-mm-dd';
    case 'time':
      return 'hh:mm:ss';
    case 'text':
      return '@';
    case 'boolean':
      return null;
    case 'currency':
    case 'number':
    default:
      return d.decimals === null ? null : `${d.grouping ? '#,##0' : '0'}${dec}`;
  }
}

const DATA_STYLES: Record<string, DataStyle['kind']> = {
  'number-style': 'number',
  'percentage-style': 'percentage',
  'currency-style': 'currency',
  'date-style': 'date',
  'time-style': 'time',
  'boolean-style': 'boolean',
  'text-style': 'text',
};

/** Styles of one document part: data styles, cell styles (their data style and parent), hidden tables. */
interface Styles {
  data: Map<string, DataStyle>;
  cell: Map<string, { data: string | null; parent: string | null }>;
  hiddenTables: Set<string>;
}

/** Read the style definitions of a part, up to its body (content.xml) or the whole of styles.xml. */
function readStyles(s: Scanner, into: Styles): void {
  let data: { name: string; style: DataStyle } | null = null;
  let styleName: string | null = null;
  let family: string | null = null;
  while (s.next()) {
    const n = s.name;
    if (n === 'body' && !s.closing) return;
    if (s.closing) {
      if (data && DATA_STYLES[n]) {
        into.data.set(data.name, data.style);
        data = null;
      }
      if (n === 'style') styleName = family = null;
      continue;
    }
    const kind = DATA_STYLES[n];
    if (kind) {
      const name = s.attr('name');
      if (name) {
        data = { name, style: { kind, decimals: kind === 'number' || kind === 'percentage' || kind === 'currency' ? null : 0, grouping: false } };
        if (s.empty) {
          into.data.set(name, data.style);
          data = null;
        }
      }
    } else if (data && (n === 'number' || n === 'scientific-number' || n === 'fraction')) {
      const dp = Number(s.attr('decimal-places') ?? 0);
      data.style.decimals = Number.isInteger(dp) && dp >= 0 ? dp : 0;
      data.style.grouping = s.attr('grouping') === 'true';
    } else if (n === 'style') {
      styleName = s.attr('name');
      family = s.attr('family');
      if (styleName && family === 'table-cell') into.cell.set(styleName, { data: s.attr('data-style-name'), parent: s.attr('parent-style-name') });
      if (s.empty) styleName = family = null;
    } else if (n === 'table-properties' && styleName && family === 'table') {
      if (s.attr('display') === 'false') into.hiddenTables.add(styleName);
    }
  }
}

/** The number format of a cell style, through its parents (at most a few levels; a loop stops). */
function styleFormat(styles: Styles, name: string | null, cache: Map<string, string | null>): string | null {
  if (!name) return null;
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  let at: string | null = name;
  let out: string | null = null;
  for (let depth = 0; at && depth < 16; depth++) {
    const st = styles.cell.get(at);
    if (!st) break;
    if (st.data) {
      out = formatCode(styles.data.get(st.data));
      break;
    }
    at = st.parent;
  }
  cache.set(name, out);
  return out;
}

/** ISO 8601 duration of a time cell (`PT13H30M00S`) as a fraction of a day. */
function durationDays(v: string): number | null {
  const m = /^-?P(?:(\d+(?:\.\d+)?)D)?T?(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(v.trim());
  if (!m) return null;
  const [, d, h, mi, se] = m.map((x) => (x === undefined ? 0 : Number(x))) as number[];
  const days = d + h / 24 + mi / 1440 + se / 86400;
  return v.trim().startsWith('-') ? -days : days;
}

/** The text of a cell's paragraphs, as shown: `text:s` spaces, tabs and line breaks; annotations left out. */
function cellText(s: Scanner): string {
  const paras: string[] = [];
  let cur: string | null = null; // the paragraph being read
  const cellName = s.name;
  while (s.next()) {
    const n = s.name;
    if (s.closing) {
      if (n === cellName) break;
      if (n === 'p' || n === 'h') {
        if (cur !== null) paras.push(cur);
        cur = null;
        continue;
      }
    } else if (n === 'annotation' || n === 'note' || n === 'ruby-text') {
      s.skip();
    } else if (n === 'p' || n === 'h') {
      if (s.empty) {
        paras.push('');
        continue;
      }
      cur = '';
    } else if (cur !== null) {
      if (n === 's') cur += ' '.repeat(Math.min(Math.max(1, Number(s.attr('c') ?? 1) || 1), 1000));
      else if (n === 'tab') cur += '\t';
      else if (n === 'line-break') cur += '\n';
    }
    if (cur !== null) cur += s.following();
  }
  return paras.join('\n');
}

interface Ctx {
  styles: Styles;
  cache: Map<string, string | null>;
  date1904: boolean;
}

/** One table → the rows and merges gridOf takes; stops copying repeats at the read limits. */
function readTable(s: Scanner, ctx: Ctx, limits: ReadLimits) {
  const rows: RowCells[] = [];
  const merges: MergedArea[] = [];
  const columns: { from: number; to: number; style: string | null }[] = [];
  let colCount = 0;
  let r = 0;
  let cells = 0;
  let truncated = false;
  let lastFilled = -1;
  const MAX_COL = 1 << 20;
  const tableName = s.name;
  let depth = 1;
  const colStyle = (c: number): string | null => {
    for (const k of columns) if (c >= k.from && c <= k.to) return k.style;
    return null;
  };
  while (s.next()) {
    const n = s.name;
    if (s.closing) {
      if (n === tableName && --depth === 0) break;
      continue;
    }
    if (n === 'table-column') {
      const rep = Math.max(1, Number(s.attr('number-columns-repeated') ?? 1) || 1);
      const style = s.attr('default-cell-style-name');
      if (style && style !== 'Default') columns.push({ from: colCount, to: colCount + rep - 1, style });
      colCount += rep;
      continue;
    }
    if (n === 'shapes' || n === 'named-expressions' || n === 'forms' || n === 'table-source' || n === 'scenario' || n === 'dde-links') {
      s.skip();
      continue;
    }
    if (n !== 'table-row') continue;
    const rowRep = Math.max(1, Math.min(Number(s.attr('number-rows-repeated') ?? 1) || 1, 1 << 21));
    const rowStyle = s.attr('default-cell-style-name');
    const row: RowCells = { r, cols: [], vals: [], fmts: [] };
    let c = 0;
    if (!s.empty) {
      while (s.next()) {
        const cn = s.name;
        if (s.closing) {
          if (cn === 'table-row') break;
          continue;
        }
        if (cn !== 'table-cell' && cn !== 'covered-table-cell') {
          s.skip();
          continue;
        }
        const rep = Math.max(1, Math.min(Number(s.attr('number-columns-repeated') ?? 1) || 1, MAX_COL));
        const covered = cn === 'covered-table-cell';
        const type = s.attrNs('office', 'value-type') ?? s.attr('value-type');
        const calc = s.attrNs('calcext', 'value-type');
        const cs = Number(s.attr('number-columns-spanned') ?? 1) || 1;
        const rs = Number(s.attr('number-rows-spanned') ?? 1) || 1;
        let v: Cell = null;
        let fmt: string | null = null;
        if (!covered && (cs > 1 || rs > 1) && merges.length < limits.maxCells) {
          for (let k = 0; k < Math.min(rep, 64); k++) {
            merges.push({ r1: r, c1: c + k * cs, r2: r + Math.min(rs, 1 << 20) - 1, c2: c + k * cs + Math.min(cs, MAX_COL) - 1 });
          }
        }
        if (covered || (!type && calc !== 'error')) s.skip(); // a covered cell reads as empty, whatever it keeps
        else {
          const style = s.attr('style-name') ?? rowStyle ?? colStyle(c);
          const styleFmt = styleFormat(ctx.styles, style, ctx.cache);
          const num = (x: string | null) => {
            const f = x === null ? NaN : Number(x);
            return Number.isFinite(f) ? f : null;
          };
          const attrs = { value: s.attr('value'), date: s.attr('date-value'), time: s.attr('time-value'), bool: s.attr('boolean-value'), str: s.attr('string-value'), formula: s.attr('formula') };
          const text = s.empty ? '' : cellText(s); // reads to the cell's end
          if (calc === 'error') {
            v = { error: text.trim() || '#VALUE!' };
            fmt = styleFmt;
          }
          else {
            switch (type) {
              case 'float':
              case 'currency':
                v = num(attrs.value);
                fmt = styleFmt && styleFmt !== '@' ? styleFmt : null;
                // LibreOffice saves an Excel TRUE/FALSE as the formula TRUE()/FALSE() with the number 1/0: a yes/no
                if (type === 'float' && (v === 0 || v === 1) && /^(?:of:)?=(TRUE|FALSE)\(\)$/i.test(attrs.formula ?? '')) v = v === 1;
                break;
              case 'percentage':
                v = num(attrs.value);
                fmt = styleFmt && styleFmt.includes('%') ? styleFmt : '0%';
                break;
              case 'date':
                v = attrs.date === null ? null : isoToSerial(attrs.date, ctx.date1904);
                fmt = styleFmt && styleFmt !== '@' && !/^[#0]/.test(styleFmt) ? styleFmt : 'yyyy-mm-dd';
                break;
              case 'time':
                v = attrs.time === null ? null : durationDays(attrs.time);
                fmt = 'hh:mm:ss';
                break;
              case 'boolean':
                v = attrs.bool === null ? null : attrs.bool === 'true' || attrs.bool === '1';
                break;
              case 'string':
              default:
                v = attrs.str ?? text;
                break;
            }
          }
        }
        if (v !== null && v !== '') {
          for (let k = 0; k < rep; k++) {
            if (cells >= limits.maxCells) {
              truncated = true;
              break;
            }
            row.cols.push(c + k);
            row.vals.push(v);
            row.fmts.push(fmt);
            cells++;
          }
        }
        c += rep;
        if (c > MAX_COL) break;
      }
    }
    if (row.cols.length) {
      // a filled row repeated: one copy per row, within the limits
      for (let k = 0; k < rowRep; k++) {
        if (k > 0 && (rows.length >= limits.maxRows || cells + row.cols.length > limits.maxCells)) {
          truncated = true;
          lastFilled = r + rowRep - 1;
          break;
        }
        rows.push(k === 0 ? row : { r: r + k, cols: row.cols, vals: row.vals, fmts: row.fmts });
        if (k > 0) cells += row.cols.length;
        lastFilled = r + k;
      }
    }
    r += rowRep;
  }
  return { rows, merges, truncated, lastFilled };
}

function readContent(content: string, styleXml: string | null, name: string, limits: ReadLimits): Grid[] {
  const styles: Styles = { data: new Map(), cell: new Map(), hiddenTables: new Set() };
  if (styleXml) readStyles(new Scanner(styleXml), styles);
  const s = new Scanner(content);
  readStyles(s, styles); // content.xml's automatic styles, up to <office:body>
  const ctx: Ctx = { styles, cache: new Map(), date1904: false };
  const grids: Grid[] = [];
  while (s.next()) {
    if (s.closing) continue;
    if (s.name === 'null-date') {
      ctx.date1904 = (s.attr('date-value') ?? '').startsWith('1904-01-01');
      continue;
    }
    if (s.name !== 'table' || s.empty) continue;
    const sheetName = s.attr('name') ?? `Sheet${grids.length + 1}`;
    const style = s.attr('style-name');
    const read = readTable(s, ctx, limits);
    const grid = gridOf(
      { name: sheetName, state: style && styles.hiddenTables.has(style) ? 'hidden' : 'visible', rid: null, sheetId: null },
      { rows: read.rows, merges: read.merges, uncalculated: null },
      limits,
    );
    if (ctx.date1904) grid.date1904 = true;
    if (read.truncated) {
      const rowsTotal = read.lastFilled - (grid.origin?.row ?? 0) + 1;
      grid.truncated = { rowsRead: grid.truncated?.rowsRead ?? grid.rows.length, rowsTotal: Math.max(rowsTotal, grid.truncated?.rowsTotal ?? 0) };
    }
    grids.push(grid);
  }
  void name;
  return grids;
}

/** Read an .ods. Throws FileReadError naming the file (code `ods`, or the zip's own codes) when it cannot. */
export function readOds(b: Uint8Array, name: string, limits: ReadLimits = READ_LIMITS): Workbook {
  const entries = zipDirectory(b, name);
  const suspects = entriesToInflate(entries);
  const part = (path: string): string | null => {
    const e = entries.find((x) => x.name === path);
    return e ? utf8(readEntry(b, e, suspects.has(e), name)) : null;
  };
  let reading = 'content.xml';
  try {
    const content = part('content.xml');
    if (content === null) throw readError('ods', name, '缺少 content.xml');
    reading = 'styles.xml';
    const styleXml = part('styles.xml');
    reading = 'content.xml';
    return { name, sheets: readContent(content, styleXml, name, limits) };
  } catch (e) {
    if (isFileReadError(e)) throw e;
    if (e instanceof XmlError) throw readError('ods', name, `${reading}：${e.message}`);
    throw e;
  }
}
