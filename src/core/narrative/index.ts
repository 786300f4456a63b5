/**
 * Narrative: the report text, one paragraph per section present in the data, in the mandated order, from
 * templates kept as data (templates.ts). Every figure in the prose comes from an observation (as written:
 * `3000余份`, `3万余份`) or is a recomputed rate (`94.6%`) or a year-over-year change computed from two
 * observations; `auditFigures` checks exactly that.
 *
 * Summary workbooks: the report is for the workbook's own unit. Observations of other entities (one row per
 * township) are not narrated; a 合计 row (`isTotal`) stands for the unit when the unit has no figure of its own.
 */
import { CATALOG, MEASURE_SECTIONS, SECTION_NAMES } from '../catalog';
import { formatFigure, formatNumber, formatPercent } from '../format';
import { rateAgrees, roundHalfUp } from '../rate';
import { whereObs } from '../findings';
import { ref } from '../address';
import type { Catalog, CheckResult, ComputedRate, IndicatorDef, Observation, Paragraph, Report, SectionId, TextItem, UnknownFigure, Workbook } from '../types';
import { generalClause, rateRowFigure, unknownFigureText } from './general';
import { chineseOrdinal, enumerate } from './lists';
import { DEFAULT_TEMPLATES, mergeTemplates, renderClause, templatesFromWorkbook, tidy, type RenderContext, type TemplateClause, type TemplateSet } from './templates';

export {
  DEFAULT_TEMPLATES,
  GROUP_NAMES,
  TemplateError,
  mergeTemplates,
  parseCondition,
  parseTemplates,
  placeholdersIn,
  renderClause,
  TEMPLATE_SHEET,
  templateSheetOf,
  templatesFromGrid,
  templatesFromWorkbook,
} from './templates';
export type { RenderContext, Rendered, TemplateClause, TemplateSet, TemplateSettings } from './templates';
export { generalClause, isVerbObject, proseLabel, unknownFigureText } from './general';
export { FLAG_TEXT, draftParagraphs, flagBanner, flaggedFigures, notesParagraph, splitFlagged, type FlaggedFigure } from './flags';

export interface ReportOptions {
  /** A county's overrides, by indicator group (replace the default clauses of the groups they name). */
  templates?: TemplateSet;
  /**
   * The checked workbook. Its `报告模板` sheet, if any, overrides the defaults (and is overridden in turn by
   * `templates`) only when `workbookTemplates` is true — templates are the county's, and a township's own sheet must
   * not reword its report unasked (check reports such a sheet as a hint). A bad template throws TemplateError naming
   * its cell.
   */
  book?: Workbook;
  /** Apply the `报告模板` sheet of `book` (the user chose it: `--use-workbook-templates`, the pane's switch). */
  workbookTemplates?: boolean;
  /** Date for the signature block, e.g. `2024年1月8日`: given explicitly, it wins over the workbook's 落款日期. */
  date?: string;
  catalog?: Catalog;
}

// ───────────────────────────── Which figures the report cites ─────────────────────────────

const FIGURE_KINDS = new Set(['number', 'percent', 'yesno', 'text']);

function ownUnit(o: Observation): boolean {
  return o.entity == null || o.isTotal === true;
}

function isCurrent(o: { period: string; year: number | null }, year: number | null): boolean {
  if (o.period === 'current') return true;
  return o.period === 'other' && year != null && o.year === year;
}

function isPrevious(o: { period: string; year: number | null }, year: number | null): boolean {
  if (o.period === 'previous') return year == null || o.year == null || o.year === year - 1;
  return o.period === 'other' && year != null && o.year === year - 1;
}

/** Observations that hold a figure, for the unit, by indicator; the unit's own rows before a 合计 row. */
function pick(result: CheckResult, want: (o: Observation) => boolean, catalog: Catalog): Map<string, Observation[]> {
  const byId = new Map<string, Observation[]>();
  for (const o of result.observations) {
    if (!ownUnit(o) || !want(o) || !FIGURE_KINDS.has(o.kind) || formatFigure(o, catalog) === '') continue;
    // Free text stands as a figure only for a text indicator (a count written as prose is not a figure).
    if (o.kind === 'text' && catalog.indicators.find((d) => d.id === o.indicator)?.kind !== 'text') continue;
    const list = byId.get(o.indicator) ?? [];
    list.push(o);
    byId.set(o.indicator, list);
  }
  for (const [id, list] of byId) {
    const own = list.filter((o) => o.entity == null);
    byId.set(id, own.length ? own : list);
  }
  return byId;
}

