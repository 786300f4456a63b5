/**
 * The county's rounds (issues 14 and 16): `merge … --since 上次全县汇总.xlsx` as a statistician runs it over a county
 * of five townships — one corrects its error, one sends a new problem, one resubmits unchanged, one has its
 * explanation accepted by the county (采纳 in its 审核说明), one does not resubmit — and a third round where the last
 * one comes back corrected and a sixth township reports for the first time. The sheets are read back with our reader.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readXlsx } from '../../src/file';
import { check } from '../../src/core/check';
import { STATUS_HEADER } from '../../src/core/county';
import { explanationFor, explanationSheet, reviewExplanation } from '../../src/core/explanations';
import type { Cell, Workbook } from '../../src/core/types';
import { figuresOf, setFigure, writeTownship, type Figures } from './county-fixtures';
import { openExcelJs, run, tempDirPerTest } from './support';

const tmp = tempDirPerTest('id-county-rounds-');

/** A township's figures with the catalog's usual indicators too, so that only what a test plants is found. */
function figures(i: number): Figures {
  return [
    ['法治建设领导小组', '', '是'],
    ['党委（政府）专题研究法治建设会议', '次', 4],
    ['党委理论学习中心组学法', '次', 12],
    ['行政村（社区）数', '个', 20],
    ...figuresOf(i),
  ];
}

const officers = (i: number) => figuresOf(i).find(([l]) => l === '行政执法人员')![2] as number;
/** 持证上岗 more than the officers: an error. */
const overCertified = (i: number) => setFigure(figures(i), '持证人数', '人', officers(i) + 2);
/** 行政执法人员 written again further down with another figure: a 待核实. */
const twoOfficerCounts = (i: number): Figures => [...figures(i), ['行政执法人员', '人', officers(i) + 6]];
/** More petitions resolved than received: an error. */
const overResolved = (i: number) => setFigure(figures(i), '化解信访案件', '件', 80);

async function book(file: string): Promise<Workbook> {
  return readXlsx(fs.readFileSync(path.join(tmp(), file)), path.basename(file));
}

function rows(b: Workbook, name: string): Cell[][] {
  const g = b.sheets.find((s) => s.name === name);
  if (!g) throw new Error(`no sheet ${name} in ${b.name}: ${b.sheets.map((s) => s.name).join(', ')}`);
  return g.rows;
}

/** 审核情况 as records by its header. */
function status(b: Workbook): Record<string, Cell>[] {
  const [, header, ...body] = rows(b, '审核情况');
  return body.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? null])));
}

/** 白楼镇's explanation of its 待核实, accepted by the county, in its workbook's 审核说明 (as the pane writes it). */
async function explainAndAccept(file: string): Promise<string> {
  const full = path.join(tmp(), file);
  const found = check(await readXlsx(fs.readFileSync(full), file)).findings.find((f) => f.rule === 'conflicting-values')!;
  const e = reviewExplanation(explanationFor(found, '第二处为含县综合执法大队派驻人员的总数，统计口径不同。', '2024-01-10', { author: '王五' }), {
    decision: 'accepted',
    reviewer: '李四',
    date: '2024-01-12',
  });
  const wb = await openExcelJs(full);
  const ws = wb.addWorksheet('审核说明');
  for (const r of explanationSheet([e]).rows) ws.addRow(r.map((c) => c.v));
  await wb.xlsx.writeFile(full);
  return found.id;
}

