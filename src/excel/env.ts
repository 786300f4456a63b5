/**
 * What the Excel adapter needs to know about the host it runs in: which ExcelApi requirement sets exist.
 * In Office this is `Office.context.requirements.isSetSupported`; tests pass their own.
 */
export interface ExcelEnv {
  /** True when the host implements requirement set `name` at `version` or later. */
  isSetSupported(name: string, version: string): boolean;
}

/**
 * The ExcelApi version the manifest requires; everything newer is detected at run time.
 * The adapter's own calls need 1.7 (getRangeByIndexes, hyperlinks, freeze panes, tab colours, workbook
 * protection; getItemOrNullObject/getUsedRangeOrNullObject are 1.4). 1.9 is required because it is the line
 * that separates the hosts that can run the pane at all: the perpetual Office 2016/2019 builds stop at ExcelApi
 * 1.8 and run add-ins in Internet Explorer 11 / EdgeHTML webviews, where React 19 and Fluent UI v9 do not start.
 */
export const MIN_EXCEL_API = '1.9';

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
  /** Worksheet.notes — a CellSpec.note is a classic note with it, a comment (1.10) without it. */
  notes: '1.18',
} as const;

export function officeEnv(): ExcelEnv {
  return {
    isSetSupported(name: string, version: string): boolean {
      try {
        return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported(name, version);
      } catch {
        return false; // feature detection: no Office (a test, a plain browser) is a host without the set
      }
    },
  };
}

export function excelApi(env: ExcelEnv, version: string): boolean {
  return env.isSetSupported('ExcelApi', version);
}
