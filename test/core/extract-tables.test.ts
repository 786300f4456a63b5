import { extract } from '../../src/core/extract';
import { at, byIndicator, grid } from './extract-helpers';

describe('layout (b): 分子 | 分母 | 比率', () => {
  const rates = grid(
    '比率指标',
    [
      ['2021年度主要比率指标', null, null, null, null, null],
      ['序号', '指标名称', '分子', '分母', '比率', '备注'],
      [1, '信访案件化解率', 45, 48, '98%', '分子：化解数；分母：受理数'],
      [2, '执法人员持证率', 15, 16, 0.9375, null],
      [3, '学法考试参考率', 112, '120余', '93%', null],
      [4, '工单办结率', 0, 0, { error: '#DIV/0!' }, '未受理热线工单'],
      [5, '法律顾问覆盖率', null, null, null, null],
      [6, '扫黑除恶宣传覆盖率', 3, 4, '75%', null],
    ],
    { merges: ['A1:F1'], formats: { E4: '0.0%', E6: '0.0%' } },
  );
  const ex = extract({ name: '', sheets: [rates] });

  test('a rate row gives numerator, denominator and reported rate at their cells', () => {
    expect(at(ex.observations, '比率指标', 'C3')).toMatchObject({ indicator: 'petitions_resolved', value: 45, kind: 'number' });
    expect(at(ex.observations, '比率指标', 'D3')).toMatchObject({ indicator: 'petitions_received', value: 48 });
    expect(at(ex.observations, '比率指标', 'E3')).toMatchObject({ indicator: 'petition_resolution_rate', kind: 'percent', value: 98, decimals: 0 });
    expect(at(ex.observations, '比率指标', 'E3').note).toBe('分子：化解数；分母：受理数');
  });

  test('a fraction in a rate column is read as percent', () => {
    expect(at(ex.observations, '比率指标', 'C4').indicator).toBe('certified_officers');
    expect(at(ex.observations, '比率指标', 'D4').indicator).toBe('enforcement_officers');
    expect(at(ex.observations, '比率指标', 'E4')).toMatchObject({ indicator: 'certification_rate', kind: 'percent', value: 93.75 });
  });

  test('an approximate denominator keeps its marker', () => {
    expect(at(ex.observations, '比率指标', 'D5')).toMatchObject({ indicator: 'exam_expected', value: 120, approx: true });
  });

  test('a formula error is an error observation at the rate cell', () => {
    expect(at(ex.observations, '比率指标', 'E6')).toMatchObject({ indicator: 'hotline_closure_rate', kind: 'error', value: '#DIV/0!' });
  });

  test('a recognised rate row left empty gives three absent observations', () => {
    expect(['C7', 'D7', 'E7'].map((c) => at(ex.observations, '比率指标', c).kind)).toEqual(['absent', 'absent', 'absent']);
    expect(at(ex.observations, '比率指标', 'C7').indicator).toBe('villages_with_counsel');
  });

  test('a rate the catalog does not know is one unknown at its label', () => {
    expect(ex.unknown).toHaveLength(1);
    expect(ex.unknown[0]).toMatchObject({ sheet: '比率指标', cell: 'B8', label: '扫黑除恶宣传覆盖率' });
  });

  test('the table is a rates table', () => {
    expect(ex.tables).toEqual([{ sheet: '比率指标', layout: 'rates', headerRow: 1, labelCol: 1, valueCols: [2, 3, 4] }]);
  });
});

