/**
 * `indicator-desk merge <files or folders>... --out 全县汇总.xlsx [--docx 全县报告.docx] [--json] [--previous 去年文件夹]
 * [--expect 乡镇名单.txt] [--year 2023] [--unit 示范县]`: a thin adapter over src/core/county. Files are read and
 * checked one at a time and only what the summary needs is kept (core/county/rows.ts); the county workbook
 * (审核情况, 汇总表, 汇总报告文稿, 审核明细) is written a row at a time as its rows are made (bookfile.ts over
 * src/file/newbook.ts), the narrative as a .docx; every 50 files the garbage a check leaves is collected (memory.ts).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  consolidate,
  countyCatalog,
  countyInput,
  countyBook,
  countyReport,
  CountyRoundError,
  emptyListMessage,
  listIsText,
  listTextOfBook,
  parseExpectedList,
  readPreviousRound,
  roundText,
  roundYearProblem,
  SUBMISSION_WORDS,
  unreadableInput,
  type PreviousRound,
  type County,
  type CountyInput,
  type ExpectedList,
  type TownshipRow,
} from '../core/county';
import { indicatorById } from '../core/catalog';
import type { Catalog } from '../core/types';
import type { CheckOptions } from '../core/check';
import { WORKBOOK_EXTENSIONS } from '../file/workbook';
import { decodeText } from '../file/csv';
import { reportDocx } from '../file/docx';
import { writeBookToFile } from './bookfile';
import { parseArgs, UsageError } from './args';
import { findingJson } from './check';
import { ROUND_ORDER, ROUND_WORDS } from '../core/rounds';
import { checkBytes, CliFileError, fileFailed, outputProblem, readBook, readBytes, realPath, samePath, sharedCheckOptions, stem, writeOutputs, type Output } from './common';
import { EXIT, type CliIO } from './io';
import { afterFile, settle } from './memory';

export interface MergeOutcome {
  county: County;
  /** Townships in the totals. */
  rows: number;
  /** Inputs with an open error of their own, or kept out of the totals by an error across townships. */
  withErrors: number;
  /** Files that could not be read, with their Chinese messages. */
  unreadable: { file: string; message: string }[];
  /** Arguments naming a file already counted (the same file, or one with identical content): counted once. */
  duplicates: { file: string; first: string; message: string }[];
}

export interface MergeOptions {
  unit?: string;
  cwd?: string;
  docx?: string;
  year?: number;
  expect?: ExpectedList;
  /** Last year's workbooks (files, already expanded). */
  previous?: string[];
  /** The previous round of this year's review (`--since 上次全县汇总.xlsx`, read by readSince). */
  since?: PreviousRound;
  onProgress?: (done: number, total: number, file: string) => void;
  onUnreadable?: (file: string, message: string) => void;
  onDuplicate?: (file: string, first: string, message: string) => void;
  /** Check options shared by every file (`--mapping`, `--skip-hidden`). */
  check?: CheckOptions;
}

const EXTENSIONS = new Set(WORKBOOK_EXTENSIONS);

/** The workbooks a folder holds (and its sub-folders), by name; Office's lock files (`~$…`) and hidden files left out. */
export function workbooksIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    const entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Arguments as files: a folder stands for the workbooks in it (shown relative to the working folder). */
export function expandInputs(args: string[], cwd: string): string[] {
  const out: string[] = [];
  for (const a of args) {
    const abs = path.resolve(cwd, a);
    let dir = false;
    try {
      dir = fs.statSync(abs).isDirectory();
    } catch {
      dir = false; // a missing path stays an argument: reading it names it as not found
    }
    if (!dir) {
      out.push(a);
      continue;
    }
    const found = workbooksIn(abs);
    if (!found.length) throw new CliFileError(`文件夹“${a}”中没有工作簿（.xlsx、.xls、.et、.ods、.csv）。`, 'empty-folder');
    for (const f of found) out.push(path.isAbsolute(a) ? f : path.relative(cwd, f) || f);
  }
  return out;
}

/**
 * `--expect 乡镇名单.txt`: one township a line (numbering such as `1、`, `１．`, a title or header line and `#` comments
 * ignored; UTF-8 or GBK), or a sheet (.xlsx, .xls, .et, .ods: its first sheet with anything in it, a row a line), parsed
 * by the core's parser the page shares. A line numbered without a name, or a township written twice, is told
 * through `onProblem` (naming the list and the line); the list is still used.
 */