function ownRate(r: ComputedRate): boolean {
  return r.entity == null || r.numerator.isTotal === true || r.denominator.isTotal === true;
}

/** The figures a report on `result` may cite, as the narrative and the audit both see them. */
export interface ReportFigures {
  current: Map<string, Observation[]>;
  previous: Map<string, Observation[]>;
  rates: Map<string, ComputedRate>;
  previousRates: Map<string, ComputedRate>;
  /** Rows outside the catalog with a current figure for the unit, in sheet order. */
  others: OtherRow[];
}

/**
 * A row whose label the catalog could not place, with its figures for the report: stated by a general clause from
 * its label (general.ts) in the section it stood under in the sheet, after the catalog figures that stood above it.
 */
export interface OtherRow {
  label: string;
  /** The label's cell. */
  sheet: string;
  cell: string;
  /** Its current figures for the unit (the 合计 row's in a summary), each with its cell. */
  figures: UnknownFigure[];
  /**
   * The section row it stood under; else the section of the catalog rows nearest it on its sheet (above, then
   * below); else 其他需要报告的情况.
   */
  section: SectionId;
  /**
   * Where in the section: after the sentence of this catalog group (the nearest catalog row above it in the section
   * on its sheet), `^` before all (only catalog rows below it), `$` after all (none on its sheet).
   */
  after: string;
  /** Why it is not stated: no label to name it, or the county's template leaves rows outside the catalog out. */
  omitted?: 'no-label' | 'template';
}

const STATED_KINDS = new Set(['number', 'percent', 'yesno']);

/** The rows outside the catalog that hold a current figure for the unit, with where they go in the report. */
function otherRows(result: CheckResult, catalog: Catalog, omit: boolean): OtherRow[] {
  const year = result.year;
  const defs = new Map(catalog.indicators.map((d) => [d.id, d]));
  const bySheet = new Map<string, Observation[]>();
  for (const o of result.observations) {
    if (!defs.has(o.indicator)) continue;
    const list = bySheet.get(o.sheet) ?? [];
    list.push(o);
    bySheet.set(o.sheet, list);
  }
  const out: OtherRow[] = [];
  for (const u of result.extraction.unknown ?? []) {
    const current = (u.figures ?? []).filter((f) => isCurrent(f, year) && STATED_KINDS.has(f.kind) && unknownFigureText(f) !== '');
    const own = current.filter((f) => f.entity == null);
    const figures = own.length ? own : current.filter((f) => f.isTotal === true);
    if (figures.length === 0) continue;
    const at = figures[0];
    const before = (o: Observation) => o.row < at.row || (o.row === at.row && o.col < at.col);
    const sheetObs = bySheet.get(u.sheet) ?? [];
    const nearestBefore = (list: Observation[]) =>
      list.filter(before).reduce<Observation | null>((best, o) => (!best || o.row > best.row || (o.row === best.row && o.col > best.col) ? o : best), null);
    const firstAfter = (list: Observation[]) => list.find((o) => !before(o)) ?? null;
    const sectionOf = (o: Observation | null) => (o ? defs.get(o.indicator)!.section : null);
    const section: SectionId = u.section ?? sectionOf(nearestBefore(sheetObs)) ?? sectionOf(firstAfter(sheetObs)) ?? 'other';
    const inSection = sheetObs.filter((o) => defs.get(o.indicator)!.section === section);
    const prev = nearestBefore(inSection);
    const after = prev ? defs.get(prev.indicator)!.group : firstAfter(inSection) ? '^' : '$';
    const row: OtherRow = { label: u.label.trim(), sheet: u.sheet, cell: u.cell, figures, section, after };
    if (!row.label) row.omitted = 'no-label';
    else if (omit) row.omitted = 'template';
    out.push(row);
  }
  return out;
}

export function reportFigures(result: CheckResult, catalog: Catalog = result.catalog ?? CATALOG, templates?: TemplateSet): ReportFigures {
  const year = result.year;
  const rates = new Map<string, ComputedRate>();
  const previousRates = new Map<string, ComputedRate>();
  for (const r of result.rates) {
    if (!ownRate(r)) continue;
    if (isCurrent(r, year) && !rates.has(r.indicator)) rates.set(r.indicator, r);
    else if (isPrevious(r, year) && !previousRates.has(r.indicator)) previousRates.set(r.indicator, r);
  }
  const current = pick(result, (o) => isCurrent(o, year), catalog);
  const previous = pick(result, (o) => isPrevious(o, year), catalog);
  // Where an indicator is given twice (a conflict the rules report), cite the value its rate was computed
  // from, so that `20个 … 18个 … 90.0%` agree in the prose.
  const preferParts = (byId: Map<string, Observation[]>, list: Iterable<ComputedRate>) => {
    for (const r of list) {
      for (const part of [r.numerator, r.denominator]) {
        const obsList = byId.get(part.indicator);
        const i = obsList ? obsList.indexOf(part) : -1;
        if (obsList && i > 0) obsList.unshift(...obsList.splice(i, 1));
      }
    }
  };
  preferParts(current, rates.values());
  preferParts(previous, previousRates.values());
  const others = otherRows(result, catalog, templates?.settings?.uncatalogued === 'omit');
  return { current, previous, rates, previousRates, others };
}

