/**
 * Issue 13: checking a report's text. A 20-page report (GB/T 9704: 28 × 22 characters a page) built from the three
 * real reports' paragraphs and figure sentences in their wording, checked whole; and the figure-mention precision
 * and recall on the three real reports annotated by hand (test/core/prose/annotations.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkProse } from '../src/core/prose';
import type { TextDocument } from '../src/core/prose/types';
import { REPORT_DIR, scoreLine, scoreReports } from '../test/core/prose/score';
import type { Metric } from './run';

const PAGE = 28 * 22;

const FIGURES = [
  '全年受理信访案件45件，化解42件，化解率达93.3%。',
  '全年排查矛盾纠纷36件，化解34件，化解率94.4%，调处各类矛盾纠纷68件次。',
  '开展形式多样的群众性普法宣传活动达百余次，印发各类普法宣传材料近3万余份，张贴普法条幅近300余幅。',
  '组织应考人数50人，参考人数50人，合格人数48人，参考率100%、合格率96%。',
  '全镇20个行政村，20个村配备法律顾问，实现法律顾问全覆盖，镇村两级投资10多万元。',
];

/** A report of at least `pages` pages, one paragraph per line of the real reports, figures woven in. */
export function longReport(pages = 20): TextDocument {
  const real = fs
    .readdirSync(REPORT_DIR)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => fs.readFileSync(path.join(REPORT_DIR, f), 'utf8').split(/\r?\n/))
    .filter((l) => l.trim());
  const paragraphs: TextDocument['paragraphs'] = [];
  let chars = 0;
  for (let i = 0; chars < pages * PAGE; i++) {
    const text = i % 4 === 3 ? FIGURES[(i >> 2) % FIGURES.length] : real[i % real.length];
    paragraphs.push({ index: paragraphs.length + 1, text });
    chars += text.length;
  }
  return { name: `${pages}页报告.docx`, paragraphs };
}

export function proseMetrics(median: (xs: number[]) => number, runs = 7): Metric[] {
  const doc = longReport(20);
  const chars = doc.paragraphs.reduce((n, p) => n + p.text.length, 0);
  for (let i = 0; i < 3; i++) checkProse(doc, { year: 2023 });
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    checkProse(doc, { year: 2023 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const ms = median(times);
  // on a shared machine the wall time is mostly waiting for a core: the process's CPU time is the work itself
  const cpuMs = median(cpu);
  const s = scoreReports();
  console.log(`[bench] ${scoreLine(s)}`);
  return [
    {
      name: `checkProse, a 20-page report (${chars} characters, ${doc.paragraphs.length} paragraphs), warm`,
      value: Math.round(ms * 10) / 10,
      unit: 'ms',
      comparison: { name: 'CPU time of the same runs', value: Math.round(cpuMs * 10) / 10, unit: 'ms' },
      target: '< 100 ms',
      ok: ms < 100,
    },
    {
      name: 'prose figure mentions, 3 real reports: precision / recall (%)',
      value: Math.round(s.precision * 1000) / 10,
      unit: `/ ${Math.round(s.recall * 1000) / 10} (confidently wrong ${s.wrong.length})`,
      target: 'wrong = 0',
      ok: s.wrong.length === 0,
    },
  ];
}
