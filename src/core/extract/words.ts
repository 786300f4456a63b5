/**
 * The words extraction recognises in sheets: header roles, identity keys, numbering, township names,
 * notes rows. Text in, decision out; no grid access here.
 */
import { squeeze } from './sheet';
import { saysRate } from '../meaning/lexicon';
import { TABLE_UNIT_WORDS } from '../value';

export type Period0 = 'current' | 'previous';

const MEMO_LIMIT = 20000;
/** Longer texts are sentences, which seldom come back. */
const MEMO_TEXT_LENGTH = 64;

/**
 * A pure text test, remembered per text: the same labels and names come back on every sheet and in every
 * township's workbook, and each test runs several regular expressions. Never remembers `undefined`.
 */
function remembered<T>(fn: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text: string): T => {
    if (typeof text !== 'string' || text.length > MEMO_TEXT_LENGTH) return fn(text);
    let out = memo.get(text);
    if (out === undefined) {
      out = fn(text);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(text, out);
    }
    return out;
  };
}

export type HeaderRole =
  | { kind: 'seq' }
  | { kind: 'label' }
  | { kind: 'category' }
  | { kind: 'unit' }
  /** `单位` alone: the unit column of an indicator table, or the township column of a summary. */
  | { kind: 'unit-or-entity' }
  | { kind: 'entity' }
  | { kind: 'value'; year: number | null; period: Period0 | null; percent: boolean }
  | { kind: 'note' }
  | { kind: 'numerator' }
  | { kind: 'denominator' }
  /** A header naming a rate (`比率`, `化解率（%）`, `%`). */
  | { kind: 'rate' }
  | { kind: 'ignore' }
  | { kind: 'other' };

const SEQ = /^(序号|序|编号|No\.?|NO\.?|排序|行次|栏次)$/;
const LABEL =
  /^(指标名称[及和与]?(计量)?单位|指标[及和与](计量)?单位|指标名称|指标|指标项目|指标内容|项目|项目名称|名称|内容|统计项目|统计指标|统计内容|工作内容|工作指标|主要指标|考核指标|考核内容|具体指标|指标项|数据项|事项名称)$/;
const CATEGORY = /^(类别|分类|类型|领域|板块|大类|一级指标|方面|工作类别|指标类别)$/;
const UNIT = /^(计量单位|单位名称\(计量\)|量词|计算单位)$/;
const ENTITY = /^(乡镇|乡镇名称|乡镇街道|乡镇（街道）|乡镇\(街道\)|镇（街道）|镇\(街道\)|乡（镇）|乡\(镇\)|单位名称|填报单位|地区|各乡镇|镇街|镇街名称|街道)$/;
const NOTE = /^(备注|说明|备注说明|情况说明|附注|备考)/;
const IGNORE = /^(同比|增减|增幅|增长|增长率|同比增长|同比增减|变化|排名|得分|分值|权重|责任单位|责任人|责任部门|数据来源|来源|填报人|牵头单位|完成时限|目标值|目标|计划|计划数|年度目标|考核标准|评分标准)/;
const VALUE =
  /^(数值|数量|数据|数|完成情况|完成数|完成值|完成数量|统计数|统计数据|统计值|指标值|指标数值|实际完成|实际|完成|填报数|填报数据|填报值|数字|情况|结果|实绩|实际值|年度数据|年度完成|累计|累计完成|全年|全年完成|合计|总数)$/;
const CURRENT = /^(本年|本年度|今年|当年|本期|本年完成|本年数|本年累计|本年度完成|本年实际|今年完成|本年数据)$/;
const PREVIOUS = /^(上年|上年度|去年|上年同期|上期|同期|上年完成|上年数|上年实际|去年同期|上一年|上一年度|上年数据)$/;
const YEAR = /^((?:19|20)\d{2})\s*年?度?(?:[（(]?(?:1-12月|1—12月|全年)[)）]?)?(完成情况|完成数|完成|数据|数值|数|情况|实际|统计数|累计|填报数)?(?:[（(]([^）)]*)[)）])?$/;

