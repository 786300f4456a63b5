/**
 * Checking a report's figures (issue 13): the same rules as for sheets, run on the figures read from its
 * sentences, and — when the workbook is given — the text against the workbook.
 *
 * - Within a sentence: a rate against its own counts, part ≤ whole, stated sums, coverage claims, rates cut
 *   instead of rounded, rates of approximate counts (the sheet rules in src/core/rules, on the sentence's figures).
 *   An indicator that stands for another (`调解矛盾纠纷12件` is the disputes received when the sentence gives no
 *   受理 figure) does so within its sentence, as a parent row does in a sheet.
 * - Across the text: one indicator with two values (`20余起` here, `16起` there) is `conflicting-values`; a figure
 *   the text dates to another year than the report's is `year-mismatch`. Figures of part of a year (`1-6月`,
 *   `截至5月21日`), per-unit figures and shares are not compared with the year's.
 * - Against the workbook: a figure differing from the workbook's for the same indicator (this year, the
 *   township's own) is `conflicting-values` naming the sentence and the cell; a rate the text states that the
 *   workbook's counts do not give is `rate-mismatch` (error).
 */
import { ref } from '../address';
import { CATALOG, indicatorById, rateRelation } from '../catalog';
import { fnv1a, makeFinding, sortFindings, textWhere, uniqueIds, whereObs } from '../findings';
import { formatPercent, rateAgrees, roundHalfUp } from '../rate';
import { approximateRate, conflictingValues, coverageClaim, partExceedsWhole, rateMismatch, rateTruncatedRule, ruleContext, sumMismatch } from '../rules';
import { num } from '../rules/util';
import { severityRank } from '../severity';
import type { Catalog, CheckResult, Extraction, Finding, IndicatorDef, Observation } from '../types';
import { readMentions, reportYear, type Mention } from './read';
import type { TextDocument } from './types';

export interface ProseOptions {
  catalog?: Catalog;
  /** The report's year; default the workbook's, else the year the report's title names. */
  year?: number;
  /** The township's checked workbook, to compare the text with. */
  workbook?: CheckResult;
}

export interface ProseResult {
  /** The figures placed on an indicator, as observations from text (`source: 'text'`). */
  observations: Observation[];
  findings: Finding[];
  /** Every figure mention, placed or not (`indicator: null` with the reason). */
  mentions: Mention[];
}

const TOKEN = /^¶(\d+)$/;

function emptyExtraction(year: number | null, observations: Observation[]): Extraction {
  return { unit: null, year, addressee: null, date: null, observations, texts: [], unknown: [], tables: [] };
}

function toObservation(m: Mention, year: number | null): Observation {
  const o: Observation = {
    indicator: m.indicator!,
    label: m.label,
    value: m.value,
    kind: m.kind,
    approx: m.approx,
    markers: [...m.markers],
    unit: m.unit,
    wan: m.wan,
    decimals: m.decimals,
    coverage: m.coverage,
    raw: m.text,
    sheet: m.sheet ?? '',
    cell: m.cell ?? '',
    row: m.paragraph - 1,
    col: m.span[0],
    year: m.period.year ?? year,
    period: m.period.kind === 'partial' ? 'other' : m.period.kind,
    entity: null,
    explain: m.explain,
    source: 'text',
    paragraph: m.paragraph,
    span: [m.span[0], m.span[1]],
    quote: m.quote,
  };
  return o;
}

