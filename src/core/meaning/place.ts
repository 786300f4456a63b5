/**
 * Placing a label on an indicator — the one step everything the tool says rests on.
 *
 *  1. exact: the normalised label is a catalog name or synonym of exactly one indicator (whole idiomatic names;
 *     with a parent row first: `信访案件` + `受理数`);
 *  2. facets: the label is read into object, stage, measure and qualifiers (lexicon.ts); what it leaves out comes
 *     from its context — the parent row or header group, the section row, the neighbouring rows, the sheet name,
 *     the unit — and the indicator is the one whose facets all agree. A qualifier that changes meaning (level,
 *     社区, 不/未, 按时, 新增) is never ignored, and a word the lexicon does not know blocks a confident placement;
 *  3. several candidates → `ambiguous` (unless a neighbouring row already is one of them); none → `unknown`,
 *     with the nearest names as suggestions.
 *
 * A wrong placement is a defect; `unknown` or `ambiguous`, said plainly, is not.
 */
import { CATALOG } from '../catalog';
import type { Catalog, IndicatorDef, IndicatorMeaning, SectionId } from '../types';
import { headOf, readFacets, type Facets } from './facets';
import { LEVEL_NAMES, MEASURE_NAMES, SCOPE_NAMES, WORDS, measureOfUnit, type Measure } from './lexicon';
import { normalizeLabel, stripNumbering, stripTimePhrase } from './normalize';
import { sectionOfHeading } from './sections';

export interface LabelContext {
  /** Sheet name (`矛盾纠纷化解`). */
  sheet?: string;
  /** The section row or heading above the label, as written — or a section id. */
  section?: string | SectionId | null;
  /** The parent row label (`其中：` sub-rows) or the header group above a column, as written. */
  parent?: string | null;
  /** The 单位 column, or the unit written in brackets. */
  unit?: string | null;
  /** Labels of the other rows (or columns) of the same table or block, in sheet order. */
  neighbours?: string[];
  /** The rows (or columns) just before this one, nearest first: a rate row after its counts takes their object. */
  before?: string[];
  /** Written as a sub-row (`其中：…`, indented): a breakdown of its parent. */
  sub?: boolean;
}

export type PlacedVia = 'name' | 'synonym' | 'facets' | 'context' | 'user';

export type Placement =
  | { status: 'placed'; id: string; via: PlacedVia; explain: string; words: string[] }
  | { status: 'ambiguous'; candidates: string[]; explain: string; words: string[] }
  | { status: 'unknown'; suggestions: string[]; explain: string; words: string[]; unknownWords: string[] };

// ───────────────────────────── the catalog, indexed ─────────────────────────────

interface Index {
  defs: IndicatorDef[];
  byId: Map<string, IndicatorDef>;
  /** Normalised name/synonym → the ids that have it, and whether it is the name. */
  exact: Map<string, { id: string; via: 'name' | 'synonym' }[]>;
  /** Bigrams of every normalised name/synonym, for suggestions only. */
  grams: { id: string; text: string; map: Map<string, number>; n: number }[];
  /** Bigram → the names having it (index into `grams`, count). */
  byGram: Map<string, [number, number][]>;
}

const indexes = new WeakMap<Catalog, Index>();

function bigrams(s: string): { map: Map<string, number>; n: number } {
  const chars = Array.from(s);
  const map = new Map<string, number>();
  if (chars.length === 1) return { map: new Map([[chars[0], 1]]), n: 1 };
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    map.set(g, (map.get(g) ?? 0) + 1);
  }
  return { map, n: Math.max(0, chars.length - 1) };
}

function indexOf(catalog: Catalog): Index {
  let idx = indexes.get(catalog);
  if (idx) return idx;
  idx = { defs: catalog.indicators, byId: new Map(), exact: new Map(), grams: [], byGram: new Map() };
  for (const d of catalog.indicators) {
    idx.byId.set(d.id, d);
    const add = (raw: string, via: 'name' | 'synonym') => {
      const text = normalizeLabel(raw);
      if (!text) return;
      const list = idx!.exact.get(text) ?? [];
      if (!list.some((e) => e.id === d.id)) list.push({ id: d.id, via });
      idx!.exact.set(text, list);
      const b = bigrams(text);
      const at = idx!.grams.push({ id: d.id, text, map: b.map, n: b.n }) - 1;
      for (const [k, c] of b.map) {
        const list = idx!.byGram.get(k) ?? [];
        list.push([at, c]);
        idx!.byGram.set(k, list);
      }
    };
    add(d.name, 'name');
    for (const s of d.synonyms) add(s, 'synonym');
  }
  indexes.set(catalog, idx);
  return idx;
}

