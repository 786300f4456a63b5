/**
 * Chinese and Arabic numerals as written in township sheets: `二十`, `一百二十`, `百`, `两千`, `三万`,
 * `一千零五`, `二〇二三` (digit by digit), financial `壹贰叁…拾佰仟`, mixed `3千`, `1.3万`, full-width `３０`.
 * Pure functions, linear in the input, never throw.
 */

/** Digit characters → value. */
export const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, '○': 0,
  一: 1, 壹: 1, 幺: 1,
  二: 2, 贰: 2, 貳: 2, 两: 2, 兩: 2,
  三: 3, 叁: 3, 參: 3,
  四: 4, 肆: 4,
  五: 5, 伍: 5,
  六: 6, 陆: 6, 陸: 6,
  七: 7, 柒: 7,
  八: 8, 捌: 8,
  九: 9, 玖: 9,
};

/** Unit characters inside a section (below 万). */
export const CN_SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10, 拾: 10,
  百: 100, 佰: 100,
  千: 1000, 仟: 1000,
};

/** Section units. */
export const CN_BIG_UNITS: Readonly<Record<string, number>> = {
  万: 1e4, 萬: 1e4,
  亿: 1e8, 億: 1e8,
};

/** True for any character that can be part of a written number (Chinese numerals, ASCII digits, `.`, `,`). */
export function isNumeralChar(c: string): boolean {
  return (
    (c >= '0' && c <= '9') || c === '.' || c === ',' ||
    c in CN_DIGITS || c in CN_SMALL_UNITS || c in CN_BIG_UNITS
  );
}

/** Remove float noise from a computed figure (1.1 × 10000 → 11000, not 11000.000000000002). */
export function clean(x: number): number {
  if (Number.isSafeInteger(x)) return x === 0 ? 0 : x; // no noise to remove; skips a string round trip
  if (!Number.isFinite(x)) return x;
  const r = Number(x.toPrecision(15));
  if (!Number.isFinite(r)) return x; // 1.7976931348623157e308 rounds past the largest double: keep it as it is
  return Object.is(r, -0) ? 0 : r;
}

/** An Arabic number token: `1200`, `1,200`, `94.6`; thousands groups must be of three. */
const ARABIC = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

export interface NumeralResult {
  value: number;
  /** Decimal places written in the Arabic part (`1.3万` → 1); 0 for pure Chinese numerals. */
  decimals: number;
  /** Written with 万 (`3万`, `三万`, `1.3万`). */
  wan: boolean;
}

/**
 * Evaluate a complete numeral string (already NFKC-normalised, no spaces): Arabic, Chinese, or mixed.
 * Returns null when the string is not exactly one number.
 */
export function evalNumeral(s: string): NumeralResult | null {
  if (s.length === 0 || s.length > 40) return null;
  if (ARABIC.test(s)) {
    const dot = s.indexOf('.');
    return { value: Number(s.replace(/,/g, '')), decimals: dot < 0 ? 0 : s.length - dot - 1, wan: false };
  }
  // Digit-by-digit (`二〇二三`, `一二`): only digit characters, at least two of them.
  let allDigits = s.length >= 2;
  for (const c of s) {
    if (!(c in CN_DIGITS) || c === '两' || c === '兩') {
      allDigits = false;
      break;
    }
  }
  if (allDigits) {
    let v = 0;
    for (const c of s) v = v * 10 + CN_DIGITS[c];
    return { value: v, decimals: 0, wan: false };
  }

  let total = 0; // completed 亿 part
  let wanPart = 0; // completed 万 part (below 亿)
  let section = 0; // below 万
  let number: number | null = null; // pending digit (or Arabic token)
  let lastSmall = Infinity; // last small unit used in this section, must descend
  let decimals = 0;
  let wan = false;
  let seen = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || c === '.') {
      if (number !== null) return null;
      let j = i;
      while (j < s.length && ((s[j] >= '0' && s[j] <= '9') || s[j] === '.' || s[j] === ',')) j++;
      const tok = s.slice(i, j);
      if (!ARABIC.test(tok)) return null;
      const dot = tok.indexOf('.');
      decimals = Math.max(decimals, dot < 0 ? 0 : tok.length - dot - 1);
      number = Number(tok.replace(/,/g, ''));
      seen = true;
      i = j;
      continue;
    }
    if (c in CN_DIGITS) {
      const d = CN_DIGITS[c];
      if (d === 0) {
        // 零 is a placeholder inside a number (一千零五); it also ends any pending digit run.
        if (number !== null && number !== 0) return null;
        number = 0;
      } else {
        if (number !== null && number !== 0) return null; // two digits in a row: 三五十
        number = d;
      }
      seen = true;
      i++;
      continue;
    }
    if (c in CN_SMALL_UNITS) {
      const u = CN_SMALL_UNITS[c];
      if (u >= lastSmall) return null; // 十百, 百百
      // `十二`, `百`: a unit with no digit before it counts once (a 零 placeholder before it too).
      section += (number === null || number === 0 ? 1 : number) * u;
      lastSmall = u;
      number = null;
      seen = true;
      i++;
      continue;
    }
    if (c in CN_BIG_UNITS) {
      const u = CN_BIG_UNITS[c];
      const part = section + (number ?? 0);
      if (!seen) return null; // 万 alone is not a number here
      if (u === 1e4) {
        if (wan) return null; // 三万二万
        wanPart = part * 1e4;
        wan = true;
      } else {
        total = (total + wanPart + part) * 1e8;
        wanPart = 0;
        wan = false;
      }
      section = 0;
      number = null;
      lastSmall = Infinity;
      i++;
      continue;
    }
    return null;
  }
  if (!seen) return null;
  const value = clean(total + wanPart + section + (number ?? 0));
  return { value, decimals, wan: wan || /[万萬]/.test(s) };
}

/** `二十` → 20, `一百二十` → 120, `百` → 100, `３０` → 30, `1,200` → 1200; null when not a number. */
export function parseChineseNumber(s: string): number | null {
  // no try/catch: nothing in here throws for a string, so one would only turn a bug into “not a number”; a bug reaches
  // the sheet's reading and is said there (sheet-unreadable)
  if (typeof s !== 'string') return null;
  const t = s.normalize('NFKC').replace(/\s+/g, '');
  const r = evalNumeral(t);
  return r ? r.value : null;
}
