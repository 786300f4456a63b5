/**
 * The county consolidation (src/core/county) on workbooks checked in memory: which townships reach the totals, the
 * county rates over the summed parts of only the townships giving both parts, the findings across townships (each
 * naming both townships and their files), the checklist's order and the county narrative.
 */
import { check } from '../../src/core/check';
import { consolidate, countyInput, countyInputsOfWorkbook, countyPlan, countyReport, countyWorkbook, failedInput, unreadableInput, type CountyInput, STATUS_SHEET, SUMMARY_SHEET } from '../../src/core/county';
import { isToolSheet } from '../../src/core/toolsheets';
import type { Cell, CellSpec, Workbook } from '../../src/core/types';

type Row = [label: string, unit: string, value: Cell];

function book(unit: string | null, year: number | null, rows: Row[]): Workbook {
  const info: Cell[][] = [];
  if (unit) info.push(['单位名称', unit]);
  if (year != null) info.push(['报告年度', year]);
  return {
    name: `${unit}.xlsx`,
    sheets: [
      { name: '基本情况', rows: info },
      { name: '指标', rows: [['序号', '指标名称', '单位', `${year ?? ''}年`], ...rows.map((r, i) => [i + 1, ...r])] },
    ],
  };
}

function input(file: string, unit: string | null, year: number | null, rows: Row[]): CountyInput {
  return countyInput(file, file.replace(/\.xlsx$/, ''), check(book(unit, year, rows)));
}

const petitions = (received: number, resolved: number): Row[] => [
  ['受理信访案件', '件', received],
  ['化解信访案件', '件', resolved],
];

