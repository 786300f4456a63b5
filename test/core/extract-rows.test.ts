import { extract } from '../../src/core/extract';
import { at, byIndicator, grid } from './extract-helpers';

/** Layout (a) as a township keeps it: merged title, header, merged section rows, notes column, a notes row. */
const sheet = grid(
  '矛盾纠纷',
  [
    ['周营镇2023年度法治政府建设指标统计表', null, null, null, null],
    ['序号', '指标名称', '单位', '数值', '备注'],
    ['一、矛盾纠纷化解与社会治理', null, null, null, null],
    [1, '调处各类矛盾纠纷', '件', '二十余', '依法调处各类社会矛盾纠纷二十余件'],
    [2, '信访案件受理数', '件', 9, null],
    [3, '其中：化解数', '件', 7, null],
    [4, '信访案件化解率', '%', '100%', '报告表述：化解率达到100%'],
    ['二、法治宣传教育', null, null, null, null],
    [5, '印发普法宣传材料', '份', '近3万余', null],
    [6, '开展普法宣传活动', '场次', null, null],
    [7, '开展扫黑除恶专项宣传', '次', 3, null],
    [8, '普法志愿者人数', '人', '—', '暂无统计'],
    ['注：本表数据截至2023年12月31日。', null, null, null, null],
    ['填表人：张三', null, '审核人：李四', null, null],
  ],
  { merges: ['A1:E1', 'A3:E3', 'A8:E8', 'A13:E13'] },
);

describe('layout (a): one indicator per row', () => {
  const ex = extract({ name: '周营镇.xlsx', sheets: [sheet] });

  test('reads each figure at its own cell, with the approximation kept', () => {
    const disputes = at(ex.observations, '矛盾纠纷', 'D4');
    expect(disputes).toMatchObject({ indicator: 'disputes_received', value: 20, approx: true, markers: ['余'], unit: '件', row: 3, col: 3 });
    const materials = at(ex.observations, '矛盾纠纷', 'D9');
    expect(materials.indicator).toBe('materials');
    expect(materials.value).toBe(30000);
    expect(materials.markers).toEqual(['近', '余']);
    expect(materials.wan).toBe(true);
  });

  test('a sub-row 其中：化解数 resolves with the indicator above it', () => {
    expect(at(ex.observations, '矛盾纠纷', 'D6').indicator).toBe('petitions_resolved');
    expect(at(ex.observations, '矛盾纠纷', 'D5').indicator).toBe('petitions_received');
  });

  test('a rate row reads as percent', () => {
    expect(at(ex.observations, '矛盾纠纷', 'D7')).toMatchObject({ indicator: 'petition_resolution_rate', kind: 'percent', value: 100, unit: '%' });
  });

  test('the 备注 column becomes the note of its row', () => {
    expect(at(ex.observations, '矛盾纠纷', 'D4').note).toBe('依法调处各类社会矛盾纠纷二十余件');
    expect(at(ex.observations, '矛盾纠纷', 'D5').note).toBeUndefined();
  });

  test('a recognised label with an empty value is an absent observation at the value cell', () => {
    const events = at(ex.observations, '矛盾纠纷', 'D10');
    expect(events).toMatchObject({ indicator: 'publicity_events', kind: 'absent', value: null });
    const dash = at(ex.observations, '矛盾纠纷', 'D12');
    expect(dash.kind).toBe('absent');
    expect(dash.note).toBe('暂无统计');
  });

  test('an unplaceable label with a figure is an unknown at its label cell; titles, sections and notes are not', () => {
    expect(ex.unknown).toHaveLength(1);
    expect(ex.unknown[0]).toMatchObject({ label: '开展扫黑除恶专项宣传', sheet: '矛盾纠纷', cell: 'B11' });
  });

  test('section rows are headings with their cells, and set the section', () => {
    expect(ex.headings).toEqual([
      { text: '一、矛盾纠纷化解与社会治理', sheet: '矛盾纠纷', cell: 'A3' },
      { text: '二、法治宣传教育', sheet: '矛盾纠纷', cell: 'A8' },
    ]);
  });

  test('the table is described', () => {
    expect(ex.tables).toEqual([{ sheet: '矛盾纠纷', layout: 'rows', headerRow: 1, labelCol: 1, valueCols: [3] }]);
  });

  test('without a year anywhere but the title, figures are the current period of the title year', () => {
    expect(ex.year).toBe(2023);
    for (const o of ex.observations) {
      expect(o.period).toBe('current');
      expect(o.year).toBe(2023);
      expect(o.entity).toBeNull();
    }
  });
});

