/**
 * The pane's strings: Simplified Chinese by default, English when the host's display language is English.
 * Finding messages and the report come from the core and stay in Chinese (they are the township's own text).
 */
import { createContext, useContext } from 'react';

export type Locale = 'zh-CN' | 'en-US';

const zh = {
  appTitle: '指标审核助手',
  intro: '检查工作簿中各项指标的数字是否前后一致，指出有问题的单元格，并起草报告文稿。',
  check: '检查工作簿',
  recheck: '重新检查',
  reading: '正在读取工作簿…',
  readingProgress: (done: number, total: number) => `正在读取工作簿（${done}/${total}）…`,
  checking: '正在检查…',
  applying: '正在写入…',
  summary: '检查摘要',
  countError: '错误',
  countVerify: '待核实',
  countHint: '提示',
  countExplained: '已说明',
  noFindings: '未发现问题：所有指标均一致。',
  findings: '检查结果',
  groupError: '错误（必须更正）',
  groupVerify: '待核实（可说明）',
  groupHint: '提示',
  groupExplained: '已说明',
  selectHint: '点击某条结果可定位到对应单元格。',
  // scanning the findings (issue 16): filters, grouping, the ‹ 3 / 20 › bar
  navLabel: '逐条查看检查结果',
  navPrev: '上一条',
  navNext: '下一条',
  navPosition: (i: number, n: number) => `${i} / ${n}`,
  navKeys: '↑/↓ 移动，Enter 定位到单元格。',
  groupBy: '分组',
  bySeverity: '按严重程度',
  bySheet: '按工作表',
  wholeWorkbook: '全工作簿',
  cellsInvolved: (refs: string) => `涉及单元格：${refs}`,
  filterOnly: (label: string) => `只看${label}`,
  filterShown: (label: string, n: number, total: number) => `只显示${label}（${n}/${total}），再点一次显示全部。`,
  explain: '填写说明',
  editExplanation: '修改说明',
  hiddenSheet: { hidden: '（隐藏工作表）', veryHidden: '（深度隐藏工作表）' },
  checkHidden: '一并检查隐藏的工作表',
  checkHiddenHelp: (list: string) => `工作簿含隐藏工作表${list}；其中的问题已注明“隐藏工作表”。关闭后不检查这些工作表。`,
  hiddenKind: { hidden: '（隐藏）', veryHidden: '（深度隐藏，Excel 界面中无法取消隐藏）' },
  explanationLabel: '审核说明',
  explanationHelp: '说明该数据为何属实（例如：统计口径不同、已核对原始台账）。',
  explanationEmpty: '请先填写说明再保存。',
  save: '保存说明',
  cancel: '取消',
  explanationSaved: '说明已保存到“审核说明”表。',
  explanationOf: (text: string) => `说明：${text}`,
  placeQuestion: '这一行是：',
  readAs: '指标识别依据',
  relabelLabel: (label: string) => `“${label}”识别有误？改为：`,
  relabel: '改为此指标',
  placeAs: (name: string) => `是“${name}”`,
  placeHelp: '选定后记入“指标对照”表，以后每次审核都按此识别。',
  placementSaved: (label: string, name: string) => `已记入“指标对照”：“${label}”即“${name}”，并已重新审核。`,
  actions: '操作',
  mark: '标记到单元格',
  unmark: '清除标记',
  marked: (n: number) => `已在 ${n} 个单元格上标记。`,
  unmarked: '已清除全部标记。',
  writeResults: '写入结果表',
  clearResults: '清除结果',
  resultsCleared: '已删除结果表和标记；“审核说明”表保留。',
  resultsWritten: (sheets: string) => `已写入：${sheets}。`,
  report: '报告文稿预览',
  reportEmpty: '工作簿中没有可生成文稿的指标。',
  reportPreviewCapped: (shown: number, total: number) =>
    `预览只显示文稿的前 ${shown} 字（全文 ${total} 字）；“复制”和下载的报告包含全文。`,
  copy: '复制',
  copied: '已复制，可直接粘贴到 Word。',
  copyFailed: '无法访问剪贴板，请选中文稿后按 Ctrl+C 复制。',
  errorTitle: '操作未完成',
  dismiss: '关闭',
  genericError: (detail: string) => `操作未能完成：${detail}`,
  unknownError: '操作未能完成，工作簿未被修改。请重试。',
  reportFailed: '报告文稿暂时无法生成；检查结果仍然有效。',
  workbookTemplates: '采用工作簿中的“报告模板”表',
  workbookTemplatesHelp: '报告句式应由县里统一提供；只有确认这张表是县里下发的，才采用它。',
  notInExcel: '请在 Excel 中打开此加载项。',
  hostTooOld: (version: string) =>
    `此版本的 Excel 不支持本加载项所需的接口（ExcelApi ${version}）。请使用 Microsoft 365、Excel 2021 或更新版本、网页版 Excel，或改用本工具的网页版处理文件。`,
};

export type Strings = typeof zh;