export async function readExpected(file: string, cwd: string, onProblem?: (message: string) => void): Promise<ExpectedList> {
  const bytes = readBytes(file, cwd);
  let text: string;
  try {
    text = listIsText(file) ? decodeText(bytes) : listTextOfBook(await readBook(file, bytes));
  } catch (e) {
    if (e instanceof CliFileError) throw new CliFileError(`乡镇名单（--expect）无法读取：${e.message}`, e.code);
    throw e;
  }
  const { list, problems } = parseExpectedList(text, path.basename(file));
  if (!list) throw new CliFileError(emptyListMessage(file), 'empty-list');
  for (const p of problems) onProblem?.(p.message);
  return list;
}

/** The township a file name suggests (`周营镇-2023-指标.xlsx` → `周营镇-2023-指标`), used only when the workbook names none. */
function fallbackName(file: string): string {
  return stem(file);
}

/**
 * Read and check `files` one at a time, keep what the county needs of each, consolidate and write the county
 * workbook to `out` (and the narrative to `opts.docx`), through short temporary names and a rename. The same file
 * named twice or a byte-identical copy is counted once, with a warning; an unreadable file is listed and skipped.
 * Throws CliFileError when an output cannot be written (checked before any file is read) or when no file at all
 * could be read; then nothing is created. Used by `merge` and the benchmark.
 */
export async function mergeFiles(files: string[], out: string, opts: MergeOptions = {}): Promise<MergeOutcome> {
  const cwd = opts.cwd ?? process.cwd();
  const outputs: Omit<Output, 'write'>[] = [{ target: path.resolve(cwd, out), shown: out, option: '--out', example: '汇总.xlsx' }];
  if (opts.docx) outputs.push({ target: path.resolve(cwd, opts.docx), shown: opts.docx, option: '--docx', example: '全县报告.docx' });
  for (const o of outputs) {
    const problem = outputProblem(o, cwd);
    if (problem) throw new CliFileError(problem, 'unwritable');
  }
  const inputs: CountyInput[] = [];
  // every indicator some township's check knew (the county's definitions, then the built-in catalog): the columns
  const catalogs = new Set<Catalog | undefined>();
  const unreadable: MergeOutcome['unreadable'] = [];
  const duplicates: MergeOutcome['duplicates'] = [];
  const byPath = new Map<string, string>();
  const byContent = new Map<string, string>();
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    afterFile(i);
    opts.onProgress?.(i, files.length, file);
    try {
      const real = realPath(path.resolve(cwd, file));
      const samePathAs = byPath.get(real);
      if (samePathAs !== undefined) {
        const message = `“${file}”与“${samePathAs}”是同一个文件，只汇总一次。`;
        duplicates.push({ file, first: samePathAs, message });
        opts.onDuplicate?.(file, samePathAs, message);
        continue;
      }
      const bytes = readBytes(file, cwd);
      const digest = crypto.createHash('sha256').update(bytes).digest('hex');
      const sameContentAs = byContent.get(digest);
      if (sameContentAs !== undefined) {
        const message = `“${file}”与“${sameContentAs}”内容完全相同，只汇总一次；如果它们本应是两个乡镇的表，请核对后重新汇总。`;
        duplicates.push({ file, first: sameContentAs, message });
        opts.onDuplicate?.(file, sameContentAs, message);
        continue;
      }
      const { result } = await checkBytes(file, bytes, opts.check);
      catalogs.add(result.catalog);
      // only this input's rows and status are kept: the check result is dropped here
      inputs.push(countyInput(file, fallbackName(file), result));
      // only a file that was counted makes a later one a duplicate (an unreadable one is named each time)
      byPath.set(real, file);
      byContent.set(digest, file);
    } catch (e) {
      if (!(e instanceof CliFileError)) throw e;
      unreadable.push({ file, message: e.message });
      inputs.push(unreadableInput(file, e.message));
      opts.onUnreadable?.(file, e.message);
    }
  }
  if (!inputs.some((i) => i.status.readable)) throw new CliFileError('没有可以汇总的工作簿，未写出汇总表。', 'nothing');

  const previous: TownshipRow[] = [];
  for (const [i, file] of (opts.previous ?? []).entries()) {
    afterFile(i);
    try {
      const { result } = await checkBytes(file, readBytes(file, cwd), opts.check);
      previous.push(...countyInput(file, fallbackName(file), result).rows);
    } catch (e) {
      if (!(e instanceof CliFileError)) throw e;
      opts.onUnreadable?.(file, `（上年）${e.message}`);
    }
  }

  const county = consolidate(inputs, { unit: opts.unit, year: opts.year, expect: opts.expect, previous, catalog: countyCatalog(catalogs), previousRound: opts.since });
  const otherYear = opts.since ? roundYearProblem(opts.since, county.year) : null;
  if (otherYear) throw new CliFileError(otherYear, 'since-year');
  const report = countyReport(county);
  const book = countyBook(county, report);
  settle(); // what reading and consolidating left behind goes before the county workbook is made
  const docx = opts.docx ? await reportDocx(report) : null;
  await writeOutputs([
    { ...outputs[0], write: (tmp) => writeBookToFile(tmp, book) },
    ...(docx ? [{ ...outputs[1], write: (tmp: string) => fs.writeFileSync(tmp, docx) }] : []),
  ]);
  const errorFiles = new Set<string>();
  for (const s of county.inputs) if (s.readable && s.counts.error > 0) errorFiles.add(s.file);
  for (const [file, list] of county.issues) if (list.some((x) => x.severity === 'error')) errorFiles.add(file);
  return { county, rows: county.rows.length, withErrors: errorFiles.size, unreadable, duplicates };
}

