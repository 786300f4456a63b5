/**
 * Text-level helpers for editing the parts of an OOXML package in place (package.ts, cellmarks.ts): escaping,
 * one attribute of a start tag, spans spliced into the original text (so what is not edited keeps its bytes), and
 * relationship parts. Pure string work.
 */
import { Scanner } from './sheetml';

export function escText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escAttr(s: string): string {
  return escText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** ST_Xstring: a literal `_x0041_` in a text would be read as an escape; its underscore is escaped itself. */
export function xstring(s: string): string {
  return s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
}

/** Start of the tag the scanner has just read. */
export function tagStart(s: Scanner): number {
  return s.xml.lastIndexOf('<', s.pos - 1);
}

/** End (exclusive) of the element whose start tag the scanner has just read, nested content included. */
export function elementEnd(s: Scanner): number {
  if (s.empty) return s.pos;
  s.skip();
  return s.pos;
}

/** The prefix (`x:` or '') of the document element `local`. */
export function rootPrefix(xml: string, local: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>/]`).exec(xml);
  return m?.[1] ?? '';
}

/** Set (or add) attribute `name` in the start tag `tag` (`<x a="1">` or `<x/>`). */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(':', '\\:')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${escAttr(value)}"`);
  return tag.replace(/\s*(\/?)>$/, ` ${name}="${escAttr(value)}"$1>`);
}

export function getAttr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? m[2] ?? m[3] ?? '' : null;
}

export interface Span {
  start: number;
  end: number;
}

/** Apply removals and insertions (at offsets of the original text) in one pass. */
export function splice(xml: string, edits: { at: number; end?: number; text: string }[]): string {
  const sorted = [...edits].sort((a, b) => a.at - b.at || (a.end ?? a.at) - (b.end ?? b.at));
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.at < pos) continue; // overlapping edits: the first wins (never happens for distinct elements)
    out += xml.slice(pos, e.at) + e.text;
    pos = e.end ?? e.at;
  }
  return out + xml.slice(pos);
}

export interface RelEl extends Span {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRelEls(xml: string): { rels: RelEl[]; close: number; prefix: string } {
  const prefix = rootPrefix(xml, 'Relationships');
  const s = new Scanner(xml);
  const rels: RelEl[] = [];
  let close = -1;
  while (s.next()) {
    if (s.closing) {
      if (s.name === 'Relationships') close = tagStart(s);
      continue;
    }
    if (s.name !== 'Relationship') continue;
    const start = tagStart(s);
    rels.push({
      start,
      id: s.attr('Id') ?? '',
      type: s.attr('Type') ?? '',
      target: s.attr('Target') ?? '',
      external: s.attr('TargetMode') === 'External',
      end: elementEnd(s),
    });
  }
  return { rels, close, prefix };
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export function dirOf(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

export function decodeAttr(s: string): string {
  return s.replace(/&(quot|amp|lt|gt|apos|#x[0-9a-fA-F]+|#\d+);/g, (m, r: string) =>
    r === 'quot' ? '"' : r === 'amp' ? '&' : r === 'lt' ? '<' : r === 'gt' ? '>' : r === 'apos' ? "'" : String.fromCodePoint(r[1] === 'x' ? parseInt(r.slice(2), 16) : parseInt(r.slice(1), 10)),
  );
}

export function argb(hex: string | undefined): string | undefined {
  if (!hex) return undefined;
  const m = /^#?([0-9a-fA-F]{6})$/.exec(hex.trim());
  return m ? `FF${m[1].toUpperCase()}` : undefined;
}