/** The nearest names by character bigrams: only ever a suggestion, never a placement. */
function suggestions(text: string, idx: Index, limit = 3): string[] {
  if (!text) return [];
  const a = bigrams(text);
  // only the names sharing a bigram with the label can come near it (an inverted index, not a scan of every name)
  const common = new Map<number, number>();
  for (const [k, c] of a.map) {
    for (const [i, o] of idx.byGram.get(k) ?? []) common.set(i, (common.get(i) ?? 0) + Math.min(c, o));
  }
  const best = new Map<string, number>();
  for (const [i, n] of common) {
    const g = idx.grams[i];
    let s = a.n + g.n ? (2 * n) / (a.n + g.n) : 0;
    if (text.includes(g.text) || g.text.includes(text)) s += 0.15;
    if (s > (best.get(g.id) ?? 0)) best.set(g.id, s);
  }
  return [...best.entries()]
    .filter(([, s]) => s >= 0.35)
    .sort((x, y) => y[1] - x[1])
    .slice(0, limit)
    .map(([id]) => id);
}

// ───────────────────────────── facets against an indicator ─────────────────────────────

/** How well a label's measure fits an indicator's: 0 = not at all. */
function measureScore(label: Measure | null, generic: boolean, ind: IndicatorMeaning): number {
  const m = ind.measure;
  if (label === null) return m === 'rate' ? 0 : 1;
  if (label === 'rate' || m === 'rate') return label === m ? 3 : 0;
  if (label === 'amount' || m === 'amount') return label === m ? 3 : 0;
  if (label === m) return generic ? 2 : 3;
  if (generic && (m === 'count' || m === 'people' || m === 'times')) return 2;
  // heads and person-times are closer to each other than to a count of events (`参加人数` is attendance)
  if ((label === 'people' && m === 'times') || (label === 'times' && m === 'people')) return 2;
  return 1;
}

interface Reading {
  head: string | null;
  /** The unit the context gives, normalised (`件`). */
  unit: string | null;
  /** Qualifiers the context names (`行政执法` in the section row): they settle a vague word and break ties. */
  ctxMods: string[];
  /** The section the context names, when it names one. */
  section: SectionId | null;
  /** Where the head came from, for the explanation. */
  headFrom: 'label' | 'hint' | 'parent' | 'section' | 'neighbours' | 'sheet' | 'mod' | null;
  headWord: string;
  f: Facets;
}

function fits(r: Reading, d: IndicatorDef): number {
  const mn = d.meaning;
  if (!mn) return 0;
  const f = r.f;
  if (f.overdue || f.once || f.levelPlus) return 0;
  if (r.head !== null && mn.object !== r.head) return 0;
  // every other object the label names must be a qualifier the indicator allows
  const others = r.headFrom === 'label' ? f.objects.slice(0, -1) : f.objects;
  for (const o of [...others, ...f.mods]) if (o !== mn.object && !(mn.mods ?? []).includes(o) && !WEAK_MODS.has(o)) return 0;
  // a qualifier the indicator needs (`合同` for 合同合法性审查): from the label, or — for a vague word (`培训`) — the context
  if (mn.needMod && !mn.needMod.some((o) => f.mods.includes(o) || others.includes(o))) {
    if (!f.vague) return 0;
  }
  if (!!f.neg !== !!mn.neg || !!f.timely !== !!mn.timely || !!f.fresh !== !!mn.fresh) return 0;
  if (f.level !== null && f.level !== (mn.level ?? null)) return 0;
  if (f.scope !== null && mn.scope && !mn.scope.includes(f.scope)) return 0;
  // stages: each stage the label names is a reading; a label without one fits a stage-less or default indicator
  const accepted = mn.stage ?? [''];
  const readings = f.stages.length ? f.stages : [''];
  if (!readings.some((s) => accepted.includes(s) || (s === '' && mn.isDefault))) return 0;
  // a count unit the indicator is never counted in (`开展矛盾纠纷排查 | 次` counts sweeps, not disputes)
  if (r.unit && mn.measure !== 'rate' && measureOfUnit(r.unit) === 'count' && d.unit && measureOfUnit(d.unit) === 'count') {
    const units = [d.unit, ...(d.unitAliases ?? [])];
    if (!units.includes(r.unit)) return 0;
  }
  return measureScore(f.measure, f.generic, mn);
}

