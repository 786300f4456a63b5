/**
 * Label matching against the catalog, and reading section headings.
 *
 * matchLabel tries, in order:
 *  1. exact: the normalised label equals a normalised name/synonym (with a parent row or section first:
 *     `信访案件` + `受理数` → `信访案件受理数`);
 *  2. containment: the label contains a name/synonym — the longest one wins (`信访案件化解率达到` contains both
 *     `信访案件` and `信访案件化解率`; the rate wins), provided it covers at least a third of the label;
 *  3. similarity: character-bigram Dice with a containment bonus; ≥ MATCH_THRESHOLD is a match,
 *     ≥ SUGGEST_THRESHOLD only a suggestion (see test/core/match.test.ts for the wordings that set them).
 */
import { CATALOG } from './catalog';
import type { Catalog, IndicatorDef, SectionId } from './types';
import { parseChineseNumber } from './numerals';
import { UNIT_WORDS } from './value';

export type LabelMatch =
  | { id: string; score: number; via: 'name' | 'synonym' | 'similar' }
  | { id: null; score: number; suggestion: { id: string; name: string; score: number } | null };

export interface MatchContext {
  /** Section the label sits in (from a section row, a heading or the sheet name): breaks ties, boosts. */
  section?: SectionId | null;
  /** The parent row or sub-table title (`信访案件` above `受理数` / `化解数` / `化解率`). */
  parent?: string | null;
}

/** Similarity at or above which a label is taken as the indicator. */
export const MATCH_THRESHOLD = 0.62;
/** Similarity at or above which the nearest indicator is offered as a suggestion (one shared bigram between two 4-character labels, 0.33, is not enough: `报告年度` is not `年度述法`). */
export const SUGGEST_THRESHOLD = 0.35;
/** A contained name/synonym must cover at least this share of the label. */
const CONTAIN_MIN_COVER = 0.34;

const CN_NUM = '一二三四五六七八九十百零〇两';
const NUMBERING: RegExp[] = [
  new RegExp(`^第[${CN_NUM}\\d]+(?:部分|项|条|章|节)?[、.:：,，]`),
  new RegExp(`^第[${CN_NUM}\\d]+(?:部分|项|条|章|节)`),
  new RegExp(`^[${CN_NUM}]+[、.:：，,]`),
  new RegExp(`^\\([${CN_NUM}\\d]+\\)[、.:：]?`),
  /^\d+[、:：,，]/,
  /^\d+\.(?!\d)/,
  /^\d+\)/,
  /^[\u2460-\u2473\u2776-\u277f\u24f5-\u24fe]/,
];