/**
 * A recomputed rate the prose can state: one with a value (not over a 0 denominator) that is a rate at all —
 * a part larger than its whole (14 certified of 12 officers) gives 116.7%, which the findings report and the
 * prose leaves out (the counts stay).
 */
export function usableRate(r: ComputedRate | undefined): r is ComputedRate & { value: number } {
  return r != null && r.value != null && Number.isFinite(r.value) && r.value >= 0 && r.value <= 100 + 1e-9;
}

/** A rate as the prose states it: the recomputed one; the reported one only when no parts exist. */
function rateText(id: string, f: ReportFigures, catalog: Catalog): { text: string; sources: Observation[] } | null {
  const r = f.rates.get(id);
  if (r) {
    if (!usableRate(r)) return null;
    const sources = [r.numerator, r.denominator, ...(r.reported ? [r.reported] : [])];
    return { text: (r.approx ? '约' : '') + r.display, sources };
  }
  const o = f.current.get(id)?.[0];
  return o ? { text: formatFigure(o, catalog), sources: [o] } : null;
}

function numericRate(rate: ComputedRate | undefined, obs: Observation | undefined): number | null {
  if (rate) return usableRate(rate) ? rate.value : null;
  return obs && obs.kind === 'percent' && typeof obs.value === 'number' ? obs.value : null;
}

export interface YearOnYear {
  /** `同比增长12.5%`, `同比下降3.0%`, `同比提高2.1个百分点`, `与上年持平`. */
  phrase: string;
  /** The figure the phrase states (12.5, 2.1), null for 持平. */
  figure: number | null;
  points: boolean;
}

/**
 * The change of an indicator against the previous year, as prose says it; null when either year has no
 * exact figure (approximate figures have no growth rate) or the previous count is 0.
 */
export function yearOnYear(result: CheckResult, id: string, catalog: Catalog = result.catalog ?? CATALOG, figures?: ReportFigures): YearOnYear | null {
  const f = figures ?? reportFigures(result, catalog);
  const def = catalog.indicators.find((d) => d.id === id);
  if (!def) return null;
  const cur = f.current.get(id)?.[0];
  const prev = f.previous.get(id)?.[0];
  if (def.kind === 'rate') {
    const c = f.rates.get(id);
    const p = f.previousRates.get(id);
    if (c?.approx || p?.approx || cur?.approx || prev?.approx) return null;
    const cv = numericRate(c, cur);
    const pv = numericRate(p, prev);
    if (cv == null || pv == null) return null;
    const d = roundHalfUp(roundHalfUp(cv, 1) - roundHalfUp(pv, 1), 1);
    if (d === 0) return { phrase: '与上年持平', figure: null, points: true };
    const x = formatNumber(Math.abs(d), 1);
    return { phrase: `同比${d > 0 ? '提高' : '下降'}${x}个百分点`, figure: Math.abs(d), points: true };
  }
  if (!cur || !prev || cur.approx || prev.approx) return null;
  if (typeof cur.value !== 'number' || typeof prev.value !== 'number' || prev.value <= 0) return null;
  const g = ((cur.value - prev.value) / prev.value) * 100;
  const shown = roundHalfUp(Math.abs(g), 1);
  if (g === 0) return { phrase: '与上年持平', figure: null, points: false };
  if (shown === 0) return { phrase: '与上年基本持平', figure: null, points: false };
  return { phrase: `同比${g > 0 ? '增长' : '下降'}${formatPercent(shown)}`, figure: shown, points: false };
}

// ───────────────────────────── Identity ─────────────────────────────

/** `周营镇` → `周营镇人民政府`; a name that already is a government or office is kept. */
export function governmentName(unit: string): string {
  const u = unit.trim();
  if (/(政府|办事处|办公室|委员会|管委会|局)$/.test(u)) return u;
  if (/街道$/.test(u)) return `${u}办事处`;
  return `${u}人民政府`;
}

