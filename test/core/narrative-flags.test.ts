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

/**
 * The same figure text twice in one paragraph, only one of them from a flagged cell: only that one is marked (its
 * place in Paragraph.figures, not a search for its text). 大钟庄镇-2021: `开展党委中心组学习4次,会前学法12次,开展民主
 * 生活会1次,民主评议会1次` — two counts of one unit side by side, which may well be equal.
 */
describe('a figure text stated twice, one of them flagged', () => {
  const identity = { name: '基本情况', rows: [['单位名称', '大钟庄镇'], ['报告年度', 2021]] };
  const flagged = (sheets: { name: string; rows: (string | number | null)[][] }[]) => {
    const r = check({ name: '大钟庄镇-2021.xlsx', sheets: [identity, ...sheets] });
    const report = buildReport(r, {});
    return { r, report, flags: flaggedFigures(report, r.findings) };
  };
  /** The report's text with each flagged figure in ［］: which of two equal figures is marked. */
  const marked = (report: Report, flags: ReturnType<typeof flaggedFigures>) =>
    report.paragraphs
      .map((p, i) =>
        splitFlagged(
          p.text,
          flags.filter((f) => f.paragraph === i),
        )
          .map((x) => (x.flag ? `［${x.text}］` : x.text))
          .join(''),
      )
      .join('\n');

  it('会前学法12次 fell from 40 (与上年相比变化过大): only it is marked, not 中心组学法12次 beside it', () => {
    const { r, report, flags } = flagged([
      {
        name: '第一责任人履职',
        rows: [
          ['序号', '指标名称', '单位', '2020年', '2021年'],
          [1, '党委理论学习中心组学法', '次', 12, 12],
          [2, '会前学法', '次', 40, 12],
        ],
      },
    ]);
    expect(r.findings.filter((f) => f.rule === 'large-change').map((f) => f.cell)).toEqual(['E3']);
    const p = report.paragraphs.find((x) => x.text.includes('中心组学法12次'))!;
    expect(p.text).toContain('党委理论学习中心组学法12次，党委会和政府常务会议会前学法12次');
    expect(marked(report, flags)).toContain('党委理论学习中心组学法12次，党委会和政府常务会议会前学法［12次］。');
  });

  it('行政执法人员12人，持证上岗12人 with more new certificates than certified officers: the officers’ 12人 stays unmarked', () => {
    const { r, report, flags } = flagged([
      {
        name: '行政执法',
        rows: [
          ['序号', '指标名称', '单位', '数值'],
          [1, '行政执法人员', '人', 12],
          [2, '持证人数', '人', 12],
          [3, '新申领行政执法证', '人', 13],
        ],
      },
    ]);
    expect(r.findings.find((f) => f.rule === 'part-exceeds-whole')?.severity).toBe('error');
    expect(report.paragraphs.map((x) => x.text).join('')).toContain('全镇现有行政执法人员12人，持证上岗12人，持证率100%');
    expect(marked(report, flags)).toContain('全镇现有行政执法人员12人，持证上岗［12人］，持证率［100%］，新申领行政执法证［13人］。');
  });

  it('two rows outside the catalog, 民主生活会1次 and 民主评议会1次: a finding on one marks that one', () => {
    const { r, report } = flagged([
      {
        name: '第一责任人履职',
        rows: [
          ['序号', '指标名称', '单位', '数值'],
          [1, '民主生活会', '次', 1],
          [2, '民主评议会', '次', 1],
        ],
      },
    ]);
    const p = report.paragraphs.findIndex((x) => x.text.includes('民主生活会1次'));
    expect(report.paragraphs[p].text).toContain('开展民主生活会1次，开展民主评议会1次');
    // a 待核实 on 民主评议会's cell, as a county rule about it would give
    const base = r.findings.find((f) => f.cell === 'B3')!;
    const onIt = { ...base, id: 'x', severity: 'verify' as const, rule: 'custom' as const, cell: 'D3', refs: ['第一责任人履职!D3'] };
    expect(marked(report, flaggedFigures(report, [onIt]))).toContain('开展民主生活会1次，开展民主评议会［1次］。');
  });
});
