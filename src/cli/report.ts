/**
 * `indicator-desk report <file.xlsx> [--out result.xlsx] [--docx report.docx] [--templates t.json] [--marks]
 * [--use-workbook-templates] [--notice 整改通知.docx] [--since previous.xlsx]`
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildReport, parseTemplates, type TemplateSet } from '../core/narrative';
import { combinePlans, markPlan, noticePlan, resultPlan } from '../core/plan';
import { noticeReport } from '../core/notice';
import { withRound } from '../core/rounds';
import { applyPlan } from '../file/apply';
import { resultBase } from '../file/fresh';
import { reportDocx } from '../file/docx';
import { flagBanner, flaggedFigures } from '../core/narrative/flags';
import { parseArgs, UsageError } from './args';
import { hiddenLine, openErrors, summaryLine } from './check';
import { CliFileError, fileFailed, loadAndCheck, outputProblem, samePath, sharedCheckOptions, stem, writeFailed, writeOutputs } from './common';
import { EXIT, type CliIO } from './io';
import { catalogOf, isReportFile, runReportText } from './text';

function loadTemplates(file: string, cwd: string): TemplateSet {
  const p = path.resolve(cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(p, 'utf8');
  } catch (e) {
    // said: the template file named, nothing written; a missing file and one that may not be read are told apart
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliFileError(`找不到模板文件“${file}”，请检查路径是否正确。`, 'not-found');
    throw new CliFileError(`无法读取模板文件“${file}”（${code ?? '读取失败'}），请检查文件是否是文件夹或其权限。`, 'unreadable');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliFileError(`模板文件“${file}”不是有效的 JSON：${(e as Error).message}`, 'templates');
  }
  try {
    return parseTemplates(json);
  } catch (e) {
    throw new CliFileError(`模板文件“${file}”有误：${(e as Error).message}`, 'templates');
  }
}

/** `2026年12月4日`, as a notice is dated. */
function cnDate(d: Date): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

