/**
 * `indicator-desk merge` as a county statistician runs it: the samples (with a county summary among them), a
 * generated county of 40 townships with a duplicate, a missing one, a unit mismatch and an outlier planted, and one
 * test where LibreOffice recalculates the written formulas to prove they give the totals.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readXlsx } from '../../src/file';
import type { Cell, Workbook } from '../../src/core/types';
import { noteOf } from '../file/helpers';
import { figuresOf, fortyTownships, writeTownship } from './county-fixtures';
import { SAMPLES, run, tempDirPerTest } from './support';

const tmp = tempDirPerTest('id-county-');

function sheet(book: Workbook, name: string): Cell[][] {
  return book.sheets.find((s) => s.name === name)!.rows;
}

function column(rows: Cell[][], header: string): number {
  return (rows[1] as string[]).indexOf(header);
}

const FORTY_ARGS = (list: string) => ['merge', '乡镇', '--out', '全县汇总.xlsx', '--docx', '全县报告.docx', '--expect', list, '--unit', '沈丘县'];

describe('merge of the samples (four townships and a county summary)', () => {
  test('the checklist, the township rows of the county summary, the 2021 workbook kept out, and live formulas in 合计', async () => {
    for (const f of fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.xlsx'))) fs.copyFileSync(path.join(SAMPLES, f), path.join(tmp(), f));
    const r = await run(['merge', '.', '--out', '全县汇总.xlsx', '--unit', '沈丘县'], tmp());
    expect(r.code).toBe(1);
    expect(r.err).toContain('[1/5] 正在读取 前营乡-2023-逐年.xlsx …');
    const bytes = fs.readFileSync(path.join(tmp(), '全县汇总.xlsx'));
    const book = await readXlsx(bytes, '全县汇总.xlsx');
    expect(book.sheets.map((s) => s.name)).toEqual(['审核情况', '汇总表', '汇总报告文稿', '审核明细']);

    const status = sheet(book, '审核情况');
    expect(status[1]).toEqual(['序号', '乡镇', '文件', '报告年度', '错误', '待核实', '提示', '已说明', '缺少的必填指标', '能否读取', '汇总情况', '需要做的']);
    const byFile = (f: string) => status.find((row) => row[2] === f)!;
    expect(byFile('大钟庄镇-2021-比率.xlsx')[10]).toContain('未计入合计：2021年度');
    expect(byFile('示范镇-2023-无误.xlsx')[11]).toBe('无需处理');
    // the county summary is checked as before: its 合计 of 普法宣传活动 (505 over rows summing to 525) and 白楼镇's 15 of 13
    expect(byFile('沈丘县-2023-汇总.xlsx').slice(4, 6)).toEqual([3, 0]);
    expect(status[status.length - 1][2]).toBe('示范镇-2023-无误.xlsx'); // nothing to do: last

    const summary = sheet(book, '汇总表');
    const names = summary.slice(2).map((row) => row[1]);
    // the county summary's rows are townships; none is named after its title; 周营镇 and 前营乡 count once
    expect(names).toEqual(expect.arrayContaining(['周营镇', '前营乡', '示范镇', '柳河镇', '杨集乡', '合计']));
    expect(names.filter((n) => n === '周营镇')).toHaveLength(1);
    expect(names.some((n) => typeof n === 'string' && n.includes('沈丘县'))).toBe(false);
    expect(names).not.toContain('大钟庄镇');
    expect(r.out).toContain('“周营镇”出现了两次：“沈丘县-2023-汇总.xlsx”（‘汇总表’');
    const zhou = summary.find((row) => row[1] === '周营镇')!;
    expect(zhou[column(summary, '来源文件')]).toBe('周营镇-2023-指标.xlsx');
    expect(zhou[column(summary, '信访案件化解率（%）')]).toBeCloseTo(77.8, 5);

    // formulas, as written (ExcelJS reads them back), and the values they give, as our reader reads them
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('汇总表')!;
    const totalRow = summary.findIndex((row) => row[1] === '合计') + 1;
    const rec = column(summary, '信访案件受理数（件）') + 1;
    const rate = column(summary, '信访案件化解率（%）') + 1;
    const L = (c: number) => ws.getColumn(c).letter;
    expect(ws.getRow(totalRow).getCell(rec).formula).toBe(`SUM(${L(rec)}3:${L(rec)}${totalRow - 1})`);
    expect(ws.getRow(totalRow).getCell(rate).formula).toContain(`SUMPRODUCT(ISNUMBER(${L(rate - 1)}3:${L(rate - 1)}${totalRow - 1})`);
    const townshipRows = summary.slice(2, totalRow - 1);
    expect(summary[totalRow - 1][rec - 1]).toBe(townshipRows.reduce<number>((s, row) => s + (typeof row[rec - 1] === 'number' ? (row[rec - 1] as number) : 0), 0));
    // each township's figure names its file and cell in a note
    const zhouRow = summary.findIndex((row) => row[1] === '周营镇') + 1;
    expect(noteOf(ws.getRow(zhouRow).getCell(rec))).toMatch(/^来源：“周营镇-2023-指标\.xlsx”‘矛盾纠纷化解’表 D\d+$/);
    // the status table links each township to its row of the summary: a hyperlink to a place in the workbook
    const st = wb.getWorksheet('审核情况')!;
    const link = [...Array(st.rowCount).keys()].map((i) => st.getRow(i + 1).getCell(2)).find((c) => c.text === '周营镇')!;
    const parts = unzipSync(bytes);
    const statusPart = /<sheet name="审核情况"[^>]*r:id="(rId\d+)"/.exec(strFromU8(parts['xl/workbook.xml']))![1];
    const target = new RegExp(`Id="${statusPart}"[^>]*Target="([^"]+)"`).exec(strFromU8(parts['xl/_rels/workbook.xml.rels']))![1];
    expect(strFromU8(parts[`xl/${target}`])).toContain(`<hyperlink ref="${link.address}" location="'汇总表'!B${zhouRow}"/>`);
  });
});

describe('merge of a county of 40 townships with the usual problems planted', () => {
  test('findings across townships name both townships; the checklist puts those to call back first; --json carries it all', async () => {
    const { list } = await fortyTownships(tmp());
    const r = await run([...FORTY_ARGS(path.basename(list)), '--json'], tmp());
    expect(r.code).toBe(1);
    expect(r.err).toContain('[40/40] 正在读取');
    const json = JSON.parse(r.out);
    expect(json.year).toBe(2023);
    expect(json.townships).toHaveLength(40);
    const rules = json.findings.map((f: { rule: string }) => f.rule).sort();
    expect(rules).toEqual(['county-duplicate', 'county-missing', 'county-other-year', 'county-outlier', 'county-outlier', 'county-unit-mismatch']);
    const msg = (rule: string, who = '') => json.findings.find((f: { rule: string; entity: string }) => f.rule === rule && f.entity.includes(who)).message as string;
    expect(msg('county-duplicate')).toContain('“刘湾镇”出现了两次：“乡镇/刘湾镇-2023-指标（修改）.xlsx”与“乡镇/刘湾镇-2023-指标.xlsx”是同一乡镇');
    expect(msg('county-missing')).toContain('名单“乡镇名单.txt”第40行的“郑集乡”没有找到工作簿');
    expect(msg('county-unit-mismatch')).toMatch(/“悬挂横幅标语”在洪山乡（“乡镇\/洪山乡-2023-指标\.xlsx” ‘指标’表 D9）以“米”计（300米），在\S+（“乡镇\/\S+-2023-指标\.xlsx” ‘指标’表 D9）以“条”计/);
    expect(msg('county-outlier', '冯营乡')).toContain('冯营乡（“乡镇/冯营乡-2023-指标.xlsx” ‘指标’表 D7）的“普法宣传活动”为2600场次，远高于其他乡镇');
    // 3万份 is converted to 30000份, which stands far above the others' 2000–5000份
    expect(msg('county-outlier', '槐店镇')).toContain('的“发放法治宣传资料”为30000份，远高于其他乡镇');
    expect(msg('county-other-year')).toContain('“乡镇/北城街道-2022-指标.xlsx”（北城街道）是2022年度的工作簿');

    const totals = Object.fromEntries(json.totals.map((t: { indicator: string; value: number }) => [t.indicator, t.value]));
    const rates = Object.fromEntries(json.rates.map((t: { indicator: string }) => [t.indicator, t]));
    expect(rates.petition_resolution_rate.included).toHaveLength(38); // 40 files − the duplicate − the 2022 workbook
    expect(rates.petition_resolution_rate.value).toBeCloseTo((totals.petitions_resolved / totals.petitions_received) * 100, 9);
    // 槐店镇's 3万份 is 30000份 in the 合计; 洪山乡's 300米 is not in it
    const book = await readXlsx(fs.readFileSync(path.join(tmp(), '全县汇总.xlsx')), 'x.xlsx');
    const summary = sheet(book, '汇总表');
    const mat = column(summary, '发放法治宣传资料（份）');
    expect(summary.find((row) => row[1] === '槐店镇')![mat]).toBe(30000);
    const ban = column(summary, '悬挂横幅标语（条）');
    expect(summary.find((row) => row[1] === '洪山乡')![ban]).toBe('300米');
    expect(summary.find((row) => row[1] === '合计')![ban]).toBe(totals.banners);

    const status = sheet(book, '审核情况');
    const order = status.slice(2).map((row) => row[2] as string);
    const back = order.slice(0, 4).sort();
    expect(back).toEqual(['乡镇/刘湾镇-2023-指标.xlsx', '乡镇/刘湾镇-2023-指标（修改）.xlsx', '乡镇/北城街道-2022-指标.xlsx', '乡镇/洪山乡-2023-指标.xlsx'].sort());
    expect(status.slice(2).slice(0, 4).every((row) => String(row[11]).startsWith('退回'))).toBe(true);
    // the township on the list without a workbook is a row too, to call for, after those to send back
    const zheng = status.slice(2).find((row) => row[1] === '郑集乡')!;
    expect([zheng[2], zheng[10], zheng[11]]).toEqual([null, '未报送：名单“乡镇名单.txt”第40行有此乡镇，没有收到它的工作簿', '催报：请郑集乡报送工作簿']);
    expect(status[0][0]).toContain('名单“乡镇名单.txt”中有1个乡镇没有收到工作簿；需要退回或催报的5个');

    // the county narrative, in the sheet and the .docx
    const report = sheet(book, '汇总报告文稿').map((row) => String(row[0]).trim());
    expect(report[0]).toBe('沈丘县2023年度乡镇法治政府建设情况汇总报告');
    expect(report.join('')).toContain(`全县共受理信访案件${totals.petitions_received}件，化解${totals.petitions_resolved}件，化解率`);
    expect(report.join('')).toMatch(/信访案件化解率最高的是.+（100%），最低的是.+（\d+\.\d%）。/);
    const docx = unzipSync(new Uint8Array(fs.readFileSync(path.join(tmp(), '全县报告.docx'))));
    expect(strFromU8(docx['word/document.xml'])).toContain(`全县共受理信访案件${totals.petitions_received}件`);
  });

  test('an unreadable file is listed and skipped, never fatal (exit 2); one given twice is counted once', async () => {
    await fortyTownships(tmp());
    fs.writeFileSync(path.join(tmp(), '乡镇', '坏文件.xlsx'), 'not a workbook');
    const r = await run(['merge', '乡镇', '乡镇/周营镇-2023-指标.xlsx', '--out', '全县汇总.xlsx'], tmp());
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法读取，未汇总');
    expect(r.err).toContain('“乡镇/周营镇-2023-指标.xlsx”与“乡镇/周营镇-2023-指标.xlsx”是同一个文件');
    expect(r.out).toContain('文件“乡镇/坏文件.xlsx”无法读取，没有计入汇总');
    const book = await readXlsx(fs.readFileSync(path.join(tmp(), '全县汇总.xlsx')), 'x.xlsx');
    const first = sheet(book, '审核情况')[2];
    expect(first[2]).toBe('乡镇/坏文件.xlsx');
    expect(first[9]).toBe('否');
  });
});

describe('the county workbook checked again', () => {
  test('its 合计 rates over only the townships giving both parts are no error; a township\'s own error still is', async () => {
    const dir = path.join(tmp(), '乡镇');
    await writeTownship(path.join(dir, '周营镇.xlsx'), '周营镇', 2023, figuresOf(0));
    await writeTownship(path.join(dir, '前营乡.xlsx'), '前营乡', 2023, figuresOf(1));
    // 白楼镇 gives its resolved petitions but not how many it received; 杨集乡 more certified officers than officers
    await writeTownship(path.join(dir, '白楼镇.xlsx'), '白楼镇', 2023, figuresOf(2).filter((f) => f[0] !== '受理信访案件'));
    await writeTownship(path.join(dir, '杨集乡.xlsx'), '杨集乡', 2023, figuresOf(3).map((f) => (f[0] === '持证人数' ? [f[0], f[1], 20] : f)));
    await run(['merge', '乡镇', '--out', '全县汇总.xlsx'], tmp());
    const book = await readXlsx(fs.readFileSync(path.join(tmp(), '全县汇总.xlsx')), '全县汇总.xlsx');
    const summary = sheet(book, '汇总表');
    const r = summary.findIndex((row) => row[1] === '合计');
    const col = (h: string) => column(summary, h);
    const total = summary[r];
    // the county's rate really is over a subset: the column sums give another figure
    const sums = (total[col('信访案件化解数（件）')] as number) / (total[col('信访案件受理数（件）')] as number);
    expect(Math.abs((total[col('信访案件化解率（%）')] as number) - sums * 100)).toBeGreaterThan(1);

    const c = await run(['check', '全县汇总.xlsx', '--json'], tmp());
    const findings = JSON.parse(c.out).files[0].findings as { rule: string; sheet: string; cell: string; entity: string | null }[];
    const onTotal = findings.filter((f) => f.sheet === '汇总表' && Number(f.cell.replace(/^[A-Z]+/, '')) === r + 1);
    expect(onTotal.filter((f) => ['rate-mismatch', 'part-exceeds-whole', 'sum-mismatch', 'coverage-claim'].includes(f.rule))).toEqual([]);
    expect(findings.filter((f) => f.rule === 'part-exceeds-whole').map((f) => f.entity)).toEqual(['杨集乡']);
  });
});

// ───────────────────────────── LibreOffice ─────────────────────────────

/** A LibreOffice profile that recalculates every formula of an .xlsx on load. */
function profile(dir: string): string {
  const user = path.join(dir, 'profile', 'user');
  fs.mkdirSync(user, { recursive: true });
  fs.writeFileSync(
    path.join(user, 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`,
  );
  return `-env:UserInstallation=file://${path.join(dir, 'profile')}`;
}

test('LibreOffice, recalculating the 汇总表 whose cached results were removed, gets the totals and the county rates', async () => {
  const calc = spawnSync('sh', ['-c', 'command -v soffice && ls /usr/lib/libreoffice/program/ | grep -q "^libsclo"'], { stdio: 'ignore' }).status === 0;
  if (!calc) throw new Error('需要 LibreOffice Calc：请安装 libreoffice-calc-nogui（apt-get install libreoffice-calc-nogui）。');
  const { list } = await fortyTownships(tmp());
  const r = await run([...FORTY_ARGS(path.basename(list)), '--json'], tmp());
  const json = JSON.parse(r.out);
  // drop every formula's cached result, so only a recalculation can fill the 合计 row
  const parts = unzipSync(new Uint8Array(fs.readFileSync(path.join(tmp(), '全县汇总.xlsx'))));
  for (const name of Object.keys(parts).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = strFromU8(parts[name]);
    parts[name] = strToU8(xml.replace(/(<f>[^<]*<\/f>)<v>[^<]*<\/v>/g, '$1').replace(/(<c [^>]*?) t="(?:str|n)"((?:[^>]*)><f>)/g, '$1$2'));
  }
  const dir = path.join(tmp(), 'lo');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'bare.xlsx'), zipSync(parts));
  const bare = await readXlsx(fs.readFileSync(path.join(dir, 'bare.xlsx')), 'bare.xlsx');
  const bareTotal = sheet(bare, '汇总表').find((row) => row[1] === '合计')!;
  expect(bareTotal.slice(2, 6).every((v) => v === null)).toBe(true); // nothing cached left
  const out = path.join(dir, 'out');
  execFileSync('soffice', [profile(dir), '--headless', '--convert-to', 'xlsx', '--outdir', out, path.join(dir, 'bare.xlsx')], { stdio: 'ignore', timeout: 180_000 });
  const book = await readXlsx(fs.readFileSync(path.join(out, 'bare.xlsx')), 'recalculated.xlsx');
  const summary = sheet(book, '汇总表');
  const total = summary.find((row) => row[1] === '合计')!;
  for (const t of json.totals as { name: string; unit: string | null; value: number }[]) {
    expect([t.name, total[column(summary, t.unit ? `${t.name}（${t.unit}）` : t.name)]]).toEqual([t.name, t.value]);
  }
  for (const x of json.rates as { name: string; value: number }[]) {
    const got = total[column(summary, `${x.name}（%）`)] as number;
    expect([x.name, got]).toEqual([x.name, Math.round(x.value * 10) / 10]);
  }
  expect((json.rates as unknown[]).length).toBeGreaterThanOrEqual(3);
}, 240_000);