/** Check a report's text (and it against its workbook, when given). Pure; never throws on any text. */
export function checkProse(doc: TextDocument, opts: ProseOptions = {}): ProseResult {
  const catalog = opts.catalog ?? opts.workbook?.catalog ?? CATALOG;
  const defs = indicatorById(catalog);
  const year = opts.year ?? opts.workbook?.year ?? reportYear(doc);
  const mentions = readMentions(doc, { catalog, year });
  const placed = mentions.filter((m) => m.indicator);
  const observations = placed.map((m) => toObservation(m, year));
  // the rules see each text figure under a cell of its own (`¶i`), mapped back to its sentence afterwards
  const run = observations.map((o, i) => ({ ...o, cell: `¶${i}` }));
  const findings: Finding[] = [];

  // ── within each sentence
  const bySentence = new Map<string, number[]>();
  placed.forEach((m, i) => {
    const k = `${m.paragraph}\u0001${m.sentence[0]}`;
    const list = bySentence.get(k) ?? [];
    list.push(i);
    bySentence.set(k, list);
  });
  for (const idx of bySentence.values()) {
    if (idx.length < 2) {
      // a lone figure has no counts beside it; coverage and rate checks need two
      continue;
    }
    const list = idx.map((i) => ({ ...run[i] }));
    // an indicator that stands for another where the sentence does not give that one (`调解矛盾纠纷12件`)
    const ids = new Set(list.map((o) => o.indicator));
    for (const o of list) {
      const to = defs.get(o.indicator)?.standsFor;
      if (to && !ids.has(to)) o.indicator = to;
    }
    const ctx = ruleContext(emptyExtraction(year, list), { catalog });
    const some = [...partExceedsWhole(ctx), ...sumMismatch(ctx), ...coverageClaim(ctx), ...rateTruncatedRule(ctx), ...approximateRate(ctx)];
    // as for sheets (rules/index.ts): a rate whose own counts are flagged asks to settle them first
    const flagged = new Set(some.filter((f) => f.severity !== 'hint').map((f) => ref(f.sheet, f.cell)));
    findings.push(...some, ...rateMismatch(ctx, flagged));
  }

  // ── across the text: two values of one indicator (the year's own figures only)
  const whole = run.filter((o, i) => placed[i].period.kind !== 'partial' && o.period === 'current');
  findings.push(...conflictingValues(ruleContext(emptyExtraction(year, whole), { catalog })));
  findings.push(...ratesAcrossSentences(run, placed, whole, catalog, year));

  // ── figures dated to another year than the report's
  if (year != null) {
    placed.forEach((m, i) => {
      const p = m.period;
      const dated = p.text != null && /\d{4}\s*年/.test(p.text);
      const other = p.year != null && p.year !== year && (p.kind === 'previous' || p.kind === 'other' || (p.kind === 'partial' && /以来|至今/.test(p.text ?? '')));
      if (!dated || !other) return;
      if (/同比|比上年|较上年|比去年|较去年|增长|下降|减少|增加/.test(m.quote)) return; // a comparison names last year on purpose
      const o = run[i];
      findings.push(
        makeFinding('year-mismatch', {
          sheet: o.sheet,
          cell: o.cell,
          indicators: [o.indicator],
          entity: null,
          period: o.period,
          variant: 'text',
          key: 'text',
          vars: { where: whereObs(o), name: defs.get(o.indicator)?.name ?? o.indicator, actual: m.text, periodText: p.text!, year: String(year) },
          expected: year,
          actual: p.year,
        }),
      );
    });
  }

  findings.push(...growthChecks(mentions, defs));

  // ── against the workbook
  if (opts.workbook) findings.push(...againstWorkbook(opts.workbook, run, placed, catalog));

  return { observations, findings: finish(findings, observations), mentions };
}

/**
 * A rate whose sentence lacks one of its counts (`化解42件，化解率达98%` after `全年受理信访案件45件。`): checked against
 * the count the rest of the text gives for the year — only when the text gives it one value (two values are
 * `conflicting-values` already, and which one the rate used cannot be told).
 */