describe('layout (c): year columns', () => {
  const rows = [
    ['前营乡2023年度法治政府建设主要指标对比表', null, null, null, null, null],
    ['序号', '指标名称', '单位', '2022年', '2023年', '备注'],
    ['1、法治宣传教育', null, null, null, null, null],
    [1, '普法宣传活动', '场次', 12, 15, '民法典、宪法日等'],
    [2, '发放法治宣传资料', '份', '3000余', '3500余', null],
    [3, '行政执法人员', '人', 6, null, null],
  ];
  const sheet = grid('主要指标', rows, { merges: ['A1:F1', 'A3:F3'] });

  test('the report year is current, the year before is previous, each with its year', () => {
    const ex = extract({ name: '', sheets: [sheet] });
    expect(ex.year).toBe(2023);
    expect(at(ex.observations, '主要指标', 'D4')).toMatchObject({ indicator: 'publicity_events', value: 12, period: 'previous', year: 2022 });
    expect(at(ex.observations, '主要指标', 'E4')).toMatchObject({ indicator: 'publicity_events', value: 15, period: 'current', year: 2023 });
    expect(at(ex.observations, '主要指标', 'E5')).toMatchObject({ value: 3500, approx: true, period: 'current' });
    expect(at(ex.observations, '主要指标', 'D4').note).toBe('民法典、宪法日等');
    expect(ex.headings).toEqual([{ text: '1、法治宣传教育', sheet: '主要指标', cell: 'A3' }]);
    expect(ex.unknown).toEqual([]);
    expect(ex.tables[0]).toMatchObject({ layout: 'years', valueCols: [3, 4] });
  });

  test('a blank current figure is absent at its cell, the previous one stays', () => {
    const ex = extract({ name: '', sheets: [sheet] });
    expect(at(ex.observations, '主要指标', 'E6')).toMatchObject({ indicator: 'enforcement_officers', kind: 'absent', period: 'current' });
    expect(at(ex.observations, '主要指标', 'D6')).toMatchObject({ value: 6, period: 'previous' });
  });

  test('the identity year decides which column is current; other years are `other`', () => {
    const three = grid('对比', [
      ['指标名称', '单位', '2021年', '2022年', '2023年'],
      ['普法宣传活动', '场次', 10, 12, 15],
    ]);
    const info = grid('基本情况', [['单位名称', '前营乡人民政府'], ['报告年度', '2022年度']]);
    const ex = extract({ name: '', sheets: [info, three] });
    expect(ex.year).toBe(2022);
    expect(byIndicator(ex.observations, 'publicity_events').map((o) => [o.cell, o.period, o.year])).toEqual([
      ['C2', 'previous', 2021],
      ['D2', 'current', 2022],
      ['E2', 'other', 2023],
    ]);
  });

  test('without any identity, the greatest year is the report year', () => {
    const bare = grid('对比', [
      ['指标名称', '2022', '2023'],
      ['普法宣传活动', 12, 15],
    ]);
    const ex = extract({ name: '', sheets: [bare] });
    expect(ex.year).toBe(2023);
    expect(at(ex.observations, '对比', 'C2').period).toBe('current');
    expect(at(ex.observations, '对比', 'B2').period).toBe('previous');
  });

  test('本年 | 上年 columns', () => {
    const ex = extract({ name: '', sheets: [grid('对比', [['指标名称', '单位', '本年', '上年', '同比'], ['法律咨询', '人次', 260, 45, '477.8%']])] }, { year: 2023 });
    expect(at(ex.observations, '对比', 'C2')).toMatchObject({ period: 'current', year: 2023, value: 260 });
    expect(at(ex.observations, '对比', 'D2')).toMatchObject({ period: 'previous', year: 2022, value: 45 });
    expect(ex.observations.some((o) => o.cell === 'E2')).toBe(false);
  });

  test('a header in two rows: 完成情况 merged over the years', () => {
    const ex = extract(
      {
        name: '',
        sheets: [
          grid(
            '对比',
            [
              ['指标名称', '单位', '完成情况', null],
              [null, null, '2022年', '2023年'],
              ['普法宣传活动', '场次', 12, 15],
            ],
            { merges: ['C1:D1', 'A1:A2', 'B1:B2'] },
          ),
        ],
      },
      { year: 2023 },
    );
    expect(ex.tables[0]).toMatchObject({ layout: 'years', headerRow: 0, valueCols: [2, 3] });
    expect(at(ex.observations, '对比', 'D3')).toMatchObject({ period: 'current', value: 15 });
  });
});

