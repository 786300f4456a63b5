/**
 * Golden outputs: for each sample workbook, the report text and the 计算结果 formulas as reviewed by a person
 * (test/golden/<workbook>.txt). A change in extraction, rules or wording shows up here as a diff to review.
 * After reviewing a deliberate change: `UPDATE_GOLDEN=1 npx jest test/golden` and commit the .txt files.
 *
 * Besides the files, each sample gets assertions written from assets/samples/README.md (not from the output):
 * the figure audit passes, recomputed rates replace the township's, approximations are kept.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { check } from '../../src/core/check';
import { auditFigures, buildReport } from '../../src/core/narrative';
import { resultPlan } from '../../src/core/plan';
import type { CheckResult, Report, WritePlan } from '../../src/core/types';
import { readXlsx } from '../../src/file';

const SAMPLES = path.resolve(__dirname, '..', '..', 'assets', 'samples');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Run {
  result: CheckResult;
  report: Report;
  plan: WritePlan;
  text: string;
}

const runs = new Map<string, Run>();

async function run(file: string): Promise<Run> {
  const hit = runs.get(file);
  if (hit) return hit;
  const book = await readXlsx(fs.readFileSync(path.join(SAMPLES, file)), file);
  const result = check(book);
  const report = buildReport(result);
  const plan = resultPlan(result, report);
  const r = { result, report, plan, text: report.paragraphs.map((p) => p.text).join('\n') };
  runs.set(file, r);
  return r;
}

function goldenText({ report, plan }: Run): string {
  const lines = ['# 报告文稿', ...report.paragraphs.map((p) => `[${p.role}] ${p.text}`), '', '# 计算结果'];
  const rates = plan.sheets.find((s) => s.name === RESULT_SHEETS.rates)!;
  for (const row of rates.rows.slice(2)) {
    const [name, num, , den, , rate, reported, , , note] = row;
    lines.push([name.v, num.v, den.v, rate.f ?? rate.v, reported.v, note.v].map((x) => (x == null ? '' : String(x))).join(' | '));
  }
  return `${lines.join('\n')}\n`;
}

const FILES = fs.existsSync(SAMPLES) ? fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.xlsx')).sort() : [];

describe.each(FILES)('%s', (file) => {
  const golden = path.join(__dirname, file.replace(/\.xlsx$/, '.txt'));

  it('matches the reviewed golden output', async () => {
    const actual = goldenText(await run(file));
    if (UPDATE) fs.writeFileSync(golden, actual);
    if (!fs.existsSync(golden)) throw new Error(`no golden file ${golden}: review the output and run with UPDATE_GOLDEN=1`);
    expect(actual).toBe(fs.readFileSync(golden, 'utf8'));
  });

  it('states every figure of the workbook, as given, and no other', async () => {
    const { report, result } = await run(file);
    const audit = auditFigures(report, result);
    expect(audit.missing).toEqual([]);
    expect(audit.extra).toEqual([]);
    expect(audit.omitted).toEqual([]);
  });

  it('has no stray text', async () => {
    const { text } = await run(file);
    expect(text).not.toMatch(/undefined|NaN|null|\{|\}/);
    expect(text).not.toMatch(/[，；、][，；、。]/);
  });
});

/** The bundled samples these assertions are written for: each must be there (a missing one fails, never skips). */
test('the samples the README’s planted facts are about are all bundled', () => {
  expect(FILES).toEqual(expect.arrayContaining(['周营镇-2023-指标.xlsx', '前营乡-2023-逐年.xlsx', '大钟庄镇-2021-比率.xlsx', '沈丘县-2023-汇总.xlsx']));
});

describe('周营镇 (README: Z1, Z3, approximations)', () => {
  const F = '周营镇-2023-指标.xlsx';
  it('says 化解率77.8% (7 of 9), not the reported 100%', async () => {
    const { text } = await run(F);
    expect(text).toContain('化解率77.8%');
    expect(text).not.toContain('化解率100%');
  });
  it('keeps 百余, 近3万余, 近300余 as written', async () => {
    const { text } = await run(F);
    expect(text).toContain('100余次');
    expect(text).toContain('近3万余份');
    expect(text).toContain('近300余幅');
  });
  it('states the consistent 35 of 37 = 94.6%', async () => {
    expect((await run(F)).text).toContain('调解成功率94.6%');
  });
  it('does not state a 持证率 over 100% (14 of 12)', async () => {
    expect((await run(F)).text).not.toMatch(/持证率1[0-9]{2}\.\d%/);
  });
});

describe('前营乡 (README: Q4)', () => {
  const F = '前营乡-2023-逐年.xlsx';
  it('states the 2023 figure of the row outside the catalog (开展扫黑除恶专项宣传 3 / 2 次) under 法治宣传教育, not the 2022 one', async () => {
    const { report, text } = await run(F);
    const i = report.paragraphs.findIndex((p) => p.text === '（一）法治宣传教育');
    expect(report.paragraphs[i + 1].text).toContain('开展扫黑除恶专项宣传2次');
    expect(text).not.toContain('开展扫黑除恶专项宣传3次');
  });
});

describe('大钟庄镇 (README: D1, D2)', () => {
  const F = '大钟庄镇-2021-比率.xlsx';
  it('says 化解率93.8% (45 of 48), not the reported 98%', async () => {
    const { text } = await run(F);
    expect(text).toContain('化解率93.8%');
    expect(text).not.toContain('98%');
  });
  it('is a 2021 report with the 2022 plans part', async () => {
    const { report } = await run(F);
    expect(report.paragraphs[0].text).toContain('2021年度');
    expect(report.paragraphs.some((p) => p.text.startsWith('四、2022年度'))).toBe(true);
  });
});

describe('沈丘县 summary (README: S2)', () => {
  const F = '沈丘县-2023-汇总.xlsx';
  it('does not narrate a township row (白楼镇 13 received, 15 resolved)', async () => {
    const { text } = await run(F);
    expect(text).not.toContain('受理信访案件13件');
    expect(text).not.toContain('化解15件');
  });
});
