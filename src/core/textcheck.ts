/**
 * A report's text checked (issue 13): the one place the readers' TextDocument meets the prose engine
 * (`checkProse`, src/core/prose), for the CLI, the page and the pane alike — and how a finding in text is shown:
 * `第12段：“……化解率达98%……”`, with the sheet and cell when the text came from a sheet.
 */
import { ref } from './address';
import { CATALOG } from './catalog';
import { countFindings } from './findings';
import { checkProse, reportYear } from './prose';
import type { TextDocument } from './prose/types';
import type { Catalog, CheckResult, Finding, Observation, Severity } from './types';

/** A location in text is on Finding and Observation themselves (`source: 'text'`, paragraph, span, quote). */
export type TextLocation = Pick<Finding, 'source' | 'paragraph' | 'span' | 'quote'>;
export type TextFinding = Finding;
export type TextObservation = Observation;

export interface TextCheckResult {
  doc: TextDocument;
  /** The workbook the text was compared with, if any (its file name). */
  against: string | null;
  year: number | null;
  observations: TextObservation[];
  findings: TextFinding[];
  counts: Record<Severity, number> & { explained: number };
}

/** Is this finding located in text (not at a workbook's cell)? */
export function isTextFinding(f: Finding): f is TextFinding {
  return (f as TextFinding).source === 'text' && typeof (f as TextFinding).paragraph === 'number';
}

/** Check a report's text on its own, or against the workbook it goes with (`workbook`: that workbook's check). */
export function checkText(doc: TextDocument, opts: { catalog?: Catalog; year?: number | null; workbook?: CheckResult } = {}): TextCheckResult {
  const catalog = opts.catalog ?? opts.workbook?.catalog ?? CATALOG;
  const year = opts.year ?? opts.workbook?.year ?? reportYear(doc);
  const r = checkProse(doc, { catalog, year: year ?? undefined, workbook: opts.workbook });
  const findings = r.findings;
  return {
    doc,
    against: opts.workbook?.file ?? null,
    year,
    observations: r.observations,
    findings,
    counts: countFindings(findings),
  };
}

const SENTENCE_END = /[。！？；;!?]/;

/**
 * The words of a paragraph around a span, as a reader finds them: the span with up to `around` characters either
 * side, within its sentence, `……` where the sentence goes on.
 */
export function excerpt(text: string, span: [number, number], around = 12): string {
  const [s, e] = [Math.max(0, Math.min(span[0], text.length)), Math.max(0, Math.min(span[1], text.length))];
  let from = s;
  while (from > 0 && s - from < around && !SENTENCE_END.test(text[from - 1])) from--;
  let to = e;
  while (to < text.length && to - e < around && !SENTENCE_END.test(text[to - 1] ?? '')) to++;
  const head = from > 0 && !SENTENCE_END.test(text[from - 1]) ? '……' : '';
  const tail = to < text.length && !SENTENCE_END.test(text[to - 1]) ? '……' : '';
  return `${head}${text.slice(from, to).trim()}${tail}`;
}

/**
 * `第12段：“……化解率达98%……”` (`第3段（报告!A5）：“…”` when the paragraph came from a sheet) — the location of a
 * finding in text, in place of `Sheet!Cell`. The paragraph's text, when given, gives the excerpt; else the quote.
 */
export function textWhere(f: TextLocation & { sheet?: string | null; cell?: string | null }, doc?: TextDocument): string {
  const para = doc?.paragraphs.find((p) => p.index === f.paragraph);
  const cell = para?.sheet && para.cell ? ref(para.sheet, para.cell) : f.sheet && f.cell ? ref(f.sheet, f.cell) : null;
  const words = para && f.span ? excerpt(para.text, f.span) : (f.quote ?? '').trim();
  return `第${f.paragraph}段${cell ? `（${cell}）` : ''}${words ? `：“${words}”` : ''}`;
}
