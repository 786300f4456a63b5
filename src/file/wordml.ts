/**
 * A Word report (.docx) read as its text (issue 13): the paragraphs of `word/document.xml`, table cells included,
 * in reading order, with the project's own zip and XML readers (zip.ts, sheetml.ts's Scanner) — no DOM, Node and
 * browsers alike.
 *
 * What a reader of the printed page sees is what is read: a paragraph's runs joined, the text of hyperlinks,
 * simple fields and field results kept (a field's instruction is not text), inserted revisions (w:ins) kept and
 * deleted ones (w:del, w:moveFrom) dropped, tabs as a tab, line breaks as a line break. Drawings, text boxes and
 * embedded objects are left out (their text is not part of the report's running text). Paragraphs with no visible
 * text are not counted: 第1段 is the first paragraph that says something, as in the .txt of the same report.
 *
 * The same walk gives, for each piece of a paragraph's text, where it sits in the XML (its run and its w:t), so
 * the annotated copy (annotate.ts) can put a comment on exactly the characters of a finding.
 */
import type { TextDocument, TextParagraph } from '../core/prose/types';
import { FileReadError, isFileReadError, quoteName, readError } from './errors';
import { parseRels, resolveTarget, Scanner, XmlError } from './sheetml';
import { entriesToInflate, readEntry, toBytes, utf8, zipDirectory } from './zip';
import type { ZipEntryInfo } from './zip';

export const DOCX_LIMITS = {
  /** Largest main document part read (a 20-page report is well under 1 MB; pictures are separate parts). */
  documentBytes: 32 * 1024 * 1024,
  /** Most paragraphs (table cells' included) read. */
  paragraphs: 200_000,
};

/** A piece of a paragraph's text and where it is in the XML. */
export interface TextPiece {
  /** Offsets in the paragraph's text, [from, to). */
  from: number;
  to: number;
  /** A w:t (text that can be split) or a character the XML writes as an element (tab, break). */
  kind: 't' | 'char';
  /** For `t`: the raw XML of the w:t's content, [rawStart, rawEnd); its start tag at [tagStart, rawStart). */
  rawStart: number;
  rawEnd: number;
  tagStart: number;
  /** The run holding the piece: its start tag [runStart, runOpenEnd), its w:rPr as written ('' if none), its end. */
  run: RunInfo;
}

export interface RunInfo {
  runStart: number;
  runOpenEnd: number;
  rPr: string;
  /** Offset just after `</w:r>` (or the self-closing tag). */
  runEnd: number;
  /** The w: prefix the run is written with (`w:`, or '' for a default namespace). */
  prefix: string;
}

export interface WordParagraph {
  text: string;
  pieces: TextPiece[];
  /** Offset of `<w:p` and just after `</w:p>`. */
  start: number;
  end: number;
  /** The paragraph is in a table cell. */
  table?: boolean;
}

/** Elements whose content is not the report's running text. */
const SKIPPED = new Set([
  'del', // deleted revision
  'moveFrom', // moved away (the text is read where it moved to)
  'delText',
  'instrText', // a field's instruction (`HYPERLINK "…"`, `PAGE`)
  'delInstrText',
  'drawing',
  'pict',
  'object',
  'Fallback', // mc:AlternateContent's second copy of the same content
  'pPrChange',
  'rPrChange',
  'sectPrChange',
  'tblPrChange',
  'trPrChange',
  'tcPrChange',
  'footnoteReference',
  'endnoteReference',
]);

/** The start of the tag the scanner has just read. */
function tagStartOf(s: Scanner): number {
  return s.xml.lastIndexOf('<', s.pos - 1);
}

function prefixOf(xml: string, at: number): string {
  const m = /^<([A-Za-z_][\w.-]*:)?/.exec(xml.slice(at, at + 40));
  return m?.[1] ?? '';
}

/**
 * Every paragraph of a WordprocessingML part, in document order (a table's cells row by row; a paragraph inside a
 * text box is left out with the drawing that holds it), with its text and the XML behind each piece of it.
 * Throws XmlError for malformed XML.
 */
