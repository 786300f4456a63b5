/**
 * Text as the tool writes it anywhere. Small and dependency-free on purpose: the task pane's first bundle uses it
 * without loading the rest of the core.
 */

/** Characters XML 1.0 cannot carry (they would corrupt the file). */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the marks
 * (U+200E, U+200F, U+061C). A township's text carrying one unclosed (a label pasted from a web page, or put there
 * on purpose) reverses the rest of the paragraph, cell or line it lands in, so `全镇共受理信访案件37件` could read
 * as other figures. Chinese reports need none of them.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Any text the tool writes for people to read — a cell, a comment, a .docx paragraph, copied HTML or plain text,
 * a line of the command line: no XML-invalid characters, no bidirectional controls. Every writer uses this.
 * (A formula keeps its bidirectional characters: it may name a sheet whose name has them; see `formulaText`.)
 */
export function outputText(s: string): string {
  return s.replace(XML_INVALID, '').replace(BIDI_CONTROLS, '');
}

/** A formula as a host may write it: XML-safe, otherwise unchanged (sheet names in it must stay as they are). */
export function formulaText(s: string): string {
  return s.replace(XML_INVALID, '');
}
