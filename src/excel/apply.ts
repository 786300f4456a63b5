/**
 * Apply a WritePlan to the open workbook with office-js.
 *
 * Syncs, whatever the number of sheets or marks:
 *   A  read state: every sheet's name/visibility/protection, workbook protection, comments (ExcelApi 1.10)
 *   B  only when marks are involved or a result-named sheet exists: the signature window (A1:Z20) of each
 *      result-named sheet the plan touches, the 审核标记 records, comment locations, the fills of the cells to mark
 *   —  checks: a township's sheet bearing a result name (core resolvePlan), a protected sheet or workbook, a
 *      missing API → {ok:false} with NOTHING written
 *   C  every write, in as few requests as the 5 MB payload limit allows (one for ordinary plans)
 *
 * A cell's note (CellSpec.note: where a county figure came from) is a classic note (`worksheet.notes`, ExcelApi
 * 1.18) — what the CLI's and the page's files carry; on an older host a comment (1.10, as marks use); on a host
 * with neither it is left out and counted in `notesLeftOut`, so the user is told.
 *
 * The township's figures are never written: only the tool's own result sheets (RESULT_SHEETS by name AND content,
 * core/toolsheets.ts) are added/replaced/deleted, and
 * marks change fills and add comments, whose originals are kept in the very hidden 审核标记 sheet so that
 * `clearMarks` (or the next set of marks) restores them exactly.
 */
import type { ApplyOutcome, Cell, CellSpec, CellStyle, CellValidation, Grid, SheetPlan, WritePlan } from '../core/types';
import { RESULT_SHEETS } from '../core/catalog';
import { a1, parseA1, ref, splitRef } from '../core/address';
import { validationTexts } from '../core/plan/insert';
import { fillToRecord, MARKS_HEADER, markCell, mergeMarks, recordToFill, touchesMarks } from '../core/plan/marks';
import { resolvePlan, SIGNATURE_WINDOW, writableText } from '../core/toolsheets';
import { excelApi, MIN_EXCEL_API, OPTIONAL_API, officeEnv, type ExcelEnv } from './env';
import { excelErrorMessage } from './errors';

export interface ApplyOptions {
  env?: ExcelEnv;
  /** Estimated bytes of one write request at most (default 4 MB, under Excel on the web's 5 MB limit). */
  payloadBudget?: number;
}

export const MARKS_SHEET = RESULT_SHEETS.marks;
export { MARKS_HEADER, fillToRecord, recordToFill };
export const OP_OVERHEAD = 200;

/** A mark as stored in 审核标记: where, the original fill ('none' or #RRGGBB) and the comment we added. */
export interface MarkRecord {
  sheet: string;
  cell: string;
  original: string;
  severity: string;
  comment: string;
}

/** One queued write and its estimated request size. */
export interface Op {
  bytes: number;
  run: () => void;
}

/** Writes one cell's note on a sheet being written: a note (1.18) or a comment (1.10); null on hosts with neither. */
type NoteWriter = ((ws: Excel.Worksheet, r: number, c: number, text: string) => void) | null;

/** A refusal: nothing was written, and the sentence says why. */
export function fail(message: string): ApplyOutcome {
  return { ok: false, message, written: [] };
}

function jsonBytes(v: unknown): number {
  // UTF-8 length of the JSON, roughly: CJK characters take 3 bytes.
  const s = JSON.stringify(v) ?? '';
  let n = s.length;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) n += 2;
  return n;
}

function key(sheet: string, cell: string): string {
  return `${sheet}\u0000${markCell(cell)}`;
}

const cleanText = writableText;

/** Excel column width in characters → points (Calibri 11: 7 px per character + 5 px padding; 96 px = 72 pt). */
export function charsToPoints(chars: number): number {
  return (Math.trunc(chars * 7 + 5) * 72) / 96;
}

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right', justify: 'Justify' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

