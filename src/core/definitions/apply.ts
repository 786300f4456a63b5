/**
 * The county's definitions a check uses: those given (a county file: `--catalog`, the pane's 县级指标定义) with the
 * checked workbook's own 指标定义/审核规则 sheets over them — a row of the workbook wins over the file's row of the
 * same indicator (or the same rule), the file's other rows still apply.
 */
import { normalizeLabel } from '../meaning/normalize';
import type { Catalog, Workbook } from '../types';
import { catalogWithDefinitions, type EffectiveCatalog } from './catalog';
import { readDefinitionSheets } from './read';
import type { CountyDefinitions, DefinitionProblem } from './types';

export interface CountyCheck extends EffectiveCatalog {
  /** The definitions in force (the file's, the workbook's, or both merged). */
  definitions: CountyDefinitions;
  problems: (DefinitionProblem & { inWorkbook?: boolean })[];
}

/** `county` with `own` over it: own rows replace the county's rows of the same indicator name / rule text. */
export function mergeDefinitions(county: CountyDefinitions | undefined, own: CountyDefinitions | null): CountyDefinitions | undefined {
  if (!own) return county;
  if (!county) return own;
  const ownNames = new Set(own.indicators.map((r) => normalizeLabel(r.name)));
  const ownRules = new Set(own.rules.map((r) => r.text.replace(/\s+/g, '')));
  return {
    name: `${county.name}（及工作簿中的${own.name}）`,
    ...(county.loadedAt ? { loadedAt: county.loadedAt } : {}),
    indicators: [...county.indicators.filter((r) => !ownNames.has(normalizeLabel(r.name))), ...own.indicators],
    rules: [...county.rules.filter((r) => !ownRules.has(r.text.replace(/\s+/g, ''))), ...own.rules],
    problems: [...(county.problems ?? []), ...(own.problems ?? [])],
  };
}

/** The definitions in force for `book`, and the catalog they make; null when neither the file nor the workbook has any. */
export function countyInForce(book: Workbook, given: CountyDefinitions | undefined, base: Catalog): CountyCheck | null {
  const own = readDefinitionSheets(book, book?.name || '本工作簿');
  const ownDefs = own.found ? { ...own.definitions, problems: own.problems } : null;
  const defs = mergeDefinitions(given, ownDefs);
  if (!defs) return null;
  const eff = catalogWithDefinitions(defs, base);
  const ownProblems = new Set(own.problems);
  return {
    ...eff,
    definitions: defs,
    problems: eff.problems.map((p) => (ownProblems.has(p) || (ownDefs && isOwnRow(p, ownDefs)) ? { ...p, inWorkbook: true } : p)),
  };
}

function isOwnRow(p: DefinitionProblem, own: CountyDefinitions): boolean {
  return own.indicators.some((r) => r.at === p.at) || own.rules.some((r) => r.at === p.at);
}
