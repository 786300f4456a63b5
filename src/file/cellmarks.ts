/**
 * Marks on the township's own cells, written into the original package (package.ts) without re-serialising it:
 *   - the marked cell's `s` points to a clone of its own cell format that differs only by the mark's fill
 *     (styles.xml, appended; font, number format, border and alignment kept);
 *   - its note is a legacy comment: an entry in the sheet's comments part and a shape in the sheet's VML drawing —
 *     both created, with the sheet's relationships, their content types and a `<legacyDrawing>`, when the sheet has
 *     none; merged into the township's own when it has them (a cell already carrying a comment keeps it, and gets
 *     no second one);
 *   - the records package.ts writes into the very hidden 审核标记 sheet keep what each cell had (its `s`, whether
 *     the tool added the cell or row), so that clearing puts the same `s` back and removes only the tool's comments
 *     and shapes.
 * Every edit is a splice into the part's text: what the tool did not write keeps its bytes, and a sheet whose marks
 * are cleared is its original text again. Pure string work: Node and browsers.
 */
import { parseA1 } from '../core/address';
import { fillToRecord, MARK_NEW_CELL, MARK_NEW_ROW, MARKS_HEADER, MARKS_STYLE_COLUMN, markCell, mergeMarks, recordToFill } from '../core/plan/marks';
import { writableText } from '../core/toolsheets';
import type { Cell, Grid, Mark } from '../core/types';
import { decodeRef, resolveTarget, Scanner } from './sheetml';
import { elementEnd, escAttr, escText, parseRelEls, relsPathOf, rootPrefix, setAttr, splice, tagStart, xstring } from './xmlparts';

/** The parts of the package, as package.ts holds them. */
export interface PartStore {
  text(name: string): string | null;
  setText(name: string, text: string): void;
  remove(name: string): boolean;
  names(): string[];
}

/** Cell formats, as package.ts's styles part offers them. */
export interface MarkStyles {
  /** Cell format `s` with its fill replaced by solid '#RRGGBB' or by none ('none'). */
  withFill(s: number, colour: string): number;
  /** The fill of `s` as a colour ('#RRGGBB'), 'none', or null when no colour says it. */
  fillColour(s: number): string | null;
  /** Whether `a` and `b` are the same cell format but for the fill. */
  sameButFill(a: number, b: number): boolean;
}

/** One row of 审核标记. `style` is null when the record has no 原样式 column (written in Excel by the add-in). */
export interface MarkRecord {
  sheet: string;
  cell: string;
  fill: string;
  note: string;
  severity: string;
  comment: string;
  style: string | null;
}