function applyStyle(range: Excel.Range, s: CellStyle): void {
  const f = range.format;
  if (s.font) {
    if (s.font.name) f.font.name = s.font.name;
    if (s.font.size) f.font.size = s.font.size;
    if (s.font.bold !== undefined) f.font.bold = s.font.bold;
    if (s.font.color) f.font.color = s.font.color;
    if (s.font.underline !== undefined) f.font.underline = s.font.underline ? 'Single' : 'None';
  }
  if (s.fill) f.fill.color = s.fill;
  if (s.align) f.horizontalAlignment = H_ALIGN[s.align];
  if (s.valign) f.verticalAlignment = V_ALIGN[s.valign];
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  // every cell is locked by default: an input cell of a protected sheet is unlocked before the sheet is protected
  if (s.unlocked) f.protection.locked = false;
}

/** A CellValidation as office-js sets it: a bound as an operator, a refusal as a warning the user may override. */
function validationRule(v: CellValidation): Excel.DataValidationRule | null {
  if (v.type === 'any') return null;
  if (v.type === 'list') return { list: { inCellDropDown: true, source: (v.list ?? []).join(',') } };
  const bounds: Excel.BasicDataValidation =
    v.min !== undefined && v.max !== undefined
      ? { operator: 'Between' as Excel.DataValidationOperator, formula1: v.min, formula2: v.max }
      : v.max !== undefined
        ? { operator: 'LessThanOrEqualTo' as Excel.DataValidationOperator, formula1: v.max }
        : { operator: 'GreaterThanOrEqualTo' as Excel.DataValidationOperator, formula1: v.min ?? 0 };
  return v.type === 'whole' ? { wholeNumber: bounds } : { decimal: bounds };
}

function validationOp(getWs: () => Excel.Worksheet, v: CellValidation): Op {
  const rule = validationRule(v);
  const t = validationTexts(v);
  const prompt = { showPrompt: true, title: t.title, message: t.prompt };
  const errorAlert = { showAlert: Boolean(t.error), style: 'Warning' as Excel.DataValidationAlertStyle, title: t.title, message: t.error };
  return {
    bytes: jsonBytes([v.range, rule, prompt, errorAlert]) + OP_OVERHEAD,
    run: () => {
      const dv = getWs().getRange(v.range).dataValidation;
      dv.ignoreBlanks = true;
      if (rule) dv.rule = rule;
      dv.prompt = prompt;
      if (rule) dv.errorAlert = errorAlert;
    },
  };
}

/** Rectangles of equal style: vertical runs per column, then equal runs of neighbouring columns joined. */
export function styleRects(rows: CellSpec[][]): { r1: number; c1: number; r2: number; c2: number; style: string }[] {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const runs = new Map<string, number[]>();
  for (let c = 0; c < width; c++) {
    let r = 0;
    while (r < rows.length) {
      const st = rows[r][c]?.style;
      if (!st) {
        r++;
        continue;
      }
      let end = r;
      while (end + 1 < rows.length && rows[end + 1][c]?.style === st) end++;
      const k = `${r}\u0000${end}\u0000${st}`;
      const cols = runs.get(k) ?? [];
      cols.push(c);
      runs.set(k, cols);
      r = end + 1;
    }
  }
  const out: { r1: number; c1: number; r2: number; c2: number; style: string }[] = [];
  for (const [k, cols] of runs) {
    const [r1, r2, style] = k.split('\u0000');
    let start = cols[0];
    for (let i = 1; i <= cols.length; i++) {
      if (i < cols.length && cols[i] === cols[i - 1] + 1) continue;
      out.push({ r1: Number(r1), r2: Number(r2), c1: start, c2: cols[i - 1], style });
      if (i < cols.length) start = cols[i];
    }
  }
  return out;
}

/**
 * Ops that write one SheetPlan onto a freshly added sheet: values, formats, notes (with `note`, when the host can),
 * styles, sizes, and last its data validation and protection (no password; cells styled `unlocked` stay editable),
 * since a protected sheet takes no more writes.
 */