/**
 * `周营镇人民政府` → `镇`, `前营乡` → `乡`, `XX街道` → `街道`, `沈丘县委全面依法治县委员会办公室` → `县`;
 * `乡镇` when unknown.
 */
export function unitShort(unit: string | null): string {
  if (!unit) return '乡镇';
  const u = unit.trim().replace(/(人民政府|政府|办事处)$/, '');
  if (/街道$/.test(u)) return '街道';
  const end = /([镇乡县区市旗])$/.exec(u);
  if (end) return end[1];
  const first = /^[\u4e00-\u9fff]{1,6}?([镇乡县区市旗])/.exec(u);
  return first ? first[1] : '乡镇';
}

function unitName(unit: string): string {
  return unit.trim().replace(/人民政府$/, '');
}

// ───────────────────────────── Lists ─────────────────────────────

export { chineseOrdinal, cleanItem, enumerate } from './lists';

// ───────────────────────────── The report ─────────────────────────────

interface Ctx {
  result: CheckResult;
  catalog: Catalog;
  defs: Map<string, IndicatorDef>;
  figures: ReportFigures;
  templates: TemplateSet;
  year: number | null;
  unit: string | null;
  short: string;
  addressee: string | null;
}

/**
 * The figures a paragraph's text was built from, one entry each time a figure was written. Each enters the text
 * wrapped in markers naming its entry, so its place in the finished paragraph is known whatever the sentences
 * around it became: the same `12人` of two indicators is two figures at two places, each with its own cells.
 */
type FigureLog = { text: string; refs: string[] }[];

const OPEN = '\uE000';
const MID = '\uE001';
const CLOSE = '\uE002';
const MARKED = /\uE000(\d+)\uE001([^\uE000-\uE002]*)\uE002/g;

/** Log one figure written into the text; the text returned carries its marker ('' and null stay as they are). */
function logFigure<T extends string | null | undefined>(log: FigureLog, text: T, cells: { sheet: string; cell: string }[]): T | string {
  if (!text) return text;
  log.push({ text, refs: [...new Set(cells.map((c) => ref(c.sheet, c.cell)))] });
  return `${OPEN}${log.length - 1}${MID}${text}${CLOSE}`;
}

/** The text without its markers, and each figure it states at its place (a figure asked for but left out is not). */
function statedFigures(log: FigureLog, marked: string): { text: string; figures: NonNullable<Paragraph['figures']> } {
  const figures: NonNullable<Paragraph['figures']> = [];
  let text = '';
  let at = 0;
  for (const m of marked.matchAll(MARKED)) {
    text += marked.slice(at, m.index);
    const entry = log[Number(m[1])];
    if (entry && entry.text === m[2]) figures.push({ text: m[2], refs: entry.refs, start: text.length });
    text += m[2];
    at = m.index + m[0].length;
  }
  text += marked.slice(at);
  return { text, figures };
}

function renderContext(ctx: Ctx, sources: Set<string>, log: FigureLog = []): RenderContext & { cite(id: string): void } {
  const { figures: f, catalog, defs } = ctx;
  const cite = (o: Observation) => sources.add(ref(o.sheet, o.cell));
  const has = (id: string) => {
    const d = defs.get(id);
    if (d?.kind === 'rate') return rateText(id, f, catalog) != null;
    return (f.current.get(id)?.length ?? 0) > 0;
  };
  return {
    has,
    isFigure: (p) => defs.has(p),
    yesno: (id) => {
      const o = f.current.get(id)?.find((x) => x.kind === 'yesno');
      return o && typeof o.value === 'boolean' ? o.value : null;
    },
    cite: (id) => {
      const d = defs.get(id);
      if (d?.kind === 'rate') rateText(id, f, catalog)?.sources.forEach(cite);
      else {
        const o = f.current.get(id)?.[0];
        if (o) cite(o);
      }
    },
    value: (p) => {
      switch (p) {
        case 'year':
          return ctx.year != null ? String(ctx.year) : null;
        case 'nextYear':
          return ctx.year != null ? String(ctx.year + 1) : null;
        case 'unit':
          return ctx.unit ? unitName(ctx.unit) : null;
        case 'unitShort':
          return ctx.short;
        case 'addressee':
          return ctx.addressee;
      }
      if (p.startsWith('yoy:')) {
        const id = p.slice(4);
        const phrase = yearOnYear(ctx.result, id, catalog, f)?.phrase ?? null;
        const rates = [f.rates.get(id), f.previousRates.get(id)].flatMap((r) => (r ? [r.numerator, r.denominator] : []));
        return logFigure(log, phrase, [...(f.current.get(id)?.slice(0, 1) ?? []), ...(f.previous.get(id)?.slice(0, 1) ?? []), ...rates]);
      }
      const d = defs.get(p);
      if (!d) return null;
      if (d.kind === 'rate') {
        const r = rateText(p, f, catalog);
        return logFigure(log, r?.text ?? null, r?.sources ?? []);
      }
      const o = f.current.get(p)?.[0];
      const text = o ? formatFigure(o, catalog) || null : null;
      return o ? logFigure(log, text, [o]) : text;
    },
  };
}

