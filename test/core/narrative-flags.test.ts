/**
 * A draft that never hides a problem (issue 16): on the 周营镇 sample as the real engine checks it, every figure of the
 * report touching an open 错误 or 待核实 is found at its place in the text, and nothing else is.
 */
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../src/core/check';
import { buildReport, flagBanner, flaggedFigures, splitFlagged } from '../../src/core/narrative';
import type { CheckResult, Report } from '../../src/core/types';
import { readXlsx } from '../../src/file';

const DIR = path.resolve(__dirname, '..', '..', 'assets', 'samples');

async function sample(name: string): Promise<{ r: CheckResult; report: Report }> {
  const book = await readXlsx(new Uint8Array(fs.readFileSync(path.join(DIR, name))), name);
  const r = check(book);
  return { r, report: buildReport(r, { book }) };
}

describe('周营镇: the figures the tool itself flags', () => {
  let r: CheckResult;
  let report: Report;
  beforeAll(async () => ({ r, report } = await sample('周营镇-2023-指标.xlsx')));

  it('行政执法人员12人，持证上岗14人 under the open 错误: both figures marked as touching an error, in their sentence', () => {
    const flags = flaggedFigures(report, r.findings);
    const enforcement = flags.filter((f) => report.paragraphs[f.paragraph].text.includes('行政执法人员12人'));
    expect(enforcement.map((f) => [f.text, f.severity])).toEqual([
      ['12人', 'error'],
      ['14人', 'error'],
    ]);
    const p = report.paragraphs[enforcement[0].paragraph].text;
    expect(p.slice(enforcement[0].start - 6, enforcement[0].end)).toBe('行政执法人员12人');
    expect(p.slice(enforcement[1].start - 4, enforcement[1].end)).toBe('持证上岗14人');
    const part = r.findings.find((f) => f.rule === 'part-exceeds-whole')!;
    expect(enforcement[0].findings).toContain(part.id);
  });

  it('the recomputed 化解率77.8% and its counts are marked (the rate-mismatch is open); 20个 行政村 (待核实) too; a clean figure is not', () => {
    const flags = flaggedFigures(report, r.findings);
    const texts = flags.map((f) => f.text);
    expect(texts).toEqual(expect.arrayContaining(['9件', '7件', '77.8%', '20个']));
    const body = report.paragraphs.map((p) => p.text).join('');
    expect(body).toContain('调解成功率94.6%');
    expect(texts).not.toContain('94.6%');
    expect(texts).not.toContain('126个');
    expect(flagBanner(flags)).toMatch(/^文稿中\d+处数字涉及未改正的问题（其中\d+处涉及错误）/);
  });

  it('an explained 待核实 no longer flags its figure; with every finding resolved the banner is empty', () => {
    const explained = r.findings.map((f) => (f.severity === 'verify' ? { ...f, status: 'explained' as const } : f));
    expect(flaggedFigures(report, explained).some((f) => f.severity === 'verify')).toBe(false);
    expect(flagBanner(flaggedFigures(report, []))).toBe('');
  });

  it('the draft notes the rate it recomputed in place of the township’s 100%', () => {
    expect(report.notes).toEqual([
      '文稿中的“信访案件化解率”77.8%是按‘矛盾纠纷化解’表 D5和‘矛盾纠纷化解’表 D4的数字重新计算的，乡镇在‘矛盾纠纷化解’表 D6填报为“100%”，文稿没有采用。',
      '文稿中的“法律顾问覆盖率”90.0%是按‘公共法律服务’表 D5和‘公共法律服务’表 D4的数字重新计算的，乡镇在‘公共法律服务’表 D6填报为“全覆盖”，文稿没有采用。',
    ]);
  });

  it('splitFlagged cuts a paragraph at its flags and loses nothing', () => {
    const flags = flaggedFigures(report, r.findings);
    for (let i = 0; i < report.paragraphs.length; i++) {
      const mine = flags.filter((f) => f.paragraph === i);
      const pieces = splitFlagged(report.paragraphs[i].text, mine);
      expect(pieces.map((x) => x.text).join('')).toBe(report.paragraphs[i].text);
      expect(pieces.filter((x) => x.flag).length).toBe(mine.length);
    }
  });
});

it('示范镇 (no problems): nothing flagged, no notes', async () => {
  const { r, report } = await sample('示范镇-2023-无误.xlsx');
  expect(flaggedFigures(report, r.findings)).toEqual([]);
  expect(report.notes).toBeUndefined();
});
