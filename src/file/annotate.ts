/**
 * The annotated copy of a Word report (issue 13): the township's .docx with a real Word comment (批注) on the
 * characters of each finding, holding its message — what a statistician does by hand today.
 *
 * Only four parts change: `word/document.xml` (runs split at the span's edges, commentRangeStart/End and a
 * commentReference run around it), the comments part (`word/comments.xml`, created or appended to), the main
 * document's relationships and `[Content_Types].xml` (only when the comments part is new). Every other part is
 * copied as it was packed, byte for byte (package.ts's Package). The township's own comments are kept.
 *
 * Re-running on an annotated copy replaces the tool's comments (author 指标审核助手) instead of adding them twice;
 * `annotateDocx(bytes, name, [])` removes them. The runs split before stay split (the text and its look do not
 * change). Pure byte and string work: Node and browsers.
 */
import { outputText } from '../core/output';
import { isFileReadError } from './errors';
import { Package } from './package';
import { parseRels, resolveTarget, XmlError } from './sheetml';
import { countedParagraphs, docxError, documentXml, wordParagraphs, type TextPiece, type WordParagraph } from './wordml';

/** The author of the tool's comments: how a re-run knows its own. */
export const COMMENT_AUTHOR = '指标审核助手';
const COMMENT_INITIALS = '审核';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const COMMENTS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const COMMENTS_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';

/** One comment to write: on characters [span) of paragraph `paragraph` (1-based, as TextParagraph.index). */
export interface DocxNote {
  paragraph: number;
  span: [number, number];
  /** The comment's text (a finding's message); several lines become several paragraphs of the comment. */
  text: string;
}

export interface AnnotateOutcome {
  bytes: Uint8Array;
  /** Comments written. */
  written: number;
  /** Notes whose paragraph or span the document does not have (never silently dropped: the caller says so). */
  missed: DocxNote[];
  /** The tool's comments an earlier run had written, removed. */
  replaced: number;
}

function escText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escAttr(s: string): string {
  return escText(s).replace(/"/g, '&quot;');
}

/** The raw offset inside a w:t's content [rawStart, rawEnd) where its k-th decoded character starts. */
function rawOffset(xml: string, rawStart: number, rawEnd: number, k: number): number {
  let p = rawStart;
  let n = 0;
  while (p < rawEnd && n < k) {
    const c = xml.charCodeAt(p);
    if (c === 0x26 /* & */) {
      const semi = xml.indexOf(';', p);
      const ref = xml.slice(p + 1, semi);
      const cp = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : ref.startsWith('#') ? parseInt(ref.slice(1), 10) : 0;
      n += cp > 0xffff ? 2 : 1; // a character outside the BMP is two UTF-16 units of the decoded text
      p = semi + 1;
    } else if (c === 0x3c /* < */ && xml.startsWith('<![CDATA[', p)) {
      const end = xml.indexOf(']]>', p);
      const inner = end - (p + 9);
      if (n + inner > k) return p + 9 + (k - n);
      n += inner;
      p = end + 3;
    } else if (c === 0x0d) {
      p += xml.charCodeAt(p + 1) === 0x0a ? 2 : 1; // CR LF reads as one LF
      n++;
    } else {
      p++;
      n++;
    }
  }
  return p;
}

interface Edit {
  at: number;
  end: number;
  text: string;
  /** Order among inserts at one offset: a range's end before the next one's start. */
  order: number;
}

function applyEdits(xml: string, edits: Edit[]): string {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.at - b.at || a.order - b.order || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.at < pos) throw new Error(`annotate: overlapping edits at ${e.at}`); // a bug, never a silent loss
    out += xml.slice(pos, e.at) + e.text;
    pos = e.end;
  }
  return out + xml.slice(pos);
}

/** The piece holding character `p` of the paragraph: for a start, the one it begins in; for an end, the one it ends in. */
function pieceAt(para: WordParagraph, p: number, edge: 'start' | 'end'): TextPiece | null {
  for (const piece of para.pieces) {
    if (edge === 'start' ? piece.from <= p && p < piece.to : piece.from < p && p <= piece.to) return piece;
  }
  return null;
}