/**
 * The sentence of the rows outside the catalog that stand together at one place of a section: each row's general
 * clause (general.ts), joined with `，`.
 */
function otherSentence(rows: OtherRow[], sources: Set<string>, log: FigureLog): string | null {
  const clauses: string[] = [];
  for (const row of rows) {
    const clause = generalClause(row.label, row.figures, (text, figs) => logFigure(log, text, figs));
    if (!clause) continue;
    clauses.push(clause);
    row.figures.forEach((f) => sources.add(ref(f.sheet, f.cell)));
  }
  const sentence = tidy(clauses.join('，'));
  return sentence ? (/[。！？]$/.test(sentence) ? sentence : `${sentence}。`) : null;
}

/**
 * The figures paragraph of one section: its groups' clauses, a fallback clause for any figure left uncited, and the
 * rows outside the catalog that stood in this section, each after the catalog figures above it on its sheet.
 */
function sectionFigures(ctx: Ctx, section: SectionId): Paragraph | null {
  const groups: string[] = [];
  for (const d of ctx.catalog.indicators) if (d.section === section && !groups.includes(d.group)) groups.push(d.group);
  const sources = new Set<string>();
  const log: FigureLog = [];
  const rc = renderContext(ctx, sources, log);
  const mark = (text: string, figs: { sheet: string; cell: string }[]) => logFigure(log, text, figs);
  const others = ctx.figures.others.filter((o) => o.section === section && !o.omitted);
  const othersAt = (where: string) => otherSentence(others.filter((o) => o.after === where), sources, log);
  const sentences: string[] = [];
  const pushOthers = (where: string) => {
    const s = othersAt(where);
    if (s) sentences.push(s);
  };
  // rows above every catalog row of their part: first — but after the part's opening sentence when it sets the
  // time (`2023年，全镇共…`), which officials keep at the head of the paragraph
  const lead = othersAt('^');
  let leadPending = lead !== null && ctx.year != null;
  if (lead && !leadPending) sentences.push(lead);
  for (const g of groups) {
    const clauses: TemplateClause[] = ctx.templates.groups[g] ?? [];
    const cited = new Set<string>();
    const parts: string[] = [];
    for (const clause of clauses) {
      const r = renderClause(clause, rc);
      if (!r) continue;
      parts.push(r.text);
      r.indicators.forEach((id) => cited.add(id));
    }
    // Every figure of the group appears, even when no clause names it (a county's own indicator, a county template
    // that leaves it out): by the general clause from its name, as rows outside the catalog are (general.ts).
    for (const d of ctx.catalog.indicators) {
      if (d.group !== g || d.section !== section || cited.has(d.id) || d.kind === 'text') continue;
      if (d.kind === 'yesno') {
        const o = ctx.figures.current.get(d.id)?.find((x) => x.kind === 'yesno');
        if (!o) continue;
        parts.push(generalClause(d.name, [o], mark) ?? `${d.name}：${o.value ? '是' : '否'}`);
        cited.add(d.id);
        continue;
      }
      const v = rc.value(d.id);
      if (!v) continue;
      const o = d.kind !== 'rate' ? ctx.figures.current.get(d.id)?.[0] : undefined;
      parts.push((o && o.kind === 'number' && generalClause(d.name, [o], mark)) || `${d.name}${v}`);
      cited.add(d.id);
    }
    cited.forEach((id) => rc.cite(id));
    const sentence = tidy(parts.map(tidy).filter(Boolean).join('，'));
    if (sentence) sentences.push(/[。！？]$/.test(sentence) ? sentence : `${sentence}。`);
    if (leadPending && lead && sentences.length) {
      if (sentences[0].startsWith(`${ctx.year}年`)) sentences.push(lead);
      else sentences.unshift(lead);
      leadPending = false;
    }
    pushOthers(g);
  }
  if (leadPending && lead) sentences.unshift(lead);
  // after a group of another section (a row placed by its section row, below figures of another part) or after all
  const placed = new Set(['^', ...groups]);
  const rest = otherSentence(
    others.filter((o) => !placed.has(o.after)),
    sources,
    log,
  );
  if (rest) sentences.push(rest);
  if (!sentences.length) return null;
  const { text, figures } = statedFigures(log, sentences.join(''));
  return { role: 'body', text, section, sources: [...sources], figures };
}

