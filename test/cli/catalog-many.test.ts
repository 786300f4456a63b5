/**
 * One county definitions file for many workbooks (issue 12, "Done when"): `check a.xlsx b.xlsx c.xlsx --catalog
 * 县定义.xlsx` and `merge --catalog` apply the county's overrides of built-in indicators (an alias that renames
 * one, a bound set through a synonym, a unit) and its 审核规则 to every file, while a workbook's own 指标定义 /
 * 审核规则 sheets win over the file's rows for that workbook only. Wording of the real reports: 周营镇's
 * 持证人数14人 beside 行政执法人员12人, 受理/化解信访案件, 普法宣讲团; 综合执法人员 of the township
 * enforcement reform.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { run, tempDirPerTest } from './support';

const tmp = tempDirPerTest('id-many-');

type Row = [string, string, number];

/**
 * A township's workbook, layout (a): rows from D3 down (受理 D3, 化解 D4, 普法宣讲团 D5, 综合执法人员 D6, 持证人数 D7,
 * 普法宣讲团成员 D8), and the township's own 指标定义 / 审核规则 sheets when given.
 */
async function township(name: string, figures: Row[], own: { indicators?: unknown[][]; rules?: unknown[][] } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('主要指标');
  ws.addRows([[`${name}2023年法治政府建设指标`], ['序号', '指标名称', '单位', '2023年'], ...figures.map((r, i) => [i + 1, ...r])]);
  if (own.indicators) wb.addWorksheet('指标定义').addRows(own.indicators);
  if (own.rules) wb.addWorksheet('审核规则').addRows(own.rules);
  const file = path.join(tmp(), `${name}-2023.xlsx`);
  await wb.xlsx.writeFile(file);
  return path.basename(file);
}

/** The county's definitions: overrides of built-ins (an alias, a bound through a synonym, an upper bound) and two rules. */
async function countyFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('指标定义').addRows([
    ['指标名称', '别名', '单位', '上限'],
    // the county's name for the built-in 行政执法人员 (综合行政执法: 综合 is no word the label reader knows), and a bound
    ['行政执法人员', '综合执法人员', null, 50],
    // named by its synonym: the built-in 信访案件受理数 gets the bound
    ['受理信访案件', null, null, 30],
  ]);
  wb.addWorksheet('审核规则').addRows([
    ['规则', '级别', '说明'],
    ['[化解信访案件] <= [受理信访案件]', '错误', '化解数{化解信访案件}不能多于受理数{受理信访案件}'],
    ['[法治宣传队伍人数] >= [法治宣传队伍] * 3', '核实', '每支宣传队伍应不少于3人'],
  ]);
  await wb.xlsx.writeFile(path.join(tmp(), '县定义.xlsx'));
  return '县定义.xlsx';
}

const zhou: Row[] = [
  ['受理信访案件', '件', 9],
  ['化解信访案件', '件', 7],
  ['普法宣讲团', '支', 2],
  ['综合执法人员', '人', 12],
  ['持证人数', '人', 14],
  ['普法宣讲团成员', '人', 5],
];
const li: Row[] = [
  ['受理信访案件', '件', 40],
  ['化解信访案件', '件', 45],
  ['普法宣讲团', '支', 1],
  ['综合执法人员', '人', 60],
  ['持证人数', '人', 55],
];
const wang: Row[] = [
  ['受理信访案件', '件', 20],
  ['化解信访案件', '件', 18],
  ['普法宣讲团', '支', 2],
  ['综合执法人员', '人', 30],
  ['持证人数', '人', 28],
  ['普法宣讲团成员', '人', 8],
];

/**
 * 李集镇 made from the county's template: its own row of 行政执法人员 (which replaces the file's whole row) raises
 * the bound, and its 审核规则 restates the petition rule in the catalog's words, mirrored.
 */
const liOwn = {
  indicators: [
    ['指标名称', '别名', '上限'],
    ['行政执法人员', '综合执法人员', 80],
  ],
  rules: [
    ['规则', '级别', '说明'],
    ['[信访案件受理数] >= [信访案件化解数]', '错误', '“信访案件化解数”不能多于“信访案件受理数”'],
  ],
};

const blockOf = (out: string, town: string) => out.split(/^■ /m).find((b) => b.includes(`${town}-2023.xlsx`)) ?? '';

