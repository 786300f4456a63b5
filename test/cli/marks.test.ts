/**
 * `report --marks`, the township fixes a figure in the copy, `report` again on that copy WITHOUT --marks: the fixed
 * cell gets its own fill back and loses the tool's comment (审核结果 no longer lists it), the marks of findings
 * still open stay — any run that writes results clears the marks that no longer match a finding.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readXlsx } from '../../src/file';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { ZHOU, openExcelJs, run, tempDirPerTest } from './support';

const tmp = tempDirPerTest('id-marks-');

test('report --marks, fix the figure in the copy, report again without --marks: the fixed cell is unmarked', async () => {
  const src = path.join(tmp(), '周营镇.xlsx');
  fs.copyFileSync(ZHOU, src);
  const orig = (await openExcelJs(src)).getWorksheet('矛盾纠纷化解')!.getCell('D6');
  const first = await run(['report', src, '--out', path.join(tmp(), 'r1.xlsx'), '--docx', path.join(tmp(), 'r1.docx'), '--marks'], tmp());
  expect(first.err).toBe('');
  const r1 = await openExcelJs(path.join(tmp(), 'r1.xlsx'));
  expect(r1.getWorksheet('矛盾纠纷化解')!.getCell('D6').fill).toMatchObject({ pattern: 'solid' });
  expect(JSON.stringify(r1.getWorksheet('矛盾纠纷化解')!.getCell('D6').note)).toContain('信访案件化解率');

  // the township corrects 信访案件化解率 in the copy: 100% → 77.78% (7 of 9); the red fill is still on the cell
  r1.getWorksheet('矛盾纠纷化解')!.getCell('D6').value = 0.7778;
  await r1.xlsx.writeFile(path.join(tmp(), 'fixed.xlsx'));

  const second = await run(['report', path.join(tmp(), 'fixed.xlsx'), '--out', path.join(tmp(), 'r2.xlsx'), '--docx', path.join(tmp(), 'r2.docx')], tmp());
  expect(second.err).toBe('');
  const r2 = await openExcelJs(path.join(tmp(), 'r2.xlsx'));
  const d6 = r2.getWorksheet('矛盾纠纷化解')!.getCell('D6');
  expect(d6.value).toBe(0.7778);
  expect(d6.fill ?? null).toEqual(orig.fill ?? null);
  expect(d6.note ?? null).toEqual(orig.note ?? null);
  // 审核结果 does not list it; the finding still open keeps its mark
  const book = await readXlsx(fs.readFileSync(path.join(tmp(), 'r2.xlsx')), 'r2.xlsx');
  const listed = book.sheets.find((s) => s.name === RESULT_SHEETS.findings)!.rows.flat().filter((c): c is string => typeof c === 'string');
  expect(listed.some((t) => t.includes('矛盾纠纷化解') && t.includes('D6'))).toBe(false);
  expect(listed.some((t) => t.includes('行政执法') && t.includes('D5'))).toBe(true);
  expect(r2.getWorksheet('行政执法')!.getCell('D5').fill).toMatchObject({ pattern: 'solid' });
  const records = book.sheets.find((s) => s.name === RESULT_SHEETS.marks)!.rows.slice(1).map((r) => `${r[0]}!${r[1]}`);
  expect(records).not.toContain('矛盾纠纷化解!D6');
  expect(records).toContain('行政执法!D5');
  expect(second.out).toContain('更新了原表单元格上的标记');
});
