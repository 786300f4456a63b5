/** The file adapter: .xlsx in and out (ExcelJS), the report as .docx (docx). Node and browser alike. */
export { readXlsx, READ_LIMITS, toCell, dateToSerial } from './read';
export type { ReadLimits } from './read';
export { FileReadError, isFileReadError } from './errors';
export type { FileReadErrorCode } from './errors';
export { inspectWorkbookZip, verifyInflatedSizes, ZIP_LIMITS } from './zip';
export { applyPlan, writeCell, toExcelStyle, cleanText } from './apply';
export { reportDocx, GB9704 } from './docx';
