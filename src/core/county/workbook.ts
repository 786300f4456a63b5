/**
 * The county's inputs inside ONE workbook, as the pane sees it: a workbook with one sheet per township (a common
 * county practice) or a county summary sheet. Each township sheet is checked on its own and named by what it says
 * (its title's 单位) or else by its sheet name; a summary sheet's rows are townships (rows.ts). The county sheets
 * this module writes (审核情况, 汇总表, 汇总报告文稿) are the tool's own (core/toolsheets.ts, by name and content)
 * and never read back as inputs, so writing them again replaces them instead of summing the county into itself.
 */
import { check, type CheckOptions } from '../check';
import { isToolSheet } from '../toolsheets';
import { CATALOG } from '../catalog';
import type { Catalog, CheckResult, Workbook } from '../types';
import { COUNTY_SHEETS } from './plan';
import { countyInput, townshipKey, type CountyInput } from './rows';

/** The inputs of a county workbook: its summary sheet as one input, or each sheet with figures as one. */
export function countyInputsOfWorkbook(book: Workbook, opts: CheckOptions = {}): CountyInput[] {
  return inputsOf(book, opts).inputs;
}

function inputsOf(book: Workbook, opts: CheckOptions, checked?: CheckResult): { inputs: CountyInput[]; whole: CheckResult; only?: string } {
  const sheets = book.sheets.filter((g) => !isToolSheet(g));
  // the pane's own check of the same sheets with the same options is this check: not run twice
  const whole = checked && sheets.length === book.sheets.length ? checked : check({ ...book, sheets }, opts);
  // a summary sheet's rows are townships; one sheet per township (extract's sheetTownships) is checked sheet by sheet
  const bySheet = whole.extraction.sheetTownships != null;
  if (!bySheet && whole.observations.some((o) => o.entity != null && !o.isTotal)) return { inputs: [countyInput(book.name, book.name, whole)], whole };
  const withFigures = new Set(whole.observations.filter((o) => o.value != null).map((o) => o.sheet));
  if (withFigures.size === 1) return { inputs: [countyInput(book.name, book.name, whole)], whole, only: [...withFigures][0] }; // one unit
  const year = opts.year ?? whole.year ?? undefined;
  // whose each sheet is, as the check of the whole workbook decided it (one decision: check and 汇总 name it alike)
  const decided = new Map((whole.extraction.sheetTownships ?? []).map((x) => [x.sheet, x.township]));
  const inputs: CountyInput[] = [];
  for (const g of sheets) {
    const own = check({ name: book.name, sheets: [g] }, { ...opts, ...(year != null ? { year } : {}) });
    if (!own.observations.some((o) => o.value != null)) continue; // 基本情况, a notes sheet: no township here
    // a county's own summary sheet beside the township sheets restates them: the township sheets are the source
    // (the check of the whole workbook holds each summary row against its township's sheet)
    if (decided.size && !decided.has(g.name) && own.observations.some((o) => o.entity != null && !o.isTotal)) continue;
    const town = decided.get(g.name);
    const result = town && own.unit?.trim() !== town ? { ...own, unit: town } : own;
    inputs.push(countyInput(`${book.name}‘${g.name}’表`, g.name, result));
  }
  return { inputs, whole };
}

/** A sheet name that names a township by itself (`柳河镇`, `城关街道`, `周营镇人民政府`). */
const TOWNSHIP_NAME = /(镇|乡|街道|苏木)$/;

export type CountyWorkbook =
  | {
      ok: true;
      kind: 'summary' | 'sheets';
      inputs: CountyInput[];
      /** The catalog the sheets were checked with (the county's definitions, when given). */
      catalog: Catalog;
      /** The county the workbook names (its 单位名称 or title), when that is no township: titles and the narrative. */
      unit: string | null;
    }
  | { ok: false; reason: string };

/**
 * Whether the pane may offer 汇总各乡镇 on `book`, and its inputs: a county summary sheet (one row per township),
 * or two or more townships each on a sheet of its own — every sheet with figures named as a township by its title
 * (单位) or by its sheet name. A township's own workbook (its sections on several sheets) is not one: the reason
 * says so in one sentence naming the file and what a county workbook needs. So does a sheet of the workbook's own
 * that bears the name of a county sheet (a county's summary is often called 汇总表): it is never replaced.
 * `checked`: the check of `book` with `opts` already made (the pane's), reused when the book holds no tool sheet.
 */
export function countyWorkbook(book: Workbook, opts: CheckOptions = {}, checked?: CheckResult): CountyWorkbook {
  const file = book.name || '本工作簿';
  const need = '汇总各乡镇需要每个乡镇一张工作表（表名或表头标题写明乡镇），或一张每个乡镇一行的汇总表';
  const { inputs, whole, only } = inputsOf(book, opts, checked);
  const named = whole.unit?.trim() || null;
  const found = { catalog: whole.catalog ?? CATALOG, unit: named && !TOWNSHIP_NAME.test(townshipKey(named)) ? named : null };
  const taken = book.sheets.filter((g) => (COUNTY_SHEETS as readonly string[]).includes(g.name.trim()) && !isToolSheet(g)).map((g) => `“${g.name}”`);
  const blocked = taken.length
    ? `“${file}”中已有名为${taken.join('、')}的工作表，且不是本工具生成的；汇总各乡镇要写入同名的表，请先把它改名（如“乡镇汇总”）再汇总。`
    : null;
  if (inputs.length === 1 && inputs[0].status.kind === 'summary') return blocked ? { ok: false, reason: blocked } : { ok: true, kind: 'summary', inputs, ...found };
  if (!inputs.length) return { ok: false, reason: `“${file}”中没有找到指标数字；${need}。` };
  if (only != null) return { ok: false, reason: `“${file}”只有‘${only}’一张工作表有指标数字，没有可汇总的乡镇；${need}。` };
  const unnamed = inputs.find((i) => i.rows[0].nameFromFile && !TOWNSHIP_NAME.test(townshipKey(i.rows[0].township)));
  if (unnamed) {
    const sheet = unnamed.rows[0].township;
    return { ok: false, reason: `“${file}”的‘${sheet}’表没有写明是哪个乡镇的，本工作簿看来是一个单位的指标；${need}。` };
  }
  const keys = [...new Set(inputs.map((i) => i.rows[0].key))];
  if (keys.length < 2) {
    return { ok: false, reason: `“${file}”只有“${inputs[0].rows[0].township}”一个单位的指标，没有可汇总的乡镇；${need}。` };
  }
  return blocked ? { ok: false, reason: blocked } : { ok: true, kind: 'sheets', inputs, ...found };
}