const percentWord = saysRate;

/** What a header cell says about its column. */
export function headerRole(text: string): HeaderRole | null {
  const h = squeeze(text).replace(/[:：]$/, '');
  if (!h) return null;
  if (SEQ.test(h)) return { kind: 'seq' };
  if (LABEL.test(h)) return { kind: 'label' };
  if (CATEGORY.test(h)) return { kind: 'category' };
  if (h === '单位') return { kind: 'unit-or-entity' };
  if (UNIT.test(h)) return { kind: 'unit' };
  if (ENTITY.test(h)) return { kind: 'entity' };
  if (NOTE.test(h)) return { kind: 'note' };
  if (/^分子/.test(h)) return { kind: 'numerator' };
  if (/^分母/.test(h)) return { kind: 'denominator' };
  if (IGNORE.test(h)) return { kind: 'ignore' };
  const stripped = h.replace(/[（(][^）)]*[)）]$/, '');
  if (CURRENT.test(stripped)) return { kind: 'value', year: null, period: 'current', percent: percentWord(h) };
  if (PREVIOUS.test(stripped)) return { kind: 'value', year: null, period: 'previous', percent: percentWord(h) };
  const y = YEAR.exec(h);
  if (y) return { kind: 'value', year: Number(y[1]), period: null, percent: percentWord(h) };
  if (VALUE.test(stripped)) return { kind: 'value', year: null, period: null, percent: percentWord(h) };
  if (/^(比率|比例|百分比|%|％|率|占比|比值|比率%|比例%)$/.test(stripped) || /^(比率|比例)/.test(h)) return { kind: 'rate' };
  return { kind: 'other' };
}

/** A bare number in a header row read as a year column (2022, 2023). */
export function numericYear(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1990 && v <= 2100 ? v : null;
}

/** Header text says the column holds percents. */
export function isPercentHeader(text: string): boolean {
  return percentWord(squeeze(text));
}

// ───────────── identity ─────────────

export type IdentityField = 'unit' | 'year' | 'addressee' | 'date';

const ID_KEYS: [RegExp, IdentityField][] = [
  [/^(单位名称|填报单位|报送单位|报告单位|填报单位名称|乡镇名称|单位全称|报告主体)$/, 'unit'],
  [/^(报告年度|统计年度|填报年度|年度|所属年度|年份|报告年份|统计年份)$/, 'year'],
  [/^(报送对象|主送单位|主送机关|主送|报送至|报送给|呈报对象|报送机关)$/, 'addressee'],
  [/^(落款日期|填报日期|报送日期|成文日期|日期|落款时间|报出日期|填表日期|报告日期)$/, 'date'],
];

/** `单位名称：` → 'unit'. */
const ID_FIRST = new Set([...'单填报乡年所统落日主呈成'].concat([' ', '\u3000']));

export const identityKey = remembered(function identityKey(text: string): IdentityField | null {
  if (!text || !ID_FIRST.has(text[0])) return null;
  const k = squeeze(text).replace(/[:：]+$/, '');
  for (const [re, f] of ID_KEYS) if (re.test(k)) return f;
  return null;
});

const INLINE_KEYS = '单位名称|填报单位|报送单位|报告单位|报告年度|统计年度|填报年度|报送对象|主送单位|主送|落款日期|填报日期|报送日期|成文日期|报出日期|填表日期';

/** `填报单位：周营镇    填报日期：2024年1月8日` → [['unit','周营镇'],['date','2024年1月8日']]. */
export function inlineIdentity(text: string): [IdentityField, string][] {
  const out: [IdentityField, string][] = [];
  const re = new RegExp(`(${INLINE_KEYS})\\s*[:：]\\s*`, 'g');
  const hits: { key: string; start: number; end: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) hits.push({ key: m[1], start: m.index, end: m.index + m[0].length });
  for (let i = 0; i < hits.length; i++) {
    const stop = i + 1 < hits.length ? hits[i + 1].start : text.length;
    let v = text.slice(hits[i].end, stop);
    v = v.split(/\s{2,}|\u3000+/)[0].trim().replace(/[，,；;。]+$/, '');
    const f = identityKey(hits[i].key);
    if (f && v) out.push([f, v]);
  }
  return out;
}

