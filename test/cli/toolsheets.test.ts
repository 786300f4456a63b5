import * as fs from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { run, tempDirPerTest } from './support';

const tmp = tempDirPerTest('id-cli-tool-');

test('report on a workbook whose own sheet is named 计算结果: exit 2, the rename message, no file written', async () => {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('指标');
  a.addRow(['指标名称', '单位', '2023年']);
  a.addRow(['普法宣传活动', '场', 12]);
  const c = wb.addWorksheet('计算结果');
  c.addRow(['指标名称', '单位', '2023年']);
  c.addRow(['受理矛盾纠纷', '件', 9]);
  c.addRow(['化解矛盾纠纷', '件', 12]);
  const src = path.join(tmp(), '周营镇.xlsx');
  fs.writeFileSync(src, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));

  const report = await run(['report', src], tmp());
  expect(report.code).toBe(2);
  expect(report.err).toContain('工作簿中已有名为“计算结果”的工作表，且不是本工具生成的；请先改名再写入结果。');
  expect(report.err).not.toMatch(/undefined|NaN|null/);
  expect(fs.readdirSync(tmp())).toEqual(['周营镇.xlsx']);

  // check reads that sheet like any other: 化解 12 > 受理 9 is an open error (exit 1)
  const checked = await run(['check', src], tmp());
  expect(checked.code).toBe(1);
  expect(checked.out).toContain('计算结果');
});
