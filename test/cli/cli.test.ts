import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readXlsx } from '../../src/file';
import { check } from '../../src/core/check';
import { explanationFor, explanationSheet } from '../../src/core/explanations';
import { applyPlan } from '../../src/file';
import { SAMPLES, ZHOU, docxXml, openExcelJs, run, tempDirPerTest } from './support';

const CLEAN = path.join(SAMPLES, '示范镇-2023-无误.xlsx');
const DAZ = path.join(SAMPLES, '大钟庄镇-2021-比率.xlsx');
const QIAN = path.join(SAMPLES, '前营乡-2023-逐年.xlsx');

const tmp = tempDirPerTest('id-cli-');

function copySample(src: string, name = path.basename(src)): string {
  const p = path.join(tmp(), name);
  fs.copyFileSync(src, p);
  return p;
}

describe('indicator-desk --help', () => {
  test('help is in Chinese with English glosses', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法 Usage');
    expect(r.out).toMatch(/check <工作簿\.xlsx>/);
    expect(r.out).toMatch(/退出码 Exit codes/);
  });

  test('an unknown command says so in Chinese and exits 2', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('不认识的命令“frobnicate”');
  });
});

describe('indicator-desk check', () => {
  test('findings grouped by severity with Sheet!Cell, a summary line, exit 1 on an open error', async () => {
    const r = await run(['check', ZHOU]);
    expect(r.code).toBe(1);
    const errorBlock = r.out.slice(r.out.indexOf('错误（'), r.out.indexOf('待核实（'));
    const verifyBlock = r.out.slice(r.out.indexOf('待核实（'), r.out.indexOf('小结'));
    // Planted facts Z1, Z3 (errors) and Z2, Z4 (verify) of assets/samples/README.md.
    expect(errorBlock).toContain('矛盾纠纷化解!D6');
    expect(errorBlock).toContain('77.8%');
    expect(errorBlock).toContain('行政执法!D5');
    expect(verifyBlock).toContain('公共法律服务!D6');
    expect(verifyBlock).toMatch(/公共法律服务!D4|基本情况!B7/);
    expect(r.out).toMatch(/小结（周营镇-2023-指标\.xlsx）：错误 2 项/);
    expect(r.out).not.toMatch(/undefined|NaN|null/);
    expect(r.err).toBe(''); // one file: no progress lines
  });

  test('a workbook written by a program, its totals formulas never calculated: an error naming the first one, exit 1', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('矛盾纠纷');
    ws.addRows([
      ['指标', '单位', '2023年'],
      ['受理矛盾纠纷', '件', 9],
      ['调解成功矛盾纠纷', '件', 7],
      ['矛盾纠纷调解成功率', '%', { formula: 'C3/C2' }],
      ['合计', '件', { formula: 'C2+C3' }],
    ]);
    const file = path.join(tmp(), '脚本生成.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run(['check', file, '--json']);
    expect(r.code).toBe(1);
    const f = (JSON.parse(r.out) as { files: { findings: { rule: string; sheet: string; cell: string; message: string }[] }[] }).files[0].findings;
    const u = f.filter((x) => x.rule === 'uncalculated-formula');
    expect(u).toHaveLength(1);
    expect(u[0]).toMatchObject({ sheet: '矛盾纠纷', cell: 'C4' });
    expect(u[0].message).toContain('2个公式单元格');
  });

  test('an explained verify finding is shown as explained, with its explanation, read back from 审核说明', async () => {
    const bytes = new Uint8Array(fs.readFileSync(ZHOU));
    const result = check(await readXlsx(bytes, 'z.xlsx'));
    const z2 = result.findings.find((f) => f.rule === 'coverage-claim')!;
    const text = '另有2个村的法律顾问由县司法局统一聘请，合同于2024年1月生效。';
    const plan = { styles: {}, sheets: [explanationSheet([explanationFor(z2, text, '2024-01-15')])] };
    const file = path.join(tmp(), 'explained.xlsx');
    fs.writeFileSync(file, await applyPlan(bytes, plan, 'z.xlsx'));
    const r = await run(['check', file]);
    expect(r.code).toBe(1); // Z1 and Z3 are errors and stay open
    const line = r.out.split('\n').findIndex((l) => l.includes('公共法律服务!D6'));
    expect(r.out.split('\n')[line]).toContain('［已说明］');
    expect(r.out.split('\n')[line + 1]).toContain(`说明：${text}`);
    expect(r.out).toMatch(/错误 2 项，待核实 1 项，提示 \d+ 项，已说明 1 项。/);
    expect(r.out).toContain('待核实（2 项，其中已说明 1 项）');
  });

  test('a clean workbook exits 0', async () => {
    const r = await run(['check', CLEAN]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/错误 0 项，待核实 0 项/);
  });

  test('several files: progress on stderr, an unreadable file named with exit 2, the others still checked', async () => {
    const bad = path.join(tmp(), '损坏.xlsx');
    fs.writeFileSync(bad, 'not a workbook');
    const r = await run(['check', CLEAN, bad, ZHOU]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\[1\/3\][^\n]*示范镇/);
    expect(r.err).toMatch(/\[3\/3\][^\n]*周营镇/);
    expect(r.out).toContain('文件“损坏.xlsx”不是有效的 Excel 工作簿（.xlsx）');
    expect(r.out).toContain('小结（周营镇-2023-指标.xlsx）');
    expect(r.out).toContain('小结（示范镇-2023-无误.xlsx）');
  });

  test('a missing file is named', async () => {
    const r = await run(['check', path.join(tmp(), '没有这个文件.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toContain('找不到文件');
    expect(r.out + r.err).toContain('没有这个文件.xlsx');
  });

  test('--json prints exactly one JSON document; rates in expected/actual are percent', async () => {
    const bad = path.join(tmp(), 'bad.xlsx');
    fs.writeFileSync(bad, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const r = await run(['check', ZHOU, DAZ, bad, '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.files).toHaveLength(3);
    const [zhou, daz, unreadable] = doc.files;
    expect(zhou.unit).toBe('周营镇');
    expect(zhou.year).toBe(2023);
    const z1 = zhou.findings.find((f: { rule: string; sheet: string; cell: string }) => f.rule === 'rate-mismatch' && f.cell === 'D6');
    expect(z1).toBeDefined();
    expect(z1.severity).toBe('error');
    expect(z1.refs.join(' ')).toMatch(/D4/);
    expect(z1.expected).toBeCloseTo(77.8, 1);
    expect(z1.actual).toBeCloseTo(100, 5);
    const d1 = daz.findings.find((f: { rule: string; cell: string }) => f.rule === 'rate-mismatch' && f.cell === 'E3');
    expect(d1.expected).toBeCloseTo(93.8, 1);
    expect(d1.actual).toBeCloseTo(98, 5);
    const obs = zhou.observations.find((o: { indicator: string; cell: string }) => o.indicator === 'petitions_received');
    expect(obs).toMatchObject({ value: 9, sheet: '矛盾纠纷化解', cell: 'D4' });
    for (const k of ['indicator', 'label', 'value', 'approx', 'unit', 'sheet', 'cell']) expect(obs).toHaveProperty(k);
    expect(zhou.rates.some((x: { indicator: string; value: number }) => x.indicator === 'petition_resolution_rate' && Math.abs(x.value - 77.78) < 0.01)).toBe(true);
    expect(unreadable.file).toBe(bad);
    expect(unreadable.error).toMatch(/97-2003|密码/);
  });
});

describe('indicator-desk report', () => {
  test('writes the result workbook and the .docx next to the source; the source is byte-identical', async () => {
    const src = copySample(ZHOU);
    const before = fs.readFileSync(src);
    const r = await run(['report', src]);
    expect(r.code).toBe(1); // written, but Z1 and Z3 are open errors: the same code as check
    expect(Buffer.compare(fs.readFileSync(src), before)).toBe(0);
    const outX = path.join(tmp(), '周营镇-2023-指标-审核.xlsx');
    const outD = path.join(tmp(), '周营镇-2023-指标-报告.docx');
    expect(fs.existsSync(outX)).toBe(true);
    expect(fs.existsSync(outD)).toBe(true);

    const orig = await readXlsx(before, 'a.xlsx');
    const res = await readXlsx(fs.readFileSync(outX), 'b.xlsx');
    const names = res.sheets.map((s) => s.name);
    for (const n of ['审核结果', '计算结果', '报告文稿']) expect(names).toContain(n);
    for (const g of orig.sheets) expect(res.sheets.find((s) => s.name === g.name)).toEqual(g);

    const xml = await docxXml(outD);
    expect(xml).toContain('Heading1');
    const doc = xml.replace(/<[^>]+>/g, ''); // the text, whatever its runs (a flagged figure is a run of its own)
    expect(doc).toContain('周营镇');
    // The report recomputes Z1's rate instead of repeating the wrong 100%.
    expect(doc).toContain('77.8%');
    // Checking the result workbook finds the same township problems (result sheets are not read as data).
    expect(check(res).counts).toEqual(check(orig).counts);
  });

  test('--out in another folder puts the default .docx there; --marks marks cells without touching values', async () => {
    const src = copySample(ZHOU, 'zy.xlsx');
    const outDir = path.join(tmp(), 'out');
    const r = await run(['report', src, '--out', path.join(outDir, 'r.xlsx'), '--marks']);
    expect(r.code).toBe(1);
    expect(fs.existsSync(path.join(outDir, 'zy-报告.docx'))).toBe(true);
    const orig = await readXlsx(fs.readFileSync(src), 'a');
    const res = await readXlsx(fs.readFileSync(path.join(outDir, 'r.xlsx')), 'b');
    const marks = res.sheets.find((s) => s.name === '审核标记');
    expect(marks?.visibility).toBe('veryHidden');
    expect(marks!.rows.slice(1).map((row) => `${row[0]}!${row[1]}`)).toContain('矛盾纠纷化解!D6');
    for (const g of orig.sheets) expect(res.sheets.find((s) => s.name === g.name)).toEqual(g);
  });

  test('refuses to overwrite the source', async () => {
    const src = copySample(ZHOU);
    const before = fs.readFileSync(src);
    const r = await run(['report', src, '--out', src]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('不能覆盖原工作簿');
    expect(Buffer.compare(fs.readFileSync(src), before)).toBe(0);
    const r2 = await run(['report', path.basename(src), '--docx', src], tmp());
    expect(r2.code).toBe(2);
    expect(Buffer.compare(fs.readFileSync(src), before)).toBe(0);
  });

  /** The demo workbook with a county's 报告模板 sheet added (分组 | 条件 | 模板). */
  async function withTemplateSheet(rows: string[][]): Promise<string> {
    const wb = await openExcelJs(ZHOU);
    const ws = wb.addWorksheet('报告模板');
    ws.addRow(['分组', '条件', '模板']);
    for (const r of rows) ws.addRow(r);
    const file = path.join(tmp(), 'with-template.xlsx');
    await wb.xlsx.writeFile(file);
    return file;
  }

  test("the workbook's own 报告模板 sheet rewords the report (sheet and .docx)", async () => {
    const src = await withTemplateSheet([['信访', '', '本镇全年接待来信来访，受理信访案件{petitions_received}，办结{petitions_resolved}']]);
    const r = await run(['report', src, '--use-workbook-templates']);
    expect(r.code).toBe(1); // written; Z1 and Z3 are still open errors
    expect(r.out).toContain('已写出报告文稿');
    const doc = (await docxXml(path.join(tmp(), 'with-template-报告.docx'))).replace(/<[^>]+>/g, ''); // the text, whatever its runs (a flagged figure is a run of its own)
    expect(doc).toContain('本镇全年接待来信来访，受理信访案件9件，办结7件');
    const res = await readXlsx(fs.readFileSync(path.join(tmp(), 'with-template-审核.xlsx')), 'r.xlsx');
    const text = res.sheets.find((g) => g.name === '报告文稿')!.rows.map((row) => String(row[0] ?? '')).join('\n');
    expect(text).toContain('本镇全年接待来信来访');
  });

  test('a mistake in the workbook\'s 报告模板 sheet is named by its cell, nothing is written', async () => {
    const src = await withTemplateSheet([['信访', '', '受理{petition_rate}']]);
    const r = await run(['report', src, '--use-workbook-templates']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('‘报告模板’表 C2');
    expect(r.err).toContain('petition_rate');
    expect(fs.existsSync(path.join(tmp(), 'with-template-审核.xlsx'))).toBe(false);
  });

  test("without --use-workbook-templates the workbook's 报告模板 sheet is not applied, and check says so", async () => {
    // issue 17, item 5: a township's own template must not put 化解率100% above the recomputed 77.8% unasked
    const src = await withTemplateSheet([['信访', '', '全{unitShort}信访案件全部化解，化解率100%']]);
    await run(['report', src]);
    const doc = (await docxXml(path.join(tmp(), 'with-template-报告.docx'))).replace(/<[^>]+>/g, ''); // the text, whatever its runs (a flagged figure is a run of its own)
    expect(doc).not.toContain('信访案件全部化解');
    expect(doc).toContain('化解率77.8%');
    const checked = await run(['check', src]);
    expect(checked.out).toContain('工作簿中有‘报告模板’表，报告文稿没有采用它');
    expect(checked.out).toContain('--use-workbook-templates');
  });

  test('a broken template file is named, nothing is written', async () => {
    const src = copySample(ZHOU);
    const t = path.join(tmp(), 't.json');
    fs.writeFileSync(t, '{ not json');
    const r = await run(['report', src, '--templates', t]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('模板文件');
    expect(r.err).toContain('t.json');
    expect(fs.existsSync(path.join(tmp(), '周营镇-2023-指标-审核.xlsx'))).toBe(false);
  });

  test('a template path that is there but no file is not called missing: the folder named, nothing written', async () => {
    const src = copySample(ZHOU);
    const t = path.join(tmp(), '模板');
    fs.mkdirSync(t);
    const missing = await run(['report', src, '--templates', path.join(tmp(), '没有这个.json')]);
    expect(missing.err).toContain('找不到模板文件');
    const r = await run(['report', src, '--templates', t]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法读取模板文件“');
    expect(r.err).not.toContain('找不到');
    expect(fs.readdirSync(tmp()).sort()).toEqual([path.basename(src), '模板'].sort());
  });

  test('an unreadable workbook: exit 2 with the Chinese message, nothing written', async () => {
    const bad = path.join(tmp(), '旧表.xls');
    fs.writeFileSync(bad, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]));
    const r = await run(['report', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('文件“旧表.xls”是旧版 Excel 97-2003 工作簿');
    expect(fs.readdirSync(tmp())).toEqual(['旧表.xls']);
  });
});

describe('indicator-desk merge', () => {
  test('one row per township, catalog columns, recomputed rates, finding counts and a 合计 row, readable by check', async () => {
    const bad = path.join(tmp(), 'bad.xlsx');
    fs.writeFileSync(bad, 'x');
    const out = path.join(tmp(), '汇总.xlsx');
    const r = await run(['merge', ZHOU, QIAN, bad, CLEAN, '--out', out]);
    expect(r.code).toBe(2); // bad.xlsx could not be read
    expect(r.err).toContain('bad.xlsx');
    expect(r.out).toContain('3 个乡镇');

    const book = await readXlsx(fs.readFileSync(out), '汇总.xlsx');
    const sheet = book.sheets.find((s) => s.name === '汇总表')!;
    const header = sheet.rows[1] as string[];
    expect(header).toContain('信访案件受理数（件）');
    expect(header).toContain('信访案件化解率（%）');
    const col = (h: string) => header.indexOf(h);
    const rowOf = (unit: string) => sheet.rows.find((row) => row[1] === unit)!;
    const zhou = rowOf('周营镇');
    expect(zhou[col('信访案件受理数（件）')]).toBe(9);
    expect(zhou[col('信访案件化解数（件）')]).toBe(7);
    // Z1: recomputed 77.8, not the reported 100.
    expect(zhou[col('信访案件化解率（%）')]).toBeCloseTo(77.8, 5);
    expect(zhou[col('错误（项）')]).toBeGreaterThanOrEqual(2);
    expect(rowOf('前营乡')).toBeDefined();
    const total = rowOf('合计');
    const units = ['周营镇', '前营乡', '示范镇'].map(rowOf);
    const c = col('信访案件受理数（件）');
    expect(total[c]).toBe(units.reduce((s, row) => s + (typeof row[c] === 'number' ? (row[c] as number) : 0), 0));

    // the county's 汇总表 is the tool's to replace, and still a county summary when checked again: its rows are
    // townships; the checklist, the findings list of the round (审核明细) and the narrative are not figures
    const result = check(book);
    expect(result.extraction.tables.some((t) => t.sheet === '汇总表' && t.layout === 'summary')).toBe(true);
    expect(result.extraction.tables.filter((t) => t.layout === 'results').map((t) => t.sheet).sort()).toEqual(['审核情况', '审核明细', '汇总报告文稿'].sort());
    const o = result.observations.find((x) => x.indicator === 'petitions_received' && x.entity === '周营镇');
    expect(o?.value).toBe(9);
    expect(result.observations.some((x) => x.indicator === 'petitions_received' && x.isTotal)).toBe(true);
  });

  test('a summary of consistent workbooks checks clean (no error, nothing to verify)', async () => {
    const out = path.join(tmp(), 'clean.xlsx');
    const r = await run(['merge', CLEAN, '--out', out, '--unit', '示范县']);
    expect(r.code).toBe(0);
    const chk = await run(['check', out]);
    expect(chk.code).toBe(0);
    expect(chk.out).toMatch(/错误 0 项，待核实 0 项/);
  });

  test('--out is required and may not be one of the inputs', async () => {
    expect((await run(['merge', ZHOU])).code).toBe(2);
    const src = copySample(ZHOU);
    const before = fs.readFileSync(src);
    const r = await run(['merge', src, '--out', src]);
    expect(r.code).toBe(2);
    expect(Buffer.compare(fs.readFileSync(src), before)).toBe(0);
  });
});

describe('the same exit codes for check, report and merge', () => {
  test('0 when no open error, 1 with an open error (results still written), 2 when the file cannot be read', async () => {
    const bad = path.join(tmp(), '损坏.xlsx');
    fs.writeFileSync(bad, 'not a workbook');
    const cases: [string, number][] = [
      [CLEAN, 0],
      [ZHOU, 1], // Z1 and Z3 of assets/samples/README.md are open errors
      [bad, 2],
    ];
    for (const [file, code] of cases) {
      const n = path.basename(file);
      expect([n, (await run(['check', file])).code]).toEqual([n, code]);
      const rep = await run(['report', file, '--out', path.join(tmp(), `r-${n}`), '--docx', path.join(tmp(), `r-${n}.docx`)]);
      expect([n, rep.code]).toEqual([n, code]);
      const merged = await run(['merge', file, '--out', path.join(tmp(), `m-${n}`)]);
      expect([n, merged.code]).toEqual([n, code]);
      // results are written whenever the file could be read, errors or not
      expect(fs.existsSync(path.join(tmp(), `r-${n}`))).toBe(code !== 2);
      expect(fs.existsSync(path.join(tmp(), `m-${n}`))).toBe(code !== 2);
    }
  });

  test('merge: an open error in any township gives 1, and the summary line says how many have errors', async () => {
    const r = await run(['merge', CLEAN, ZHOU, '--out', path.join(tmp(), '汇总.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('2 个乡镇，其中 1 个有错误');
  });
});

/** Every file and folder under `dir`, relative, sorted (hidden temporary files included). */
function tree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map(String).sort();
}

/** A failure is one Chinese sentence naming what it is about: no stack trace, no English error text. */
function expectOneSentence(err: string, names: string) {
  expect(err).toContain(`“${names}”`);
  expect(err).not.toMatch(/\bat [\w.]+ \(|Error:|EISDIR|ENOTDIR|ENAMETOOLONG|EACCES|undefined/);
  expect(err.trim().split('\n')).toHaveLength(1);
}

describe('outputs that cannot be written: one sentence naming the path, nothing written, no folder created', () => {
  test('merge --out names a folder: says so and suggests a file name in it; nothing written into it', async () => {
    fs.mkdirSync(path.join(tmp(), '汇总'));
    const r = await run(['merge', ZHOU, '--out', '汇总'], tmp());
    expect(r.code).toBe(2);
    expectOneSentence(r.err, '汇总');
    expect(r.err).toContain('文件夹');
    expect(r.err).toContain(path.join('汇总', '汇总.xlsx'));
    expect(fs.readdirSync(path.join(tmp(), '汇总'))).toEqual([]);
  });

  test('an --out ending in a slash names a folder even when it does not exist: no file called like the folder', async () => {
    const r = await run(['merge', ZHOU, '--out', '新汇总/'], tmp());
    expect(r.code).toBe(2);
    expect(r.err).toContain('“新汇总/”：这是一个文件夹');
    expect(r.err).toContain(path.join('新汇总', '汇总.xlsx'));
    expect(tree(tmp())).toEqual([]);
  });

  test('report --docx names a folder: the .xlsx is not written either', async () => {
    const src = copySample(ZHOU, '周营镇.xlsx');
    fs.mkdirSync(path.join(tmp(), '报告'));
    const r = await run(['report', '周营镇.xlsx', '--out', '周营镇-审核.xlsx', '--docx', '报告'], tmp());
    expect(r.code).toBe(2);
    expectOneSentence(r.err, '报告');
    expect(r.err).toContain('--docx');
    expect(r.err).not.toContain('未写出任何文件'); // the old message, printed after the .xlsx had been written
    expect(tree(tmp())).toEqual(['周营镇.xlsx', '报告']);
    expect(fs.existsSync(src)).toBe(true);
  });

  test('an output under a regular file (a/b.xlsx where a is a file) names that file', async () => {
    copySample(ZHOU, '周营镇.xlsx');
    fs.writeFileSync(path.join(tmp(), '备忘'), 'x');
    const m = await run(['merge', '周营镇.xlsx', '--out', '备忘/汇总.xlsx'], tmp());
    expect(m.code).toBe(2);
    expectOneSentence(m.err.replace(/^\[1\/1\].*\n/, ''), '备忘/汇总.xlsx');
    expect(m.err).toContain('“备忘”是一个文件');
    const r = await run(['report', '周营镇.xlsx', '--out', '备忘/深/审核.xlsx'], tmp());
    expect(r.code).toBe(2);
    expect(r.err).toContain('“备忘”是一个文件');
    expect(tree(tmp())).toEqual(['周营镇.xlsx', '备忘']);
  });

  test('legal long Chinese file names (242 and 255 bytes) are written: the temporary name is short', async () => {
    copySample(ZHOU, '周营镇.xlsx');
    const n242 = `${'乡'.repeat(79)}.xlsx`;
    const n255 = `${'镇'.repeat(83)}a.xlsx`;
    expect([Buffer.byteLength(n242), Buffer.byteLength(n255)]).toEqual([242, 255]);
    const r = await run(['report', '周营镇.xlsx', '--out', n242, '--docx', `${'报'.repeat(83)}.docx`], tmp());
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const m = await run(['merge', '周营镇.xlsx', '--out', n255], tmp());
    expect(m.code).toBe(1);
    expect(tree(tmp())).toEqual(['周营镇.xlsx', n242, n255, `${'报'.repeat(83)}.docx`].sort());
    expect((await readXlsx(fs.readFileSync(path.join(tmp(), n255)), 'x')).sheets.map((s) => s.name)).toContain('汇总表');
  });

  test('a file name longer than the file system allows is refused before anything is read or written', async () => {
    copySample(ZHOU, '周营镇.xlsx');
    const long = `${'乡'.repeat(90)}.xlsx`; // 275 bytes
    const r = await run(['report', '周营镇.xlsx', '--out', `新文件夹/${long}`], tmp());
    expect(r.code).toBe(2);
    expect(r.err).toContain('275 字节');
    expect(r.err).toContain('--out');
    expect(r.err).not.toMatch(/ENAMETOOLONG|Error:/);
    const m = await run(['merge', '周营镇.xlsx', '--out', long], tmp());
    expect(m.code).toBe(2);
    expect(m.err).toContain('275 字节');
    expect(tree(tmp())).toEqual(['周营镇.xlsx']);
  });

  test('a missing input does not create the --out folder', async () => {
    const r = await run(['report', '不存在.xlsx', '--out', '结果/新/审核.xlsx'], tmp());
    expect(r.code).toBe(2);
    expect(r.err).toContain('“不存在.xlsx”');
    const m = await run(['merge', '不存在.xlsx', '--out', '汇总/全县.xlsx'], tmp());
    expect(m.code).toBe(2);
    expect(tree(tmp())).toEqual([]);
  });
});

describe('merge never counts one file twice', () => {
  async function column(out: string, header: string): Promise<(string | number | null)[]> {
    const book = await readXlsx(fs.readFileSync(out), 'x.xlsx');
    const rows = book.sheets.find((s) => s.name === '汇总表')!.rows;
    const c = (rows[1] as string[]).indexOf(header);
    const total = rows.findIndex((row) => row[1] === '合计');
    return rows.slice(2, total + 1).map((row) => row[c] as string | number | null);
  }

  test('the same file as a.xlsx, ./a.xlsx, a link and a byte-identical copy: counted once, each named in a warning', async () => {
    copySample(ZHOU, '周营镇.xlsx');
    copySample(CLEAN, '示范镇.xlsx');
    fs.mkdirSync(path.join(tmp(), '乡镇'));
    fs.symlinkSync(path.join(tmp(), '周营镇.xlsx'), path.join(tmp(), '乡镇', '链接.xlsx'));
    fs.copyFileSync(path.join(tmp(), '周营镇.xlsx'), path.join(tmp(), '乡镇', '副本.xlsx'));
    const once = await run(['merge', '周营镇.xlsx', '示范镇.xlsx', '--out', '一次.xlsx'], tmp());
    expect(once.code).toBe(1);
    const r = await run(['merge', '周营镇.xlsx', '示范镇.xlsx', './周营镇.xlsx', '乡镇/链接.xlsx', '乡镇/../周营镇.xlsx', '乡镇/副本.xlsx', '--out', '汇总.xlsx'], tmp());
    expect(r.code).toBe(1);
    const warnings = r.err.split('\n').filter((l) => l.includes('只汇总一次'));
    expect(warnings).toHaveLength(4);
    for (const dup of ['./周营镇.xlsx', '乡镇/链接.xlsx', '乡镇/../周营镇.xlsx']) {
      expect(warnings.find((l) => l.includes(`“${dup}”与“周营镇.xlsx”是同一个文件`))).toBeDefined();
    }
    expect(warnings.find((l) => l.includes('“乡镇/副本.xlsx”与“周营镇.xlsx”内容完全相同'))).toBeDefined();
    expect(r.out).toContain('2 个乡镇');
    expect(r.out).toContain('4 个重复的文件只计一次');
    const header = '信访案件受理数（件）';
    const [a, b] = [await column(path.join(tmp(), '一次.xlsx'), header), await column(path.join(tmp(), '汇总.xlsx'), header)];
    expect(b).toEqual(a);
    expect(b[b.length - 1]).toBe(a.slice(0, -1).reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0));
  });

  test('two different townships are both counted, with no warning', async () => {
    const r = await run(['merge', ZHOU, QIAN, '--out', path.join(tmp(), '汇总.xlsx')]);
    expect(r.err).not.toContain('只汇总一次');
    expect(r.out).toContain('2 个乡镇');
  });
});
