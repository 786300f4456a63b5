/** extract → rules → findings, in one call. STUB — signatures fixed; implementation in progress. */
import type { Catalog, CheckResult, Workbook } from './types';

export interface CheckOptions {
  catalog?: Catalog;
  year?: number;
}

export function check(book: Workbook, opts: CheckOptions = {}): CheckResult {
  void book; void opts;
  throw new Error('not implemented');
}
