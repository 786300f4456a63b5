/**
 * Findings: stable ids, message rendering, ordering and counts. One place for how a finding names a cell
 * (`‘矛盾纠纷’表 D11`) and how a figure is shown in a message.
 */
import { parseA1, ref } from './address';
import { formatFigure, formatNumber as plainNumber } from './format';
import { formatPercent } from './rate';
import { explanationOf, explanationsById } from './explained';
import { RULES } from './rule-meta';
import { severityRank } from './severity';
import type { Explanation, Figure, Finding, FindingAccount, FindingCounts, IndicatorDef, Observation, Period, RuleId } from './types';

// ───────────────────────────── ids ─────────────────────────────

/** UTF-8 bytes of a string, without TextEncoder (src/core sees no DOM/Node). */
function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** FNV-1a, 32 bit, over the UTF-8 bytes; 8 lowercase hex digits. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (const b of utf8(s)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The stable id of a finding: rule | entity | period | sorted indicators, plus `extra` (a sub-case, or the
 * sheet and cell for findings that concern no indicator). Moving rows does not change an indicator finding's id.
 */
export function findingId(
  rule: RuleId,
  entity: string | null,
  period: Period | null,
  indicators: string[],
  extra = '',
): string {
  const key = [rule, entity ?? '', period ?? '', [...indicators].sort().join(',')].join('|');
  return fnv1a(extra ? `${key}|${extra}` : key);
}

// ───────────────────────────── messages ─────────────────────────────

/** `‘矛盾纠纷’表 D11`, with the township of a summary row: `‘汇总’表 D11（张庄镇）`; `‘汇总表’ D11` (no 表表). */
/** A sheet as messages name it: `‘矛盾纠纷’表`, but `‘汇总表’` (no 表表). */
export function sheetText(sheet: string): string {
  return `‘${sheet}’${sheet.endsWith('表') ? '' : '表'}`;
}

export function whereText(sheet: string, cell: string, entity?: string | null): string {
  return `${sheetText(sheet)} ${cell}${entity ? `（${entity}）` : ''}`;
}

/** Inverse of `whereText` (entity dropped); null when the text is not a location. */
export function parseWhere(where: string): { sheet: string; cell: string } | null {
  const quoted = /^\s*‘(.+)’(?:表)?\s*\$?([A-Za-z]{1,3}\$?\d{1,7})(?![0-9])/.exec(where);
  const plain = quoted ? null : /^\s*(.+?)表\s*\$?([A-Za-z]{1,3}\$?\d{1,7})(?![0-9])/.exec(where);
  const m = quoted ?? plain;
  if (!m) return null;
  const cell = m[2].replace(/\$/g, '').toUpperCase();
  return parseA1(cell) ? { sheet: m[1], cell } : null;
}

/** The where of an observation (summary rows name their township; the 合计 row says so; a report's sentence its paragraph). */
export function whereObs(o: Observation): string {
  if (o.source === 'text') return textWhere(o);
  return whereText(o.sheet, o.cell, o.isTotal ? null : o.entity);
}

/** Longest sentence a message quotes whole; a longer one is cut around the figure. */
const QUOTE_MAX = 60;

/**
 * Where a figure of a report's text is: `第12段“全年受理信访案件45件，化解42件，化解率达98%”` (a long sentence cut
 * around the figure with `……`), `‘报告’表第12段“…”` when the paragraph came from a sheet.
 */
export function textWhere(o: { sheet: string; paragraph?: number; quote?: string; raw?: string }): string {
  const q = (o.quote ?? '').trim().replace(/[。；;！？!?]$/, '');
  let shown = q;
  if (Array.from(q).length > QUOTE_MAX) {
    const at = Math.max(0, o.raw ? q.indexOf(o.raw) : 0);
    const from = Math.max(0, at - 30);
    const to = Math.min(q.length, at + (o.raw?.length ?? 0) + 20);
    shown = `${from > 0 ? '……' : ''}${q.slice(from, to)}${to < q.length ? '……' : ''}`;
  }
  const where = `${o.sheet ? sheetText(o.sheet) : ''}第${o.paragraph ?? '?'}段`;
  return shown ? `${where}“${shown}”` : where;
}

/** Fill `{placeholders}`; a placeholder without a value becomes empty (never `undefined`). */
export function render(template: string, vars: Record<string, string | number | null | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = vars[k];
    if (v == null) return '';
    if (typeof v === 'number') return formatNumber(v);
    return v;
  });
}

