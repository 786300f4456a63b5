/**
 * A township's report as text (issue 13), told by its bytes: a .docx (a zip holding word/document.xml, wordml.ts)
 * or plain text (.txt in UTF-8 with or without BOM, UTF-16 with BOM, else GBK/GB18030 — the detection of csv.ts),
 * one paragraph per line. Node and browsers alike.
 */
import type { TextDocument, TextParagraph } from '../core/prose/types';
import { isOle } from './cfb';
import { decodeText, looksLikeText, TEXT_LIMITS } from './csv';
import { FileReadError, isFileReadError, quoteName, readError } from './errors';
import { docxError, isDocxPackage, readDocx } from './wordml';
import { hasUtf16, isZipBytes, toBytes, zipDirectory } from './zip';

export type TextSourceFormat = 'docx' | 'txt';

function extension(name: string): string {
  const m = /\.([^.\\/]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

function includesAscii(b: Uint8Array, needle: string): boolean {
  const n = Array.from(needle, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i + n.length <= b.length; i++) {
    for (let j = 0; j < n.length; j++) if (b[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}

/** True when the bytes are a .docx package (whatever the file is called). */
export function isDocxBytes(data: Uint8Array | ArrayBuffer): boolean {
  const b = toBytes(data);
  if (!isZipBytes(b)) return false;
  try {
    return isDocxPackage(b, zipDirectory(b, ''));
  } catch (e) {
    if (e instanceof FileReadError || (e as { name?: string }).name === 'FileReadError') return false;
    throw e;
  }
}

/** Names under which text is a table or a damaged workbook, never a report: a workbook's, a .csv's. */
const NOT_REPORT_EXT = new Set(['xlsx', 'xlsm', 'xltx', 'xltm', 'xls', 'et', 'ods', 'ots', 'xlsb', 'csv', 'tsv']);

/**
 * Plain text that reads as a report rather than a table: most of its non-blank lines hold no ASCII separator (a
 * report's commas are the full-width `，`), and it is not a .csv/.tsv by name.
 */
export function looksLikeReportText(data: Uint8Array | ArrayBuffer, name: string): boolean {
  const b = toBytes(data);
  const ext = extension(name);
  if (NOT_REPORT_EXT.has(ext) || !b.length || isZipBytes(b) || isOle(b) || !looksLikeText(b)) return false;
  const lines = decodeText(b.subarray(0, 64 * 1024))
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim());
  if (!lines.length) return false;
  const tabular = lines.filter((l) => /[\t,;]/.test(l)).length;
  return tabular * 2 < lines.length;
}

/** Text → paragraphs: one per line, blank lines not counted. */
export function textParagraphs(text: string): TextParagraph[] {
  const out: TextParagraph[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) if (line.trim()) out.push({ index: out.length + 1, text: line });
  return out;
}

/** A .txt report → its paragraphs. Throws FileReadError naming the file when it is too large or not text. */
export function readReportText(data: Uint8Array | ArrayBuffer, name: string): TextDocument {
  const b = toBytes(data);
  if (!b.length) throw readError('empty', name);
  if (b.length > TEXT_LIMITS.bytes) {
    throw new FileReadError('too-large', name, `文件${quoteName(name)}有 ${Math.round(b.length / 1024 / 1024)} MB，超过报告文本的上限 ${TEXT_LIMITS.bytes / 1024 / 1024} MB，不像是一份报告，已停止读取。请确认选择了正确的文件。`);
  }
  if (!looksLikeText(b)) {
    throw new FileReadError('not-xlsx', name, `文件${quoteName(name)}不是文本文件，无法作为报告读取。请选择报告的 .docx 或 .txt 文件。`);
  }
  return { name, paragraphs: textParagraphs(decodeText(b)) };
}

/** Which report reader the bytes call for, or null when they are not a report (a workbook, or nothing readable). */
export function textSourceFormat(data: Uint8Array | ArrayBuffer, name: string): TextSourceFormat | null {
  const b = toBytes(data);
  if (isDocxBytes(b)) return 'docx';
  // a .docx cut short (its directory lost) still names its parts in their local headers: answered as Word
  if (isZipBytes(b) && includesAscii(b, 'word/document.xml') && !includesAscii(b, 'xl/workbook.xml')) return 'docx';
  if (looksLikeReportText(b, name)) return 'txt';
  return null;
}

/**
 * A report file → TextDocument: a .docx by its content, else text. An old Word .doc (a compound file holding a
 * WordDocument stream) gets a message saying how to save it as .docx. Throws FileReadError naming the file.
 */
export function readTextDocument(data: Uint8Array | ArrayBuffer, name: string): TextDocument {
  const b = toBytes(data);
  if (!b.length) throw readError('empty', name);
  if (isOle(b) && hasUtf16(b, 'WordDocument')) {
    throw new FileReadError('not-xlsx', name, `文件${quoteName(name)}是旧版 Word 文档（.doc），无法直接读取。请在 Word 或 WPS 中打开，“另存为” .docx 后再检查。`);
  }
  if (isZipBytes(b)) {
    if (isDocxBytes(b)) return readDocx(b, name);
    try {
      zipDirectory(b, name); // a damaged zip says so; a whole one that is not a .docx is refused below
    } catch (e) {
      // a .docx cut short has lost its directory, but its first parts' local headers still name them
      if (isFileReadError(e) && e.code === 'truncated' && includesAscii(b, 'word/document.xml')) throw docxError(name, '文件不完整，可能下载或复制时中断');
      throw e;
    }
    throw new FileReadError('not-xlsx', name, `文件${quoteName(name)}不是 Word 文档（.docx），也不是文本文件，无法作为报告读取。请选择报告的 .docx 或 .txt 文件。`);
  }
  return readReportText(b, name);
}
