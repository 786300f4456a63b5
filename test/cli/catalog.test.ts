/** `--catalog 县定义.xlsx|.json|.yaml`: the county's definitions read once and applied to every file of check, report, merge. */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { openExcelJs, run, tempDirPerTest } from './support';

const tmp = tempDirPerTest('id-cat-');

/** A township's indicator sheet (wording of the 周营镇 report). */
async function township(name: string, officers: number, coverage: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('主要指标');
  ws.addRows([
    [`${name}2023年法治政府建设指标`],
    ['序号', '指标名称', '单位', '2023年'],
    ['一、矛盾纠纷化解'],
    [1, '受理信访案件', '件', 9],
    [2, '开展信访事项回访', '件', 6],
    ['二、行政执法'],
    [3, '行政执法人员', '人', officers],
    ['三、公共法律服务'],
    [4, '法律顾问覆盖率', '%', coverage],
  ]);
  const file = path.join(tmp(), `${name}-2023.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

async function countyXlsx(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('指标定义').addRows([
    ['指标名称', '别名', '章节', '单位', '类型', '是否必填', '下限', '上限', '对象', '环节'],
    ['信访案件回访数', '回访信访案件', '矛盾纠纷化解与社会治理', '件', '数量', '是', null, null, '信访案件', '回访'],
    ['法律顾问覆盖率', null, null, null, null, null, '90%', null, null, null],
    ['行政执法人员', null, null, null, null, null, null, 50, null, null],
  ]);
  const file = path.join(tmp(), '县定义.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const YAML = `# 沈丘县 2023 年指标定义
指标定义:
  - 指标名称: 信访案件回访数
    别名: [回访信访案件]
    章节: 矛盾纠纷化解与社会治理
    单位: 件
    类型: 数量
    是否必填: 是
    对象: 信访案件
    环节: 回访
  - 指标名称: 法律顾问覆盖率
    下限: 90%
  - 指标名称: 行政执法人员
    上限: 50
审核规则:
  - 规则: "[化解信访案件] <= [受理信访案件]"
    级别: 错误
    说明: 化解数不能大于受理数
`;

const JSON_DEFS = {
  指标定义: [
    { 指标名称: '信访案件回访数', 别名: ['回访信访案件'], 章节: '矛盾纠纷化解与社会治理', 单位: '件', 类型: '数量', 是否必填: '是', 对象: '信访案件', 环节: '回访' },
    { 指标名称: '法律顾问覆盖率', 下限: '90%' },
    { 指标名称: '行政执法人员', 上限: 50 },
  ],
  审核规则: [{ 规则: '[化解信访案件] <= [受理信访案件]', 级别: '错误', 说明: '化解数不能大于受理数' }],
};

test('one definitions file checks every workbook: the county’s bounds and indicators apply to each', async () => {
  const files = [await township('周营镇', 40, '95%'), await township('李集镇', 60, '85%'), await township('王营镇', 45, '100%')];
  const plain = await run(['check', ...files], tmp());
  expect(plain.code).toBe(0);
  expect(plain.out).not.toContain('超出了允许的范围');
  await countyXlsx();
  const r = await run(['check', ...files, '--catalog', '县定义.xlsx'], tmp());
  expect(r.code).toBe(1);
  const [zhou, li, wang] = r.out.split(/^■ /m).slice(1);
  expect(zhou).not.toContain('超出了允许的范围');
  expect(li).toMatch(/主要指标!D7　.*“行政执法人员”填写为60人，超出了允许的范围/);
  expect(li).toMatch(/主要指标!D9　.*“法律顾问覆盖率”填写为85%，超出了允许的范围（90%/);
  expect(wang).not.toContain('超出了允许的范围');
  const j = JSON.parse((await run(['check', files[0], '--catalog', '县定义.xlsx', '--json'], tmp())).out);
  const revisit = j.files[0].observations.find((o: { cell: string }) => o.cell === 'D5');
  expect(revisit).toMatchObject({ value: 6 });
  expect(revisit.indicator).toMatch(/^county_/);
});

test('the same definitions as YAML and as JSON give the same findings as the workbook', async () => {
  const file = await township('李集镇', 60, '85%');
  await countyXlsx();
  fs.writeFileSync(path.join(tmp(), '县定义.yaml'), YAML);
  fs.writeFileSync(path.join(tmp(), '县定义.json'), JSON.stringify(JSON_DEFS));
  const findings = async (defs: string) => {
    const r = await run(['check', file, '--catalog', defs, '--json'], tmp());
    expect(r.err).toBe('');
    return JSON.parse(r.out).files[0].findings.map((f: { rule: string; cell: string; message: string }) => `${f.rule} ${f.cell} ${f.message}`);
  };
  const fromXlsx = await findings('县定义.xlsx');
  expect(fromXlsx.some((f: string) => f.startsWith('out-of-range D9'))).toBe(true);
  expect(await findings('县定义.yaml')).toEqual(fromXlsx);
  expect(await findings('县定义.json')).toEqual(fromXlsx);
});

test('a definitions file that cannot be read stops before any workbook, exit 2, naming the file', async () => {
  const file = await township('周营镇', 40, '95%');
  const missing = await run(['check', file, '--catalog', '没有.xlsx'], tmp());
  expect(missing.code).toBe(2);
  expect(missing.err).toContain('无法读取县级指标定义文件“没有.xlsx”');
  fs.writeFileSync(path.join(tmp(), '坏.json'), '{ "指标定义": [ ');
  const bad = await run(['report', file, '--catalog', '坏.json'], tmp());
  expect(bad.code).toBe(2);
  expect(bad.err).toContain('县级指标定义文件“坏.json”不是有效的 JSON');
  // a workbook without the two sheets: likely the wrong file
  const other = await run(['check', file, '--catalog', path.basename(file)], tmp());
  expect(other.code).toBe(2);
  expect(other.err).toContain('中没有名为“指标定义”或“审核规则”的工作表');
  // an unquoted rule in YAML would be read as a list: refused with its line
  fs.writeFileSync(path.join(tmp(), '县定义.yaml'), '审核规则:\n  - 规则: [化解信访案件] <= [受理信访案件]\n');
  const yaml = await run(['merge', file, '--out', '汇总.xlsx', '--catalog', '县定义.yaml'], tmp());
  expect(yaml.code).toBe(2);
  expect(yaml.err).toContain('县级指标定义文件“县定义.yaml”第2行');
  expect(fs.existsSync(path.join(tmp(), '汇总.xlsx'))).toBe(false);
});

test('merge with the county’s definitions has a column for the county’s own indicator', async () => {
  const files = [await township('周营镇', 40, '95%'), await township('李集镇', 60, '85%')];
  await countyXlsx();
  const r = await run(['merge', ...files, '--out', '汇总.xlsx', '--catalog', '县定义.xlsx'], tmp());
  expect(r.code).toBe(1); // 李集镇's 60 officers exceed the county's 50
  const wb = await openExcelJs(path.join(tmp(), '汇总.xlsx'));
  const head = (wb.getWorksheet('汇总表')!.getRow(2).values as unknown[]).map(String);
  expect(head.some((h) => h.startsWith('信访案件回访数'))).toBe(true);
  const plain = await run(['merge', ...files, '--out', '汇总2.xlsx'], tmp());
  expect(plain.code).toBe(0);
  const wb2 = await openExcelJs(path.join(tmp(), '汇总2.xlsx'));
  expect((wb2.getWorksheet('汇总表')!.getRow(2).values as unknown[]).map(String).some((h) => h.startsWith('信访案件回访数'))).toBe(false);
});