/**
 * A number as a message shows it: format.ts's formatNumber (the one place a figure becomes text; integers
 * plainly, at most 4 decimals), with '—' instead of '' for a non-finite number so a message never has a hole.
 */
export function formatNumber(n: number): string {
  return Number.isFinite(n) ? plainNumber(n, 4) : '—';
}

/** A number with its unit: `37件`, `98%`, `12.5万元`. */
export function withUnit(n: number, unit: string | null | undefined): string {
  return `${formatNumber(n)}${unit ?? ''}`;
}

/** A figure as the township wrote it, with the unit added when the cell held a bare number. */
export function showObs(o: Observation, def?: IndicatorDef): string {
  const raw = (o.raw ?? '').trim();
  const unit = o.kind === 'percent' ? '%' : (o.unit ?? def?.unit ?? '');
  if (o.kind === 'percent' && typeof o.value === 'number' && !o.coverage && !raw.includes('%')) {
    return `${formatNumber(o.value)}%`;
  }
  if (raw === '') return formatFigure(o) || '空白';
  // a bare figure (`37`, `120余`, `近300`, `６１`) gets its unit; one written with a unit stays as written
  if (unit && unit !== '%' && o.kind === 'number' && /[\d０-９零一二三四五六七八九十百千万余多]$/.test(raw) && !raw.endsWith(unit)) {
    return raw.endsWith('万') && unit.startsWith('万') ? raw + unit.slice(1) : raw + unit;
  }
  return raw;
}

/** A computed percent for a message: `77.8%`, `100%`. */
export function showPercent(p: number): string {
  return formatPercent(p);
}

// ───────────────────────────── building findings ─────────────────────────────

export interface FindingInput {
  sheet: string;
  cell: string;
  /** Cells involved, in this order; the finding's own cell is put first unless listed here. */
  cells?: { sheet: string; cell: string }[];
  indicators: string[];
  entity: string | null;
  period: Period | null;
  vars: Record<string, string | number | null | undefined>;
  variant?: string;
  expected?: number | string | boolean | null;
  actual?: number | string | boolean | null;
  /** Distinguishes sub-cases of one rule on the same indicators (part of the id). */
  key?: string;
  /** Put sheet and cell in the id; default: only for findings that concern no indicator. */
  byCell?: boolean;
}

export function makeFinding(rule: RuleId, f: FindingInput): Finding {
  const meta = RULES[rule];
  const template = (f.variant && meta.variants?.[f.variant]) || meta.template;
  const byCell = f.byCell ?? f.indicators.length === 0;
  const extra = [f.key ?? '', byCell ? `${f.sheet}!${f.cell}` : ''].filter(Boolean).join('|');
  const refs: string[] = [];
  const cells = f.cells ?? [];
  // A finding about the whole workbook (no sheet) has no cell of its own to refer to.
  const own = !f.sheet || cells.some((c) => c.sheet === f.sheet && c.cell === f.cell) ? [] : [{ sheet: f.sheet, cell: f.cell }];
  for (const c of [...own, ...cells]) {
    const r = ref(c.sheet, c.cell);
    if (!refs.includes(r)) refs.push(r);
  }
  const out: Finding = {
    id: findingId(rule, f.entity, f.period, f.indicators, extra),
    rule,
    severity: (f.variant && meta.variantSeverity?.[f.variant]) || meta.severity,
    sheet: f.sheet,
    cell: f.cell,
    refs,
    indicators: [...f.indicators],
    entity: f.entity,
    message: render(template, { where: whereText(f.sheet, f.cell, f.entity), ...f.vars }),
    status: 'open',
  };
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  return out;
}

/** Two findings must never share an id: on a clash the later one is re-keyed by its cell (deterministic). */
export function uniqueIds(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  for (const f of findings) {
    let id = f.id;
    let n = 0;
    while (seen.has(id)) id = fnv1a(`${f.id}|${f.sheet}!${f.cell}|${n++}`);
    f.id = id;
    seen.add(id);
  }
  return findings;
}

// ───────────────────────────── order, counts, explanations ─────────────────────────────

export { severityRank };

