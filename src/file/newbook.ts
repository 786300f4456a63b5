/**
 * A NEW .xlsx written as its rows are made: `merge`'s county workbook of 1,000 townships (tens of thousands of noted
 * figures, 15,000 rows of 审核明细) never stands whole in memory — neither as a plan, nor as a sheet, nor as its notes.
 * Each row is turned into SpreadsheetML (the cells exactly as writeIntoPackage writes them: package.ts) and deflated
 * into the zip at once; the notes go at the same time into the sheet's comments part (fflate keeps a later part's
 * compressed bytes until the parts before it are done), and its VML drawing, which must say up front how many shape
 * ids it takes, is written after the sheet from three numbers a note.
 *
 * Parts: [Content_Types].xml, _rels/.rels, docProps/core.xml and app.xml (the tool as author), xl/workbook.xml and its
 * relationships, xl/styles.xml (the plan's styles) and, per sheet, its part with its comments, VML and relationships.
 * Pure byte and string work, synchronous: `sink` gets the zip's bytes in order (a file descriptor, a Blob's parts).
 */
import { Zip, ZipDeflate } from 'fflate';
import type { BookSource, CellStyle, SheetSource } from '../core/types';
import { COMMENTS_CT, COMMENTS_END, COMMENTS_START, noteShape, noteXml, PKG_RELS, VML_CT, vmlFrame } from './cellmarks';
import { hyperlinkXml, quoteSheet, rowXml, sheetEnd, sheetStart, Styles } from './package';
import { escAttr, escText } from './xmlparts';
import { crc32 } from './zip';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/**
 * Bytes gathered before they are deflated: few calls into the compressor. A part's text is encoded as it comes into
 * a buffer of its own, never joined into one long string first (a string that long lands in V8's large-object
 * space, which only a full collection empties: a county's notes would pile up there).
 */
const CHUNK = 1 << 18;
const encoder = new TextEncoder();
/**
 * Raw DEFLATE of one piece of a part, the pieces of a part given in order and their outputs concatenated: each
 * but the last ends on a byte boundary without closing the stream (a sync flush), the last closes it. A host with a
 * native compressor (Node's zlib) passes one to writeNewBook: it frees its buffers as it goes, where the JavaScript
 * compressor's wait for the garbage collector — tens of megabytes while 1,000 townships' notes are written.
 */
export type PieceDeflate = (piece: Uint8Array, last: boolean) => Uint8Array;

/** A zip entry compressed piece by piece by a PieceDeflate (fflate's Zip takes any object of this shape). */
class PieceEntry {
  readonly compression = 8;
  size = 0;
  crc = 0;
  ondata?: (err: Error | null, data: Uint8Array, final: boolean) => void;

  constructor(
    readonly filename: string,
    private readonly deflate: PieceDeflate,
  ) {}

  push(piece: Uint8Array, last: boolean): void {
    this.size += piece.length;
    this.crc = crc32(piece, this.crc);
    this.ondata!(null, this.deflate(piece, last), last);
  }
}

/** The zip being written, and the host's compressor if it has one. */
interface Out {
  zip: Zip;
  deflate?: PieceDeflate;
}

/** A zip entry written a piece at a time, its text gathered into chunks before deflating. */
class Entry {
  private readonly file: { push(piece: Uint8Array, last: boolean): void };
  private buf = new Uint8Array(CHUNK + (1 << 16));
  private used = 0;

  constructor(out: Out, name: string) {
    const zip = out.zip;
    if (out.deflate) {
      const entry = new PieceEntry(name, out.deflate);
      zip.add(entry);
      this.file = entry;
    } else {
      // a small hash table (mem 4: 128 KB, not the 2 MB a stream takes by default) for each part being deflated
      const entry = new ZipDeflate(name, { level: 6, mem: 4 });
      zip.add(entry);
      this.file = entry;
    }
  }

  write(text: string): void {
    // UTF-8 takes at most three bytes for each UTF-16 code unit
    if (this.used + text.length * 3 > this.buf.length) this.flush(false);
    if (text.length * 3 > this.buf.length) {
      this.file.push(encoder.encode(text), false);
      return;
    }
    this.used += encoder.encodeInto(text, this.buf.subarray(this.used)).written;
    if (this.used >= CHUNK) this.flush(false);
  }

  end(text = ''): void {
    if (text) this.write(text);
    this.flush(true);
    this.buf = new Uint8Array(0);
  }

  /** Hands what is gathered to the compressor, which copies it: the buffer is used again. */
  private flush(final: boolean): void {
    if (!this.used && !final) return;
    this.file.push(this.buf.subarray(0, this.used), final);
    this.used = 0;
  }
}

function whole(out: Out, name: string, text: string): void {
  new Entry(out, name).end(text);
}

/** The notes of one sheet as they are written: their comments streamed, and three numbers each for the drawing. */
class SheetNotes {
  private comments: Entry | null = null;
  private readonly shapes: number[] = [];

  constructor(
    private readonly out: Out,
    private readonly no: number,
  ) {}

  add(at: string, row: number, col: number, text: string): void {
    if (!text) return;
    if (!this.comments) {
      this.comments = new Entry(this.out, `xl/comments${this.no}.xml`);
      this.comments.write(COMMENTS_START);
    }
    this.comments.write(noteXml(at, text));
    this.shapes.push(row, col, text.split('\n').length);
  }

  get count(): number {
    return this.shapes.length / 3;
  }

