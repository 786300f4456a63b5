/**
 * Hidden and very hidden sheets. They are checked by default, and every finding that points into one says so:
 * a county looking for `草稿!D4` would not find the sheet, and a very hidden sheet cannot even be unhidden from
 * Excel's interface (only from the VBA editor or a program). A county may choose to leave them out (`skipHidden`).
 */
import { sheetText } from './findings';
import { isToolSheet } from './toolsheets';
import type { Finding, HiddenSheet, Workbook } from './types';

/** What a message adds after a hidden sheet's name. */
export const HIDDEN_NOTE: Record<HiddenSheet['visibility'], string> = {
  hidden: '隐藏工作表',
  veryHidden: '深度隐藏工作表，在 Excel 界面中无法取消隐藏',
};

/** The township's hidden sheets (the tool's own, such as its very hidden 审核标记, are not the township's). */
export function hiddenSheetsOf(book: Workbook, skipped: boolean): HiddenSheet[] {
  const out: HiddenSheet[] = [];
  for (const g of Array.isArray(book?.sheets) ? book.sheets : []) {
    if (!g || typeof g.name !== 'string') continue;
    if (g.visibility !== 'hidden' && g.visibility !== 'veryHidden') continue;
    if (isToolSheet(g)) continue;
    out.push({ sheet: g.name, visibility: g.visibility, checked: !skipped });
  }
  return out;
}

/**
 * Say it in every finding that points into a hidden sheet: `hidden` on the finding whose own cell is there, and
 * in the message after the first mention of each hidden sheet (`‘草稿’表（隐藏工作表） D4`); a finding on such
 * a sheet whose message does not name it gets the note at its end.
 */
export function noteHiddenSheets(findings: Finding[], hidden: HiddenSheet[]): Finding[] {
  if (!hidden.length) return findings;
  const byName = new Map(hidden.map((h) => [h.sheet, h.visibility]));
  for (const f of findings) {
    const own = byName.get(f.sheet);
    if (own) f.hidden = own;
    let message = f.message;
    for (const [name, visibility] of byName) {
      const token = sheetText(name);
      const at = message.indexOf(token);
      if (at >= 0) message = `${message.slice(0, at + token.length)}（${HIDDEN_NOTE[visibility]}）${message.slice(at + token.length)}`;
      else if (name === f.sheet) message = `${message}（该问题所在的‘${name}’是${HIDDEN_NOTE[visibility]}。）`;
    }
    f.message = message;
  }
  return findings;
}
