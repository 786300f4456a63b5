/**
 * Reading the figures of a report's sentences (issue 13): each figure mention becomes a Mention with its
 * indicator (through the same meaning model that reads sheet labels), value, unit, approximation and period.
 *
 * - The label of a figure is the words before it within its clause (from the clause's start, or from the figure
 *   before it in the same clause); a counted noun right after a measure word (`25个行政村`, `10名法律顾问`) is
 *   read first. When the label leaves its subject out (`…36件，化解34件，化解率94.4%`), the subject of the
 *   clause before it is its context (`parent`), as a parent row is for a sheet's sub-rows.
 * - Figures that are not indicator values are not stated: dates, years, ordinals (`第一次`), numbers without a
 *   unit (`12345热线`, `“6.26”`, document numbers), anything inside 《》 or “” (`“八五”普法`, `“三个一”`).
 *   Per-unit figures (`每月不少于2次`, `各村…不少于30条`), growth and share percentages (`同比增长12%`,
 *   `占比4.11%`) are mentions with `indicator: null` and a reason.
 * - A label the model cannot place, or places on an indicator the figure's unit does not fit, is `null`: never a
 *   confident wrong indicator.
 */
import { CATALOG, indicatorById } from '../catalog';
import { matchLabel } from '../match';
import { normalizeLabel } from '../meaning/normalize';
import { measureOfUnit } from '../meaning/lexicon';
import { inCatalogUnit, unitFits } from '../extract/observe';
import { UNIT_WORDS, parseValue } from '../value';
import type { ApproxMarker, Catalog, IndicatorDef, ParsedValue, Period } from '../types';
import type { TextDocument, TextParagraph } from './types';

/** When a figure is for: the report's year (`current`), last year, another year, or part of a year. */
export interface MentionPeriod {
  /** `partial`: part of a year (`1-6月`, `截至5月21日`) or a span (`2021年以来` in a 2023 report). */
  kind: Period | 'partial';
  /** The year the text names, when it names one. */
  year: number | null;
  /** The words that say it (`2023年以来`, `截至5月21日`, `今年以来`, `1-6月`, `全年`); null when unsaid. */
  text: string | null;
}

export type NoneReason = 'per-unit' | 'growth' | 'share' | 'unknown' | 'ambiguous' | 'unit' | 'principle';

export interface Mention {
  paragraph: number;
  /** [start, end) of the figure in the paragraph's text. */
  span: [number, number];
  /** The figure as written (`近3万余份`, `98%`, `全覆盖`). */
  text: string;
  /** The sentence holding it. */
  quote: string;
  /** [start, end) of the sentence in the paragraph's text. */
  sentence: [number, number];
  /** Catalog id, or null when the figure is no indicator's value (see `none`). */
  indicator: string | null;
  none?: NoneReason;
  /** The label read (the words naming the figure). */
  label: string;
  /** How the label was placed, or why not. */
  explain: string;
  /** Candidates when several indicators fit. */
  candidates?: string[];
  /** In the catalog unit when placed (rates in percent), else as written. */
  value: number | null;
  kind: 'number' | 'percent';
  unit: string | null;
  /** Approximation markers (`余`, `多`, `近`, `以上` …); `90%以上` is a lower bound, not a value. */
  markers: ApproxMarker[];
  approx: boolean;
  decimals: number | null;
  wan: boolean;
  /** `全覆盖` / `双百`: a claim of 100 %. */
  coverage: boolean;
  /** One figure shared by several indicators (`参考率、合格率均达100%`). */
  shared?: boolean;
  period: MentionPeriod;
  /** The paragraph's sheet and cell when it came from a sheet. */
  sheet?: string;
  cell?: string;
}

// ───────────────────────────── sentences and clauses ─────────────────────────────

const SENTENCE_END = /[。！？；;!?\n]/;
const CLAUSE_END = /[，,：:；;。！？!?\n（）()]/;