function ratesAcrossSentences(run: Observation[], placed: Mention[], whole: Observation[], catalog: Catalog, year: number | null): Finding[] {
  const out: Finding[] = [];
  const single = (id: string, paragraph: number): Observation | null => {
    const all = whole.filter((o) => o.indicator === id && o.paragraph === paragraph && num(o) != null);
    if (all.length === 0) return null;
    return all.every((o) => o.value === all[0].value && o.markers.join() === all[0].markers.join()) ? all[0] : null;
  };
  run.forEach((t, i) => {
    const m = placed[i];
    const rel = rateRelation(t.indicator, catalog);
    if (!rel || m.period.kind !== 'current' || (num(t) == null && !t.coverage)) return;
    const same = run.filter((_, j) => placed[j].paragraph === m.paragraph && placed[j].sentence[0] === m.sentence[0]);
    // an indicator standing for another does so in its sentence (`人民调解委员会调解纠纷43起` is the disputes received)
    const has = new Set(same.map((o) => o.indicator));
    const as = (o: Observation) => {
      const to = catalog.indicators.find((d) => d.id === o.indicator)?.standsFor;
      return to && !has.has(to) ? to : o.indicator;
    };
    const own = (id: string) => same.find((o) => (o.indicator === id || as(o) === id) && num(o) != null) ?? null;
    if (own(rel.numerator) && own(rel.denominator)) return; // checked within its sentence
    // the missing count from the sentences before it in its paragraph, never from another part of the report
    const n = own(rel.numerator) ?? single(rel.numerator, m.paragraph);
    const d = own(rel.denominator) ?? single(rel.denominator, m.paragraph);
    if (!n || !d) return;
    const ctx = ruleContext(emptyExtraction(year, [{ ...n, indicator: rel.numerator }, { ...d, indicator: rel.denominator }, { ...t }]), { catalog });
    out.push(...[...rateMismatch(ctx), ...rateTruncatedRule(ctx), ...coverageClaim(ctx)].filter((f) => f.cell === t.cell));
  });
  return out;
}

/**
 * A growth percentage checked against the two figures it compares, when the sentence gives both (`受理信访案件45件，
 * 比上年的40件增长12.5%`): the change from last year's figure to this year's, within the rounding written. A growth
 * without both figures (`同比增长20%`) says nothing that can be checked; approximate figures are not checked.
 */
function growthChecks(mentions: Mention[], defs: Map<string, IndicatorDef>): Finding[] {
  const out: Finding[] = [];
  mentions.forEach((g, k) => {
    if (g.none !== 'growth' || g.value == null) return;
    const before = mentions.slice(0, k).filter((m) => m.paragraph === g.paragraph && m.sentence[0] === g.sentence[0] && m.indicator && m.value != null);
    const prev = [...before].reverse().find((m) => m.period.kind === 'previous');
    const cur = prev && [...before].reverse().find((m) => m.indicator === prev.indicator && m.period.kind === 'current' && m.kind === prev.kind);
    if (!prev || !cur || prev.approx || cur.approx || g.approx || !prev.value) return;
    const change = ((cur.value! - prev.value) / prev.value) * 100;
    const words = g.quote.slice(0, g.span[0] - g.sentence[0]);
    const down = /(?:下降|降低|减少|回落|降幅)了?$/.test(words.replace(/\s+/g, ''));
    const said = down ? -g.value : g.value;
    if (rateAgrees(said, g.decimals, change)) return;
    const name = defs.get(cur.indicator!)?.name ?? cur.indicator!;
    const f = makeFinding('rate-mismatch', {
      sheet: g.sheet ?? '',
      cell: g.cell ?? '',
      indicators: [cur.indicator!],
      entity: null,
      period: 'current',
      variant: 'growth',
      key: 'growth',
      vars: {
        where: textWhere({ sheet: g.sheet ?? '', paragraph: g.paragraph, quote: g.quote, raw: g.text }),
        name,
        said: down ? '下降' : '增长',
        actual: g.text,
        cur: cur.text,
        prevText: prev.period.text ? `${prev.period.text.replace(/^(?:比|较)/, '')}的` : '上年的',
        prev: prev.text,
        real: change < 0 ? `下降${formatPercent(-change)}` : `增长${formatPercent(change)}`,
      },
      expected: roundHalfUp(change, 1),
      actual: said,
    });
    f.source = 'text';
    f.paragraph = g.paragraph;
    f.span = [g.span[0], g.span[1]];
    f.quote = g.quote;
    f.id = fnv1a(`${f.id}|${g.quote}|${g.text}`);
    out.push(f);
  });
  return out;
}

/**
 * The text against the workbook: each text figure (this year's, the township's own) against the workbook's first
 * figure of its indicator; each text rate against the workbook's counts when its sentence does not give its own.
 */