/** Qualifiers that never change which indicator (`党委`, `政府` are fillers in most labels). */
const WEAK_MODS = new Set<string>(['body']);

// ───────────────────────────── context ─────────────────────────────

const facetMemo = new Map<string, Facets>();
function facetsOf(text: string): Facets {
  let f = facetMemo.get(text);
  if (!f) {
    f = readFacets(stripTimePhrase(stripNumbering(text.normalize('NFKC').trim())));
    if (facetMemo.size > 20000) facetMemo.clear();
    facetMemo.set(text, f);
  }
  return f;
}

const SECTION_IDS = new Set(['leadership', 'publicity', 'disputes', 'enforcement', 'legal-services', 'decisions', 'shortcomings', 'plans', 'other']);

/** Fill what the label leaves out from its context. */
function reading(label: string, ctx: LabelContext): Reading {
  const own = facetsOf(label);
  const f: Facets = { ...own, objects: [...own.objects], mods: [...own.mods] };
  const st: { head: string | null; headFrom: Reading['headFrom']; headWord: string } = { head: headOf(f), headFrom: null, headWord: '' };
  if (st.head) st.headFrom = 'label';
  const parent = ctx.parent ? facetsOf(ctx.parent) : null;
  const headish = (src: Facets): string | null => headOf(src) ?? src.hint;
  // a sub-row is a breakdown of its parent: the parent's object is counted, the row's words qualify it
  if (ctx.sub && parent && headOf(parent) && st.head && st.head !== headOf(parent)) {
    for (const o of f.objects) if (!f.mods.includes(o)) f.mods.push(o);
    f.objects = [];
    Object.assign(st, { head: headOf(parent), headFrom: 'parent', headWord: ctx.parent ?? '' });
  }
  const trySource = (src: Facets | null, from: Reading['headFrom'], word: string) => {
    if (st.head || !src) return;
    const h = headish(src);
    if (h) Object.assign(st, { head: h, headFrom: from, headWord: word });
  };
  trySource(parent, 'parent', ctx.parent ?? '');
  if (!st.head && f.hint) Object.assign(st, { head: f.hint, headFrom: 'hint' });
  const sectionText = ctx.section && !SECTION_IDS.has(ctx.section) ? ctx.section : null;
  const sectionFacets = sectionText ? facetsOf(sectionText) : null;
  const sheetFacets = ctx.sheet ? facetsOf(ctx.sheet) : null;
  if (!st.head && ctx.before?.length) {
    // the nearest row before that names an object gives it (a rate row right after its received/resolved pair)
    for (const n of ctx.before.slice(0, 3)) {
      const h = headOf(facetsOf(n));
      if (!h) continue;
      Object.assign(st, { head: h, headFrom: 'neighbours', headWord: n });
      break;
    }
  }
  let mixed = false;
  if (!st.head && ctx.neighbours?.length) {
    // the other rows of the block, when they all count one object; a block of several says the section is mixed too
    const heads = new Set<string>();
    for (const n of ctx.neighbours.slice(0, 12)) {
      const h = headOf(facetsOf(n));
      if (h) heads.add(h);
    }
    if (heads.size === 1) {
      const h = [...heads][0];
      Object.assign(st, { head: h, headFrom: 'neighbours', headWord: ctx.neighbours.find((n) => headOf(facetsOf(n)) === h) ?? '' });
    }
    mixed = heads.size > 1;
  }
  if (!mixed) {
    trySource(sectionFacets, 'section', sectionText ?? '');
    trySource(sheetFacets, 'sheet', ctx.sheet ?? '');
  }
  if (!st.head && f.mods.length === 1) {
    Object.assign(st, { head: f.mods[0], headFrom: 'mod' });
    f.mods = [];
  }
  const fromParent = st.headFrom === 'parent';
  if (parent) {
    if (f.level === null && parent.level !== null) f.level = parent.level;
    if (f.scope === null && parent.scope !== null) f.scope = parent.scope;
    if (fromParent) for (const o of [...parent.objects.slice(0, -1), ...parent.mods]) if (!f.mods.includes(o)) f.mods.push(o);
  }
  const unit = ctx.unit ? ctx.unit.normalize('NFKC').replace(/\s+/g, '').replace(/^[(]|[)]$/g, '') : null;
  const unitMeasure = measureOfUnit(unit);
  if (unitMeasure && (f.measure === null || f.generic || f.soft || (unitMeasure === 'rate' && f.measure !== 'rate'))) {
    f.measure = unitMeasure;
    f.generic = false;
    f.soft = false;
  }
  if (f.measure === null && parent?.measure && fromParent) {
    f.measure = parent.measure;
    f.generic = parent.generic;
  }
  const ctxMods: string[] = [];
  for (const src of [sectionFacets, sheetFacets, parent]) if (src) for (const o of [...src.objects, ...src.mods]) if (!ctxMods.includes(o)) ctxMods.push(o);
  const section = sectionOfContext(ctx);
  return { ...st, f, unit: unitMeasure ? unit : null, ctxMods, section };
}