export function sheetOps(getWs: () => Excel.Worksheet, sp: SheetPlan, styles: Record<string, CellStyle>, budget: number, note: NoteWriter = null): Op[] {
  const ops: Op[] = [];
  const width = Math.max(1, sp.rows.reduce((m, r) => Math.max(m, r.length), 0));
  const height = sp.rows.length;
  const values: (string | number | boolean)[][] = [];
  const formats: string[][] = [];
  /** Formats set after the values: a text cell whose style has a number format (报告文稿's signature) gets it
   * once its value is stored as text; null for rows that need nothing after. */
  const after: (string[] | null)[] = [];
  const formulas: { r: number; c: number; f: string }[] = [];
  const links: { r: number; c: number; spec: CellSpec }[] = [];
  const notes: { r: number; c: number; text: string }[] = [];
  for (let r = 0; r < height; r++) {
    const vrow: (string | number | boolean)[] = [];
    const frow: string[] = [];
    let textFmts: Map<number, string> | null = null;
    for (let c = 0; c < width; c++) {
      const spec = sp.rows[r][c];
      const numFmt = spec?.style ? styles[spec.style]?.numFmt : undefined;
      if (spec?.note) notes.push({ r, c, text: cleanText(spec.note) });
      if (!spec || (spec.v === null && !spec.f)) {
        vrow.push('');
        frow.push(numFmt ?? 'General');
        continue;
      }
      if (spec.f) {
        formulas.push({ r, c, f: spec.f.startsWith('=') ? spec.f : `=${spec.f}` });
        vrow.push('');
        frow.push(numFmt ?? 'General');
      } else if (typeof spec.v === 'string') {
        // Text format BEFORE the value: "=SUM(A1)", "+86", "001" stay exactly the text they are.
        vrow.push(cleanText(spec.v));
        frow.push('@');
        if (numFmt && numFmt !== '@') (textFmts ??= new Map()).set(c, numFmt);
      } else {
        vrow.push(spec.v as number | boolean);
        frow.push(numFmt ?? 'General');
      }
      if (spec.link) links.push({ r, c, spec });
    }
    values.push(vrow);
    formats.push(frow);
    const tf: Map<number, string> | null = textFmts;
    after.push(tf ? frow.map((f, c) => tf.get(c) ?? f) : null);
  }

  // Cell data in row blocks that fit the budget.
  let r0 = 0;
  while (r0 < height) {
    let bytes = 0;
    let r1 = r0;
    while (r1 < height) {
      const rb = jsonBytes(values[r1]) + jsonBytes(formats[r1]) + (after[r1] ? jsonBytes(after[r1]) : 0);
      if (r1 > r0 && bytes + rb > budget / 2) break;
      bytes += rb;
      r1++;
    }
    const start = r0;
    const count = r1 - r0;
    ops.push({
      bytes: bytes + OP_OVERHEAD,
      run: () => {
        const range = getWs().getRangeByIndexes(start, 0, count, width);
        range.numberFormat = formats.slice(start, start + count);
        range.values = values.slice(start, start + count);
        // the text is stored as text already; its final format does not turn it into a number or a formula
        if (after.slice(start, start + count).some(Boolean)) {
          range.numberFormat = after.slice(start, start + count).map((a, i) => a ?? formats[start + i]);
        }
      },
    });
    r0 = r1;
  }
  for (const { r, c, f } of formulas) {
    ops.push({ bytes: jsonBytes(f) + OP_OVERHEAD, run: () => (getWs().getRangeByIndexes(r, c, 1, 1).formulas = [[f]]) });
  }
  for (const { r, c, spec } of links) {
    const hyperlink = { documentReference: ref(spec.link!.sheet, spec.link!.cell), textToDisplay: cleanText(String(spec.v ?? '')) };
    ops.push({ bytes: jsonBytes(hyperlink) + OP_OVERHEAD, run: () => (getWs().getRangeByIndexes(r, c, 1, 1).hyperlink = hyperlink) });
  }
  if (note) {
    for (const { r, c, text } of notes) ops.push({ bytes: jsonBytes(text) + OP_OVERHEAD, run: () => note(getWs(), r, c, text) });
  }
  for (const rect of styleRects(sp.rows)) {
    const st = styles[rect.style];
    if (!st) continue;
    ops.push({
      bytes: jsonBytes(st) + OP_OVERHEAD,
      run: () => applyStyle(getWs().getRangeByIndexes(rect.r1, rect.c1, rect.r2 - rect.r1 + 1, rect.c2 - rect.c1 + 1), st),
    });
  }
  // Column widths (characters → points), equal neighbours together.
  for (let c = 0; c < sp.columns.length; ) {
    let e = c;
    while (e + 1 < sp.columns.length && sp.columns[e + 1] === sp.columns[c]) e++;
    const w = sp.columns[c];
    const start = c;
    const count = e - c + 1;
    if (w > 0) ops.push({ bytes: OP_OVERHEAD, run: () => (getWs().getRangeByIndexes(0, start, 1, count).format.columnWidth = charsToPoints(w)) });
    c = e + 1;
  }
  const heights = sp.rowHeights ?? [];
  for (let r = 0; r < heights.length; ) {
    let e = r;
    while (e + 1 < heights.length && heights[e + 1] === heights[r]) e++;
    const h = heights[r];
    const start = r;
    const count = e - r + 1;
    if (typeof h === 'number' && h > 0) ops.push({ bytes: OP_OVERHEAD, run: () => (getWs().getRangeByIndexes(start, 0, count, 1).format.rowHeight = h) });
    r = e + 1;
  }
  if (sp.freezeRows && sp.freezeRows > 0) ops.push({ bytes: OP_OVERHEAD, run: () => getWs().freezePanes.freezeRows(sp.freezeRows) });
  // ExcelApi 1.9, which the manifest requires: a filter on the header row, and all columns on one page width
  const filter = sp.autoFilter;
  if (filter) ops.push({ bytes: OP_OVERHEAD, run: () => getWs().autoFilter.apply(getWs().getRange(filter)) });
  if (sp.fitToWidth) {
    ops.push({
      bytes: OP_OVERHEAD,
      run: () => {
        const layout = getWs().pageLayout;
        layout.orientation = 'Landscape';
        layout.zoom = { horizontalFitToPages: 1 };
      },
    });
  }
  const titles = sp.printTitleRows;
  if (titles) ops.push({ bytes: OP_OVERHEAD, run: () => getWs().pageLayout.setPrintTitleRows(`$${titles[0]}:$${titles[1]}`) });
  if (sp.tabColor) ops.push({ bytes: OP_OVERHEAD, run: () => (getWs().tabColor = sp.tabColor!) });
  if (sp.hidden) ops.push({ bytes: OP_OVERHEAD, run: () => (getWs().visibility = 'Hidden') });
  for (const v of sp.validations ?? []) ops.push(validationOp(getWs, v));
  if (sp.protect) {
    // without a password (the township may unprotect it); widths and heights stay adjustable
    ops.push({ bytes: OP_OVERHEAD, run: () => getWs().protection.protect({ allowFormatColumns: true, allowFormatRows: true }) });
  }
  return ops;
}

