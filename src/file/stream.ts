/**
 * A WritePlan written as a NEW workbook with ExcelJS's streaming writer: each row is committed as it is written,
 * so a county summary of 1,000 townships never holds the whole sheet as a styled model. Cells as in exceljs.ts
 * (strings always text, `f` a formula with its cached value, `link` an internal link) plus `note` as a cell note.
 */
import * as ExcelJS from 'exceljs';
import type { WritePlan } from '../core/types';
import { planStyles, writeRow } from './exceljs';

export async function writePlanToFile(target: string, plan: WritePlan, creator = '指标审核助手 Indicator Desk'): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: target, useStyles: true, useSharedStrings: true });
  wb.creator = creator;
  const styleOf = planStyles(plan);
  for (const sp of plan.sheets) {
    const views = sp.freezeRows ? [{ state: 'frozen' as const, xSplit: 0, ySplit: sp.freezeRows }] : [];
    const ws = wb.addWorksheet(sp.name, { views, state: sp.hidden ? 'hidden' : 'visible' } as Partial<ExcelJS.AddWorksheetOptions>);
    ws.columns = sp.columns.map((w) => ({ width: Number.isFinite(w) && w > 0 ? w : 10 }));
    sp.rows.forEach((cells, r) => {
      const row = ws.getRow(r + 1);
      writeRow(row, cells, sp.rowHeights?.[r], plan, styleOf);
      row.commit();
    });
    ws.commit();
  }
  await wb.commit();
}
