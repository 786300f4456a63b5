import { extract } from '../../src/core/extract';
import { grid } from './extract-helpers';

describe('text sheets', () => {
  test('存在问题 by its name: one item per row, numbering stripped, title and header are not items', () => {
    const g = grid(
      '存在问题',
      [
        ['存在的不足和原因', null],
        ['序号', '存在的问题'],
        [1, '一是部分党员干部理论学习不够深入、不够系统。'],
        [2, '二是个别党员干部法治意识不强，基础性法律知识存在欠缺。'],
        [null, null],
        [3, '3、法治宣传形式较为单一。'],
      ],
      { merges: ['A1:B1'] },
    );
    const ex = extract({ name: '', sheets: [g] });
    expect(ex.texts).toEqual([
      { section: 'shortcomings', text: '部分党员干部理论学习不够深入、不够系统。', sheet: '存在问题', cell: 'B3', order: 1 },
      { section: 'shortcomings', text: '个别党员干部法治意识不强，基础性法律知识存在欠缺。', sheet: '存在问题', cell: 'B4', order: 2 },
      { section: 'shortcomings', text: '法治宣传形式较为单一。', sheet: '存在问题', cell: 'B6', order: 3 },
    ]);
    expect(ex.tables).toEqual([{ sheet: '存在问题', layout: 'text', headerRow: null, labelCol: null, valueCols: [] }]);
    expect(ex.unknown).toEqual([]);
    expect(ex.observations).toEqual([]);
  });

  test.each([
    ['下步安排', 'plans'],
    ['下一年度工作安排', 'plans'],
    ['存在的不足', 'shortcomings'],
  ])('a sheet named %s is read as %s', (name, section) => {
    const ex = extract({ name: '', sheets: [grid(name, [['（一）带头学法守法用法，深入学习贯彻习近平法治思想。'], ['（二）完善法治教育机制。']])] });
    expect(ex.texts.map((t) => [t.section, t.text])).toEqual([
      [section, '带头学法守法用法，深入学习贯彻习近平法治思想。'],
      [section, '完善法治教育机制。'],
    ]);
  });

  test('a sheet named otherwise is a text sheet when its header says 存在的问题', () => {
    const g = grid('Sheet3', [['序号', '存在的问题'], [1, '执法队伍专业力量不足。'], [2, '普法针对性不强。']]);
    const ex = extract({ name: '', sheets: [g] });
    expect(ex.texts.map((t) => [t.section, t.cell])).toEqual([
      ['shortcomings', 'B2'],
      ['shortcomings', 'B3'],
    ]);
  });

  test('rows under a 存在问题 section of an indicator sheet are text items, not unknowns', () => {
    const g = grid(
      '综合',
      [
        ['序号', '指标名称', '单位', '数值', '备注'],
        ['一、行政执法', null, null, null, null],
        [1, '行政执法人员', '人', 12, null],
        ['二、存在问题', null, null, null, null],
        [1, '法律顾问作用发挥不充分', null, null, null],
        [2, '执法人员持证比例偏低', null, '有待提高', null],
        ['三、下步安排', null, null, null, null],
        [1, '加强执法培训', null, null, null],
        [2, '开展普法宣传活动', '场次', 30, null],
      ],
      { merges: ['A2:E2', 'A4:E4', 'A7:E7'] },
    );
    const ex = extract({ name: '', sheets: [g] });
    expect(ex.texts.map((t) => [t.section, t.text, t.cell])).toEqual([
      ['shortcomings', '法律顾问作用发挥不充分', 'B5'],
      ['shortcomings', '执法人员持证比例偏低：有待提高', 'B6'],
      ['plans', '加强执法培训', 'B8'],
      ['plans', '开展普法宣传活动：30场次', 'B9'],
    ]);
    expect(ex.observations.map((o) => o.indicator)).toEqual(['enforcement_officers']);
    expect(ex.unknown).toEqual([]);
    expect(ex.headings?.map((h) => h.text)).toEqual(['一、行政执法', '二、存在问题', '三、下步安排']);
  });

  test('a 主要举措 sheet of prose is read as text, a figure sheet with a text-like name is not', () => {
    const prose = grid('主要举措', [['1、坚持党委中心组集中学法制度。'], ['2、开展“法律七进”活动。']]);
    const figures = grid('工作成效', [['普法宣传活动', '场次', 26], ['行政执法人员', '人', 16]]);
    const ex = extract({ name: '', sheets: [prose, figures] });
    expect(ex.texts.map((t) => t.text)).toEqual(['坚持党委中心组集中学法制度。', '开展“法律七进”活动。']);
    expect(ex.observations.map((o) => [o.indicator, o.cell, o.value, o.unit])).toEqual([
      ['publicity_events', 'C1', 26, '场次'],
      ['enforcement_officers', 'C2', 16, '人'],
    ]);
  });
});

