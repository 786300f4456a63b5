/**
 * What the Excel adapter needs to know about the host it runs in: which ExcelApi requirement sets exist.
 * In Office this is `Office.context.requirements.isSetSupported`; tests pass their own.
 */
export interface ExcelEnv {
  /** True when the host implements requirement set `name` at `version` or later. */
  isSetSupported(name: string, version: string): boolean;
}

/** The ExcelApi version the manifest requires; everything newer is detected at run time. */
export const MIN_EXCEL_API = '1.7';

/** Requirement sets the adapter uses when present (and what it does without them). */
export const OPTIONAL_API = {
  /** application.suspendApiCalculationUntilNextSync — skipped without it. */
  suspendCalculation: '1.6',
  /** application.suspendScreenUpdatingUntilNextSync, RangeFill.pattern — skipped / fill colour alone. */
  screenUpdatingAndFillPattern: '1.9',
  /** Threaded comments on marked cells — marks are fills only without it. */
  comments: '1.10',
  /** Range.getMergedAreasOrNullObject — merges are not reported without it. */
  mergedAreas: '1.13',
} as const;

export function officeEnv(): ExcelEnv {
  return {
    isSetSupported(name: string, version: string): boolean {
      try {
        return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported(name, version);
      } catch {
        return false;
      }
    },
  };
}

export function excelApi(env: ExcelEnv, version: string): boolean {
  return env.isSetSupported('ExcelApi', version);
}