const UNIT_SUFFIX = /(街道办事处|街道|镇|乡|社区)$/;

/** `周营镇人民政府` → `周营镇`, `1.周营镇` → `周营镇`; names are kept as written otherwise. */
export const cleanUnitName = remembered(function cleanUnitName(s: string): string {
  let t = squeeze(stripNumbering(s)).replace(/[（(][^）)]*[)）]$/, '');
  t = t.replace(/(人民政府|党委政府|党委|政府|（盖章）|\(盖章\)|盖章)+$/, '');
  return t;
});

/** A township-like name: ends with 镇/乡/街道/街道办事处/社区 and has a name before it. */
export const isTownship = remembered(function isTownship(s: string): boolean {
  const t = cleanUnitName(s);
  if (t.length < 2 || t.length > 16) return false;
  if (!UNIT_SUFFIX.test(t)) return false;
  if (/^(全|本|各|该|我|乡|城|合计|总计)/.test(t) && t.length <= 3) return false;
  if (/^(乡镇|各乡镇|全镇|全乡|本镇|本乡|城乡|我镇|我乡|街道|社区|各街道)$/.test(t)) return false;
  if (/\d|[，,。：:；;、]/.test(t)) return false;
  // an indicator about communities or villages (`县级民主法治示范社区`, `法治示范村`) is no township's name
  if (/[县市省]级|国家级|法治|示范(社区|村)/.test(t)) return false;
  return true;
});

/** A township named inside a title: `周营镇2023年度法治政府建设指标统计表` → `周营镇`. */
export function townshipInTitle(text: string): string | null {
  const s = squeeze(text);
  const re = /(街道办事处|街道|镇|乡)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const end = m.index + m[0].length;
    // `乡镇` is the generic word, `乡村` is not a name ending
    if (m[0] === '乡' && /^[镇村]/.test(s.slice(end))) continue;
    if (m[0] === '镇' && s[m.index - 1] === '乡') continue;
    let start = m.index;
    while (start > 0 && /[\u4e00-\u9fff]/.test(s[start - 1]) && m.index - start < 10) start--;
    const prefix = s.slice(start, m.index);
    // cut what comes before the name (关于…, …县/区/市, …年度, 各/全/本): the last cut leaving ≥2 characters
    let from = 0;
    const cutRe = /(关于|年度|年|各|全|本|县|区|市|省|的|对|和|与|及)/g;
    let c: RegExpExecArray | null;
    while ((c = cutRe.exec(prefix))) {
      const after = c.index + c[0].length;
      if (prefix.length - after >= 2) from = after;
    }
    const name = prefix.slice(from) + m[0];
    if (prefix.length - from >= 2 && isTownship(name)) return name;
  }
  return null;
}

/** A four-digit year written in a title or cell (`2023年`, `2023年度`). */
export function yearInText(text: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(text);
  if (!m) return null;
  return Number(m[1]);
}

// ───────────── rows ─────────────

/** Notes, signatures and form furniture: never an indicator, never an unknown. */
export const isNotesText = remembered(function isNotesText(text: string): boolean {
  const t = squeeze(text);
  return /^(注|备注|说明|填表说明|填报说明|数据来源|填表人|填报人|审核人|制表人|制表|负责人|单位负责人|统计负责人|联系电话|联系人|电话|审核|签字|盖章|报出日期|数据截至|数据截止|统计时间|统计时段|统计口径)[0-9一二三四五六七八九十]*[:：、.．）)]/.test(t) ||
    /^(注|说明)[:：]?$/.test(t) || /^[*※]/.test(t);
});