function againstWorkbook(wb: CheckResult, run: Observation[], placed: Mention[], catalog: Catalog): Finding[] {
  const out: Finding[] = [];
  const figures = wb.observations.filter((o) => o.entity == null && !o.isTotal && o.period === 'current' && o.source !== 'text' && num(o) != null);
  const first = new Map<string, Observation>();
  for (const o of figures) if (!first.has(o.indicator)) first.set(o.indicator, o);
  const year = wb.year;
  run.forEach((t, i) => {
    const m = placed[i];
    if (m.period.kind !== 'current' || num(t) == null) return;
    // an indicator standing for another (`调处矛盾纠纷`) meets the workbook's figure of that one when the workbook,
    // like extraction, has none of its own
    const stands = catalog.indicators.find((d) => d.id === t.indicator)?.standsFor;
    const w = first.get(t.indicator) ?? (stands ? first.get(stands) : undefined);
    if (w) {
      const ctx = ruleContext(emptyExtraction(year, [w, { ...t, indicator: w.indicator }]), { catalog, sheets: [{ name: w.sheet }] });
      out.push(...conflictingValues(ctx).map((f) => ({ ...f, id: fnv1a(`${f.id}|wb`) })));
    }
    const rel = rateRelation(t.indicator, catalog);
    if (!rel) return;
    const n = first.get(rel.numerator);
    const d = first.get(rel.denominator);
    if (!n || !d) return;
    // a sentence giving its own counts is checked against them (and its counts against the workbook's)
    const own = placed.filter((x, j) => j !== i && x.paragraph === m.paragraph && x.sentence[0] === m.sentence[0]).map((x) => x.indicator);
    if (own.includes(rel.numerator) && own.includes(rel.denominator)) return;
    const ctx = ruleContext(emptyExtraction(year, [n, d, t]), { catalog, sheets: [{ name: n.sheet }, { name: d.sheet }] });
    out.push(...[...rateMismatch(ctx), ...rateTruncatedRule(ctx), ...coverageClaim(ctx)].filter((f) => TOKEN.test(f.cell)));
  });
  return out;
}

/** Text findings: at their sentence (source, paragraph, span, quote), cells only where a sheet holds them, stable ids, in reading order. */
function finish(findings: Finding[], observations: Observation[]): Finding[] {
  const at = (cell: string): Observation | null => {
    const m = TOKEN.exec(cell);
    return m ? (observations[Number(m[1])] ?? null) : null;
  };
  for (const f of findings) {
    const o = at(f.cell);
    const refs: string[] = [];
    for (const r of f.refs) {
      const k = /!(¶\d+)$/.exec(r);
      const ro = k ? at(k[1]) : null;
      const real = k ? (ro && ro.sheet && ro.cell ? ref(ro.sheet, ro.cell) : null) : r;
      if (real && !refs.includes(real)) refs.push(real);
    }
    f.refs = refs;
    if (!o) continue;
    f.sheet = o.sheet;
    f.cell = o.cell;
    f.source = 'text';
    f.paragraph = o.paragraph;
    if (o.span) f.span = [o.span[0], o.span[1]];
    f.quote = o.quote;
    // the sentence is quoted once: the figures beside it are `同句`
    const own = whereObs(o);
    const first = f.message.indexOf(own);
    if (first >= 0) f.message = f.message.slice(0, first + own.length) + f.message.slice(first + own.length).split(own).join('同句');
    // stable across runs and edits elsewhere in the report: the rule's id with the sentence and the figure
    f.id = fnv1a(`${f.id}|${o.quote ?? ''}|${o.raw}`);
  }
  uniqueIds(findings);
  const textOrder = (f: Finding) => (f.source === 'text' ? 1 : 0);
  const wbFirst = sortFindings(findings.filter((f) => f.source !== 'text'));
  const text = findings
    .filter((f) => textOrder(f))
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.paragraph ?? 0) - (b.paragraph ?? 0) || (a.span?.[0] ?? 0) - (b.span?.[0] ?? 0) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return [...text, ...wbFirst];
}