/** The report section the context names (a section id, the section row's words, or the sheet name); null if none. */
function sectionOfContext(ctx: LabelContext): SectionId | null {
  if (ctx.section && SECTION_IDS.has(ctx.section)) return ctx.section as SectionId;
  const s = ctx.section ? sectionOfHeading(ctx.section) : null;
  const found = s ?? (ctx.sheet ? sectionOfHeading(ctx.sheet) : null);
  return found && MEASURE_SECTION_IDS.has(found) ? found : null;
}

function candidatesOf(r: Reading, idx: Index): IndicatorDef[] {
  // a label naming no object and no stage (`项目`, `比率`, `乡镇`) says nothing to place it by
  if (r.head === null && r.f.stages.length === 0 && r.f.mods.length === 0) return [];
  let best = 0;
  let out: IndicatorDef[] = [];
  for (const d of idx.defs) {
    let s = fits(r, d);
    if (s === 0) continue;
    // an object guessed from a stage word or a neighbour must agree with the section the context names
    // (`合格率` under 四、行政执法 is not the exam's)
    if ((r.headFrom === 'hint' || r.headFrom === 'neighbours') && r.section && MEASURE_SECTION_IDS.has(r.section) && d.section !== r.section) continue;
    // a qualifier or section the context names breaks a tie (`培训` under 四、行政执法 is 执法业务培训)
    if (r.ctxMods.some((o) => d.meaning?.needMod?.includes(o))) s += 0.5;
    else if (r.ctxMods.some((o) => d.meaning?.mods?.includes(o))) s += 0.25;
    if (r.section && d.section === r.section) s += 0.25;
    if (s > best) {
      best = s;
      out = [d];
    } else if (s === best) out.push(d);
  }
  // a bare object (no stage, no measure word) means its default indicator (`信访案件` → received)
  if (out.length > 1 && r.f.stages.length === 0 && !r.f.vague) {
    const defaults = out.filter((d) => d.meaning?.isDefault);
    if (defaults.length === 1 && (r.f.measure === null || r.f.generic || defaults[0].meaning?.measure === r.f.measure)) out = defaults;
  }
  return out;
}

const MEASURE_SECTION_IDS = new Set<SectionId>(['leadership', 'publicity', 'disputes', 'enforcement', 'legal-services', 'decisions']);

// ───────────────────────────── explanations ─────────────────────────────

const STAGE_NAMES: Record<string, string> = {
  received: '受理',
  resolved: '化解/调解成功',
  closed: '办结',
  handled: '调处',
  satisfied: '满意',
  certified: '持证',
  deployed: '出动',
  covered: '覆盖',
  expected: '应考',
  taken: '参考',
  excellent: '优秀',
  qualified: '合格',
  passed: '通过',
  collective: '集体讨论',
  rectified: '整改',
  revisited: '回访',
};

/** The display word of an object: the first word the lexicon lists for it. */
const OBJECT_NAMES: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [w, s] of WORDS) if (s.object && !m.has(s.object)) m.set(s.object, w);
  return m;
})();

function facetText(r: Reading): string {
  const f = r.f;
  const parts: string[] = [];
  if (r.head) {
    const name = OBJECT_NAMES.get(r.head) ?? r.head;
    const from =
      r.headFrom === 'parent' ? `，取自上级“${r.headWord}”` : r.headFrom === 'section' ? `，取自所在部分“${r.headWord}”` : r.headFrom === 'neighbours' ? `，取自相邻的“${r.headWord}”` : r.headFrom === 'sheet' ? `，取自工作表名“${r.headWord}”` : '';
    parts.push(`对象：${name}${from}`);
  }
  if (f.stages.length) parts.push(`环节：${f.stages.map((s) => STAGE_NAMES[s] ?? s).join('、')}`);
  if (f.measure) parts.push(`度量：${MEASURE_NAMES[f.measure]}`);
  if (f.level) parts.push(`级别：${LEVEL_NAMES[f.level]}`);
  if (f.scope) parts.push(`范围：${SCOPE_NAMES[f.scope]}`);
  if (f.neg) parts.push('否定：不/未');
  if (f.timely) parts.push('时限：按期');
  if (f.fresh) parts.push('新增');
  return parts.join('，');
}

