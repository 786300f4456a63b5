/** `indicator-desk template`: the blank workbook of the active catalog, with a county's definitions too. */
import * as fs from 'fs';
import * as path from 'path';
import { openExcelJs, run, tempDirPerTest } from './support';

const tmp = tempDirPerTest('id-template-');

test('with the county’s definitions the template lists its own indicator, with its unit and bounds', async () => {
  const defs = {
    指标定义: [
      { 指标名称: '信访案件回访数', 章节: '矛盾纠纷化解与社会治理', 单位: '件', 类型: '数量', 对象: '信访案件', 环节: '回访' },
      { 指标名称: '行政执法人员', 上限: 50 },
    ],
  };
  fs.writeFileSync(path.join(tmp(), '县定义.json'), JSON.stringify(defs));
  const r = await run(['template', '--out', '空白模板.xlsx', '--catalog', '县定义.json', '--year', '2024'], tmp());
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('已写出空白模板：空白模板.xlsx（按县级指标定义“县定义.json”');
  const wb = await openExcelJs(path.join(tmp(), '空白模板.xlsx'));
  expect(String(wb.getWorksheet('基本情况')!.getCell('A1').value)).toBe('2024年度法治政府建设指标统计表');
  const ws = wb.getWorksheet('矛盾纠纷化解')!;
  let row = 0;
  ws.eachRow((x, i) => {
    if (x.getCell(2).value === '信访案件回访数') row = i;
  });
  expect(row).toBeGreaterThan(0);
  expect(ws.getCell(`C${row}`).value).toBe('件');
  const law = wb.getWorksheet('行政执法')!;
  const dv = (law as unknown as { dataValidations: { model: Record<string, { operator?: string; formulae: unknown[] }> } }).dataValidations.model;
  expect(Object.values(dv).some((v) => v.operator === 'between' && v.formulae[0] === 0 && v.formulae[1] === 50)).toBe(true);
});

test('a year that is no year is a usage error, and nothing is written', async () => {
  const r = await run(['template', '--out', 'x.xlsx', '--year', '24年'], tmp());
  expect(r.code).toBe(2);
  expect(r.err).toContain('--year 应为四位年份');
  expect(fs.existsSync(path.join(tmp(), 'x.xlsx'))).toBe(false);
});