describe('layout (a): value column names and label position', () => {
  test.each(['2023年', '2023年度', '本年', '完成情况', '数量', '数据'])('value column headed %s', (head) => {
    const ex = extract({
      name: '',
      sheets: [grid('指标', [['指标名称', '单位', head], ['行政村数', '个', 20]])],
      },
      { year: 2023 },
    );
    expect(at(ex.observations, '指标', 'C2')).toMatchObject({ indicator: 'villages', value: 20, period: 'current', year: 2023 });
  });

  test('a label may sit in another column than the header says (section text in the 序号 column)', () => {
    const ex = extract({
      name: '',
      sheets: [
        grid('执法', [
          ['序号', '指标名称', '单位', '数值'],
          ['四、行政执法', null, null, null],
          [null, '行政执法人员', '人', 12],
          ['（一）持证', null, null, null],
          [null, '持证人数', '人', 10],
        ]),
      ],
    });
    expect(ex.headings?.map((h) => h.cell)).toEqual(['A2', 'A4']);
    expect(at(ex.observations, '执法', 'D3').indicator).toBe('enforcement_officers');
    expect(at(ex.observations, '执法', 'D5').indicator).toBe('certified_officers');
    expect(ex.unknown).toEqual([]);
  });

  test('the unit may be written in the label instead of a 单位 column', () => {
    const ex = extract({ name: '', sheets: [grid('阵地', [['指标名称', '数值'], ['法治阵地建设投入（元）', 85000]])] });
    expect(at(ex.observations, '阵地', 'B2')).toMatchObject({ indicator: 'position_investment', value: 8.5, unit: '万元' });
  });

  test('a yes/no indicator reads 是', () => {
    const ex = extract({ name: '', sheets: [grid('履职', [['指标名称', '单位', '完成情况'], ['成立法治建设领导小组', '—', '是']])] });
    expect(at(ex.observations, '履职', 'C2')).toMatchObject({ indicator: 'leading_group', kind: 'yesno', value: true });
  });

  test('a percent-formatted cell reads as a percent', () => {
    const ex = extract({
      name: '',
      sheets: [grid('比率', [['指标名称', '单位', '数值'], ['调解成功率', '%', 0.946]], { formats: { C2: '0.0%' } })],
    });
    expect(at(ex.observations, '比率', 'C2')).toMatchObject({ kind: 'percent', value: 94.6, decimals: 1 });
  });

  test('a bare figure in a % row reads as a percent', () => {
    const ex = extract({ name: '', sheets: [grid('比率', [['指标名称', '单位', '数值'], ['学法考试优秀率', '%', 63.3]])] });
    expect(at(ex.observations, '比率', 'C2')).toMatchObject({ kind: 'percent', value: 63.3 });
  });
});

describe('元 → 万元', () => {
  const ex = extract({
    name: '',
    sheets: [
      grid('执法', [
        ['指标名称', '单位', '数值'],
        ['罚没款', '元', 13000],
        ['法治阵地建设投入', '万元', 1.3],
      ]),
      grid('执法2', [
        ['指标名称', '单位', '数值'],
        ['罚没款', null, '1.3万元'],
        ['法治阵地建设投入', '万元', '8.5'],
      ]),
    ],
  });

  test('元 in the unit column is converted to the catalog 万元', () => {
    expect(at(ex.observations, '执法', 'C2')).toMatchObject({ indicator: 'fines', value: 1.3, unit: '万元' });
  });
  test('a plain number under 万元 stays', () => {
    expect(at(ex.observations, '执法', 'C3')).toMatchObject({ indicator: 'position_investment', value: 1.3, unit: '万元' });
    expect(at(ex.observations, '执法2', 'C3')).toMatchObject({ value: 8.5, unit: '万元' });
  });
  test('1.3万元 written in the cell is 1.3 万元, written with 万', () => {
    expect(at(ex.observations, '执法2', 'C2')).toMatchObject({ indicator: 'fines', value: 1.3, unit: '万元', wan: true });
  });
});

