/** Table extraction. STUB — signatures fixed; implementation in progress. */
import type { Catalog, Extraction, Workbook } from '../types';

export interface ExtractOptions {
  catalog?: Catalog;
  /** Report year when the workbook does not say it. */
  year?: number;
}

export function extract(book: Workbook, opts: ExtractOptions = {}): Extraction {
  void book; void opts;
  throw new Error('not implemented');
}
