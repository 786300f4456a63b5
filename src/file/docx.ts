/**
 * The report as a Word file laid out to GB/T 9704-2012 (党政机关公文格式), with the `docx` package.
 * Paragraph roles become real paragraph styles (headings are Word's Heading 1–4 with outline levels, so the
 * navigation pane works). Runs in Node and in the browser: returns bytes, touches no file system.
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph as DocxParagraph,
  TextRun,
} from 'docx';
import type { IBaseParagraphStyleOptions, IParagraphStyleOptions } from 'docx';
import type { Paragraph, ParagraphRole, Report } from '../core/types';
import { outputText } from '../core/output';
import { FLAG_TEXT, draftParagraphs, splitFlagged, type FlaggedFigure } from '../core/narrative/flags';

const MM = 1440 / 25.4; // twips per millimetre
const twips = (mm: number) => Math.round(mm * MM);

/** GB/T 9704-2012 page and type measures (twips / half-points). */
export const GB9704 = {
  page: { width: 11906, height: 16838 }, // A4
  margin: { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) },
  /** Page number 7 mm below the type area: footer distance from the paper's edge. */
  footer: twips(23),
  /** 三号 16 pt body, 二号 22 pt title, 四号 14 pt page number — in half-points. */
  bodySize: 32,
  titleSize: 44,
  pageNumberSize: 28,
  /** Fixed line spacing ≈ 28.9 pt, 22 lines in the 225 mm type area. */
  line: 578,
  /** Two characters of 16 pt. */
  indent: 640,
  /**
   * 28 characters in the 156 mm (442.2 pt) type area: 16 pt glyphs tightened by 0.25 pt (w:spacing −5 twips)
   * give a 15.75 pt pitch, 28 × 15.75 = 441 pt. (A linesAndChars grid does the same in Word but LibreOffice
   * then gives every glyph two grid cells, so the grid is a line grid only.)
   */
  characterSpacing: -5,
  fonts: {
    body: '仿宋_GB2312',
    title: '方正小标宋简体',
    heading1: '黑体',
    heading2: '楷体_GB2312',
    heading3: '仿宋_GB2312',
    pageNumber: '宋体',
    latin: 'Times New Roman',
  },
};

/**
 * Chinese text in the GB font; digits and Latin letters in Times New Roman, as county offices set them
 * (it also keeps a figure like `1200` or `93.8%` in one piece at a line end).
 */
function font(name: string) {
  return { ascii: GB9704.fonts.latin, hAnsi: GB9704.fonts.latin, eastAsia: name, cs: name };
}

const exactLine = { line: GB9704.line, lineRule: LineRuleType.EXACT };

function headingStyle(fontName: string, level: number, bold: boolean): IBaseParagraphStyleOptions {
  return {
    run: { font: font(fontName), size: GB9704.bodySize, bold, color: '000000', italics: false, characterSpacing: GB9704.characterSpacing },
    paragraph: {
      outlineLevel: level,
      spacing: { ...exactLine, before: 0, after: 0 },
      indent: { firstLine: GB9704.indent },
      alignment: AlignmentType.JUSTIFIED,
      keepNext: true,
    },
  };
}

/** Custom (non-heading) styles by role, with their Chinese display names. */
const ROLE_STYLE: Partial<Record<ParagraphRole, { id: string; name: string }>> = {
  addressee: { id: 'GwAddressee', name: '主送机关' },
  signature: { id: 'GwSignature', name: '发文机关署名' },
  date: { id: 'GwDate', name: '成文日期' },
  note: { id: 'GwNote', name: '附注' },
};

/** A role's custom style: body font and size, based on Normal, with its own indent and alignment. */
function roleStyle(role: 'addressee' | 'signature' | 'date' | 'note', next: string, paragraph: IBaseParagraphStyleOptions['paragraph']): IParagraphStyleOptions {
  const { id, name } = ROLE_STYLE[role]!;
  return { id, name, basedOn: 'Normal', next, quickFormat: true, run: { font: font(GB9704.fonts.body), size: GB9704.bodySize }, paragraph };
}

const HEADING_LEVEL: Partial<Record<ParagraphRole, 1 | 2 | 3 | 4>> = { heading1: 1, heading2: 2, heading3: 3, heading4: 4 };

/** A line's text as runs: a flagged figure highlighted (and followed by `【待核实】` when the county chose it). */
type Piece = { text: string; flagged: boolean };

function runs(pieces: Piece[], flagText: boolean): TextRun[] {
  const out: TextRun[] = [];
  for (const x of pieces) {
    if (!x.text) continue;
    if (!x.flagged) out.push(new TextRun({ text: x.text }));
    else {
      out.push(new TextRun({ text: x.text, highlight: 'yellow' }));
      if (flagText) out.push(new TextRun({ text: FLAG_TEXT, highlight: 'yellow' }));
    }
  }
  return out.length ? out : [new TextRun({ text: '' })];
}

