/**
 * Workbooks the bench measures, generated (deterministically) into a temp folder: township workbooks as
 * offices keep them, a 40-sheet one, a 50,000-row one and many small ones.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { CATALOG } from '../src/core/catalog';

export const BENCH_DIR = path.join(os.tmpdir(), 'indicator-desk-bench');

/** A small deterministic pseudo-random sequence, so every run measures the same files. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const COUNT_IDS = CATALOG.indicators.filter((d) => d.kind === 'count' || d.kind === 'amount');

/** One layout-(a) indicator sheet: title, header, one catalog indicator per row, a notes column. */
function addIndicatorSheet(wb: ExcelJS.Workbook, name: string, unit: string, year: number, seed: number): void {
  const ws = wb.addWorksheet(name);
  const r = rng(seed);
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = `${unit}${year}年度法治政府建设指标统计表`;
  ws.addRow(['序号', '指标名称', '单位', `${year}年`, '备注']);
  let i = 1;
  for (const d of COUNT_IDS) {
    const value = 5 + Math.floor(r() * 300);
    ws.addRow([i++, d.name, d.unit ?? '', value, '']);
  }
}

export async function township(file: string, unit: string, sheets: number, seed = 1): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date('2024-01-08T00:00:00Z');
  wb.modified = wb.created;
  const info = wb.addWorksheet('基本情况');
  info.addRow(['单位名称', unit]);
  info.addRow(['报告年度', 2023]);
  info.addRow(['报送对象', '县委、县政府']);
  for (let s = 0; s < sheets; s++) addIndicatorSheet(wb, sheets === 1 ? '指标' : `指标${s + 1}`, unit, 2023, seed + s);
  await wb.xlsx.writeFile(file);
}

/** A workbook with an indicator sheet and a 50,000-row register (信访台账) sheet beside it. */
export async function bigRegister(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const info = wb.addWorksheet('基本情况');
  info.addRow(['单位名称', '台账镇']).commit();
  info.addRow(['报告年度', 2023]).commit();
  info.commit();
  const ws = wb.addWorksheet('信访台账');
  ws.addRow(['序号', '登记日期', '来访人', '事项', '责任单位', '办理状态', '满意度', '备注']).commit();
  const r = rng(7);
  const states = ['已办结', '办理中', '已化解', '待回访'];
  for (let i = 1; i <= rows; i++) {
    ws.addRow([i, `2023-${1 + (i % 12)}-${1 + (i % 28)}`, `来访人${i}`, `反映第${i}号事项`, `第${1 + (i % 20)}村`, states[i % 4], Math.floor(r() * 100), '']).commit();
  }
  ws.commit();
  await wb.commit();
}

export interface Fixtures {
  one: string;
  forty: string;
  big: string;
  smallDir: string;
  small: string[];
}

/**
 * `n` distinct township workbooks for the county merge (`乡镇0001.xlsx` … each its own township and figures): a
 * repeated file would be recognised as the same file and counted once, so the merge of 1,000 must read 1,000.
 */
export async function countyFixtures(n: number): Promise<string[]> {
  const dir = path.join(BENCH_DIR, 'county');
  fs.mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = path.join(dir, `县${String(i + 1).padStart(4, '0')}.xlsx`);
    if (!fs.existsSync(f)) await township(f, `第${i + 1}镇`, 1, 5000 + i);
    out.push(f);
  }
  return out;
}

export async function makeFixtures(opts: { small: number; bigRows: number }): Promise<Fixtures> {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const one = path.join(BENCH_DIR, 'one-sheet.xlsx');
  const forty = path.join(BENCH_DIR, 'forty-sheets.xlsx');
  const big = path.join(BENCH_DIR, `register-${opts.bigRows}.xlsx`);
  const smallDir = path.join(BENCH_DIR, 'small');
  fs.mkdirSync(smallDir, { recursive: true });
  if (!fs.existsSync(one)) await township(one, '一表镇', 1);
  if (!fs.existsSync(forty)) await township(forty, '四十表镇', 40);
  if (!fs.existsSync(big)) await bigRegister(big, opts.bigRows);
  const small: string[] = [];
  for (let i = 0; i < opts.small; i++) {
    const f = path.join(smallDir, `乡镇${String(i + 1).padStart(4, '0')}.xlsx`);
    if (!fs.existsSync(f)) await township(f, `第${i + 1}镇`, 1, 100 + i);
    small.push(f);
  }
  return { one, forty, big, smallDir, small };
}
