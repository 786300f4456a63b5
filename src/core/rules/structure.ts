/** Rules on the workbook's shape: labels the catalog cannot place, heading numbering, truncated sheets, uncalculated formulas. */
import { a1 } from '../address';
import { makeFinding, whereText } from '../findings';
import type { Finding, UnknownLabel } from '../types';
import type { RuleContext } from './context';

/**
 * A label the catalog could not place (`unknown-indicator`: naming the words not understood and the nearest
 * indicators), or one several indicators fit (`ambiguous-label`): both keyed by sheet and label, not by cell, so the
 * id survives inserted rows; both carry the label and the indicators to choose from (the pane's one-click fix).
 */
function labelFinding(ctx: RuleContext, u: UnknownLabel, ambiguous: boolean): Finding {
  const name = (id: string) => ctx.catalog.indicators.find((d) => d.id === id)?.name ?? id;
  const ids = ambiguous ? u.candidates! : u.suggestions?.length ? u.suggestions : u.suggestion ? [u.suggestion.id] : [];
  const candidates = ids.map((id) => ({ id, name: name(id) }));
  const f = makeFinding(ambiguous ? 'ambiguous-label' : 'unknown-indicator', {
    sheet: u.sheet,
    cell: u.cell,
    indicators: [],
    entity: null,
    period: null,
    key: `${u.sheet}|${u.label.replace(/\s+/g, '')}`,
    byCell: false,
    variant: ambiguous ? undefined : !u.label ? 'nameless' : !u.suggestion ? 'none' : u.unknownWords?.length ? 'words' : undefined,
    vars: {
      label: u.label || u.raw,
      suggestion: u.suggestion?.name,
      words: u.unknownWords?.join('、'),
      candidates: candidates.map((c) => `“${c.name}”`).join('或'),
    },
    expected: ambiguous ? null : (u.suggestion?.name ?? null),
    actual: u.label || u.raw,
  });
  if (u.label) f.label = u.label;
  if (candidates.length) f.candidates = candidates;
  return f;
}

export function unknownIndicator(ctx: RuleContext): Finding[] {
  return ctx.extraction.unknown.filter((u) => !u.candidates?.length).map((u) => labelFinding(ctx, u, false));
}

export function ambiguousLabel(ctx: RuleContext): Finding[] {
  return ctx.extraction.unknown.filter((u) => u.candidates?.length).map((u) => labelFinding(ctx, u, true));
}

/** A row of the user's 指标对照 (or --mapping file) that names no indicator: said, not silently dropped. */
export function mappingInvalid(ctx: RuleContext): Finding[] {
  return (ctx.extraction.mappingProblems ?? []).map((p) =>
    makeFinding('mapping-invalid', {
      sheet: p.file ? '' : p.sheet,
      cell: p.file ? '' : p.cell,
      indicators: [],
      entity: null,
      period: null,
      key: `mapping|${p.text}`,
      // a row of the 指标对照 sheet is a cell; an entry of a --mapping file is named with its file
      vars: { source: p.cell && !p.file ? whereText(p.sheet, p.cell) : `指标对照文件“${p.sheet}”${p.cell ? `中的${p.cell}` : ''}`, text: p.text, reason: p.reason },
      actual: p.text,
    }),
  );
}

/** A sheet whose reading failed: said as an error naming it; the other sheets were still read. */
export function sheetUnreadable(ctx: RuleContext): Finding[] {
  return (ctx.extraction.failures ?? []).map((x) =>
    x.part === 'identity'
      ? // the unit and year are read from every sheet's titles and key–value rows: no one cell to point at
        makeFinding('sheet-unreadable', {
          sheet: '',
          cell: '',
          indicators: [],
          entity: null,
          period: null,
          key: 'unreadable|identity',
          variant: 'identity',
          // which workbook: a county checking forty townships' files reads the message away from the file
          vars: { reason: x.reason, file: ctx.workbookFile ? `“${ctx.workbookFile}”` : '' },
          actual: x.reason,
        })
      : makeFinding('sheet-unreadable', {
          sheet: x.sheet,
          cell: 'A1',
          indicators: [],
          entity: null,
          period: null,
          key: 'unreadable',
          vars: { sheet: x.sheet, reason: x.reason },
          actual: x.reason,
        }),
  );
}

