// Developer aid: how labels are placed. `npx ts-node --transpile-only scripts/diag-place.ts '标签|上级|单位' …`
import { placeLabel } from '../src/core/meaning/place';
for (const l of process.argv.slice(2)) {
  const [lab, parent, unit, sheet] = l.split('|');
  const p = placeLabel(lab, { parent: parent || undefined, unit: unit || undefined, sheet: sheet || undefined });
  console.log(l, '→', p.status, p.status === 'placed' ? p.id : p.status === 'ambiguous' ? p.candidates.join(',') : p.suggestions.join(','), '|', p.explain);
}
