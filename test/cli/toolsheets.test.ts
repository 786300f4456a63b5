import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'id-cli-tool-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('report on a workbook whose own sheet is named 计算结果: exit 2, the rename message, no file written', async () => {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('指标');
  a.addRow(['指标名称', '单位', '2023年']);
  a.addRow(['普法宣传活动', '场', 12]);
  const c = wb.addWorksheet('计算结果');
  c.addRow(['指标名称', '单位', '2023年']);
  c.addRow(['受理矛盾纠纷', '件', 9]);
  c.addRow(['化解矛盾纠纷', '件', 12]);
  const src = path.join(tmp, '周营镇.xlsx');
  fs.writeFileSync(src, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));

  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd: tmp };
  const code = await main(['report', src], io);
  expect(code).toBe(2);
  expect(err).toContain('工作簿中已有名为“计算结果”的工作表，且不是本工具生成的；请先改名再写入结果。');
  expect(err).not.toMatch(/undefined|NaN|null/);
  expect(fs.readdirSync(tmp)).toEqual(['周营镇.xlsx']);

  // check reads that sheet like any other: 化解 12 > 受理 9 is an open error (exit 1)
  const checked = await main(['check', src], io);
  expect(checked).toBe(1);
  expect(out).toContain('计算结果');
});