function readRecords(values: unknown[][] | null): MarkRecord[] {
  if (!values) return [];
  const out: MarkRecord[] = [];
  values.forEach((row, i) => {
    const [sheet, cell, fill, , severity, comment] = row.map((v) => (v === null || v === undefined ? '' : String(v)));
    if (i === 0 && sheet === MARKS_HEADER[0]) return;
    if (!sheet || !parseA1(cell ?? '')) return;
    out.push({ sheet, cell: markCell(cell), original: recordToFill(fill ?? ''), severity: severity ?? '', comment: comment ?? '' });
  });
  return out;
}

/**
 * Apply `plan`: clear previous marks when marks are involved (restoring fills, deleting our comments), delete
 * `deleteSheets`, replace every SheetPlan sheet, apply new marks, activate. Returns what was written, or
 * `{ok:false, message}` (Chinese) without writing anything when a sheet or the workbook is protected, the
 * host lacks the API, or the plan names a sheet that is not a result sheet.
 */
export async function applyPlan(context: Excel.RequestContext, plan: WritePlan, options: ApplyOptions = {}): Promise<ApplyOutcome> {
  const env = options.env ?? officeEnv();
  const budget = options.payloadBudget ?? 4 * 1024 * 1024;
  if (!excelApi(env, MIN_EXCEL_API)) {
    return fail(
      `此版本的 Excel 不支持本加载项所需的接口（ExcelApi ${MIN_EXCEL_API}），没有写入任何内容。请使用 Microsoft 365、Excel 2021 或更新版本、网页版 Excel，或改用本工具的网页版处理文件。`,
    );
  }
  // Before anything is read: a plan that names a sheet other than the tool's own is refused (core decides).
  const names = resolvePlan(plan, []);
  if (!names.ok) return fail(names.message);
  // What the plan asks for; resolvePlan (core) may narrow it once the result-named sheets are known (sync B).
  const mayTouchMarks = touchesMarks(plan);
  const withComments = excelApi(env, OPTIONAL_API.comments);
  const withPattern = excelApi(env, OPTIONAL_API.screenUpdatingAndFillPattern);
  const note: NoteWriter = excelApi(env, OPTIONAL_API.notes)
    ? (ws, r, c, text) => ws.notes.add(ws.getRangeByIndexes(r, c, 1, 1), text)
    : withComments
      ? (ws, r, c, text) => context.workbook.comments.add(ws.getRangeByIndexes(r, c, 1, 1), text)
      : null;

  // ── Sync A: state of the workbook.
  const workbook = context.workbook;
  const worksheets = workbook.worksheets;
  worksheets.load('items/name,items/visibility,items/protection/protected');
  workbook.protection.load('protected');
  const commentCollection = mayTouchMarks && withComments ? workbook.comments : null;
  if (commentCollection) commentCollection.load('items/content');
  await context.sync();

  const byName = new Map<string, Excel.Worksheet>();
  for (const ws of worksheets.items) byName.set(ws.name, ws);
  const marksSheet = byName.get(MARKS_SHEET);

  // Result-named sheets already in the workbook that the plan would replace, delete or read marks from: their
  // signature window tells the tool's own sheets from a township's sheet that happens to bear the name.
  const named = new Set<string>([...plan.sheets.map((s) => s.name), ...(plan.deleteSheets ?? []), ...(mayTouchMarks ? [MARKS_SHEET] : [])]);
  const windows = [...named]
    .filter((n) => byName.has(n))
    .map((name) => {
      const range = byName.get(name)!.getRange(SIGNATURE_WINDOW.address);
      range.load('values,numberFormat');
      return { name, range };
    });
  const candidates = mayTouchMarks ? mergeMarks(plan.marks ?? []).filter((m) => byName.has(m.sheet)) : [];

  // ── Sync B (only when marks are involved or a result-named sheet exists): signature windows, the 审核标记
  // records, comment locations, the current fills of the cells to mark.
  let records: MarkRecord[] = [];
  const commentsAt = new Map<string, Excel.Comment[]>();
  const currentFill = new Map<string, string>();
  if (mayTouchMarks || windows.length) {
    const recordRange = mayTouchMarks && marksSheet ? marksSheet.getUsedRangeOrNullObject(true) : null;
    if (recordRange) recordRange.load('values');
    const locations = commentCollection
      ? commentCollection.items.map((c) => {
          const loc = c.getLocation();
          loc.load('address');
          return loc;
        })
      : [];
    const fills = candidates.map((m) => {
      const fill = byName.get(m.sheet)!.getRange(m.cell).format.fill;
      fill.load(withPattern ? 'color,pattern' : 'color');
      return fill;
    });
    await context.sync();

    records = recordRange && !recordRange.isNullObject ? readRecords(recordRange.values) : [];
    if (commentCollection) {
      commentCollection.items.forEach((c, i) => {
        const at = splitRef(locations[i].address.split(':')[0]);
        if (!at) return;
        const k = key(at.sheet, at.cell);
        commentsAt.set(k, [...(commentsAt.get(k) ?? []), c]);
      });
    }
    candidates.forEach((m, i) => {
      const f = fills[i];
      const none = withPattern ? f.pattern === 'None' : !f.color || f.color.toUpperCase() === '#FFFFFF';
      currentFill.set(key(m.sheet, m.cell), none || !f.color ? 'none' : f.color.toUpperCase());
    });
  }

  // One decision for every host (core/toolsheets.ts): a township's sheet bearing a result name is never replaced.
  const grids: Grid[] = windows.map((w) => ({
    name: w.name,
    rows: w.range.values as Cell[][],
    formats: w.range.numberFormat as unknown as (string | null)[][],
  }));
  const resolution = resolvePlan(plan, grids);
  if (!resolution.ok) return fail(resolution.message);
  const resolved = resolution.plan;
  const sheetPlans = resolved.sheets.filter((s) => s.name !== MARKS_SHEET);
  const deleteNames = (resolved.deleteSheets ?? []).filter((n) => n !== MARKS_SHEET);
  const marksInvolved = touchesMarks(resolved);
  if (!marksInvolved) {
    records = [];
    commentsAt.clear();
  }

  const replaced = new Set<string>([...sheetPlans.map((s) => s.name), ...deleteNames]);
  const structural =
    sheetPlans.length > 0 ||
    deleteNames.some((n) => byName.has(n)) ||
    (marksInvolved && (Boolean(marksSheet) || Boolean(resolved.marks && resolved.marks.length)));
  if (structural && workbook.protection.protected) {
    return fail('工作簿结构受保护，无法添加或删除审核结果表。请在“审阅”选项卡中撤销工作簿保护后重试；本次没有写入任何内容。');
  }
  for (const n of replaced) {
    const ws = byName.get(n);
    if (ws && ws.protection.protected) {
      return fail(`工作表‘${n}’受保护，无法替换或删除。请先撤销该工作表的保护（“审阅”→“撤销工作表保护”）后重试；本次没有写入任何内容。`);
    }
  }

  const marks = marksInvolved ? candidates.filter((m) => !replaced.has(m.sheet)) : [];

  // Every sheet whose cells change must be unprotected.
  const fillSheets = new Set<string>([...marks.map((m) => m.sheet), ...records.map((r) => r.sheet).filter((s) => byName.has(s) && !replaced.has(s))]);
  for (const n of fillSheets) {
    if (byName.get(n)!.protection.protected) {
      return fail(`工作表‘${n}’受保护，无法标记单元格或恢复原来的填充色。请先撤销该工作表的保护（“审阅”→“撤销工作表保护”）后重试；本次没有写入任何内容。`);
    }
  }

  // ── Sync C…: the writes.
  const ops: Op[] = [];
  const written: string[] = [];
  const previous = new Map<string, MarkRecord>();
  const deletedComments = new Set<Excel.Comment>();
  if (marksInvolved) {
    for (const rec of records) {
      const ws = byName.get(rec.sheet);
      if (!ws || replaced.has(rec.sheet)) continue;
      previous.set(key(rec.sheet, rec.cell), rec);
      ops.push({
        bytes: OP_OVERHEAD,
        run: () => {
          const fill = ws.getRange(rec.cell).format.fill;
          if (rec.original === 'none') fill.clear();
          else fill.color = rec.original;
        },
      });
      for (const c of commentsAt.get(key(rec.sheet, rec.cell)) ?? []) {
        if (rec.comment && c.content === rec.comment && !deletedComments.has(c)) {
          deletedComments.add(c);
          ops.push({ bytes: OP_OVERHEAD, run: () => c.delete() });
        }
      }
    }
    if (marksSheet) {
      ops.push({
        bytes: OP_OVERHEAD,
        run: () => {
          marksSheet.visibility = 'Hidden';
          marksSheet.delete();
        },
      });
    }
  }
  for (const n of deleteNames) {
    const ws = byName.get(n);
    if (ws) ops.push({ bytes: OP_OVERHEAD, run: () => ws.delete() });
  }
  const added = new Map<string, Excel.Worksheet>();
  let notesLeftOut = 0;
  for (const sp of sheetPlans) {
    if (!note) notesLeftOut += sp.rows.reduce((n, row) => n + row.filter((c) => c?.note).length, 0);
    const existing = byName.get(sp.name);
    ops.push({
      bytes: OP_OVERHEAD,
      run: () => {
        if (existing) existing.delete();
        added.set(sp.name, worksheets.add(sp.name));
      },
    });
    for (const op of sheetOps(() => added.get(sp.name)!, sp, resolved.styles ?? {}, budget, note)) ops.push(op); // one op per link: no spread
    written.push(sp.name);
  }
  if (marks.length) {
    const rows: CellSpec[][] = [MARKS_HEADER.map((v) => ({ v }))];
    for (const m of marks) {
      const k = key(m.sheet, m.cell);
      const original = previous.get(k)?.original ?? currentFill.get(k) ?? 'none';
      const foreign = (commentsAt.get(k) ?? []).some((c) => !deletedComments.has(c));
      const comment = withComments && !foreign && m.comment ? cleanText(m.comment) : '';
      rows.push([m.sheet, m.cell, fillToRecord(original), '', m.severity, comment].map((v) => ({ v })));
      const ws = byName.get(m.sheet)!;
      ops.push({
        bytes: jsonBytes(comment) + OP_OVERHEAD,
        run: () => {
          const range = ws.getRange(m.cell);
          range.format.fill.color = m.fill;
          if (comment) workbook.comments.add(range, comment);
        },
      });
      written.push(ref(m.sheet, m.cell));
    }
    const marksPlan: SheetPlan = { name: MARKS_SHEET, columns: [12, 10, 40, 10, 8, 60], rows };
    let marksWs: Excel.Worksheet | null = null;
    ops.push({ bytes: OP_OVERHEAD, run: () => (marksWs = worksheets.add(MARKS_SHEET)) });
    for (const op of sheetOps(() => marksWs!, marksPlan, {}, budget)) ops.push(op);
    ops.push({ bytes: OP_OVERHEAD, run: () => (marksWs!.visibility = 'VeryHidden') });
  }
  if (resolved.activate) {
    const name = resolved.activate;
    const target = sheetPlans.find((s) => s.name === name);
    // A hidden sheet cannot be activated (Excel refuses, and the whole batch would fail).
    const visible = target ? !target.hidden : byName.has(name) && !replaced.has(name) && byName.get(name)!.visibility === 'Visible';
    if (visible) {
      ops.push({
        bytes: OP_OVERHEAD,
        run: () => {
          const ws = added.get(name) ?? (replaced.has(name) ? undefined : byName.get(name));
          if (ws) ws.activate();
        },
      });
    }
  }

  try {
    await runOps(context, ops, budget, env);
  } catch (e) {
    // Excel's own message is not meant for users: the code decides the sentence (src/excel/errors.ts).
    return { ok: false, message: `${excelErrorMessage(e, 'write')}可能只写入了一部分；再次运行会整体替换审核结果表和标记。`, written };
  }
  return notesLeftOut ? { ok: true, written, notesLeftOut } : { ok: true, written };
}