/** [start, end) of each sentence (the end mark included). */
export function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (SENTENCE_END.test(text[i])) {
      if (text.slice(start, i + 1).trim()) out.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (text.slice(start).trim()) out.push([start, text.length]);
  return out;
}

// ───────────────────────────── figures ─────────────────────────────

const CN = '零〇一二两三四五六七八九十百千万亿';
const DIGITS = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const PREFIX = '(?:不少于|不低于|至少|超过|多于|将近|接近|大约|约|近|逾)?';
/** Units after a figure, longest first; 年/月/日 make a date or a duration, never an indicator's value. */
const UNITS = [...UNIT_WORDS.filter((u) => u !== '年' && u !== '月' && u !== '日' && u !== '天'), '村', '个村'].sort((a, b) => b.length - a.length);
const UNIT_ALT = UNITS.map((u) => u.replace(/[/]/g, '\\/')).join('|');
const FIGURE = new RegExp(
  `(${PREFIX})(${DIGITS}|[${CN}]+)(余|多)?([万亿])?(余|多)?(?:(%|％)|(${UNIT_ALT}))?(余|多)?(以上|左右)?`,
  'g',
);
/** `百分之九十八`, `百分之94.6`. */
const PERCENT_WORDS = new RegExp(`${PREFIX}百分之(?:${DIGITS}|[${CN}]+)(?:以上|左右)?`, 'g');
/** Claims of 100 % in words. */
const CLAIMS = /全覆盖|“双百”|"双百"|双百/g;

interface Raw {
  start: number;
  end: number;
  text: string;
  parsed: ParsedValue;
  coverage: boolean;
}

/** Ranges of the text inside 《》 and “” (titles, slogans, named days): their figures are not figures. */
function quotedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /《[^《》]*》|“[^“”]{0,20}”|"[^"]{0,20}"|〔[^〔〕]*〕|\[[^\]]*\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    // `“双百”` is a claim, not a quotation to skip
    if (/^[“"]双百[”"]$/.test(m[0])) continue;
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/** Per character: inside one of `ranges` (linear in the text, whatever the number of ranges). */
function insideMap(length: number, ranges: [number, number][]): Uint8Array {
  const m = new Uint8Array(length + 1);
  for (const [a, b] of ranges) m.fill(1, a + 1, b);
  return m;
}

/** The figures of a paragraph that can be indicator values, in order (dates, years, ordinals, bare numbers left out). */
function figuresOf(text: string): Raw[] {
  const inQuote = insideMap(text.length, quotedRanges(text));
  const inside = (at: number) => inQuote[at] === 1;
  const out: Raw[] = [];
  const taken = new Uint8Array(text.length + 1);
  const push = (start: number, end: number, parsed: ParsedValue, coverage: boolean) => {
    for (let i = start; i < end; i++) if (taken[i]) return;
    taken.fill(1, start, end);
    out.push({ start, end, text: text.slice(start, end), parsed, coverage });
  };
  let m: RegExpExecArray | null;
  CLAIMS.lastIndex = 0;
  while ((m = CLAIMS.exec(text)) !== null) {
    if (inside(m.index)) continue;
    const p = parseValue('全覆盖');
    push(m.index, m.index + m[0].length, { ...p, raw: m[0] }, true);
  }
  PERCENT_WORDS.lastIndex = 0;
  while ((m = PERCENT_WORDS.exec(text)) !== null) {
    if (inside(m.index)) continue;
    const p = parseValue(m[0]);
    if (p.kind === 'percent') push(m.index, m.index + m[0].length, p, false);
  }
  FIGURE.lastIndex = 0;
  while ((m = FIGURE.exec(text)) !== null) {
    if (m[0].length === 0) {
      FIGURE.lastIndex++;
      continue;
    }
    const [whole, , core, , , , pct, unit] = m;
    let start = m.index;
    let end = start + whole.length;
    if (!pct && !unit) continue; // `12345热线`, `“6.26”`, `2021-2025`, `1、`: no unit, no figure
    if (inside(start)) continue;
    const before = text.slice(Math.max(0, start - 1), start);
    const after = text[end] ?? '';
    // part of a longer number or a date (`6.26`, `2023年12月13日`), an ordinal (`第一次`), a year
    if (/[\d.．·-]/.test(before) || before === '第') continue;
    if (/^[年月日号]/.test(after)) continue;
    // a digit right after a figure with no unit or percent is part of something else; after a unit it is the next figure
    // a Chinese numeral that is part of a word: `一是`, `一岗双责`, `十九大` — it must stand before its unit
    if (!/\d/.test(core)) {
      if (/[\u4e00-\u9fff]/.test(before) && /[零〇一二两三四五六七八九十百千万亿]/.test(before)) continue;
      // `多次`, `一些`: 多 is no numeral; `两级` has no unit and never gets here
      if (core === '万' || core === '亿') continue;
    }
    // a trailing 以上/左右 belongs to the figure; trailing 余/多 too
    // `45村`: a counted noun the value parser does not take as a unit is read apart from its number
    const parsed = unit === '村' || unit === '个村' ? { ...parseValue(whole.replace(unit, '')), unit } : parseValue(whole);
    if (parsed.kind !== 'number' && parsed.kind !== 'percent') {
      // `近300余幅` parses; a figure the one parser refuses is not read here either
      continue;
    }
    void end;
    end = start + whole.length;
    start = m.index;
    push(start, end, parsed, false);
  }
  return out.sort((a, b) => a.start - b.start);
}