function textItems(result: CheckResult, section: SectionId): TextItem[] {
  return result.extraction.texts.filter((t) => t.section === section && t.text.trim()).sort((a, b) => a.order - b.order);
}

function listParagraph(items: TextItem[], section: SectionId): Paragraph | null {
  const text = enumerate(items.map((t) => t.text));
  return text ? { role: 'body', text, section, sources: items.map((t) => ref(t.sheet, t.cell)) } : null;
}

function sectionBody(ctx: Ctx, section: SectionId): Paragraph[] {
  const out: Paragraph[] = [];
  const fig = sectionFigures(ctx, section);
  if (fig) out.push(fig);
  const list = listParagraph(textItems(ctx.result, section), section);
  if (list) out.push(list);
  return out;
}

/**
 * The templates a report uses: the defaults, then the workbook's `报告模板` sheet when the user chose it, then the
 * county's `templates` (which win).
 */
export function reportTemplates(opts: Pick<ReportOptions, 'book' | 'workbookTemplates' | 'templates'>, catalog: Catalog = CATALOG): TemplateSet {
  const fromBook = opts.book && opts.workbookTemplates === true ? templatesFromWorkbook(opts.book, catalog) : null;
  return mergeTemplates(mergeTemplates(DEFAULT_TEMPLATES, fromBook), opts.templates);
}

/** The report on a check result: title, addressee, opening, parts 一–五 (those with content), closing, signature. */
export function buildReport(result: CheckResult, opts: ReportOptions = {}): Report {
  const catalog = opts.catalog ?? result.catalog ?? CATALOG;
  const ex = result.extraction;
  const unit = (result.unit ?? ex.unit)?.trim() || null;
  const year = result.year ?? ex.year ?? null;
  const addressee = ex.addressee?.trim().replace(/[:：\s]+$/, '') || null;
  const templates = reportTemplates(opts, catalog);
  const ctx: Ctx = {
    result,
    catalog,
    defs: new Map(catalog.indicators.map((d) => [d.id, d])),
    figures: reportFigures(result, catalog, templates),
    templates,
    year,
    unit,
    short: unitShort(unit),
    addressee,
  };
  const Y = year != null ? `${year}年度` : '';
  const gov = unit ? governmentName(unit) : '';
  const p: Paragraph[] = [];

  p.push({ role: 'title', text: `${gov}关于${Y}法治政府建设情况的报告` });
  if (addressee) p.push({ role: 'addressee', text: `${addressee}：` });
  const who = unit ? unitName(unit) : `我${ctx.short}`;
  const opening = [
    year != null ? `${year}年，` : '',
    addressee ? `在${addressee.replace(/[、，,]$/, '')}的正确领导下，` : '',
    `${who}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，扎实推进法治政府建设各项工作。`,
    `现将我${ctx.short}${Y}法治政府建设情况报告如下：`,
  ].join('');
  p.push({ role: 'opening', text: opening });

  let part = 0;
  const heading1 = (text: string, section?: SectionId) =>
    p.push({ role: 'heading1', text: `${chineseOrdinal(++part)}、${text}`, ...(section ? { section } : {}) });

  // 一、主要举措和成效
  const measures = MEASURE_SECTIONS.map((s) => [s, sectionBody(ctx, s)] as const).filter(([, body]) => body.length > 0);
  if (measures.length) {
    heading1(`${Y}推进法治政府建设的主要举措和成效`);
    measures.forEach(([s, body], i) => {
      p.push({ role: 'heading2', text: `（${chineseOrdinal(i + 1)}）${SECTION_NAMES[s]}`, section: s });
      for (const x of body) p.push(x);
    });
  }
  // Sections a county added to its catalog outside the mandated ones have no place; none exist by default.

  // 二、存在的不足和原因
  const shortcomings = sectionBody(ctx, 'shortcomings');
  if (shortcomings.length) {
    heading1(`${Y}推进法治政府建设存在的不足和原因`, 'shortcomings');
    for (const x of shortcomings) p.push(x);
  }
  // 三、第一责任人职责
  const leadership = sectionBody(ctx, 'leadership');
  if (leadership.length) {
    heading1(SECTION_NAMES.leadership, 'leadership');
    for (const x of leadership) p.push(x);
  }
  // 四、下一年度安排
  const plans = sectionBody(ctx, 'plans');
  if (plans.length) {
    heading1(`${year != null ? `${year + 1}年度` : '下一年度'}推进法治政府建设的主要安排`, 'plans');
    for (const x of plans) p.push(x);
  }
  // 五、其他需要报告的情况
  const other = sectionBody(ctx, 'other');
  if (other.length) {
    heading1(SECTION_NAMES.other, 'other');
    for (const x of other) p.push(x);
  }

  const notes = recomputedNotes(ctx, p);

  p.push({ role: 'closing', text: '特此报告。' });
  if (gov) p.push({ role: 'signature', text: gov });
  const date = opts.date?.trim() || ex.date?.trim();
  if (date) p.push({ role: 'date', text: date });
  return notes.length ? { unit, year, paragraphs: p, notes } : { unit, year, paragraphs: p };
}