/** Queue the ops, syncing only when the next one would push the request over the budget. */
export async function runOps(context: Excel.RequestContext, ops: Op[], budget: number, env: ExcelEnv): Promise<void> {
  const suspend = () => {
    if (excelApi(env, OPTIONAL_API.suspendCalculation)) context.application.suspendApiCalculationUntilNextSync();
    if (excelApi(env, OPTIONAL_API.screenUpdatingAndFillPattern)) context.application.suspendScreenUpdatingUntilNextSync();
  };
  suspend();
  let size = 0;
  for (const op of ops) {
    if (size > 0 && size + op.bytes > budget) {
      // Only a plan larger than one request (4 MB) gets here; the count grows with bytes, not with sheets.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      suspend();
      size = 0;
    }
    op.run();
    size += op.bytes;
  }
  await context.sync();
}

/** Activate `sheet` and select `cell` (A1). Throws a Chinese message when the sheet is gone or hidden. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
  ws.load('visibility');
  await context.sync();
  if (ws.isNullObject) throw new Error(`找不到工作表‘${sheet}’，它可能已被重命名或删除。`);
  const at = parseA1(cell.split(':')[0]);
  const target = at ? a1(at.row, at.col) : 'A1';
  // Excel refuses to activate a hidden sheet (InvalidOperation): say so instead of failing the batch.
  if (ws.visibility === 'VeryHidden') {
    throw new Error(
      `工作表‘${sheet}’是深度隐藏的，Excel 界面中无法取消隐藏，无法定位到 ${target}。请在 VBA 编辑器（Alt+F11）中把该工作表的 Visible 属性改为 -1 - xlSheetVisible，或请报送单位取消隐藏后重新报送。`,
    );
  }
  if (ws.visibility !== 'Visible') {
    throw new Error(`工作表‘${sheet}’是隐藏的，无法定位到 ${target}。请先取消隐藏该工作表（右键单击工作表标签 →“取消隐藏”）后重试。`);
  }
  ws.activate();
  ws.getRange(target).select();
  await context.sync();
}