function names(ids: string[], idx: Index): string {
  return ids.map((id) => `“${idx.byId.get(id)?.name ?? id}”`).join('、');
}

// ───────────────────────────── placing ─────────────────────────────

function placeUncached(label: string, ctx: LabelContext, catalog: Catalog, depth: number): Placement {
  const idx = indexOf(catalog);
  const text = normalizeLabel(label);
  if (!text) return { status: 'unknown', suggestions: [], explain: '标签为空', words: [], unknownWords: [] };

  // 1. exact names and synonyms — with the parent's words first (`信访案件` + `化解率`)
  const tries: string[] = [];
  if (ctx.parent) {
    const p = normalizeLabel(ctx.parent);
    if (p && p !== text && !text.startsWith(p)) {
      tries.push(p + text);
      const core = p.replace(PARENT_TAIL, '');
      if (core && core !== p) tries.push(core + text);
    }
  }
  tries.push(text);
  const unitMeasure = measureOfUnit(ctx.unit?.normalize('NFKC').replace(/\s+/g, ''));
  for (const t of tries) {
    let hits = idx.exact.get(t) ?? [];
    // a name whose measure the unit contradicts (`法治宣传队伍 | 人` is its members, not its teams) is not taken whole
    if (unitMeasure) hits = hits.filter((h) => {
      const mn = idx.byId.get(h.id)?.meaning;
      return !mn || measureScore(unitMeasure, false, mn) >= 2;
    });
    // a name that names no object (`合格率`, `持证率`) is taken whole only where the context's section agrees
    if (!headOf(facetsOf(t))) {
      const sec = sectionOfContext(ctx);
      if (sec) hits = hits.filter((h) => idx.byId.get(h.id)?.section === sec);
    }
    if (hits.length > 1 && ctx.section && SECTION_IDS.has(ctx.section)) {
      const inSection = hits.filter((h) => idx.byId.get(h.id)?.section === ctx.section);
      if (inSection.length === 1) hits = inSection;
    }
    if (hits.length === 1) {
      const d = idx.byId.get(hits[0].id)!;
      return {
        status: 'placed',
        id: d.id,
        via: hits[0].via,
        explain: t === text ? `按“${label.trim()}”识别为“${d.name}”（目录中的${hits[0].via === 'name' ? '名称' : '别名'}）` : `按上级“${ctx.parent}”与“${label.trim()}”识别为“${d.name}”（目录中的${hits[0].via === 'name' ? '名称' : '别名'}）`,
        words: [t],
      };
    }
  }

  // 2. facets, with the context filling what the label leaves out — but a label must say something itself
  // (`2023-2-2`, `序号` in a 信访台账 are not 信访案件)
  const own = facetsOf(label);
  if (!own.objects.length && !own.mods.length && !own.stages.length && !own.measure && !own.level && !own.scope && !own.neg && !own.timely && !own.fresh && !own.hint) {
    const sugg = own.unknown.length ? suggestions(text, idx) : [];
    return { status: 'unknown', suggestions: sugg, unknownWords: own.unknown, words: own.words, explain: `“${label.trim()}”${sugg.length ? `未能对应到指标，最接近的是${names(sugg, idx)}` : '不是指标名称'}` };
  }
  const r = reading(label, ctx);
  const words = r.f.words;
  let cands = candidatesOf(r, idx).map((d) => d.id);
  // what a label denies is no suggestion either: one that says 未/不 (`未化解信访件`) is never the indicator without it,
  // nor is a count over nested levels (`省级以上民主法治示范村`) the count of one level
  const offerable = (id: string) => {
    const mn = idx.byId.get(id)?.meaning;
    return (!r.f.neg || !!mn?.neg) && (!r.f.levelPlus || !mn?.level);
  };
  const narrowed = r.f.neg || r.f.levelPlus;
  const nearest = () => suggestions(text, idx, narrowed ? 12 : 3).filter(offerable).slice(0, 3);
  const unknown = (unknownWords: string[], sugg: string[], why: string): Placement => ({ status: 'unknown', suggestions: sugg.slice(0, 3), unknownWords, words, explain: why });
  // a word the lexicon does not know may change the meaning: never placed on its strength alone
  if (r.f.unknown.length) {
    const sugg = cands.length ? cands.filter(offerable) : nearest();
    return unknown(r.f.unknown, sugg, `“${label.trim()}”中的“${r.f.unknown.join('、')}”未能理解${sugg.length ? `，最接近的是${names(sugg.slice(0, 3), idx)}` : ''}`);
  }
  // what is counted must be known: from the label, its context, or a stage word that implies it
  if (r.head === null) {
    if (cands.length > 1)
      return { status: 'ambiguous', candidates: cands, words, explain: `“${label.trim()}”没有说明统计的对象，可能是${names(cands, idx)}，上下文不足以确定` };
    return unknown([], cands, `“${label.trim()}”没有说明统计的对象${cands.length ? `，可能是${names(cands.slice(0, 3), idx)}` : ''}，上下文也不足以确定`);
  }
  // a stage word alone (`参考`, `优秀`) with no measure and no unit says too little
  if (r.headFrom === 'hint' && r.f.measure === null && r.f.objects.length === 0 && r.f.mods.length === 0) {
    return unknown([], cands, `“${label.trim()}”只有一个词，不足以确定是什么指标${cands.length ? `，可能是${names(cands.slice(0, 3), idx)}` : ''}`);
  }
  if (cands.length > 1 && ctx.neighbours?.length && depth === 0) {
    // a neighbouring row that already is one of the candidates is not this row
    const claimed = new Set<string>();
    for (const n of ctx.neighbours.slice(0, 12)) {
      if (n === label) continue;
      const p = placeLabel(n, { sheet: ctx.sheet, section: ctx.section, parent: ctx.parent }, catalog, depth + 1);
      if (p.status === 'placed') claimed.add(p.id);
    }
    const left = cands.filter((c) => !claimed.has(c));
    if (left.length === 1) {
      const d = idx.byId.get(left[0])!;
      return {
        status: 'placed',
        id: d.id,
        via: 'context',
        words,
        explain: `按“${label.trim()}”识别为“${d.name}”（${facetText(r)}；同表另有${names(cands.filter((c) => claimed.has(c)), idx)}）`,
      };
    }
    if (left.length > 1) cands = left;
  }
  if (cands.length === 1) {
    const d = idx.byId.get(cands[0])!;
    const via: PlacedVia = r.headFrom === 'label' || r.headFrom === 'hint' || r.headFrom === 'mod' ? 'facets' : 'context';
    return { status: 'placed', id: d.id, via, words, explain: `按“${label.trim()}”识别为“${d.name}”（${facetText(r)}）` };
  }
  if (cands.length > 1) {
    return {
      status: 'ambiguous',
      candidates: cands,
      words,
      explain: `“${label.trim()}”可能是${names(cands, idx)}，上下文不足以确定${facetText(r) ? `（${facetText(r)}）` : ''}`,
    };
  }
  const sugg = nearest();
  return unknown([], sugg, `“${label.trim()}”${facetText(r) ? `（${facetText(r)}）` : ''}不对应目录中的任何指标${sugg.length ? `，最接近的是${names(sugg, idx)}` : ''}`);
}

