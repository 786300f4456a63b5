/**
 * Parity: the sample workbooks saved by LibreOffice (headless, into a temp dir here) as .xls (BIFF8), .ods and
 * .csv — every sheet as its own CSV, in UTF-8 and, through iconv, in GBK — read to the same Grids and the same
 * findings as the .xlsx they came from. A workbook with a hidden sheet, percent and date formats, a merged title
 * and a formula error goes the same way. BIFF5 (Excel 95, old WPS), which LibreOffice
 * no longer writes, is made by hand (test/file/biff-writer.ts).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { check } from '../../src/core/check';
import { formatDecimals, isDateFormat, isPercentFormat } from '../../src/core/value';
import type { Cell, Grid, Workbook } from '../../src/core/types';
import { readWorkbook, readXlsx } from '../../src/file';

const SAMPLE_DIR = path.join(__dirname, '../../assets/samples');
const SAMPLES = fs.readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.xlsx')).sort();
let dir = '';

function soffice(args: string[]): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', ...args], { stdio: 'ignore', timeout: 240_000 });
}

/** An extra workbook with what the samples lack: a hidden sheet, 0.0% and dates, a formula error. */
async function extraWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标');
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = '前营乡2023年度法治政府建设指标';
  ws.addRow(['序号', '指标名称', '单位', '2023年']);
  ws.addRow([1, '受理矛盾纠纷', '件', 40]);
  ws.addRow([2, '调解成功数', '件', 38]);
  ws.addRow([3, '调解成功率', '%', 0.925]);
  ws.getCell('D5').numFmt = '0.0%';
  ws.addRow([4, '落款日期', '', new Date(Date.UTC(2024, 0, 8))]);
  ws.getCell('D6').numFmt = 'yyyy"年"m"月"d"日"';
  // (a formula's text result and a TRUE are left to the hand-made files of biff.test.ts and ods.test.ts:
  // LibreOffice stores 0 as the cached text result in .xls, and TRUE as the number 1 in .ods)
  ws.getCell('E4').value = { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue;
  const hidden = wb.addWorksheet('旧表', { state: 'hidden' });
  hidden.addRow(['行政村（社区）数', 21]);
  await wb.xlsx.writeFile(file);
}

beforeAll(async () => {
  const has = spawnSync('sh', ['-c', 'command -v soffice && command -v iconv'], { stdio: 'ignore' }).status === 0;
  if (!has) throw new Error('LibreOffice (soffice, libreoffice-calc-nogui) and iconv are needed: npm test installs them when run as root');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'id-formats-'));
  for (const f of SAMPLES) fs.copyFileSync(path.join(SAMPLE_DIR, f), path.join(dir, f));
  await extraWorkbook(path.join(dir, '前营乡-附表.xlsx'));
  const books = fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, f));
  soffice(['--convert-to', 'xls', '--outdir', path.join(dir, 'xls'), ...books]);
  soffice(['--convert-to', 'ods', '--outdir', path.join(dir, 'ods'), ...books]);
  // every sheet as its own CSV (the last token, -1), UTF-8, comma, quoted text
  soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', path.join(dir, 'csv'), ...books]);
  fs.mkdirSync(path.join(dir, 'gbk'));
  for (const f of fs.readdirSync(path.join(dir, 'csv'))) {
    const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK', path.join(dir, 'csv', f)]);
    fs.writeFileSync(path.join(dir, 'gbk', f), gbk);
  }
}, 600_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const xlsxNames = () => [...SAMPLES, '前营乡-附表.xlsx'];
const bytes = (...p: string[]) => new Uint8Array(fs.readFileSync(path.join(dir, ...p)));

function sameNumber(a: number, b: number): boolean {
  // .ods keeps 15 significant digits (0.339285714285714 for 19/56)
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
}

function sameCell(a: Cell, b: Cell): boolean {
  if (typeof a === 'number' && typeof b === 'number') return sameNumber(a, b);
  if (a && b && typeof a === 'object' && typeof b === 'object') return a.error === b.error;
  return a === b;
}

/** What a format means to the checker: percent (and its decimals), date, decimals. */
function meaning(f: string | null | undefined): string {
  if (isPercentFormat(f)) return `percent ${formatDecimals(f)}`;
  if (isDateFormat(f)) return 'date';
  return `number ${f ? formatDecimals(f) : null}`;
}

