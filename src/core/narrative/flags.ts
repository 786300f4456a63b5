/**
 * A draft that never hides a problem: the places in a report's text where it states a figure touching an open
 * 错误 or 待核实 — a figure whose cells (Paragraph.figures) include a cell of that finding. The preview highlights
 * them and links each to its finding, the copy and the .docx highlight them (and may add `【待核实】`), and a banner
 * counts them. Pure: the report and the findings in, the places out.
 */
import { ref } from '../address';
import { severityRank } from '../severity';
import type { Finding, Paragraph, Report, Severity } from '../types';
import { enumerate } from './lists';

export interface FlaggedFigure {
  /** Index into report.paragraphs. */
  paragraph: number;
  /** The figure's place in the paragraph's text: [start, end). */
  start: number;
  end: number;
  text: string;
  /** The open findings it touches, gravest first. */
  findings: string[];
  /** The gravest of them. */
  severity: Extract<Severity, 'error' | 'verify'>;
}

/** The marker a county may choose to have written after each such figure in the copy and the .docx. */
export const FLAG_TEXT = '【待核实】';

/** Is `f` a problem the draft must not state silently: open (not explained), an 错误 or a 待核实. */
function unresolved(f: Finding): f is Finding & { severity: 'error' | 'verify' } {
  return f.status === 'open' && (f.severity === 'error' || f.severity === 'verify');
}

/** Where `needle` stands in `text` as a figure of its own (not `37件` inside `137件`), every occurrence. */
function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    const before = text[i - 1] ?? '';
    const after = text[i + needle.length] ?? '';
    if (/[\d.]/.test(before)) continue;
    if (/\d$/.test(needle) && /[\d.]/.test(after)) continue;
    out.push(i);
  }
  return out;
}

/** Every figure of `report` touching an open 错误 or 待核实 of `findings`, in reading order, never overlapping. */
export function flaggedFigures(report: Report, findings: Finding[]): FlaggedFigure[] {
  const byRef = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!unresolved(f)) continue;
    const cells = new Set(f.refs);
    if (f.sheet && /^[A-Z]{1,3}\d+$/.test(f.cell)) cells.add(ref(f.sheet, f.cell));
    for (const r of cells) byRef.set(r, [...(byRef.get(r) ?? []), f]);
  }
  const out: FlaggedFigure[] = [];
  if (!byRef.size) return out;
  report.paragraphs.forEach((p, paragraph) => {
    const spans: FlaggedFigure[] = [];
    for (const fig of p.figures ?? []) {
      const touched = [...new Set(fig.refs.flatMap((r) => byRef.get(r) ?? []))].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
      if (!touched.length) continue;
      // at its own place; a figure without one (or whose place does not hold it) wherever its text stands — more
      // marks, never fewer
      const placed = fig.start != null && p.text.startsWith(fig.text, fig.start);
      for (const start of placed ? [fig.start!] : occurrences(p.text, fig.text)) {
        spans.push({
          paragraph,
          start,
          end: start + fig.text.length,
          text: fig.text,
          findings: touched.map((f) => f.id),
          severity: touched[0].severity as 'error' | 'verify',
        });
      }
    }
    // a longer figure wins over one inside it (`同比增长12.5%` over `12.5%`); then reading order
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    let end = -1;
    for (const s of spans) {
      if (s.start < end) continue;
      out.push(s);
      end = s.end;
    }
  });
  return out;
}

/** A paragraph's text cut at its flagged figures: plain pieces and flagged ones, in order. */
export function splitFlagged(text: string, flags: FlaggedFigure[]): { text: string; flag: FlaggedFigure | null }[] {
  const out: { text: string; flag: FlaggedFigure | null }[] = [];
  let at = 0;
  for (const f of [...flags].sort((a, b) => a.start - b.start)) {
    if (f.start < at || f.end > text.length) continue;
    if (f.start > at) out.push({ text: text.slice(at, f.start), flag: null });
    out.push({ text: text.slice(f.start, f.end), flag: f });
    at = f.end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), flag: null });
  return out;
}

/** The banner above the draft: `文稿中3处数字涉及未改正的问题`; '' when none. */
export function flagBanner(flags: FlaggedFigure[]): string {
  if (!flags.length) return '';
  const errors = flags.filter((f) => f.severity === 'error').length;
  return `文稿中${flags.length}处数字涉及未改正的问题${errors ? `（其中${errors}处涉及错误）` : ''}，已在文稿中标出；请先改正或核实，再使用这些数字。`;
}

/**
 * The draft's notes (Report.notes: a rate recomputed in place of the township's figure) as the paragraph that ends
 * what is written out — the .docx, the copy and 报告文稿 — so whoever uses the text learns it with the text: GB/T
 * 9704's 附注, below the date, `（说明：……。）`, several as `一是……；二是……。`. Null when there are none.
 */
export function notesParagraph(report: Report): Paragraph | null {
  const text = enumerate(report.notes ?? []);
  return text ? { role: 'note', text: `（说明：${text}）` } : null;
}

/** The paragraphs written out: the report's, then its notes (the indices of report.paragraphs are kept). */
export function draftParagraphs(report: Report): Paragraph[] {
  const note = notesParagraph(report);
  return note ? [...report.paragraphs, note] : report.paragraphs;
}
