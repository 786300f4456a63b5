/** What every rule function receives. */
import { a1 } from '../address';
import { CATALOG, indicatorById } from '../catalog';
import { skippedByCheck } from '../toolsheets';
import type { Catalog, ComputedRate, Extraction, Grid, IndicatorDef, Observation } from '../types';
import type { CountyDefinitions, DefinitionProblem, DefinitionSource } from '../definitions/types';
import { computeRates } from './rates';
import { groupObservations, sortObservations, type ObsGroup } from './util';

/** What the adapter said about a sheet, beyond its cells. */
export type SheetFacts = Pick<Grid, 'name' | 'truncated' | 'uncalculated' | 'origin'>;

/** A title-like cell of a sheet (`前营乡2023年法治政府建设指标`), for the year rule. */
export interface SheetTitle {
  sheet: string;
  cell: string;
  text: string;
}

export interface RuleContext {
  extraction: Extraction;
  /** The extraction's observations in sheet order, row, column. */
  observations: Observation[];
  rates: ComputedRate[];
  /** `observations` by (entity, period) (`groupKey`), each indexed by indicator; shared by the relation rules. */
  groups: ObsGroup[];
  catalog: Catalog;
  defs: Map<string, IndicatorDef>;
  /** Report year (extraction's). */
  year: number | null;
  /** Sheet names in workbook order. */
  sheetOrder: string[];
  /** Sheets with what the adapter said about them: truncation, uncalculated formulas, where the grid starts. */
  sheets: SheetFacts[];
  titles: SheetTitle[];
  /** A `报告模板` sheet found in the workbook and not applied to the report (the user did not choose it). */
  ignoredTemplateSheet: string | null;
  /** The county's definitions: their 审核规则 run as `custom` / `rule-invalid` (definitions/rules.ts). */
  definitions?: CountyDefinitions;
  /** The checked workbook's file name: a rule written in it is named without the file; messages about the whole workbook name it. */
  workbookFile?: string;
  /** The county's definitions in force (issue 12): null without any. */
  county: CountyInForce | null;
}

/** What the rules need of the county's definitions: the indicators it marks 必填, and its rows that did not apply. */
export interface CountyInForce {
  required: Map<string, DefinitionSource>;
  /** `inWorkbook`: the row is on the checked workbook's own 指标定义/审核规则 sheet (the finding points at its cell). */
  problems: (DefinitionProblem & { inWorkbook?: boolean })[];
}

export interface ContextOptions {
  catalog?: Catalog;
  rates?: ComputedRate[];
  /** The workbook's sheets (names, truncation, uncalculated formulas, origin), in order. */
  sheets?: SheetFacts[];
  titles?: SheetTitle[];
  /** A `报告模板` sheet found in the workbook and not applied to the report. */
  ignoredTemplateSheet?: string | null;
  definitions?: CountyDefinitions;
  workbookFile?: string;
  county?: CountyInForce | null;
}


export function ruleContext(extraction: Extraction, opts: ContextOptions = {}): RuleContext {
  const catalog = opts.catalog ?? CATALOG;
  const order: string[] = [];
  const seen = new Set<string>();
  const add = (s: string) => {
    if (seen.has(s)) return;
    seen.add(s);
    order.push(s);
  };
  for (const s of opts.sheets ?? []) add(s.name);
  for (const t of extraction.tables) add(t.sheet);
  for (const o of extraction.observations) add(o.sheet);
  const observations = sortObservations(extraction.observations, order);
  const groups = groupObservations(observations);
  return {
    extraction,
    observations,
    rates: opts.rates ?? computeRates(observations, catalog, groups),
    groups,
    catalog,
    defs: indicatorById(catalog),
    year: extraction.year,
    sheetOrder: order,
    sheets: opts.sheets ?? [],
    titles: opts.titles ?? [],
    ignoredTemplateSheet: opts.ignoredTemplateSheet ?? null,
    ...(opts.definitions ? { definitions: opts.definitions } : {}),
    ...(opts.definitions || opts.workbookFile != null ? { workbookFile: opts.workbookFile ?? '' } : {}),
    county: opts.county ?? null,
  };
}

/** The first row of each sheet when it is a lone cell mentioning a year: the sheet titles. */
export function sheetTitles(sheets: Grid[], maxRows = 3): SheetTitle[] {
  const out: SheetTitle[] = [];
  for (const g of sheets) {
    if (skippedByCheck(g)) continue;
    const r0 = g.origin?.row ?? 0;
    const c0 = g.origin?.col ?? 0;
    // the sheet's first non-empty row, when it is a lone title cell (a list item or a sentence is not a title)
    for (let r = 0; r < Math.min(maxRows, g.rows.length); r++) {
      const filled = (g.rows[r] ?? [])
        .map((v, c) => ({ v, c }))
        .filter(({ v }) => v != null && !(typeof v === 'string' && v.trim() === ''));
      if (filled.length === 0) continue;
      if (filled.length === 1 && typeof filled[0].v === 'string') {
        const text = filled[0].v.trim();
        if (text.length >= 6 && /(?:19|20)\d{2}\s*年/.test(text) && !/[。；;]/.test(text)) {
          out.push({ sheet: g.name, cell: a1(r0 + r, c0 + filled[0].c), text });
        }
      }
      break;
    }
  }
  return out;
}
