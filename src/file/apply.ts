/**
 * Apply a WritePlan to a COPY of a workbook file. The township's cell values are never changed: result sheets are
 * replaced whole, marks only touch fills and notes (originals kept in the very hidden 审核标记 sheet).
 * A township's sheet that bears a result name is never replaced or deleted: core/toolsheets.ts decides (resolvePlan).
 *
 * Two ways, one decision (applyPlan): a plan that only adds, replaces or removes the tool's sheets is written into
 * the original package (package.ts), every other part kept byte for byte; a plan that marks cells or clears marks
 * changes the township's own sheets (fills, notes) and goes through ExcelJS, which re-serialises the workbook.
 */
import * as ExcelJS from 'exceljs';
import { RESULT_SHEETS } from '../core/catalog';
import { parseA1 } from '../core/address';
import { MARKS_HEADER, mergeMarks, touchesMarks } from '../core/plan/marks';
import { formulaText, resolvePlan, SIGNATURE_WINDOW, writableText } from '../core/toolsheets';
import type { Cell, CellSpec, CellStyle, Grid, Mark, SheetPlan, WritePlan } from '../core/types';
import { isFileReadError } from './errors';
import { loadExcelJs, toCell } from './exceljs';
import { hasSheetNamed, needsCellEdits, writeIntoPackage } from './package';
import { inspectWorkbookZip, toBytes, verifyInflatedSizes } from './zip';

const MARKS_SHEET = RESULT_SHEETS.marks;

/** Every string written goes through the core's writableText (XML-safe, Excel's length limit). */
export const cleanText = writableText;

function argb(hex: string | undefined): string | undefined {
  if (!hex) return undefined;
  const m = /^#?([0-9a-fA-F]{6})$/.exec(hex.trim());
  return m ? `FF${m[1].toUpperCase()}` : undefined;
}

function solidFill(hex: string): ExcelJS.Fill | undefined {
  const c = argb(hex);
  return c ? { type: 'pattern', pattern: 'solid', fgColor: { argb: c } } : undefined;
}

/** A WritePlan style → an ExcelJS style (a fresh object: ExcelJS shares style objects between cells). */
export function toExcelStyle(s: CellStyle | undefined): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (!s) return out;
  if (s.font) {
    const f: Partial<ExcelJS.Font> = {};
    if (s.font.name) f.name = s.font.name;
    if (s.font.size) f.size = s.font.size;
    if (s.font.bold !== undefined) f.bold = s.font.bold;
    if (s.font.underline) f.underline = true;
    const c = argb(s.font.color);
    if (c) f.color = { argb: c };
    out.font = f;
  }
  if (s.fill) {
    const fill = solidFill(s.fill);
    if (fill) out.fill = fill;
  }
  if (s.align || s.valign || s.wrap !== undefined) {
    const a: Partial<ExcelJS.Alignment> = {};
    if (s.align) a.horizontal = s.align;
    if (s.valign) a.vertical = s.valign;
    if (s.wrap !== undefined) a.wrapText = s.wrap;
    out.alignment = a;
  }
  if (s.numFmt) out.numFmt = s.numFmt;
  return out;
}

