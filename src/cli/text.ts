/**
 * The report's text on the command line (issue 13): `check 报告.docx` (or .txt), `check 纸坊镇.xlsx --text
 * 纸坊镇报告.docx` (both checked, the text compared with the workbook), and `report 报告.docx --annotate 审核批注.docx`.
 * A finding in text is shown at its paragraph, `第12段：“……化解率达98%……”`, in place of `Sheet!Cell`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { outputText } from '../core/output';
import { SEVERITY_ORDER, SEVERITY_SHORT_NAMES as SEVERITY_LABEL } from '../core/severity';
import type { TextDocument } from '../core/prose/types';
import { checkText, textWhere, type TextCheckResult, type TextFinding, type TextObservation } from '../core/textcheck';
import type { Catalog, CheckResult } from '../core/types';
import type { CheckOptions } from '../core/check';
import { catalogWithDefinitions } from '../core/definitions/catalog';
import { annotateDocx, type DocxNote } from '../file/annotate';
import { isFileReadError } from '../file/errors';
import { readTextDocument, textSourceFormat, type TextSourceFormat } from '../file/textdoc';
import { readWorkbook } from '../file/workbook';
import { workbookTextDocument } from '../core/prose/sheet';
import { findingJson, observationJson, openErrors, summaryText } from './check';
import { CliFileError, outputProblem, readBytes, samePath, unreadableEntry, writeFailed, writeOutputs } from './common';
import { EXIT, type CliIO } from './io';

/** Which report reader a file's bytes call for; null for a workbook (or anything the workbook readers answer). */
export function reportFormat(bytes: Uint8Array, file: string): TextSourceFormat | null {
  return textSourceFormat(bytes, path.basename(file));
}

/** Read a report file; its problems become a CliFileError naming it. */
export function readReport(bytes: Uint8Array, file: string): TextDocument {
  try {
    return readTextDocument(bytes, path.basename(file));
  } catch (e) {
    if (isFileReadError(e)) throw new CliFileError(e.message, e.code);
    throw e;
  }
}

/** The catalog a check with these options uses: the county's definitions (`--catalog`) added to the default. */
export function catalogOf(opts: CheckOptions): Catalog | undefined {
  return opts.catalog ?? (opts.definitions ? catalogWithDefinitions(opts.definitions).catalog : undefined);
}

/** Check a report's text, alone or against its workbook's check; a bug in the engine names the file, never passes as clean. */
export function checkReport(doc: TextDocument, file: string, workbook?: CheckResult, catalog?: Catalog): TextCheckResult {
  try {
    return checkText(doc, { workbook, catalog });
  } catch (e) {
    throw new CliFileError(`检查“${path.basename(file)}”的报告文字时出错：${e instanceof Error ? e.message : String(e)}`, 'check-failed');
  }
}

/** The summary sentence of a report's check. */
export function textSummaryLine(file: string, r: TextCheckResult): string {
  const c = r.counts;
  const verdict = openErrors(r) ? '有错误，须改正后再报送。' : c.verify > 0 ? '无错误，有待核实的项目，请核实。' : '未发现错误。';
  return summaryText(file, c, `。${verdict}`);
}

/** Human-readable findings of a report, grouped by severity, each at its paragraph. */
export function formatTextResult(file: string, r: TextCheckResult): string {
  const lines: string[] = [];
  const about = [`报告文字，共 ${r.doc.paragraphs.length} 段`, r.year != null ? `${r.year}年度` : null, r.against ? `与 ${r.against} 对照` : null];
  lines.push(`■ ${file}（${about.filter(Boolean).join('，')}）`);
  for (const sev of SEVERITY_ORDER) {
    const list = r.findings.filter((f) => f.severity === sev);
    if (!list.length) continue;
    lines.push(`  ${SEVERITY_LABEL[sev]}（${list.length} 项）`);
    for (const f of list) lines.push(`    ${textWhere(f, r.doc)}　${f.message}`);
  }
  if (!r.doc.paragraphs.length) lines.push('  文件中没有文字。');
  else if (!r.findings.length) lines.push('  未发现问题。');
  lines.push(`  ${textSummaryLine(file, r)}`);
  return outputText(lines.join('\n'));
}

function located<T extends TextFinding | TextObservation>(x: T) {
  return { source: x.source ?? 'text', paragraph: x.paragraph ?? null, span: x.span ?? null, quote: x.quote ?? null };
}

/** JSON as for workbooks, each observation and finding with its paragraph, span and sentence. */
export function textResultJson(file: string, r: TextCheckResult) {
  return {
    file,
    kind: 'text' as const,
    unit: null,
    year: r.year,
    against: r.against,
    counts: r.counts,
    paragraphs: r.doc.paragraphs.length,
    observations: r.observations.map((o) => ({ ...observationJson(o), ...located(o) })),
    findings: r.findings.map((f) => ({ ...findingJson(f), ...located(f) })),
  };
}

/** The comments of the annotated copy: one per finding with a span, holding its severity and message. */
export function notesOf(r: TextCheckResult): { notes: DocxNote[]; unplaced: TextFinding[] } {
  const notes: DocxNote[] = [];
  const unplaced: TextFinding[] = [];
  for (const f of r.findings) {
    if (typeof f.paragraph === 'number' && f.span) notes.push({ paragraph: f.paragraph, span: f.span, text: `【${SEVERITY_LABEL[f.severity]}】${f.message}` });
    else unplaced.push(f);
  }
  return { notes, unplaced };
}

