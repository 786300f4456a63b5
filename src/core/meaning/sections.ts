/** Section rows, sheet names and report headings → the report section they open. One vocabulary for the project. */
import type { SectionId } from '../types';
import { PUNCT, stripNumbering } from './normalize';

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
  // no try/catch: nothing in here throws for a string, so one would only turn a bug into “no section”; a bug reaches
  // the sheet's reading and is said there (sheet-unreadable)
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
}