/** Verbs and generic words at the end of a parent title that do not name the thing (`矛盾纠纷化解` → `矛盾纠纷`). */
const PARENT_TAIL = /(?:化解|调解|调处|排查|受理|办理|办结|工作|情况|管理|服务|建设|开展|统计|总量|总数|件数|人数|数)+$/;

const memo = new WeakMap<Catalog, Map<string, Placement>>();

/** Place a label on an indicator of `catalog`, or say plainly why not. Pure; remembered per (label, context). */
export function placeLabel(label: string, ctx: LabelContext = {}, catalog: Catalog = CATALOG, depth = 0): Placement {
  if (typeof label !== 'string') return { status: 'unknown', suggestions: [], explain: '标签为空', words: [], unknownWords: [] };
  let m = memo.get(catalog);
  if (!m) memo.set(catalog, (m = new Map()));
  const key = [label, ctx.sheet ?? '', ctx.section ?? '', ctx.parent ?? '', ctx.unit ?? '', ctx.sub ? 1 : 0, depth ? 1 : 0, (ctx.before ?? []).join('\u0002'), ...(ctx.neighbours ?? [])].join('\u0001');
  let p = m.get(key);
  if (!p) {
    p = placeUncached(label, ctx, catalog, depth);
    if (m.size > 20000) m.clear();
    m.set(key, p);
  }
  return p;
}
