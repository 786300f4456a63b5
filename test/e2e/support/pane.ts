/**
 * The Excel task pane over the fake office-js (./office-entry.ts, opened by ./office.ts's openFakePane): the fake's
 * workbook made from a core Workbook, and saved as Excel would save it (the county's result copy of a round).
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { Workbook } from '../../../src/core/types';
import type { E2EOfficeSpec, E2ESheet, SavedSheet } from './office-entry';
import { probe } from './office';

export function toSpec(book: Workbook, language = 'zh-CN'): E2EOfficeSpec {
  return {
    language,
    book: {
      name: book.name,
      sheets: book.sheets.map((g) => ({
        name: g.name,
        rows: g.rows as E2ESheet['rows'],
        origin: g.origin,
        formats: g.formats,
        merges: g.merges,
        visibility: g.visibility,
      })),
    },
  };
}

/** The fake workbook saved as an .xlsx, as Excel's 另存为 would write it (values, formulas, number formats, merges). */
export async function savedXlsx(page: Page): Promise<Buffer> {
  const sheets = await probe<SavedSheet[]>(page, 'saved');
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.visibility });
    for (const c of s.cells) {
      const cell = ws.getCell(c.r + 1, c.c + 1);
      const v = typeof c.v === 'object' && c.v ? { error: c.v.error } : c.v;
      cell.value = (c.f ? { formula: c.f.replace(/^=/, ''), result: v } : v ?? null) as ExcelJS.CellValue;
      if (c.nf) cell.numFmt = c.nf;
    }
    for (const m of s.merges) ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
