/**
 * One bench scenario in a fresh process, so its peak memory (maxRSS) is its own.
 * Prints one JSON line: { times: ms[], maxRssMB, extra }.
 *   node build/bench/worker.js read|check|report <file> <iterations>
 *   node build/bench/worker.js readany|sheetjs <file> <iterations>   (our reader for any format; SheetJS on an .xlsx)
 *   node build/bench/worker.js many <file>...            (one pass over all files)
 *   node build/bench/worker.js merge <out.xlsx> <file>...
 */
import * as fs from 'fs';
import ExcelJS from 'exceljs';
import { check } from '../src/core/check';
import { buildReport } from '../src/core/narrative';
import { resultPlan } from '../src/core/plan';
import { readXlsx, readWorkbook, applyPlan, reportDocx } from '../src/file';
import { mergeFiles } from '../src/cli/merge';

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Warm-up runs before timing, the same for every scenario and its baseline (lets V8 compile the hot paths). */
const WARMUP = 3;

async function timed(iterations: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = now();
    await fn();
    times.push(now() - t);
  }
  return times;
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  let times: number[] = [];
  const extra: Record<string, number> = {};
  if (mode === 'read' || mode === 'check' || mode === 'report') {
    const [file, n] = rest;
    const data = fs.readFileSync(file);
    const name = file.split('/').pop() ?? file;
    if (mode === 'read') {
      times = await timed(Number(n), async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(data as unknown as ArrayBuffer);
      });
    } else if (mode === 'check') {
      times = await timed(Number(n), async () => check(await readXlsx(data, name)));
    } else {
      times = await timed(Number(n), async () => {
        const result = check(await readXlsx(data, name));
        const report = buildReport(result);
        await applyPlan(data, resultPlan(result, report));
        await reportDocx(report);
      });
    }
  } else if (mode === 'readany' || mode === 'sheetjs') {
    const [file, n] = rest;
    const data = fs.readFileSync(file);
    const name = file.split('/').pop() ?? file;
    if (mode === 'readany') times = await timed(Number(n), async () => readWorkbook(data, name));
    else {
      // a bench-only peer, never used on user files; run.ts only asks for it when the package is installed
      const XLSX = require('xlsx') as { read(d: Uint8Array, o: { type: string }): unknown };
      times = await timed(Number(n), async () => XLSX.read(data, { type: 'buffer' }));
    }
  } else if (mode === 'many') {
    const t = now();
    for (const file of rest) check(await readXlsx(fs.readFileSync(file), file));
    times = [now() - t];
    extra.files = rest.length;
  } else if (mode === 'merge') {
    const [out, ...files] = rest;
    const t = now();
    await mergeFiles(files, out);
    times = [now() - t];
    extra.files = files.length;
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ times, maxRssMB, extra })}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
