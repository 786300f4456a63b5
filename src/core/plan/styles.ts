/** Cell styles of the sheets the tool writes (keys of WritePlan.styles). */
import { REPORT_FORMAT } from '../toolsheets';
import type { CellStyle, Severity } from '../types';

/** Fill of a marked cell and of the severity column, per severity. */
export const SEVERITY_FILL: Record<Severity, string> = { error: '#F8D7DA', verify: '#FFF3CD', hint: '#D1ECF1' };

/** Styles of 审核结果 and 计算结果. */
export function sheetStyles(): Record<string, CellStyle> {
  return {
    summary: { font: { bold: true, size: 12 } },
    header: { font: { bold: true }, fill: '#D9E1F2', align: 'center', valign: 'middle', wrap: true },
    error: { fill: SEVERITY_FILL.error, align: 'center' },
    verify: { fill: SEVERITY_FILL.verify, align: 'center' },
    hint: { fill: SEVERITY_FILL.hint, align: 'center' },
    link: { font: { color: '#0563C1', underline: true } },
    wrap: { wrap: true, valign: 'top' },
    pct: { numFmt: '0.0%' },
  };
}

const BODY = '仿宋_GB2312';

/**
 * Styles of 报告文稿, after GB/T 9704-2012 (title 方正小标宋简体 22 pt centred; body 仿宋_GB2312 16 pt …). Every one
 * carries REPORT_FORMAT, the number format that shows like `General` and tells the hosts the sheet is the tool's
 * (see core/toolsheets.ts); a number format is not pasted into Word.
 */
export const REPORT_STYLES: Record<string, CellStyle> = {
  'doc-title': { font: { name: '方正小标宋简体', size: 22 }, align: 'center', valign: 'middle', wrap: true, numFmt: REPORT_FORMAT },
  'doc-addressee': { font: { name: BODY, size: 16 }, align: 'left', valign: 'top', wrap: true, numFmt: REPORT_FORMAT },
  'doc-opening': { font: { name: BODY, size: 16 }, align: 'justify', valign: 'top', wrap: true, numFmt: REPORT_FORMAT },
  'doc-heading1': { font: { name: '黑体', size: 16 }, align: 'left', valign: 'top', wrap: true, numFmt: REPORT_FORMAT },
  'doc-heading2': { font: { name: '楷体_GB2312', size: 16 }, align: 'left', valign: 'top', wrap: true, numFmt: REPORT_FORMAT },
  'doc-heading3': { font: { name: BODY, size: 16, bold: true }, align: 'left', valign: 'top', wrap: true, numFmt: REPORT_FORMAT },
  'doc-heading4': { font: { name: BODY, size: 16 }, align: 'left', valign: 'top', wrap: true, numFmt: REPORT_FORMAT },
  'doc-body': { font: { name: BODY, size: 16 }, align: 'justify', valign: 'top', wrap: true, numFmt: REPORT_FORMAT },
  'doc-closing': { font: { name: BODY, size: 16 }, align: 'left', valign: 'top', wrap: true, numFmt: REPORT_FORMAT },
  'doc-signature': { font: { name: BODY, size: 16 }, align: 'right', valign: 'top', wrap: true, numFmt: REPORT_FORMAT },
  'doc-date': { font: { name: BODY, size: 16 }, align: 'right', valign: 'top', wrap: true, numFmt: REPORT_FORMAT },
  'doc-note': { font: { name: BODY, size: 16 }, align: 'justify', valign: 'top', wrap: true, numFmt: REPORT_FORMAT },
};

/** Severities a figure of the draft may be flagged with (core/narrative/flags.ts). */
type Flagged = 'error' | 'verify';

/**
 * A 报告文稿 paragraph stating a figure that touches an open 错误 / 待核实: its cell filled as a marked cell is
 * (`doc-body-error`), and — where the host writes rich text — the figure itself in a run of its own colour,
 * underlined (`doc-flag-error`): a cell has one fill, Word's highlight has no cell equivalent.
 */
export function flaggedParagraphStyle(role: string, severity: Flagged): string {
  return `doc-${role}-${severity}`;
}
export function flaggedRunStyle(severity: Flagged): string {
  return `doc-flag-${severity}`;
}
const FLAG_COLOR: Record<Flagged, string> = { error: '#C00000', verify: '#9C5700' };
for (const severity of ['error', 'verify'] as const) {
  for (const key of Object.keys(REPORT_STYLES).filter((k) => /^doc-[a-z0-9]+$/.test(k))) {
    REPORT_STYLES[`${key}-${severity}`] = { ...REPORT_STYLES[key], fill: SEVERITY_FILL[severity] };
  }
  REPORT_STYLES[flaggedRunStyle(severity)] = { font: { name: BODY, size: 16, color: FLAG_COLOR[severity], underline: true } };
}