const en: Strings = {
  appTitle: 'Indicator Desk',
  intro: 'Checks that the indicator figures in this workbook agree with each other, points to the cells with problems and drafts the report.',
  check: 'Check workbook',
  recheck: 'Check again',
  reading: 'Reading the workbook…',
  readingProgress: (done, total) => `Reading the workbook (${done}/${total})…`,
  checking: 'Checking…',
  applying: 'Writing…',
  summary: 'Summary',
  countError: 'Errors',
  countVerify: 'To verify',
  countHint: 'Hints',
  countExplained: 'Explained',
  noFindings: 'No problems found: all indicators are consistent.',
  findings: 'Findings',
  groupError: 'Errors (must be corrected)',
  groupVerify: 'To verify (may be explained)',
  groupHint: 'Hints',
  groupExplained: 'Explained',
  selectHint: 'Select a finding to go to its cell.',
  navLabel: 'Step through the findings',
  navPrev: 'Previous finding',
  navNext: 'Next finding',
  navPosition: (i, n) => `${i} / ${n}`,
  navKeys: '↑/↓ to move, Enter to go to the cell.',
  groupBy: 'Group',
  bySeverity: 'By severity',
  bySheet: 'By sheet',
  wholeWorkbook: 'Whole workbook',
  cellsInvolved: (refs) => `Cells involved: ${refs}`,
  filterOnly: (label) => `Show only ${label}`,
  filterShown: (label, n, total) => `Showing only ${label} (${n} of ${total}); select again to show all.`,
  explain: 'Explain',
  editExplanation: 'Edit explanation',
  hiddenSheet: { hidden: ' (hidden sheet)', veryHidden: ' (very hidden sheet)' },
  checkHidden: 'Check hidden sheets too',
  checkHiddenHelp: (list: string) => `This workbook has hidden sheets: ${list}. Findings there say so. Turn off to leave them out.`,
  hiddenKind: { hidden: ' (hidden)', veryHidden: " (very hidden: Excel's interface cannot unhide it)" },
  explanationLabel: 'Explanation',
  explanationHelp: 'Say why the figure stands (e.g. a different scope, checked against the ledger).',
  explanationEmpty: 'Write an explanation before saving.',
  save: 'Save explanation',
  cancel: 'Cancel',
  explanationSaved: 'The explanation was saved in the 审核说明 sheet.',
  placeQuestion: 'This row is:',
  readAs: 'How the labels were read',
  relabelLabel: (label: string) => `“${label}” read wrongly? Change to:`,
  relabel: 'Change',
  placeAs: (name: string) => `“${name}”`,
  placeHelp: 'Your choice is kept in the 指标对照 sheet and used at every later check.',
  placementSaved: (label: string, name: string) => `Saved in 指标对照: “${label}” is “${name}”; checked again.`,
  explanationOf: (text) => `Explanation: ${text}`,
  actions: 'Actions',
  mark: 'Mark cells',
  unmark: 'Clear marks',
  marked: (n) => `Marked ${n} cells.`,
  unmarked: 'All marks cleared.',
  writeResults: 'Write result sheets',
  clearResults: 'Remove results',
  resultsCleared: 'Result sheets and marks removed; the 审核说明 sheet is kept.',
  resultsWritten: (sheets) => `Written: ${sheets}.`,
  report: 'Report draft',
  reportEmpty: 'The workbook has no indicators to draft a report from.',
  reportPreviewCapped: (shown, total) =>
    `The preview shows the first ${shown} of ${total} characters; Copy and the downloaded report hold the whole text.`,
  copy: 'Copy',
  copied: 'Copied: paste it into Word.',
  copyFailed: 'The clipboard is not available; select the text and press Ctrl+C.',
  errorTitle: 'Not done',
  dismiss: 'Dismiss',
  genericError: (detail) => `The operation could not be completed: ${detail}`,
  unknownError: 'The operation could not be completed; the workbook was not changed. Please try again.',
  reportFailed: 'The report draft could not be generated; the findings are still valid.',
  workbookTemplates: 'Use the 报告模板 (report templates) sheet in this workbook',
  workbookTemplatesHelp: 'Report wording comes from the county; use this sheet only if the county issued it.',
  notInExcel: 'Open this add-in in Excel.',
  hostTooOld: (version) =>
    `This version of Excel lacks the API this add-in needs (ExcelApi ${version}). Use Microsoft 365, Excel 2021 or later, Excel on the web, or the tool's web page.`,
};

export const STRINGS: Record<Locale, Strings> = { 'zh-CN': zh, 'en-US': en };

/** English when the language tag starts with `en`, Chinese otherwise (the default). */
export function pickLocale(language: string | null | undefined): Locale {
  return typeof language === 'string' && /^en\b/i.test(language.trim()) ? 'en-US' : 'zh-CN';
}

export function stringsFor(language: string | null | undefined): Strings {
  return STRINGS[pickLocale(language)];
}

export const StringsContext = createContext<Strings>(zh);

export function useStrings(): Strings {
  return useContext(StringsContext);
}