describe('county rates', () => {
  test('a county rate is the rate of the summed parts of only the townships that give both parts, never mixed with one that gives one part', () => {
    // four townships at 94.6–97.1 %; a fifth gives its 调解成功 count but no 受理数
    const mediation = (r: number | null, m: number): Row[] => [...(r != null ? [['矛盾纠纷受理数', '件', r] as Row] : []), ['调解成功', '件', m]];
    const county = consolidate([
      input('甲镇.xlsx', '甲镇', 2023, mediation(37, 35)),
      input('乙镇.xlsx', '乙镇', 2023, mediation(35, 34)),
      input('丙乡.xlsx', '丙乡', 2023, mediation(70, 67)),
      input('丁乡.xlsx', '丁乡', 2023, mediation(52, 50)),
      input('戊镇.xlsx', '戊镇', 2023, mediation(null, 60)),
    ]);
    const rate = county.rates.get('dispute_mediation_rate')!;
    expect(rate.included).toEqual(['甲镇', '乙镇', '丙乡', '丁乡']);
    expect(rate.leftOut).toEqual(['戊镇']);
    expect(rate.num).toBe(35 + 34 + 67 + 50);
    expect(rate.den).toBe(37 + 35 + 70 + 52);
    expect(rate.value).toBeCloseTo((186 / 194) * 100, 6); // 95.9 %, between the townships' own rates
    // the 合计 of the counts still holds every township's figure
    expect(county.totals.get('disputes_mediated')!.value).toBe(35 + 34 + 67 + 50 + 60);
    const summary = countyPlan(county, null).sheets.find((s) => s.name === SUMMARY_SHEET)!;
    const total = summary.rows.find((r) => r[1]?.v === '合计')!;
    const rateCell = total.find((c) => c.note?.includes('4个乡镇'))!;
    expect(rateCell.v).toBe(95.9);
    expect(rateCell.f).toMatch(/^IF\(SUMPRODUCT\(ISNUMBER\(/);
    expect(rateCell.note).toContain('戊镇');
  });

  test('a township whose part exceeds its whole (15 resolved of 13 received) is left out of the county rate and its top and bottom', () => {
    const county = consolidate([
      input('甲镇.xlsx', '甲镇', 2023, petitions(20, 19)),
      input('乙镇.xlsx', '乙镇', 2023, petitions(10, 8)),
      input('丙乡.xlsx', '丙乡', 2023, petitions(13, 15)),
      input('丁乡.xlsx', '丁乡', 2023, petitions(30, 30)),
    ]);
    const rate = county.rates.get('petition_resolution_rate')!;
    expect(rate.value).toBeCloseTo((57 / 60) * 100, 6);
    expect(rate.leftOut.join()).toContain('丙乡');
    expect(rate.high).toEqual({ townships: ['丁乡'], value: 100 });
    expect(rate.low).toEqual({ townships: ['乙镇'], value: 80 });
  });
});

describe('findings across townships', () => {
  test('the same township in two files: the second is kept out of the totals, both files named', () => {
    const county = consolidate([
      input('周营镇.xlsx', '周营镇', 2023, petitions(9, 7)),
      input('前营乡.xlsx', '前营乡', 2023, petitions(5, 5)),
      input('周营镇-修改.xlsx', '周营镇人民政府', 2023, petitions(9, 9)),
    ]);
    expect(county.rows.map((r) => r.row.township)).toEqual(['周营镇', '前营乡']);
    expect(county.totals.get('petitions_received')!.value).toBe(14);
    const f = county.findings.find((x) => x.rule === 'county-duplicate')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('“周营镇-修改.xlsx”');
    expect(f.message).toContain('“周营镇.xlsx”');
    expect(f.message).toContain('汇总只计入了“周营镇.xlsx”');
  });

  test('a workbook of another year is refused from the totals with a finding; --year summarises that year on its own', () => {
    const inputs = [
      input('甲镇.xlsx', '甲镇', 2023, petitions(9, 7)),
      input('乙镇.xlsx', '乙镇', 2023, petitions(5, 5)),
      input('丙乡.xlsx', '丙乡', 2021, petitions(40, 10)),
    ];
    const county = consolidate(inputs);
    expect(county.year).toBe(2023);
    expect(county.rows.map((r) => r.row.township)).toEqual(['甲镇', '乙镇']);
    const f = county.findings.find((x) => x.rule === 'county-other-year')!;
    expect(f.message).toContain('“丙乡.xlsx”（丙乡）是2021年度的工作簿');
    expect(f.message).toContain('‘基本情况’表 B2');
    const y2021 = consolidate(inputs, { year: 2021 });
    expect(y2021.rows.map((r) => r.row.township)).toEqual(['丙乡']);
    expect(y2021.totals.get('petitions_received')!.value).toBe(40);
  });

  test('份 vs 万份 is converted with a note; 条 vs 米 cannot be: an error naming both townships, and the figure stays out of the 合计', () => {
    const county = consolidate([
      input('甲镇.xlsx', '甲镇', 2023, [['印发普法宣传材料', '份', 3000], ['张贴普法条幅', '条', 40]]),
      input('乙镇.xlsx', '乙镇', 2023, [['印发普法宣传材料', '万份', 0.5], ['张贴普法条幅', '条', 60]]),
      input('丙乡.xlsx', '丙乡', 2023, [['印发普法宣传材料', '份', 2000], ['张贴普法条幅', '米', 300]]),
    ]);
    expect(county.totals.get('materials')!.value).toBe(3000 + 5000 + 2000);
    const yi = county.rows.find((r) => r.row.township === '乙镇')!.cells.get('materials')!;
    expect(yi.note).toContain('原报0.5万份，按5000份汇总');
    expect(county.totals.get('banners')!.value).toBe(100);
    const f = county.findings.filter((x) => x.rule === 'county-unit-mismatch');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('丙乡（“丙乡.xlsx” ‘指标’表 D3）以“米”计（300米）');
    expect(f[0].message).toContain('甲镇（“甲镇.xlsx” ‘指标’表 D3）以“条”计');
    const bing = county.rows.find((r) => r.row.township === '丙乡')!.cells.get('banners')!;
    expect(bing.counted).toBe(false);
    expect(bing.value).toBe('300米'); // text: the live SUM leaves it out too
  });

  test('the 合计 takes each figure in the unit extraction read it in: 3万余份 in the cell is 30000份 (approximate), 幅 is 条, 米 stays out', () => {
    const county = consolidate([
      input('甲镇.xlsx', '甲镇', 2023, [['印发普法宣传材料', '份', 3000], ['张贴普法条幅', '条', 40]]),
      input('乙镇.xlsx', '乙镇', 2023, [['印发普法宣传材料', '份', '3万余份'], ['张贴普法条幅', '幅', 25]]),
      input('丙乡.xlsx', '丙乡', 2023, [['印发普法宣传材料', '', '2000份'], ['张贴普法条幅', '', '300米']]),
    ]);
    const materials = county.totals.get('materials')!;
    expect(materials.value).toBe(3000 + 30000 + 2000);
    expect(materials.approx).toBe(true);
    const yi = county.rows.find((r) => r.row.township === '乙镇')!.cells;
    expect(yi.get('materials')!.note).toContain('原报3万份，按30000份汇总');
    expect(yi.get('banners')!).toMatchObject({ value: 25, counted: true });
    expect(yi.get('banners')!.note).not.toContain('汇总');
    expect(county.totals.get('banners')!.value).toBe(40 + 25);
    const bing = county.rows.find((r) => r.row.township === '丙乡')!.cells.get('banners')!;
    expect(bing).toMatchObject({ value: '300米', counted: false });
    expect(county.findings.filter((x) => x.rule === 'county-unit-mismatch').map((f) => f.entity)).toEqual(['丙乡']);
  });

  test('a figure far from the others (median/MAD) is a hint naming it and the nearest township; ordinary spread is not', () => {
    const events = [31, 45, 52, 38, 60, 47, 2600, 55];
    const inputs = events.map((n, i) => input(`镇${i}.xlsx`, `第${i + 1}镇`, 2023, [['普法宣传活动', '场次', n]]));
    const county = consolidate(inputs);
    const hints = county.findings.filter((x) => x.rule === 'county-outlier');
    expect(hints).toHaveLength(1);
    expect(hints[0].severity).toBe('hint');
    expect(hints[0].message).toContain('第7镇（“镇6.xlsx” ‘指标’表 D2）的“普法宣传活动”为2600场次，远高于其他乡镇');
    expect(hints[0].message).toContain('最接近的第5镇为60场次');
    const calm = consolidate(inputs.filter((_, i) => i !== 6));
    expect(calm.findings.filter((x) => x.rule === 'county-outlier')).toEqual([]);
  });

  test('--expect: a listed township with no file is an error naming the list and its line; a file not on the list is a hint', () => {
    const county = consolidate(
      [input('周营镇.xlsx', '周营镇', 2023, petitions(9, 7)), input('前营.xlsx', '前营镇', 2023, petitions(5, 5))],
      { expect: { name: '乡镇名单.txt', entries: [{ township: '周营镇', line: 1 }, { township: '前营乡', line: 2 }] } },
    );
    const missing = county.findings.find((x) => x.rule === 'county-missing')!;
    expect(missing.message).toContain('名单“乡镇名单.txt”第2行的“前营乡”没有找到工作簿');
    const unlisted = county.findings.find((x) => x.rule === 'county-unlisted')!;
    expect(unlisted.message).toContain('“前营.xlsx”的单位“前营镇”不在名单“乡镇名单.txt”中（名单中没有工作簿的有“前营乡”）');
  });

  test("--previous: a township's figure three times last year's is to verify, naming last year's file and cell", () => {
    const previous = [input('去年/甲镇.xlsx', '甲镇', 2022, petitions(10, 9)), input('去年/乙镇.xlsx', '乙镇', 2022, petitions(12, 12))].flatMap((i) => i.rows);
    const county = consolidate([input('甲镇.xlsx', '甲镇', 2023, petitions(31, 30)), input('乙镇.xlsx', '乙镇', 2023, petitions(13, 12))], { previous });
    const f = county.findings.filter((x) => x.rule === 'county-large-change');
    // 31 received against 10 is flagged; 30 resolved against 9 is not (last year's figure is under the floor of 10)
    expect(f.map((x) => [x.entity, x.indicators[0]])).toEqual([['甲镇', 'petitions_received']]);
    expect(f[0].message).toContain('上年为10件（去年“去年/甲镇.xlsx”‘指标’表 D2）');
    expect(f[0].message).toContain('是上年的3.1倍');
    const report = countyReport(county);
    expect(report.paragraphs.map((p) => p.text).join('\n')).toContain('全县共受理信访案件44件，同比增长100%，化解42件，化解率95.5%，与上年持平。');
  });
});

describe('a county summary as input', () => {
  test('its township rows are merged as townships (never one named after its title), and a township also sent on its own counts once', () => {
    const summary: Workbook = {
      name: '沈丘县汇总.xlsx',
      sheets: [
        {
          name: '汇总表',
          rows: [
            ['沈丘县2023年度乡镇法治政府建设指标汇总表'],
            ['序号', '乡镇', '信访案件受理数（件）', '信访案件化解数（件）'],
            [1, '柳河镇', 15, 14],
            [2, '杨集乡', 6, 6],
            [3, '周营镇', 9, 7],
            [null, '合计', 30, 27],
          ],
        },
      ],
    };
    const fromSummary = countyInput('沈丘县汇总.xlsx', '沈丘县汇总', check(summary));
    expect(fromSummary.status.kind).toBe('summary');
    expect(fromSummary.rows.map((r) => r.township)).toEqual(['柳河镇', '杨集乡', '周营镇']);
    const county = consolidate([fromSummary, input('周营镇.xlsx', '周营镇', 2023, petitions(9, 7))]);
    expect(county.rows.map((r) => r.row.township).sort()).toEqual(['周营镇', '杨集乡', '柳河镇'].sort());
    // the township's own workbook wins over its row in the summary, whatever order they came in
    expect(county.rows.find((r) => r.row.township === '周营镇')!.row.file).toBe('周营镇.xlsx');
    expect(county.totals.get('petitions_received')!.value).toBe(30);
    expect(county.findings.find((x) => x.rule === 'county-duplicate')!.message).toContain('“沈丘县汇总.xlsx”（‘汇总表’ C5）与“周营镇.xlsx”是同一乡镇');
  });
});

describe('the checklist and the narrative', () => {
  test('审核情况 lists the ones to call back first, each township linked to its row of 汇总表', () => {
    const county = consolidate([
      input('甲镇.xlsx', '甲镇', 2023, petitions(9, 9)),
      input('乙镇.xlsx', '乙镇', 2023, [...petitions(9, 7), ['信访案件化解率', '%', '100%']]),
      input('丙乡.xlsx', '丙乡', 2021, petitions(4, 4)),
    ]);
    const sheet = countyPlan(county, null).sheets.find((s) => s.name === STATUS_SHEET)!;
    const body = sheet.rows.slice(2);
    expect(body.map((r) => r[1].v)).toEqual(['乙镇', '丙乡', '甲镇']);
    const yi = body[0];
    expect(yi[4].v).toBeGreaterThan(0); // its 100 % over 7 of 9 is an error
    expect(yi[11].v).toBe('退回：请改正错误后重新报送');
    expect(yi[1].link).toEqual({ sheet: SUMMARY_SHEET, cell: 'B4' });
    expect(body[1][10].v).toContain('未计入合计：2021年度');
    expect(body[1][1].link).toBeUndefined();
    expect(body[2][11].v).not.toMatch(/退回/); // only its missing required rows to verify
  });

  test('a file whose check failed is 检查出错 (to technical support, not back to the township), unlike one the reader refused', () => {
    const county = consolidate([
      input('甲镇.xlsx', '甲镇', 2023, petitions(9, 9)),
      failedInput('乙镇-2023-指标.xlsx', "TypeError: Cannot read properties of undefined (reading 'v')", { sheet: '指标', cell: 'D7' }),
      unreadableInput('丙乡.xlsx', '文件“丙乡.xlsx”是空文件（0 字节），无法读取。'),
    ]);
    const body = countyPlan(county, null).sheets.find((s) => s.name === STATUS_SHEET)!.rows.slice(2);
    const failed = body.find((r) => r[2].v === '乙镇-2023-指标.xlsx')!;
    expect(failed[9].v).toBe('检查出错');
    expect(failed[10].v).toBe('未汇总：检查“乙镇-2023-指标.xlsx”（‘指标’表 D7）时出错，本工具未能完成对它的检查');
    expect(failed[11].v).toBe('请把此文件发给县里的技术支持');
    const refused = body.find((r) => r[2].v === '丙乡.xlsx')!;
    expect([refused[9].v, refused[11].v]).toEqual(['否', '退回：请重新报送能打开的工作簿']);
    // the finding (审核明细) keeps the error's own words for technical support, after the Chinese sentence
    const f = county.findings.find((x) => x.rule === 'county-check-failed')!;
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/^检查“乙镇-2023-指标\.xlsx”（‘指标’表 D7）时出错，本工具未能完成对它的检查，没有计入汇总（技术信息：TypeError: Cannot read properties of undefined \(reading 'v'\)）。.*请把此文件发给县里的技术支持/);
    expect(county.findings.filter((x) => x.rule === 'county-unreadable').map((x) => x.message)).toEqual([expect.stringContaining('丙乡.xlsx')]);
    expect(countyReport(county).paragraphs.find((p) => p.role === 'opening')!.text).toContain('1个文件无法读取，1个文件检查出错');
  });

  test("the narrative states the totals and rates in the templates' words and names the townships at the top and bottom", () => {
    const county = consolidate(
      [
        input('周营镇.xlsx', '周营镇', 2023, petitions(37, 35)),
        input('前营乡.xlsx', '前营乡', 2023, petitions(20, 16)),
        input('柳河镇.xlsx', '柳河镇', 2023, petitions(15, 15)),
      ],
      { unit: '沈丘县' },
    );
    const text = countyReport(county).paragraphs.map((p) => p.text);
    expect(text[0]).toBe('沈丘县2023年度乡镇法治政府建设情况汇总报告');
    expect(text).toContain('2023年，全县共受理信访案件72件，化解66件，化解率91.7%。');
    expect(text).toContain('从各乡镇看，信访案件化解率最高的是柳河镇（100%），最低的是前营乡（80.0%）。');
    expect(text.join('')).not.toMatch(/undefined|NaN/);
  });
});

describe('townships in their own words', () => {
  // Three offices writing the same indicators differently: phrases from the real reports (全年共调处各类矛盾纠纷68件次 and
  // 会前学法12次 from 大钟庄镇, 中心组学习法治思想内容5次 and 党委会学法10次 from 前营乡, 全镇信访案件化解率达到100% from
  // 周营镇), the variants the label issue lists (国家级 / 区级…（社区） / 示范社区), and near misses that must reach no total
  const towns: [string, Row[]][] = [
    ['甲镇', [['群众来信来访件数', '件', 40], ['已化解信访件数', '件', 36], ['未化解信访件', '件', 4], ['全年共调处各类矛盾纠纷', '件次', 68], ['成功化解矛盾纠纷', '件', 65], ['国家级民主法治示范村', '个', 1], ['省级以上民主法治示范村', '个', 2], ['开展党委中心组学习', '次', 4], ['会前学法', '次', 12]]],
    ['乙乡', [['信访总量', '件', 20], ['化解信访事项', '件', 19], ['排查出矛盾纠纷', '起', 30], ['调解成功', '起', 29], ['县级民主法治示范村', '个', 5], ['民主法治示范社区（省级）', '个', 1], ['中心组学习法治思想内容', '次', 5], ['党委会学法', '次', 10]]],
    ['丙镇', [['受理信访案件', '件', 9], ['化解', '件', 7], ['全镇信访案件化解率达到', '%', '100%'], ['区级民主法治示范村（社区）', '个', 3], ['市级示范村', '个', 2], ['法治示范户', '户', 50]]],
  ];
  const county = consolidate(towns.map(([u, rows]) => input(`${u}.xlsx`, u, 2023, rows)));
  const total = (id: string) => county.totals.get(id)?.value;

  test('each figure reaches the county column of what it counts; a level written after the name is that level', () => {
    expect(total('petitions_received')).toBe(40 + 20 + 9);
    expect(total('petitions_resolved')).toBe(36 + 19 + 7); // 未化解信访件 is in neither
    expect(total('disputes_received')).toBe(68); // 调处 stands for 受理; 乙乡's 排查出 is not understood, so not taken
    expect(total('disputes_mediated')).toBe(65 + 29);
    expect(total('center_group_study')).toBe(4 + 5);
    expect(total('pre_meeting_study')).toBe(12 + 10);
    expect(total('demo_villages_national')).toBe(1);
    expect(total('demo_villages_county')).toBe(5 + 3);
    expect(total('demo_villages_city')).toBe(2);
    expect(total('demo_communities_province')).toBe(1); // 民主法治示范社区（省级）
    // near misses reach no total: 省级以上 nests levels, 法治示范户 is no 示范村, no province 示范村 was reported
    expect(total('demo_villages_province')).toBeUndefined();
    expect([...county.totals.values()].map((t) => t.value)).not.toContain(50);
  });

  test('the county rates pair each township’s own parts; a township whose part was not understood is left out and named', () => {
    const petitions = county.rates.get('petition_resolution_rate')!;
    expect(petitions.included).toEqual(['甲镇', '乙乡', '丙镇']);
    expect(petitions.value).toBeCloseTo((62 / 69) * 100, 6);
    const disputes = county.rates.get('dispute_mediation_rate')!;
    expect(disputes.included).toEqual(['甲镇']);
    expect(disputes.leftOut).toEqual(['乙乡']);
    // 丙镇's 100% against its own 7 of 9 is its error, to call back about; only its words taken as no indicator are hints
    const status = (u: string) => county.inputs.find((i) => i.townships.includes(u))!.counts;
    expect(towns.map(([u]) => status(u).error)).toEqual([0, 0, 1]);
  });
});

test('every township cell of 汇总表 carries a note naming its file and cell; approximate figures are marked', () => {
  const county = consolidate([
    input('周营镇.xlsx', '周营镇', 2023, [['印发普法宣传材料', '份', '3000余']]),
    input('前营乡.xlsx', '前营乡', 2023, [['印发普法宣传材料', '份', 2000]]),
  ]);
  const sheet = countyPlan(county, null).sheets.find((s) => s.name === SUMMARY_SHEET)!;
  const col = sheet.rows[1].findIndex((c: CellSpec) => c.v === '发放法治宣传资料（份）');
  const zhou = sheet.rows[2][col];
  expect(zhou.v).toBe(3000);
  expect(zhou.note).toBe('来源：“周营镇.xlsx”‘指标’表 D2；原报“3000余”，是约数');
  expect(zhou.style).toBe('approx');
  const total = sheet.rows[4][col];
  expect(total.f).toBe(`SUM(${String.fromCharCode(65 + col)}3:${String.fromCharCode(65 + col)}4)`);
  expect(total.v).toBe(5000);
  expect(total.note).toContain('约数');
});

describe("a county workbook with one sheet per township (the pane's 汇总各乡镇)", () => {
  const sheetOf = (name: string, title: string, rows: Row[]) => ({
    name,
    rows: [[title], ['序号', '指标名称', '单位', '2023年'], ...rows.map((r, i) => [i + 1, ...r])] as Cell[][],
  });
  const book: Workbook = {
    name: '全县指标.xlsx',
    sheets: [
      { name: '说明', rows: [['各乡镇2023年度法治政府建设指标'], ['报告年度', 2023]] },
      sheetOf('周营', '周营镇2023年度法治政府建设指标统计表', petitions(9, 7)),
      sheetOf('前营', '前营乡2023年度法治政府建设指标统计表', petitions(20, 19)),
      sheetOf('柳河镇', '2023年度法治政府建设指标统计表', petitions(15, 15)),
    ],
  };

  test('each township sheet is one township, named by its title or else its sheet; the sheets written back are not read as inputs', () => {
    const inputs = countyInputsOfWorkbook(book);
    expect(inputs.map((i) => i.rows[0].township)).toEqual(['周营镇', '前营乡', '柳河镇']);
    expect(inputs.map((i) => i.status.file)).toEqual(['全县指标.xlsx‘周营’表', '全县指标.xlsx‘前营’表', '全县指标.xlsx‘柳河镇’表']);
    const county = consolidate(inputs);
    expect(county.totals.get('petitions_received')!.value).toBe(44);
    // the county sheets as a host would hold them after writing the plan: a second run replaces, never adds them up
    const written = countyPlan(county, countyReport(county)).sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map((c) => (c ? c.v : null))) }));
    const again = countyInputsOfWorkbook({ ...book, sheets: [...book.sheets, ...written] });
    expect(again.map((i) => i.rows[0].township)).toEqual(['周营镇', '前营乡', '柳河镇']);
    expect(consolidate(again).totals.get('petitions_received')!.value).toBe(44);
  });

  test('检查 of that workbook checks each township on its own sheet: 周营’s slip once, no township’s figure taken for a second figure of another', () => {
    const slip: Workbook = {
      ...book,
      sheets: book.sheets.map((g) => (g.name === '周营' ? sheetOf('周营', '周营镇2023年度法治政府建设指标统计表', [...petitions(9, 7), ['信访案件化解率', '%', '100%']]) : g)),
    };
    const r = check(slip);
    expect(r.findings.filter((f) => f.severity !== 'hint').map((f) => [f.rule, f.sheet, f.cell, f.entity])).toEqual([['rate-mismatch', '周营', 'D5', '周营镇']]);
    expect(r.findings.some((f) => f.rule === 'conflicting-values')).toBe(false);
    // the workbook is no one township's: the first sheet's title does not name it
    expect(r.unit).toBeNull();
    expect(r.extraction.sheetTownships).toEqual([
      { sheet: '周营', township: '周营镇' },
      { sheet: '前营', township: '前营乡' },
      { sheet: '柳河镇', township: '柳河镇' },
    ]);
    // after 汇总各乡镇 wrote its 汇总表 (which restates 周营镇 at 77.8%), a re-check still says it once
    const county = consolidate(countyInputsOfWorkbook(slip));
    const written = countyPlan(county, countyReport(county)).sheets.map((s) => ({ name: s.name, rows: s.rows.map((row) => row.map((c) => (c ? c.v : null))) }));
    const again = check({ ...slip, sheets: [...slip.sheets, ...written] });
    expect(again.findings.filter((f) => f.severity !== 'hint').map((f) => [f.rule, f.sheet, f.cell])).toEqual([['rate-mismatch', '周营', 'D5']]);
    expect(again.findings.some((f) => f.sheet === SUMMARY_SHEET)).toBe(false);
    // the county summary alone (the county workbook as sent on) is still read as township rows
    const alone = check({ name: '全县汇总.xlsx', sheets: written });
    expect(alone.observations.some((o) => o.sheet === SUMMARY_SHEET && o.entity === '前营乡')).toBe(true);
  });

  test('near miss: one township’s workbook whose section sheets are all titled 周营镇 is one unit, its two figures for one indicator still a conflict', () => {
    const own = check({
      name: '周营镇-2023-指标.xlsx',
      sheets: [sheetOf('矛盾纠纷', '周营镇2023年矛盾纠纷化解指标', petitions(9, 7)), sheetOf('信访', '周营镇2023年信访工作指标', petitions(9, 8))],
    });
    expect(own.extraction.sheetTownships).toBeUndefined();
    expect(own.unit).toBe('周营镇');
    expect(own.findings.some((f) => f.rule === 'conflicting-values')).toBe(true);
  });

  test('near misses: a township’s own workbook whose sheet titles mention 送法下乡 or a neighbour is still one township, its draft full', () => {
    const own: Workbook = {
      name: '周营镇.xlsx',
      sheets: [
        { name: '基本情况', rows: [['单位名称', '周营镇'], ['报告年度', 2023]] },
        sheetOf('指标', '周营镇2023年度法治政府建设指标统计表', petitions(9, 7)),
        sheetOf('普法', '2023年送法下乡活动情况统计表', [['普法宣传活动', '场', 12], ['发放法治宣传资料', '份', 3000]]),
        sheetOf('联合排查', '2023年与前营乡联合开展矛盾纠纷排查化解情况', [['排查矛盾纠纷', '件', 15]]),
      ],
    };
    const r = check(own);
    expect(r.extraction.sheetTownships).toBeUndefined();
    expect(r.unit).toBe('周营镇');
    expect(r.observations.every((o) => o.entity == null)).toBe(true);
    // even if two sheets were titled by two townships, a workbook whose 单位名称 is one of them is that township’s
    const titled = check({ ...own, sheets: [...own.sheets, sheetOf('前营', '前营乡2023年度矛盾纠纷化解统计', petitions(20, 19))] });
    expect(titled.extraction.sheetTownships).toBeUndefined();
    expect(titled.unit).toBe('周营镇');
  });

  test('a county’s own summary sheet beside the township sheets: 汇总 gives each township once, from its sheet', () => {
    const both: Workbook = {
      name: '全县指标.xlsx',
      sheets: [
        {
          name: '汇总',
          rows: [['乡镇', '受理信访案件（件）', '化解信访案件（件）'], ['周营镇', 9, 7], ['前营乡', 20, 19], ['合计', 29, 26]] as Cell[][],
        },
        sheetOf('周营镇', '周营镇2023年度法治政府建设指标统计表', petitions(9, 7)),
        sheetOf('前营乡', '前营乡2023年度法治政府建设指标统计表', petitions(20, 19)),
      ],
    };
    const offer = countyWorkbook(both);
    expect(offer.ok && offer.inputs.map((i) => i.rows[0].township)).toEqual(['周营镇', '前营乡']);
    const county = consolidate(offer.ok ? offer.inputs : []);
    expect(county.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(county.totals.get('petitions_received')!.value).toBe(29);
    // the whole workbook's check holds a summary row that differs from its township's sheet
    const differs = check({ ...both, sheets: [{ ...both.sheets[0], rows: [...both.sheets[0].rows.slice(0, 1), ['周营镇', 9, 8], ...both.sheets[0].rows.slice(2, 3), ['合计', 29, 27]] as Cell[][] }, ...both.sheets.slice(1)] });
    expect(differs.findings.filter((f) => f.rule === 'conflicting-values').map((f) => f.entity)).toEqual(['周营镇']);
  });

  test('a forwarded county workbook (the tool’s sheets and one hand-made figure sheet) is read whole: its 汇总表 rows are not dropped', () => {
    const county = consolidate(countyInputsOfWorkbook(book));
    const written = countyPlan(county, countyReport(county)).sheets.map((x) => ({ name: x.name, rows: x.rows.map((row) => row.map((c) => (c ? c.v : null))) }));
    const r = check({ name: '全县汇总.xlsx', sheets: [...written, { name: '基本情况', rows: [['行政村数', '个', 210]] as Cell[][] }] });
    expect(r.observations.filter((o) => o.sheet === SUMMARY_SHEET && o.entity === '前营乡' && o.value != null).length).toBeGreaterThan(0);
  });

  test('a sheet named 柳河镇 but titled 周营镇 (copied, not retitled) is 周营镇 in the check and in 汇总 alike — two sheets of one township, not two townships', () => {
    const copied: Workbook = {
      name: '全县指标.xlsx',
      sheets: [sheetOf('周营镇', '周营镇2023年度法治政府建设指标统计表', petitions(9, 7)), sheetOf('柳河镇', '周营镇2023年度法治政府建设指标统计表', petitions(15, 15))],
    };
    const r = check(copied);
    expect(r.extraction.sheetTownships).toBeUndefined();
    expect(r.findings.filter((f) => f.rule === 'conflicting-values').length).toBeGreaterThan(0);
    const offer = countyWorkbook(copied);
    expect(!offer.ok && offer.reason).toContain('只有“周营镇”一个单位的指标');
  });

  test('a sheet with figures that names no township, beside township sheets, is a part of its own — never stated as the workbook’s unit', () => {
    const r = check({ ...book, sheets: [...book.sheets, sheetOf('城关', '2023年度法治政府建设指标统计表', petitions(6, 6))] });
    expect(r.unit).toBeNull();
    expect(r.observations.filter((o) => o.sheet === '城关').every((o) => o.entity === '城关')).toBe(true);
  });

  test('汇总各乡镇 is offered on one sheet per township and on a county summary sheet, with the reason why not on a township’s own workbook', () => {
    const offer = countyWorkbook(book);
    expect(offer.ok && offer.kind).toBe('sheets');
    // 周营镇's workbook: its sections on sheets of their own, each titled 周营镇 — one unit, nothing to consolidate
    const own = countyWorkbook({
      name: '周营镇-2023-指标.xlsx',
      sheets: [sheetOf('矛盾纠纷化解', '周营镇2023年矛盾纠纷化解指标', petitions(9, 7)), sheetOf('行政执法', '周营镇2023年行政执法指标', [['行政执法人员', '人', 12]])],
    });
    expect(own).toEqual({ ok: false, reason: expect.stringContaining('“周营镇-2023-指标.xlsx”只有“周营镇”一个单位的指标') });
    // sections that do not name their unit are no townships either (a near miss of 柳河镇 named by its sheet)
    const sections = countyWorkbook({
      name: '指标.xlsx',
      sheets: [sheetOf('法治宣传教育', '2023年法治宣传教育', [['普法宣传活动', '场', 12]]), sheetOf('矛盾纠纷化解', '2023年矛盾纠纷化解', petitions(9, 7))],
    });
    expect(sections.ok).toBe(false);
    expect(!sections.ok && sections.reason).toMatch(/^“指标\.xlsx”的‘法治宣传教育’表没有写明是哪个乡镇的/);
  });

  test('a county’s own summary sheet named 汇总表 (no 来源文件 beside the township) is the county’s: read as the input, never replaced', () => {
    const own = {
      name: '汇总表',
      rows: [['沈丘县2023年各乡镇法治政府建设指标汇总表'], ['序号', '乡镇', '受理信访案件（件）', '化解信访案件（件）'], [1, '周营镇', 9, 7], [2, '前营乡', 20, 19], ['', '合计', 29, 26]] as Cell[][],
    };
    expect(isToolSheet(own)).toBe(false);
    const blocked = countyWorkbook({ name: '沈丘县.xlsx', sheets: [own] });
    expect(blocked).toEqual({ ok: false, reason: '“沈丘县.xlsx”中已有名为“汇总表”的工作表，且不是本工具生成的；汇总各乡镇要写入同名的表，请先把它改名（如“乡镇汇总”）再汇总。' });
    const renamed = countyWorkbook({ name: '沈丘县.xlsx', sheets: [{ ...own, name: '乡镇汇总' }] });
    expect(renamed.ok && renamed.kind).toBe('summary');
    const county = consolidate(renamed.ok ? renamed.inputs : []);
    expect(county.rows.map((r) => r.row.township)).toEqual(['周营镇', '前营乡']);
    // ours: 来源文件 beside the township, in the window a host reads
    const ours = countyPlan(county, countyReport(county)).sheets.find((x) => x.name === SUMMARY_SHEET)!;
    expect(ours.rows[1].slice(0, 3).map((c) => c.v)).toEqual(['序号', '乡镇', '来源文件']);
    expect(isToolSheet({ name: SUMMARY_SHEET, rows: ours.rows.map((r) => r.map((c) => (c ? c.v : null))) })).toBe(true);
  });
});
