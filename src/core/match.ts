/** Label matching against the catalog. STUB — signatures fixed; implementation in progress. */
import type { Catalog } from './types';

export type LabelMatch =
  | { id: string; score: number; via: 'name' | 'synonym' | 'similar' }
  | { id: null; score: number; suggestion: { id: string; name: string; score: number } | null };

/** Normalise a label for comparison: full-width → half-width, drop punctuation, brackets, quotes, numbering, units. */
export function normalizeLabel(label: string): string {
  void label;
  throw new Error('not implemented');
}

/** Place a label in the catalog. */
export function matchLabel(label: string, catalog?: Catalog): LabelMatch {
  void label; void catalog;
  throw new Error('not implemented');
}

/** The unit written in a header or label: `行政村数（个）` → `个`, `罚没款(万元)` → `万元`; null if none. */
export function unitInLabel(label: string): string | null {
  void label;
  throw new Error('not implemented');
}
