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
  for (let r = view.rowStart; r <= view.rowEnd; r++) {
    const cols = view.nonEmpty(r);
    if (!cols.length) continue;
    if (isIdentityRow(acc, view, r)) continue;
    const parts = cols.filter((c) => !isSeqOnly(view.text(r, c)));
    if (!parts.length) continue;
    const texts = parts.map((c) => view.text(r, c));
    const joined = texts.join('；');
    if (isNotesText(texts[0]) || identityKey(texts[0])) continue;
    // the header row (`序号 | 存在的问题`) and the title announce the section, they are not items
    const short = joined.length <= 30;
    const allHeader = texts.every((t) => {
      const role = headerRole(t);
      return (role && role.kind !== 'other') || TEXT_HEADER.test(squeeze(t));
    });
    const numbered = headingLevel(texts[0]).style !== null;
    const titleLike = first && short && !numbered && !/[。；;！!，,]/.test(joined) && isTextPart(textSection(joined));
    if (titleRows.has(r) || (short && allHeader) || titleLike) {
      const s = textSection(joined);
      if (s) section = s;
      first = false;
      continue;
    }
    first = false;
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
    const body = texts.length === 1 ? texts[0] : texts.join('；');
    const pushed = body.trim();
    if (!pushed) continue;
    acc.texts.push({ section, text: stripItemNumbering(pushed), sheet: view.name, cell: a1(r, parts[0]) });
  }
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
