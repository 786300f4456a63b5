/**
 * Read time per format: the bench's 40-sheet workbook saved by LibreOffice as .xls and .ods, and the register
 * sheet of its large workbook as .csv (UTF-8 and GBK), each read by src/file's readers against the .xlsx read of
 * the same workbook (for the CSV: the .xlsx holding that sheet beside two small ones) in the same run. And SheetJS (`xlsx`, a bench-only peer) reading the same .xlsx, when it is installed:
 * it is not a dependency of this project (the registry's build has advisories), so without it the line says so.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Metric } from './run';

interface WorkerOut {
  times: number[];
  maxRssMB: number;
}

export async function formatMetrics(
  fx: { forty: string; big: string },
  dir: string,
  runWorker: (args: string[]) => WorkerOut,
  median: (xs: number[]) => number,
  n: number,
): Promise<Metric[]> {
  const out: Metric[] = [];
  const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  const read = (file: string) => median(runWorker(['readany', file, String(n)]).times);
  if (spawnSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' }).status !== 0) {
    console.log('[bench] per-format read times not measured: LibreOffice (soffice) is not installed to make the .xls/.ods/.csv');
  } else {
    const fdir = path.join(dir, 'formats');
    fs.mkdirSync(fdir, { recursive: true });
    const soffice = (args: string[]) =>
      execFileSync('soffice', [`-env:UserInstallation=file://${fdir}/profile`, '--headless', ...args, '--outdir', fdir], { stdio: 'ignore', timeout: 300_000 });
    soffice(['--convert-to', 'xls', fx.forty]);
    soffice(['--convert-to', 'ods', fx.forty]);
    // every sheet as its own CSV (last token -1); the register's sheet is the one worth timing
    soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', fx.big]);
    const base = (f: string, ext: string) => path.join(fdir, path.basename(f).replace(/\.xlsx$/, `.${ext}`));
    const csv = base(fx.big, 'csv').replace(/\.csv$/, '-信访台账.csv');
    const gbk = csv.replace(/\.csv$/, '-gbk.csv');
    fs.writeFileSync(gbk, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK', csv], { maxBuffer: 512 * 1024 * 1024 }));
    const xlsx40 = read(fx.forty);
    const xlsxBig = read(fx.big);
    const rows = fs.readFileSync(csv, 'utf8').split('\n').length - 1;
    const cases: [string, string, number, string][] = [
      ['read .xls, 40 sheets (BIFF8)', base(fx.forty, 'xls'), xlsx40, '.xlsx read, same workbook'],
      ['read .ods, 40 sheets', base(fx.forty, 'ods'), xlsx40, '.xlsx read, same workbook'],
      [`read .csv, ${rows}-row register (UTF-8)`, csv, xlsxBig, '.xlsx read, the workbook holding it'],
      [`read .csv, ${rows}-row register (GBK)`, gbk, xlsxBig, '.xlsx read, the workbook holding it'],
    ];
    for (const [name, file, baseline, label] of cases) {
      const t = read(file);
      out.push({ name, value: round(t), unit: 'ms', comparison: { name: label, value: round(baseline), unit: 'ms' }, ratio: round(t / baseline, 2) });
    }
  }
  let sheetjs = false;
  try {
    require.resolve('xlsx');
    sheetjs = true;
  } catch {
    console.log('[bench] SheetJS not measured: the `xlsx` package is not installed (it is not a dependency of this project)');
  }
  if (sheetjs) {
    const ours = read(fx.forty);
    const peer = median(runWorker(['sheetjs', fx.forty, String(n)]).times);
    out.push({ name: 'read .xlsx, 40 sheets: src/file', value: round(ours), unit: 'ms', comparison: { name: 'SheetJS read', value: round(peer), unit: 'ms' }, ratio: round(ours / peer, 2) });
  }
  return out;
}