const BRACKETS = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|\{[^{}]*\}|<[^<>]*>/g;
const QUOTES = /[“”‘’"'《》「」『』〈〉]/g;
/** Punctuation, symbols and spaces (after NFKC). */
const PUNCT = /[\s\p{P}\p{S}]/gu;
const LEADING_FILLER = ['全年', '全镇', '全乡', '全街道', '本年度', '年度内', '今年', '共计', '共', '累计', '其中', '是否'];
const TRAILING_FILLER = ['达到', '情况', '共计', '总数', '合计', '总计', '是否'];
/** A year or period in front of a label says when, not what (`2023年信访案件受理数`). */
const LEADING_PERIOD = /^(?:\d{4}年度?(?:以来)?|(?:本|上)年度?(?:以来)?|去年|今年(?:以来)?|当年)(?=.{2})/;
const ANYWHERE_FILLER = /各类|各种|各项/g;

/**
 * A leading time phrase on a raw label: `2022年以来`, `2023年度`, `今年以来`, `1-12月`, `2023年1-12月`. Wider than
 * LEADING_PERIOD (which normalizeLabel applies to every label): extract's place() retries a label that found no
 * indicator without it, so `2022年以来开展法治培训` is still 法治培训.
 */
export function stripTimePhrase(label: string): string {
  return label
    .replace(/^\s*(?:(?:19|20)\d{2}\s*年度?(?:\s*\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月)?(?:以来|至今|来|全年|内|共|中)?|今年以来|本年度|年初以来|全年|\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月(?:份)?)[，,、\s]*/, '')
    .trim();
}

function stripNumbering(s: string): string {
  for (let guard = 0; guard < 3; guard++) {
    let changed = false;
    for (const re of NUMBERING) {
      const m = re.exec(s);
      if (m && m[0].length < s.length) {
        s = s.slice(m[0].length).trimStart();
        changed = true;
        break;
      }
    }
    if (!changed) break;
  }
  return s;
}

/** Normalise a label for comparison: full-width → half-width, drop punctuation, brackets, quotes, numbering, units. */
/** Labels repeat across sheets and workbooks; normalising is pure, so each distinct label is done once. */
const normalized = new Map<string, string>();
const MEMO_LIMIT = 20000;

export function normalizeLabel(label: string): string {
  if (typeof label === 'string') {
    const hit = normalized.get(label);
    if (hit !== undefined) return hit;
    const out = normalizeLabelUncached(label);
    if (normalized.size >= MEMO_LIMIT) normalized.clear();
    normalized.set(label, out);
    return out;
  }
  return normalizeLabelUncached(label);
}

function normalizeLabelUncached(label: string): string {
  try {
    if (typeof label !== 'string') return '';
    // circled numbers become plain digits under NFKC (`①` → `1`), so they go first
    let s = label.slice(0, 500).trim().replace(/^[\u2460-\u2473\u2776-\u277f\u24f5-\u24fe\u3251-\u325f]\s*/, '');
    s = stripNumbering(s.normalize('NFKC').trim());
    // bracketed units and notes, nested ones from the inside out
    for (let guard = 0; guard < 4; guard++) {
      const t = s.replace(BRACKETS, '');
      if (t === s) break;
      s = t;
    }
    // an unclosed bracket: drop from it on (`受理数(件`)
    s = s.replace(/[([【〔].*$/, '');
    s = s.replace(QUOTES, '').replace(PUNCT, '');
    s = s.replace(ANYWHERE_FILLER, '');
    // `数量` says no more than `数` (`配备法律顾问村数量` = `配备法律顾问村数`)
    if (s.endsWith('数量') && s.length > 3) s = s.slice(0, -1);
    s = s.replace(LEADING_PERIOD, '');
    for (let guard = 0; guard < 4; guard++) {
      let changed = false;
      // `化解率为`, `受理数为`: a trailing 为 after a measure word
      if (/[率数额量]为$/.test(s)) {
        s = s.slice(0, -1);
        changed = true;
      }
      for (const f of LEADING_FILLER) {
        if (s.startsWith(f) && s.length > f.length + 1) {
          s = s.slice(f.length);
          changed = true;
          break;
        }
      }
      for (const f of TRAILING_FILLER) {
        if (s.endsWith(f) && s.length > f.length + 1) {
          s = s.slice(0, -f.length);
          changed = true;
          break;
        }
      }
      if (!changed) break;
    }
    return s;
  } catch {
    return '';
  }
}

// ───────────────────────────── index ─────────────────────────────

interface Entry {
  id: string;
  text: string;
  via: 'name' | 'synonym';
  section: SectionId;
  name: string;
  kind: IndicatorDef['kind'];
  /** Unit and aliases, for the compatibility check. */
  units: string[];
  bigrams: Map<string, number>;
  nBigrams: number;
}

interface Index {
  entries: Entry[];
  exact: Map<string, Entry[]>;
}

const cache = new WeakMap<Catalog, Index>();

function bigrams(s: string): { map: Map<string, number>; n: number } {
  const chars = Array.from(s);
  const map = new Map<string, number>();
  if (chars.length === 1) {
    map.set(chars[0], 1);
    return { map, n: 1 };
  }
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    map.set(g, (map.get(g) ?? 0) + 1);
  }
  return { map, n: Math.max(0, chars.length - 1) };
}

function indexOf(catalog: Catalog): Index {
  const hit = cache.get(catalog);
  if (hit) return hit;
  const entries: Entry[] = [];
  const exact = new Map<string, Entry[]>();
  const add = (d: IndicatorDef, raw: string, via: 'name' | 'synonym') => {
    const text = normalizeLabel(raw);
    if (!text) return;
    const b = bigrams(text);
    const units = [d.unit ?? '', ...(d.unitAliases ?? [])].filter(Boolean);
    const e: Entry = { id: d.id, text, via, section: d.section, name: d.name, kind: d.kind, units, bigrams: b.map, nBigrams: b.n };
    entries.push(e);
    const list = exact.get(text);
    if (list) list.push(e);
    else exact.set(text, [e]);
  };
  for (const d of catalog.indicators) {
    add(d, d.name, 'name');
    for (const s of d.synonyms) add(d, s, 'synonym');
  }
  const idx = { entries, exact };
  cache.set(catalog, idx);
  return idx;
}

function dice(a: { map: Map<string, number>; n: number }, e: Entry): number {
  if (a.n === 0 || e.nBigrams === 0) return 0;
  let common = 0;
  for (const [g, c] of a.map) {
    const o = e.bigrams.get(g);
    if (o) common += Math.min(c, o);
  }
  return (2 * common) / (a.n + e.nBigrams);
}

/**
 * Whether a label's own measure word fits the indicator: a label about a rate (`…率`) is not a count,
 * a label counting people (`…人数`, `…人次`) is not a count of events (`法治讲座参加人数` is not `法治讲座`).
 */
function compatible(label: string, e: Entry): boolean {
  const rateLabel = /率/.test(label);
  if (rateLabel && e.kind !== 'rate' && !/率/.test(e.text)) return false;
  if (e.kind === 'rate' && !rateLabel && /数$/.test(label)) return false;
  // a label with no word of a rate (`化解`, `持证`, `法律顾问`) is a count, not `化解率` / `持证率` / `法律顾问覆盖(率)`
  if (e.kind === 'rate' && !/率|比例|比重|覆盖|全部|百分/.test(label)) return false;
  if (/(人数|人次|名数)$/.test(label) && !/人|名/.test(e.text) && !e.units.some((u) => /人|名/.test(u))) return false;
  return true;
}

/** Of several entries, the one in the context section, else a name before a synonym, else catalog order. */
function prefer(list: Entry[], section: SectionId | null | undefined): Entry {
  let best = list[0];
  const rank = (e: Entry) => (section && e.section === section ? 2 : 0) + (e.via === 'name' ? 1 : 0);
  for (const e of list) if (rank(e) > rank(best)) best = e;
  return best;
}

function exactMatch(text: string, idx: Index, section: SectionId | null | undefined): Entry | null {
  const list = idx.exact.get(text);
  return list && list.length ? prefer(list, section) : null;
}

/**
 * The longest entry contained in the text, covering enough of it; ties → section, then name.
 * `minEnd`: with a parent prefixed, the entry must reach into the label itself (not only the parent's words).
 */
function containMatch(text: string, idx: Index, section: SectionId | null | undefined, minEnd = 0): { entry: Entry; cover: number } | null {
  const len = Array.from(text).length;
  let bestLen = 0;
  let cands: Entry[] = [];
  for (const e of idx.entries) {
    if (e.text.length < 2 || e.text.length > text.length) continue;
    const at = text.lastIndexOf(e.text);
    if (at < 0 || at + e.text.length <= minEnd || !compatible(text, e)) continue;
    const l = Array.from(e.text).length;
    if (l > bestLen) {
      bestLen = l;
      cands = [e];
    } else if (l === bestLen) cands.push(e);
  }
  if (!cands.length) return null;
  const cover = bestLen / len;
  if (cover < CONTAIN_MIN_COVER) return null;
  return { entry: prefer(cands, section), cover };
}

/**
 * Best similarity over the catalog. `parentLen`: the text starts with a parent's words (`行政执法人员` + `持证`);
 * an entry must then share some words with the sub-label itself — `行政执法人员数` resembles the parent, not `持证`.
 */
function similar(text: string, idx: Index, section: SectionId | null | undefined, parentLen = 0): { entry: Entry; score: number } | null {
  const b = bigrams(text);
  const own = parentLen > 0 ? [...bigrams(text.slice(parentLen)).map.keys()] : [];
  let best: { entry: Entry; score: number } | null = null;
  for (const e of idx.entries) {
    if (own.length && !own.some((g) => e.text.includes(g))) continue;
    let s = dice(b, e);
    if (s === 0) continue;
    // containment bonus: one wording inside the other is stronger evidence than scattered bigrams
    if (text.includes(e.text) || e.text.includes(text)) s = Math.min(1, s + 0.15);
    if (section && e.section === section) s = Math.min(1, s + 0.05);
    // a label whose measure word does not fit (a head count vs. a count of events) is only ever a suggestion
    if (!compatible(text, e)) s = Math.min(Math.max(0, s - 0.25), MATCH_THRESHOLD - 0.01);
    if (!best || s > best.score + 1e-12 || (Math.abs(s - best.score) <= 1e-12 && e.via === 'name' && best.entry.via !== 'name')) {
      best = { entry: e, score: s };
    }
  }
  return best;
}

/** Verbs and generic words at the end of a parent title that do not name the thing (`矛盾纠纷化解` → `矛盾纠纷`). */
const PARENT_TAIL = /(?:化解|调解|调处|排查|受理|办理|办结|工作|情况|管理|服务|建设|开展|统计|总量|总数|件数|人数|数)+$/;

function matched(e: Entry, score: number, via?: 'similar'): LabelMatch {
  return { id: e.id, score: Math.round(score * 1000) / 1000, via: via ?? e.via };
}

/** Place a label in the catalog. */
/** matchLabel is pure for a given catalog: remember each (label, context) per catalog object. */
const matchMemo = new WeakMap<Catalog, Map<string, LabelMatch>>();

export function matchLabel(label: string, catalog: Catalog = CATALOG, context?: MatchContext): LabelMatch {
  if (typeof label !== 'string') return matchLabelUncached(label, catalog, context);
  let memo = matchMemo.get(catalog);
  if (!memo) matchMemo.set(catalog, (memo = new Map()));
  const key = `${label}\u0001${context?.section ?? ''}\u0001${context?.parent ?? ''}`;
  let m = memo.get(key);
  if (!m) {
    m = matchLabelUncached(label, catalog, context);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, m);
  }
  return m.id === null ? { ...m, suggestion: m.suggestion && { ...m.suggestion } } : { ...m };
}

function matchLabelUncached(label: string, catalog: Catalog, context?: MatchContext): LabelMatch {
  try {
    const idx = indexOf(catalog);
    const text = normalizeLabel(label);
    const section = context?.section ?? null;
    const none: LabelMatch = { id: null, score: 0, suggestion: null };
    if (!text) return none;

    // 1. exact — a parent + label combination first, since a generic sub-label (`化解率`) is ambiguous alone
    const parentTexts: { text: string; pLen: number }[] = [];
    if (context?.parent) {
      // the parent may be given as a label or as an indicator id
      const byId = catalog.indicators.find((d) => d.id === context.parent);
      const p = normalizeLabel(byId ? byId.name : context.parent);
      if (p && p !== text && !text.startsWith(p)) {
        parentTexts.push({ text: p + text, pLen: p.length });
        const core = p.replace(PARENT_TAIL, '');
        if (core && core !== p) parentTexts.push({ text: core + text, pLen: core.length });
      }
    }
    for (const { text: pt } of parentTexts) {
      const e = exactMatch(pt, idx, section);
      if (e) return matched(e, 1);
    }
    const ex = exactMatch(text, idx, section);
    if (ex) return matched(ex, 1);

    // 2. containment (label ⊇ synonym); with a parent, the combined text too — the longer hit wins
    let bestC: { entry: Entry; cover: number } | null = containMatch(text, idx, section);
    for (const { text: pt, pLen } of parentTexts) {
      const c = containMatch(pt, idx, section, pLen);
      if (c && (!bestC || c.entry.text.length > bestC.entry.text.length)) bestC = c;
    }
    if (bestC) return matched(bestC.entry, 0.8 + 0.2 * bestC.cover);

    // 3. similarity
    let best = similar(text, idx, section);
    for (const { text: pt, pLen } of parentTexts) {
      const s = similar(pt, idx, section, pLen);
      if (s && (!best || s.score > best.score)) best = s;
    }
    if (best && best.score >= MATCH_THRESHOLD) return matched(best.entry, best.score, 'similar');
    const score = best ? Math.round(best.score * 1000) / 1000 : 0;
    if (best && best.score >= SUGGEST_THRESHOLD) {
      const def = catalog.indicators.find((d) => d.id === best!.entry.id);
      return { id: null, score, suggestion: { id: best.entry.id, name: def?.name ?? best.entry.name, score } };
    }
    return { id: null, score, suggestion: null };
  } catch {
    return { id: null, score: 0, suggestion: null };
  }
}

// ───────────────────────────── units in labels ─────────────────────────────

const LABEL_UNITS = new Set<string>([...UNIT_WORDS, '万元', '亿元', '%', '‰', '万人', '万份', '万人次']);

/** The unit written in a header or label: `行政村数（个）` → `个`, `罚没款(万元)` → `万元`; null if none. */
export function unitInLabel(label: string): string | null {
  try {
    if (typeof label !== 'string') return null;
    const s = label.slice(0, 500).normalize('NFKC');
    const re = /[([【〔]\s*(?:单位\s*[:：]?\s*)?([^()[\]【】〔〕]{1,8}?)\s*[)\]】〕]/g;
    let found: string | null = null;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      const u = m[1].trim();
      if (LABEL_UNITS.has(u)) found = u;
    }
    if (found) return found;
    const plain = /单位\s*[:：]\s*([^\s,，;；)）]{1,4})/.exec(s);
    if (plain && LABEL_UNITS.has(plain[1])) return plain[1];
    return null;
  } catch {
    return null;
  }
}

