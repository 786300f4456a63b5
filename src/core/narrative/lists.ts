/** Numbering and lists as the reports write them (`一、`, `一是……；二是……。`); light, so the copy and the notes can use it. */

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (1…99). */
export function chineseOrdinal(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const t = Math.floor(n / 10);
  const u = n % 10;
  return `${t === 1 ? '' : CN_DIGITS[t]}十${u ? CN_DIGITS[u] : ''}`;
}

/** Strip a list item's own numbering (`1、`, `（一）`, `一是`, `①`) and its trailing punctuation. */
export function cleanItem(text: string): string {
  return text
    .trim()
    .replace(/\s*[\r\n]+\s*/g, '')
    .replace(/^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+是|[一二三四五六七八九十\d]+\s*(?:、|[.．](?!\d))|[①②③④⑤⑥⑦⑧⑨⑩])\s*/, '')
    .replace(/[\s。；;，,、]+$/, '')
    .trim();
}

/** `一是……；二是……；三是……。` (a single item is just a sentence). */
export function enumerate(items: string[]): string {
  const clean = items.map(cleanItem).filter(Boolean);
  if (clean.length === 0) return '';
  if (clean.length === 1) return `${clean[0]}。`;
  return `${clean.map((t, i) => `${chineseOrdinal(i + 1)}是${t}`).join('；')}。`;
}