describe('layout (d): one row per township', () => {
  const summary = grid(
    '汇总表',
    [
      ['沈丘县2023年度乡镇法治政府建设主要指标汇总表', null, null, null, null, null, null],
      ['序号', '乡镇', '行政村数（个）', '受理信访案件（件）', '化解率（%）', '扫黑除恶宣传（次）', '备注'],
      [1, '周营镇', 20, 9, 77.8, 3, '普法宣传活动原报“百余次”'],
      [2, '前营乡', 25, 12, 100, 4, null],
      [3, '城关街道', 18, null, null, null, null],
      [null, '合计', 63, 21, 90.5, 7, null],
    ],
    { merges: ['A1:G1'] },
  );
  const ex = extract({ name: '', sheets: [summary] }, { year: 2023 });

  test('each figure belongs to its township', () => {
    expect(at(ex.observations, '汇总表', 'C3')).toMatchObject({ indicator: 'villages', entity: '周营镇', value: 20, unit: '个' });
    expect(at(ex.observations, '汇总表', 'D4')).toMatchObject({ indicator: 'petitions_received', entity: '前营乡', value: 12 });
    expect(at(ex.observations, '汇总表', 'C5').entity).toBe('城关街道');
  });

  test('a % in the header makes a bare figure a percent', () => {
    expect(at(ex.observations, '汇总表', 'E3')).toMatchObject({ indicator: 'petition_resolution_rate', kind: 'percent', value: 77.8 });
  });

  test('the 合计 row is the total', () => {
    const total = at(ex.observations, '汇总表', 'C6');
    expect(total).toMatchObject({ entity: '合计', isTotal: true, value: 63 });
    expect(at(ex.observations, '汇总表', 'C3').isTotal).toBeUndefined();
  });

  test('blank cells are absent for their township', () => {
    expect(at(ex.observations, '汇总表', 'D5')).toMatchObject({ kind: 'absent', entity: '城关街道' });
  });

  test('an unknown indicator column is reported once, at its header', () => {
    expect(ex.unknown).toEqual([expect.objectContaining({ sheet: '汇总表', cell: 'F2', raw: '扫黑除恶宣传（次）' })]);
  });

  test('the row note is kept', () => {
    expect(at(ex.observations, '汇总表', 'C3').note).toBe('普法宣传活动原报“百余次”');
  });

  test('the table is a summary keyed by its township column', () => {
    expect(ex.tables).toEqual([{ sheet: '汇总表', layout: 'summary', headerRow: 1, labelCol: 1, valueCols: [2, 3, 4, 5] }]);
  });

  test('合计 in the 序号 column, merged over the township column or not, is the total (field test)', () => {
    const merged = grid(
      '汇总',
      [
        ['序号', '乡镇', '行政村数（个）'],
        [1, '周营镇', 20],
        [2, '前营乡', 25],
        ['合计', null, 45],
      ],
      { merges: ['A4:B4'] },
    );
    const plain = grid('汇总', [
      ['序号', '乡镇', '行政村数（个）'],
      [1, '周营镇', 20],
      [2, '前营乡', 25],
      ['合计', null, 45],
    ]);
    for (const g of [merged, plain]) {
      const e = extract({ name: '', sheets: [g] });
      expect(at(e.observations, '汇总', 'C4')).toMatchObject({ entity: '合计', isTotal: true, value: 45 });
      expect(e.unknown).toEqual([]);
    }
  });

  test('numbered township names (1.周营镇, （2）前营乡) are the townships without their numbers (field probe)', () => {
    const g = grid('汇总', [
      ['乡镇（街道）', '受理信访案件（件）'],
      ['1.周营镇', 9],
      ['（2）前营乡', 15],
      ['3、北城街道办事处', 5],
    ]);
    const e = extract({ name: '', sheets: [g] });
    expect(e.observations.map((o) => o.entity)).toEqual(['周营镇', '前营乡', '北城街道办事处']);
  });

  test('小计 and 平均 rows are neither townships nor the total', () => {
    const g = grid('汇总', [
      ['乡镇', '行政村数（个）'],
      ['周营镇', 20],
      ['前营乡', 25],
      ['小计', 45],
      ['平均', 22.5],
    ]);
    const e = extract({ name: '', sheets: [g] });
    expect(e.observations.map((o) => o.entity)).toEqual(['周营镇', '前营乡']);
    expect(e.unknown).toEqual([]);
  });

  test('a 单位 header over township names is a summary too', () => {
    const g = grid('汇总', [
      ['单位', '行政村数（个）', '法律顾问（名）'],
      ['周营镇', 20, 5],
      ['前营乡', 25, 1],
    ]);
    const e = extract({ name: '', sheets: [g] });
    expect(e.tables[0].layout).toBe('summary');
    expect(at(e.observations, '汇总', 'C3')).toMatchObject({ indicator: 'legal_counsels', entity: '前营乡', value: 1 });
  });
});

