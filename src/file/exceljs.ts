/**
 * ExcelJS where the tool makes a NEW workbook (the copy of a source that is not an .xlsx, the county summary, a
 * blank template): a WritePlan's cells and styles as ExcelJS values; and loading a workbook with the file checks
 * first (tests use it as an oracle). A township's .xlsx is never rewritten through here (package.ts). No fs here.
 */
import * as ExcelJS from 'exceljs';
import { validationTexts } from '../core/plan/insert';
import { formulaText, writableText } from '../core/toolsheets';
import type { Cell, CellSpec, CellStyle, CellValidation, WritePlan } from '../core/types';
import { isFileReadError, readError } from './errors';
import { msToSerial } from './serial';
import { inspectWorkbookZip, toBytes, verifyInflatedSizes } from './zip';

/** A JS Date as ExcelJS builds it (UTC) → the Excel serial number office-js would report. */
export function dateToSerial(d: Date, date1904 = false): number {
  // the inverse of ExcelJS's own conversion, which has no phantom 29 February 1900 either
  return msToSerial(d.getTime(), date1904);
}

type Rich = { richText: { text: string }[] };

function isRich(v: unknown): v is Rich {
  return typeof v === 'object' && v !== null && Array.isArray((v as Rich).richText);
}

function richToText(v: Rich): string {
  return v.richText.map((r) => (r && typeof r.text === 'string' ? r.text : '')).join('');
}

/** An ExcelJS cell value → the raw Cell an office-js range would report. */
export function toCell(v: unknown, date1904 = false): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateToSerial(v, date1904);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return { error: o.error };
    if ('formula' in o || 'sharedFormula' in o || 'result' in o) {
      // The cached result; a formula never calculated reads as empty, as it would in a host that did not recalc.
      const r = o.result;
      if (r === undefined || r === null) return null;
      return toCell(r, date1904);
    }
    if (isRich(o)) return richToText(o);
    if ('hyperlink' in o || 'text' in o) {
      const t = o.text;
      if (typeof t === 'string') return t;
      if (isRich(t)) return richToText(t);
      if (typeof t === 'number') return t;
      return typeof o.hyperlink === 'string' ? o.hyperlink : null;
    }
    // Checkbox / unknown object: nothing a user would see as a figure.
    return null;
  }
  return null;
}

/**
 * What ExcelJS said about a file it could not parse, for the message — only a parser's own diagnosis (an XML
 * error). A TypeError inside ExcelJS (`Cannot set properties of undefined (setting 'sheetNo')` on a malformed
 * part) says nothing to a user and must not put `undefined` in a Chinese sentence.
 */
function parserDetail(e: unknown): string | undefined {
  if (!(e instanceof Error) || !e.message || e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) return undefined;
  if (/\b(undefined|null|NaN)\b/.test(e.message)) return undefined;
  return `ExcelJS：${e.message.replace(/\s+/g, ' ').slice(0, 160)}`;
}

type CellModel = { formula?: unknown; shareType?: unknown; result?: unknown };
type SheetModel = { rows?: ({ cells?: (CellModel | null)[] } | null)[] };

/**
 * ExcelJS turns the cached result of every formula in a date-formatted cell into a Date, whatever it was: an
 * error (`#DIV/0!`) or a text result becomes an Invalid Date (read as blank, written back as `<v>NaN</v>`),
 * TRUE becomes 1900-01-01 (read as the figure 1). Keep the non-numeric results as parsed, around ExcelJS's
 * reconcile step (an instance method, in the Node build and the browser bundle alike).
 */
function keepFormulaResults(wb: ExcelJS.Workbook): void {
  const x = wb.xlsx as unknown as { reconcile?: (model: { worksheets?: SheetModel[] }, options: unknown) => unknown };
  const reconcile = x.reconcile;
  if (typeof reconcile !== 'function') return;
  x.reconcile = function (this: unknown, model, options) {
    const kept: [CellModel, unknown][] = [];
    for (const ws of model?.worksheets ?? []) {
      for (const row of ws?.rows ?? []) {
        for (const c of row?.cells ?? []) {
          if (c && (c.formula || c.shareType) && c.result !== undefined && c.result !== null && typeof c.result !== 'number') kept.push([c, c.result]);
        }
      }
    }
    const out = reconcile.call(this, model, options);
    for (const [c, r] of kept) c.result = r;
    return out;
  };
}

/** Load the bytes into an ExcelJS workbook after checking they are a sane .xlsx. */
export async function loadExcelJs(data: Uint8Array | ArrayBuffer, name: string): Promise<ExcelJS.Workbook> {
  const bytes = toBytes(data);
  const entries = inspectWorkbookZip(bytes, name);
  await verifyInflatedSizes(bytes, entries, name);
  const wb = new ExcelJS.Workbook();
  keepFormulaResults(wb);
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    if (isFileReadError(e)) throw e;
    throw readError('corrupt', name, parserDetail(e));
  }
  return wb;
}

