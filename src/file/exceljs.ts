/**
 * ExcelJS for the writing path (applyPlan): loading a workbook to add result sheets and marks to it, and reading
 * back the cells it is about to restore. Reading for a check does not come here (see read.ts). No fs here.
 */
import * as ExcelJS from 'exceljs';
import type { Cell } from '../core/types';
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

