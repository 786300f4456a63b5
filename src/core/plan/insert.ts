/**
 * Sheets added to a workbook the user has open (the blank template inserted by the pane): what a host writes of a
 * sheet's data validation, and whether the sheets may go in at all. Light on purpose (no catalog): the Excel adapter
 * imports it into the pane's first bundle.
 */
import { writableText } from '../toolsheets';
import type { CellValidation, WritePlan } from '../types';

/** Excel's limits for a validation's texts: a title of 32 characters, a message of 255 (longer ones are refused). */
export const VALIDATION_LIMITS = { title: 32, message: 255 } as const;

/** A validation's title, input message and error message as a host writes them: output-safe and within Excel's limits. */
export function validationTexts(v: CellValidation): { title: string; prompt: string; error: string } {
  return {
    title: writableText(v.title).slice(0, VALIDATION_LIMITS.title),
    prompt: writableText(v.prompt).slice(0, VALIDATION_LIMITS.message),
    error: writableText(v.error).slice(0, VALIDATION_LIMITS.message),
  };
}

/**
 * Whether the template may go into a workbook that has the sheets `existing` (Excel compares sheet names without
 * case): null when none of its sheets is there; otherwise the sentence saying why nothing was inserted. A sheet of
 * the template already in the workbook may hold a township's figures, so it is never replaced.
 */
export function templateClash(plan: WritePlan, existing: readonly string[], file: string): string | null {
  const have = new Set(existing.map((n) => n.trim().toLowerCase()));
  const clash = plan.sheets.map((s) => s.name).filter((n) => have.has(n.toLowerCase()));
  if (!clash.length) return null;
  const book = file ? `工作簿“${file}”` : '本工作簿';
  const names = clash.map((n) => `‘${n}’`).join('、');
  if (clash.length === plan.sheets.length) {
    return `${book}已有空白模板的全部工作表（${names}），没有再次插入，已填写的内容未改动；如需一份新的空白模板，请新建一个空白工作簿后再插入。`;
  }
  return `${book}已有与空白模板同名的工作表${names}，为免覆盖其中的内容，没有插入任何工作表；请新建一个空白工作簿后再插入，或先将这些工作表改名。`;
}
