/** extract → explanations → rates → rules → findings, in one call. */
import { CATALOG } from './catalog';
import { attachFigures, readExplanations } from './explanations';
import { countyInForce } from './definitions/apply';
import type { CountyDefinitions } from './definitions/types';
import { extract, type ExtractOptions } from './extract';
import { mergeMappings, readMappings, type LabelMapping, type MappingProblem } from './meaning/mapping';
import { applyExplanations, countFindings } from './findings';
import { hiddenSheetsOf, noteHiddenSheets } from './hidden';
import { ruleContext, runRules, sheetTitles } from './rules';
import { carriesMarks } from './plan/marks';
import { templateSheetOf } from './narrative/templates';
import { isToolSheet, resultKind, skippedByCheck } from './toolsheets';
import type { Catalog, CheckResult, Extraction, Workbook } from './types';
import { evaluateCustomRules } from './definitions/rules';

export interface CheckOptions {
  catalog?: Catalog;
  /** Placements of labels from outside the workbook (a county's `--mapping` file); the workbook's 指标对照 wins. */
  mappings?: LabelMapping[];
  /** Entries of that file that name no indicator: reported as `mapping-invalid` hints. */
  mappingProblems?: MappingProblem[];
  /** Report year when the workbook does not say it. */
  year?: number;
  /**
   * The user chose to apply the workbook's own `报告模板` sheet to the report (`--use-workbook-templates`, the pane's
   * switch). Otherwise such a sheet is reported as a hint: found and not applied.
   */
  workbookTemplates?: boolean;
  /**
   * Leave the township's hidden and very hidden sheets out of the check (the county's choice). By default they
   * are checked, and each finding there says the sheet is hidden.
   */
  skipHidden?: boolean;
  /**
   * The county's definitions (`--catalog`, the pane's 县级指标定义): indicators added to or overriding the catalog,
   * required ones, and 审核规则 (`custom`, `rule-invalid`; `customRules` in the result). The workbook's own
   * 指标定义/审核规则 sheets win over rows of the same name.
   */
  definitions?: CountyDefinitions;
}

export function check(whole: Workbook, opts: CheckOptions = {}): CheckResult {
  const county = countyInForce(whole, opts.definitions, opts.catalog ?? CATALOG);
  const catalog = county?.catalog ?? opts.catalog ?? CATALOG;
  const hiddenSheets = hiddenSheetsOf(whole, opts.skipHidden === true);
  const skipped = new Set(hiddenSheets.filter((h) => !h.checked).map((h) => h.sheet));
  const book: Workbook = skipped.size ? { ...whole, sheets: whole.sheets.filter((s) => !skipped.has(s.name)) } : whole;
  const own = readMappings(whole, catalog);
  const extraction = extractFigures(book, { catalog, year: opts.year, mappings: mergeMappings(opts.mappings ?? [], own.mappings) });
  const problems = [...(opts.mappingProblems ?? []), ...own.problems];
  if (problems.length) extraction.mappingProblems = problems;
  const explanations = readExplanations(whole);
  // rates are computed inside the context, over the observations in workbook order
  const ctx = ruleContext(extraction, {
    catalog,
    // the live formulas of the tool's own 计算结果 sheet have no stored result in a copy ExcelJS wrote: not the township's
    sheets: book.sheets.map((s) => ({ name: s.name, truncated: s.truncated, uncalculated: skippedByCheck(s) ? undefined : s.uncalculated, origin: s.origin })),
    titles: sheetTitles(book.sheets),
    ignoredTemplateSheet: opts.workbookTemplates ? null : (templateSheetOf(book)?.name ?? null),
    // the definitions in force: the county's with the workbook's own sheets over them
    definitions: county?.definitions,
    workbookFile: whole.name,
    county: county && { required: county.required, problems: county.problems },
  });
  const findings = applyExplanations(attachFigures(noteHiddenSheets(runRules(ctx), hiddenSheets), book, extraction.observations), explanations);
  return {
    file: whole.name,
    catalog,
    mappings: own.mappings,
    unit: extraction.unit,
    year: extraction.year,
    extraction,
    observations: extraction.observations,
    rates: ctx.rates,
    findings,
    explanations,
    counts: countFindings(findings),
    ...(carriesMarks(book, isToolSheet) ? { marked: true } : {}),
    hiddenSheets,
    ...(county ? { customRules: evaluateCustomRules(ctx).summary } : {}),
  };
}

/**
 * The workbook's figures. The tool's 汇总表 is a county summary read like any other (the county workbook checked
 * again, or merged into a prefecture's) — unless the workbook holds the townships' own figures beside it (one sheet
 * per township, where 汇总各乡镇 wrote it): there it repeats them, and reading it again would report every
 * township's figure twice and each rate it restates as a second, different figure.
 */
function extractFigures(book: Workbook, opts: ExtractOptions): Extraction {
  const derived = book.sheets.filter((g) => isToolSheet(g) && resultKind(g.name) === 'countySummary').map((g) => g.name);
  if (derived.length) {
    const without = extract({ ...book, sheets: book.sheets.filter((g) => !derived.includes(g.name)) }, opts);
    if (without.sheetTownships != null) {
      for (const sheet of derived) without.tables.push({ sheet, layout: 'results', headerRow: null, labelCol: null, valueCols: [] });
      return without;
    }
  }
  return extract(book, opts);
}

/** Several workbooks, each on its own. */
export function checkMany(books: Workbook[], opts: CheckOptions = {}): CheckResult[] {
  return books.map((b) => check(b, opts));
}
