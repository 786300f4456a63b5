/**
 * Reading a label into facets with the lexicon: the longest known word at each place, left to right.
 * What no word explains is kept (`unknown`), because a word the tool does not understand may change the meaning
 * (`信访案件重复访数` is not 信访案件): such a label is never placed with confidence.
 */
import { LONGEST_WORD, WORDS, measureOfUnit, type Level, type Measure, type Scope, type WordSense } from './lexicon';

export interface Facets {
  /** Objects in the order written; the last one that can be counted is the head (`配备法律顾问的村` counts 村). */
  objects: string[];
  /** Objects that only qualify (`执法证`, `政府`). */
  mods: string[];
  stages: string[];
  /** The head object word does not say which of its kinds (`培训`). */
  vague: boolean;
  hint: string | null;
  measure: Measure | null;
  /** The measure word was the generic `数`. */
  generic: boolean;
  /** The measure came with an object word, not a measure word: the unit column may say otherwise. */
  soft: boolean;
  level: Level | null;
  levelPlus: boolean;
  scope: Scope | null;
  neg: boolean;
  timely: boolean;
  overdue: boolean;
  fresh: boolean;
  once: boolean;
  /** Text no word explains (joined runs), for messages: `重复访`. */
  unknown: string[];
  /** The words read, for `--explain`. */
  words: string[];
}

const NEUTRAL_CHAR = /[\s\p{P}\p{S}\d０-９a-zA-Z零〇一二三四五六七八九十百千两]/u;

/** Bracketed text: a unit, `社区` (widens 村 to 村（社区）), or a note to drop. */
const BRACKET = /[（(【[]([^（）()【】[\]]*)[）)】\]]/g;

/** Read a label. `text` is the label as written (brackets included). */
export function readFacets(text: string): Facets {
  const f: Facets = {
    objects: [],
    mods: [],
    stages: [],
    vague: false,
    hint: null,
    measure: null,
    generic: false,
    soft: false,
    level: null,
    levelPlus: false,
    scope: null,
    neg: false,
    timely: false,
    overdue: false,
    fresh: false,
    once: false,
    unknown: [],
    words: [],
  };
  if (typeof text !== 'string') return f;
  // 法制 is the older spelling of 法治 (`法制宣传教育`)
  let s = text.slice(0, 200).normalize('NFKC').replace(/法制/g, '法治');
  let bracketUnit: Measure | null = null;
  let bracketCommunity = false;
  s = s.replace(BRACKET, (_all, inner: string) => {
    const t = inner.replace(/\s+/g, '').replace(/^单位[:：]?/, '');
    const m = measureOfUnit(t);
    if (m) bracketUnit = m;
    else if (/^(社区|居|居委会|社区居委会|含社区)$/.test(t)) bracketCommunity = true;
    else if (/^(乡|镇|区|乡镇|街道|市|县)$/.test(t)) return ''; // `镇（乡）政府`, `县（区）级`
    // a level written after the name (`民主法治示范社区（省级）`) is read as if written before it; `（县级以上）` too,
    // which stays a nested count; anything more in the bracket (`（含省级）`, `（市级2个）`) is a note, dropped
    else if (WORDS.get(t.replace(/(?:及)?以上$/, ''))?.level) return ` ${t} `;
    return ' ';
  });
  // `县（区）级` is read above as `县级`; a level followed by 以上 is nested
  const chars = Array.from(s);
  let i = 0;
  let run = '';
  const flush = () => {
    if (run) f.unknown.push(run);
    run = '';
  };
  while (i < chars.length) {
    let sense: WordSense | undefined;
    let len = 0;
    for (let l = Math.min(LONGEST_WORD, chars.length - i); l >= 1; l--) {
      const w = chars.slice(i, i + l).join('');
      const hit = WORDS.get(w);
      if (hit) {
        sense = hit;
        len = l;
        break;
      }
    }
    if (!sense) {
      const c = chars[i];
      if (NEUTRAL_CHAR.test(c)) flush();
      else run += c;
      i++;
      continue;
    }
    flush();
    const word = chars.slice(i, i + len).join('');
    f.words.push(word);
    i += len;
    apply(f, sense);
    if (sense.level && /^(及以上|以上|以下)/.test(chars.slice(i, i + 3).join(''))) f.levelPlus = true;
  }
  flush();
  if (bracketCommunity && f.scope === 'village') f.scope = 'both';
  if (bracketUnit && !f.measure) f.measure = bracketUnit;
  return f;
}

function apply(f: Facets, s: WordSense): void {
  if (s.filler) return;
  if (s.object) {
    if (s.modOnly) {
      if (!f.mods.includes(s.object)) f.mods.push(s.object);
    } else {
      f.objects.push(s.object);
      f.vague = !!s.vague;
    }
  }
  if (s.vague && !s.object && f.objects.length === 0) f.vague = true;
  if (s.stage && !f.stages.includes(s.stage)) f.stages.push(s.stage);
  if (s.hint && !f.hint) f.hint = s.hint;
  if (s.measure) {
    // a measure word wins over the generic `数` and over what an object word implies; a rate word over all
    if (!f.measure || f.soft || (f.generic && !s.generic) || s.measure === 'rate') {
      f.measure = s.measure;
      f.generic = !!s.generic;
      // a measure an object word carries (`志愿者` counts people) gives way to the unit column (`普法志愿者 | 支`)
      f.soft = !!s.object;
    }
  }
  if (s.level) f.level = s.level;
  if (s.scope) f.scope = f.scope && f.scope !== s.scope ? 'both' : s.scope;
  if (s.neg) f.neg = true;
  if (s.timely) f.timely = true;
  if (s.overdue) f.overdue = true;
  if (s.fresh) f.fresh = true;
  if (s.once) f.once = true;
}

/** The head object: the last object that can be counted. */
export function headOf(f: Facets): string | null {
  return f.objects.length ? f.objects[f.objects.length - 1] : null;
}