/** `--since 上次全县汇总.xlsx`: the previous round from the county workbook merge wrote then (its 审核明细). */
export async function readSince(file: string, cwd: string): Promise<PreviousRound> {
  let book;
  try {
    book = await readBook(file, readBytes(file, cwd));
  } catch (e) {
    if (e instanceof CliFileError) throw new CliFileError(`上一轮的全县汇总表（--since）无法读取：${e.message}`, e.code);
    throw e;
  }
  try {
    return readPreviousRound(book, path.basename(file));
  } catch (e) {
    if (e instanceof CountyRoundError) throw new CliFileError(e.message, 'since-not-county');
    throw e;
  }
}

/** `第2轮（与上一轮“第1轮.xlsx”比较）：已改正 2 项，新出现 1 项，仍未改正 1 项，已说明 1 项；首次报送 1 个，未重新报送 1 个（杨集乡）。` */
export function roundSummary(county: County): string {
  const r = county.round;
  if (r.since == null) return `${roundText(r.round)}：下一轮汇总时用 --since 指定本次的汇总表，即可比较已改正、新出现和仍未改正的问题。`;
  const first = [...r.byFile.values()].filter((t) => t.state === 'first');
  const parts = [
    first.length ? `${SUBMISSION_WORDS.first} ${first.length} 个（${first.map((t) => t.township).join('、')}）` : '',
    r.missing.length ? `${SUBMISSION_WORDS.missing} ${r.missing.length} 个（${r.missing.map((t) => t.township).join('、')}）` : '',
  ].filter(Boolean);
  return `${roundText(r.round)}（与上一轮“${r.since}”比较）：${ROUND_ORDER.map((s) => `${ROUND_WORDS[s]} ${r.counts[s]} 项`).join('，')}${parts.length ? `；${parts.join('，')}` : ''}。`;
}

/** The round in `--json`: per input (by file) and the townships that did not resubmit. */
function roundJson(county: County) {
  const r = county.round;
  const brief = (f: { id: string; severity: string | null; where: string; message: string }) => ({ id: f.id, severity: f.severity, where: f.where, message: f.message });
  return {
    round: r.round,
    since: r.since,
    counts: r.since == null ? null : r.counts,
    notResubmitted: r.missing.map((t) => ({ township: t.township, file: t.file, round: t.round, stillOpen: t.stillOpen, findings: t.carried.filter((x) => x.id).map((x) => ({ ...brief(x), state: x.state })) })),
  };
}

/** The `--json` document: status per input, totals, rates, the findings across townships and the round. */
export function countyJson(county: County) {
  const defs = indicatorById(county.catalog);
  const named = (id: string) => ({ indicator: id, name: defs.get(id)?.name ?? id, unit: defs.get(id)?.unit ?? null });
  const inTotals = new Set(county.rows.map((r) => `${r.row.file}\u0000${r.row.township}`));
  return {
    unit: county.unit,
    year: county.year,
    townships: county.inputs.map((s) => ({
      file: s.file,
      readable: s.readable,
      ...(s.message ? { message: s.message } : {}),
      kind: s.kind,
      townships: s.townships,
      inTotals: s.townships.filter((t) => inTotals.has(`${s.file}\u0000${t}`)),
      year: s.year,
      counts: s.counts,
      missing: s.missing,
      issues: (county.issues.get(s.file) ?? []).map((x) => x.text),
      round: roundOfInput(county, s.file),
    })),
    totals: [...county.totals.values()].map((t) => ({ ...named(t.indicator), value: t.value, approx: t.approx, townships: t.count })),
    rates: [...county.rates.values()].map((r) => ({
      ...named(r.indicator),
      value: r.value,
      numerator: r.num,
      denominator: r.den,
      approx: r.approx,
      included: r.included,
      leftOut: r.leftOut,
      ...(r.high ? { high: r.high, low: r.low } : {}),
    })),
    findings: county.findings.map(findingJson),
    round: roundJson(county),
  };
}