/**
 * The draft's notes: every rate it states recomputed from the counts where the township reported another figure
 * (`100%` for 7 of 9, or `全覆盖`), so nobody takes the draft's 77.8% for the township's own.
 */
function recomputedNotes(ctx: Ctx, paragraphs: Paragraph[]): string[] {
  const notes: string[] = [];
  const stated = new Set(paragraphs.flatMap((x) => (x.figures ?? []).flatMap((fig) => fig.refs.map((r) => `${fig.text}\u0000${r}`))));
  for (const [id, r] of ctx.figures.rates) {
    const rep = r.reported;
    if (!rep || !usableRate(r)) continue;
    const text = (r.approx ? '约' : '') + r.display;
    if (!stated.has(`${text}\u0000${ref(rep.sheet, rep.cell)}`)) continue;
    const reported = rep.kind === 'percent' && typeof rep.value === 'number' ? rep.value : null;
    const agrees = rep.coverage ? r.value >= 100 - 1e-9 : reported != null && rateAgrees(reported, rep.decimals, r.value);
    if (agrees) continue;
    const name = ctx.defs.get(id)?.name ?? id;
    notes.push(
      `文稿中的“${name}”${text}是按${whereObs(r.numerator)}和${whereObs(r.denominator)}的数字重新计算的，乡镇在${whereObs(rep)}填报为“${rep.raw || formatFigure(rep, ctx.catalog)}”，文稿没有采用。`,
    );
  }
  return notes;
}

// ───────────────────────────── Figure audit ─────────────────────────────

export interface FigureInText {
  /** As it stands in the text: `3万余份`, `94.6%`, `2.1个百分点`. */
  text: string;
  /** The number as written (before 万). */
  number: number;
  wan: boolean;
  kind: 'percent' | 'points' | 'year' | 'date' | 'number';
  index: number;
}

const FIGURE_RE = /(\d+(?:\.\d+)?)(?:\s*(余|多))?(万)?(?:(余|多))?(%|％|个百分点|年|月|日)?/g;

/** Every Arabic-numeral figure in a text, with what follows it (万, %, 个百分点, 年/月/日). */
export function figuresIn(text: string): FigureInText[] {
  const norm = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
  const out: FigureInText[] = [];
  for (const m of norm.matchAll(FIGURE_RE)) {
    const tail = m[5];
    const kind: FigureInText['kind'] =
      tail === '%' || tail === '％' ? 'percent' : tail === '个百分点' ? 'points' : tail === '年' ? 'year' : tail === '月' || tail === '日' ? 'date' : 'number';
    out.push({ text: m[0], number: Number(m[1]), wan: Boolean(m[3]), kind, index: m.index ?? 0 });
  }
  return out;
}

export interface FigureAudit {
  ok: boolean;
  /**
   * Figures of the workbook that the text does not state as written: `indicator` is the catalog id, '' for a row
   * outside the catalog (then `label` names it); `where` is the figure's cell.
   */
  missing: { indicator: string; label?: string; where: string; expected: string }[];
  /** Figures in the text that no observation, recomputed rate or year-over-year change gives. */
  extra: { text: string; paragraph: number }[];
  /**
   * Figure cells deliberately not stated: rows outside the catalog a county's template leaves out (`template`), and
   * figures without any label to name them (`no-label`; the unknown-indicator hint names their cell).
   */
  omitted: { where: string; label: string; figure: string; reason: 'template' | 'no-label' }[];
  /** Every figure cell the text states, with what it states (`聘请专家` D3 → `21人次`). */
  stated: { where: string; expected: string }[];
}

