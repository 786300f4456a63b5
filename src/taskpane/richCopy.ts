/**
 * The report as rich text for the clipboard: paragraphs styled as a county office expects in Word
 * (GB/T 9704: body 仿宋_GB2312 16 pt with a two-character first-line indent, 黑体 / 楷体_GB2312 headings,
 * title 方正小标宋简体 22 pt centred, date on the right), so pasting gives paragraphs, not a table.
 */
import { outputText } from '../core/output';
import { FLAG_TEXT, draftParagraphs, splitFlagged, type FlaggedFigure } from '../core/narrative/flags';
import type { Paragraph, ParagraphRole, Report } from '../core/types';

const BODY_FONT = "'仿宋_GB2312'";
const BODY_FALLBACK = "'仿宋',FangSong,STFangsong,serif";

function font(name: string, fallback: string): string {
  return `font-family:${name},${fallback};mso-fareast-font-family:${name}`;
}

const BASE = 'margin:0;line-height:28pt;font-size:16pt;font-weight:normal;';

/** Two characters of 16 pt: the first-line indent in points (Word reads `2em` of a heading as its own size). */
const INDENT = 'text-indent:32pt;';

const ROLE_STYLE: Record<ParagraphRole, string> = {
  title: `${BASE}text-align:center;font-size:22pt;line-height:36pt;${font("'方正小标宋简体'", "'小标宋',SimSun,serif")}`,
  addressee: `${BASE}text-indent:0pt;${font(BODY_FONT, BODY_FALLBACK)}`,
  opening: `${BASE}${INDENT}text-align:justify;${font(BODY_FONT, BODY_FALLBACK)}`,
  heading1: `${BASE}${INDENT}${font("'黑体'", "SimHei,'Heiti SC',sans-serif")}`,
  heading2: `${BASE}${INDENT}${font("'楷体_GB2312'", "'楷体',KaiTi,STKaiti,serif")}`,
  heading3: `${BASE}${INDENT}font-weight:bold;${font(BODY_FONT, BODY_FALLBACK)}`,
  heading4: `${BASE}${INDENT}${font(BODY_FONT, BODY_FALLBACK)}`,
  body: `${BASE}${INDENT}text-align:justify;${font(BODY_FONT, BODY_FALLBACK)}`,
  closing: `${BASE}${INDENT}${font(BODY_FONT, BODY_FALLBACK)}`,
  signature: `${BASE}text-align:right;${font(BODY_FONT, BODY_FALLBACK)}`,
  date: `${BASE}text-align:right;${font(BODY_FONT, BODY_FALLBACK)}`,
  note: `${BASE}${INDENT}text-align:justify;${font(BODY_FONT, BODY_FALLBACK)}`,
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Paragraphs worth showing: a paragraph with no text is left out (never an empty line of `undefined`). */
export function visibleParagraphs(report: Report | null): Paragraph[] {
  return visible(report?.paragraphs ?? []);
}

function visible(paragraphs: Paragraph[]): Paragraph[] {
  return paragraphs.filter((p) => typeof p.text === 'string' && p.text.trim() !== '');
}

/** Real heading markup, so Word pastes the title and headings as its 标题 styles (navigation pane, outline). */
const ROLE_TAG: Partial<Record<ParagraphRole, string>> = { title: 'h1', heading1: 'h2', heading2: 'h3', heading3: 'h4', heading4: 'h5' };

/** Word's yellow highlight on a figure touching an open problem (the browser's background for other editors). */
const FLAG_STYLE = 'background:yellow;mso-highlight:yellow';

export interface CopyOptions {
  /** Figures touching an open 错误 or 待核实 (core/narrative/flags.ts), highlighted. */
  flags?: FlaggedFigure[];
  /** Write `【待核实】` after each of them (the county's choice). */
  flagText?: boolean;
}

function flaggedHtml(p: Paragraph, flags: FlaggedFigure[], flagText: boolean): string {
  return splitFlagged(p.text, flags)
    .map((x) => {
      const t = escapeHtml(outputText(x.text));
      return x.flag ? `<span style="${FLAG_STYLE}">${t}${flagText ? FLAG_TEXT : ''}</span>` : t;
    })
    .join('');
}

/**
 * One `<p>` (or heading) per paragraph with inline styles (Word keeps inline styles, not classes), the draft's notes
 * (a recomputed rate) as the last paragraph.
 */
export function reportHtml(report: Report, opts: CopyOptions = {}): string {
  const index = new Map(report.paragraphs.map((p, i) => [p, i]));
  const body = visible(draftParagraphs(report))
    .map((p) => {
      const tag = ROLE_TAG[p.role] ?? 'p';
      const own = (opts.flags ?? []).filter((f) => f.paragraph === index.get(p));
      return `<${tag} style="${ROLE_STYLE[p.role] ?? ROLE_STYLE.body}">${flaggedHtml(p, own, opts.flagText === true)}</${tag}>`;
    })
    .join('\n');
  return (
    '<html><head><meta charset="utf-8"></head>' +
    `<body><div style="${font(BODY_FONT, BODY_FALLBACK)};font-size:16pt">\n${body}\n</div></body></html>`
  );
}

/**
 * Plain text: one paragraph per line, body paragraphs indented with two ideographic spaces; `【待核实】` when chosen;
 * the draft's notes last.
 */
export function reportText(report: Report, opts: CopyOptions = {}): string {
  const index = new Map(report.paragraphs.map((p, i) => [p, i]));
  return visible(draftParagraphs(report))
    .map((p) => {
      const own = opts.flagText ? (opts.flags ?? []).filter((f) => f.paragraph === index.get(p)) : [];
      const text = splitFlagged(p.text, own)
        .map((x) => outputText(x.text) + (x.flag ? FLAG_TEXT : ''))
        .join('');
      return (/^(opening|body|closing|heading\d|note)$/.test(p.role) ? '\u3000\u3000' : '') + text;
    })
    .join('\r\n');
}

/**
 * Copy HTML + plain text. Uses the async Clipboard API when it is allowed; otherwise selects a hidden
 * contenteditable copy of the HTML and uses execCommand('copy') (what Office task panes often require).
 */
export async function copyRich(html: string, text: string, doc: Document = document): Promise<boolean> {
  const nav = doc.defaultView?.navigator;
  const Item = (doc.defaultView as (Window & { ClipboardItem?: typeof ClipboardItem }) | null)?.ClipboardItem;
  if (nav?.clipboard && typeof nav.clipboard.write === 'function' && typeof Item === 'function') {
    try {
      await nav.clipboard.write([
        new Item({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        }),
      ]);
      return true;
    } catch {
      // fall through to the selection-based copy
    }
  }
  return copyBySelection(html, doc);
}

function copyBySelection(html: string, doc: Document): boolean {
  const holder = doc.createElement('div');
  holder.contentEditable = 'true';
  holder.setAttribute('aria-hidden', 'true');
  holder.style.position = 'fixed';
  holder.style.left = '-10000px';
  holder.style.top = '0';
  holder.style.opacity = '0';
  holder.innerHTML = html.replace(/^[\s\S]*<body>/, '').replace(/<\/body>[\s\S]*$/, '');
  doc.body.appendChild(holder);
  const active = doc.activeElement as HTMLElement | null;
  try {
    const selection = doc.getSelection();
    if (!selection) return false;
    const range = doc.createRange();
    range.selectNodeContents(holder);
    selection.removeAllRanges();
    selection.addRange(range);
    const ok = typeof doc.execCommand === 'function' && doc.execCommand('copy');
    selection.removeAllRanges();
    return !!ok;
  } catch {
    return false; // said by the caller (复制失败 in the preview), never taken for a copy made
  } finally {
    holder.remove();
    active?.focus?.();
  }
}