// ───────────────────────────── periods ─────────────────────────────

function cnInt(s: string): number {
  return Number(s);
}

/** The period a sentence (or a clause) names, or null when it names none. */
function periodIn(text: string, year: number | null): MentionPeriod | null {
  let m = /截至(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?(?:底|末)?/.exec(text);
  if (m) {
    const y = m[1] ? cnInt(m[1]) : year;
    const full = Number(m[2]) === 12 && (!m[3] || Number(m[3]) === 31 || /底|末/.test(m[0]));
    if (full) return { kind: y != null && year != null && y !== year ? (y === year - 1 ? 'previous' : 'other') : 'current', year: y, text: m[0] };
    return { kind: 'partial', year: y, text: m[0] };
  }
  m = /(?:(\d{4})年)?(\d{1,2})\s*[-—~～至到]\s*(\d{1,2})月(?:份)?/.exec(text);
  if (m && !(Number(m[2]) === 1 && Number(m[3]) === 12)) {
    const y = m[1] ? cnInt(m[1]) : year;
    return { kind: y != null && year != null && y !== year ? 'other' : 'partial', year: y, text: m[0] };
  }
  m = /(\d{4})年(?:度)?(以来|至今)?/.exec(text);
  if (m && !/(\d{4})年\s*\d{1,2}月\s*\d{1,2}日/.test(text.slice(m.index, m.index + 12))) {
    const y = cnInt(m[1]);
    if (m[2]) {
      if (year == null || y === year) return { kind: 'current', year: y, text: m[0] };
      if (y < year) return { kind: 'partial', year: y, text: m[0] };
    }
    if (year == null || y === year) return { kind: 'current', year: y, text: m[0] };
    return { kind: y === year - 1 ? 'previous' : 'other', year: y, text: m[0] };
  }
  m = /今年以来|今年来|今年|本年度|全年|一年来|年内/.exec(text);
  if (m) return { kind: 'current', year, text: m[0] };
  m = /去年|上年|上一年度?/.exec(text);
  if (m && !/下一年|下年/.test(text)) return { kind: 'previous', year: year == null ? null : year - 1, text: m[0] };
  return null;
}

// ───────────────────────────── labels ─────────────────────────────

/** Words before a figure that say how much, not what (`达`, `共`, `均为`). */
const LEADING_NOISE = /^(?:其中|并|共|累计|另|还|又|已|全镇|全乡|全街道|全村|我镇|我乡|本镇|本乡)+/;
const TRAILING_NOISE = /(?:均达到|均达|均为|都达到|都达|都为|分别为|分别达|达到了|达到|达|为|是|共计|共|计|合计|累计|总计|有|约|近|超过|逾|至少|不少于|实现了|实现|已|了)+$/;
const TIME_WORDS = /^(?:(?:\d{4}年(?:度)?(?:以来|至今)?|今年以来|今年来|今年|本年度|全年|一年来|年内|去年|上年)[，,、]?)+/;
/** A clause comparing with another period: `比上年`, `较2022年同期`, `同比`. */
const COMPARED = /(?:比|较|同比|环比)(?:上年|去年|上一年度?|\d{4}年)/;
const GROWTH = /(同比|环比|较上年|比上年|比去年|较去年)|(?:增长|下降|提高|降低|减少|增加|上升|增幅|降幅|提升)(?:了)?$/;
const SHARE = /(占比|占全|占总|占到|比重|占)(?:为|达|达到)?$/;

function cleanLabel(s: string): string {
  let t = s.replace(/^(?:比|较|同比|环比)(?:上年|去年|上一年度?|\d{4}年)(?:同期)?(?:的)?/, '').replace(TIME_WORDS, '').trim();
  for (let i = 0; i < 3; i++) {
    const u = t.replace(LEADING_NOISE, '').replace(TRAILING_NOISE, '').trim();
    if (u === t) break;
    t = u;
  }
  return t;
}

/** Unit word of a figure as the meaning model reads it (`%` for percents). */
function unitOf(p: ParsedValue): string | null {
  return p.kind === 'percent' ? '%' : p.unit;
}

/** The figure's unit fits the indicator: a rate is a percent, a count is not; a written unit is the indicator's. */
function fits(def: IndicatorDef, p: ParsedValue, coverage: boolean): boolean {
  if (def.kind === 'rate') return p.kind === 'percent' || coverage;
  if (def.kind === 'yesno' || def.kind === 'text') return false;
  if (p.kind === 'percent') return false;
  const u = p.unit;
  if (!u) return true;
  if (u === '村' || u === '个村') return def.id === 'villages' || def.unit === '个';
  if (unitFits(def, u)) return true;
  if (def.kind === 'amount') return /元$/.test(u) && /元$/.test(def.unit ?? '');
  // a measure word the catalog did not list, of the same measure (`名` for `人`, `件次` for `件`)
  const a = measureOfUnit(u);
  const b = measureOfUnit(def.unit);
  return a != null && a === b && a !== 'count';
}

interface Placed {
  id: string | null;
  /** Placed only with the carried subject (the label says no object of its own). */
  carried?: boolean;
  explain: string;
  candidates?: string[];
  reason?: NoneReason;
}

/**
 * Place `label` with the meaning model; a long phrase is tried whole, then by its last words (the words next to
 * the figure), stopping at the first reading the model is sure of and the figure's unit fits.
 */
const placedMemo = new WeakMap<Catalog, Map<string, Placed>>();

function placePhrase(label: string, p: ParsedValue, coverage: boolean, parent: string | null, catalog: Catalog, defs: Map<string, IndicatorDef>): Placed {
  // what decides: the words, the parent, and of the figure only its kind and unit
  const key = `${label}\u0001${parent ?? ''}\u0001${p.kind}\u0001${p.unit ?? ''}\u0001${coverage ? 1 : 0}`;
  let memo = placedMemo.get(catalog);
  if (!memo) placedMemo.set(catalog, (memo = new Map()));
  const hit = memo.get(key);
  if (hit) return hit;
  const out = placePhraseUncached(label, p, coverage, parent, catalog, defs);
  if (memo.size > 20000) memo.clear();
  memo.set(key, out);
  return out;
}

function placePhraseUncached(label: string, p: ParsedValue, coverage: boolean, parent: string | null, catalog: Catalog, defs: Map<string, IndicatorDef>): Placed {
  let ambiguous: Placed | null = null;
  let unfit: Placed | null = null;
  const unit = coverage ? '%' : unitOf(p);
  // the whole label, then what follows its last 的 (`开展形式多样的群众性普法宣传活动`): never an arbitrary tail, which
  // would drop a word the model does not know and so read `办理法律援助案件` as `案件` (a word not understood blocks)
  const tries = [label];
  const de = label.lastIndexOf('的');
  if (de > 0 && de < label.length - 2) tries.push(label.slice(de + 1));
  for (const t of tries) {
    if (!normalizeLabel(t)) continue;
    // the carried subject as the label's parent, then joined to it (`行政村` + `法律顾问`), then the label alone
    const withParent: [string, string | null][] = parent && parent !== t ? [[t, parent], [`${t}${parent}`, null], [t, null]] : [[t, null]];
    for (const [lt, par] of withParent) {
      const m = matchLabel(lt, catalog, { parent: par, unit: unit ?? undefined });
      if (m.id !== null) {
        const def = defs.get(m.id);
        // carried: the subject made the reading (the label alone does not give this indicator)
        if (def && fits(def, p, coverage)) return { id: m.id, explain: m.explain, carried: (lt !== t || par != null) && matchLabel(t, catalog, { unit: unit ?? undefined }).id !== m.id };
        unfit ??= { id: null, explain: `“${t}”读作“${def?.name ?? m.id}”，但数字的单位与之不符`, reason: 'unit' };
      } else if (m.candidates?.length && !ambiguous) {
        const cands = m.candidates.filter((c: string) => {
          const d = defs.get(c);
          return d && fits(d, p, coverage);
        });
        if (cands.length === 1) return { id: cands[0], explain: `${m.explain}；按数字的单位取“${defs.get(cands[0])!.name}”`, carried: par != null || lt !== t };
        if (cands.length > 1) ambiguous = { id: null, explain: m.explain, candidates: cands, reason: 'ambiguous' };
      }
    }
  }
  return ambiguous ?? unfit ?? { id: null, explain: label ? `“${label}”不对应目录中的指标` : '数字前后没有说明是什么', reason: 'unknown' };
}

/** A counted noun right after a measure word: `25个行政村…` → `行政村`, `10名法律顾问` → `法律顾问`. */
function nounAfter(text: string, from: number, to: number): string {
  const rest = text.slice(from, to);
  const m = /^[\u4e00-\u9fff]{1,16}/.exec(rest);
  return m ? m[0] : '';
}

const MEASURE_WORDS = /^(?:个|名|位|支|家|所|座|处|村|个村)$/;

// ───────────────────────────── the reader ─────────────────────────────

export interface ReadOptions {
  catalog?: Catalog;
  /** The report's year (the workbook's, or the title's `2023年`); null when unknown. */
  year?: number | null;
}

/** The report's year from its title and opening (`关于2023年度法治政府建设情况的报告`), when they say it; null otherwise. */
export function reportYear(doc: TextDocument): number | null {
  // the title and opening, as a person reads them: the first paragraphs of running text (a table near the top is
  // skipped, not counted), up to the first of them whose clause names the year of the report's work
  let seen = 0;
  for (const p of doc.paragraphs) {
    if (p.table || typeof p.text !== 'string' || !p.text.trim()) continue;
    if (++seen > 8) break;
    for (const clause of p.text.split(/[，,。；;：:！!？?]/)) {
      // a clause about another year's figures (`较2022年的45件`, `上年`, `2022年以来`) does not date the report
      if (/同比|相比|较|比上年|上年|去年|以来|截至|截止/.test(clause)) continue;
      const m = /((?:19|20)\d{2})\s*年度?(?!\s*[-—－至到]\s*(?:19|20)?\d)/.exec(clause);
      if (m && /法治政府建设|法治建设|依法行政|报告|工作总结|工作情况|上半年/.test(clause.slice(m.index))) return Number(m[1]);
    }
  }
  return null;
}

/** Every figure mention of a document, in reading order. */
export function readMentions(doc: TextDocument, opts: ReadOptions = {}): Mention[] {
  const catalog = opts.catalog ?? CATALOG;
  const defs = indicatorById(catalog);
  const year = opts.year === undefined ? reportYear(doc) : opts.year;
  const out: Mention[] = [];
  for (const para of doc.paragraphs) {
    if (typeof para.text !== 'string' || !para.text) continue;
    readParagraph(para, year, catalog, defs, out);
  }
  return out;
}

function readParagraph(para: TextParagraph, year: number | null, catalog: Catalog, defs: Map<string, IndicatorDef>, out: Mention[]): void {
  const text = para.text;
  const figures = figuresOf(text);
  if (figures.length === 0) return;
  let at = 0;
  // the subject carries from sentence to sentence within a paragraph (`全年受理信访案件45件。其中化解42件…`), not beyond
  let parent: string | null = null;
  for (const [s0, s1] of sentences(text)) {
    const mine: Raw[] = [];
    while (at < figures.length && figures[at].start < s1) {
      if (figures[at].start >= s0) mine.push(figures[at]);
      at++;
    }
    if (mine.length === 0) continue;
    const quote = text.slice(s0, s1);
    // the sentence's period is what it says before its first figure (`截至5月21日，共受理…`); a clause may say its own
    const sentencePeriod = periodIn(text.slice(s0, mine[0].start), year);
    // a new sentence starts a new subject unless it goes on about the last one (`其中化解42件`)
    if (!/^\s*(?:其中|其余|另有|另外|并|均|共)/.test(quote)) parent = null;
    let clauseStart = s0;
    let prevEnd = s0;
    let running: MentionPeriod = sentencePeriod ?? { kind: 'current', year, text: null };
    let period = running;
    for (let k = 0; k < mine.length; k++) {
      const f = mine[k];
      // the clause the figure stands in
      let cs = f.start;
      while (cs > s0 && !CLAUSE_END.test(text[cs - 1])) cs--;
      if (cs !== clauseStart) {
        clauseStart = cs;
        const words = text.slice(cs, f.start);
        const own = periodIn(words, year);
        // a compared period (`比上年的40件`, `较2022年`) is that clause's only; a new time phrase holds for the clauses after it
        if (own && COMPARED.test(words)) period = own;
        else {
          if (own) running = own;
          period = running;
        }
      }
      const from = Math.max(cs, prevEnd);
      const before = text.slice(from, f.start);
      // the clause's end: the next clause mark or the next figure
      let ce = f.end;
      while (ce < s1 && !CLAUSE_END.test(text[ce])) ce++;
      const next = mine[k + 1];
      const nounEnd = next && next.start < ce ? next.start : ce;
      const base: Omit<Mention, 'indicator' | 'label' | 'explain' | 'value' | 'unit'> = {
        paragraph: para.index,
        span: [f.start, f.end],
        text: f.text,
        quote,
        sentence: [s0, s1],
        kind: f.parsed.kind === 'percent' ? 'percent' : 'number',
        markers: [...f.parsed.markers],
        approx: f.parsed.markers.length > 0,
        decimals: f.parsed.decimals,
        wan: f.parsed.wan,
        coverage: f.coverage,
        period: { ...period },
      };
      if (para.sheet !== undefined) base.sheet = para.sheet;
      if (para.cell !== undefined) base.cell = para.cell;
      const none = (reason: NoneReason, label: string, explain: string) =>
        out.push({ ...base, indicator: null, none: reason, label, explain, value: numeric(f.parsed), unit: unitOf(f.parsed) });
      // what the clause says before the figure, titles and quotations left out (`《给各村党组织的一封信》2万余份`)
      const clauseText = blank(text.slice(cs, f.start));
      // `接待群众来访86批次236人次`: the same visits counted another way, not a second figure of the same indicator
      const prevFig = k > 0 ? mine[k - 1] : null;
      if (prevFig && prevFig.end === f.start) {
        none('unit', '', '紧接上一个数字，是同一事项换一种单位的计数');
        prevEnd = f.end;
        continue;
      }
      // per-unit figures: what each village, each month … must have
      if (/每|各(?:村|主干道|行政村|社区|单位|部门|站所|科室)|人均|平均|户均/.test(clauseText)) {
        none('per-unit', cleanLabel(before), '每个单位或每段时间的数字，不是全年的指标数');
        prevEnd = f.end;
        continue;
      }
      if (base.kind === 'percent' && GROWTH.test(clauseText)) {
        none('growth', cleanLabel(before), '增减幅度，不是指标数');
        prevEnd = f.end;
        continue;
      }
      if (base.kind === 'percent' && SHARE.test(before)) {
        none('share', cleanLabel(before), '占比，不是指标数');
        prevEnd = f.end;
        continue;
      }
      // a percent that says how something is done (`100%排查`), not how much was achieved
      if (base.kind === 'percent' && /^[\u4e00-\u9fff]/.test(text.slice(f.end, f.end + 1)) && !/^(?:以上|左右)/.test(text.slice(f.end, f.end + 2))) {
        none('principle', cleanLabel(before), '百分数后接动作（如“100%排查”），是要求而不是统计结果');
        prevEnd = f.end;
        continue;
      }
      // items of a list (`有一套学习资料、有一本…`) are named each by its own words, unless they share the figure
      // a list of titles (`发放《倡议书》、《明白纸》2万余份`) names what was handed out, not the indicator: its verb does
      const words = before.replace(/《[^《》]*》(?:[、和及与]《[^《》]*》)*/g, '');
      const label = /(?:均|都|分别|皆)[^、]*$|率[、和及与]/.test(words) ? cleanLabel(words) : cleanLabel(words.slice(words.lastIndexOf('、') + 1));
      const labels = sharedLabels(label);
      const placed: { label: string; p: Placed }[] = [];
      // a counted noun after a measure word names the figure (`25个行政村`)
      const unitWord = f.parsed.unit ?? '';
      const noun = MEASURE_WORDS.test(unitWord) || unitWord === '' ? nounAfter(text, f.end, nounEnd) : '';
      if (noun && labels.length <= 1) {
        const p = placePhrase(prefixes(noun), f.parsed, f.coverage, null, catalog, defs);
        // the counted noun is the subject of the clauses after it (`10名法律顾问，其中镇政府1名`), unless it
        // qualifies the next figure of its own clause (`45个行政村9名`)
        if (p.id) placed.push({ label: prefixes(noun), p: { ...p, carried: !!next && next.start < ce } });
      }
      // `18个村配备法律顾问`: the villages that have something; `45村全部建立…`: all the villages
      if (placed.length === 0 && (unitWord === '村' || unitWord === '个村') && noun) {
        const which = /^(?:全部|均|都)/.test(noun) ? '行政村' : `${prefixes(noun.replace(/^(?:已经|已|共|均)/, ''))}的村`;
        const p = placePhrase(which, f.parsed, f.coverage, null, catalog, defs);
        if (p.id) placed.push({ label: which, p: { ...p, carried: true } });
      }
      // nothing but how much (`比上年的40件`): the subject carried over names it
      if (placed.length === 0 && !normalizeLabel(label) && parent && labels.length <= 1) {
        const p = placePhrase(parent, f.parsed, f.coverage, null, catalog, defs);
        if (p.id) placed.push({ label: parent, p: { ...p, carried: true } });
      }
      if (placed.length === 0) {
        labels.forEach((l, i) => placed.push({ label: l, p: placePhrase(l, f.parsed, f.coverage, i > 0 ? labels[0] : parent, catalog, defs) }));
      }
      const shared = placed.length > 1;
      for (const { label: l, p } of placed) {
        if (!p.id) {
          const m: Mention = { ...base, indicator: null, none: p.reason ?? 'unknown', label: l, explain: p.explain, value: numeric(f.parsed), unit: unitOf(f.parsed) };
          if (p.candidates) m.candidates = p.candidates;
          out.push(m);
          continue;
        }
        const def = defs.get(p.id)!;
        const { value, unit } = inCatalogUnit(def, f.parsed);
        const m: Mention = { ...base, indicator: p.id, label: l, explain: p.explain, value: typeof value === 'number' ? value : null, unit };
        if (shared) m.shared = true;
        out.push(m);
      }
      // `20个行政村全部配备法律顾问`: all of them have it — the count of those that have it is the same figure, a claim
      let claim: string | null = null;
      const whole = placed.find((x) => x.p.id && x.label === prefixes(noun));
      const all = whole ? /(全部|均已|都已|均|都)已?/.exec(noun) : null;
      if (whole && all && all.index >= whole.label.length) {
        const what = noun.slice(all.index + all[0].length).replace(/(?:了|的|工作|制度)+$/, '');
        const m = what.length >= 2 ? matchLabel(`${what}的${whole.label}`, catalog, { unit: unitWord || undefined }) : null;
        const def = m?.id ? defs.get(m.id) : undefined;
        if (m?.id && def && m.id !== whole.p.id && fits(def, f.parsed, false)) {
          const at = f.end + all.index;
          const { value, unit } = inCatalogUnit(def, f.parsed);
          out.push({
            ...base,
            span: [at, at + all[1].length],
            text: all[1],
            indicator: m.id,
            label: `${what}的${whole.label}`,
            explain: `${m.explain}；“${all[1]}”即${f.text}${whole.label}`,
            value: typeof value === 'number' ? value : null,
            unit,
            coverage: true,
          });
          claim = `${what}的${whole.label}`;
        }
      }
      // the subject carried to the next clause: the label that named this figure
      const named = placed.find((x) => x.p.id && !x.p.carried);
      if (claim) parent = claim;
      else if (named) parent = named.label;
      // a counted noun after the figure is this figure's, not the label of the next — unless it qualifies the next
      // figure of its clause (`45个行政村9名`)
      const ownNoun = placed.find((x) => x.label === prefixes(noun) && noun);
      prevEnd = f.end + (ownNoun && !(next && next.start < ce) ? ownNoun.label.length : 0);
    }
  }
}

/** A noun after a measure word, tried as it stands (placePhrase then tries its last words). */
function prefixes(noun: string): string {
  // the counted noun is at the front: cut at a verb that starts what is said about it
  const m = /^(.*?)(?:实现|全部|均|都|已|开展|建立|配备|聘请|设立|完成|进行|达到|村委会|工作)/.exec(noun);
  return m && m[1].length >= 2 ? m[1] : noun;
}

/** `参考率、合格率均达` → [参考率, 合格率]; a label naming one thing → [label]. */
function sharedLabels(label: string): string[] {
  const core = label.replace(/(?:均|都|分别|全部|皆)$/, '');
  if (!/[、和及与]/.test(core) || !/(?:均|都|分别|皆)$/.test(label) && !/率[、和及与]/.test(core)) return [core || label];
  const parts = core.split(/[、和及与]/).map((s) => s.trim()).filter(Boolean);
  if (parts.length < 2) return [core];
  // `信访案件办结率、满意率`: the later parts take the object of the first
  return parts;
}

/** Titles and quotations blanked out. */
function blank(s: string): string {
  return s.replace(/《[^《》]*》|“[^“”]*”/g, ' ');
}

function numeric(p: ParsedValue): number | null {
  return typeof p.value === 'number' ? p.value : null;
}