/** Every difference between two Grids, as lines a reader can follow. */
function gridDiffs(a: Grid, b: Grid, values = true): string[] {
  const out: string[] = [];
  if (JSON.stringify(a.origin) !== JSON.stringify(b.origin)) out.push(`${a.name}: origin ${JSON.stringify(a.origin)} ≠ ${JSON.stringify(b.origin)}`);
  const key = (g: Grid) => (g.merges ?? []).map((m) => `${m.r1},${m.c1}:${m.r2},${m.c2}`).sort().join(' ');
  if (key(a) !== key(b)) out.push(`${a.name}: merges ${key(a)} ≠ ${key(b)}`);
  if (!values) return out;
  const rows = Math.max(a.rows.length, b.rows.length);
  for (let r = 0; r < rows; r++) {
    const cols = Math.max(a.rows[r]?.length ?? 0, b.rows[r]?.length ?? 0);
    for (let c = 0; c < cols; c++) {
      const va = a.rows[r]?.[c] ?? null;
      const vb = b.rows[r]?.[c] ?? null;
      if (!sameCell(va, vb)) out.push(`${a.name}[${r},${c}]: ${JSON.stringify(va)} ≠ ${JSON.stringify(vb)}`);
      else if (va !== null && typeof va === 'number' && meaning(a.formats?.[r]?.[c]) !== meaning(b.formats?.[r]?.[c])) {
        out.push(`${a.name}[${r},${c}]: format ${a.formats?.[r]?.[c]} ≠ ${b.formats?.[r]?.[c]}`);
      }
    }
  }
  return out;
}

function findingKeys(book: Workbook): string[] {
  return check(book)
    .findings.map((f) => `${f.rule} ${f.sheet}!${f.cell} ${f.message}`)
    .sort();
}

describe.each(['xls', 'ods'])('LibreOffice .%s of every sample', (ext) => {
  test.each(xlsxNames())('%s: same sheets, cells, formats, merges and findings as the .xlsx', async (name) => {
    const original = await readXlsx(bytes(name), name);
    const other = name.replace(/\.xlsx$/, `.${ext}`);
    const book = await readWorkbook(bytes(ext, other), other);
    expect(book.sheets.map((s) => [s.name, s.visibility])).toEqual(original.sheets.map((s) => [s.name, s.visibility]));
    const diffs = original.sheets.flatMap((s, i) => gridDiffs(s, book.sheets[i]));
    expect(diffs).toEqual([]);
    expect(findingKeys(book)).toEqual(findingKeys(original));
  });
});

describe('what the extra workbook holds, read from each format', () => {
  test.each(['xls', 'ods'])('.%s: hidden sheet, 0.0%%, a date, #DIV/0!, the merged title', async (ext) => {
    const book = await readWorkbook(bytes(ext, `前营乡-附表.${ext}`), `前营乡-附表.${ext}`);
    const [ws, hidden] = book.sheets;
    expect(hidden).toMatchObject({ name: '旧表', visibility: 'hidden' });
    expect(ws.merges).toEqual([{ r1: 0, c1: 0, r2: 0, c2: 3 }]);
    expect(ws.rows[0][0]).toBe('前营乡2023年度法治政府建设指标');
    expect(ws.rows[4][3]).toBe(0.925);
    expect(isPercentFormat(ws.formats?.[4][3])).toBe(true);
    expect(formatDecimals(ws.formats?.[4][3])).toBe(1);
    expect(ws.rows[5][3]).toBe(45299); // 2024-01-08
    expect(isDateFormat(ws.formats?.[5][3])).toBe(true);
    expect(ws.rows[3][4]).toEqual({ error: '#DIV/0!' });
  });
});

describe('CSV, one sheet named after the file', () => {
  /** The xlsx's sheet alone, under the CSV's sheet name: what a CSV of that sheet can be compared with. */
  async function alone(sample: string, sheet: string, csvName: string): Promise<Workbook> {
    const original = await readXlsx(bytes(sample), sample);
    const g = original.sheets.find((s) => s.name === sheet) as Grid;
    return { name: csvName, sheets: [{ ...g, name: csvName.replace(/\.csv$/, ''), merges: [] }] };
  }

  test.each(['csv', 'gbk'])('%s: every sheet of every sample reads to the findings of that sheet alone', async (folder) => {
    let compared = 0;
    for (const sample of SAMPLES) {
      const original = await readXlsx(bytes(sample), sample);
      for (const s of original.sheets) {
        const csvName = `${sample.replace(/\.xlsx$/, '')}-${s.name}.csv`;
        const book = await readWorkbook(bytes(folder, csvName), csvName);
        expect(book.sheets).toHaveLength(1);
        expect(book.sheets[0].name).toBe(csvName.replace(/\.csv$/, ''));
        const base = await alone(sample, s.name, csvName);
        expect(gridDiffs(base.sheets[0], book.sheets[0], false)).toEqual([]);
        expect({ csvName, findings: findingKeys(book) }).toEqual({ csvName, findings: findingKeys(base) });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  test('the GBK file really is GBK (not valid UTF-8), and reads to the same text as the UTF-8 one', async () => {
    const name = '周营镇-2023-指标-矛盾纠纷化解.csv';
    const gbk = bytes('gbk', name);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const a = await readWorkbook(gbk, name);
    const b = await readWorkbook(bytes('csv', name), name);
    expect(a.sheets[0].rows).toEqual(b.sheets[0].rows);
    expect(a.sheets[0].rows[5]).toEqual([3, '信访案件化解率', '%', 1, '报告表述：信访案件化解率达到100%']);
    expect(a.sheets[0].formats?.[5][3]).toBe('0%');
  });
});