export function wordParagraphs(xml: string, limit = DOCX_LIMITS.paragraphs): WordParagraph[] {
  const s = new Scanner(xml);
  const out: WordParagraph[] = [];
  /** Open elements' local names (non-empty ones), to know a child's parent. */
  const stack: string[] = [];
  let para: WordParagraph | null = null;
  let paraDepth = -1;
  let run: RunInfo | null = null;
  let runPieces: TextPiece[] = [];
  const add = (text: string, kind: 't' | 'char', rawStart: number, rawEnd: number, tagStart: number) => {
    if (!para || !run || !text) return;
    const from = para.text.length;
    para.text += text;
    const piece: TextPiece = { from, to: para.text.length, kind, rawStart, rawEnd, tagStart, run };
    para.pieces.push(piece);
    runPieces.push(piece);
  };
  while (s.next()) {
    const name = s.name;
    if (s.closing) {
      stack.pop();
      if (name === 'r' && run) {
        run.runEnd = s.pos;
        run = null;
        runPieces = [];
      } else if (name === 'p' && para && stack.length === paraDepth) {
        para.end = s.pos;
        out.push(para);
        para = null;
      }
      continue;
    }
    const parent = stack.length ? stack[stack.length - 1] : '';
    if (SKIPPED.has(name)) {
      s.skip();
      continue;
    }
    if (name === 'p' && !para) {
      const start = tagStartOf(s);
      if (out.length >= limit) throw new XmlError(`段落超过 ${limit} 个`);
      if (s.empty) {
        out.push({ text: '', pieces: [], start, end: s.pos });
        continue;
      }
      para = { text: '', pieces: [], start, end: -1, ...(stack.includes('tc') ? { table: true } : {}) };
      paraDepth = stack.length;
    } else if (name === 'r' && para && !run) {
      const runStart = tagStartOf(s);
      run = { runStart, runOpenEnd: s.pos, rPr: '', runEnd: s.pos, prefix: prefixOf(xml, runStart) };
      runPieces = [];
      if (s.empty) {
        run = null;
        continue;
      }
    } else if (name === 'rPr' && run && parent === 'r') {
      const start = tagStartOf(s);
      s.skip();
      run.rPr = xml.slice(start, s.pos);
      continue;
    } else if (name === 't' && run && parent === 'r') {
      const tagStart = tagStartOf(s);
      const rawStart = s.pos;
      const text = s.text();
      const rawEnd = s.empty ? rawStart : s.pos;
      add(text, 't', rawStart, rawEnd, tagStart);
      if (!s.empty) {
        // the scanner is at `</w:t>`: read it so the stack stays balanced
        stack.push(name);
      }
      continue;
    } else if (run && parent === 'r' && (name === 'tab' || name === 'br' || name === 'cr' || name === 'noBreakHyphen' || name === 'softHyphen')) {
      const at = tagStartOf(s);
      const ch = name === 'tab' ? '\t' : name === 'noBreakHyphen' ? '-' : name === 'softHyphen' ? '' : '\n';
      if (s.empty) {
        add(ch, 'char', at, at, at);
        continue;
      }
      add(ch, 'char', at, at, at);
      s.skip();
      continue;
    }
    if (!s.empty) stack.push(name);
  }
  return out;
}

/** A Word message: the file is a Word document that cannot be read, and what to do. */
export function docxError(name: string, detail?: string): FileReadError {
  return new FileReadError(
    'corrupt',
    name,
    `文件${quoteName(name)}是 Word 文档，但已损坏，无法读取${detail ? `（${detail}）` : ''}。请在 Word 或 WPS 中打开并“另存为” .docx 后再检查。`,
  );
}

/** The main document part a .docx names in `_rels/.rels` (officeDocument), else `word/document.xml`. */
export function mainDocumentPart(entries: ZipEntryInfo[], b: Uint8Array, name: string): string | null {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const rels = byName.get('_rels/.rels');
  if (rels) {
    try {
      const map = parseRels(utf8(readEntry(b, rels, false, name, '_rels/.rels')));
      for (const r of map.values()) {
        if (r.external || !/\/officeDocument$/.test(r.type)) continue;
        const target = resolveTarget('', r.target.replace(/^\//, ''));
        if (byName.has(target)) return target;
      }
    } catch (e) {
      if (isFileReadError(e)) throw e;
      // a malformed _rels/.rels: the usual place is tried below
    }
  }
  return byName.has('word/document.xml') ? 'word/document.xml' : null;
}

/** True when the bytes are a zip holding a Word main document (a .docx, whatever its name). */
export function isDocxPackage(b: Uint8Array, entries: ZipEntryInfo[]): boolean {
  return entries.some((e) => e.name === 'word/document.xml') && !entries.some((e) => e.name === 'xl/workbook.xml');
}

/** The main document's XML of a .docx, bounded; throws FileReadError naming the file. */
export function documentXml(data: Uint8Array | ArrayBuffer, name: string): { xml: string; part: string; entries: ZipEntryInfo[] } {
  const b = toBytes(data);
  let entries: ZipEntryInfo[];
  try {
    entries = zipDirectory(b, name);
  } catch (e) {
    if (isFileReadError(e) && e.code === 'truncated') throw docxError(name, '文件不完整，可能下载或复制时中断');
    throw e;
  }
  const part = mainDocumentPart(entries, b, name);
  const entry = part ? entries.find((e) => e.name === part) : undefined;
  if (!part || !entry) throw docxError(name, '压缩包中没有 word/document.xml');
  if (entry.size > DOCX_LIMITS.documentBytes) {
    throw readError('too-large', name, `正文部件 ${part} 声明解压后 ${Math.round(entry.size / 1024 / 1024)} MB，上限 ${DOCX_LIMITS.documentBytes / 1024 / 1024} MB`);
  }
  try {
    const xml = utf8(readEntry(b, entry, entriesToInflate(entries).has(entry), name, 'Word 正文'));
    return { xml, part, entries };
  } catch (e) {
    if (isFileReadError(e) && e.code === 'corrupt') throw docxError(name, `正文部件 ${part} 的压缩数据无效或与校验值不符`);
    throw e;
  }
}

/** The paragraphs a user counts: those with visible text, numbered from 1, each with its place in the XML. */
export function countedParagraphs(all: WordParagraph[]): { index: number; para: WordParagraph }[] {
  const out: { index: number; para: WordParagraph }[] = [];
  for (const para of all) if (para.text.trim()) out.push({ index: out.length + 1, para });
  return out;
}

/** A .docx → its paragraphs (see the module comment). Throws FileReadError (a Chinese sentence naming the file). */
export function readDocx(data: Uint8Array | ArrayBuffer, name: string): TextDocument {
  const { xml, part } = documentXml(data, name);
  let all: WordParagraph[];
  try {
    all = wordParagraphs(xml);
  } catch (e) {
    if (e instanceof XmlError) throw docxError(name, `${part}：${e.message}`);
    throw e;
  }
  const paragraphs: TextParagraph[] = countedParagraphs(all).map(({ index, para }) => ({ index, text: para.text, ...(para.table ? { table: true } : {}) }));
  return { name, paragraphs };
}