// ───────────────────────────── headings ─────────────────────────────

/**
 * Keywords → section, in three tiers:
 *  1. the report's own parts (不足, 安排, 第一责任人), in this order — they name the part even when a measure
 *     word follows (`下一年度推进普法工作的主要安排` is plans);
 *  2. the measure sections: the keyword that appears FIRST in the text wins
 *     (`公共法律服务与行政执法` → legal-services);
 *  3. weak, generic words (`问题`, `领导`, `学法`, `其他`) only when nothing else is there, so that
 *     `健全矛盾纠纷排查化解机制，解决群众问题` is about disputes, not shortcomings.
 */
const SECTION_PARTS: [SectionId, string[]][] = [
  ['shortcomings', ['存在的不足', '存在不足', '存在的问题', '存在问题', '不足和原因', '不足之处', '问题和不足', '问题整改']],
  ['plans', ['下一年度', '下一年', '下步安排', '下一步', '下步工作', '工作计划', '工作打算', '主要安排', '初步安排', '工作思路', '明年']],
  ['leadership', ['第一责任人', '主要负责人']],
];
const SECTION_MEASURES: [SectionId, string[]][] = [
  ['leadership', ['领导小组', '依法执政', '中心组']],
  ['publicity', ['法治宣传', '普法', '宣传教育', '学法考试', '学法用法', '法治培训', '法治教育', '宣讲']],
  ['disputes', ['矛盾纠纷', '信访', '社会治理', '调解', '热线', '工单', '平安建设', '综治', '枫桥']],
  ['enforcement', ['行政执法', '执法', '行政处罚', '罚没']],
  ['legal-services', ['公共法律服务', '法治阵地', '法律顾问', '法律服务', '民主法治示范', '法治文化阵地']],
  ['decisions', ['依法决策', '政务公开', '重大行政决策', '决策', '合法性审查', '规范性文件']],
  ['other', ['其他需要报告', '其他情况']],
];
const SECTION_WEAK: [SectionId, string[]][] = [
  ['shortcomings', ['问题', '不足', '短板']],
  ['leadership', ['领导', '学法', '述法', '履职', '理论学习']],
  ['other', ['其他', '其它']],
];