interface Numbered {
  text: string;
  sheet: string;
  cell: string;
  /** Numbering as written: `一、` or `1、`. */
  style: '一、' | '1、';
}

/** Headings numbered with `、`: Chinese `一、` or Arabic `1、` — the same (top) level, so they must not mix. */
export function numberingStyle(text: string): '一、' | '1、' | null {
  const t = text.trim();
  if (/^[一二三四五六七八九十百]+\s*、/.test(t)) return '一、';
  if (/^[0-9０-９]+\s*、/.test(t)) return '1、';
  return null;
}

/** The numbering as written: `四、`. */
function prefix(text: string): string {
  return /^\s*([^、]*、)/.exec(text)?.[1].trim() ?? text.trim().slice(0, 2);
}

/**
 * Section numbering that mixes `1、` and `四、` at the same level (per sheet). `（一）` and `（1）`, `1.` are
 * different levels by GB/T 9704 practice and are not compared. The finding sits on the first heading of the
 * less used style (on a tie, the style that appears second).
 */
export function numbering(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const bySheet = new Map<string, Numbered[]>();
  for (const h of ctx.extraction.headings ?? []) {
    const style = numberingStyle(h.text);
    if (!style) continue;
    const list = bySheet.get(h.sheet) ?? [];
    list.push({ ...h, style });
    bySheet.set(h.sheet, list);
  }
  for (const list of bySheet.values()) {
    const styles = [...new Set(list.map((h) => h.style))];
    if (styles.length < 2) continue;
    const count = (s: string) => list.filter((h) => h.style === s).length;
    const [a, b] = styles; // a appears first
    const odd = count(b) <= count(a) ? b : a;
    const odds = list.filter((h) => h.style === odd);
    const other = list.find((h) => h.style !== odd)!;
    const at = odds[0];
    out.push(
      makeFinding('numbering', {
        sheet: at.sheet,
        cell: at.cell,
        cells: [...odds.slice(1), other],
        indicators: [],
        entity: null,
        period: null,
        vars: {
          text: at.text,
          style: prefix(at.text),
          otherWhere: whereText(other.sheet, other.cell),
          otherText: other.text,
          otherStyle: prefix(other.text),
        },
        expected: other.style,
        actual: at.style,
      }),
    );
  }
  return out;
}

/** A sheet the adapter stopped reading: what lies below was not checked. */
export function sheetTruncated(ctx: RuleContext): Finding[] {
  return ctx.sheets
    .filter((s) => s.truncated)
    .map((s) => {
      // The first unread row, counted from where the grid starts (a used range may begin at B5).
      const cell = a1((s.origin?.row ?? 0) + s.truncated!.rowsRead, s.origin?.col ?? 0);
      return makeFinding('sheet-truncated', {
        sheet: s.name,
        cell,
        indicators: [],
        entity: null,
        period: null,
        key: 'truncated',
        vars: {
          sheet: s.name,
          where: whereText(s.name, cell),
          total: s.truncated!.rowsTotal,
          read: s.truncated!.rowsRead,
        },
        actual: s.truncated!.rowsRead,
        expected: s.truncated!.rowsTotal,
      });
    });
}

/** Formulas the file holds no result for: those cells read as empty, so what they compute was not checked. */
/**
 * A `报告模板` sheet inside a checked workbook: templates are the county's, so it rewords the report only when the user
 * chooses it; otherwise this hint says it was found and not applied.
 */
export function workbookTemplates(ctx: RuleContext): Finding[] {
  const sheet = ctx.ignoredTemplateSheet;
  if (!sheet) return [];
  return [makeFinding('workbook-templates', { sheet, cell: 'A1', indicators: [], entity: null, period: null, key: 'workbook-templates', vars: { sheet } })];
}

export function uncalculatedFormula(ctx: RuleContext): Finding[] {
  return ctx.sheets
    .filter((s) => s.uncalculated && s.uncalculated.count > 0)
    .map((s) => {
      const u = s.uncalculated!;
      const cell = a1(u.row, u.col);
      return makeFinding('uncalculated-formula', {
        sheet: s.name,
        cell,
        indicators: [],
        entity: null,
        period: null,
        key: 'uncalculated',
        vars: { sheet: s.name, cell, count: u.count },
        actual: u.count,
      });
    });
}