/** `s` stands in `body` as a figure of its own: `37件` is not found inside `137件`, nor `4.5%` inside `94.5%`. */
function containsFigure(body: string, s: string): boolean {
  for (let i = body.indexOf(s); i >= 0; i = body.indexOf(s, i + 1)) {
    const before = body[i - 1] ?? '';
    const after = body[i + s.length] ?? '';
    if (/[\d.]/.test(before)) continue;
    if (/\d$/.test(s) && /[\d.]/.test(after)) continue;
    return true;
  }
  return false;
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Check a report against its check result: every figure the workbook gives for the unit and year is in the
 * text exactly as formatted (rates as recomputed), and every number in the text comes from the workbook.
 */
export function auditFigures(report: Report, result: CheckResult, catalog: Catalog = result.catalog ?? CATALOG, templates?: TemplateSet): FigureAudit {
  const f = reportFigures(result, catalog, templates);
  const defs = new Map(catalog.indicators.map((d) => [d.id, d]));
  const body = report.paragraphs.map((p) => p.text).join('\n');
  const missing: FigureAudit['missing'] = [];
  const omitted: FigureAudit['omitted'] = [];
  const stated: FigureAudit['stated'] = [];
  const numbers: number[] = [];
  const percents: number[] = [];
  const points: number[] = [];

  const ids = new Set<string>([...f.current.keys(), ...f.rates.keys()]);
  for (const id of ids) {
    const d = defs.get(id);
    if (!d || d.kind === 'text' || d.kind === 'yesno') continue;
    if (d.kind === 'rate') {
      const r = f.rates.get(id);
      if (r) {
        if (!usableRate(r)) continue;
        percents.push(Number(r.display.replace('%', '')));
        if (!containsFigure(body, r.display)) missing.push({ indicator: id, where: ref(r.numerator.sheet, r.numerator.cell), expected: r.display });
        else stated.push({ where: ref(r.numerator.sheet, r.numerator.cell), expected: r.display });
        continue;
      }
    }
    const list = f.current.get(id) ?? [];
    for (const o of list) if (typeof o.value === 'number') (o.kind === 'percent' ? percents : numbers).push(o.kind === 'percent' ? roundHalfUp(o.value, 1) : o.value);
    const shown = list.map((o) => formatFigure(o, catalog)).filter(Boolean);
    if (shown.length && !shown.some((s) => containsFigure(body, s))) {
      missing.push({ indicator: id, where: ref(list[0].sheet, list[0].cell), expected: shown[0] });
    } else if (shown.length) stated.push({ where: ref(list[0].sheet, list[0].cell), expected: shown[0] });
  }
  // rows outside the catalog: each figure cell as written (a 分子 | 分母 | 比率 row's rate as recomputed)
  for (const row of f.others) {
    const rate = rateRowFigure(row.figures);
    for (const fig of row.figures) {
      if (fig.kind === 'yesno') continue;
      const where = ref(fig.sheet, fig.cell);
      const expected = fig.kind === 'percent' && rate ? rate : unknownFigureText(fig);
      if (typeof fig.value === 'number') (fig.kind === 'percent' ? percents : numbers).push(fig.kind === 'percent' ? roundHalfUp(fig.value, 1) : fig.value);
      if (rate) percents.push(Number(rate.replace('%', '')));
      if (row.omitted) omitted.push({ where, label: row.label, figure: unknownFigureText(fig), reason: row.omitted });
      else if (!containsFigure(body, expected)) missing.push({ indicator: '', label: row.label, where, expected });
      else stated.push({ where, expected });
    }
  }
  for (const d of catalog.indicators) {
    const y = yearOnYear(result, d.id, catalog, f);
    if (y?.figure != null) (y.points ? points : percents).push(y.figure);
  }
  const textNumbers = result.extraction.texts.flatMap((t) => figuresIn(t.text));

  const extra: FigureAudit['extra'] = [];
  const years = [result.year, report.year].filter((y): y is number => y != null).flatMap((y) => [y - 1, y, y + 1]);
  report.paragraphs.forEach((p, i) => {
    for (const fig of figuresIn(p.text)) {
      const v = fig.number;
      const vw = fig.wan ? v * 10000 : v;
      let ok = false;
      if (p.role === 'date') ok = true;
      else if (textNumbers.some((t) => t.text === fig.text || (near(t.number, v) && t.wan === fig.wan))) ok = true;
      else if (fig.kind === 'year') ok = years.includes(v) || numbers.some((n) => near(n, v));
      else if (fig.kind === 'percent') ok = percents.some((n) => near(n, v));
      else if (fig.kind === 'points') ok = points.some((n) => near(n, v));
      else ok = numbers.some((n) => near(n, v) || near(n, vw));
      if (!ok) extra.push({ text: fig.text, paragraph: i });
    }
  });
  return { ok: missing.length === 0 && extra.length === 0, missing, extra, omitted, stated };
}
