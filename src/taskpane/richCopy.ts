/**
 * The report as rich text for the clipboard: paragraphs styled as a county office expects in Word
 * (GB/T 9704: body 仿宋_GB2312 16 pt with a two-character first-line indent, 黑体 / 楷体_GB2312 headings,
 * title 方正小标宋简体 22 pt centred, date on the right), so pasting gives paragraphs, not a table.
 */
import { outputText } from '../core/output';
import type { Paragraph, ParagraphRole, Report } from '../core/types';

const BODY_FONT = "'仿宋_GB2312'";
const BODY_FALLBACK = "'仿宋',FangSong,STFangsong,serif";

function font(name: string, fallback: string): string {
  return `font-family:${name},${fallback};mso-fareast-font-family:${name}`;
}

const BASE = 'margin:0;line-height:28pt;font-size:16pt;';

const ROLE_STYLE: Record<ParagraphRole, string> = {
  title: `${BASE}text-align:center;font-size:22pt;line-height:36pt;${font("'方正小标宋简体'", "'小标宋',SimSun,serif")}`,
  addressee: `${BASE}text-indent:0;${font(BODY_FONT, BODY_FALLBACK)}`,
  opening: `${BASE}text-indent:2em;text-align:justify;${font(BODY_FONT, BODY_FALLBACK)}`,
  heading1: `${BASE}text-indent:2em;${font("'黑体'", "SimHei,'Heiti SC',sans-serif")}`,
  heading2: `${BASE}text-indent:2em;${font("'楷体_GB2312'", "'楷体',KaiTi,STKaiti,serif")}`,
  heading3: `${BASE}text-indent:2em;font-weight:bold;${font(BODY_FONT, BODY_FALLBACK)}`,
  heading4: `${BASE}text-indent:2em;${font(BODY_FONT, BODY_FALLBACK)}`,
  body: `${BASE}text-indent:2em;text-align:justify;${font(BODY_FONT, BODY_FALLBACK)}`,
  closing: `${BASE}text-indent:2em;${font(BODY_FONT, BODY_FALLBACK)}`,
  signature: `${BASE}text-align:right;${font(BODY_FONT, BODY_FALLBACK)}`,
  date: `${BASE}text-align:right;${font(BODY_FONT, BODY_FALLBACK)}`,
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Paragraphs worth showing: a paragraph with no text is left out (never an empty line of `undefined`). */
export function visibleParagraphs(report: Report | null): Paragraph[] {
  return (report?.paragraphs ?? []).filter((p) => typeof p.text === 'string' && p.text.trim() !== '');
}

/** One `<p>` per paragraph with inline styles (Word keeps inline styles, not classes). */
export function reportHtml(report: Report): string {
  const body = visibleParagraphs(report)
    .map((p) => `<p style="${ROLE_STYLE[p.role] ?? ROLE_STYLE.body}">${escapeHtml(outputText(p.text))}</p>`)
    .join('\n');
  return (
    '<html><head><meta charset="utf-8"></head>' +
    `<body><div style="${font(BODY_FONT, BODY_FALLBACK)};font-size:16pt">\n${body}\n</div></body></html>`
  );
}

/** Plain text: one paragraph per line, body paragraphs indented with two ideographic spaces. */
export function reportText(report: Report): string {
  return visibleParagraphs(report)
    .map((p) => (/^(opening|body|closing|heading\d)$/.test(p.role) ? '\u3000\u3000' : '') + outputText(p.text))
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
    return false;
  } finally {
    holder.remove();
    active?.focus?.();
  }
}