describe('several tables on one sheet', () => {
  test('a rows table then a rates table below it', () => {
    const g = grid('综合', [
      ['指标名称', '单位', '数值'],
      ['行政村数', '个', 20],
      [null, null, null],
      ['指标名称', '分子', '分母', '比率'],
      ['法律顾问覆盖率', 18, 20, '90%'],
    ]);
    const ex = extract({ name: '', sheets: [g] });
    expect(ex.tables.map((t) => t.layout)).toEqual(['rows', 'rates']);
    expect(at(ex.observations, '综合', 'C2').indicator).toBe('villages');
    expect(at(ex.observations, '综合', 'B5').indicator).toBe('villages_with_counsel');
    expect(at(ex.observations, '综合', 'D5').value).toBe(90);
    expect(ex.unknown).toEqual([]);
  });
});

describe('more shapes', () => {
  test('a rate column headed by the rate itself (化解率) next to 分子 | 分母', () => {
    const ex = extract({ name: '', sheets: [grid('信访', [['指标名称', '分子', '分母', '化解率'], ['信访案件化解率', 35, 37, '94.6%']])] });
    expect(at(ex.observations, '信访', 'D2')).toMatchObject({ indicator: 'petition_resolution_rate', value: 94.6 });
  });

  test('one sheet per township: each sheet’s figures belong to its township', () => {
    const town = (name: string, v: number) => grid(name, [['指标名称', '单位', '数值'], ['行政村数', '个', v]]);
    const ex = extract({ name: '', sheets: [town('周营镇', 20), town('前营乡', 25)] });
    expect(at(ex.observations, '周营镇', 'C2').entity).toBe('周营镇');
    expect(at(ex.observations, '前营乡', 'C2').entity).toBe('前营乡');
    const single = extract({ name: '', sheets: [town('周营镇', 20)] });
    expect(at(single.observations, '周营镇', 'C2').entity).toBeNull();
  });

  test('a header-less sheet: label, unit, value, note on each row; a lone label is a blank figure beside it', () => {
    const g = grid('基本数据', [
      ['调处各类矛盾纠纷', '件', '二十余', '依法调处'],
      ['印发普法宣传材料', '份', '近3万余'],
      ['信访案件化解率', '100%'],
      ['行政执法人员', null],
    ]);
    const ex = extract({ name: '', sheets: [g] });
    expect(at(ex.observations, '基本数据', 'C1')).toMatchObject({ indicator: 'disputes_received', value: 20, unit: '件', note: '依法调处' });
    expect(at(ex.observations, '基本数据', 'C2')).toMatchObject({ indicator: 'materials', value: 30000 });
    expect(at(ex.observations, '基本数据', 'B3')).toMatchObject({ indicator: 'petition_resolution_rate', kind: 'percent', value: 100 });
    expect(at(ex.observations, '基本数据', 'B4')).toMatchObject({ indicator: 'enforcement_officers', kind: 'absent' });
  });
});

