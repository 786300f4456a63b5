import { extract } from '../../src/core/extract';
import { RESULT_SHEETS } from '../../src/core/catalog';
import { MARKS_HEADER } from '../../src/core/plan/marks';
import { COUNTY_DETAIL_HEADER, EXPLANATION_HEADER, FINDINGS_HEADER, RATES_HEADER, REPORT_FORMAT, STATUS_HEADER, SUMMARY_HEADER_START } from '../../src/core/toolsheets';
import type { Cell } from '../../src/core/types';
import { at, grid } from './extract-helpers';

const indicators = grid('指标', [
  ['指标名称', '单位', '数值'],
  ['行政村数', '个', 20],
]);

describe('identity', () => {
  test('key–value rows on a 基本情况 sheet, with where each was read', () => {
    const info = grid(
      '基本情况',
      [
        ['周营镇2023年度法治政府建设指标统计表', null, null],
        ['项目', '内容', '备注'],
        ['单位名称', '周营镇人民政府', null],
        ['报告年度', 2023, null],
        ['报送对象', '中共沈丘县委、沈丘县人民政府', null],
        ['落款日期', '2024年1月8日', null],
        ['行政村（社区）数', '21个', '含社区'],
      ],
      { merges: ['A1:C1'] },
    );
    const ex = extract({ name: '', sheets: [indicators, info] });
    expect(ex).toMatchObject({ unit: '周营镇', year: 2023, addressee: '中共沈丘县委、沈丘县人民政府', date: '2024年1月8日' });
    expect(ex.identityCells).toEqual({
      unit: { sheet: '基本情况', cell: 'B3' },
      year: { sheet: '基本情况', cell: 'B4' },
      addressee: { sheet: '基本情况', cell: 'B5' },
      date: { sheet: '基本情况', cell: 'B6' },
    });
    // an indicator on the identity sheet is still an observation; identity rows are not unknowns
    expect(at(ex.observations, '基本情况', 'B7')).toMatchObject({ indicator: 'villages', value: 21, note: '含社区' });
    expect(ex.unknown).toEqual([]);
  });

  test('the value is the next non-empty cell to the right, on any sheet', () => {
    const cover = grid('封面', [
      [null, '单位名称：', null, null, '前营乡'],
      [null, '报告年度', null, '2023年度'],
    ]);
    const ex = extract({ name: '', sheets: [cover] });
    expect(ex.unit).toBe('前营乡');
    expect(ex.year).toBe(2023);
    expect(ex.identityCells?.unit).toEqual({ sheet: '封面', cell: 'E1' });
  });

  test('a date cell (serial with a date format) is written as 年月日', () => {
    const info = grid('基本情况', [['落款日期', 44571]], { formats: { B1: 'yyyy"年"m"月"d"日"' } });
    expect(extract({ name: '', sheets: [info] }).date).toBe('2022年1月10日');
  });

  test('`填报单位：… 填报日期：…` written in one cell', () => {
    const g = grid('指标', [
      ['填报单位：大钟庄镇人民政府      填报日期：2022年1月10日'],
      ['指标名称', '单位', '数值'],
      ['行政村数', '个', 45],
    ]);
    const ex = extract({ name: '', sheets: [g] });
    expect(ex.unit).toBe('大钟庄镇');
    expect(ex.date).toBe('2022年1月10日');
    expect(at(ex.observations, '指标', 'C3').value).toBe(45);
    expect(ex.unknown).toEqual([]);
  });

  test('else from a title: unit ending 镇/乡/街道 and the year', () => {
    const g = grid(
      '指标',
      [
        ['沈丘县周营镇2023年度法治政府建设指标统计表', null, null],
        ['指标名称', '单位', '数值'],
        ['行政村数', '个', 20],
      ],
      { merges: ['A1:C1'] },
    );
    const ex = extract({ name: '', sheets: [g] });
    expect(ex.unit).toBe('周营镇');
    expect(ex.year).toBe(2023);
    expect(ex.identityCells?.year).toEqual({ sheet: '指标', cell: 'A1' });
  });

  test.each([
    ['关于城关街道2024年法治政府建设情况统计', '城关街道', 2024],
    ['前营乡2023年度法治政府建设主要指标对比表', '前营乡', 2023],
    ['2023年各乡镇法治政府建设指标汇总表', null, 2023],
    // field test: a county summary titled with its county had no unit, and its report said 全乡镇 / 我乡镇
    ['沈丘县2023年度各乡镇信访、矛盾纠纷和行政执法情况汇总表', '沈丘县', 2023],
    ['周口市沈丘县2023年各乡镇指标汇总', '沈丘县', 2023],
    ['天津市静海区2021年度乡镇法治政府建设指标汇总表', '静海区', 2021],
    // a township's own title never gives its county as the unit
    ['沈丘县2023年法治政府建设指标统计表', null, 2023],
  ])('title %s', (title, unit, year) => {
    const g = grid('指标', [[title], ['指标名称', '数值'], ['行政村数', 20]]);
    const ex = extract({ name: '', sheets: [g] });
    expect(ex.unit).toBe(unit);
    expect(ex.year).toBe(year);
  });

  test('the 落款 under the table (unit name and date alone on their rows) is identity, not nameless figures (field probe)', () => {
    const g = grid(
      'Sheet1',
      [
        ['法治政府建设指标统计表', null, null],
        ['指标名称', '单位', '2023年'],
        ['受理信访案件', '件', 9],
        [null, null, null],
        [null, null, '前营乡人民政府（盖章）'],
        [null, null, '2024年1月5日'],
      ],
      { merges: ['A1:C1'] },
    );
    const ex = extract({ name: '', sheets: [g] });
    expect(ex.unit).toBe('前营乡');
    expect(ex.date).toBe('2024年1月5日');
    expect(ex.identityCells?.date).toEqual({ sheet: 'Sheet1', cell: 'C6' });
    expect(ex.unknown).toEqual([]);
    expect(ex.observations.map((o) => o.cell)).toEqual(['C3']);
  });

  test('a 填报日期 line merged wide is not a title: its year is the filing year, not the report year (field probe)', () => {
    const g = grid(
      'Sheet1',
      [
        ['法治政府建设主要指标完成情况表', null, null, null],
        [null, null, null, null],
        ['填报单位：前营乡人民政府', null, '填报日期：2024年7月1日', null],
        ['序号', '指标名称', '计量单位', '完成数'],
        [1, '受理信访案件', '件', 15],
      ],
      { merges: ['A1:D2', 'A3:B3', 'C3:D3'] },
    );
    const ex = extract({ name: '', sheets: [g] });
    expect(ex.year).toBeNull();
    expect(ex.identityCells?.year).toBeUndefined();
    expect(ex.date).toBe('2024年7月1日');
  });

  test('no year anywhere: a first-quarter 填报日期 means the year before, a November/December 落款 the same year', () => {
    const sheet = (line: string) =>
      grid('Sheet1', [['法治政府建设主要指标完成情况表', null, null], [line, null, null], ['指标名称', '单位', '完成数'], ['受理信访案件', '件', 15]], {
        merges: ['A1:C1', 'A2:C2'],
      });
    expect(extract({ name: '', sheets: [sheet('填报日期：2024年1月5日')] }).year).toBe(2023);
    expect(extract({ name: '', sheets: [sheet('填报日期：2023年12月13日')] }).year).toBe(2023);
    expect(extract({ name: '', sheets: [sheet('填报日期：2023年7月1日')] }).year).toBeNull();
    // an explicit year still wins
    expect(extract({ name: '', sheets: [sheet('填报日期：2024年1月5日')] }, { year: 2024 }).year).toBe(2024);
  });

  test('key–value rows win over titles; opts.year only when the workbook says nothing', () => {
    const titled = grid('指标', [['周营镇2022年度指标统计表'], ['指标名称', '数值'], ['行政村数', 20]]);
    const info = grid('基本情况', [['报告年度', 2023]]);
    expect(extract({ name: '', sheets: [titled, info] }, { year: 2021 }).year).toBe(2023);
    expect(extract({ name: '', sheets: [titled] }, { year: 2021 }).year).toBe(2022);
    expect(extract({ name: '', sheets: [indicators] }, { year: 2021 }).year).toBe(2021);
    expect(at(extract({ name: '', sheets: [indicators] }, { year: 2021 }).observations, '指标', 'C2').year).toBe(2021);
  });

  test('a list item that names a town is not a title', () => {
    const g = grid('存在问题', [['城关镇2022年以来普法力度不够。'], ['执法队伍力量不足。']]);
    const ex = extract({ name: '', sheets: [g] });
    expect(ex.unit).toBeNull();
    expect(ex.year).toBeNull();
    expect(ex.texts).toHaveLength(2);
  });

  test('the same identity whatever the sheet order', () => {
    const a = grid('A表', [['周营镇2023年度法治政府建设指标统计表'], ['指标名称', '数值'], ['行政村数', 20]]);
    const b = grid('B表', [['前营乡2023年度法治政府建设指标统计表'], ['指标名称', '数值'], ['行政村数', 25]]);
    expect(extract({ name: '', sheets: [a, b] }).unit).toBe(extract({ name: '', sheets: [b, a] }).unit);
  });
});