function roundOfInput(county: County, file: string) {
  const t = county.round.byFile.get(file);
  if (!t) return null;
  return {
    round: t.round,
    submission: t.state,
    counts: t.counts,
    status: t.status,
    fixed: t.fixed.map((f) => ({ id: f.id, severity: f.severity, where: f.where, message: f.message })),
  };
}

export async function runMerge(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['out', 'unit', 'mapping', 'catalog', 'docx', 'previous', 'expect', 'year', 'since'], ['help', 'skip-hidden', 'json']);
  const check = await sharedCheckOptions(args, io.cwd);
  if (!args.positionals.length) throw new UsageError('请指定要汇总的工作簿或文件夹，例如：indicator-desk merge 乡镇表/ --out 全县汇总.xlsx');
  if (!args.options.out) throw new UsageError('merge 命令需要用 --out 指定汇总表的文件名，例如：--out 全县汇总.xlsx');
  let year: number | undefined;
  if (args.options.year !== undefined) {
    year = Number(args.options.year);
    if (!/^\d{4}$/.test(args.options.year)) throw new UsageError(`--year 需要四位数的年份，例如 --year 2023（收到“${args.options.year}”）。`);
  }
  let files: string[];
  let previous: string[] | undefined;
  let expect: ExpectedList | undefined;
  let since: PreviousRound | undefined;
  try {
    files = expandInputs(args.positionals, io.cwd);
    if (args.options.since) {
      since = await readSince(args.options.since, io.cwd);
      for (const p of since.problems) io.err(`注意：${p}`);
    }
    previous = args.options.previous ? expandInputs([args.options.previous], io.cwd) : undefined;
    expect = args.options.expect ? await readExpected(args.options.expect, io.cwd, (m) => io.err(`注意：${m}`)) : undefined;
  } catch (e) {
    return fileFailed(io, e);
  }
  const targets = [args.options.out, args.options.docx].filter((x): x is string => !!x).map((t) => path.resolve(io.cwd, t));
  if (targets.length === 2 && samePath(targets[0], targets[1])) throw new UsageError('--out 与 --docx 不能是同一个文件。');
  if (args.options.since) {
    // the previous county workbook kept in the townships' folder is no township's workbook
    const previousCounty = path.resolve(io.cwd, args.options.since);
    const kept = files.filter((f) => !samePath(path.resolve(io.cwd, f), previousCounty));
    if (kept.length < files.length) io.err(`注意：“${args.options.since}”是上一轮的全县汇总表（--since），不作为乡镇的工作簿汇总。`);
    files = kept;
  }
  for (const f of files) {
    if (targets.some((t) => samePath(path.resolve(io.cwd, f), t))) {
      io.err(`不能用汇总结果覆盖参与汇总的工作簿“${f}”：请用 --out/--docx 指定另一个文件名。`);
      return EXIT.failure;
    }
  }
  let outcome: MergeOutcome;
  try {
    outcome = await mergeFiles(files, args.options.out, {
      unit: args.options.unit,
      cwd: io.cwd,
      check,
      docx: args.options.docx,
      year,
      expect,
      previous,
      since,
      onProgress: (i, n, file) => io.err(`[${i + 1}/${n}] 正在读取 ${file} …`),
      onUnreadable: (_file, message) => io.err(`无法读取，未汇总：${message}`),
      onDuplicate: (_file, _first, message) => io.err(`注意：${message}`),
    });
  } catch (e) {
    return fileFailed(io, e);
  }
  const { county } = outcome;
  const n = outcome.unreadable.length;
  const d = outcome.duplicates.length;
  if (args.flags.has('json')) io.out(JSON.stringify(countyJson(county), null, 2));
  else for (const f of county.findings) io.out(`【${f.severity === 'error' ? '错误' : f.severity === 'verify' ? '待核实' : '提示'}】${f.message}`);
  if (args.flags.has('json')) io.err(roundSummary(county));
  else io.out(roundSummary(county));
  const notes = [
    `${outcome.rows} 个乡镇`,
    outcome.withErrors ? `其中 ${outcome.withErrors} 个有错误` : '',
    county.refused.length ? `${county.refused.length} 个未计入合计` : '',
    n ? `${n} 个文件无法读取未汇总` : '',
    d ? `${d} 个重复的文件只计一次` : '',
  ];
  const written = `已写出汇总表：${args.options.out}（${notes.filter(Boolean).join('，')}）。${args.options.docx ? `已写出报告文稿：${args.options.docx}。` : ''}`;
  if (args.flags.has('json')) io.err(written);
  else io.out(written);
  const countyErrors = county.findings.some((f) => f.severity === 'error' && f.rule !== 'county-unreadable');
  // the same codes as check: 2 a file could not be read, 1 an open error in a township's workbook or across townships
  return n ? EXIT.failure : outcome.withErrors || countyErrors ? EXIT.findings : EXIT.ok;
}
