/** Strings of the standalone page (the pane's own strings live in src/taskpane/i18n.ts). */
import { createContext, useContext } from 'react';
import type { Locale } from '../taskpane/i18n';

const zh = {
  pageTitle: '指标审核助手 · 网页版',
  privacy: '文件只在本机浏览器中读取和处理，不会上传到任何服务器。',
  files: '工作簿',
  filesCount: (n: number) => `工作簿（${n}）`,
  open: '打开工作簿…',
  openSample: '打开示例工作簿',
  downloadTemplate: '下载空白模板',
  templateOf: (definitions: string | null) =>
    definitions
      ? `空白模板按县级指标定义“${definitions}”生成（含县里的指标和审核规则）。`
      : '空白模板按内置指标目录生成；在已打开工作簿的“县级指标定义”中载入县里的定义后，模板即按县定义生成。',
  templateFailed: (detail: string) => `空白模板未能生成（${detail}），请重试。`,
  dropZone: '将一个或多个工作簿（.xlsx、.xls、WPS .et、.ods、.csv）拖放到这里，或点击“打开工作簿…”。',
  dropNow: '松开鼠标即可打开。',
  fileList: '已打开的工作簿',
  remove: (name: string) => `关闭“${name}”`,
  removeShort: '关闭',
  noFiles: '尚未打开工作簿。',
  opening: (name: string) => `正在打开“${name}”…`,
  check: '检查',
  downloadWorkbook: '下载结果工作簿',
  downloadDocx: '下载 Word 报告',
  downloaded: (name: string) => `已下载“${name}”。`,
  sampleFailed: '示例工作簿无法打开（页面所在位置没有 samples 文件夹）。请改用“打开工作簿…”选择文件。',
  sampleFromDisk:
    '示例工作簿无法打开：本页是直接从磁盘打开的（file://），浏览器不允许这样的页面读取其他文件。请用 npm run page 打开本页，或用“打开工作簿…”选择示例文件 assets/samples/周营镇-2023-指标.xlsx（本页旁的 samples 文件夹里也有一份）。',
  openError: '无法打开文件',
  previewTitle: (name: string) => `预览：${name}`,
  sheets: '工作表',
  previewRegion: (sheet: string) => `“${sheet}”表预览`,
  previewSize: (rows: number, cols: number) => `共 ${rows} 行、${cols} 列。`,
  previewEmpty: '此工作表为空。',
  backToFindings: '返回问题列表',
  viewFailed: (name: string, part: 'view' | 'preview', detail: string) =>
    `文件“${name}”的${part === 'preview' ? '工作表预览' : '检查界面'}无法显示${detail ? `（${detail}）` : ''}，其他文件不受影响；请点“重试”，仍不行就关闭此文件后重新打开。`,
  viewRetry: '重试',
  checkAll: '检查全部',
  downloadNotice: '下载整改通知',
  fileSummary: (unit: string, year: string, counts: string) => [unit, year, counts].filter(Boolean).join(' · '),
  fileCounts: (e: number, v: number, h: number) => `错误 ${e}，待核实 ${v}，提示 ${h}`,
  yearOf: (y: number) => `${y}年度`,
  unsaved: (n: number) => `● ${n}条说明未下载`,
  nameMismatch: (what: string) => `文件名与内容不符：${what}，请核对是否选错了文件。`,
  nameUnit: (inName: string, unit: string) => `文件名写“${inName}”，表中单位为“${unit}”`,
  nameYear: (inName: number, year: number) => `文件名写${inName}年，表中为${year}年度`,
  leaveWarning: '有说明尚未下载，离开本页将丢失。',
  countyTitle: '审核情况（各乡镇汇总）',
  countyWorking: (n: number) => `正在检查并汇总 ${n} 个工作簿…`,
  countyHint: '需要退回的排在最前面；点击乡镇名称查看它的问题。',
  countyTable: '各乡镇审核情况',
  countyOpen: (name: string) => `查看“${name}”的问题`,
  countyWorkbook: '下载全县汇总表',
  countyDocx: '下载全县报告（Word）',
  countyFailed: (detail: string) => `各乡镇汇总未能完成（${detail}），各文件的检查不受影响；请关闭有问题的文件后再试。`,
  countyWorkbookName: '全县汇总.xlsx',
  countyDocxName: '全县报告.docx',
  countyProgress: (done: number, total: number, file: string) => `正在检查第${Math.min(done + 1, total)}/${total}个文件：${file}`,
  countyDefinitions: (name: string) => `各文件按县级指标定义“${name}”检查和汇总。`,
  countyNoDefinitions: '各文件按内置指标目录检查和汇总（未载入县级指标定义）。',
  countyRemove: (file: string) => `从汇总中移除“${file}”`,
  countyRemoveShort: '移除',
  countySince: '与上次比较…',
  countySinceActive: (file: string, round: number) => `正在与上一轮（第${round}轮）的全县汇总表“${file}”比较：表中列出各乡镇已改正、新出现和仍未改正的问题。`,
  countySinceClear: '取消比较',
  countySinceFailed: (file: string, detail: string) => `“${file}”无法作为上一轮读取（${detail}），本次没有比较。`,
};