/** Severity, then sheet order (as given; unknown sheets last, by name), row, column, rule, id. */
export function sortFindings(findings: Finding[], sheetOrder: string[] = []): Finding[] {
  const order = new Map<string, number>();
  sheetOrder.forEach((s, i) => {
    if (!order.has(s)) order.set(s, i);
  });
  const keyed = findings.map((f) => {
    const p = parseA1(f.cell) ?? { row: 0, col: 0 };
    return { f, sev: severityRank(f.severity), sheet: order.get(f.sheet) ?? sheetOrder.length, row: p.row, col: p.col };
  });
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  keyed.sort(
    (a, b) =>
      a.sev - b.sev ||
      a.sheet - b.sheet ||
      cmp(a.f.sheet, b.f.sheet) ||
      a.row - b.row ||
      a.col - b.col ||
      cmp(a.f.rule, b.f.rule) ||
      cmp(a.f.id, b.f.id),
  );
  keyed.forEach((k, i) => (findings[i] = k.f));
  return findings;
}

/** OPEN findings per severity, how many are closed as explained, and how the explanations stand (types.ts FindingCounts). */
export function countFindings(findings: Finding[]): FindingCounts {
  const counts = { error: 0, verify: 0, hint: 0, explained: 0, accepted: 0, stale: 0, returned: 0, disputed: 0 };
  for (const f of findings) {
    if (f.status === 'explained') counts.explained++;
    else counts[f.severity]++;
    const st = f.account?.state;
    if (st && st !== 'explained') counts[st]++;
  }
  return counts;
}

/** The changes between the figures an explanation was written for and the figures now (a cell gone reads 空白). */
export function figureChanges(then: Figure[], now: Figure[]): { ref: string; from: string; to: string }[] {
  const current = new Map(now.map((x) => [x.ref, x.value]));
  const out: { ref: string; from: string; to: string }[] = [];
  for (const x of then) {
    const to = current.get(x.ref) ?? '空白';
    if (to !== x.value) out.push({ ref: x.ref, from: x.value, to });
  }
  return out;
}

/** `说明已过期（21→25）`; with several cells each is named: `说明已过期（D4 21→25，D5 3→4）`. */
export function staleLabel(changes: { ref: string; from: string; to: string }[]): string {
  const one = changes.length === 1;
  const parts = changes.map((c) => `${one ? '' : `${c.ref.replace(/^.*!/, '')} `}${c.from}→${c.to}`);
  return `说明已过期（${parts.join('，')}）`;
}

export { explanationOf, explanationsById };

/**
 * Attach explanations (the 审核说明 sheet) to the findings they name, and decide what each has become
 * (`Finding.account`, see FindingAccount):
 *   - the figures it explains changed since (each finding carries its figures now) → open, `说明已过期（21→25）`;
 *   - the county returned it (退回) → open; accepted (采纳) → closed, an error's dispute too;
 *   - a township's dispute of an error (异议), undecided → open: an error is corrected, or decided by the county;
 *   - a verify/hint explanation, undecided → closed as explained, as before.
 * An explanation written before figures were recorded never expires (nothing to compare).
 */
export function applyExplanations(findings: Finding[], explanations: Explanation[]): Finding[] {
  const byId = explanationsById(explanations);
  for (const f of findings) {
    const e = explanationOf(f, byId);
    if (!e) continue;
    const kind = e.kind === 'dispute' ? 'dispute' : 'explanation';
    // an error is not explained away: only a dispute is recorded on it (and an 说明 row on an error is one)
    const asKind = f.severity === 'error' ? 'dispute' : kind;
    const changes = e.figures?.length ? figureChanges(e.figures, f.figures ?? []) : [];
    const base = { kind: asKind, text: e.text, ...(e.author ? { author: e.author } : {}), ...(e.date ? { date: e.date } : {}), ...(e.review ? { review: e.review } : {}) } as const;
    let account: FindingAccount;
    if (changes.length) account = { ...base, state: 'stale', changes, label: staleLabel(changes) };
    else if (e.review?.decision === 'accepted') account = { ...base, state: 'accepted', label: '县级已采纳' };
    else if (e.review?.decision === 'returned') account = { ...base, state: 'returned', label: '县级已退回' };
    else if (asKind === 'dispute') account = { ...base, state: 'disputed', label: '乡镇异议' };
    else account = { ...base, state: 'explained', label: '已说明' };
    f.account = account;
    if (account.state === 'explained' || account.state === 'accepted') {
      f.status = 'explained';
      f.explanation = e.text;
    } else if (f.status === 'explained' && f.explanation?.startsWith('备注：')) {
      // a 备注 beside the figure explains it as before; the stale/returned explanation is shown beside it
    } else {
      f.status = 'open';
      delete f.explanation;
    }
  }
  return findings;
}