function docParagraph(p: Paragraph, children: TextRun[], firstOfSignature: boolean): DocxParagraph {
  const level = HEADING_LEVEL[p.role];
  if (p.role === 'title') return new DocxParagraph({ style: 'Title', children });
  if (level) return new DocxParagraph({ style: `Heading${level}`, children });
  const custom = ROLE_STYLE[p.role];
  if (custom) {
    return new DocxParagraph({
      style: custom.id,
      children,
      // One blank line between the text and the signature block.
      spacing: p.role === 'signature' && firstOfSignature ? { before: GB9704.line } : undefined,
    });
  }
  return new DocxParagraph({ children }); // body, opening, closing: Normal
}

export interface DocxOptions {
  /** Figures touching an open 错误 or 待核实 (core/narrative/flags.ts): highlighted, never stated silently. */
  flags?: FlaggedFigure[];
  /** Also write `【待核实】` after each of them (a county's choice: the CLI's --flag-text, the pane's switch). */
  flagText?: boolean;
}

/** `Report` → .docx bytes (GB/T 9704-2012 layout), the draft's notes as its 附注 after the date. */
export async function reportDocx(report: Report, opts: DocxOptions = {}): Promise<Uint8Array> {
  const children: DocxParagraph[] = [];
  let prevRole: ParagraphRole | null = null;
  draftParagraphs(report).forEach((p, i) => {
    const own = (opts.flags ?? []).filter((f) => f.paragraph === i);
    // cut at the flags on the text as built (their offsets), then clean each piece and split it into lines
    const lines: Piece[][] = [[]];
    for (const piece of splitFlagged(p.text ?? '', own)) {
      const parts = outputText(piece.text).replace(/\r\n?/g, '\n').split('\n');
      parts.forEach((t, k) => {
        if (k > 0) lines.push([]);
        lines[lines.length - 1].push({ text: t, flagged: piece.flag !== null });
      });
    }
    for (const line of lines) {
      children.push(docParagraph(p, runs(line, opts.flagText === true), p.role === 'signature' && prevRole !== 'signature'));
      prevRole = p.role;
    }
  });
  if (!children.length) children.push(new DocxParagraph({ children: [] }));

  const title = outputText(report.paragraphs.find((p) => p.role === 'title')?.text ?? '');
  const body = GB9704.fonts.body;
  const doc = new Document({
    creator: '指标审核助手 Indicator Desk',
    title,
    description: outputText([report.unit, report.year ? `${report.year}年度` : null].filter(Boolean).join(' ')),
    styles: {
      default: {
        document: {
          run: {
            font: font(body),
            size: GB9704.bodySize,
            characterSpacing: GB9704.characterSpacing,
            // Chinese for the Chinese text, English for the Latin-script text (digits, '.', '%'), as Word's zh-CN
            // default has it: LibreOffice breaks text tagged Chinese between any two characters, `77.8` / `%` too
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: { ...exactLine, before: 0, after: 0 } },
        },
        title: {
          run: { font: font(GB9704.fonts.title), size: GB9704.titleSize, bold: false, color: '000000', characterSpacing: 0 },
          paragraph: {
            alignment: AlignmentType.CENTER,
            // 二号 needs more than the body's fixed line; one blank body line after the title.
            spacing: { line: 720, lineRule: LineRuleType.EXACT, before: 0, after: GB9704.line },
            indent: { firstLine: 0 },
          },
        },
        heading1: headingStyle(GB9704.fonts.heading1, 0, false),
        heading2: headingStyle(GB9704.fonts.heading2, 1, false),
        heading3: headingStyle(GB9704.fonts.heading3, 2, true),
        heading4: headingStyle(GB9704.fonts.heading3, 3, true),
      },
      paragraphStyles: [
        {
          id: 'Normal',
          name: 'Normal',
          run: { font: font(body), size: GB9704.bodySize, characterSpacing: GB9704.characterSpacing },
          paragraph: { spacing: { ...exactLine, before: 0, after: 0 }, indent: { firstLine: GB9704.indent }, alignment: AlignmentType.JUSTIFIED },
        },
        roleStyle('addressee', 'Normal', { indent: { firstLine: 0, left: 0 }, alignment: AlignmentType.LEFT }),
        roleStyle('signature', ROLE_STYLE.date!.id, { indent: { firstLine: 0, right: GB9704.indent }, alignment: AlignmentType.RIGHT }),
        roleStyle('date', 'Normal', { indent: { firstLine: 0, right: GB9704.indent }, alignment: AlignmentType.RIGHT }),
        // 附注: below the date, two characters in (GB/T 9704-2012 7.3.7)
        roleStyle('note', 'Normal', { indent: { firstLine: GB9704.indent, left: 0 }, alignment: AlignmentType.JUSTIFIED }),
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: GB9704.page,
            margin: { ...GB9704.margin, header: twips(15), footer: GB9704.footer },
          },
          grid: { type: DocumentGridType.LINES, linePitch: GB9704.line },
        },
        footers: {
          default: new Footer({
            children: [
              new DocxParagraph({
                alignment: AlignmentType.CENTER,
                indent: { firstLine: 0 },
                spacing: { line: 240, lineRule: LineRuleType.AUTO },
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: font(GB9704.fonts.pageNumber),
                    size: GB9704.pageNumberSize,
                    characterSpacing: 0,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const ab = await Packer.toArrayBuffer(doc);
  return new Uint8Array(ab);
}