describe('merge --since: a county round of five townships', () => {
  test('已改正 / 新出现 / 仍未改正 / 已说明 per township, 未重新报送 listed, who to call back first, and the next round', async () => {
    // round 1: 柳河镇 and 李庄镇 certify more officers than they have, 白楼镇 gives two officer counts, 张营乡 resolves
    // more petitions than it received, 杨集乡 is clean
    const r1 = path.join(tmp(), '第一轮');
    await writeTownship(path.join(r1, '柳河镇.xlsx'), '柳河镇', 2023, overCertified(3));
    await writeTownship(path.join(r1, '杨集乡.xlsx'), '杨集乡', 2023, figures(4));
    await writeTownship(path.join(r1, '李庄镇.xlsx'), '李庄镇', 2023, overCertified(5));
    await writeTownship(path.join(r1, '白楼镇.xlsx'), '白楼镇', 2023, twoOfficerCounts(6));
    await writeTownship(path.join(r1, '张营乡.xlsx'), '张营乡', 2023, overResolved(7));
    const first = await run(['merge', '第一轮', '--out', '第1轮汇总.xlsx'], tmp());
    expect(first.code).toBe(1);
    expect(first.out).toContain('第1轮：下一轮汇总时用 --since 指定本次的汇总表');
    const b1 = await book('第1轮汇总.xlsx');
    expect(b1.sheets.map((s) => s.name)).toEqual(['审核情况', '汇总表', '汇总报告文稿', '审核明细']);
    expect(rows(b1, '审核情况')[1]).toEqual([...STATUS_HEADER]); // a first round has nothing to compare
    expect(String(rows(b1, '审核情况')[0][0])).toMatch(/^第1轮：2023年度共收到5个文件/);
    const detail1 = rows(b1, '审核明细');
    expect(String(detail1[0][0])).toMatch(/^2023年度第1轮审核明细/);
    expect(detail1[1]).toEqual(['乡镇', '文件', '轮次', '编号', '严重程度', '规则', '位置', '问题说明', '状态', '与上次比较']);
    const yang1 = detail1.filter((r) => r[0] === '杨集乡');
    expect(yang1).toHaveLength(1); // a township without findings still has its row: the next round knows it reported
    expect(yang1[0].slice(0, 9)).toEqual(['杨集乡', path.join('第一轮', '杨集乡.xlsx'), '第1轮', null, null, null, null, null, '未发现问题']);

    // round 2: 柳河镇 corrected, 杨集乡 a new error, 李庄镇 the same file, 白楼镇 explained and accepted, 张营乡 nothing
    const r2 = path.join(tmp(), '第二轮');
    await writeTownship(path.join(r2, '柳河镇.xlsx'), '柳河镇', 2023, figures(3));
    await writeTownship(path.join(r2, '杨集乡.xlsx'), '杨集乡', 2023, overResolved(4));
    fs.mkdirSync(r2, { recursive: true });
    fs.copyFileSync(path.join(r1, '李庄镇.xlsx'), path.join(r2, '李庄镇.xlsx'));
    fs.copyFileSync(path.join(r1, '白楼镇.xlsx'), path.join(r2, '白楼镇.xlsx'));
    const explained = await explainAndAccept(path.join('第二轮', '白楼镇.xlsx'));
    const second = await run(['merge', '第二轮', '--since', '第1轮汇总.xlsx', '--out', '第2轮汇总.xlsx'], tmp());
    expect(second.code).toBe(1);
    expect(second.out).toContain('第2轮（与上一轮“第1轮汇总.xlsx”比较）：已改正 1 项，新出现 1 项，仍未改正 1 项，已说明 1 项；未重新报送 1 个（张营乡）。');

    const b2 = await book('第2轮汇总.xlsx');
    expect(b2.sheets.map((s) => s.name)).toEqual(['审核情况', '汇总表', '汇总报告文稿', '审核明细']);
    expect(rows(b2, '审核情况')[1]).toEqual([...STATUS_HEADER, '轮次', '报送情况', '已改正', '新出现', '仍未改正']);
    expect(String(rows(b2, '审核情况')[0][0])).toMatch(/^第2轮：2023年度共收到4个文件.*与上一轮“第1轮汇总\.xlsx”比较，已改正1项，新出现1项，仍未改正1项，已说明1项；未重新报送的1个乡镇也列在表中/);
    const st = status(b2);
    const of = (t: string) => st.find((r) => r['乡镇'] === t)!;
    const pick = (t: string) => [of(t)['轮次'], of(t)['报送情况'], of(t)['已改正'], of(t)['新出现'], of(t)['仍未改正'], of(t)['错误'], of(t)['待核实'], of(t)['已说明']];
    expect(pick('柳河镇')).toEqual(['第2轮', '重新报送', 1, 0, 0, 0, 0, 0]);
    expect(pick('杨集乡')).toEqual(['第2轮', '重新报送', 0, 1, 0, 1, 0, 0]);
    expect(pick('李庄镇')).toEqual(['第2轮', '重新报送', 0, 0, 1, 1, 0, 0]);
    // the accepted explanation closes 白楼镇's 待核实: nothing left to do
    expect(pick('白楼镇')).toEqual(['第2轮', '重新报送', 0, 0, 0, 0, 0, 1]);
    expect(of('白楼镇')['需要做的']).toBe('无需处理');
    expect(pick('张营乡')).toEqual(['第1轮', '未重新报送', null, null, 1, null, null, null]);
    expect(of('张营乡')['文件']).toBe(path.join('第一轮', '张营乡.xlsx'));
    expect(of('张营乡')['需要做的']).toBe('催报：上次指出的错误1项仍未处理，请改正后重新报送');
    expect(of('李庄镇')['需要做的']).toBe('退回：请改正错误后重新报送（其中1项上次已指出，仍未处理）');
    // call back first what is still open: the error left as it was, then the one not resubmitted, then the new error
    expect(st.map((r) => r['乡镇'])).toEqual(['李庄镇', '张营乡', '杨集乡', '柳河镇', '白楼镇']);
    expect(st.map((r) => r['序号'])).toEqual([1, 2, 3, 4, 5]);

    const detail2 = rows(b2, '审核明细');
    expect(String(detail2[0][0])).toMatch(/^2023年度第2轮审核明细（与上一轮“第1轮汇总\.xlsx”比较）/);
    const line = (t: string, state: string) => detail2.find((r) => r[0] === t && r[8] === state);
    expect(line('柳河镇', '已改正')).toEqual(expect.arrayContaining(['错误', '部分大于总数', '已改正']));
    expect(line('白楼镇', '县级已采纳')!.slice(2, 5)).toEqual(['第2轮', explained, '待核实']);
    expect(line('白楼镇', '县级已采纳')![9]).toBe('已说明');
    expect(line('杨集乡', '未处理')![9]).toBe('新出现');
    expect(line('李庄镇', '未处理')![9]).toBe('仍未改正');
    expect(line('张营乡', '未处理')!.slice(2, 3)).toEqual(['第1轮']);
    expect(line('张营乡', '未处理')![9]).toBe('未重新报送');

    // --json carries the same
    const j = await run(['merge', '第二轮', '--since', '第1轮汇总.xlsx', '--out', '第2轮汇总（JSON）.xlsx', '--json'], tmp());
    const doc = JSON.parse(j.out);
    expect(doc.round).toMatchObject({ round: 2, since: '第1轮汇总.xlsx', counts: { fixed: 1, new: 1, open: 1, explained: 1 } });
    expect(doc.round.notResubmitted).toEqual([
      expect.objectContaining({ township: '张营乡', round: 1, stillOpen: { error: 1, verify: 0, hint: 0 } }),
    ]);
    const liu = doc.townships.find((t: { townships: string[] }) => t.townships[0] === '柳河镇');
    expect(liu.round).toMatchObject({ round: 2, submission: 'resubmitted', counts: { fixed: 1, new: 0, open: 0, explained: 0 } });
    expect(liu.round.fixed[0]).toMatchObject({ severity: 'error', where: '‘指标’表 D15' });
    const bai = doc.townships.find((t: { townships: string[] }) => t.townships[0] === '白楼镇');
    expect(bai.round.status[explained]).toBe('explained');
    expect(j.err).toContain('第2轮（与上一轮“第1轮汇总.xlsx”比较）');
    // the same round again gives the same sheets (nothing added twice)
    const again = await book('第2轮汇总（JSON）.xlsx');
    for (const name of ['审核情况', '审核明细']) expect(rows(again, name)).toEqual(rows(b2, name));

    // round 3: 张营乡 comes back corrected — compared with what it sent in round 1 — and 石桥镇 reports first
    const r3 = path.join(tmp(), '第三轮');
    fs.mkdirSync(r3, { recursive: true });
    for (const f of fs.readdirSync(r2)) fs.copyFileSync(path.join(r2, f), path.join(r3, f));
    await writeTownship(path.join(r3, '张营乡.xlsx'), '张营乡', 2023, figures(7));
    await writeTownship(path.join(r3, '石桥镇.xlsx'), '石桥镇人民政府', 2023, figures(8));
    const third = await run(['merge', '第三轮', '--since', '第2轮汇总.xlsx', '--out', '第3轮汇总.xlsx'], tmp());
    expect(third.out).toContain('第3轮（与上一轮“第2轮汇总.xlsx”比较）：已改正 1 项，新出现 0 项，仍未改正 2 项，已说明 1 项；首次报送 1 个（石桥镇）。');
    const st3 = status(await book('第3轮汇总.xlsx'));
    const of3 = (t: string) => st3.find((r) => r['乡镇'] === t)!;
    expect([of3('张营乡')['轮次'], of3('张营乡')['报送情况'], of3('张营乡')['已改正'], of3('张营乡')['仍未改正']]).toEqual(['第3轮', '重新报送', 1, 0]);
    expect([of3('石桥镇')['报送情况'], of3('石桥镇')['已改正'], of3('石桥镇')['新出现']]).toEqual(['首次报送', null, null]);
    expect(st3).toHaveLength(6);
  });

  test('a --since that is no county workbook of this tool, or of another year, is refused naming it; nothing is written', async () => {
    await writeTownship(path.join(tmp(), '乡镇', '柳河镇.xlsx'), '柳河镇', 2023, figures(3));
    await writeTownship(path.join(tmp(), '乡镇', '杨集乡.xlsx'), '杨集乡', 2023, figures(4));
    // a township's workbook, with a sheet of its own named 审核明细
    const wb = await openExcelJs(path.join(tmp(), '乡镇', '柳河镇.xlsx'));
    wb.addWorksheet('审核明细').addRow(['乡镇', '问题', '整改情况']);
    await wb.xlsx.writeFile(path.join(tmp(), '柳河镇-自查.xlsx'));
    const notOurs = await run(['merge', '乡镇', '--since', '柳河镇-自查.xlsx', '--out', '汇总.xlsx'], tmp());
    expect(notOurs.code).toBe(2);
    expect(notOurs.err).toContain('“柳河镇-自查.xlsx”中没有本工具写出的“审核明细”表，无法作为上一轮比较');
    const missing = await run(['merge', '乡镇', '--since', '上次.xlsx', '--out', '汇总.xlsx'], tmp());
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('上一轮的全县汇总表（--since）无法读取：找不到文件“上次.xlsx”');

    await writeTownship(path.join(tmp(), '去年', '柳河镇.xlsx'), '柳河镇', 2022, figures(3));
    expect((await run(['merge', '去年', '--out', '2022汇总.xlsx'], tmp())).code).toBe(0);
    const otherYear = await run(['merge', '乡镇', '--since', '2022汇总.xlsx', '--out', '汇总.xlsx'], tmp());
    expect(otherYear.code).toBe(2);
    expect(otherYear.err).toContain('上一轮的全县汇总表“2022汇总.xlsx”是2022年度的，本次汇总的是2023年度，不能作为上一轮比较');
    expect(fs.existsSync(path.join(tmp(), '汇总.xlsx'))).toBe(false);
  });

  test('the previous county workbook kept in the townships\' folder is the previous round, never a township of this one', async () => {
    await writeTownship(path.join(tmp(), '乡镇', '柳河镇.xlsx'), '柳河镇', 2023, overCertified(3));
    await writeTownship(path.join(tmp(), '乡镇', '杨集乡.xlsx'), '杨集乡', 2023, figures(4));
    expect((await run(['merge', '乡镇', '--out', path.join('乡镇', '全县汇总.xlsx')], tmp())).code).toBe(1);
    await writeTownship(path.join(tmp(), '乡镇', '柳河镇.xlsx'), '柳河镇', 2023, figures(3));
    const next = await run(['merge', '乡镇', '--since', path.join('乡镇', '全县汇总.xlsx'), '--out', path.join('乡镇', '全县汇总.xlsx')], tmp());
    expect(next.err).toContain(`注意：“${path.join('乡镇', '全县汇总.xlsx')}”是上一轮的全县汇总表（--since），不作为乡镇的工作簿汇总。`);
    expect(next.code).toBe(0);
    const st = status(await book(path.join('乡镇', '全县汇总.xlsx')));
    expect(st.map((r) => [r['乡镇'], r['轮次'], r['报送情况'], r['已改正']])).toEqual([
      ['杨集乡', '第2轮', '重新报送', 0],
      ['柳河镇', '第2轮', '重新报送', 1],
    ]);
  });
});
