/**
 * `indicator-desk merge <file.xlsx>... --out summary.xlsx [--unit 名称]`: one row per township, one column per
 * catalog indicator present, with recomputed rates and the count of findings, and a 合计 row. Files are read and
 * checked one at a time and only their row is kept; the summary is written with ExcelJS's streaming writer.
 * The result is a layout-(d) summary sheet that `check` reads like any county summary.
 */
import * as crypto from 'crypto';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { CATALOG, rateRelation } from '../core/catalog';
import { formatFigure } from '../core/format';
import { ratePercent, roundHalfUp } from '../core/rate';
import { SEVERITY_ORDER, SEVERITY_SHORT_NAMES } from '../core/severity';
import type { Catalog, CheckResult, IndicatorDef, Observation, Severity } from '../core/types';
import { parseArgs, UsageError } from './args';
import { openErrors } from './check';
import { checkBytes, CliFileError, outputProblem, readBytes, realPath, samePath, sharedCheckOptions, stem, writeOutputs } from './common';
import type { CheckOptions } from '../core/check';
import { EXIT, type CliIO } from './io';

type Value = number | string;

export interface SummaryRow {
  unit: string;
  year: number | null;
  values: Map<string, Value>;
  notes: string[];
  counts: { error: number; verify: number; hint: number };
  /** The catalog the township was checked with (the county's definitions add indicators, and so columns). */
  catalog?: Catalog;
}

function ownCurrent(o: Observation, year: number | null): boolean {
  if (!(o.entity == null || o.isTotal)) return false;
  return o.period === 'current' || (o.period === 'other' && year != null && o.year === year);
}

/** The one row a township's checked workbook contributes to the summary. */
export function summaryRow(file: string, r: CheckResult): SummaryRow {
  const unit = r.unit?.trim() || stem(file);
  const values = new Map<string, Value>();
  const notes: string[] = [];
  if (!r.unit) notes.push(`单位名称取自文件名“${path.basename(file)}”`);
  const obsById = new Map<string, Observation>();
  for (const o of r.observations) {
    if (!ownCurrent(o, r.year) || obsById.has(o.indicator)) continue;
    if (o.value === null || o.value === undefined) continue;
    if (o.kind !== 'number' && o.kind !== 'percent' && o.kind !== 'yesno') continue;
    obsById.set(o.indicator, o);
  }
  // A rate's parts are written as the rate was computed from them (one village count, not two).
  const ownRates = r.rates.filter((x) => x.entity == null && x.period !== 'previous' && x.value != null);
  for (const x of ownRates) {
    for (const part of [x.numerator, x.denominator]) {
      if (typeof part.value === 'number' && obsById.get(part.indicator) !== part) obsById.set(part.indicator, part);
    }
  }
  for (const d of (r.catalog ?? CATALOG).indicators) {
    if (d.kind === 'rate') {
      const computed = ownRates.find((x) => x.indicator === d.id);
      if (computed && computed.value != null) {
        values.set(d.id, roundHalfUp(computed.value, 1));
        continue;
      }
      const o = obsById.get(d.id);
      if (o && typeof o.value === 'number') values.set(d.id, roundHalfUp(o.value, 1));
      continue;
    }
    const o = obsById.get(d.id);
    if (!o) continue;
    if (d.kind === 'yesno') {
      if (typeof o.value === 'boolean') values.set(d.id, o.value ? '是' : '否');
      continue;
    }
    if (typeof o.value !== 'number') continue;
    values.set(d.id, o.value);
    if (o.approx) notes.push(`${d.name}原报“${o.raw || formatFigure(o)}”`);
  }
  const openOf = (sev: 'verify' | 'hint') => r.findings.filter((f) => f.severity === sev && f.status === 'open').length;
  return { unit, year: r.year, values, notes, counts: { error: openErrors(r), verify: openOf('verify'), hint: openOf('hint') }, ...(r.catalog && r.catalog !== CATALOG ? { catalog: r.catalog } : {}) };
}

function header(d: IndicatorDef): string {
  return d.unit ? `${d.name}（${d.unit}）` : d.name;
}

const COUNT_HEADERS = SEVERITY_ORDER.map((s) => `${SEVERITY_SHORT_NAMES[s]}（项）`);

