/** Narrative: one paragraph per report section, from templates kept as data. STUB — signatures fixed. */
import type { CheckResult, Report } from '../types';

/** A county's template overrides, by indicator group (see templates.ts for the shape). */
export type TemplateSet = unknown;

export interface ReportOptions {
  templates?: TemplateSet;
  /** Date for the signature block when the workbook has none, e.g. `2024年1月8日`. */
  date?: string;
}

export function buildReport(result: CheckResult, opts: ReportOptions = {}): Report {
  void result; void opts;
  throw new Error('not implemented');
}