/** A formula string literal: `"…"` with inner quotes doubled (Excel caps literals at 255 characters). */
function formulaLiteral(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function quoteSheetForLink(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** Write one CellSpec. Strings are always text; only `f` makes a formula; `link` jumps inside the workbook. */
export function writeCell(cell: ExcelJS.Cell, spec: CellSpec): void {
  const v = spec.v;
  const literal: ExcelJS.CellValue =
    typeof v === 'string' ? cleanText(v) : typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'boolean' ? v : null;
  if (spec.f) {
    const formula = formulaText(spec.f.replace(/^=/, ''));
    cell.value = literal === null ? { formula } : ({ formula, result: literal } as ExcelJS.CellFormulaValue);
    return;
  }
  if (spec.link) {
    const target = `#${quoteSheetForLink(spec.link.sheet)}!${spec.link.cell}`;
    // A number keeps being a number (its number format still applies); anything else is the link's text.
    const shown: string | number = typeof literal === 'number' ? literal : literal === null ? `${spec.link.sheet}!${spec.link.cell}` : String(literal);
    const friendly = typeof shown === 'number' ? String(shown) : formulaLiteral(shown);
    // ExcelJS 4.4 writes internal `#Sheet!A1` hyperlinks wrongly (an external rel plus a location); the
    // HYPERLINK function is understood by Excel, WPS and LibreOffice alike. Long texts stay plain text.
    if (String(shown).length <= 255 && target.length <= 255) {
      cell.value = { formula: `HYPERLINK(${formulaLiteral(target)},${friendly})`, result: shown } as ExcelJS.CellFormulaValue;
      return;
    }
  }
  cell.value = literal;
}

function writeSheet(wb: ExcelJS.Workbook, sp: SheetPlan, styles: Record<string, CellStyle>): void {
  const views: Partial<ExcelJS.WorksheetView>[] = sp.freezeRows
    ? [{ state: 'frozen', xSplit: 0, ySplit: sp.freezeRows, topLeftCell: `A${sp.freezeRows + 1}` } as Partial<ExcelJS.WorksheetView>]
    : [{}];
  const tab = argb(sp.tabColor);
  const ws = wb.addWorksheet(sp.name, {
    state: sp.hidden ? 'hidden' : 'visible',
    views,
    properties: tab ? { tabColor: { argb: tab } } : {},
  } as Partial<ExcelJS.AddWorksheetOptions>);
  sp.columns.forEach((w, i) => {
    if (Number.isFinite(w) && w > 0) ws.getColumn(i + 1).width = w;
  });
  if (sp.autoFilter) ws.autoFilter = sp.autoFilter;
  if (sp.fitToWidth) ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const cache = new Map<string, Partial<ExcelJS.Style>>();
  sp.rows.forEach((cells, r) => {
    const row = ws.getRow(r + 1);
    cells.forEach((spec, c) => {
      if (!spec) return;
      const cell = row.getCell(c + 1);
      writeCell(cell, spec);
      if (spec.style && styles[spec.style]) {
        let st = cache.get(spec.style);
        if (!st) cache.set(spec.style, (st = toExcelStyle(styles[spec.style])));
        cell.style = JSON.parse(JSON.stringify(st));
      }
    });
    const h = sp.rowHeights?.[r];
    if (h != null && Number.isFinite(h) && h > 0) row.height = h;
  });
}

function removeSheet(wb: ExcelJS.Workbook, name: string): void {
  const ws = wb.getWorksheet(name);
  if (ws) wb.removeWorksheet(ws.id);
}

type Note = ExcelJS.Cell['note'];

function setNote(cell: ExcelJS.Cell, note: Note | undefined): void {
  if (note === undefined || note === null || note === '') {
    // ExcelJS copies the note into the value's model object as well; both must go.
    const c = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
    c._comment = undefined;
    if (c._value?.model) delete c._value.model.comment;
  } else {
    cell.note = note;
  }
}

function setFill(cell: ExcelJS.Cell, fill: ExcelJS.Fill | undefined): void {
  const style = { ...(cell.style ?? {}) } as Partial<ExcelJS.Style>;
  if (fill) style.fill = fill;
  else delete style.fill;
  cell.style = style;
}

function text(v: ExcelJS.CellValue): string {
  return typeof v === 'string' ? v : v == null ? '' : String(v);
}

/** Put back the fills and notes saved in 审核标记, then remove that sheet. Returns how many cells were restored. */
function restoreMarks(wb: ExcelJS.Workbook): number {
  const ms = wb.getWorksheet(MARKS_SHEET);
  if (!ms) return 0;
  let n = 0;
  ms.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const sheet = text(row.getCell(1).value);
    const addr = text(row.getCell(2).value);
    const ws = sheet ? wb.getWorksheet(sheet) : undefined;
    if (!ws || !parseA1(addr)) return;
    const cell = ws.getCell(addr);
    const fillJson = text(row.getCell(3).value);
    const noteJson = text(row.getCell(4).value);
    try {
      setFill(cell, fillJson ? (JSON.parse(fillJson) as ExcelJS.Fill) : undefined);
    } catch {
      setFill(cell, undefined);
    }
    try {
      setNote(cell, noteJson ? (JSON.parse(noteJson) as Note) : undefined);
    } catch {
      setNote(cell, undefined);
    }
    n++;
  });
  wb.removeWorksheet(ms.id);
  return n;
}

