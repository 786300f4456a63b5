/**
 * The meaning of indicator labels: a lexicon of facets (lexicon.ts), a reader of labels into facets (facets.ts),
 * and the placement of a label on an indicator from its facets and context (place.ts). Host-neutral, pure.
 */
export { placeLabel } from './place';
export type { LabelContext, Placement, PlacedVia } from './place';
export { readFacets } from './facets';
export type { Facets } from './facets';
export { normalizeLabel, stripNumbering, stripTimePhrase } from './normalize';