describe('项目 | 内容 | 数量 | 单位 (field test)', () => {
  // the category column 项目 merged down its group, the indicator in 内容, the unit AFTER the value
  const g = grid(
    '工作量统计',
    [
      ['大钟庄镇2021年度法治政府建设工作量统计', null, null, null],
      ['项目', '内容', '数量', '单位'],
      ['依法执政', '党委中心组学习', 4, '次'],
      [null, '会前学法', '十二', '次'],
      ['普法宣传', '发放宣传资料', '两万余份', '份'],
      [null, '法律咨询', '一百二十', '人次'],
      ['公共法律服务', '行政村', '45个', '个'],
      [null, '法律顾问', '１０名', '名'],
    ],
    { merges: ['A1:D1', 'A3:A4', 'A5:A6', 'A7:A8'] },
  );
  const ex = extract({ name: '大钟庄镇.xlsx', sheets: [g] });

  test('the label is 内容 (next to the figures), not the category 项目', () => {
    expect(ex.tables[0]).toMatchObject({ labelCol: 1, valueCols: [2] });
    expect(at(ex.observations, '工作量统计', 'C3')).toMatchObject({ indicator: 'center_group_study', value: 4 });
    expect(at(ex.observations, '工作量统计', 'C5')).toMatchObject({ indicator: 'materials', value: 20000, approx: true });
    expect(at(ex.observations, '工作量统计', 'C7')).toMatchObject({ indicator: 'villages', value: 45 });
    expect(at(ex.observations, '工作量统计', 'C8')).toMatchObject({ indicator: 'legal_counsels', value: 10 });
  });

  test('the category names are neither indicators nor unknown labels', () => {
    expect(ex.observations.filter((o) => o.col === 2)).toHaveLength(6);
    expect(ex.unknown).toEqual([]);
  });
});

describe('a 比率（%） column beside the counts (field test)', () => {
  const g = grid('学法考试', [
    ['周营镇2023年学法考试情况', null, null],
    ['指标名称', '人数（人）', '比率（%）'],
    ['学法考试应考人数', 50, null],
    ['学法考试参考人数', 49, null],
    ['学法考试参考率', null, 98],
    ['学法考试优秀人数', 31, null],
    ['学法考试优秀率', 63.3, null],
  ]);
  const ex = extract({ name: '周营镇.xlsx', sheets: [g] }, { year: 2023 });

  test('a rate row is read from the rate column, as percent', () => {
    expect(at(ex.observations, '学法考试', 'C5')).toMatchObject({ indicator: 'exam_participation_rate', kind: 'percent', value: 98 });
  });

  test('counts are read from the count column only, once each', () => {
    expect(byIndicator(ex.observations, 'exam_expected').map((o) => o.cell)).toEqual(['B3']);
    expect(byIndicator(ex.observations, 'exam_participation_rate').map((o) => o.cell)).toEqual(['C5']);
  });

  test('a rate written among the counts (rate column blank) is still read', () => {
    expect(byIndicator(ex.observations, 'exam_excellence_rate').map((o) => [o.cell, o.kind, o.value])).toEqual([['B7', 'percent', 63.3]]);
  });
});

describe('townships as columns: the transposed county summary (field test)', () => {
  const g = grid(
    '乡镇汇总',
    [
      ['沈丘县2023年度各乡镇法治政府建设主要指标汇总表', null, null, null, null, null],
      ['序号', '指标名称', '单位', '周营镇', '白楼镇', '合计'],
      [1, '受理信访案件', '件', 9, 13, 22],
      [2, '化解信访案件', '件', 7, 15, 22],
      [3, '信访案件化解率', '%', 77.8, 115.4, 100],
    ],
    { merges: ['A1:F1'] },
  );
  const ex = extract({ name: '', sheets: [g] }, { year: 2023 });

  test('each column is a township, the 合计 column is the total; no figure belongs to the workbook itself', () => {
    expect(at(ex.observations, '乡镇汇总', 'D3')).toMatchObject({ indicator: 'petitions_received', entity: '周营镇', value: 9 });
    expect(at(ex.observations, '乡镇汇总', 'E4')).toMatchObject({ indicator: 'petitions_resolved', entity: '白楼镇', value: 15 });
    expect(at(ex.observations, '乡镇汇总', 'E5')).toMatchObject({ indicator: 'petition_resolution_rate', entity: '白楼镇', kind: 'percent', value: 115.4 });
    expect(at(ex.observations, '乡镇汇总', 'F3')).toMatchObject({ entity: '合计', isTotal: true, value: 22 });
    expect(ex.observations.filter((o) => o.entity === null)).toEqual([]);
  });

  test('the table is reported as a summary', () => {
    expect(ex.tables).toEqual([{ sheet: '乡镇汇总', layout: 'summary', headerRow: 1, labelCol: 1, valueCols: [3, 4, 5] }]);
  });

  test('without 序号 and 单位 columns too', () => {
    const bare = grid('汇总', [
      ['指标名称', '周营镇', '前营乡'],
      ['行政村数', 20, 25],
    ]);
    const e = extract({ name: '', sheets: [bare] });
    expect(e.observations.map((o) => [o.cell, o.entity, o.value])).toEqual([
      ['B2', '周营镇', 20],
      ['C2', '前营乡', 25],
    ]);
  });
});

