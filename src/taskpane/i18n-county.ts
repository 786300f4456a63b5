/** The pane's words for 汇总各乡镇 (issue 14), spread into i18n.ts. Why it is not offered comes from the core, in Chinese. */
export const COUNTY_ZH = {
  county: '汇总各乡镇',
  countyOffer: (kind: 'summary' | 'sheets', townships: string[]) => {
    const names = townships.length > 5 ? `${townships.slice(0, 5).join('、')}等${townships.length}个乡镇` : `${townships.join('、')}${townships.length}个乡镇`;
    return `${kind === 'summary' ? '本工作簿的汇总表有' : '本工作簿每个乡镇一张工作表：'}${names}。汇总后写入“审核情况”“汇总表”“汇总报告文稿”和“审核明细”，各乡镇的表不会改动。`;
  },
  countyNotOffered: (reason: string) => `不能汇总各乡镇：${reason}`,
  countyWritten: (sheets: string, counted: number) => `已汇总${counted}个乡镇，写入：${sheets}。再次汇总会整体替换这些表，“清除结果”可删除它们。`,
  countyNotesLeftOut: (n: number) => `此版本的 Excel 不支持批注，“汇总表”中${n}个单元格的来源说明没有写入（“来源文件”列仍写明了文件）。`,
};

export type CountyStrings = typeof COUNTY_ZH;

export const COUNTY_EN: CountyStrings = {
  county: 'Consolidate townships',
  countyOffer: (kind, townships) => {
    const names = townships.length > 5 ? `${townships.slice(0, 5).join(', ')} and ${townships.length - 5} more` : townships.join(', ');
    return `${kind === 'summary' ? 'This workbook’s summary sheet has' : 'This workbook has one sheet per township:'} ${names}. Consolidating writes 审核情况, 汇总表, 汇总报告文稿 and 审核明细; the townships’ sheets are not changed.`;
  },
  countyNotOffered: (reason) => `Cannot consolidate townships: ${reason}`,
  countyWritten: (sheets, counted) => `${counted} townships consolidated into: ${sheets}. Consolidating again replaces these sheets; “Clear results” removes them.`,
  countyNotesLeftOut: (n) => `This version of Excel cannot write notes: the sources of ${n} cells of 汇总表 were left out (the 来源文件 column still names each file).`,
};
