/** Every rate the catalog defines, recomputed from its parts wherever they are present. */
import { CATALOG } from '../catalog';
import { formatPercent, ratePercent } from '../rate';
import type { Catalog, ComputedRate, Observation, Relation } from '../types';
import { firstFigure, groupObservations, isApprox, num, type ObsGroup } from './util';

/**
 * For every catalog `rate` relation and every (entity, period) group where numerator and denominator are
 * figures: the rate through `ratePercent`/`formatPercent` only (null and `—` when the denominator is 0).
 * The parts on the reported rate's sheet are used, else the first figure of each part in the group, in the
 * order given (`ruleContext` passes workbook order); a second, different figure is `conflicting-values`.
 * `reported` is the group's own observation of the rate (a figure or a coverage word first), if any.
 */
function pick(group: ObsGroup, indicator: string, sheet: string | undefined): Observation | undefined {
  return (sheet ? group.of(indicator).find((o) => o.sheet === sheet && num(o) != null) : undefined) ?? firstFigure(group, indicator);
}

/** `groups`: the observations already grouped (`groupObservations`), when the caller has them. */
export function computeRates(observations: Observation[], catalog: Catalog = CATALOG, groups = groupObservations(observations)): ComputedRate[] {
  const relations = catalog.relations.filter((r): r is Extract<Relation, { kind: 'rate' }> => r.kind === 'rate');
  const out: ComputedRate[] = [];
  for (const group of groups) {
    for (const rel of relations) {
      const ofRate = group.of(rel.rate).filter((o) => o.kind !== 'absent');
      const reported = ofRate.find((o) => num(o) != null || o.coverage) ?? ofRate[0] ?? null;
      // the parts that stand beside the reported rate (same sheet) before those elsewhere in the workbook
      const numerator = pick(group, rel.numerator, reported?.sheet);
      const denominator = pick(group, rel.denominator, reported?.sheet ?? numerator?.sheet);
      if (!numerator || !denominator) continue;
      const value = ratePercent(num(numerator), num(denominator));
      out.push({
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
      });
    }
  }
  return out;
}
