/** `indicator-desk`: check township indicator workbooks, write results and the report, merge a county summary. */
import { UsageError } from './args';
import { runCheck } from './check';
import { EXIT, processIO, type CliIO } from './io';
import { runMerge } from './merge';
import { runReport } from './report';
import { runTemplate } from './template';

export const HELP = `指标审核助手 indicator-desk —— 检查乡镇法治政府建设指标工作簿，生成审核结果与报告文稿
(Indicator Desk: checks township rule-of-law indicator workbooks, writes results and the report)

用法 Usage:
  indicator-desk check <工作簿.xlsx>... [--json] [--skip-hidden] [--catalog 县定义.xlsx] [--mapping 对照.json] [--explain]
                       [--since 上次.xlsx]
      检查一个或多个工作簿，按文件和级别（错误 / 待核实 / 提示）列出问题及其单元格。
      (check workbooks; findings grouped by file and severity: error / verify / hint)
      --json     只输出一个 JSON 文档（observations、findings、rates，比率以百分数表示）
                 (print exactly one JSON document; rates in percent)
      --skip-hidden  不检查隐藏和深度隐藏的工作表（默认一并检查，问题注明“隐藏”）
      --catalog  县级指标定义：含“指标定义”“审核规则”表的工作簿，或同样内容的 JSON / YAML；读一次，用于每个文件
                 （工作簿中自带的这两张表优先）(the county's definitions, read once for every file; the workbook's own win)
      --mapping  指标对照（JSON：{"原标签": "指标"}），与工作簿中的“指标对照”表一样先于自动识别生效
                 (label → indicator placements; the workbook's 指标对照 sheet wins)
      --explain  列出每个标签是怎样识别为指标的 (show how each label was read)
      --since    与上次报送比较（上次的审核结果工作簿或乡镇上次报送的文件）：每个问题标明
                 已改正 / 新出现 / 仍未改正 / 已说明 (compare with the previous round; one workbook only)
                 (leave hidden and very hidden sheets out; by default they are checked and marked)

  indicator-desk report <工作簿.xlsx> [--out 结果.xlsx] [--docx 报告.docx] [--templates 模板.json] [--marks]
                       [--flag-text] [--use-workbook-templates] [--skip-hidden] [--catalog 县定义.xlsx] [--mapping 对照.json]
                       [--notice 整改通知.docx] [--since 上次.xlsx]
      写出工作簿副本（增加 审核结果、计算结果、报告文稿 三个工作表）和 Word 报告文稿；原工作簿不作改动。
      (write a copy with the result sheets, and the report as .docx; the source is never modified)
      --out        结果工作簿，默认与原文件同目录的 <名称>-审核.xlsx   (result workbook; default <name>-审核.xlsx)
      --docx       报告文稿，默认与结果工作簿同目录的 <名称>-报告.docx (report; default <name>-报告.docx)
      --templates  县里自定的报告句式（JSON）                         (county template overrides, JSON)
      --date       落款日期，工作簿未填写时使用，如 2024年1月8日        (signature date when the workbook has none)
      --marks      同时在原表有问题的单元格上填色并加批注              (also mark the cells with findings)
      --flag-text  报告文稿中涉及未改正问题的数字除标黄外，再注明【待核实】
                   (also write 【待核实】 after each highlighted figure touching an open problem)
      --use-workbook-templates
                   采用工作簿中自带的“报告模板”表（默认不采用，只提示）
                   (apply the workbook's own 报告模板 sheet; by default it is only reported)
      --skip-hidden  不检查隐藏和深度隐藏的工作表                      (leave hidden sheets out)
      --notice     同时写出给乡镇的整改通知（.docx），结果工作簿中另加“整改通知”表：逐条列出
                   未关闭的问题、单元格和应如何改正或说明 (also write the notice to the township)
      --since      与上次报送比较，整改通知写明已改正、新出现、仍未改正各几处

  indicator-desk merge <工作簿或文件夹>... --out 全县汇总.xlsx [--docx 全县报告.docx] [--json] [--unit 县名]
                 [--year 2023] [--previous 去年文件夹] [--expect 乡镇名单.txt] [--catalog 县定义.xlsx]
                 [--since 上次全县汇总.xlsx] [--mapping 对照.json] [--skip-hidden]
      写出“审核情况”（每个文件一行，需退回的在前）、“汇总表”（每个乡镇一行，合计和全县比率为公式）、“报告文稿”
      和“审核明细”（每个乡镇的每项问题一行，供下一轮比较）；
      并检查各乡镇之间的问题：同一乡镇重复、名单中的乡镇未报、年度不符、单位不一致、明显偏离、与上年相比变化过大。
      (the checklist, the summary with live formulas and the county narrative; checks across townships)
      --docx       同时写出全县报告文稿（Word）                        (also write the county narrative as .docx)
      --json       以 JSON 输出各文件状态、合计、比率和跨乡镇问题      (print townships, totals, rates, findings as JSON)
      --year       只汇总该年度的工作簿（默认取多数工作簿的年度）      (report year to summarise)
      --previous   上年的工作簿或文件夹，用于同比                      (last year's workbooks, for year-over-year)
      --expect     应报乡镇名单，每行一个                              (the townships that must report, one a line)
      --since      上一轮的全县汇总表：审核情况写明第几轮和各乡镇已改正、新出现、仍未改正、已说明各几项，
                   首次报送和未重新报送的乡镇 (compare with the previous round of this year's review)

  indicator-desk check <报告.docx|报告.txt>... [--json]
  indicator-desk check <工作簿.xlsx> --text <报告.docx|报告.txt|含“报告正文”表的工作簿> [--json]
      检查乡镇的报告文字（Word 或文本）：句中数字是否自相矛盾；加 --text 时与工作簿对照。问题按段落列出：
      第12段：“……化解率达98%……”。 (check a report's text; with --text, against its workbook)
  indicator-desk report <报告.docx> [--annotate 审核批注.docx]
  indicator-desk report <工作簿.xlsx> --text <报告.docx> [--annotate 审核批注.docx]
      写出报告的副本，在每个问题的文字上加 Word 批注；原报告不作改动。默认 <名称>-审核批注.docx。
      加 --text 时批注也包括与工作簿不一致的数字（写明单元格）。
      (write a copy of the Word report with a comment on the words of each finding)

  indicator-desk template [--out 空白模板.xlsx] [--catalog 县定义.xlsx] [--year 2024]
      写出空白的标准指标工作簿：基本情况、各部分指标（单位已填，数值列有数据验证和填写提示，标签列受保护、无密码）、
      存在问题和下步安排、审核规则（指标目录的关系写成规则）。(write the blank indicator workbook of the catalog)

  indicator-desk --help | help        显示本说明 (show this help)

可读取的格式 Formats read (by content, whatever the extension):
  .xlsx/.xlsm，.xls（Excel 97-2003、Excel 95），WPS .et，.ods，.csv/.txt（UTF-8 或 GBK，逗号、制表符或分号分隔）。
  结果工作簿一律写成 .xlsx 副本；原文件不作任何改动。
  (.xlsx, .xls, WPS .et, .ods, .csv/.txt in UTF-8 or GBK; results are always .xlsx copies, the source is untouched)

退出码 Exit codes:
  0  没有未改正的错误 (no open error)
  1  至少一个工作簿有错误 (at least one open error)
  2  有文件无法读取或写出，或命令行有误 (a file could not be read/written, or bad usage)
`;

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(HELP);
    return cmd ? EXIT.ok : EXIT.failure;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(HELP);
    return EXIT.ok;
  }
  try {
    switch (cmd) {
      case 'check':
        return await runCheck(rest, io);
      case 'report':
        return await runReport(rest, io);
      case 'merge':
        return await runMerge(rest, io);
      case 'template':
        return await runTemplate(rest, io);
      default:
        throw new UsageError(`不认识的命令“${cmd}”（unknown command）。可用的命令：check、report、merge、template。`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n运行 indicator-desk --help 查看用法（run --help for usage）。`);
      return EXIT.failure;
    }
    throw e;
  }
}
