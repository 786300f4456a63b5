/**
 * What the report-text check needs (issue 13), loaded on first use as its own chunk: the readers of a .docx/.txt
 * and of a workbook's text sheet, the core check of the workbook and of the text, and the annotated copy.
 */
import { check } from '../core/check';
import { workbookTextDocument } from '../core/prose/sheet';
import type { TextDocument } from '../core/prose/types';
import { checkText, type TextCheckResult } from '../core/textcheck';
import type { CheckResult, Workbook } from '../core/types';
import { annotateDocx, type AnnotateOutcome, type DocxNote } from '../file/annotate';
import { readTextDocument, textSourceFormat } from '../file/textdoc';

export interface ReportEngine {
  /** The report's text: from the given file (a .docx or .txt), else the workbook's text sheet; null when neither. */
  document(file: { name: string; bytes: Uint8Array } | null, book: Workbook | null): TextDocument | null;
  checkWorkbook(book: Workbook): CheckResult;
  checkText(doc: TextDocument, workbook?: CheckResult): TextCheckResult;
  /** A .docx's bytes (by content)? */
  isDocx(bytes: Uint8Array, name: string): boolean;
  annotate(bytes: Uint8Array, name: string, notes: DocxNote[]): AnnotateOutcome;
}

export const reportEngine: ReportEngine = {
  document: (file, book) => (file ? readTextDocument(file.bytes, file.name) : book ? workbookTextDocument(book) : null),
  checkWorkbook: (book) => check(book),
  checkText: (doc, workbook) => checkText(doc, { workbook }),
  isDocx: (bytes, name) => textSourceFormat(bytes, name) === 'docx',
  annotate: (bytes, name, notes) => annotateDocx(bytes, name, notes),
};
