/**
 * `indicator-desk template [--out 空白模板.xlsx] [--catalog 县定义.xlsx] [--year 2024]`: the blank indicator workbook
 * of the active catalog (the built-in one, or with the county's definitions), written as a new .xlsx (core
 * plan/template.ts decides its content; ExcelJS writes the new file).
 */
import * as fs from 'fs';
import * as path from 'path';
import { blankTemplatePlan, templateCatalog } from '../core/plan/template';
import { planToNewXlsx } from '../file/exceljs';
import { parseArgs, UsageError } from './args';
import { outputProblem, sharedCheckOptions, writeOutputs } from './common';
import { EXIT, type CliIO } from './io';

export async function runTemplate(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['out', 'catalog', 'year'], ['help']);
  if (args.positionals.length) throw new UsageError('template 命令不读取工作簿，例如：indicator-desk template --out 空白模板.xlsx [--catalog 县定义.xlsx]');
  const yearText = args.options.year;
  if (yearText !== undefined && !/^(19|20|21)\d\d$/.test(yearText)) throw new UsageError(`--year 应为四位年份，例如 2024（收到“${yearText}”）。`);
  const given = args.options.out ?? '空白模板.xlsx';
  const out = { target: path.resolve(io.cwd, given), shown: given, option: '--out', example: '空白模板.xlsx' };
  const problem = outputProblem(out, io.cwd);
  if (problem) {
    io.err(problem);
    return EXIT.failure;
  }
  const opts = await sharedCheckOptions(args, io.cwd);
  const catalog = templateCatalog(opts.definitions);
  const bytes = await planToNewXlsx(blankTemplatePlan(catalog, { ...(yearText ? { year: Number(yearText) } : {}), definitions: opts.definitions }));
  await writeOutputs([{ ...out, write: (tmp) => fs.writeFileSync(tmp, bytes) }]);
  io.out(`已写出空白模板：${given}（${opts.definitions ? `按县级指标定义“${opts.definitions.name}”` : '按内置指标目录'}，共 ${catalog.indicators.length} 项指标，审核规则 ${catalog.relations.length} 条）`);
  return EXIT.ok;
}