// ───────────────────────────── a WritePlan's cells for a new workbook ─────────────────────────────

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
  if (s.unlocked) out.protection = { locked: false };
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
    typeof v === 'string' ? writableText(v) : typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'boolean' ? v : null;
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

/** A CellValidation as ExcelJS writes it: bounds as operators, a refusal as a warning the user may override. */
function toDataValidation(v: CellValidation): ExcelJS.DataValidation {
  const t = validationTexts(v);
  const message = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: t.title,
    prompt: t.prompt,
    showErrorMessage: Boolean(t.error),
    errorStyle: 'warning',
    errorTitle: t.title,
    error: t.error,
  };
  if (v.type === 'any') return { type: 'any', formulae: [], ...message } as unknown as ExcelJS.DataValidation;
  if (v.type === 'list') return { type: 'list', formulae: [`"${(v.list ?? []).join(',')}"`], ...message };
  if (v.min !== undefined && v.max !== undefined) return { type: v.type, operator: 'between', formulae: [v.min, v.max], ...message };
  if (v.max !== undefined) return { type: v.type, operator: 'lessThanOrEqual', formulae: [v.max], ...message };
  return { type: v.type, operator: 'greaterThanOrEqual', formulae: [v.min ?? 0], ...message };
}


/**
 * A plan's styles for ExcelJS, each converted once: `styleOf(key)` gives a fresh copy of it (ExcelJS shares style
 * objects between cells).
 */
function planStyles(plan: WritePlan): (key: string) => Partial<ExcelJS.Style> {
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  return (key) => {
    let st = styles.get(key);
    if (!st) styles.set(key, (st = toExcelStyle(plan.styles[key])));
    return JSON.parse(JSON.stringify(st)) as Partial<ExcelJS.Style>;
  };
}

/**
 * One row of a plan into an ExcelJS row — values, styles, notes and height. `styleOf` is the plan's planStyles.
 */
function writeRow(
  row: ExcelJS.Row,
  cells: readonly (CellSpec | null | undefined)[],
  height: number | null | undefined,
  plan: WritePlan,
  styleOf: (key: string) => Partial<ExcelJS.Style>,
): void {
  cells.forEach((spec, c) => {
    if (!spec) return;
    const cell = row.getCell(c + 1);
    writeCell(cell, spec);
    if (spec.style && plan.styles[spec.style]) cell.style = styleOf(spec.style);
    // rich text where the runs are exactly the text (a text cut at Excel's cell limit stays plain)
    const runs = spec.runs?.map((r) => ({ text: writableText(r.text), font: toExcelStyle(plan.styles[r.style]).font }));
    if (!spec.f && !spec.link && typeof spec.v === 'string' && runs?.length && runs.map((r) => r.text).join('') === writableText(spec.v)) {
      cell.value = { richText: runs.map((r) => (r.font ? { text: r.text, font: r.font } : { text: r.text })) };
    }
    if (spec.note) cell.note = writableText(spec.note);
  });
  if (height != null && Number.isFinite(height) && height > 0) row.height = height;
}

/**
 * A WritePlan as a NEW .xlsx (the blank template): its sheets in order with widths, heights, frozen rows, styles,
 * data validation and protection without a password (cells styled `unlocked` stay editable). Nothing is read.
 */
export async function planToNewXlsx(plan: WritePlan, creator = '指标审核助手 Indicator Desk'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  const styleOf = planStyles(plan);
  for (const sp of plan.sheets) {
    const views = sp.freezeRows ? [{ state: 'frozen' as const, xSplit: 0, ySplit: sp.freezeRows, topLeftCell: `A${sp.freezeRows + 1}` }] : [{}];
    const ws = wb.addWorksheet(sp.name, { views, state: sp.hidden ? 'hidden' : 'visible' } as Partial<ExcelJS.AddWorksheetOptions>);
    sp.columns.forEach((w, i) => {
      if (Number.isFinite(w) && w > 0) ws.getColumn(i + 1).width = w;
    });
    sp.rows.forEach((cells, r) => writeRow(ws.getRow(r + 1), cells, sp.rowHeights?.[r], plan, styleOf));
    // ExcelJS models validations per cell (its typings leave out the sheet's collection)
    for (const v of sp.validations ?? []) (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(v.range, toDataValidation(v));
    if (sp.fitToWidth) ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    if (sp.printTitleRows) ws.pageSetup.printTitlesRow = `${sp.printTitleRows[0]}:${sp.printTitleRows[1]}`;
    if (sp.protect) await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  }
  const active = plan.activate ? plan.sheets.findIndex((s) => s.name === plan.activate) : 0;
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: Math.max(0, active), visibility: 'visible' }];
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
