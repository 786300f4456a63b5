/**
 * A report kept inside a workbook (issue 13): a sheet whose column A holds the report's paragraphs, one per row —
 * the township's own `报告`/`报告正文`, or the tool's `报告文稿` — read as a TextDocument whose paragraphs carry
 * their sheet and cell, so a finding in the text can select the cell it came from.
 */
import { a1 } from '../address';
import { RESULT_SHEETS } from '../catalog';
import type { Cell, Grid, Workbook } from '../types';
import type { TextDocument, TextParagraph } from './types';

/** Sheet names that hold a report's text, in the order they are preferred: the township's own first. */
export const TEXT_SHEET_NAMES = ['报告正文', '报告', RESULT_SHEETS.report] as const;

function cellText(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null; // an error value holds no text of the report
}

/** The sheet holding a report's text, or null when the workbook has none (names compared without surrounding spaces). */
export function findTextSheet(book: Workbook): Grid | null {
  for (const name of TEXT_SHEET_NAMES) {
    const g = book.sheets.find((s) => s.name.trim() === name);
    if (g) return g;
  }
  return null;
}

/**
 * Column A of a sheet as paragraphs: each non-blank cell one paragraph, numbered 1, 2, … in row order (blank rows
 * are not counted, as a reader does not count empty lines), with its sheet and cell.
 */
export function sheetTextDocument(grid: Grid, name: string): TextDocument {
  const origin = grid.origin ?? { row: 0, col: 0 };
  const paragraphs: TextParagraph[] = [];
  if (origin.col === 0) {
    for (let r = 0; r < grid.rows.length; r++) {
      const text = cellText(grid.rows[r]?.[0] ?? null);
      if (text === null || !text.trim()) continue;
      paragraphs.push({ index: paragraphs.length + 1, text, sheet: grid.name, cell: a1(origin.row + r, 0) });
    }
  }
  return { name, paragraphs };
}

/** The report text a workbook holds (see TEXT_SHEET_NAMES), or null when it holds none. */
export function workbookTextDocument(book: Workbook): TextDocument | null {
  const grid = findTextSheet(book);
  return grid ? sheetTextDocument(grid, book.name) : null;
}