/** Section rows, sheet names and report headings → the section they open; null when none. */
export function sectionOfHeading(text: string): SectionId | null {
  try {
    if (typeof text !== 'string') return null;
    const s = stripNumbering(text.slice(0, 200).normalize('NFKC').trim()).replace(PUNCT, '');
    if (!s) return null;
    for (const [id, words] of SECTION_PARTS) {
      for (const w of words) if (s.includes(w)) return id;
    }
    let first: { id: SectionId; at: number } | null = null;
    for (const [id, words] of SECTION_MEASURES) {
      for (const w of words) {
        const at = s.indexOf(w);
        if (at >= 0 && (!first || at < first.at)) first = { id, at };
      }
    }
    if (first) return first.id;
    for (const [id, words] of SECTION_WEAK) {
      for (const w of words) if (s.includes(w)) return id;
    }
    return null;
  } catch {
    return null;
  }
}

export type HeadingStyle = '一、' | '（一）' | '1、' | '1.' | '（1）';

/**
 * The numbering of a heading: `一、` (level 1), `（一）` (2), `1.` (3), `（1）` (4), and the `1、` townships also use.
 * `number` is the ordinal (`三、` → 3); both null when the text is not numbered.
 */
export function headingLevel(text: string): { style: HeadingStyle | null; number: number | null } {
  try {
    if (typeof text !== 'string') return { style: null, number: null };
    const s = text.slice(0, 50).trim();
    const cn = `[${CN_NUM}]+`;
    let m = new RegExp(`^(${cn})[、，,]`).exec(s);
    if (m) return { style: '一、', number: parseChineseNumber(m[1]) };
    m = new RegExp(`^[(（]\\s*(${cn})\\s*[)）]`).exec(s);
    if (m) return { style: '（一）', number: parseChineseNumber(m[1]) };
    m = /^[(（]\s*([0-9０-９]+)\s*[)）]/.exec(s);
    if (m) return { style: '（1）', number: parseChineseNumber(m[1]) };
    m = /^([0-9０-９]+)\s*[、，,]/.exec(s);
    if (m) return { style: '1、', number: parseChineseNumber(m[1]) };
    m = /^([0-9０-９]+)\s*[.．](?![0-9０-９])/.exec(s);
    if (m) return { style: '1.', number: parseChineseNumber(m[1]) };
    return { style: null, number: null };
  } catch {
    return { style: null, number: null };
  }
}