describe('text sections at the end of a one-sheet workbook (field test)', () => {
  // items numbered in the 序号 column, their text merged across the unit/value/note columns
  const g = grid(
    '2023年指标',
    [
      ['周营镇2023年度法治政府建设工作情况统计表', null, null, null, null],
      ['序号', '指标名称', '单位', '数值', '备注'],
      ['一、矛盾纠纷化解', null, null, null, null],
      [1, '受理信访案件', '件', 9, null],
      ['二、存在的不足和原因', null, null, null, null],
      [1, '部分党员干部理论学习不够深入、不够系统。', null, null, null],
      [2, '个别党员干部的法治意识不强。', null, null, null],
      ['三、下一年度主要安排', null, null, null, null],
      [1, '带头学法守法用法，提高法治素质。', null, null, null],
    ],
    { merges: ['A1:E1', 'A3:E3', 'A5:E5', 'B6:E6', 'B7:E7', 'A8:E8', 'B9:E9'] },
  );
  const ex = extract({ name: '周营镇.xlsx', sheets: [g] });

  test('merged item rows under 存在的不足 / 下一年度安排 are items, the 一、 rows stay headings', () => {
    expect(ex.texts.map((t) => [t.section, t.cell, t.text])).toEqual([
      ['shortcomings', 'B6', '部分党员干部理论学习不够深入、不够系统。'],
      ['shortcomings', 'B7', '个别党员干部的法治意识不强。'],
      ['plans', 'B9', '带头学法守法用法，提高法治素质。'],
    ]);
    expect((ex.headings ?? []).map((h) => h.cell)).toEqual(['A3', 'A5', 'A8']);
  });
});

describe('存在问题 | 整改措施 side by side (field probe)', () => {
  test('the header row with 整改措施 is not an item', () => {
    const g = grid('问题与整改', [
      ['序号', '存在问题', '整改措施'],
      [1, '法治宣传形式单一', '创新宣传方式'],
      [2, '执法人员力量不足', '加强执法队伍建设'],
    ]);
    const ex = extract({ name: '周营镇2023.xlsx', sheets: [g] });
    expect(ex.texts.map((t) => [t.section, t.cell])).toEqual([
      ['shortcomings', 'B2'],
      ['shortcomings', 'B3'],
    ]);
    expect(ex.texts[0].text.startsWith('法治宣传形式单一')).toBe(true);
  });
});