function applyMarks(wb: ExcelJS.Workbook, marks: Mark[]): void {
  const saved: string[][] = [];
  for (const m of mergeMarks(marks)) {
    const ws = wb.getWorksheet(m.sheet);
    if (!ws || !parseA1(m.cell) || ws.name === MARKS_SHEET) continue;
    const cell = ws.getCell(m.cell);
    const origFill = cell.style?.fill ? JSON.stringify(cell.style.fill) : '';
    const origNote = cell.note ? JSON.stringify(cell.note) : '';
    saved.push([ws.name, m.cell, origFill, origNote, m.severity, cleanText(m.comment)]);
    const fill = solidFill(m.fill);
    if (fill) setFill(cell, fill);
    setNote(cell, cleanText(m.comment));
  }
  // veryHidden, as in Excel: not in 取消隐藏, so a user cannot bring the record up and edit it by accident
  const ms = wb.addWorksheet(MARKS_SHEET, { state: 'veryHidden' });
  ms.addRow(MARKS_HEADER);
  for (const r of saved) ms.addRow(r);
  [12, 10, 40, 30, 8, 60].forEach((w, i) => (ms.getColumn(i + 1).width = w));
}

function setActive(wb: ExcelJS.Workbook, wanted: string | undefined, previous: string | undefined): void {
  const sheets = wb.worksheets;
  const visible = (ws: ExcelJS.Worksheet) => ws.state === 'visible' || ws.state === undefined;
  let idx = wanted ? sheets.findIndex((s) => s.name === wanted && visible(s)) : -1;
  if (idx < 0 && previous) idx = sheets.findIndex((s) => s.name === previous && visible(s));
  if (idx < 0) idx = sheets.findIndex(visible);
  if (idx < 0) idx = 0;
  sheets.forEach((ws, i) => {
    const v = (ws.views && ws.views[0]) || {};
    ws.views = [{ ...v, tabSelected: i === idx } as unknown as ExcelJS.WorksheetView, ...(ws.views ?? []).slice(1)];
  });
  const views = wb.views && wb.views.length ? wb.views : [{ x: 0, y: 0, width: 20000, height: 12000, visibility: 'visible' } as ExcelJS.WorkbookView];
  wb.views = [{ ...views[0], activeTab: idx, firstSheet: 0 }, ...views.slice(1)];
}

/**
 * The signature window (A1:Z20) of every existing sheet that bears a result name and that `plan` would replace,
 * delete or read marks from: what core/toolsheets needs to tell the tool's sheets from a township's.
 */
