/** The one value parser. STUB — signatures fixed; implementation in progress. */
import type { Cell, ParseContext, ParsedValue } from './types';

/** Read any raw cell as what it means. Never throws. */
export function parseValue(cell: Cell, ctx: ParseContext = {}): ParsedValue {
  void cell; void ctx;
  throw new Error('not implemented');
}

/** `二十` → 20, `一百二十` → 120, `百` → 100, `３０` → 30; null when not a number. */
export function parseChineseNumber(s: string): number | null {
  void s;
  throw new Error('not implemented');
}

/** A raw cell as the text a user sees (errors as their code, booleans as 是/否? no: TRUE/FALSE). */
export function cellText(cell: Cell): string {
  void cell;
  throw new Error('not implemented');
}