/** Leading numbering of a heading or list item. */
const NUMBERING =
  /^\s*(?:第[一二三四五六七八九十百]+[部分章节条项点]?[、，,．.：:\s]*|[一二三四五六七八九十]+[、.．，,]|[（(][一二三四五六七八九十]+[)）][、.．]?|\d{1,2}[、．](?!\d)|\d{1,2}\.(?!\d)|[（(]\d{1,2}[)）][、.．]?|\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]|[一二三四五六七八九十]+是[：:，,]?|首先[，,：:]?|其次[，,：:]?|再次[，,：:]?|最后[，,：:]?|[a-zA-Z][、.．)）])\s*/;

export function hasNumbering(text: string): boolean {
  return NUMBERING.test(text);
}

/** Strip leading numbering (repeatedly: `（一）1、…`). */
export const stripNumbering = remembered(function stripNumbering(text: string): string {
  let t = text.trim();
  for (let i = 0; i < 3; i++) {
    const m = NUMBERING.exec(t);
    if (!m || m[0].length === 0) break;
    const rest = t.slice(m[0].length).trim();
    if (!rest) break;
    t = rest;
  }
  return t;
});

/** A cell holding nothing but a sequence mark: `1`, `一`, `1、`, `（二）`. */
export const isSeqOnly = remembered(function isSeqOnly(text: string): boolean {
  const t = squeeze(text);
  return /^(\d{1,3}|[一二三四五六七八九十]{1,3}|[（(]?[\d一二三四五六七八九十]{1,3}[)）]?[、.．]?|[①②③④⑤⑥⑦⑧⑨⑩])$/.test(t);
});

/** `其中：化解数` / `—化解数` / `含：…`: a sub-row of the indicator above. Returns the label without the marker. */
export function subRowLabel(text: string): string | null {
  const m = /^\s*(?:其中[:：,，、]?|含[:：]|[—\-－·•]+\s*)(.+)$/.exec(text);
  if (m && m[1].trim()) return m[1].trim();
  return null;
}

/** A bare word of at most four characters once spaces and punctuation go (`受理数`): generic under a parent row. */
export const isShortWord = remembered(function isShortWord(text: string): boolean {
  return squeeze(text).replace(/[：:，,。]/g, '').length <= 4;
});

/** `合计`, `总计`, `全县合计` … */
export const isTotalText = remembered(function isTotalText(text: string): boolean {
  const t = squeeze(text);
  return /^(合计|总计|合\s*计|总\s*计|全县合计|全区合计|全县|全区|全市合计|汇总|总数)$/.test(t) || /^(全[县区市])?(合计|总计)/.test(t);
});

/** Section words that name the text parts of the report. */
export const TEXT_SHEET_NAME =
  /(存在.{0,3}问题|问题|不足|短板|下步|下一步|下一年|工作安排|安排|计划|打算|思路|举措|措施|做法|亮点|成效|经验|其他需要报告|其他情况|工作情况|文字)/;

/** A header cell that announces a list of text items. */
export const TEXT_HEADER =
  /^(存在.{0,3}(问题|不足)|主要问题|问题|问题及原因|存在的不足.*|不足之处|下步.*(安排|计划|打算|措施)|下一步.*(安排|计划|打算|措施|工作)|下一年度.*|工作(安排|计划|打算|思路)|主要(举措|做法|措施|成效)|具体(措施|做法|内容|问题)|工作举措|举措|措施|整改(措施|情况|方向|举措|时限)|原因|原因分析|存在原因|主要原因|具体表现|其他需要报告的情况)$/;

/** Template-ish sheets extraction ignores entirely. */
export function isTemplateSheet(name: string): boolean {
  return /报告模板|模板$|^模板|填表说明|填报说明|使用说明/.test(squeeze(name));
}

/** The unit words sheets use (for telling `件` from a figure when no header says so): defined once, in value.ts. */
export const UNIT_WORDS = TABLE_UNIT_WORDS;