export const COMMENT_AUTHOR = '指标审核助手';
const COMMENTS_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const VML_CT = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** Children of a worksheet that come after `<legacyDrawing>` (CT_Worksheet's order). */
const AFTER_LEGACY_DRAWING = new Set(['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst']);

function str(v: Cell | undefined): string {
  return v === null || v === undefined || typeof v === 'object' ? '' : String(v);
}

/** The records of a 审核标记 sheet the tool wrote (either adapter): the rows under its header. */
export function readMarkRecords(grid: Grid): MarkRecord[] {
  const rows = grid.rows ?? [];
  const h = rows.findIndex((row) => Array.isArray(row) && row.some((v) => str(v) === MARKS_HEADER[0]));
  if (h < 0) return [];
  const header = rows[h].map(str);
  const col = (name: string) => header.indexOf(name);
  const [iSheet, iCell, iFill, iNote, iSeverity, iComment] = MARKS_HEADER.map(col);
  const iStyle = col(MARKS_STYLE_COLUMN);
  const out: MarkRecord[] = [];
  for (const row of rows.slice(h + 1)) {
    if (!Array.isArray(row)) continue;
    const at = (i: number) => (i < 0 ? '' : str(row[i]));
    const sheet = at(iSheet);
    const cell = markCell(at(iCell));
    if (!sheet || !parseA1(cell)) continue;
    out.push({ sheet, cell, fill: at(iFill), note: at(iNote), severity: at(iSeverity), comment: at(iComment), style: iStyle < 0 ? null : at(iStyle) });
  }
  return out;
}

// ───────────────────────────── the worksheet part ─────────────────────────────

interface CellLoc {
  col: number;
  start: number;
  tagEnd: number;
  end: number;
  /** The `s` attribute as written, or null. */
  s: string | null;
  /** A value, formula or inline text inside. */
  content: boolean;
}

interface RowLoc {
  idx: number;
  start: number;
  tagEnd: number;
  end: number;
  /** Start of `</row>`; null for `<row …/>`. */
  close: number | null;
  /** Its cells, read only for the rows asked for. */
  cells: CellLoc[];
}

interface SheetScan {
  prefix: string;
  rows: RowLoc[];
  byIdx: Map<number, RowLoc>;
  /** `<sheetData/>`'s span when it is empty; else where `</sheetData>` starts. */
  dataEmpty: { start: number; end: number } | null;
  dataClose: number;
  children: { name: string; start: number; end: number; rid: string | null }[];
  rootClose: number;
}

/** Rows, and the cells of `wanted` rows, of a worksheet part; its top-level elements. One forward pass. */
function scanSheet(xml: string, wanted: Set<number>): SheetScan {
  const s = new Scanner(xml);
  const scan: SheetScan = { prefix: rootPrefix(xml, 'worksheet'), rows: [], byIdx: new Map(), dataEmpty: null, dataClose: -1, children: [], rootClose: -1 };
  let inRoot = false;
  while (s.next()) {
    if (s.closing) {
      if (s.name === 'worksheet') scan.rootClose = tagStart(s);
      continue;
    }
    if (!inRoot) {
      inRoot = true;
      continue;
    }
    const start = tagStart(s);
    if (s.name !== 'sheetData') {
      const rid = s.attr('id');
      scan.children.push({ name: s.name, start, rid, end: elementEnd(s) });
      continue;
    }
    if (s.empty) {
      scan.dataEmpty = { start, end: s.pos };
      scan.children.push({ name: s.name, start, end: s.pos, rid: null });
      continue;
    }
    let prevRow = -1;
    while (s.next()) {
      const tag: string = s.name;
      if (s.closing) {
        if (tag === 'sheetData') break;
        continue;
      }
      if (tag !== 'row') {
        elementEnd(s);
        continue;
      }
      const rowStart = tagStart(s);
      const r = s.attr('r');
      const idx = r !== null && /^\d+$/.test(r) ? Number(r) - 1 : prevRow + 1;
      prevRow = idx;
      const row: RowLoc = { idx, start: rowStart, tagEnd: s.pos, end: s.pos, close: null, cells: [] };
      if (!s.empty && !wanted.has(idx)) {
        s.skip();
        row.close = tagStart(s);
        row.end = s.pos;
      } else if (!s.empty) {
        let prevCol = -1;
        while (s.next()) {
          const inner: string = s.name;
          if (s.closing) {
            if (inner === 'row') break;
            continue;
          }
          if (inner !== 'c') {
            elementEnd(s);
            continue;
          }
          const cStart = tagStart(s);
          const cTagEnd = s.pos;
          const ref = s.attr('r');
          const rc = ref ? decodeRef(ref) : null;
          const col = rc ? rc[1] : prevCol + 1;
          prevCol = col;
          const sAttr = s.attr('s');
          let content = false;
          if (!s.empty) {
            s.skip();
            content = /\S/.test(xml.slice(cTagEnd, tagStart(s)));
          }
          row.cells.push({ col, start: cStart, tagEnd: cTagEnd, end: s.pos, s: sAttr, content });
        }
        row.close = tagStart(s);
        row.end = s.pos;
      }
      scan.rows.push(row);
      if (!scan.byIdx.has(idx)) scan.byIdx.set(idx, row);
    }
    scan.dataClose = tagStart(s);
    scan.children.push({ name: s.name, start, end: s.pos, rid: null });
  }
  return scan;
}

function withoutS(tag: string): string {
  return tag.replace(/\ss\s*=\s*("[^"]*"|'[^']*')/, '');
}

function styleOf(cell: CellLoc | undefined): number {
  return cell && cell.s !== null && /^\d+$/.test(cell.s) ? Number(cell.s) : 0;
}

interface Target {
  row: number;
  col: number;
  cell: string;
}

function target(cell: string): Target {
  const a = parseA1(cell)!;
  return { row: a.row, col: a.col, cell: markCell(cell) };
}

function byPosition<T extends Target>(list: T[]): T[] {
  return [...list].sort((a, b) => a.row - b.row || a.col - b.col);
}

/** Put back the cells of earlier marks on one sheet: their own `s`, or (add-in records) their recorded colour. */
function restoreCells(xml: string, records: (MarkRecord & Target)[], styles: MarkStyles): string {
  if (!records.length) return xml;
  const scan = scanSheet(xml, new Set(records.map((r) => r.row)));
  const edits: { at: number; end?: number; text: string }[] = [];
  const dropped = new Set<CellLoc>();
  for (const rec of records) {
    const row = scan.byIdx.get(rec.row);
    const cell = row?.cells.find((c) => c.col === rec.col);
    if (!row || !cell) continue;
    const tag = xml.slice(cell.start, cell.tagEnd);
    const own = rec.style === null ? null : /^\d+$/.test(rec.style) ? Number(rec.style) : 0;
    // the recorded format is put back only while the cell's format is still the mark made from it (and that format
    // still has the recorded fill); a copy saved again by Excel or WPS may have renumbered the formats, and the
    // recorded colour is then all that is sure
    const still = own !== null && styles.sameButFill(styleOf(cell), own) && (styles.fillColour(own) ?? 'none') === recordToFill(rec.fill);
    if (!still) {
      edits.push({ at: cell.start, end: cell.tagEnd, text: setAttr(tag, 's', String(styles.withFill(styleOf(cell), recordToFill(rec.fill)))) });
    } else if ((rec.style === MARK_NEW_CELL || rec.style === MARK_NEW_ROW) && !cell.content) {
      dropped.add(cell);
      if (rec.style === MARK_NEW_CELL) edits.push({ at: cell.start, end: cell.end, text: '' });
    } else if (!/^\d+$/.test(rec.style!)) {
      edits.push({ at: cell.start, end: cell.tagEnd, text: withoutS(tag) });
    } else {
      edits.push({ at: cell.start, end: cell.tagEnd, text: setAttr(tag, 's', rec.style!) });
    }
  }
  // a row the tool added goes when all it holds is the tool's empty cells (with them); else only those cells go
  const rowsGone = new Set<RowLoc>();
  for (const rec of records) {
    if (rec.style !== MARK_NEW_ROW) continue;
    const row = scan.byIdx.get(rec.row);
    const cell = row?.cells.find((c) => c.col === rec.col);
    if (!row || !cell || !dropped.has(cell)) continue;
    if (row.cells.every((c) => dropped.has(c))) rowsGone.add(row);
    else edits.push({ at: cell.start, end: cell.end, text: '' });
  }
  const inGone = (at: number) => [...rowsGone].some((r) => at >= r.start && at < r.end);
  return splice(xml, [...edits.filter((e) => !inGone(e.at)), ...[...rowsGone].map((r) => ({ at: r.start, end: r.end, text: '' }))]);
}

/** Fill the cells of `marks` on one sheet; returns the new text and, per cell, what it had (原样式). */
function markCells(xml: string, marks: (Mark & Target)[], styles: MarkStyles): { xml: string; originals: Map<string, { style: string; s: number }> } {
  const originals = new Map<string, { style: string; s: number }>();
  if (!marks.length) return { xml, originals };
  const scan = scanSheet(xml, new Set(marks.map((m) => m.row)));
  const p = scan.prefix;
  const edits: { at: number; end?: number; text: string }[] = [];
  const newRows = new Map<number, string[]>();
  const grown = new Map<RowLoc, string[]>();
  for (const m of byPosition(marks)) {
    const row = scan.byIdx.get(m.row);
    const cell = row?.cells.find((c) => c.col === m.col);
    const s = styleOf(cell);
    const ns = styles.withFill(s, m.fill);
    if (cell) {
      originals.set(m.cell, { style: cell.s ?? '', s });
      edits.push({ at: cell.start, end: cell.tagEnd, text: setAttr(xml.slice(cell.start, cell.tagEnd), 's', String(ns)) });
      continue;
    }
    const tag = `<${p}c r="${m.cell}" s="${ns}"/>`;
    if (row) {
      originals.set(m.cell, { style: MARK_NEW_CELL, s });
      if (row.close === null) grown.set(row, [...(grown.get(row) ?? []), tag]);
      else edits.push({ at: row.cells.find((c) => c.col > m.col)?.start ?? row.close, text: tag });
    } else {
      originals.set(m.cell, { style: MARK_NEW_ROW, s });
      newRows.set(m.row, [...(newRows.get(m.row) ?? []), tag]);
    }
  }
  for (const [row, tags] of grown) {
    const open = xml.slice(row.start, row.tagEnd).replace(/\s*\/>$/, '>');
    edits.push({ at: row.start, end: row.end, text: `${open}${tags.join('')}</${p}row>` });
  }
  const rowsXml = [...newRows.entries()].sort((a, b) => a[0] - b[0]);
  for (const [idx, tags] of rowsXml) {
    const text = `<${p}row r="${idx + 1}">${tags.join('')}</${p}row>`;
    if (scan.dataEmpty) continue;
    edits.push({ at: scan.rows.find((r) => r.idx > idx)?.start ?? scan.dataClose, text });
  }
  if (scan.dataEmpty && rowsXml.length) {
    const rows = rowsXml.map(([idx, tags]) => `<${p}row r="${idx + 1}">${tags.join('')}</${p}row>`).join('');
    const open = xml.slice(scan.dataEmpty.start, scan.dataEmpty.end).replace(/\s*\/>$/, '>');
    edits.push({ at: scan.dataEmpty.start, end: scan.dataEmpty.end, text: `${open}${rows}</${p}sheetData>` });
  }
  return { xml: splice(xml, edits), originals };
}

// ───────────────────────────── comments ─────────────────────────────

interface CommentEl {
  ref: string;
  authorId: number;
  start: number;
  end: number;
  text: string;
  /** The span of its `<text>` element. */
  textStart: number;
  textEnd: number;
}

interface CommentsDoc {
  prefix: string;
  authors: { name: string; start: number; end: number }[];
  authorsClose: number;
  authorsEmpty: { start: number; end: number } | null;
  listClose: number;
  listEmpty: { start: number; end: number } | null;
  comments: CommentEl[];
}

/** `_x000D_` and the like (ST_Xstring escapes) decoded. */
function unescapeXstring(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => unescapeXstring(s).replace(/\r\n?/g, '\n').trim();
  return norm(a) === norm(b);
}

function parseComments(xml: string): CommentsDoc {
  const s = new Scanner(xml);
  const doc: CommentsDoc = { prefix: rootPrefix(xml, 'comments'), authors: [], authorsClose: -1, authorsEmpty: null, listClose: -1, listEmpty: null, comments: [] };
  while (s.next()) {
    if (s.closing) {
      if (s.name === 'authors') doc.authorsClose = tagStart(s);
      if (s.name === 'commentList') doc.listClose = tagStart(s);
      continue;
    }
    const start = tagStart(s);
    if (s.name === 'authors' && s.empty) doc.authorsEmpty = { start, end: s.pos };
    else if (s.name === 'commentList' && s.empty) doc.listEmpty = { start, end: s.pos };
    else if (s.name === 'author') {
      const name = s.text();
      doc.authors.push({ name, start, end: elementEnd(s) });
    } else if (s.name === 'comment') {
      const c: CommentEl = { ref: markCell(s.attr('ref') ?? ''), authorId: Number(s.attr('authorId') ?? 0) || 0, start, end: s.pos, text: '', textStart: -1, textEnd: -1 };
      if (!s.empty) {
        while (s.next()) {
          const tag: string = s.name;
          if (s.closing) {
            if (tag === 'comment') break;
            if (tag === 'text') c.textEnd = s.pos;
            continue;
          }
          if (tag === 'text') c.textStart = tagStart(s);
          if (tag === 'rPh' || tag === 'phoneticPr') elementEnd(s);
          else if (tag === 't') c.text += s.text();
        }
        c.end = s.pos;
      }
      doc.comments.push(c);
    }
  }
  return doc;
}

/** A note's text as one run in the font Excel gives a note in Chinese (ExcelJS, too, reads a note's text from runs). */
function textXml(p: string, text: string): string {
  return `<${p}text><${p}r><${p}rPr><${p}sz val="9"/><${p}rFont val="宋体"/><${p}charset val="134"/></${p}rPr><${p}t xml:space="preserve">${escText(xstring(writableText(text)))}</${p}t></${p}r></${p}text>`;
}

function commentXml(p: string, cell: string, author: number, text: string): string {
  return `<${p}comment ref="${cell}" authorId="${author}">${textXml(p, text)}</${p}comment>`;
}

/** The text of a note as the first file adapter kept it (ExcelJS's note: a string or `{ texts: [{ text }] }`). */
function noteText(json: string): string | null {
  try {
    const v = JSON.parse(json) as unknown;
    if (typeof v === 'string') return v;
    const texts = (v as { texts?: { text?: unknown }[] } | null)?.texts;
    if (Array.isArray(texts)) return texts.map((t) => (typeof t?.text === 'string' ? t.text : '')).join('');
    return null;
  } catch (e) {
    if (e instanceof SyntaxError) return null; // not what that adapter wrote: nothing to put back
    throw e;
  }
}

// ───────────────────────────── the VML drawing ─────────────────────────────

interface VmlNames {
  v: string;
  o: string;
  x: string;
}

function vmlNames(xml: string): VmlNames {
  const pre = (uri: string, usual: string) => new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*"${uri.replace(/[.:]/g, '\\$&')}"`).exec(xml)?.[1] ?? usual;
  return { v: pre('urn:schemas-microsoft-com:vml', 'v'), o: pre('urn:schemas-microsoft-com:office:office', 'o'), x: pre('urn:schemas-microsoft-com:office:excel', 'x') };
}

function noteShapes(xml: string): { start: number; end: number; row: number; col: number; note: boolean }[] {
  const n = vmlNames(xml);
  const out: { start: number; end: number; row: number; col: number; note: boolean }[] = [];
  const re = new RegExp(`<${n.v}:shape\\b[^>]*>[\\s\\S]*?</${n.v}:shape>`, 'g');
  for (const m of xml.matchAll(re)) {
    const body = m[0];
    const note = new RegExp(`<${n.x}:ClientData\\b[^>]*ObjectType\\s*=\\s*"Note"`).test(body);
    const row = Number(new RegExp(`<${n.x}:Row>\\s*(\\d+)\\s*</${n.x}:Row>`).exec(body)?.[1] ?? -1);
    const col = Number(new RegExp(`<${n.x}:Column>\\s*(\\d+)\\s*</${n.x}:Column>`).exec(body)?.[1] ?? -1);
    out.push({ start: m.index!, end: m.index! + body.length, row, col, note });
  }
  return out;
}

function shapeType(n: VmlNames): string {
  return `<${n.v}:shapetype id="_x0000_t202" coordsize="21600,21600" ${n.o}:spt="202" path="m,l,21600r21600,l21600,xe"><${n.v}:stroke joinstyle="miter"/><${n.v}:path gradientshapeok="t" ${n.o}:connecttype="rect"/></${n.v}:shapetype>`;
}

/** The shape-id blocks (o:idmap) `count` notes take from block `first`: 1,024 ids a block, the first id `first`×1024+1. */
function idBlocks(first: number, count: number): string {
  const last = Math.floor((first * 1024 + count) / 1024);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i).join(',');
}

/** A new VML drawing for `count` notes from block `first`, as its start and its end (the shapes go between). */
export function vmlFrame(first: number, count: number): { start: string; end: string } {
  const n = { v: 'v', o: 'o', x: 'x' };
  return {
    start:
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idBlocks(first, count)}"/></o:shapelayout>${shapeType(n)}`,
    end: '</xml>',
  };
}

function newVml(block: number): string {
  const f = vmlFrame(block, 0);
  return f.start + f.end;
}

/** A hidden note box beside the cell (shown when the pointer is on the cell), tall enough for its lines. */
function shapeXml(n: VmlNames, id: number, z: number, row: number, col: number, lines: number): string {
  const tall = Math.min(16, Math.max(4, lines * 2));
  const anchor = `${col + 1}, 15, ${Math.max(0, row - 1)}, 10, ${col + 4}, 15, ${Math.max(0, row - 1) + tall}, 4`;
  return (
    `<${n.v}:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:216pt;height:${tall * 15}pt;z-index:${z};visibility:hidden" fillcolor="#ffffe1" ${n.o}:insetmode="auto">` +
    `<${n.v}:fill color2="#ffffe1"/><${n.v}:shadow on="t" color="black" obscured="t"/><${n.v}:path ${n.o}:connecttype="none"/>` +
    `<${n.v}:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></${n.v}:textbox>` +
    `<${n.x}:ClientData ObjectType="Note"><${n.x}:MoveWithCells/><${n.x}:SizeWithCells/><${n.x}:Anchor>${anchor}</${n.x}:Anchor><${n.x}:AutoFill>False</${n.x}:AutoFill><${n.x}:Row>${row}</${n.x}:Row><${n.x}:Column>${col}</${n.x}:Column></${n.x}:ClientData>` +
    `</${n.v}:shape>`
  );
}

/** The shape-id block (o:idmap) a new VML part takes: after every block the package's VML parts use. */
function freeVmlBlock(pkg: PartStore): number {
  let max = 0;
  for (const name of pkg.names()) {
    if (!/\.vml$/i.test(name)) continue;
    const xml = pkg.text(name) ?? '';
    for (const m of xml.matchAll(/idmap\b[^>]*\bdata\s*=\s*"([^"]*)"/g)) for (const d of m[1].split(/[,\s]+/)) if (/^\d+$/.test(d)) max = Math.max(max, Number(d));
    for (const m of xml.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Math.floor(Number(m[1]) / 1024));
  }
  return max + 1;
}

function freePart(pkg: PartStore, pattern: (n: number) => string): string {
  const taken = new Set(pkg.names().map((n) => n.toLowerCase()));
  let n = 1;
  while (taken.has(pattern(n).toLowerCase())) n++;
  return pattern(n);
}

// ───────────────────────────── one sheet, then all ─────────────────────────────

export interface MarkContext {
  pkg: PartStore;
  styles: MarkStyles;
  /** The sheets marks may be on or restored in: the township's sheets the plan keeps, with their parts. */
  sheets: { name: string; part: string }[];
  /** The records of the tool's 审核标记 sheet: every earlier mark, cleared before anything is marked. */
  records: MarkRecord[];
  marks: Mark[];
  /** The relationships namespace of the package (transitional or strict). */
  relNs: string;
}

export interface MarkOutcome {
  /** The new 审核标记 records, in MARKS_HEADER order plus 原样式. */
  rows: string[][];
  removed: Set<string>;
  added: [string, string][];
}

/**
 * Clear the earlier marks (`records`), then mark `marks`, in every sheet involved. The caller writes the returned
 * records as the new 审核标记 sheet (or removes that sheet when there are none) and the content types.
 */
export function applyCellMarks(ctx: MarkContext): MarkOutcome {
  const out: MarkOutcome = { rows: [], removed: new Set(), added: [] };
  const partOf = new Map(ctx.sheets.map((s) => [s.name, s.part]));
  const records = ctx.records.filter((r) => partOf.has(r.sheet) && parseA1(r.cell));
  const marks = mergeMarks(ctx.marks).filter((m) => partOf.has(m.sheet));
  const names = [...new Set([...records.map((r) => r.sheet), ...marks.map((m) => m.sheet)])];
  for (const sheet of names) {
    editSheet(
      ctx,
      sheet,
      partOf.get(sheet)!,
      records.filter((r) => r.sheet === sheet).map((r) => ({ ...r, ...target(r.cell) })),
      marks.filter((m) => m.sheet === sheet).map((m) => ({ ...m, ...target(m.cell) })),
      out,
    );
  }
  return out;
}

function editSheet(ctx: MarkContext, sheet: string, part: string, records: (MarkRecord & Target)[], marks: (Mark & Target)[], out: MarkOutcome): void {
  const { pkg, styles } = ctx;
  const original = pkg.text(part);
  if (original === null) return;
  let xml = restoreCells(original, records, styles);
  const marked = markCells(xml, marks, styles);
  xml = marked.xml;

  // ── the sheet's comments and VML drawing, found through its relationships
  const relsPart = relsPathOf(part);
  const relsXml = pkg.text(relsPart);
  const rels = relsXml === null ? null : parseRelEls(relsXml);
  const dir = part.slice(0, part.lastIndexOf('/') + 1);
  const commentsRel = rels?.rels.find((r) => r.type.endsWith('/comments') && !r.external) ?? null;
  const commentsPart = commentsRel ? resolveTarget(dir, commentsRel.target) : null;
  const legacy = scanSheet(xml, new Set()).children.find((c) => c.name === 'legacyDrawing') ?? null;
  const vmlRel = legacy && rels ? rels.rels.find((r) => r.id === legacy.rid && !r.external) ?? null : null;
  const vmlPart = vmlRel ? resolveTarget(dir, vmlRel.target) : null;
  let comments = commentsPart ? pkg.text(commentsPart) : null;
  let vml = vmlPart ? pkg.text(vmlPart) : null;
  const commentsBefore = comments;
  const vmlBefore = vml;

  // ── clear: the tool's comments (an old copy's note put back where the first file adapter had replaced one)
  const gone: Target[] = [];
  if (comments !== null) {
    const doc = parseComments(comments);
    const edits: { at: number; end?: number; text: string }[] = [];
    const left = new Set(doc.comments);
    for (const rec of records) {
      if (!rec.comment) continue;
      const c = doc.comments.find((x) => left.has(x) && x.ref === rec.cell && sameText(x.text, rec.comment));
      if (!c) continue;
      const back = rec.note ? noteText(rec.note) : null;
      if (back !== null && c.textStart >= 0 && c.textEnd > c.textStart) {
        edits.push({ at: c.textStart, end: c.textEnd, text: textXml(doc.prefix, back) });
        continue;
      }
      left.delete(c);
      edits.push({ at: c.start, end: c.end, text: '' });
      gone.push(rec);
    }
    // the tool's author goes with its last comment when it is the last author (no other index moves)
    const last = doc.authors.length - 1;
    if (last >= 0 && doc.authors[last].name === COMMENT_AUTHOR && ![...left].some((c) => c.authorId === last)) {
      edits.push({ at: doc.authors[last].start, end: doc.authors[last].end, text: '' });
    }
    comments = splice(comments, edits);
  }
  if (vml !== null && gone.length) {
    const shapes = noteShapes(vml).filter((sh) => sh.note && gone.some((g) => g.row === sh.row && g.col === sh.col));
    vml = splice(
      vml,
      shapes.map((sh) => ({ at: sh.start, end: sh.end, text: '' })),
    );
  }

  // ── mark: a comment on every marked cell that has none (a township's comment is kept, and no second added)
  const noted: (Mark & Target)[] = [];
  const existing = comments !== null ? parseComments(comments) : null;
  for (const m of byPosition(marks)) {
    const comment = writableText(m.comment);
    const foreign = existing?.comments.some((c) => c.ref === m.cell) ?? false;
    const fill = fillToRecord(styles.fillColour(marked.originals.get(m.cell)?.s ?? 0) ?? 'none');
    const style = marked.originals.get(m.cell)?.style ?? '';
    out.rows.push([sheet, m.cell, fill, '', m.severity, foreign || !comment ? '' : comment, style]);
    if (!foreign && comment) noted.push({ ...m, comment });
  }
  if (noted.length) {
    if (comments === null) {
      comments = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>`;
    }
    let doc = parseComments(comments);
    let author = doc.authors.findIndex((a) => a.name === COMMENT_AUTHOR);
    if (author < 0) {
      const el = `<${doc.prefix}author>${COMMENT_AUTHOR}</${doc.prefix}author>`;
      comments = doc.authorsEmpty
        ? splice(comments, [{ at: doc.authorsEmpty.start, end: doc.authorsEmpty.end, text: `<${doc.prefix}authors>${el}</${doc.prefix}authors>` }])
        : doc.authorsClose >= 0
          ? splice(comments, [{ at: doc.authorsClose, text: el }])
          : comments.replace(new RegExp(`(<${doc.prefix}comments\\b[^>]*>)`), `$1<${doc.prefix}authors>${el}</${doc.prefix}authors>`);
      doc = parseComments(comments);
      author = doc.authors.findIndex((a) => a.name === COMMENT_AUTHOR);
    }
    const els = noted.map((m) => commentXml(doc.prefix, m.cell, author, m.comment)).join('');
    comments = doc.listEmpty
      ? splice(comments, [{ at: doc.listEmpty.start, end: doc.listEmpty.end, text: `<${doc.prefix}commentList>${els}</${doc.prefix}commentList>` }])
      : doc.listClose >= 0
        ? splice(comments, [{ at: doc.listClose, text: els }])
        : comments.replace(new RegExp(`(</${doc.prefix}comments>)`), `<${doc.prefix}commentList>${els}</${doc.prefix}commentList>$1`);

    if (vml === null) vml = newVml(freeVmlBlock(pkg));
    const n = vmlNames(vml);
    if (!vml.includes('_x0000_t202')) vml = vml.replace(/(<\/xml>\s*)$/, `${shapeType(n)}$1`);
    const ids = [...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]));
    const block = Number(/idmap\b[^>]*\bdata\s*=\s*"(\d+)/.exec(vml)?.[1] ?? 1) || 1;
    let id = Math.max(block * 1024, ...ids);
    let z = noteShapes(vml).length;
    const shapes = noted.map((m) => shapeXml(n, ++id, ++z, m.row, m.col, m.comment.split('\n').length)).join('');
    const close = vml.lastIndexOf('</xml>');
    vml = close >= 0 ? vml.slice(0, close) + shapes + vml.slice(close) : vml + shapes;
  }

  // ── write back: parts, the sheet's relationships, its <legacyDrawing>
  const relEdits: { at: number; end?: number; text: string }[] = [];
  const relPrefix = rels?.prefix ?? '';
  const relIds = new Set(rels?.rels.map((r) => r.id) ?? []);
  const newRel = (type: string, targetPart: string): string => {
    let k = 1;
    while (relIds.has(`rId${k}`)) k++;
    const id = `rId${k}`;
    relIds.add(id);
    const rel = relativeTarget(dir, targetPart);
    relEdits.push({ at: rels ? rels.close : 0, text: `<${relPrefix}Relationship Id="${id}" Type="${ctx.relNs}/${type}" Target="${escAttr(rel)}"/>` });
    return id;
  };
  const hasComments = comments !== null && parseComments(comments).comments.length > 0;
  if (comments !== commentsBefore) {
    if (!hasComments) {
      if (commentsPart) {
        pkg.remove(commentsPart);
        out.removed.add(commentsPart.toLowerCase());
        relEdits.push({ at: commentsRel!.start, end: commentsRel!.end, text: '' });
      }
    } else if (commentsPart) pkg.setText(commentsPart, comments!);
    else {
      const name = freePart(pkg, (k) => `xl/comments${k}.xml`);
      pkg.setText(name, comments!);
      out.added.push([name, COMMENTS_CT]);
      newRel('comments', name);
    }
  }
  const hasShapes = vml !== null && noteShapes(vml).length > 0;
  if (vml !== vmlBefore) {
    if (!hasShapes) {
      if (vmlPart && legacy) {
        pkg.remove(vmlPart);
        out.removed.add(vmlPart.toLowerCase());
        relEdits.push({ at: vmlRel!.start, end: vmlRel!.end, text: '' });
        xml = xml.slice(0, legacy.start) + xml.slice(legacy.end);
      }
    } else if (vmlPart) pkg.setText(vmlPart, vml!);
    else {
      const name = freePart(pkg, (k) => `xl/drawings/vmlDrawing${k}.vml`);
      pkg.setText(name, vml!);
      out.added.push([name, VML_CT]);
      const rid = newRel('vmlDrawing', name);
      xml = withLegacyDrawing(xml, rid, ctx.relNs);
    }
  }
  if (relEdits.length) {
    const base = relsXml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_RELS}"></Relationships>`;
    const at = relsXml === null ? base.lastIndexOf('</Relationships>') : -1;
    const text = splice(
      base,
      relEdits.map((e) => (relsXml === null ? { ...e, at } : e)),
    );
    if (parseRelEls(text).rels.length) pkg.setText(relsPart, text);
    else if (relsXml !== null) {
      pkg.remove(relsPart);
      out.removed.add(relsPart.toLowerCase());
    }
  }
  if (xml !== original) pkg.setText(part, xml);
}

/** A part's name relative to the folder of the part whose relationship points to it. */
function relativeTarget(fromDir: string, to: string): string {
  const a = fromDir.split('/').filter(Boolean);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/** The sheet with a `<legacyDrawing>` in its place in CT_Worksheet's order. */
function withLegacyDrawing(xml: string, rid: string, relNs: string): string {
  const scan = scanSheet(xml, new Set());
  const root = new RegExp(`<${scan.prefix}worksheet\\b[^>]*>`).exec(xml)?.[0] ?? '';
  const declared = [...root.matchAll(/\sxmlns:([\w.-]+)\s*=\s*"([^"]*)"/g)].find((m) => /officeDocument\/(2006\/)?relationships$/.test(m[2]));
  const attr = declared ? `${declared[1]}:id="${rid}"` : `xmlns:r="${relNs}" r:id="${rid}"`;
  const el = `<${scan.prefix}legacyDrawing ${attr}/>`;
  const at = scan.children.find((c) => AFTER_LEGACY_DRAWING.has(c.name))?.start ?? scan.rootClose;
  return xml.slice(0, at) + el + xml.slice(at);
}

// ───────────────────────────── notes on a new sheet ─────────────────────────────

/** A new comments part is COMMENTS_START, a `noteXml` per note in the order of their cells, then COMMENTS_END. */
export const COMMENTS_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  `<authors><author>${COMMENT_AUTHOR}</author></authors><commentList>`;
export const COMMENTS_END = '</commentList></comments>';

/** One note of a new comments part (the tool its author), on `cell` (A1). */
export function noteXml(cell: string, text: string): string {
  return commentXml('', cell, 0, text);
}

/** The note box of the `i`-th note (0-based, of `lines` lines) of a new VML drawing whose shape ids start at block `first`. */
export function noteShape(first: number, i: number, row: number, col: number, lines: number): string {
  return shapeXml({ v: 'v', o: 'o', x: 'x' }, first * 1024 + i + 1, i + 1, row, col, lines);
}

export { COMMENTS_CT, VML_CT, PKG_RELS };

/**
 * Notes (CellSpec.note) on the cells of a sheet the tool has just written — a new part with no relationships of its
 * own — as legacy notes, like the marks': a comments part, a VML drawing, the sheet's relationships part and its
 * `<legacyDrawing>`. They go with the sheet when a re-run or a removal deletes it (its relationships name them).
 * Returns the sheet's text with the `<legacyDrawing>` and the new parts with their content types.
 */
export function notesOnNewSheet(pkg: PartStore, part: string, xml: string, notes: { cell: string; text: string }[], relNs: string): { xml: string; added: [string, string][] } {
  const list = byPosition(
    notes
      .filter((n) => parseA1(n.cell))
      .map((n) => ({ ...target(n.cell), text: writableText(n.text) }))
      .filter((n) => n.text),
  );
  if (!list.length) return { xml, added: [] };
  const comments = COMMENTS_START + list.map((n) => noteXml(n.cell, n.text)).join('') + COMMENTS_END;
  const block = freeVmlBlock(pkg);
  const frame = vmlFrame(block, list.length);
  const vml = frame.start + list.map((n, i) => noteShape(block, i, n.row, n.col, n.text.split('\n').length)).join('') + frame.end;
  const commentsPart = freePart(pkg, (k) => `xl/comments${k}.xml`);
  pkg.setText(commentsPart, comments);
  const vmlPart = freePart(pkg, (k) => `xl/drawings/vmlDrawing${k}.vml`);
  pkg.setText(vmlPart, vml);
  const dir = part.slice(0, part.lastIndexOf('/') + 1);
  pkg.setText(
    relsPathOf(part),
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_RELS}">` +
      `<Relationship Id="rId1" Type="${relNs}/comments" Target="${escAttr(relativeTarget(dir, commentsPart))}"/>` +
      `<Relationship Id="rId2" Type="${relNs}/vmlDrawing" Target="${escAttr(relativeTarget(dir, vmlPart))}"/></Relationships>`,
  );
  return {
    xml: withLegacyDrawing(xml, 'rId2', relNs),
    added: [
      [commentsPart, COMMENTS_CT],
      [vmlPart, VML_CT],
    ],
  };
}
