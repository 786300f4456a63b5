/**
 * `npm run bench`: speed and memory of the things a county office waits for.
 * Every figure is a median of several runs after a warm-up; speed is also given as a ratio to a baseline
 * measured in the same run (absolute times on a shared machine drift). Writes bench/results.json.
 */
import { placeLabel } from '../src/core/meaning';
import { corpusLine, scoreCorpus } from '../test/core/meaning/corpus';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { countyFixtures, makeFixtures, BENCH_DIR } from './fixtures';
import { adapterMetrics } from './adapter';
import { bundleMetrics } from './bundle';
import { pageMetrics } from './page';
import { formatMetrics } from './formats';
import { proseMetrics } from './prose';

export interface Metric {
  name: string;
  value: number;
  unit: string;
  /** The baseline this figure is compared to, measured in the same run. */
  comparison?: { name: string; value: number; unit: string };
  ratio?: number;
  target?: string;
  ok?: boolean;
}

const root = path.resolve(__dirname, '..', '..');
const worker = path.join(__dirname, 'worker.js');

interface WorkerOut {
  times: number[];
  maxRssMB: number;
  extra: Record<string, number>;
}

function runWorker(args: string[]): WorkerOut {
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', worker, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as WorkerOut;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const smallCount = quick ? 50 : 500;
  const bigRows = quick ? 5000 : 50000;
  console.log(`[bench] fixtures in ${BENCH_DIR}`);
  const fx = await makeFixtures({ small: smallCount, bigRows });
  const metrics: Metric[] = [];

  // check vs ExcelJS only reading the same file (the floor)
  const cases: [string, string, number][] = [
    ['1 sheet', fx.one, quick ? 5 : 15],
    ['40 sheets', fx.forty, quick ? 3 : 7],
    [`${bigRows} rows`, fx.big, quick ? 1 : 3],
  ];
  for (const [label, file, n] of cases) {
    const read = runWorker(['read', file, String(n)]);
    const chk = runWorker(['check', file, String(n)]);
    const r = median(read.times);
    const c = median(chk.times);
    metrics.push({
      name: `check ${label}`,
      value: round(c),
      unit: 'ms',
      comparison: { name: 'ExcelJS read only', value: round(r), unit: 'ms' },
      ratio: round(c / r, 2),
      // issue 10: placing labels by meaning must not make the check slower than it was (×0.55 of ExcelJS reading)
      target: label === '40 sheets' ? 'ratio ≤ 0.55' : undefined,
      ok: label === '40 sheets' ? c / r <= 0.55 : undefined,
    });
    metrics.push({
      name: `check ${label} peak memory`,
      value: round(chk.maxRssMB),
      unit: 'MB',
      comparison: { name: 'ExcelJS read only', value: round(read.maxRssMB), unit: 'MB' },
      ratio: round(chk.maxRssMB / read.maxRssMB, 2),
    });
  }

  // many small workbooks in one process
  const many = runWorker(['many', ...fx.small]);
  const manyMs = many.times[0];
  metrics.push({
    name: `check ${smallCount} small workbooks in one process`,
    value: round(manyMs / 1000, 2),
    unit: 's',
    comparison: { name: 'files per second', value: round(smallCount / (manyMs / 1000)), unit: 'files/s' },
    target: smallCount === 500 ? '< 5 s' : undefined,
    ok: smallCount === 500 ? manyMs < 5000 : undefined,
  });

  // merge (issue 14): 40 and 1,000 distinct township workbooks; files per second, and peak memory that must not
  // grow with the count (only each file's compact row is kept; the county workbook is written a row at a time)
  const mergeOut = path.join(BENCH_DIR, 'merge-out.xlsx');
  const county = await countyFixtures(quick ? 100 : 1000);
  const forty = county.slice(0, 40);
  const m40 = runWorker(['merge', mergeOut, ...forty]);
  const m1000 = runWorker(['merge', mergeOut, ...county]);
  const n = county.length;
  metrics.push({
    name: 'merge 40 workbooks',
    value: round(m40.times[0]),
    unit: 'ms',
    comparison: { name: 'files per second', value: round(40 / (m40.times[0] / 1000)), unit: 'files/s' },
  });
  metrics.push({
    name: `merge ${n} workbooks`,
    value: round(m1000.times[0] / 1000, 2),
    unit: 's',
    comparison: { name: 'files per second', value: round(n / (m1000.times[0] / 1000)), unit: 'files/s' },
    target: n === 1000 ? '< 40 s' : undefined,
    ok: n === 1000 ? m1000.times[0] < 40_000 : undefined,
  });
  metrics.push({
    name: `merge ${n} peak memory`,
    value: round(m1000.maxRssMB),
    unit: 'MB',
    comparison: { name: 'merge 40 peak memory', value: round(m40.maxRssMB), unit: 'MB' },
    ratio: round(m1000.maxRssMB / m40.maxRssMB, 2),
    target: 'ratio ≤ 1.3 (does not grow with the count)',
    ok: m1000.maxRssMB / m40.maxRssMB <= 1.3,
  });

  // report: sheet + .docx for one workbook
  const sample = path.join(root, 'assets', 'samples', '周营镇-2023-指标.xlsx');
  const rep = runWorker(['report', fs.existsSync(sample) ? sample : fx.one, quick ? '5' : '15']);
  const repMs = median(rep.times);
  metrics.push({ name: 'report (check + 报告文稿 sheet + .docx), warm', value: round(repMs), unit: 'ms', target: '< 300 ms', ok: repMs < 300 });

  // label placement on the labelled corpus (test/core/meaning/corpus.ts): a wrong placement is a defect
  const score = scoreCorpus((label, ctx) => placeLabel(label, ctx));
  console.log(`[bench] ${corpusLine(score).split('\n')[0]}`);
  metrics.push({
    name: `label placement, ${score.all.length} wordings: right / unknown / ambiguous / wrong`,
    value: score.table.right,
    unit: `/ ${score.table.unknown} / ${score.table.ambiguous} / ${score.table.wrong}`,
    target: 'wrong = 0',
    ok: score.table.wrong === 0,
  });

  // issue 13: a report's text, checked whole; figure-mention precision and recall on the annotated real reports
  metrics.push(...proseMetrics(median, quick ? 3 : 7));

  metrics.push(...(await formatMetrics(fx, BENCH_DIR, runWorker, median, quick ? 3 : 7)));
  metrics.push(...(await adapterMetrics()));
  metrics.push(...bundleMetrics(path.join(root, 'dist')));
  try {
    metrics.push(...(await pageMetrics(path.join(root, 'dist'))));
  } catch (e) {
    console.log(`[bench] page timings not measured: ${(e as Error).message.split('\n')[0]}`);
  }

  fs.writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify({ machine: machine(), metrics }, null, 2)}\n`);
  printTable(metrics);
}

function machine(): string {
  const os = require('os') as typeof import('os');
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
}

function printTable(metrics: Metric[]): void {
  console.log(`\nmachine: ${machine()}\n`);
  const rows = metrics.map((m) => [
    m.name,
    `${m.value} ${m.unit}`,
    m.comparison ? `${m.comparison.name}: ${m.comparison.value} ${m.comparison.unit}` : '',
    m.ratio !== undefined ? `×${m.ratio}` : '',
    m.target ? `${m.target} ${m.ok === undefined ? '' : m.ok ? '✓' : '✗'}` : '',
  ]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length), 4));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