/** The 合计 of additive columns (counts and amounts); rates recomputed from the summed parts. */
export function totals(rows: SummaryRow[], defs: IndicatorDef[]): Map<string, number> {
  const t = new Map<string, number>();
  for (const d of defs) {
    if (d.kind !== 'count' && d.kind !== 'amount') continue;
    let sum = 0;
    let any = false;
    for (const r of rows) {
      const v = r.values.get(d.id);
      if (typeof v === 'number') {
        sum += v;
        any = true;
      }
    }
    if (any) t.set(d.id, Math.round(sum * 1e6) / 1e6);
  }
  // A rate of the 合计 row is the rate of the 合计 parts, so the row agrees with itself.
  for (const d of defs) {
    if (d.kind !== 'rate') continue;
    const rel = rateRelation(d.id);
    if (!rel) continue;
    const p = ratePercent(t.get(rel.numerator), t.get(rel.denominator));
    if (p != null) t.set(d.id, roundHalfUp(p, 1));
  }
  return t;
}

function majorityYear(rows: SummaryRow[]): number | null {
  const count = new Map<number, number>();
  for (const r of rows) if (r.year != null) count.set(r.year, (count.get(r.year) ?? 0) + 1);
  let best: number | null = null;
  let n = 0;
  for (const [y, c] of count) if (c > n) (best = y), (n = c);
  return best;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEAD_STYLE: Partial<ExcelJS.Style> = {
  font: { name: '黑体', size: 11, bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  border: BORDER,
};
const CELL_STYLE: Partial<ExcelJS.Style> = { font: { name: '宋体', size: 11 }, border: BORDER, alignment: { vertical: 'middle' } };

/** Write the summary workbook with the streaming writer. */
export async function writeSummary(target: string, rows: SummaryRow[], unitName: string): Promise<void> {
  // every indicator some township has, as its own check knew it (the county's definitions first, then the built-in)
  const known = new Map<string, IndicatorDef>();
  for (const c of [...rows.map((r) => r.catalog), CATALOG]) for (const d of c?.indicators ?? []) if (!known.has(d.id)) known.set(d.id, d);
  const present = [...known.values()].filter((d) => rows.some((r) => r.values.has(d.id)));
  const year = majorityYear(rows);
  const yearText = year != null ? `${year}年度` : '';
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: target, useStyles: true, useSharedStrings: true });
  wb.creator = '指标审核助手 Indicator Desk';

  const info = wb.addWorksheet('基本情况');
  info.columns = [{ width: 14 }, { width: 36 }, { width: 30 }];
  const infoTitle = info.addRow([`${yearText}乡镇法治政府建设指标汇总`]);
  infoTitle.font = { name: '黑体', size: 14, bold: true };
  info.mergeCells(1, 1, 1, 3);
  infoTitle.commit();
  info.addRow(['项目', '内容', '备注']).commit();
  info.addRow(['单位名称', unitName]).commit();
  if (year != null) info.addRow(['报告年度', year]).commit();
  await info.commit();

  const ws = wb.addWorksheet('汇总表', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const headers = ['序号', '乡镇', ...present.map(header), ...COUNT_HEADERS, '备注'];
  ws.columns = headers.map((h, i) => ({ width: i === 0 ? 6 : i === 1 ? 12 : h === '备注' ? 40 : Math.min(20, Math.max(10, Math.ceil(h.length * 1.6))) }));
  const title = ws.addRow([`${yearText}乡镇法治政府建设主要指标汇总表`]);
  title.font = { name: '黑体', size: 14, bold: true };
  title.alignment = { horizontal: 'center' };
  title.height = 28;
  ws.mergeCells(1, 1, 1, headers.length);
  title.commit();
  const head = ws.addRow(headers);
  head.eachCell((c) => (c.style = HEAD_STYLE));
  head.height = 42;
  head.commit();

  rows.forEach((r, i) => {
    const cells: (Value | null)[] = [i + 1, r.unit, ...present.map((d) => r.values.get(d.id) ?? null), ...SEVERITY_ORDER.map((s) => r.counts[s]), r.notes.join('；') || null];
    const row = ws.addRow(cells);
    row.eachCell({ includeEmpty: true }, (c) => (c.style = CELL_STYLE));
    row.commit();
  });
  const t = totals(rows, present);
  const sumCount = (k: Severity) => rows.reduce((s, r) => s + r.counts[k], 0);
  const total = ws.addRow([null, '合计', ...present.map((d) => t.get(d.id) ?? null), ...SEVERITY_ORDER.map(sumCount), null]);
  total.eachCell({ includeEmpty: true }, (c) => (c.style = { ...CELL_STYLE, font: { name: '宋体', size: 11, bold: true } }));
  total.commit();
  await ws.commit();
  await wb.commit();
}

export interface MergeOutcome {
  /** Townships written. */
  rows: number;
  /** Townships with at least one open error. */
  withErrors: number;
  /** Files that could not be read, with their Chinese messages. */
  unreadable: { file: string; message: string }[];
  /** Arguments naming a file already counted (the same file, or one with identical content): counted once. */
  duplicates: { file: string; first: string; message: string }[];
}

/**
 * Read and check `files` one at a time, keep one row each, and write the summary to `out` (through a short
 * temporary name and a rename). The same file named twice (`a.xlsx`, `./a.xlsx`, a link to it) or a byte-identical
 * copy is counted once, with a warning. Throws CliFileError when the output cannot be written (checked before any
 * file is read) or when no file at all could be read; then nothing is created. Used by `merge` and the benchmark.
 */
export async function mergeFiles(
  files: string[],
  out: string,
  opts: {
    unit?: string;
    cwd?: string;
    onProgress?: (done: number, total: number, file: string) => void;
    onUnreadable?: (file: string, message: string) => void;
    onDuplicate?: (file: string, first: string, message: string) => void;
    /** Check options shared by every file (`--mapping`, `--skip-hidden`). */
    check?: CheckOptions;
  } = {},
): Promise<MergeOutcome> {
  const cwd = opts.cwd ?? process.cwd();
  const output = { target: path.resolve(cwd, out), shown: out, option: '--out', example: '汇总.xlsx' };
  const problem = outputProblem(output, cwd);
  if (problem) throw new CliFileError(problem, 'unwritable');
  const rows: SummaryRow[] = [];
  const unreadable: MergeOutcome['unreadable'] = [];
  const duplicates: MergeOutcome['duplicates'] = [];
  const byPath = new Map<string, string>();
  const byContent = new Map<string, string>();
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
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
      rows.push(summaryRow(file, result));
      // only a file that was counted makes a later one a duplicate (an unreadable one is named each time)
      byPath.set(real, file);
      byContent.set(digest, file);
    } catch (e) {
      if (!(e instanceof CliFileError)) throw e;
      unreadable.push({ file, message: e.message });
      opts.onUnreadable?.(file, e.message);
    }
  }
  if (!rows.length) throw new CliFileError('没有可以汇总的工作簿，未写出汇总表。', 'nothing');
  await writeOutputs([{ ...output, write: (tmp) => writeSummary(tmp, rows, opts.unit ?? '汇总') }]);
  return { rows: rows.length, withErrors: rows.filter((r) => r.counts.error > 0).length, unreadable, duplicates };
}