describe('万 units of a count: 0.3 under 万份 is 3,000 份, never 0.3 份', () => {
  const ex = extract({
    name: '',
    sheets: [
      grid('宣传', [
        ['指标名称', '单位', '数值'],
        ['印发普法宣传材料', '万份', 0.3],
      ]),
      grid('宣传2', [
        ['指标名称', '数值（万份）'],
        ['印发普法宣传材料', 1.25],
      ]),
      grid('宣传3', [
        ['指标名称', '数量（件）'],
        ['普法志愿者人数', 40],
      ]),
    ],
  });

  test('a 万份 unit column converts the figure to 份, remembered as written in 万', () => {
    expect(at(ex.observations, '宣传', 'C2')).toMatchObject({ indicator: 'materials', value: 3000, unit: '份', wan: true });
  });
  test('a 万份 value-column header does the same', () => {
    expect(at(ex.observations, '宣传2', 'B2')).toMatchObject({ indicator: 'materials', value: 12500, unit: '份', wan: true });
  });
  test('a plain unit in a value header is not taken as every row\'s unit', () => {
    expect(at(ex.observations, '宣传3', 'B2')).toMatchObject({ value: 40, wan: false });
    expect(at(ex.observations, '宣传3', 'B2').unit).not.toBe('件');
  });
});

describe('origin offsets: every cell is absolute', () => {
  const ex = extract({
    name: '',
    sheets: [
      grid(
        '指标',
        [
          ['周营镇2023年度法治政府建设指标统计表', null, null, null],
          ['指标名称', '单位', '数值', '备注'],
          ['行政村数', '个', 20, '含社区'],
          ['某项新指标', '个', 3, null],
        ],
        { origin: 'B3', merges: ['B3:E3'], formats: { D5: 'General' } },
      ),
    ],
  });
  test('observations, unknowns and tables use sheet coordinates', () => {
    expect(at(ex.observations, '指标', 'D5')).toMatchObject({ indicator: 'villages', row: 4, col: 3, value: 20, note: '含社区' });
    expect(ex.unknown.map((u) => u.cell)).toEqual(['B6']);
    expect(ex.tables[0]).toMatchObject({ headerRow: 3, labelCol: 1, valueCols: [3] });
    expect(ex.unit).toBe('周营镇');
    expect(ex.identityCells?.unit).toEqual({ sheet: '指标', cell: 'B3' });
  });
});

describe('group rows and indented sub-rows', () => {
  test('a label row without figures followed by its parts is a parent, not a missing figure', () => {
    const ex = extract({
      name: '',
      sheets: [
        grid('信访', [
          ['指标名称', '单位', '数值'],
          ['信访案件', '件', null],
          ['  受理数', '件', 37],
          ['  化解数', '件', 35],
        ]),
      ],
    });
    expect(at(ex.observations, '信访', 'C3').indicator).toBe('petitions_received');
    expect(at(ex.observations, '信访', 'C4').indicator).toBe('petitions_resolved');
    expect(byIndicator(ex.observations, 'petitions_received').map((o) => o.kind)).toEqual(['number']);
  });
});

describe('category column and totals', () => {
  test('a 类别 column merged down its group gives the section; a 合计 row is not an unknown', () => {
    const ex = extract({
      name: '',
      sheets: [
        grid(
          '指标',
          [
            ['类别', '指标名称', '单位', '数值'],
            ['矛盾纠纷化解', '受理数', '件', 37],
            [null, '调解成功数', '件', 35],
            ['行政执法', '行政执法人员', '人', 12],
            [null, '合计', null, 84],
          ],
          { merges: ['A2:A3'] },
        ),
      ],
    });
    expect(at(ex.observations, '指标', 'D2').indicator).toBe('disputes_received');
    expect(at(ex.observations, '指标', 'D3').indicator).toBe('disputes_mediated');
    expect(at(ex.observations, '指标', 'D4').indicator).toBe('enforcement_officers');
    expect(ex.unknown).toEqual([]);
    expect(ex.tables[0]).toMatchObject({ layout: 'rows', labelCol: 1, valueCols: [3] });
  });

  test('a single year column sets the year when nothing else does', () => {
    const ex = extract({ name: '', sheets: [grid('指标', [['指标名称', '单位', '2023年'], ['行政村数', '个', 20]])] });
    expect(ex.year).toBe(2023);
    expect(at(ex.observations, '指标', 'C2')).toMatchObject({ year: 2023, period: 'current' });
  });
});

describe('generic labels under a section row', () => {
  test('受理数 / 化解数 / 化解率 resolve with the section row above them', () => {
    const ex = extract({
      name: '',
      sheets: [
        grid(
          '矛盾纠纷',
          [
            ['指标名称', '单位', '数值'],
            ['（一）信访案件', null, null],
            ['受理数', '件', 37],
            ['化解数', '件', 35],
            ['化解率', '%', '94.6%'],
            ['（二）矛盾纠纷', null, null],
            ['受理数', '件', 52],
            ['调解成功数', '件', 50],
          ],
          { merges: ['A2:C2', 'A6:C6'] },
        ),
      ],
    });
    expect(['C3', 'C4', 'C5', 'C7', 'C8'].map((c) => at(ex.observations, '矛盾纠纷', c).indicator)).toEqual([
      'petitions_received',
      'petitions_resolved',
      'petition_resolution_rate',
      'disputes_received',
      'disputes_mediated',
    ]);
  });
});

