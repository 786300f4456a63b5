/**
 * What the CLI tests share: running `indicator-desk` with its output captured as a terminal shows it, a fresh
 * temporary folder for each test, the bundled samples, and reading what the CLI wrote.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { asLine, type CliIO } from '../../src/cli/io';

export const SAMPLES = path.resolve(__dirname, '../../assets/samples');
export const ZHOU = path.join(SAMPLES, '周营镇-2023-指标.xlsx');

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in `cwd` and returns its exit code and what it wrote to stdout and stderr, line by line as processIO writes them. */
export async function run(argv: string[], cwd = process.cwd()): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += asLine(t)), err: (t) => (err += asLine(t)), cwd };
  const code = await main(argv, io);
  return { code, out, err };
}

/**
 * A new empty folder under the system's temp folder for every test of the file (removed after it); call the
 * returned function inside a test for its path.
 */
export function tempDirPerTest(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

/** A written workbook as ExcelJS reads it (fills, notes, validations: what the plain reader leaves out). */
export async function openExcelJs(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The body XML (word/document.xml) of a written .docx. */
export async function docxXml(file: string): Promise<string> {
  return (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
}