describe('merge --expect with a list as offices write it', () => {
  test('a title, full-width numbering and 人民政府 are read as the page reads them; a duplicate is told by its line, the missing township is a row', async () => {
    for (const f of ['周营镇-2023-指标.xlsx', '示范镇-2023-无误.xlsx']) fs.copyFileSync(path.join(SAMPLES, f), path.join(tmp(), f));
    fs.writeFileSync(path.join(tmp(), '名单.txt'), '沈丘县应报送乡镇名单\n１．周营镇人民政府\n２．示范镇\n３．前营乡\n４．示范镇\n');
    const r = await run(['merge', '周营镇-2023-指标.xlsx', '示范镇-2023-无误.xlsx', '--out', '全县汇总.xlsx', '--expect', '名单.txt', '--json'], tmp());
    expect(r.err).toContain('注意：名单“名单.txt”第5行的“示范镇”与第3行重复，只计一次。');
    const json = JSON.parse(r.out);
    expect(json.findings.filter((f: { rule: string }) => f.rule === 'county-missing' || f.rule === 'county-unlisted').map((f: { message: string }) => f.message.split('，')[0])).toEqual(['名单“名单.txt”第4行的“前营乡”没有找到工作簿']);
    const status = sheet(await readXlsx(fs.readFileSync(path.join(tmp(), '全县汇总.xlsx')), 'x.xlsx'), '审核情况');
    expect(status.find((row) => row[1] === '前营乡')?.[11]).toBe('催报：请前营乡报送工作簿');
  });
  test('a list kept as a workbook (序号 | 乡镇 | 联系人, a title row above) or a .csv is read as the page reads it, its rows as its lines', async () => {
    for (const f of ['周营镇-2023-指标.xlsx', '示范镇-2023-无误.xlsx']) fs.copyFileSync(path.join(SAMPLES, f), path.join(tmp(), f));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRows([['沈丘县应报送乡镇名单'], ['序号', '乡镇', '联系人'], [1, '周营镇人民政府', '张三'], [2, '示范镇', '李四'], [3, '前营乡', '王五'], [4, null, '赵六']]);
    await wb.xlsx.writeFile(path.join(tmp(), '名单.xlsx'));
    fs.writeFileSync(path.join(tmp(), '名单.csv'), '序号,乡镇\r\n1,周营镇\r\n2,示范镇\r\n3,前营乡\r\n');
    for (const list of ['名单.xlsx', '名单.csv']) {
      const r = await run(['merge', '周营镇-2023-指标.xlsx', '示范镇-2023-无误.xlsx', '--out', '全县汇总.xlsx', '--expect', list, '--json'], tmp());
      const json = JSON.parse(r.out);
      const messages = json.findings.filter((f: { rule: string }) => f.rule === 'county-missing' || f.rule === 'county-unlisted').map((f: { message: string }) => f.message.split('，')[0]);
      expect([list, messages]).toEqual([list, [`名单“${list}”第${list.endsWith('xlsx') ? 5 : 4}行的“前营乡”没有找到工作簿`]]);
      if (list.endsWith('xlsx')) expect(r.err).toContain('名单“名单.xlsx”第6行');
    }
    // a list that is no workbook at all is named as the list, and nothing is written
    fs.writeFileSync(path.join(tmp(), '坏名单.xlsx'), 'not a workbook');
    const bad = await run(['merge', '周营镇-2023-指标.xlsx', '--out', '另一个.xlsx', '--expect', '坏名单.xlsx'], tmp());
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('乡镇名单（--expect）无法读取');
    expect(fs.existsSync(path.join(tmp(), '另一个.xlsx'))).toBe(false);
  });
});