describe('an unmerged group row that is itself an indicator name', () => {
  test('矛盾纠纷 over 受理数 / 调解成功数', () => {
    const ex = extract({
      name: '',
      sheets: [
        grid('纠纷', [
          ['指标名称', '单位', '数值'],
          ['矛盾纠纷', null, null],
          ['受理数', '件', 50],
          ['调解成功数', '件', 48],
        ]),
      ],
    });
    expect(ex.observations.map((o) => [o.cell, o.indicator, o.kind])).toEqual([
      ['C3', 'disputes_received', 'number'],
      ['C4', 'disputes_mediated', 'number'],
    ]);
  });
});

describe('layout (a): nested 序号 with 其中 rows (field test)', () => {
  // （一）/1. numbering, units inside the cells, no unit column; `法律顾问` right under `行政村`
  const nested = grid(
    '指标完成情况',
    [
      ['大钟庄镇2021年度法治政府建设指标完成情况', null, null, null],
      ['序号', '指标', '完成情况', '备注'],
      ['三、矛盾纠纷化解', null, null, null],
      ['（一）', '信访案件', '48件', null],
      ['1.', '其中：化解', '45件', null],
      ['四、公共法律服务', null, null, null],
      ['（一）', '行政村', '45个', null],
      ['（二）', '法律顾问', '10名', null],
      ['1.', '其中：镇政府法律顾问', '1名', null],
      ['2.', '村法律顾问', '9名', null],
      ['五、行政执法', null, null, null],
      ['（一）', '行政执法人员', '16人', null],
      ['1.', '其中：持证', '15人', null],
    ],
    { merges: ['A1:D1', 'A3:D3', 'A6:D6', 'A11:D11'] },
  );
  const ex = extract({ name: '大钟庄镇.xlsx', sheets: [nested] });

  test('其中 rows are the parts of the row above, not its rate', () => {
    expect(at(ex.observations, '指标完成情况', 'C5')).toMatchObject({ indicator: 'petitions_resolved', value: 45 });
    expect(at(ex.observations, '指标完成情况', 'C13')).toMatchObject({ indicator: 'certified_officers', value: 15 });
  });

  test('a short label that names an indicator exactly keeps it under another indicator row', () => {
    expect(at(ex.observations, '指标完成情况', 'C8')).toMatchObject({ indicator: 'legal_counsels', value: 10 });
    expect(at(ex.observations, '指标完成情况', 'C9').indicator).toBe('town_counsels');
    expect(at(ex.observations, '指标完成情况', 'C10').indicator).toBe('village_counsels');
  });
});

describe('one label, two units (field probe)', () => {
  test('a label merged down over its 场 row and its 人次 row gives both indicators', () => {
    const g = grid(
      '执法',
      [
        ['序号', '指标名称', '单位', '数值'],
        [1, '执法业务培训', '场', 4],
        [null, null, '人次', 120],
        [2, '法治宣传队伍', '支', 1],
        [null, null, '人', 15],
      ],
      { merges: ['A2:A3', 'B2:B3', 'A4:A5', 'B4:B5'] },
    );
    const ex = extract({ name: '周营镇2023.xlsx', sheets: [g] });
    expect(ex.observations.map((o) => [o.cell, o.indicator, o.value])).toEqual([
      ['D2', 'enforcement_trainings', 4],
      ['D3', 'enforcement_training_attendance', 120],
      ['D4', 'teams', 1],
      ['D5', 'team_members', 15],
    ]);
    expect(ex.unknown).toEqual([]);
  });

  test('the same label written twice with 场 and 人次 is two indicators, not one indicator twice', () => {
    const g = grid('培训', [
      ['指标名称', '单位', '数值'],
      ['法治培训', '场', 6],
      ['法治培训', '人次', 300],
    ]);
    const ex = extract({ name: '周营镇2023.xlsx', sheets: [g] });
    expect(ex.observations.map((o) => [o.cell, o.indicator])).toEqual([
      ['C2', 'trainings'],
      ['C3', 'training_attendance'],
    ]);
  });
});
