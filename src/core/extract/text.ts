/**
 * Text sheets (`存在问题`, `下步安排`, `主要举措` …): one TextItem per non-empty row, numbering stripped.
 */
import { a1 } from '../address';
import { headingLevel, sectionOfHeading } from '../match';
import type { SectionId } from '../types';
import { isIdentityRow, type Acc } from './layouts';
import type { SheetView } from './sheet';
import { squeeze } from './sheet';
import { headerRole, identityKey, isNotesText, isSeqOnly, TEXT_HEADER, TEXT_SHEET_NAME } from './words';

/** The section a text sheet's name or header announces. */
export function textSection(text: string): SectionId | null {
  const s = sectionOfHeading(text);
  if (s) return s;
  const t = squeeze(text);
  if (/问题|不足|短板/.test(t)) return 'shortcomings';
  if (/下步|下一步|下一年|安排|计划|打算|思路/.test(t)) return 'plans';
  return null;
}

/**
 * A category word of a text sheet kept as `类别 | 内容` (`存在问题`, `下步安排`, `其他`), or the prefix of an item
 * (`存在问题：…`): the part of the report its items belong to; null for anything else.
 */
const CATEGORY =
  /^(?:(?:存在的?|主要|突出)?(?:主要)?(?:问题|不足|短板)(?:和原因|及原因|及不足)?|存在(?:的)?(?:困难|差距)|不足之处|原因分析|(?:下步|下一步|今后|下一年度|明年)(?:工作)?(?:的)?(?:安排|计划|打算|措施|思路|举措|重点)?|(?:工作|主要)(?:安排|计划|打算|思路)|其他(?:事项|情况|工作|需要报告的情况|需报告事项)?)$/;

export function categorySection(text: string): SectionId | null {
  const t = squeeze(text).replace(/[:：]+$/, '');
  if (!t || t.length > 14 || !CATEGORY.test(t)) return null;
  if (/^其他/.test(t)) return 'other';
  if (/问题|不足|短板|困难|差距|原因/.test(t)) return 'shortcomings';
  return 'plans';
}

/** `存在问题：执法人员力量薄弱…` → the category's section and the item without it. */
function categoryPrefix(text: string): { section: SectionId; text: string } | null {
  const m = /^\s*([^：:，,。；;]{1,14})[：:]\s*(\S[\s\S]*)$/.exec(text);
  if (!m) return null;
  const section = categorySection(m[1]);
  return section ? { section, text: m[2].trim() } : null;
}

/** Is this sheet a list of text items? By its name, or by a header such as `存在的问题` near the top. */
export function isTextSheet(view: SheetView): boolean {
  let textRows = 0;
  let figureRows = 0;
  let header = false;
  const end = Math.min(view.rowEnd, view.rowStart + 300);
  let seen = 0;
  for (let r = view.rowStart; r <= end; r++) {
    const cols = view.nonEmpty(r);
    if (!cols.length) continue;
    seen++;
    if (seen <= 4 && cols.some((c) => TEXT_HEADER.test(squeeze(view.text(r, c)).replace(/^[一二三四五六七八九十]+[、.．]/, '')))) header = true;
    const rest = cols.filter((c, i) => !(i === 0 && isSeqOnly(view.text(r, c))));
    if (rest.some((c) => typeof view.raw(r, c) === 'number')) figureRows++;
    else if (rest.length) textRows++;
  }
  if (!header && !TEXT_SHEET_NAME.test(squeeze(view.name))) return false;
  return textRows > 0 && figureRows <= Math.max(1, textRows * 0.2);
}

