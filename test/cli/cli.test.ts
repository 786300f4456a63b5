import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { readXlsx } from '../../src/file';
import { check } from '../../src/core/check';
import { explanationFor, explanationSheet } from '../../src/core/explanations';
import { applyPlan } from '../../src/file';

const SAMPLES = path.resolve(__dirname, '../../assets/samples');
const ZHOU = path.join(SAMPLES, '周营镇-2023-指标.xlsx');
const CLEAN = path.join(SAMPLES, '示范镇-2023-无误.xlsx');
const DAZ = path.join(SAMPLES, '大钟庄镇-2021-比率.xlsx');
const QIAN = path.join(SAMPLES, '前营乡-2023-逐年.xlsx');

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], cwd = process.cwd()): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`), err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`), cwd };
  const code = await main(argv, io);
  return { code, out, err };
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'id-cli-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function copySample(src: string, name = path.basename(src)): string {
  const p = path.join(tmp, name);
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
    const file = path.join(tmp, '脚本生成.xlsx');
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
    const file = path.join(tmp, 'explained.xlsx');
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
    const bad = path.join(tmp, '损坏.xlsx');
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
    const r = await run(['check', path.join(tmp, '没有这个文件.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toContain('找不到文件');
    expect(r.out + r.err).toContain('没有这个文件.xlsx');
  });

  test('--json prints exactly one JSON document; rates in expected/actual are percent', async () => {
    const bad = path.join(tmp, 'bad.xlsx');
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
    expect(r.code).toBe(0);
    expect(Buffer.compare(fs.readFileSync(src), before)).toBe(0);
    const outX = path.join(tmp, '周营镇-2023-指标-审核.xlsx');
    const outD = path.join(tmp, '周营镇-2023-指标-报告.docx');
    expect(fs.existsSync(outX)).toBe(true);
    expect(fs.existsSync(outD)).toBe(true);

    const orig = await readXlsx(before, 'a.xlsx');
    const res = await readXlsx(fs.readFileSync(outX), 'b.xlsx');
    const names = res.sheets.map((s) => s.name);
    for (const n of ['审核结果', '计算结果', '报告文稿']) expect(names).toContain(n);
    for (const g of orig.sheets) expect(res.sheets.find((s) => s.name === g.name)).toEqual(g);

    const doc = await (await JSZip.loadAsync(fs.readFileSync(outD))).file('word/document.xml')!.async('string');
    expect(doc).toContain('周营镇');
    expect(doc).toContain('Heading1');
    // The report recomputes Z1's rate instead of repeating the wrong 100%.
    expect(doc).toContain('77.8%');
    // Checking the result workbook finds the same township problems (result sheets are not read as data).
    expect(check(res).counts).toEqual(check(orig).counts);
  });

  test('--out in another folder puts the default .docx there; --marks marks cells without touching values', async () => {
    const src = copySample(ZHOU, 'zy.xlsx');
    const outDir = path.join(tmp, 'out');
    const r = await run(['report', src, '--out', path.join(outDir, 'r.xlsx'), '--marks']);
    expect(r.code).toBe(0);
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
    const r2 = await run(['report', path.basename(src), '--docx', src], tmp);
    expect(r2.code).toBe(2);
    expect(Buffer.compare(fs.readFileSync(src), before)).toBe(0);
  });

  /** The demo workbook with a county's 报告模板 sheet added (分组 | 条件 | 模板). */
  async function withTemplateSheet(rows: string[][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(ZHOU);
    const ws = wb.addWorksheet('报告模板');
    ws.addRow(['分组', '条件', '模板']);
    for (const r of rows) ws.addRow(r);
    const file = path.join(tmp, 'with-template.xlsx');
    await wb.xlsx.writeFile(file);
    return file;
  }

  test("the workbook's own 报告模板 sheet rewords the report (sheet and .docx)", async () => {
    const src = await withTemplateSheet([['信访', '', '本镇全年接待来信来访，受理信访案件{petitions_received}，办结{petitions_resolved}']]);
    const r = await run(['report', src, '--use-workbook-templates']);
    expect(r.code).toBe(0);
    const doc = await (await JSZip.loadAsync(fs.readFileSync(path.join(tmp, 'with-template-报告.docx')))).file('word/document.xml')!.async('string');
    expect(doc).toContain('本镇全年接待来信来访，受理信访案件9件，办结7件');
    const res = await readXlsx(fs.readFileSync(path.join(tmp, 'with-template-审核.xlsx')), 'r.xlsx');
    const text = res.sheets.find((g) => g.name === '报告文稿')!.rows.map((row) => String(row[0] ?? '')).join('\n');
    expect(text).toContain('本镇全年接待来信来访');
  });

  test('a mistake in the workbook\'s 报告模板 sheet is named by its cell, nothing is written', async () => {
    const src = await withTemplateSheet([['信访', '', '受理{petition_rate}']]);
    const r = await run(['report', src, '--use-workbook-templates']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('‘报告模板’表 C2');
    expect(r.err).toContain('petition_rate');
    expect(fs.existsSync(path.join(tmp, 'with-template-审核.xlsx'))).toBe(false);
  });

  test("without --use-workbook-templates the workbook's 报告模板 sheet is not applied, and check says so", async () => {
    // issue 17, item 5: a township's own template must not put 化解率100% above the recomputed 77.8% unasked
    const src = await withTemplateSheet([['信访', '', '全{unitShort}信访案件全部化解，化解率100%']]);
    await run(['report', src]);
    const doc = await (await JSZip.loadAsync(fs.readFileSync(path.join(tmp, 'with-template-报告.docx')))).file('word/document.xml')!.async('string');
    expect(doc).not.toContain('信访案件全部化解');
    expect(doc).toContain('化解率77.8%');
    const checked = await run(['check', src]);
    expect(checked.out).toContain('工作簿中有‘报告模板’表，报告文稿没有采用它');
    expect(checked.out).toContain('--use-workbook-templates');
  });

  test('a broken template file is named, nothing is written', async () => {
    const src = copySample(ZHOU);
    const t = path.join(tmp, 't.json');
    fs.writeFileSync(t, '{ not json');
    const r = await run(['report', src, '--templates', t]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('模板文件');
    expect(r.err).toContain('t.json');
    expect(fs.existsSync(path.join(tmp, '周营镇-2023-指标-审核.xlsx'))).toBe(false);
  });

  test('an unreadable workbook: exit 2 with the Chinese message, nothing written', async () => {
    const bad = path.join(tmp, '旧表.xls');
    fs.writeFileSync(bad, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]));
    const r = await run(['report', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('文件“旧表.xls”是旧版 Excel 97-2003 工作簿');
    expect(fs.readdirSync(tmp)).toEqual(['旧表.xls']);
  });
});

describe('indicator-desk merge', () => {
  test('one row per township, catalog columns, recomputed rates, finding counts and a 合计 row, readable by check', async () => {
    const bad = path.join(tmp, 'bad.xlsx');
    fs.writeFileSync(bad, 'x');
    const out = path.join(tmp, '汇总.xlsx');
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

    const result = check(book);
    expect(result.extraction.tables.some((t) => t.sheet === '汇总表' && t.layout === 'summary')).toBe(true);
    const o = result.observations.find((x) => x.indicator === 'petitions_received' && x.entity === '周营镇');
    expect(o?.value).toBe(9);
    expect(result.observations.some((x) => x.indicator === 'petitions_received' && x.isTotal)).toBe(true);
  });

  test('a summary of consistent workbooks checks clean (no error, nothing to verify)', async () => {
    const out = path.join(tmp, 'clean.xlsx');
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