/** Remove the tool's comments (by author) from the comments part and their anchors from the document. */
function dropOwnComments(doc: string, comments: string | null): { doc: string; comments: string | null; removed: number } {
  if (comments === null) return { doc, comments, removed: 0 };
  const ids: string[] = [];
  const kept = comments.replace(/<w:comment\b([^>]*)>[\s\S]*?<\/w:comment>/g, (all, attrs: string) => {
    const author = /\sw:author="([^"]*)"/.exec(attrs)?.[1];
    const id = /\sw:id="([^"]*)"/.exec(attrs)?.[1];
    if (author !== COMMENT_AUTHOR || id === undefined) return all;
    ids.push(id);
    return '';
  });
  if (!ids.length) return { doc, comments, removed: 0 };
  const set = new Set(ids);
  const cleaned = doc
    .replace(/<w:commentRange(?:Start|End) w:id="([^"]*)"\/>/g, (all, id: string) => (set.has(id) ? '' : all))
    .replace(/<w:r><w:commentReference w:id="([^"]*)"\/><\/w:r>/g, (all, id: string) => (set.has(id) ? '' : all));
  return { doc: cleaned, comments: kept, removed: ids.length };
}

function commentXml(id: number, text: string, date: string): string {
  const paras = outputText(text)
    .split(/\n/)
    .map((line) => `<w:p><w:r><w:t xml:space="preserve">${escText(line)}</w:t></w:r></w:p>`)
    .join('');
  return `<w:comment w:id="${id}" w:author="${escAttr(COMMENT_AUTHOR)}" w:date="${date}" w:initials="${COMMENT_INITIALS}">${paras}</w:comment>`;
}

/**
 * A copy of the .docx with a comment on each note's characters. Throws FileReadError (a Chinese sentence naming
 * the file) when the file is not a readable .docx; the bytes given are never changed.
 */