function signatureWindows(wb: ExcelJS.Workbook, plan: WritePlan): Grid[] {
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  const names = new Set<string>([...plan.sheets.map((s) => s.name), ...(plan.deleteSheets ?? []), MARKS_SHEET]);
  const out: Grid[] = [];
  for (const n of names) {
    const ws = wb.getWorksheet(n);
    if (!ws) continue;
    const rows: Cell[][] = [];
    const formats: (string | null)[][] = [];
    for (let r = 1; r <= SIGNATURE_WINDOW.rows; r++) {
      const row = ws.findRow(r); // find*, not get*: reading must not add empty cells to a township's sheet
      const vals: Cell[] = [];
      const fmts: (string | null)[] = [];
      for (let c = 1; c <= SIGNATURE_WINDOW.cols; c++) {
        const cell = row?.findCell(c);
        vals.push(cell ? toCell(cell.value, date1904) : null);
        fmts.push(cell && typeof cell.numFmt === 'string' && cell.numFmt ? cell.numFmt : null);
      }
      rows.push(vals);
      formats.push(fmts);
    }
    out.push({ name: ws.name, rows, formats, ...(date1904 ? { date1904 } : {}) });
  }
  return out;
}

/**
 * Apply `plan` to a copy of the workbook in `data` and return the new file's bytes: into the original package when
 * the plan touches only the tool's sheets (clearing marks where there are none is nothing to do), else with ExcelJS.
 */
export async function applyPlan(data: Uint8Array | ArrayBuffer, requested: WritePlan, name = ''): Promise<Uint8Array> {
  let plan = requested;
  if (plan.clearMarks && !(plan.marks && plan.marks.length) && !hasSheetNamed(data, MARKS_SHEET, name)) {
    plan = { ...plan };
    delete plan.clearMarks;
  }
  if (!needsCellEdits(plan)) {
    // parts it leaves alone are copied packed, never inflated; still, no copy carries a part that lies about its size
    await verifyInflatedSizes(toBytes(data), inspectWorkbookZip(data, name), name);
    return writeIntoPackage(data, plan, name);
  }
  try {
    return await applyWithExcelJs(data, plan, name);
  } catch (e) {
    if (!isFileReadError(e) || e.code !== 'corrupt') throw e;
    // The reader took the file (check ran on it); only ExcelJS, needed to change fills and notes, cannot load it.
    throw new Error(
      `无法在工作簿${name ? `“${name}”` : ''}的单元格上标记或清除标记：这一步要重写整个工作簿，而该文件中有本工具无法重写的内容。原文件没有改动；不标记单元格即可写出审核结果。`,
    );
  }
}

/**
 * The ExcelJS way, for plans that change fills and notes of the township's cells.
 * Order: clear old marks (restoring fills) → delete sheets → replace/add plan sheets → new marks → activate.
 */
async function applyWithExcelJs(data: Uint8Array | ArrayBuffer, requested: WritePlan, name: string): Promise<Uint8Array> {
  const wb = await loadExcelJs(data, name);
  const before = wb.worksheets;
  const activeIdx = wb.views?.[0]?.activeTab ?? 0;
  const previousActive = before[activeIdx]?.name;

  // Only the tool's own sheets may be replaced or removed, and a township's sheet that bears a result name
  // (`计算结果`) is not the tool's: the core decides.
  const resolution = resolvePlan(requested, signatureWindows(wb, requested));
  if (!resolution.ok) throw new Error(resolution.message);
  const plan = resolution.plan;

  if (touchesMarks(plan)) restoreMarks(wb);

  for (const n of plan.deleteSheets ?? []) removeSheet(wb, n);
  for (const sp of plan.sheets) {
    if (sp.name === MARKS_SHEET) continue; // the adapter owns that sheet
    removeSheet(wb, sp.name);
    writeSheet(wb, sp, plan.styles ?? {});
  }
  if (plan.marks && plan.marks.length) applyMarks(wb, plan.marks);

  setActive(wb, plan.activate, previousActive);
  let buf: ArrayBuffer;
  try {
    buf = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
  } catch (e) {
    const detail = e instanceof Error && e.message ? `（ExcelJS：${e.message.slice(0, 160)}）` : '';
    throw new Error(`无法写出工作簿${name ? `“${name}”` : ''}的审核结果${detail}。原文件没有改动；请在 Excel 或 WPS 中打开并重新保存后再试。`);
  }
  return new Uint8Array(buf);
}