export async function runMerge(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['out', 'unit', 'mapping', 'catalog'], ['help', 'skip-hidden']);
  const check = await sharedCheckOptions(args, io.cwd);
  if (!args.positionals.length) throw new UsageError('请指定要汇总的工作簿，例如：indicator-desk merge 乡镇表/*.xlsx --out 汇总.xlsx');
  if (!args.options.out) throw new UsageError('merge 命令需要用 --out 指定汇总表的文件名，例如：--out 汇总.xlsx');
  const target = path.resolve(io.cwd, args.options.out);
  for (const f of args.positionals) {
    if (samePath(path.resolve(io.cwd, f), target)) {
      io.err(`不能用汇总表覆盖参与汇总的工作簿“${f}”：请用 --out 指定另一个文件名。`);
      return EXIT.failure;
    }
  }
  let outcome: MergeOutcome;
  try {
    outcome = await mergeFiles(args.positionals, args.options.out, {
      unit: args.options.unit,
      cwd: io.cwd,
      check,
      onProgress: (i, n, file) => io.err(`[${i + 1}/${n}] 正在读取 ${file} …`),
      onUnreadable: (_file, message) => io.err(`无法读取，未汇总：${message}`),
      onDuplicate: (_file, _first, message) => io.err(`注意：${message}`),
    });
  } catch (e) {
    if (e instanceof CliFileError) {
      io.err(e.message);
      return EXIT.failure;
    }
    throw e;
  }
  const n = outcome.unreadable.length;
  const d = outcome.duplicates.length;
  const notes = [`${outcome.rows} 个乡镇`, outcome.withErrors ? `其中 ${outcome.withErrors} 个有错误` : '', n ? `${n} 个文件无法读取未汇总` : '', d ? `${d} 个重复的文件只计一次` : ''];
  io.out(`已写出汇总表：${args.options.out}（${notes.filter(Boolean).join('，')}）。`);
  // the same codes as check: 2 a file could not be read, 1 an open error in a township's workbook
  return n ? EXIT.failure : outcome.withErrors ? EXIT.findings : EXIT.ok;
}
