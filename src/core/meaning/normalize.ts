/**
 * Label normalisation: full-width → half-width, numbering, brackets, quotes, punctuation, fillers and leading
 * periods removed. One place for the whole project (the meaning model, matching and extraction use it).
 */

export const CN_NUM = '一二三四五六七八九十百零〇两';
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
export const PUNCT = /[\s\p{P}\p{S}]/gu;
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

/** Strip leading numbering (`一、`, `（二）`, `3.`, `①`, `第一部分`) — up to three levels of it. */
export function stripNumbering(s: string): string {
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
  // no try/catch: nothing in here throws for a string, so one would only turn a bug into “an empty label”; a bug reaches
  // the sheet's reading and is said there (sheet-unreadable)
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
}