export type WebStrings = typeof zh;

const en: WebStrings = {
  pageTitle: 'Indicator Desk · web',
  privacy: 'Files are read and processed in this browser only; nothing is uploaded.',
  files: 'Workbooks',
  filesCount: (n) => `Workbooks (${n})`,
  open: 'Open workbooks…',
  openSample: 'Open the sample workbook',
  downloadTemplate: 'Download blank template',
  templateOf: (definitions) =>
    definitions
      ? `The blank template follows the county definitions “${definitions}” (its indicators and rules).`
      : 'The blank template follows the built-in catalog; load the county’s definitions in an open workbook’s “County definitions” and it follows them.',
  templateFailed: (detail) => `The blank template could not be made (${detail}); please try again.`,
  dropZone: 'Drop one or more workbooks (.xlsx, .xls, WPS .et, .ods, .csv) here, or choose “Open workbooks…”.',
  dropNow: 'Release to open.',
  fileList: 'Open workbooks',
  remove: (name) => `Close “${name}”`,
  removeShort: 'Close',
  noFiles: 'No workbook open yet.',
  opening: (name) => `Opening “${name}”…`,
  check: 'Check',
  downloadWorkbook: 'Download result workbook',
  downloadDocx: 'Download Word report',
  downloaded: (name) => `Downloaded “${name}”.`,
  sampleFailed: 'The sample workbook could not be opened (no samples folder next to this page). Use “Open workbooks…” instead.',
  sampleFromDisk:
    'The sample workbook could not be opened: this page was opened straight from disk (file://), and browsers do not let such a page read other files. Open the page with npm run page, or choose the sample file assets/samples/周营镇-2023-指标.xlsx with “Open workbooks…” (a copy is also in the samples folder next to this page).',
  openError: 'Could not open the file',
  previewTitle: (name) => `Preview: ${name}`,
  sheets: 'Sheets',
  previewRegion: (sheet) => `Preview of sheet “${sheet}”`,
  previewSize: (rows, cols) => `${rows} rows, ${cols} columns.`,
  previewEmpty: 'This sheet is empty.',
  backToFindings: 'Back to the findings',
  viewFailed: (name, part, detail) =>
    `The ${part === 'preview' ? 'sheet preview' : 'view'} of “${name}” could not be shown${detail ? ` (${detail})` : ''}; other files are not affected. Choose “Retry”, or close this file and open it again.`,
  viewRetry: 'Retry',
  checkAll: 'Check all',
  downloadNotice: 'Download notice (整改通知)',
  fileSummary: (unit, year, counts) => [unit, year, counts].filter(Boolean).join(' · '),
  fileCounts: (e, v, h) => `${e} errors, ${v} to verify, ${h} hints`,
  yearOf: (y) => `${y}`,
  unsaved: (n) => `● ${n} explanation${n === 1 ? '' : 's'} not downloaded`,
  nameMismatch: (what) => `The file name does not match its content: ${what}. Check it is the right file.`,
  nameUnit: (inName, unit) => `the name says “${inName}”, the sheet says “${unit}”`,
  nameYear: (inName, year) => `the name says ${inName}, the sheet says ${year}`,
  leaveWarning: 'Some explanations have not been downloaded; leaving the page loses them.',
  countyTitle: 'Review status (all townships)',
  countyWorking: (n) => `Checking and consolidating ${n} workbooks…`,
  countyHint: 'Files to send back come first; choose a township to see its findings.',
  countyTable: 'Review status per township',
  countyOpen: (name) => `Show the findings of “${name}”`,
  countyWorkbook: 'Download the county workbook',
  countyDocx: 'Download the county report (Word)',
  countyFailed: (detail) => `The county consolidation could not be completed (${detail}); each file's check is not affected. Close the file at fault and try again.`,
  countyWorkbookName: '全县汇总.xlsx',
  countyDocxName: '全县报告.docx',
  countyProgress: (done, total, file) => `Checking file ${Math.min(done + 1, total)} of ${total}: ${file}`,
  countyDefinitions: (name) => `Each file is checked and consolidated with the county definitions “${name}”.`,
  countyNoDefinitions: 'Each file is checked and consolidated with the built-in catalog (no county definitions loaded).',
  countyRemove: (file) => `Remove “${file}” from the consolidation`,
  countyRemoveShort: 'Remove',
  countySince: 'Compare with the previous round…',
  countySinceActive: (file, round) => `Compared with round ${round}, the county workbook “${file}”: fixed, new and still open findings per township.`,
  countySinceClear: 'Stop comparing',
  countySinceFailed: (file, detail) => `“${file}” cannot be read as the previous round (${detail}); nothing was compared.`,
};

export const WEB_STRINGS: Record<Locale, WebStrings> = { 'zh-CN': zh, 'en-US': en };

export const WebStringsContext = createContext<WebStrings>(zh);

export function useWebStrings(): WebStrings {
  return useContext(WebStringsContext);
}