describe('a text sheet kept as 类别 | 内容 (issue 11)', () => {
  const sorted = (rows: Parameters<typeof grid>[1], merges?: string[], name = '问题和安排') =>
    extract({ name: '', sheets: [grid(name, rows, merges ? { merges } : {})] }).texts.map((t) => [t.section, t.text, t.cell]);

  test('sorts each row into its part by the category column, which is not repeated in the item', () => {
    // real phrases of the 前营乡 and 周营镇 reports
    expect(
      sorted([
        ['序号', '类别', '内容'],
        [1, '存在问题', '理论学习有待进一步加强，带头学法制度还不够完善。'],
        [2, '存在问题', '行政执法工作人员力量不足，业务能力有待提高。'],
        [3, '下步安排', '继续加强队伍建设，积极参加、组织各类教育培训。'],
        [4, '存在问题', '运用法治思维和法治方式解决问题的能力不足。'],
        [5, '下步安排', '强化责任，加大行政行为监督力度。'],
        [6, '其他', '无其他需要报告的情况。'],
      ]),
    ).toEqual([
      ['shortcomings', '理论学习有待进一步加强，带头学法制度还不够完善。', 'C2'],
      ['shortcomings', '行政执法工作人员力量不足，业务能力有待提高。', 'C3'],
      ['plans', '继续加强队伍建设，积极参加、组织各类教育培训。', 'C4'],
      ['shortcomings', '运用法治思维和法治方式解决问题的能力不足。', 'C5'],
      ['plans', '强化责任，加大行政行为监督力度。', 'C6'],
      ['other', '无其他需要报告的情况。', 'C7'],
    ]);
  });

  test('reads the category merged down over its rows, with or without a header', () => {
    const rows = [
      ['存在的主要问题', '部分党员干部理论学习不够深入、不够系统。'],
      [null, '个别党员干部法治意识不强。'],
      ['下一步工作打算', '带头学法守法用法，提高法治素质。'],
      [null, '完善法治教育机制，加大普法力度。'],
      [null, '严格执行依法行政工作考核制度。'],
    ];
    expect(sorted(rows, ['A1:A2', 'A3:A5'], 'Sheet2')).toEqual([
      ['shortcomings', '部分党员干部理论学习不够深入、不够系统。', 'B1'],
      ['shortcomings', '个别党员干部法治意识不强。', 'B2'],
      ['plans', '带头学法守法用法，提高法治素质。', 'B3'],
      ['plans', '完善法治教育机制，加大普法力度。', 'B4'],
      ['plans', '严格执行依法行政工作考核制度。', 'B5'],
    ]);
    expect(sorted([['类别', '内容'], ...rows], ['A2:A3', 'A4:A6'], '文字材料').map((t) => t[0])).toEqual([
      'shortcomings',
      'shortcomings',
      'plans',
      'plans',
      'plans',
    ]);
  });

  test('reads a category row above its items and a category prefix `存在问题：…`', () => {
    expect(
      sorted(
        [
          ['存在问题'],
          ['1、法治队伍配置不强，缺少专职工作人员。'],
          ['下步安排'],
          ['1、抓好执法机构的建立与调整、充实，规范行政执法行为。'],
          ['存在问题：农村法治宣传教育存在薄弱环节。'],
          ['下步计划：大力开展形式多样的普法宣传教育活动。'],
          ['下一年度安排：强化责任，加大行政行为监督力度。'],
        ],
        ['A1:B1', 'A3:B3'],
        '文字',
      ),
    ).toEqual([
      ['shortcomings', '法治队伍配置不强，缺少专职工作人员。', 'A2'],
      ['plans', '抓好执法机构的建立与调整、充实，规范行政执法行为。', 'A4'],
      ['shortcomings', '农村法治宣传教育存在薄弱环节。', 'A5'],
      ['plans', '大力开展形式多样的普法宣传教育活动。', 'A6'],
      // not a header row (下一年度…), though short: found by the generated workbooks
      ['plans', '强化责任，加大行政行为监督力度。', 'A7'],
    ]);
  });

  test('a near miss is an item, not a category: a sentence that starts with 问题 or mentions 安排', () => {
    expect(
      sorted([['序号', '存在的问题'], [1, '问题整改情况：制定了党委中心组学法制度。'], [2, '工作安排不够合理，统筹推进不足。']], undefined, '存在问题'),
    ).toEqual([
      ['shortcomings', '问题整改情况：制定了党委中心组学法制度。', 'B2'],
      ['shortcomings', '工作安排不够合理，统筹推进不足。', 'B3'],
    ]);
  });
});