export async function runReport(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['out', 'docx', 'templates', 'date', 'mapping', 'notice', 'since', 'catalog', 'annotate', 'text'], ['marks', 'help', 'use-workbook-templates', 'skip-hidden', 'flag-text']);
  const checkOpts = await sharedCheckOptions(args, io.cwd);
  // `report 纸坊镇.xlsx --text 纸坊镇报告.docx [--annotate 审核批注.docx]`: the report annotated with its own findings and
  // those against the workbook (a figure differing from its cell names the cell); the workbook's own outputs are `report 纸坊镇.xlsx`
  const textFile = args.options.text;
  if (textFile !== undefined) {
    if (args.positionals.length !== 1) throw new UsageError('--text 只能与一个工作簿一起使用，例如：indicator-desk report 纸坊镇.xlsx --text 纸坊镇报告.docx --annotate 审核批注.docx');
    if (args.options.out || args.options.docx || args.options.notice || args.options.since) {
      throw new UsageError('带 --text 时 report 只写出报告的审核批注（--annotate）：审核结果工作簿和报告文稿请另行运行 indicator-desk report 纸坊镇.xlsx --out … --docx …');
    }
    const file = args.positionals[0];
    if (isReportFile(file, io.cwd)) throw new UsageError(`“${file}”是报告文字，不是工作簿。--text 的用法：indicator-desk report 纸坊镇.xlsx --text ${file} --annotate 审核批注.docx`);
    let result;
    try {
      result = (await loadAndCheck(file, io.cwd, checkOpts)).result;
    } catch (e) {
      return fileFailed(io, e);
    }
    io.out(summaryLine(file, result));
    const code = await runReportText(textFile, args.options.annotate, io, catalogOf(checkOpts), result);
    return code === EXIT.ok && openErrors(result) ? EXIT.findings : code;
  }
  // a Word or text report (told by its bytes): checked, and annotated with comments (`--annotate`)
  if (args.positionals.length === 1 && (args.options.annotate !== undefined || isReportFile(args.positionals[0], io.cwd))) {
    if (args.options.out || args.options.docx) throw new UsageError('报告文字只写出审核批注（--annotate），不写 --out/--docx：例如 indicator-desk report 报告.docx --annotate 审核批注.docx');
    return runReportText(args.positionals[0], args.options.annotate, io, catalogOf(checkOpts));
  }
  // a 报告模板 sheet inside the workbook is the township's, not the county's: applied only when asked
  const workbookTemplates = args.flags.has('use-workbook-templates');
  if (args.positionals.length !== 1) {
    throw new UsageError('report 命令需要且只需要一个工作簿，例如：indicator-desk report 周营镇.xlsx --out 周营镇-审核.xlsx');
  }
  const file = args.positionals[0];
  const src = path.resolve(io.cwd, file);
  const name = stem(file);
  const outXlsx = args.options.out ? path.resolve(io.cwd, args.options.out) : path.join(path.dirname(src), `${name}-审核.xlsx`);
  const outDocx = args.options.docx
    ? path.resolve(io.cwd, args.options.docx)
    : path.join(path.dirname(outXlsx), `${name}-报告.docx`);
  for (const target of [outXlsx, outDocx]) {
    if (samePath(target, src)) {
      io.err(`不能覆盖原工作簿“${file}”：请用 --out/--docx 指定另一个文件名（refusing to overwrite the source）。`);
      return EXIT.failure;
    }
  }
  if (samePath(outXlsx, outDocx)) throw new UsageError('--out 与 --docx 不能是同一个文件。');
  const show = (abs: string, given: string | undefined) => given ?? (path.relative(io.cwd, abs) || abs);
  const outputs = [
    { target: outXlsx, shown: show(outXlsx, args.options.out), option: '--out', example: `${name}-审核.xlsx` },
    { target: outDocx, shown: show(outDocx, args.options.docx), option: '--docx', example: `${name}-报告.docx` },
  ];
  // --notice 整改通知.docx: the county's notice to the township, also written as the sheet 整改通知 of the copy
  const outNotice = args.options.notice ? path.resolve(io.cwd, args.options.notice) : null;
  if (outNotice) {
    if (samePath(outNotice, src)) {
      io.err(`不能覆盖原工作簿“${file}”：请用 --notice 指定另一个文件名（refusing to overwrite the source）。`);
      return EXIT.failure;
    }
    if (samePath(outNotice, outXlsx) || samePath(outNotice, outDocx)) throw new UsageError('--notice 不能与 --out 或 --docx 是同一个文件。');
    outputs.push({ target: outNotice, shown: show(outNotice, args.options.notice), option: '--notice', example: `${name}-整改通知.docx` });
  }
  // Every output is checked before anything is read or written: a refusal leaves no file and no folder.
  const problems = outputs.map((o) => outputProblem(o, io.cwd)).filter((p): p is string => p !== null);
  if (problems.length) {
    for (const p of problems) io.err(p);
    return EXIT.failure;
  }

  try {
    const templates = args.options.templates ? loadTemplates(args.options.templates, io.cwd) : undefined;
    const loaded = await loadAndCheck(file, io.cwd, { ...checkOpts, workbookTemplates });
    const { bytes, book } = loaded;
    let result = loaded.result;
    if (args.options.since) {
      let previous;
      try {
        previous = (await loadAndCheck(args.options.since, io.cwd, checkOpts)).result;
      } catch (e) {
        if (e instanceof CliFileError) throw new CliFileError(`上次的文件（--since）无法读取：${e.message}`, e.code);
        throw e;
      }
      result = withRound(result, previous, path.basename(args.options.since));
    }
    // with --use-workbook-templates the workbook's own 报告模板 sheet rewords the defaults; a --templates file wins over it
    const report = buildReport(result, { book, workbookTemplates, templates, date: args.options.date });
    const base = args.flags.has('marks') ? combinePlans(resultPlan(result, report), markPlan(result)) : resultPlan(result, report);
    const notice = outNotice ? noticeReport(result, path.basename(file), { date: args.options.date ?? cnDate(new Date()) }) : null;
    // the results stay the sheet the copy opens on; the notice is one more tab
    const plan = notice ? { ...combinePlans(base, noticePlan(notice)), activate: base.activate } : base;
    // a source that is not an .xlsx gets its copy built from what was read (the source is never written)
    const out = await applyPlan(await resultBase(bytes, book), plan, path.basename(file));
    // a figure touching an open 错误 or 待核实 is highlighted in the .docx, never stated silently
    const flags = flaggedFigures(report, result.findings);
    const docx = await reportDocx(report, { flags, flagText: args.flags.has('flag-text') });
    const noticeDocx = notice ? await reportDocx(notice) : null;
    await writeOutputs([
      { ...outputs[0], write: (tmp) => fs.writeFileSync(tmp, out) },
      { ...outputs[1], write: (tmp) => fs.writeFileSync(tmp, docx) },
      ...(noticeDocx ? [{ ...outputs[2], write: (tmp: string) => fs.writeFileSync(tmp, noticeDocx) }] : []),
    ]);
    io.out(summaryLine(file, result));
    const hidden = hiddenLine(result);
    if (hidden) io.out(hidden);
    // a workbook that carries marks has them refreshed with the results (core resultPlan): say so
    const marks = args.flags.has('marks') ? '，并在原表单元格上作了标记' : plan.marks ? '，并按本次审核结果更新了原表单元格上的标记' : '';
    io.out(`已写出审核结果工作簿：${outputs[0].shown}（审核结果、计算结果、报告文稿${marks}）`);
    io.out(`已写出报告文稿：${outputs[1].shown}`);
    const banner = flagBanner(flags);
    if (banner) io.out(`  ${banner}`);
    for (const note of report.notes ?? []) io.out(`  文稿说明：${note}`);
    if (notice) io.out(`已写出整改通知：${outputs[2].shown}（结果工作簿中另有“整改通知”表）`);
    io.out('原工作簿未作任何改动。');
    // the same codes as check: the results are written either way, but open errors are still open
    return openErrors(result) ? EXIT.findings : EXIT.ok;
  } catch (e) {
    return writeFailed(io, file, e);
  }
}
