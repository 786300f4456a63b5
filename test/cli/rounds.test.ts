/**
 * Rounds with a township (issue 16): `report --notice` writes the 整改通知 the county sends back, and
 * `check new.xlsx --since old-审核.xlsx` says of each finding 已改正 / 新出现 / 仍未改正 / 已说明.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readXlsx } from '../../src/file';
import { check } from '../../src/core/check';
import { ZHOU, docxXml, openExcelJs, run, tempDirPerTest } from './support';

const tmp = tempDirPerTest('id-rounds-');
beforeEach(() => fs.copyFileSync(ZHOU, path.join(tmp(), '周营镇.xlsx')));

/** The township's resubmission: the rate corrected to 77.8 %, 配备法律顾问的村数 mistyped as 22, the rest as before. */
async function resubmit(name: string): Promise<void> {
  const wb = await openExcelJs(path.join(tmp(), '周营镇.xlsx'));
  const d = wb.getWorksheet('矛盾纠纷化解')!;
  d.getCell('D6').value = 0.778;
  d.getCell('D6').numFmt = '0.0%';
  wb.getWorksheet('公共法律服务')!.getCell('D5').value = 22;
  await wb.xlsx.writeFile(path.join(tmp(), name));
}

/** Paragraph texts of a .docx (w:t runs joined per w:p). */
async function docxText(file: string): Promise<string[]> {
  const xml = await docxXml(file);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).filter(Boolean);
}

describe('report --notice: the 整改通知 to the township', () => {
  test('a .docx and a 整改通知 sheet list the open findings with their cells and what to do; the copy still checks the same', async () => {
    const r = await run(['report', '周营镇.xlsx', '--notice', '整改通知.docx', '--date', '2026年12月4日'], tmp());
    expect(r.err).toBe('');
    expect(r.out).toContain('已写出整改通知：整改通知.docx');
    const paras = await docxText(path.join(tmp(), '整改通知.docx'));
    expect(paras[0]).toBe('关于周营镇2023年度法治政府建设指标的整改通知');
    expect(paras).toContain('周营镇：');
    expect(paras.find((p) => p.startsWith('经审核'))).toContain('有4处问题需要处理：错误2处须改正，待核实2处须核实后改正或说明理由');
    const rate = paras.find((p) => p.includes('矛盾纠纷化解’表 D6'))!;
    expect(rate).toMatch(/^1\. .*77\.8%.*请改正后重新报送。$/);
    const villages = paras.find((p) => p.includes('行政村（社区）数'))!;
    expect(villages).toContain('无误的请在“审核说明”表中写明理由');
    expect(paras).toContain('2026年12月4日');

    // the same paragraphs are the sheet 整改通知 of the result copy, which is checked like the source
    const copy = await readXlsx(fs.readFileSync(path.join(tmp(), '周营镇-审核.xlsx')), '周营镇-审核.xlsx');
    const sheet = copy.sheets.find((s) => s.name === '整改通知')!;
    expect(sheet.rows.map((row) => String(row[0] ?? '').trim()).filter(Boolean)).toEqual(paras);
    const source = await readXlsx(fs.readFileSync(ZHOU), 'x.xlsx');
    expect(check(copy).findings.map((f) => f.id).sort()).toEqual(check(source).findings.map((f) => f.id).sort());
  });

  test('a notice file that is the source is refused before anything is written', async () => {
    const r = await run(['report', '周营镇.xlsx', '--notice', '周营镇.xlsx'], tmp());
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('不能覆盖原工作簿');
    expect(fs.readdirSync(tmp())).toEqual(['周营镇.xlsx']);
  });
});

describe('check --since: the resubmission against the previous round', () => {
  test('against the result copy: the corrected rate 已改正, the mistyped count 新出现, the officers 仍未改正', async () => {
    expect((await run(['report', '周营镇.xlsx'], tmp())).code).toBe(1);
    await resubmit('周营镇-二次.xlsx');
    const r = await run(['check', '周营镇-二次.xlsx', '--since', '周营镇-审核.xlsx'], tmp());
    const line = (needle: string) => r.out.split('\n').find((l) => l.includes(needle)) ?? '';
    expect(line('矛盾纠纷化解!D6')).toContain('［已改正］');
    expect(line('公共法律服务!D5')).toContain('［新出现］');
    expect(line('行政执法!D5')).toContain('［仍未改正］');
    expect(r.out).toMatch(/与上次（周营镇-审核\.xlsx）比较：已改正 \d+ 项，新出现 1 项，仍未改正 2 项，已说明 0 项。/);

    const j = await run(['check', '周营镇-二次.xlsx', '--since', '周营镇.xlsx', '--json'], tmp());
    const file = JSON.parse(j.out).files[0];
    expect(file.round.since).toBe('周营镇.xlsx');
    expect(file.round.counts).toMatchObject({ new: 1, open: 2, explained: 0 });
    const rate = file.round.fixed.find((f: { rule: string }) => f.rule === 'rate-mismatch');
    expect(rate).toMatchObject({ sheet: '矛盾纠纷化解', cell: 'D6' });
    const officers = file.findings.find((f: { rule: string; sheet: string }) => f.rule === 'part-exceeds-whole' && f.sheet === '行政执法');
    expect(file.round.status[officers.id]).toBe('open');
  });

  test('--since with several workbooks, or an unreadable previous file, is refused with a Chinese message', async () => {
    fs.writeFileSync(path.join(tmp(), '坏.xlsx'), 'not a workbook');
    const many = await run(['check', '周营镇.xlsx', '周营镇.xlsx', '--since', '周营镇.xlsx'], tmp());
    expect(many.code).toBe(2);
    expect(many.err).toContain('--since 只能与一个工作簿一起使用');
    const bad = await run(['check', '周营镇.xlsx', '--since', '坏.xlsx'], tmp());
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('上次的文件（--since）无法读取');
  });
});