  /** Ends the comments part and writes the drawing (shape ids from `block`); the parts to declare. */
  finish(block: number): [string, string][] {
    if (!this.comments) return [];
    this.comments.end(COMMENTS_END);
    const frame = vmlFrame(block, this.count);
    const vml = new Entry(this.out, `xl/drawings/vmlDrawing${this.no}.vml`);
    vml.write(frame.start);
    const s = this.shapes;
    for (let i = 0; i < this.count; i++) vml.write(noteShape(block, i, s[i * 3], s[i * 3 + 1], s[i * 3 + 2]));
    vml.end(frame.end);
    whole(
      this.out,
      `xl/worksheets/_rels/sheet${this.no}.xml.rels`,
      `${XML_HEAD}<Relationships xmlns="${PKG_RELS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/comments" Target="../comments${this.no}.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/vmlDrawing" Target="../drawings/vmlDrawing${this.no}.vml"/></Relationships>`,
    );
    return [
      [`/xl/comments${this.no}.xml`, COMMENTS_CT],
      [`/xl/drawings/vmlDrawing${this.no}.vml`, VML_CT],
    ];
  }
}

/** One sheet: its rows written as they come; the notes' parts after it. Returns the parts to declare and the next free block. */
function writeSheet(out: Out, no: number, sp: SheetSource, styles: Styles, planStyles: Record<string, CellStyle>, selected: boolean, block: number): { parts: [string, string][]; block: number } {
  const unstreamable = sp as { validations?: unknown[]; protect?: boolean };
  if (unstreamable.validations?.length || unstreamable.protect) throw new Error(`工作表“${sp.name}”有数据验证或保护，不能用新工作簿的写法写出`);
  const part = new Entry(out, `xl/worksheets/sheet${no}.xml`);
  const notes = new SheetNotes(out, no);
  const links: string[] = [];
  part.write(sheetStart(sp, MAIN_NS, selected));
  let r = 0;
  for (const cells of sp.rows) {
    part.write(
      rowXml(cells, r, sp.rowHeights?.[r], styles, planStyles, (c) => {
        const link = hyperlinkXml(c);
        if (link) links.push(link);
        if (c.spec.note) notes.add(c.at, c.row, c.col, c.spec.note);
      }),
    );
    r++;
  }
  const noted = notes.count > 0;
  part.end(sheetEnd(sp, links, noted ? `<legacyDrawing xmlns:r="${REL_NS}" r:id="rId2"/>` : ''));
  const parts: [string, string][] = [[`/xl/worksheets/sheet${no}.xml`, WORKSHEET_CT], ...notes.finish(block)];
  return { parts, block: noted ? block + Math.floor(notes.count / 1024) + 1 : block };
}

function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Write `book` as a new .xlsx into `sink`, one sheet after another, each row deflated as soon as it is made.
 * Throws (and stops writing) when a sheet's rows throw; the caller discards what the sink got.
 */
export function writeNewBook(book: BookSource, sink: (chunk: Uint8Array) => void, options: { creator?: string; deflate?: PieceDeflate } = {}): void {
  const creator = options.creator ?? '指标审核助手 Indicator Desk';
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure ??= err;
    else sink(chunk);
  });
  const out: Out = { zip, deflate: options.deflate };
  const styles = new Styles(null);
  const visible = book.sheets.filter((s) => !s.hidden);
  const active = Math.max(0, book.sheets.findIndex((s) => s.name === (visible.some((s) => s.name === book.activate) ? book.activate : visible[0]?.name)));
  const declared: [string, string][] = [];
  let block = 1;
  book.sheets.forEach((sp, i) => {
    const written = writeSheet(out, i + 1, sp, styles, book.styles, i === active, block);
    declared.push(...written.parts);
    block = written.block;
    if (failure) throw failure;
  });

  const sheets = book.sheets
    .map((sp, i) => `<sheet name="${escAttr(sp.name)}" sheetId="${i + 1}"${sp.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`)
    .join('');
  const titles = book.sheets
    .map((sp, i) => (sp.printTitleRows ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escText(`${quoteSheet(sp.name)}!$${sp.printTitleRows[0]}:$${sp.printTitleRows[1]}`)}</definedName>` : ''))
    .join('');
  whole(
    out,
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="${active}"/></bookViews>` +
      `<sheets>${sheets}</sheets>${titles ? `<definedNames>${titles}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`,
  );
  const n = book.sheets.length;
  whole(
    out,
    'xl/_rels/workbook.xml.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_RELS}">` +
      book.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  );
  whole(out, 'xl/styles.xml', styles.text());
  const who = escText(creator);
  const now = isoNow();
  whole(
    out,
    'docProps/core.xml',
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${who}</dc:creator><cp:lastModifiedBy>${who}</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
  );
  whole(out, 'docProps/app.xml', `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${who}</Application></Properties>`);
  whole(
    out,
    '_rels/.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_RELS}">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>',
  );
  const overrides: [string, string][] = [
    ['/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
    ['/xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml'],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
    ...declared.filter(([, ct]) => ct !== VML_CT),
  ];
  whole(
    out,
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Default Extension="vml" ContentType="${VML_CT}"/>` +
      overrides.map(([p, ct]) => `<Override PartName="${escAttr(p)}" ContentType="${ct}"/>`).join('') +
      '</Types>',
  );
  zip.end();
  if (failure) throw failure;
}