describe('which sheets are read', () => {
  test('the tool’s own result sheets and a report template are skipped; hidden sheets are read', () => {
    // each with the signature the tool writes (header row, or 报告文稿's number format), then a figure row
    const figure: Cell[] = ['行政村数', 99];
    const results = [
      grid(RESULT_SHEETS.findings, [['周营镇2023年度指标审核结果：未发现问题。'], [...FINDINGS_HEADER], figure]),
      grid(RESULT_SHEETS.rates, [['比率复核'], [...RATES_HEADER], figure]),
      grid(RESULT_SHEETS.report, [['周营镇2023年法治政府建设工作报告'], figure], { formats: { A1: REPORT_FORMAT, A2: REPORT_FORMAT } }),
      grid(RESULT_SHEETS.explanations, [[...EXPLANATION_HEADER], figure]),
      grid(RESULT_SHEETS.marks, [[...MARKS_HEADER], figure]),
      grid(RESULT_SHEETS.mapping, [['原标签', '指标', '工作表'], figure]),
      grid(RESULT_SHEETS.notice, [['周营镇2023年度指标整改通知'], figure], { formats: { A1: REPORT_FORMAT, A2: REPORT_FORMAT } }),
      grid(RESULT_SHEETS.countyDetail, [['2023年度第1轮审核明细'], [...COUNTY_DETAIL_HEADER], figure]),
      // the county's sheets (汇总各乡镇, merge): a county workbook checked again is not its own input
      grid(RESULT_SHEETS.countyStatus, [['2023年度共收到3个文件'], [...STATUS_HEADER], figure]),
      grid(RESULT_SHEETS.countyReport, [['沈丘县2023年法治政府建设情况报告'], figure], { formats: { A1: REPORT_FORMAT, A2: REPORT_FORMAT } }),
    ];
    const template = grid('报告模板', [['指标名称', '数值'], ['行政村数', 98]]);
    const hidden = grid('隐藏', [['指标名称', '数值'], ['行政村数', 20]], { visibility: 'hidden' });
    const ex = extract({ name: '', sheets: [...results, template, hidden] });
    expect(ex.observations.map((o) => [o.sheet, o.value])).toEqual([['隐藏', 20]]);
    // all but 汇总表: the county's summary is read as one (below)
    expect(ex.tables.filter((t) => t.layout === 'results').map((t) => t.sheet).sort()).toEqual(Object.values(RESULT_SHEETS).filter((n) => n !== RESULT_SHEETS.countySummary).sort());
  });

  test('the county’s 汇总表 the tool wrote is read as a county summary (its rows are townships), though the tool replaces it', () => {
    const ours = grid(RESULT_SHEETS.countySummary, [['沈丘县2023年度乡镇法治政府建设主要指标汇总表'], [...SUMMARY_HEADER_START, '行政村数（个）'], [1, '周营镇', '周营镇.xlsx', 20], [2, '前营乡', '前营乡.xlsx', 15]]);
    const ex = extract({ name: '', sheets: [ours] });
    expect(ex.observations.map((o) => [o.entity, o.cell, o.value])).toEqual([['周营镇', 'D3', 20], ['前营乡', 'D4', 15]]);
  });

  test('a township’s sheet that only bears a result name (计算结果 …) is read like any other sheet', () => {
    const named = Object.values(RESULT_SHEETS).map((name) => grid(name, [['指标名称', '数值'], ['行政村数', 99]]));
    const ex = extract({ name: '', sheets: named });
    expect(ex.observations.map((o) => [o.sheet, o.cell, o.value])).toEqual(Object.values(RESULT_SHEETS).map((n) => [n, 'B2', 99]));
    expect(ex.tables.filter((t) => t.layout === 'results')).toEqual([]);
  });

  test('a register (台账) of many rows with no indicator in it does not flood unknowns', () => {
    const rows: (string | number | null)[][] = [['序号', '登记日期', '来访人', '事项', '责任单位', '办理状态', '满意度', '备注']];
    for (let i = 1; i <= 500; i++) rows.push([i, `2023-${1 + (i % 12)}-${1 + (i % 28)}`, `来访人${i}`, `反映第${i}号事项`, `第${1 + (i % 20)}村`, '已办结', i % 100, '']);
    const ex = extract({ name: '', sheets: [grid('信访台账', rows), indicators] });
    expect(ex.unknown).toEqual([]);
    expect(ex.tables.find((t) => t.sheet === '信访台账')?.layout).toBe('unknown');
    expect(ex.observations.map((o) => o.sheet)).toEqual(['指标']);
  });
});
