/** The office-js adapter: the only code that touches `Excel`. */
export { createExcelHost, type ExcelHostOptions } from './host';
export { readWorkbook, READ_DEFAULTS, type ReadOptions } from './read';
export { applyPlan, selectCell, MARKS_SHEET, MARKS_HEADER, type ApplyOptions } from './apply';
export { MIN_EXCEL_API, OPTIONAL_API, officeEnv, type ExcelEnv } from './env';
export { insertSheets, type InsertOptions } from './insert';
