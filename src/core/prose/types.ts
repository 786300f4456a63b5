/**
 * A township's report as text (issue 13): paragraphs of a .docx / .txt, or column A of a text sheet of a workbook.
 * Readers in src/file (and the workbook adapter) produce a TextDocument; src/core/prose reads its figures.
 */

export interface TextParagraph {
  /** 1-based paragraph number as the user counts them (第12段). Table cells are paragraphs too, in reading order. */
  index: number;
  text: string;
  /** When the text came from a sheet: its sheet and cell (the paragraph's column-A cell). Otherwise absent. */
  sheet?: string;
  cell?: string;
  /** The paragraph is a table cell's (a .docx table): not the report's title or opening. */
  table?: boolean;
}

export interface TextDocument {
  /** File name, for messages. */
  name: string;
  paragraphs: TextParagraph[];
}