test('check a.xlsx b.xlsx c.xlsx --catalog: the county’s overrides and rules apply to each, a workbook’s own sheets win for it', async () => {
  const files = [await township('周营镇', zhou), await township('李集镇', li, liOwn), await township('王营镇', wang)];
  const plain = await run(['check', ...files], tmp());
  // without the county's definitions 综合执法人员 is no indicator: 14 certified of 12 officers goes unnoticed
  expect(blockOf(plain.out, '周营镇')).not.toContain('主要指标!D7　');
  expect(blockOf(plain.out, '周营镇')).toMatch(/主要指标!B6　.*“综合执法人员”/);
  await countyFile();
  const r = await run(['check', ...files, '--catalog', '县定义.xlsx'], tmp());
  expect(r.err).not.toMatch(/无法读取|不是有效/);
  expect(r.code).toBe(1);
  const z = blockOf(r.out, '周营镇');
  // the alias: 综合执法人员 is 行政执法人员, so 14 certified of 12 officers is an error at D7
  expect(z).toMatch(/主要指标!D7　.*“持证人数”为14人，大于.*“行政执法人员”（12人）/);
  // the county's rule on the teams, 核实 with its 说明: 5 members for 2 teams
  expect(z).toMatch(/主要指标!D\d　.*每支宣传队伍应不少于3人/);
  expect(z).toContain('县级审核规则 2 条（县定义.xlsx）：通过 1 条，不符合 1 条。');
  const l = blockOf(r.out, '李集镇');
  // the bound set through the synonym 受理信访案件: 40 > 30
  expect(l).toMatch(/主要指标!D3　.*“信访案件受理数”填写为40件，超出了允许的范围/);
  // 行政执法人员 60: over the county's 50, but the workbook's own 指标定义 allows 80
  expect(l).not.toMatch(/“行政执法人员”填写为60人，超出了允许的范围/);
  // 45 resolved of 40: one finding, the workbook's own rule with its 说明 (not the file's, not the built-in one)
  expect(l.match(/化解数.*不能多于|不能多于“信访案件受理数”|大于.*“信访案件受理数”/g)).toHaveLength(1);
  expect(l).toMatch(/主要指标!D3　‘主要指标’表 D3：“信访案件化解数”不能多于“信访案件受理数”（.*依据‘审核规则’表 A2的审核规则/);
  // the file's team rule is still there for 李集镇 (no members figure: not evaluable)
  expect(l).toContain('1 条规则因缺少数据未能检查');
  const w = blockOf(r.out, '王营镇');
  expect(w).not.toMatch(/超出了允许的范围|不能多于|每支宣传队伍/);
  expect(w).toContain('县级审核规则 2 条（县定义.xlsx）：通过 2 条');
});

test('merge --catalog: the county’s renamed indicator is summed from every township, its bounds in each status', async () => {
  const files = [await township('周营镇', zhou), await township('李集镇', li, liOwn), await township('王营镇', wang)];
  await countyFile();
  const total = (doc: { totals: { indicator: string; value: number; townships: number }[] }, id: string) => doc.totals.find((t) => t.indicator === id);
  const plain = JSON.parse((await run(['merge', ...files, '--out', '汇总1.xlsx', '--json'], tmp())).out);
  // without the county file, 综合执法人员 is read only in 李集镇, whose own 指标定义 names it
  expect(total(plain, 'enforcement_officers')).toMatchObject({ value: 60, townships: 1 });
  const r = await run(['merge', ...files, '--out', '汇总.xlsx', '--catalog', '县定义.xlsx', '--json'], tmp());
  const doc = JSON.parse(r.out);
  expect(total(doc, 'enforcement_officers')).toMatchObject({ value: 12 + 60 + 30, townships: 3 });
  const status = (town: string) => doc.townships.find((t: { file: string }) => t.file.includes(town)).counts;
  // 周营镇: 14 of 12 (error) and the teams rule (待核实); 李集镇: 40 over the bound 30, 45 of 40 (its own rule); 王营镇: clean
  expect(status('周营镇')).toMatchObject({ error: 1, verify: 1 });
  expect(status('李集镇')).toMatchObject({ error: 2 });
  expect(status('王营镇')).toMatchObject({ error: 0, verify: 0 });
  expect(fs.existsSync(path.join(tmp(), '汇总.xlsx'))).toBe(true);
});
