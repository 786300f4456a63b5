/** Every rate the catalog defines, recomputed from its parts wherever they are present. */
import { CATALOG } from '../catalog';
import { formatPercent, ratePercent } from '../rate';
import type { Catalog, ComputedRate, Observation, Relation } from '../types';
import { rateVerdict } from './relations';
import { firstFigure, groupObservations, isApprox, num, summaryMembers, totalPairsUp, type ObsGroup } from './util';

/**
 * For every catalog `rate` relation and every (entity, period) group where numerator and denominator are
 * figures: the rate through `ratePercent`/`formatPercent` only (null and `—` when the denominator is 0).
 * The parts on the reported rate's sheet are used, else the first figure of each part in the group, in the
 * order given (`ruleContext` passes workbook order); a second, different figure is `conflicting-values`.
 * `reported` is the group's own observation of the rate (a figure or a coverage word first), if any.
 * A summary's 合计 row whose township rows do not pair the two parts up (`totalPairsUp`) gets a rate only where
 * the 合计 row reports that very rate: its rate is otherwise over a subset of the townships (as `merge` writes it),
 * which the column sums cannot recompute — not evaluated, and never drafted from sums over different townships.
 */
function pick(group: ObsGroup, indicator: string, sheet: string | undefined): Observation | undefined {
  return (sheet ? group.of(indicator).find((o) => o.sheet === sheet && num(o) != null) : undefined) ?? firstFigure(group, indicator);
}

/** `groups`: the observations already grouped (`groupObservations`), when the caller has them. */
export function computeRates(observations: Observation[], catalog: Catalog = CATALOG, groups = groupObservations(observations)): ComputedRate[] {
  const relations = catalog.relations.filter((r): r is Extract<Relation, { kind: 'rate' }> => r.kind === 'rate');
  const out: ComputedRate[] = [];
  const members = summaryMembers(observations);
  for (const group of groups) {
    for (const rel of relations) {
      const ofRate = group.of(rel.rate).filter((o) => o.kind !== 'absent');
      const reported = ofRate.find((o) => num(o) != null || o.coverage) ?? ofRate[0] ?? null;
      // the parts that stand beside the reported rate (same sheet) before those elsewhere in the workbook
      const numerator = pick(group, rel.numerator, reported?.sheet);
      const denominator = pick(group, rel.denominator, reported?.sheet ?? numerator?.sheet);
      if (!numerator || !denominator) continue;
      const value = ratePercent(num(numerator), num(denominator));
      const rate: ComputedRate = {
        indicator: rel.rate,
        entity: numerator.entity,
        period: numerator.period,
        year: numerator.year ?? denominator.year,
        numerator,
        denominator,
        value,
        display: value == null ? '—' : formatPercent(value),
        approx: isApprox(numerator) || isApprox(denominator),
        reported,
      };
      // a 合计 rate over a subset of the townships: kept only where the 合计 row itself says this very rate
      const subset = !totalPairsUp(members, numerator, [rel.numerator, rel.denominator], { part: rel.numerator, whole: rel.denominator });
      if (subset && rateVerdict(rate).kind !== 'agrees') continue;
      out.push(rate);
    }
  }
  return out;
}