/** Read a whole text sheet. */
export function readTextSheet(acc: Acc, view: SheetView, titleRows: Set<number>): void {
  let section: SectionId = textSection(view.name) ?? 'other';
  let first = true;
  /** The column a `类别 | 内容` sheet keeps its categories in (merged down its group, or one per row). */
  let catCol: number | null = null;
  for (let r = view.rowStart; r <= view.rowEnd; r++) {
    const cols = view.nonEmpty(r);
    if (!cols.length) continue;
    if (isIdentityRow(acc, view, r)) continue;
    let parts = cols.filter((c) => !isSeqOnly(view.text(r, c)));
    if (!parts.length) continue;
    let texts = parts.map((c) => view.text(r, c));
    // a merged title or item whose text was copied into every cell it covered (WPS 取消合并并填充内容): one cell
    if (parts.length > 1 && view.repeatedRun(r)) {
      parts = [parts[0]];
      texts = [texts[0]];
    }
    const joined = texts.join('；');
    // `下一年度安排：…` names a category, not the 报告年度
    if (isNotesText(texts[0]) || (identityKey(texts[0]) && !categoryPrefix(texts[0]))) continue;
    // the header row (`序号 | 存在的问题`) and the title announce the section, they are not items
    const short = joined.length <= 30;
    const allHeader = texts.every((t) => {
      const role = headerRole(t);
      return (role && role.kind !== 'other') || TEXT_HEADER.test(squeeze(t));
    });
    const numbered = headingLevel(texts[0]).style !== null;
    const titleLike = first && short && !numbered && !/[。；;！!，,]/.test(joined) && isTextPart(textSection(joined));
    // `存在问题：执法人员力量薄弱…` (before the header test: `下一年度安排：…` is no header)
    const prefixed = parts.length === 1 ? categoryPrefix(texts[0]) : null;
    if (prefixed && !titleRows.has(r)) {
      section = prefixed.section;
      first = false;
      pushItem(acc, view, section, prefixed.text, r, parts[0]);
      continue;
    }
    // `存在问题 | 执法人员力量薄弱…`: the category sorts the item into its part and is not part of it
    if (parts.length >= 2 && categorySection(texts[0]) && !allHeader && !titleRows.has(r)) {
      section = categorySection(texts[0])!;
      catCol = parts[0];
      first = false;
      pushItem(acc, view, section, texts.slice(1).join('；'), r, parts[1]);
      continue;
    }
    if (titleRows.has(r) || (short && allHeader) || titleLike) {
      const s = textSection(joined);
      if (s) section = s;
      first = false;
      continue;
    }
    first = false;
    // the category merged down over its rows: this row's cell of the category column is covered
    if (catCol !== null && !parts.includes(catCol) && view.covered(r, catCol)) {
      const s = categorySection(view.filled(r, catCol));
      if (s) section = s;
    }
    // a category alone on its row (often merged across) opens its part: `下步安排`
    if (parts.length === 1 && categorySection(texts[0]) && !/[。；;！!，,]/.test(texts[0])) {
      section = categorySection(texts[0])!;
      continue;
    }
    // a numbered short line naming a section is a heading inside the list
    const h = headingLevel(texts[0]).style;
    if (texts[0].length <= 20 && !/[。；;！!]$/.test(texts[0]) && (h === '一、' || h === '（一）') && parts.length === 1) {
      const s = textSection(texts[0]);
      if (s) {
        section = s;
        acc.headings.push({ text: texts[0], sheet: view.name, cell: a1(r, parts[0]) });
        continue;
      }
    }
    pushItem(acc, view, section, texts.length === 1 ? texts[0] : texts.join('；'), r, parts[0]);
  }
}

function pushItem(acc: Acc, view: SheetView, section: SectionId, body: string, r: number, c: number): void {
  const pushed = body.trim();
  if (!pushed) return;
  acc.texts.push({ section, text: stripItemNumbering(pushed), sheet: view.name, cell: a1(r, c) });
}

function isTextPart(s: SectionId | null): boolean {
  return s === 'shortcomings' || s === 'plans' || s === 'other';
}

function stripItemNumbering(t: string): string {
  // one level only: `一是…` `1、…` `（一）…`; a second mark is part of the text
  const m = /^\s*(?:[一二三四五六七八九十]+是[：:，,、]?|[一二三四五六七八九十]+[、.．，,]|[（(][一二三四五六七八九十\d]{1,3}[)）][、.．]?|\d{1,3}[、．.](?!\d)|\d{1,3}[)）]|[①②③④⑤⑥⑦⑧⑨⑩]|第[一二三四五六七八九十]+[，,、：:]|首先[，,：:]?|其次[，,：:]?|最后[，,：:]?)\s*/.exec(t);
  if (m && m[0].length < t.length) return t.slice(m[0].length).trim();
  return t;
}
