/**
 * Label matching for extraction — an adapter over the meaning model (src/core/meaning/place.ts), which decides —
 * and reading section headings.
 */
import { CATALOG } from './catalog';
import type { Catalog, SectionId } from './types';
import { parseChineseNumber } from './numerals';
import { TABLE_UNIT_WORDS } from './value';
import { CN_NUM } from './meaning/normalize';
import { placeLabel, type LabelContext, type PlacedVia } from './meaning/place';
import type { LabelMapping } from './meaning/mapping';
export { normalizeLabel, stripTimePhrase } from './meaning/normalize';

export type LabelMatch =
  | { id: string; score: number; via: PlacedVia; explain: string }
  | {
      id: null;
      score: number;
      suggestion: { id: string; name: string; score: number } | null;
      /** Several indicators fit and the context does not settle which. */
      candidates?: string[];
      /** Words of the label not understood. */
      unknownWords?: string[];
      /** The nearest indicators, for a one-click choice. */
      suggestions?: string[];
      explain: string;
    };

export interface MatchContext {
  /** Section the label sits in: a section id, or the section row's text (which can also name the object). */
  section?: SectionId | string | null;
  /** The parent row or sub-table title (`信访案件` above `受理数` / `化解数` / `化解率`). */
  parent?: string | null;
  sheet?: string;
  unit?: string | null;
  neighbours?: string[];
  before?: string[];
  sub?: boolean;
  /** The user's placements (指标对照): consulted first by extraction's place(). */
  mappings?: LabelMapping[];
}

/** Place a label in the catalog (see meaning/place.ts). */
export function matchLabel(label: string, catalog: Catalog = CATALOG, context?: MatchContext): LabelMatch {
  const ctx: LabelContext = {};
  if (context?.section) ctx.section = context.section;
  if (context?.parent) {
    // the parent may be given as an indicator id
    const byId = catalog.indicators.find((d) => d.id === context.parent);
    ctx.parent = byId ? byId.name : context.parent;
  }
  if (context?.sheet) ctx.sheet = context.sheet;
  if (context?.unit) ctx.unit = context.unit;
  if (context?.neighbours?.length) ctx.neighbours = context.neighbours;
  if (context?.before?.length) ctx.before = context.before;
  if (context?.sub) ctx.sub = true;
  const p = placeLabel(label, ctx, catalog);
  if (p.status === 'placed') return { id: p.id, score: p.via === 'name' || p.via === 'synonym' || p.via === 'user' ? 1 : 0.9, via: p.via, explain: p.explain };
  const first = p.status === 'ambiguous' ? p.candidates[0] : p.suggestions[0];
  const def = first ? catalog.indicators.find((d) => d.id === first) : undefined;
  const out: LabelMatch = { id: null, score: 0, suggestion: def ? { id: def.id, name: def.name, score: 0.5 } : null, explain: p.explain };
  if (p.status === 'ambiguous') out.candidates = [...p.candidates];
  if (p.status === 'unknown' && p.unknownWords.length) out.unknownWords = [...p.unknownWords];
  if (p.status === 'unknown' && p.suggestions.length) out.suggestions = [...p.suggestions];
  return out;
}

// ───────────────────────────── units in labels ─────────────────────────────

const LABEL_UNITS = TABLE_UNIT_WORDS;

/** The unit written in a header or label: `行政村数（个）` → `个`, `罚没款(万元)` → `万元`; null if none. */
export function unitInLabel(label: string): string | null {
  // no try/catch: nothing in here throws for a string, so one would only turn a bug into “no unit”; a bug reaches
  // the sheet's reading and is said there (sheet-unreadable)
  if (typeof label !== 'string') return null;
  const s = label.slice(0, 500).normalize('NFKC');
  const re = /[([【〔]\s*(?:单位\s*[:：]?\s*)?([^()[\]【】〔〕]{1,8}?)\s*[)\]】〕]/g;
  let found: string | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const u = m[1].trim();
    if (LABEL_UNITS.has(u)) found = u;
  }
  if (found) return found;
  const plain = /单位\s*[:：]\s*([^\s,，;；)）]{1,4})/.exec(s);
  if (plain && LABEL_UNITS.has(plain[1])) return plain[1];
  return null;
}

// ───────────────────────────── headings ─────────────────────────────

export { sectionOfHeading } from './meaning/sections';

export type HeadingStyle = '一、' | '（一）' | '1、' | '1.' | '（1）';

/**
 * The numbering of a heading: `一、` (level 1), `（一）` (2), `1.` (3), `（1）` (4), and the `1、` townships also use.
 * `number` is the ordinal (`三、` → 3); both null when the text is not numbered.
 */
export function headingLevel(text: string): { style: HeadingStyle | null; number: number | null } {
  // no try/catch: nothing in here throws for a string, so one would only turn a bug into “not numbered”; a bug reaches
  // the sheet's reading and is said there (sheet-unreadable)
  if (typeof text !== 'string') return { style: null, number: null };
  const s = text.slice(0, 50).trim();
  const cn = `[${CN_NUM}]+`;
  let m = new RegExp(`^(${cn})[、，,]`).exec(s);
  if (m) return { style: '一、', number: parseChineseNumber(m[1]) };
  m = new RegExp(`^[(（]\\s*(${cn})\\s*[)）]`).exec(s);
  if (m) return { style: '（一）', number: parseChineseNumber(m[1]) };
  m = /^[(（]\s*([0-9０-９]+)\s*[)）]/.exec(s);
  if (m) return { style: '（1）', number: parseChineseNumber(m[1]) };
  m = /^([0-9０-９]+)\s*[、，,]/.exec(s);
  if (m) return { style: '1、', number: parseChineseNumber(m[1]) };
  m = /^([0-9０-９]+)\s*[.．](?![0-9０-９])/.exec(s);
  if (m) return { style: '1.', number: parseChineseNumber(m[1]) };
  return { style: null, number: null };
}