/** One report's entry in `check`'s output: its JSON or its text block, and whether it has open errors. */
export function textEntry(file: string, r: TextCheckResult, json: boolean): { entry: unknown; errors: number } {
  return { entry: json ? textResultJson(file, r) : formatTextResult(file, r), errors: openErrors(r) ? 1 : 0 };
}

/**
 * `check 纸坊镇.xlsx --text 纸坊镇报告.docx`: the report read and checked against the workbook's check. `--text` may
 * also name a workbook (the same one, or another): its 报告正文 / 报告 / 报告文稿 sheet is the report, each paragraph
 * with its cell. A report that cannot be read is named (exit 2), the workbook's findings still stand.
 */
export async function workbookReport(file: string, workbook: CheckResult, io: CliIO, json: boolean): Promise<{ entry: unknown; errors: number; unreadable: number }> {
  try {
    const bytes = readBytes(file, io.cwd);
    const doc = reportFormat(bytes, file) ? readReport(bytes, file) : await sheetReport(bytes, file);
    return { ...textEntry(file, checkReport(doc, file, workbook), json), unreadable: 0 };
  } catch (e) {
    if (!(e instanceof CliFileError)) throw e;
    return { entry: unreadableEntry(file, e, io, json), errors: 0, unreadable: 1 };
  }
}

/** A workbook's text sheet as the report; a workbook without one is named with what to give instead. */
async function sheetReport(bytes: Uint8Array, file: string): Promise<TextDocument> {
  const name = path.basename(file);
  let doc: TextDocument | null;
  try {
    doc = workbookTextDocument(await readWorkbook(bytes, name));
  } catch (e) {
    if (isFileReadError(e)) throw new CliFileError(e.message, e.code);
    throw e;
  }
  if (!doc) {
    throw new CliFileError(`工作簿“${name}”中没有“报告正文”“报告”或“报告文稿”表（报告放在 A 列，每段一行）：--text 请给出报告的 .docx 或 .txt，或含这样一张表的工作簿。`, 'no-text');
  }
  return doc;
}

/** Does `file` hold a report's text (a .docx or a text report, by its bytes)? False when it cannot be read: the workbook path names that. */
export function isReportFile(file: string, cwd: string): boolean {
  let bytes: Uint8Array;
  try {
    bytes = readBytes(file, cwd);
  } catch (e) {
    if (e instanceof CliFileError) return false; // the usual reading path says what is wrong with it
    throw e;
  }
  return reportFormat(bytes, file) !== null;
}

/**
 * `report 报告.docx [--annotate 审核批注.docx]` (or `report 纸坊镇.xlsx --text 报告.docx --annotate …`, the text
 * compared with the workbook's check): the report checked, and a copy of the Word file written with a
 * comment (批注) on the words of each finding. The source is never modified; every output is checked first.
 */
export async function runReportText(file: string, annotate: string | undefined, io: CliIO, catalog?: Catalog, workbook?: CheckResult): Promise<number> {
  const src = path.resolve(io.cwd, file);
  const name = path.basename(file).replace(/\.(docx|docm|txt)$/i, '');
  const target = annotate ? path.resolve(io.cwd, annotate) : path.join(path.dirname(src), `${name}-审核批注.docx`);
  if (samePath(target, src)) {
    io.err(`不能覆盖原报告“${file}”：请用 --annotate 指定另一个文件名（refusing to overwrite the source）。`);
    return EXIT.failure;
  }
  const output = { target, shown: annotate ?? (path.relative(io.cwd, target) || target), option: '--annotate', example: `${name}-审核批注.docx` };
  const problem = outputProblem(output, io.cwd);
  if (problem) {
    io.err(problem);
    return EXIT.failure;
  }
  try {
    const bytes = readBytes(file, io.cwd);
    const doc = readReport(bytes, file);
    // with the workbook (`report 纸坊镇.xlsx --text 报告.docx`) the comments also hold where the text differs from its cells
    const r = checkReport(doc, file, workbook, catalog);
    io.out(formatTextResult(file, r));
    if (reportFormat(bytes, file) !== 'docx') {
      io.err(`“${path.basename(file)}”是文本文件，只能为 Word 文档（.docx）写批注：请把报告的 .docx 交给 report 命令。`);
      return EXIT.failure;
    }
    const { notes, unplaced } = notesOf(r);
    const out = annotateDocx(bytes, path.basename(file), notes);
    await writeOutputs([{ ...output, write: (tmp) => fs.writeFileSync(tmp, out.bytes) }]);
    const replaced = out.replaced ? `，替换了上次写入的 ${out.replaced} 条` : '';
    io.out(`已写出审核批注：${output.shown}（${out.written} 条批注${replaced}）`);
    const left = [...unplaced.map((f) => f.message), ...out.missed.map((n) => n.text)];
    if (left.length) io.err(`有 ${left.length} 项问题在文中找不到对应的文字，未写成批注：\n${left.map((m) => `  ${m}`).join('\n')}`);
    io.out('原报告未作任何改动。');
    return openErrors(r) ? EXIT.findings : EXIT.ok;
  } catch (e) {
    return writeFailed(io, file, e);
  }
}