export function annotateDocx(data: Uint8Array, name: string, notes: DocxNote[], now: Date = new Date()): AnnotateOutcome {
  const date = now.toISOString().replace(/\.\d+Z$/, 'Z'); // Word's w:date: no fraction of a second
  const { xml: original, part, entries } = documentXml(data, name);
  const pkg = new Package(data, name, entries);
  const relsPart = part.replace(/([^/]*)$/, '_rels/$1.rels');
  const dir = part.slice(0, part.lastIndexOf('/') + 1);
  const relsXml = pkg.text(relsPart);
  let commentsPart: string | null = null;
  let rels: ReturnType<typeof parseRels> | null = null;
  try {
    rels = relsXml !== null ? parseRels(relsXml) : null;
  } catch (e) {
    if (e instanceof XmlError) throw docxError(name, `${relsPart}：${e.message}`);
    throw e;
  }
  for (const r of rels?.values() ?? []) {
    if (!r.external && r.type.endsWith('/comments')) commentsPart = resolveTarget(dir, r.target);
  }
  const existing = commentsPart ? pkg.text(commentsPart) : null;
  const dropped = dropOwnComments(original, existing);
  const doc = dropped.doc;

  let paragraphs: WordParagraph[];
  try {
    paragraphs = wordParagraphs(doc);
  } catch (e) {
    if (e instanceof XmlError) throw docxError(name, `${part}：${e.message}`);
    if (isFileReadError(e)) throw e;
    throw e;
  }
  const counted = new Map(countedParagraphs(paragraphs).map(({ index, para }) => [index, para]));

  let nextId = 0;
  for (const m of (dropped.comments ?? '').matchAll(/<w:comment\b[^>]*\sw:id="(\d+)"/g)) nextId = Math.max(nextId, Number(m[1]) + 1);
  for (const m of doc.matchAll(/<w:comment(?:RangeStart|RangeEnd|Reference)\b[^>]*\sw:id="(\d+)"/g)) nextId = Math.max(nextId, Number(m[1]) + 1);

  const edits: Edit[] = [];
  const retagged = new Set<number>();
  const missed: DocxNote[] = [];
  const bodies: string[] = [];
  const runPieces = new Map<number, TextPiece[]>();
  for (const para of paragraphs) {
    for (const piece of para.pieces) {
      const list = runPieces.get(piece.run.runStart);
      if (list) list.push(piece);
      else runPieces.set(piece.run.runStart, [piece]);
    }
  }
  /** Put `markers` at character p (the edge of a span): between runs where p is a run's edge, else split the run there. */
  const cut = (piece: TextPiece, p: number, markers: string, edge: 'start' | 'end') => {
    const run = piece.run;
    const w = run.prefix;
    const k = p - piece.from;
    const inRun = runPieces.get(run.runStart) ?? [piece];
    const order = edge === 'end' ? 0 : 1; // at one offset, a range's end before the next one's start
    if (edge === 'start' && (piece.kind === 'char' || (k === 0 && piece === inRun[0]))) {
      edits.push({ at: run.runStart, end: run.runStart, text: markers, order });
      return;
    }
    if (edge === 'end' && (piece.kind === 'char' || (p === piece.to && piece === inRun[inRun.length - 1]))) {
      edits.push({ at: run.runEnd, end: run.runEnd, text: markers, order });
      return;
    }
    const x = rawOffset(doc, piece.rawStart, piece.rawEnd, k);
    if (!retagged.has(piece.tagStart)) {
      retagged.add(piece.tagStart);
      edits.push({ at: piece.tagStart, end: piece.rawStart, text: `<${w}t xml:space="preserve">`, order: 0 });
    }
    const open = doc.slice(run.runStart, run.runOpenEnd);
    edits.push({ at: x, end: x, text: `</${w}t></${w}r>${markers}${open}${run.rPr}<${w}t xml:space="preserve">`, order });
  };

  for (const note of notes) {
    const para = counted.get(note.paragraph);
    const [s, e] = note.span;
    const start = para && s < e ? pieceAt(para, s, 'start') : null;
    const end = para && s < e ? pieceAt(para, e, 'end') : null;
    if (!para || !start || !end) {
      missed.push(note);
      continue;
    }
    const id = nextId++;
    const w = start.run.prefix;
    cut(start, s, `<${w}commentRangeStart ${w}id="${id}"/>`, 'start');
    cut(end, e, `<${w}commentRangeEnd ${w}id="${id}"/><${w}r><${w}commentReference ${w}id="${id}"/></${w}r>`, 'end');
    bodies.push(commentXml(id, note.text, date));
  }

  pkg.setText(part, applyEdits(doc, edits));
  if (commentsPart && dropped.comments !== null) {
    const close = dropped.comments.lastIndexOf('</w:comments>');
    const xml =
      close >= 0
        ? dropped.comments.slice(0, close) + bodies.join('') + dropped.comments.slice(close)
        : dropped.comments.replace(/<w:comments\b([^>]*)\/>/, (_, a: string) => `<w:comments${a}>${bodies.join('')}</w:comments>`);
    if (xml !== existing) pkg.setText(commentsPart, xml);
  } else if (bodies.length) {
    commentsPart = `${dir}comments.xml`;
    pkg.setText(
      commentsPart,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W_NS}">${bodies.join('')}</w:comments>`,
    );
    const target = commentsPart.slice(dir.length);
    const ids = new Set([...(rels?.keys() ?? [])]);
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const rel = `<Relationship Id="rId${n}" Type="${COMMENTS_REL}" Target="${target}"/>`;
    pkg.setText(
      relsPart,
      relsXml && relsXml.includes('</Relationships>')
        ? relsXml.replace(/<\/Relationships>\s*$/, `${rel}</Relationships>`)
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
    );
    const ct = pkg.text('[Content_Types].xml');
    if (ct === null) throw docxError(name, '缺少 [Content_Types].xml');
    if (!new RegExp(`PartName="/${commentsPart.replace(/[.[\]]/g, '\\$&')}"`, 'i').test(ct)) {
      pkg.setText('[Content_Types].xml', ct.replace(/<\/Types>\s*$/, `<Override PartName="/${commentsPart}" ContentType="${COMMENTS_CT}"/></Types>`));
    }
  }
  return { bytes: pkg.zip(), written: bodies.length, missed, replaced: dropped.removed };
}