describe('two lists side by side under one header row (field probe)', () => {
  test('指标名称 | 数值 | 指标名称 | 数值: each value belongs to the label of its own block', () => {
    const g = grid('指标', [
      ['前营乡2023年法治政府建设指标', null, null, null],
      ['指标名称', '数值', '指标名称', '数值'],
      ['受理信访案件', 15, '行政执法人员', 6],
      ['化解信访案件', 14, '持证人数', 5],
      ['行政村数', 25, null, null],
    ], { merges: ['A1:D1'] });
    const ex = extract({ name: '前营乡.xlsx', sheets: [g] });
    expect(ex.observations.map((o) => [o.cell, o.indicator, o.value])).toEqual([
      ['B3', 'petitions_received', 15],
      ['B4', 'petitions_resolved', 14],
      ['B5', 'villages', 25],
      ['D3', 'enforcement_officers', 6],
      ['D4', 'certified_officers', 5],
    ]);
    expect(ex.tables.map((t) => [t.labelCol, t.valueCols])).toEqual([[0, [1]], [2, [3]]]);
  });

  test('序号 | 指标 | 单位 | 数值 twice: units and numbers stay in their block', () => {
    const g = grid('指标', [
      ['序号', '指标', '单位', '数值', '序号', '指标', '单位', '数值'],
      [1, '普法宣传活动', '场次', 18, 1, '法律咨询', '人次', 60],
      [2, '发放法治宣传资料', '份', '两千余', 2, '悬挂横幅标语', '条', 40],
    ]);
    const ex = extract({ name: '前营乡2023.xlsx', sheets: [g] });
    expect(ex.observations.map((o) => [o.cell, o.indicator, o.value, o.unit])).toEqual([
      ['D2', 'publicity_events', 18, '场次'],
      ['D3', 'materials', 2000, '份'],
      ['H2', 'consultations', 60, '人次'],
      ['H3', 'banners', 40, '条'],
    ]);
    expect(ex.unknown).toEqual([]);
  });
});

describe('rates written as fractions (field probe)', () => {
  test('beside 0.933 / 0.946 in General cells, a bare 1 is 100 %, not 1 %', () => {
    const g = grid('对比', [
      ['指标名称', '单位', '2023年', '2022年'],
      ['受理信访案件', '件', 12, 15],
      ['化解信访案件', '件', 12, 14],
      ['信访案件化解率', null, 1, 0.933],
    ]);
    const ex = extract({ name: '前营乡2023.xlsx', sheets: [g] });
    expect(at(ex.observations, '对比', 'C4')).toMatchObject({ kind: 'percent', value: 100 });
    expect(at(ex.observations, '对比', 'D4')).toMatchObject({ kind: 'percent', value: 93.3 });
  });

  test('a 1 with no fraction beside it, or formatted 0%, keeps what the parser reads', () => {
    const alone = grid('指标', [
      ['指标名称', '数值'],
      ['信访案件化解率', 1],
    ]);
    expect(at(extract({ name: '', sheets: [alone] }).observations, '指标', 'B2').value).toBe(1);
    const formatted = grid('指标', [
      ['指标名称', '数值'],
      ['信访案件化解率', 0.01],
      ['矛盾纠纷调解成功率', 0.946],
    ], { formats: { B2: '0%' } });
    expect(at(extract({ name: '', sheets: [formatted] }).observations, '指标', 'B2').value).toBe(1);
  });
});
