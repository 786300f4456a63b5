/** Every rate the catalog defines, recomputed from its parts wherever they are present. */
import { CATALOG } from '../catalog';
import { formatPercent, ratePercent } from '../rate';
import type { Catalog, ComputedRate, Observation, Relation } from '../types';
import { firstNumeric, groupBy, groupKey, isApprox, num } from './util';

/**
 * For every catalog `rate` relation and every (entity, period) group where numerator and denominator are
 * figures: the rate through `ratePercent`/`formatPercent` only (null and `—` when the denominator is 0).
 * The first figure of an indicator in the group is used (a second, different one is `conflicting-values`).
 * `reported` is the group's own observation of the rate (a figure or a coverage word first), if any.
 */
export function computeRates(observations: Observation[], catalog: Catalog = CATALOG): ComputedRate[] {
  const relations = catalog.relations.filter((r): r is Extract<Relation, { kind: 'rate' }> => r.kind === 'rate');
  const out: ComputedRate[] = [];
  for (const group of groupBy(observations, groupKey).values()) {
    for (const rel of relations) {
      const numerator = firstNumeric(group, rel.numerator);
      const denominator = firstNumeric(group, rel.denominator);
      if (!numerator || !denominator) continue;
      const value = ratePercent(num(numerator), num(denominator));
      const ofRate = group.filter((o) => o.indicator === rel.rate && o.kind !== 'absent');
      const reported = ofRate.find((o) => num(o) != null || o.coverage) ?? ofRate[0] ?? null;
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
