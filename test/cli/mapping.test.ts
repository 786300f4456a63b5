/** `check --mapping 对照.json` and `--explain`: a county's placements for every file, and how each label was read. */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { run, tempDirPerTest } from './support';

const tmp = tempDirPerTest('id-map-');

/** A township workbook whose first row is a bare 化解率: ambiguous until someone says whose. */
async function workbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标');
  ws.addRows([
    ['指标名称', '单位', '2023年'],
    ['化解率', '%', '100%'],
    ['受理信访案件', '件', 9],
    ['化解信访案件', '件', 7],
  ]);
  const file = path.join(tmp(), '前营乡-2023.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

test('without a mapping the bare rate is an ambiguous hint; with --mapping it is checked and its error found', async () => {
  const file = await workbook();
  const before = await run(['check', file], tmp());
  expect(before.code).toBe(0);
  expect(before.out).toContain('可能是“信访案件化解率”或“矛盾纠纷调解成功率”');
  fs.writeFileSync(path.join(tmp(), '对照.json'), JSON.stringify({ 化解率: '信访案件化解率' }));
  const after = await run(['check', file, '--mapping', '对照.json'], tmp());
  expect(after.code).toBe(1);
  expect(after.out).toMatch(/指标!C2　.*77\.8%/);
});

test('--explain says how each label was read, and --json carries it', async () => {
  const file = await workbook();
  const r = await run(['check', file, '--explain'], tmp());
  expect(r.out).toContain('指标识别：');
  expect(r.out).toContain('按“受理信访案件”识别为“信访案件受理数”');
  expect(r.out).toMatch(/指标!A2　“化解率”.*可能是“信访案件化解率”、“矛盾纠纷调解成功率”.*（未识别）/);
  const j = await run(['check', file, '--json'], tmp());
  const doc = JSON.parse(j.out);
  expect(doc.files[0].observations.find((o: { cell: string }) => o.cell === 'C3').explain).toContain('信访案件受理数');
  expect(doc.files[0].findings.find((f: { rule: string }) => f.rule === 'ambiguous-label').candidates.map((c: { id: string }) => c.id)).toEqual([
    'petition_resolution_rate',
    'dispute_mediation_rate',
  ]);
});

test('a mapping file that cannot be read is one Chinese sentence naming it; a bad entry is a hint naming the file', async () => {
  const file = await workbook();
  const missing = await run(['check', file, '--mapping', '没有.json'], tmp());
  expect(missing.code).toBe(2);
  expect(missing.err).toContain('无法读取指标对照文件“没有.json”');
  fs.writeFileSync(path.join(tmp(), '坏.json'), JSON.stringify({ 化解率: '不存在的指标' }));
  const bad = await run(['check', file, '--mapping', '坏.json'], tmp());
  expect(bad.out).toContain('指标对照文件“坏.json”');
  expect(bad.out).toContain('“不存在的指标”不是指标目录中的指标');
});
