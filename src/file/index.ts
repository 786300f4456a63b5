/**
 * The file adapter: .xlsx read by our own SpreadsheetML reader, written into the original package (new workbooks with ExcelJS); the report as .docx (docx).
 * Node and browser alike.
 */
export { readXlsx, READ_LIMITS } from './read';
export { readWorkbook, sourceFormat, isXlsxBytes, WORKBOOK_EXTENSIONS } from './workbook';
export type { SourceFormat } from './workbook';
export { resultBase, gridWorkbookToXlsx } from './fresh';
export { toCell, dateToSerial, toExcelStyle, writeCell } from './exceljs';
export type { ReadLimits } from './read';
export { FileReadError, isFileReadError } from './errors';
export type { FileReadErrorCode } from './errors';
export { inspectWorkbookZip, verifyInflatedSizes, ZIP_LIMITS } from './zip';
export { applyPlan, cleanText } from './apply';
export { reportDocx, GB9704 } from './docx';
export { planToNewXlsx } from './exceljs';
