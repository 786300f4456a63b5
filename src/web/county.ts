/**
 * The page's county consolidation (issue 14): every open workbook checked and consolidated by src/core/county,
 * exactly as `indicator-desk merge` does, in the browser. Loaded as its own chunk when two or more workbooks are
 * open. The county workbook is the same WritePlan (countyPlan) the CLI writes; only the writer differs.
 */
import { check } from '../core/check';
import { consolidate, countyInput, countyPlan, countyReport, unreadableInput, type County, type CountyInput } from '../core/county';
import type { Report, Workbook, WritePlan } from '../core/types';

export interface CountySource {
  /** The file name as the page lists it. */
  file: string;
  /** Its workbook, or why it could not be read. */
  book: Workbook | { error: string };
}

export interface CountyOutcome {
  county: County;
  report: Report;
  plan: WritePlan;
}

/** `纸坊镇-2023-指标.xlsx` → `纸坊镇-2023-指标`: the township's name when its workbook names none (as merge). */
function stem(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || file;
}

export function consolidateBooks(sources: CountySource[], opts: { unit?: string } = {}): CountyOutcome {
  const inputs: CountyInput[] = sources.map((s) =>
    'error' in s.book ? unreadableInput(s.file, s.book.error) : countyInput(s.file, stem(s.file), check(s.book)),
  );
  const county = consolidate(inputs, { unit: opts.unit });
  const report = countyReport(county);
  return { county, report, plan: countyPlan(county, report) };
}
