/**
 * The page's county consolidation (issue 14): every open workbook checked and consolidated by src/core/county,
 * exactly as `indicator-desk merge` does, in the browser — each file checked with the county's definitions in use
 * (the 县级指标定义 panel, as `merge --catalog`), the summary laid out by every indicator those checks knew, and a
 * file that cannot be read listed as 无法读取 with its reason. Loaded as its own chunk (and by the check worker,
 * which answers a file's `CountyPart` instead of its whole check). The county workbook is the same WritePlan
 * (countyPlan) the CLI writes; only the writer differs.
 */
import { CATALOG } from '../core/catalog';
import { check } from '../core/check';
import {
  consolidate,
  countyCatalog,
  countyInput,
  countyPlan,
  countyReport,
  CountyRoundError,
  emptyListMessage,
  listIsText,
  listTextOfBook,
  parseExpectedList,
  failedInput,
  fileStem,
  readPreviousRound,
  townshipKey,
  roundYearProblem,
  unreadableInput,
  type County,
  type CountyInput,
  type ExpectedList,
  type PreviousRound,
} from '../core/county';
import type { CountyDefinitions } from '../core/definitions/types';
import type { Catalog, CheckResult, Report, Workbook, WritePlan } from '../core/types';

/** What the county keeps of one checked file (core/county/rows.ts), and the catalog its check used (null: the built-in one). */
export interface CountyPart {
  input: CountyInput;
  catalog: Catalog | null;
}

export interface CountyOutcome {
  county: County;
  report: Report;
  plan: WritePlan;
  /**
   * Per cross-township finding (by id), the files of the township it is about, as the county lists them — the file
   * holding its cell, and for a township sent twice both files; none for a finding about no township's file.
   */
  findingFiles: Record<string, string[]>;
  /** Last year's files not used for the comparison, each named with why (another year than the one before the county's). */
  previousProblems: string[];
}

/** The files of the township each of the county's findings is about (its entity), in input order. */
function findingFilesOf(county: County): Record<string, string[]> {
  const rows = [...county.rows.map((r) => r.row), ...county.refused.map((r) => r.row)];
  const out: Record<string, string[]> = {};
  for (const f of county.findings) {
    if (!f.entity) continue;
    const key = townshipKey(f.entity);
    const files = county.inputs.map((i) => i.file).filter((file) => rows.some((r) => r.file === file && r.key === key));
    if (files.length) out[f.id] = files;
  }
  return out;
}

/**
 * One file's part of the county, from its check (the same call as `merge` makes for every file). `file` is the name
 * the county lists it under (the page's label), `name` the file's own name (the township's name when its workbook
 * names none).
 */
export function countyPartOf(file: string, name: string, result: CheckResult): CountyPart {
  return { input: countyInput(file, fileStem(name), result), catalog: result.catalog === CATALOG ? null : (result.catalog ?? null) };
}

/** The check `merge` makes of each file: the built-in rules, hidden sheets checked, the county's definitions if any. */
export function countyPartOfBook(file: string, book: Workbook, definitions?: CountyDefinitions | null): CountyPart {
  return countyPartOf(file, book.name, check(book, definitions ? { definitions } : {}));
}

/** A file that could not be read or checked: a row of 审核情况 (无法读取, with `message`), never dropped. */
export function unreadablePart(file: string, message: string): CountyPart {
  return { input: unreadableInput(file, message), catalog: null };
}

/**
 * A file whose check failed with an error (in the check worker or in countyPartOfBook — not the reader refusing
 * it): a row of 审核情况 saying 检查出错 in Chinese, naming the file and the sheet and cell the error carries, with
 * what to do; the error's own words kept as the input's `failure` (the page shows them beside the row).
 */
export function failedPart(file: string, err: unknown): CountyPart {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { name?: unknown; message?: unknown; sheet?: unknown; cell?: unknown };
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const message = text(e.message) || (typeof err === 'string' ? err.trim() : '');
  const name = text(e.name);
  const detail = name && name !== 'Error' && !message.startsWith(name) ? `${name}: ${message}` : message || String(err);
  const where = text(e.sheet) ? { sheet: text(e.sheet), cell: text(e.cell) } : null;
  return { input: failedInput(file, detail, where), catalog: null };
}

/** What the county is asked besides its files: the panel's 乡镇名单, 去年的文件 and 报告年度 (as merge's options). */
export interface ConsolidatePageOptions {
  unit?: string;
  /** 与上次比较 (`merge --since`). */
  previousRound?: PreviousRound | null;
  /** 乡镇名单 (`merge --expect`). */
  expect?: ExpectedList | null;
  /** 去年的文件 (`merge --previous`), checked like the others. */
  previous?: CountyPart[];
  /** 报告年度 (`merge --year`); default the year most files give. */
  year?: number | null;
}

/**
 * The county over the parts, in the order given: its summary, narrative and workbook — compared with the previous
 * round when one is given (与上次比较, as `merge --since`); a previous round of another report year is not compared
 * and `sinceProblem` says why. Last year's files are compared only where they are of the year before the county's:
 * one of another year is left out, and `previousProblems` names it.
 */
export function consolidateParts(parts: CountyPart[], opts: ConsolidatePageOptions = {}): CountyOutcome & { sinceProblem?: string } {
  const base = { unit: opts.unit, catalog: countyCatalog(parts.map((p) => p.catalog)), expect: opts.expect ?? undefined, ...(opts.year != null ? { year: opts.year } : {}) };
  const inputs = parts.map((p) => p.input);
  const lastYear = (opts.previous ?? []).flatMap((p) => p.input.rows);
  let county = consolidate(inputs, { ...base, previous: lastYear, previousRound: opts.previousRound });
  const previousProblems: string[] = [];
  const want = county.year != null ? county.year - 1 : null;
  const wrong = want == null ? [] : lastYear.filter((r) => r.year != null && r.year !== want);
  for (const r of wrong) previousProblems.push(`“${r.file}”（${r.township}）是${r.year}年度的工作簿，不是上一年度（${want}年度）的，没有用于同比。`);
  const previous = lastYear.filter((r) => !wrong.includes(r));
  const sinceProblem = opts.previousRound ? roundYearProblem(opts.previousRound, county.year) : null;
  if (sinceProblem || wrong.length) county = consolidate(inputs, { ...base, previous, previousRound: sinceProblem ? null : opts.previousRound });
  const report = countyReport(county);
  return { county, report, plan: countyPlan(county, report), findingFiles: findingFilesOf(county), previousProblems, ...(sinceProblem ? { sinceProblem } : {}) };
}

/** The townships of a 乡镇名单 (pasted, a .txt, or a sheet's text): the core's parser, the CLI's too. */
export { emptyListMessage, listIsText, listTextOfBook, parseExpectedList };

/** The previous round from a county workbook the page or `merge` wrote (its 审核明细), or why it cannot be one. */
export function previousRoundOf(book: Workbook, file: string): PreviousRound | { error: string } {
  try {
    return readPreviousRound(book, file);
  } catch (e) {
    if (e instanceof CountyRoundError) return { error: e.message };
    throw e;
  }
}
