/**
 * The one value parser: every cell the tool reads goes through `parseValue`. Pure, never throws, linear time.
 *
 * What it understands (see test/core/value.test.ts):
 * - absent: blank, `—`, `/`, `无`, `暂无`, `N/A` … (a blank is not zero; `0` and `0件` are numbers)
 * - formula errors (`{error:'#DIV/0!'}` or the code written as text)
 * - numbers with their Excel number format: dates, percents (`0.0%`), plain
 * - strings: full-width forms, thousands separators, units (`37件`), 万/亿 scaling (`1.3万元` → 13000 元),
 *   approximation markers (`近`, `约`, `不少于`, `余`, `多`, `以上`; `超过`/`逾` → `以上`, `左右` → `约`),
 *   Chinese numerals (`二十余件`, `百余次`), percents (`98%`, `百分之九十八`), coverage words (`全覆盖`),
 *   yes/no words (`是`, `已成立`, `√`, `否`, `×`), dates written as text.
 */
import type { ApproxMarker, Cell, IndicatorKind, ParseContext, ParsedValue } from './types';
import { clean, evalNumeral, isNumeralChar, parseChineseNumber as parseCn } from './numerals';
import { roundHalfUp } from './rate';

export { parseChineseNumber } from './numerals';

/** Excel error codes, as text or from the host. */
export const ERROR_CODES = ['#DIV/0!', '#REF!', '#N/A', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#PYTHON!'];
const ERROR_SET = new Set(ERROR_CODES);

/** Words that mean "nothing reported" (compared after NFKC, spaces removed, upper-cased). */
const ABSENT_WORDS = new Set(['', '无', '空', '暂无', '没有数据', '无数据', 'N/A', 'NA', '不适用', '空白', '(空)', '(无)']);
/** A cell made only of dashes, slashes, dots: `—`, `——`, `-`, `/`, `／`, `--`, `…`. */
const ABSENT_CHARS = /^[-—–―‐‑‒−─━/\\.。·…_~]+$/;

const YES_WORDS = new Set(['是', '有', '已', '已开展', '已成立', '已建立', '已落实', '已完成', '完成', '已设立', '已组建', '已配备', '已实现', '已召开', '已述法', '√', '✓', '✔', '☑', 'Y', 'YES', 'TRUE', '对']);
const NO_WORDS = new Set(['否', '未', '未开展', '未成立', '未建立', '未落实', '未完成', '没有', '尚未', '×', '✗', '✘', '☒', 'N', 'NO', 'FALSE', '不是']);

/** Coverage claims: read as 100 %, flagged `coverage` so a rule can test them against the counts. */
const COVERAGE_WORDS = new Set(['全覆盖', '实现全覆盖', '已全覆盖', '已实现全覆盖', '全部覆盖', '全面覆盖', '全部', '全部配备', '已全部配备', '100%全覆盖', '100%覆盖', '覆盖率100%', '100%全部覆盖']);

/** Units met after a figure, longest first when matched. */
const UNITS = [
  '平方米', '人/次', '小时', '公里', '千米', '人次', '件次', '家次', '户次', '场次', '批次', '册次', '期次', '课时', '元', '人', '件', '份', '幅', '次', '场',
  '个', '名', '条', '期', '支', '家', '项', '处', '起', '册', '本', '张', '户', '位', '间', '天', '年', '月', '日', '篇', '所',
  '座', '块', '套', '台', '辆', '米', '宗', '例', '类', '轮', '堂', '节', '批', '组', '队', '部', '封', '页', '课', '余人',
].filter((u) => u !== '余人').sort((a, b) => b.length - a.length);

/** Unit words the parser recognises after a figure (longest first). */
export const UNIT_WORDS: readonly string[] = UNITS;

/**
 * Every unit word a table's 单位 column or a label's brackets may hold: the units after a figure, money, percent,
 * 万-units and the yes/no and dash marks. The one list; extraction and label reading use it.
 */
export const TABLE_UNIT_WORDS: ReadonlySet<string> = new Set([
  // 年/月/日 follow a figure as a date, not as a unit of an indicator
  ...UNITS.filter((u) => u !== '年' && u !== '月' && u !== '日'),
  '村',
  '%', '％', '‰', '万元', '千元', '亿元', '万人', '万人次', '万份', '万', '是/否', '是否', '—', '-',
]);

/** Prefixes that carry no meaning for the figure (`共37件`, `全年37件`). */
const FILLER_PREFIXES = ['共计', '合计', '总计', '累计', '全年', '共', '计'];
/** Prefix approximation markers, longest first; value is the marker recorded. */
const PREFIX_MARKERS: [string, ApproxMarker][] = [
  ['不少于', '不少于'], ['不低于', '不少于'], ['至少', '不少于'], ['大约', '约'], ['超过', '以上'], ['多于', '以上'], ['约', '约'], ['近', '近'], ['逾', '以上'], ['将近', '近'], ['接近', '近'],
].sort((a, b) => b[0].length - a[0].length) as [string, ApproxMarker][];
/** Suffix markers after the unit. */
const SUFFIX_MARKERS: [string, ApproxMarker][] = [['以上', '以上'], ['左右', '约'], ['上下', '约'], ['余', '余'], ['多', '多']];

/** Longest string a value cell can plausibly hold as a figure; beyond it the cell is text. */
const MAX_FIGURE_LENGTH = 60;

function base(kind: ParsedValue['kind'], value: ParsedValue['value'], raw: string): ParsedValue {
  return { kind, value, approx: null, markers: [], unit: null, wan: false, decimals: null, coverage: false, raw };
}

function isCellError(cell: unknown): cell is { error: unknown } {
  return typeof cell === 'object' && cell !== null && 'error' in (cell as object);
}

/** A raw cell as the text a user sees: errors as their code, booleans as TRUE/FALSE, numbers as String(n). */
export function cellText(cell: Cell): string {
  try {
    if (cell === null || cell === undefined) return '';
    if (typeof cell === 'string') return cell;
    if (typeof cell === 'number') return Number.isFinite(cell) ? String(clean(cell)) : '';
    if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
    if (isCellError(cell)) return typeof cell.error === 'string' ? cell.error : '#VALUE!';
    return '';
  } catch {
    // only a hostile object (a throwing getter or proxy) gets here: no reader makes one, and any other object reads
    // as '' just above — the same answer, so nothing a real cell holds is lost
    return '';
  }
}

// ───────────────────────────── number formats ─────────────────────────────

/** The first section of a format with quoted text, `[..]` blocks, escapes and `_x`/`*x` padding removed. */
function formatCore(fmt: string): string {
  let out = '';
  let i = 0;
  const n = Math.min(fmt.length, 300);
  while (i < n) {
    const c = fmt[i];
    if (c === ';') break;
    if (c === '"') {
      const j = fmt.indexOf('"', i + 1);
      i = j < 0 ? n : j + 1;
      continue;
    }
    if (c === '[') {
      const j = fmt.indexOf(']', i + 1);
      i = j < 0 ? n : j + 1;
      continue;
    }
    if (c === '\\' || c === '_' || c === '*') {
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** A date/time format: y/m/d/h/s tokens outside quotes and brackets, or 年/月/日. */
export function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  const core = formatCore(fmt);
  if (/^general$/i.test(core.trim())) return false;
  return /[ymdhs年月日]/i.test(core.replace(/general/gi, '').replace(/[eE][+-]/g, ''));
}

export function isPercentFormat(fmt: string | null | undefined): boolean {
  return !!fmt && formatCore(fmt).includes('%');
}

/** Decimal places a format fixes (`0.0%` → 1, `#,##0.00` → 2, `0` → 0); null for General / no digits. */
export function formatDecimals(fmt: string | null | undefined): number | null {
  if (!fmt) return null;
  const core = formatCore(fmt);
  if (!/[0#?]/.test(core)) return null;
  const dot = core.indexOf('.');
  if (dot < 0) return 0;
  let d = 0;
  for (let i = dot + 1; i < core.length && /[0#?]/.test(core[i]); i++) d++;
  return d;
}

/** Days from 1899-12-30 (serial 0 of the 1900 system, past its fictitious 29 Feb) to 1904-01-01 (serial 0 of 1904). */
export const DAYS_1904 = 1462;

/**
 * Excel serial → `YYYY-MM-DD`; null when out of range. The 1900 system (the default) has its fictitious
 * 29 Feb 1900; in the 1904 system (`date1904`) serial 0 is 1 January 1904.
 */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  if (date1904) serial += DAYS_1904;
  if (serial >= 2958466) return null;
  const days = Math.floor(serial);
  if (days === 60) return '1900-02-29';
  const epoch = Date.UTC(1899, 11, days < 60 ? 31 : 30);
  const d = new Date(epoch + days * 86400000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Decimal places of a number as JavaScript prints it, float noise removed (94.6 → 1, 0.1+0.2 → 1). */
function digitsOf(n: number): number {
  const s = String(clean(n));
  const e = s.indexOf('e');
  if (e >= 0) {
    const mant = s.slice(0, e);
    const exp = Number(s.slice(e + 1));
    const dot = mant.indexOf('.');
    const md = dot < 0 ? 0 : mant.length - dot - 1;
    return Math.max(0, md - exp);
  }
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

const MAX_DECIMALS = 6;

function percentRaw(value: number, decimals: number | null): string {
  const d = Math.min(decimals ?? digitsOf(value), MAX_DECIMALS);
  if (Math.abs(value) >= 1e15) return `${value}%`;
  return `${roundHalfUp(value, d).toFixed(d)}%`;
}

function fromNumber(n: number, ctx: ParseContext): ParsedValue {
  if (!Number.isFinite(n)) return invalid(String(n), '单元格中的数值无效', ctx.expect);
  const fmt = ctx.numberFormat ?? null;
  if (isDateFormat(fmt)) {
    const iso = serialToIso(n, ctx.date1904 === true);
    if (iso === null) {
      const v = base('number', n, String(n));
      v.decimals = Math.min(digitsOf(n), MAX_DECIMALS);
      return v;
    }
    return base('date', iso, iso);
  }
  const fmtDec = formatDecimals(fmt);
  if (isPercentFormat(fmt)) {
    const value = clean(n * 100);
    const v = base('percent', value, '');
    v.decimals = fmtDec ?? Math.min(digitsOf(value), MAX_DECIMALS);
    v.raw = percentRaw(value, v.decimals);
    v.unit = '%';
    return v;
  }
  if (ctx.percentHeader || ctx.expect === 'rate') {
    const value = asPercent(n);
    const v = base('percent', value, '');
    // shown as 0.978 with `0.000` → 97.8 %: two of the displayed decimals went into the ×100
    const shown = fmtDec === null ? null : value === n ? fmtDec : Math.max(0, fmtDec - 2);
    v.decimals = shown ?? Math.min(digitsOf(value), MAX_DECIMALS);
    v.raw = percentRaw(value, v.decimals);
    v.unit = '%';
    return v;
  }
  const v = base('number', n, '');
  v.decimals = fmtDec ?? Math.min(digitsOf(n), MAX_DECIMALS);
  v.raw = fmtDec !== null ? n.toFixed(Math.min(fmtDec, 20)) : String(n);
  return v;
}

/**
 * A bare number in a column headed `%`/`率` (or for a rate indicator): a non-integer strictly between 0 and 1
 * is a fraction (0.98 → 98 %, 0.946 → 94.6 %); anything else is already in percent (98 → 98 %, 1 → 1 %, 0 → 0 %).
 */
function asPercent(n: number): number {
  return n > 0 && n < 1 ? clean(n * 100) : n;
}

function invalid(raw: string, reason: string, expect: IndicatorKind | undefined): ParsedValue {
  void expect;
  const v = base('invalid', null, raw);
  v.reason = reason;
  return v;
}

function numericExpected(expect: IndicatorKind | undefined): boolean {
  return expect === 'count' || expect === 'amount' || expect === 'rate';
}

/** Text that is not a figure: `text`, or `invalid` with a reason when a figure was expected. */
function notAFigure(raw: string, ctx: ParseContext, reason?: string): ParsedValue {
  if (numericExpected(ctx.expect)) {
    const shown = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
    return invalid(raw, reason ?? `“${shown}”无法识别为数值`, ctx.expect);
  }
  return base('text', raw, raw);
}

// ───────────────────────────── strings ─────────────────────────────

interface Figure {
  value: number;
  decimals: number;
  wan: boolean;
  markers: ApproxMarker[];
  unit: string | null;
  percent: boolean;
}

function pushMarker(markers: ApproxMarker[], m: ApproxMarker): void {
  if (!markers.includes(m)) markers.push(m);
}

/**
 * Scan `[filler][prefix markers][sign] numeral [余|多] [万|亿|千|百]* [余|多] [%] [unit [noun]] [余|多] [以上|左右]`.
 * Returns null unless the whole string is consumed.
 */
function scanFigure(t: string): Figure | null {
  const markers: ApproxMarker[] = [];
  let i = 0;
  // filler and prefix markers, in any order
  for (let guard = 0; guard < 6; guard++) {
    let moved = false;
    for (const f of FILLER_PREFIXES) {
      if (t.startsWith(f, i) && i + f.length < t.length) {
        // `计` must not swallow a figure's first character; fillers are never numerals.
        i += f.length;
        moved = true;
        break;
      }
    }
    for (const [p, m] of PREFIX_MARKERS) {
      if (t.startsWith(p, i)) {
        pushMarker(markers, m);
        i += p.length;
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  let sign = 1;
  if (t[i] === '-' || t[i] === '−') {
    sign = -1;
    i++;
  } else if (t[i] === '+') {
    i++;
  }
  // numeral core
  const start = i;
  while (i < t.length && isNumeralChar(t[i])) i++;
  let core = t.slice(start, i);
  // trailing comma/dot are punctuation, not part of the number
  while (core.length > 0 && (core.endsWith(',') || core.endsWith('.'))) {
    core = core.slice(0, -1);
    i--;
  }
  if (core.length === 0) return null;
  // `十余万`: a marker between the numeral and its 万
  const between = t[i];
  let extraScale = 1;
  let extraWan = false;
  if ((between === '余' || between === '多') && i + 1 < t.length && /[万萬亿億千百]/.test(t[i + 1])) {
    pushMarker(markers, between as ApproxMarker);
    i++;
    while (i < t.length && /[万萬亿億千百]/.test(t[i])) {
      const c = t[i];
      extraScale *= c === '万' || c === '萬' ? 1e4 : c === '亿' || c === '億' ? 1e8 : c === '千' ? 1e3 : 1e2;
      if (c === '万' || c === '萬') extraWan = true;
      i++;
    }
  }
  const num = evalNumeral(core);
  if (!num) return null;
  let value = clean(sign * num.value * extraScale);
  const wan = num.wan || extraWan;
  // 余/多 directly after the numeral
  if (t[i] === '余' || t[i] === '多') {
    pushMarker(markers, t[i] as ApproxMarker);
    i++;
  } else if (t[i] === '+' && !/[\d.]/.test(t[i + 1] ?? '')) {
    // `100+`, `100+场次`: a plus after the figure is 多 (`100多`), not a sum
    pushMarker(markers, '多');
    i++;
  }
  let percent = false;
  if (t[i] === '%' || t[i] === '‰') {
    if (t[i] === '‰') value = clean(value / 10);
    percent = true;
    i++;
  }
  let unit: string | null = null;
  if (!percent) {
    for (const u of UNITS) {
      if (t.startsWith(u, i)) {
        unit = u === '人/次' ? '人次' : u;
        i += u.length;
        break;
      }
    }
  }
  // suffix markers (`余`, `多`, `以上`, `左右`), and a short noun after a unit (`12个行政村`, `3次会议`)
  for (let guard = 0; guard < 4 && i < t.length; guard++) {
    let moved = false;
    for (const [s, m] of SUFFIX_MARKERS) {
      if (t.startsWith(s, i)) {
        pushMarker(markers, m);
        i += s.length;
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  if (i < t.length && unit !== null) {
    const rest = t.slice(i);
    if (rest.length <= 6 && /^[\u4e00-\u9fff()]+$/.test(rest) && !/[余多以上左右是否]/.test(rest)) i = t.length;
  }
  // trailing sentence punctuation
  while (i < t.length && /[。.，,；;！!]/.test(t[i])) i++;
  if (i !== t.length) return null;
  return { value, decimals: num.decimals, wan, markers, unit, percent };
}

/** Dates written as text: `2024年1月8日`, `2024-01-08`, `2024/1/8`, `2024.1.8`. */
function textDate(t: string): string | null {
  const m = /^(\d{4})(?:年|-|\/|\.)(\d{1,2})(?:月|-|\/|\.)(\d{1,2})日?$/.exec(t);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `20-30`, `20~30件`, `20至30`, `二十到三十`: both sides are figures. */
function asRange(t: string): boolean {
  for (let k = 1; k < t.length - 1; k++) {
    const c = t[k];
    if (c === '-' || c === '~' || c === '至' || c === '到' || c === '—' || c === '–' || c === '〜') {
      let j = k;
      while (j + 1 < t.length && t[j + 1] === c) j++;
      const left = t.slice(0, k);
      const right = t.slice(j + 1);
      if (scanFigure(left) && scanFigure(right)) return true;
      return false;
    }
  }
  return false;
}

function fromString(s: string, ctx: ParseContext): ParsedValue {
  const raw = s.trim();
  // NFKC: full-width digits, ％, ．, ，, brackets; then drop every kind of space inside.
  const norm = raw.normalize('NFKC').replace(/\s+/g, '');
  const upper = norm.toUpperCase();

  if (ABSENT_CHARS.test(norm) || norm === '') return base('absent', null, raw);
  if (norm === '无' || norm === '没有') {
    if (ctx.expect === 'yesno') return { ...base('yesno', false, raw) };
    if (norm === '无') return base('absent', null, raw);
  }
  if (ABSENT_WORDS.has(upper)) return base('absent', null, raw);
  if (ERROR_SET.has(upper)) return base('error', upper, raw);

  if (norm.length > MAX_FIGURE_LENGTH) return notAFigure(raw, ctx);

  const bare = upper.replace(/[。.!！]+$/, '');
  if (YES_WORDS.has(bare)) return base('yesno', true, raw);
  if (NO_WORDS.has(bare)) return base('yesno', false, raw);
  if (ctx.expect === 'yesno') {
    if (/^已[\u4e00-\u9fff]{1,4}$/.test(bare)) return base('yesno', true, raw);
    if (/^(未|没有|尚未)[\u4e00-\u9fff]{1,4}$/.test(bare)) return base('yesno', false, raw);
  }

  if (COVERAGE_WORDS.has(bare)) {
    const v = base('percent', 100, raw);
    v.coverage = true;
    v.decimals = 0;
    v.unit = '%';
    return v;
  }

  const date = textDate(norm);
  if (date) return base('date', date, raw);

  // 百分之九十八, 百分之94.6
  if (norm.startsWith('百分之')) {
    const f = scanFigure(norm.slice(3));
    if (f && !f.percent && f.unit === null) {
      const v = base('percent', f.value, raw);
      v.decimals = f.decimals;
      v.unit = '%';
      v.markers = f.markers;
      v.approx = f.markers[0] ?? null;
      return v;
    }
    return notAFigure(raw, ctx);
  }

  // a figure followed by a bracketed note: `37件（含电话咨询5件）` reads as 37 件
  let f = scanFigure(norm);
  if (!f) {
    const m = /^([^()[\]【】]+)(?:\([^()]*\)|\[[^[\]]*\]|【[^【】]*】)$/.exec(norm);
    if (m) f = scanFigure(m[1]);
  }
  if (!f) {
    if (asRange(norm)) {
      const shown = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
      return invalid(raw, `“${shown}”是一个范围，不是一个确定的数值`, ctx.expect);
    }
    return notAFigure(raw, ctx);
  }
  let kind: ParsedValue['kind'] = 'number';
  let value = f.value;
  let unit = f.unit;
  if (f.percent) {
    kind = 'percent';
    unit = '%';
  } else if (f.unit === null && (ctx.percentHeader || ctx.expect === 'rate') && !f.wan) {
    kind = 'percent';
    value = asPercent(f.value);
    unit = '%';
    const v = base(kind, value, raw);
    v.decimals = value === f.value ? f.decimals : Math.min(digitsOf(value), MAX_DECIMALS);
    v.markers = f.markers;
    v.approx = f.markers[0] ?? null;
    v.unit = unit;
    return v;
  }
  const v = base(kind, value, raw);
  v.decimals = Math.min(f.decimals, 10);
  v.markers = f.markers;
  v.approx = f.markers[0] ?? null;
  v.unit = unit;
  v.wan = f.wan;
  return v;
}

/** A figure too large for a double (`1e308` as a percent, `一亿亿亿…`) is not a figure. */
function finite(v: ParsedValue, ctx: ParseContext): ParsedValue {
  if ((v.kind === 'number' || v.kind === 'percent') && !Number.isFinite(v.value as number)) {
    const raw = v.raw === 'Infinity%' || v.raw === '-Infinity%' ? '' : v.raw;
    return invalid(raw, '数值超出可处理的范围', ctx.expect);
  }
  return v;
}

/** Read any raw cell as what it means. Never throws. */
export function parseValue(cell: Cell, ctx: ParseContext = {}): ParsedValue {
  const c: ParseContext = ctx && typeof ctx === 'object' ? ctx : {};
  try {
    if (cell === null || cell === undefined) return base('absent', null, '');
    if (typeof cell === 'boolean') return base('yesno', cell, cell ? 'TRUE' : 'FALSE');
    if (typeof cell === 'number') return finite(fromNumber(cell, c), c);
    if (typeof cell === 'string') return finite(fromString(cell, c), c);
    if (isCellError(cell)) {
      const code = typeof cell.error === 'string' && cell.error.trim() ? cell.error.trim().toUpperCase() : '#VALUE!';
      return base('error', code, code);
    }
    return notAFigure(cellText(cell), c);
  } catch {
    // never "nothing there": where a figure is expected the cell is `invalid` (an unparseable-value error at the
    // cell, 无法识别为数值); elsewhere it is the text it shows
    const raw = (() => {
      try {
        return cellText(cell).trim();
      } catch {
        return ''; // cellText does not throw (see there); this only keeps the fallback itself total
      }
    })();
    return numericExpected(c.expect) ? invalid(raw, '无法识别为数值', c.expect) : base('text', raw, raw);
  }
}

/** Internal helpers exported for tests and the extractor. */
export const _internal = { scanFigure, parseCn };
