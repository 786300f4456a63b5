/**
 * Overrides of built-in indicators by the county's 指标定义 (issue 12, "Done when"): a built-in given the county's
 * own name as an alias (综合执法人员, the township enforcement reform's word for 行政执法人员), its unit changed, a
 * bound set through a synonym — recognised in the checked sheet and applied by the built-in rules. Near misses of
 * the alias stay off it.
 */
import { check } from '../../../src/core/check';
import { definitionsFromData } from '../../../src/core/definitions/read';
import type { Cell, Grid, Workbook } from '../../../src/core/types';

function township(rows: [string, string, Cell][]): Workbook {
  const sheet: Grid = { name: '行政执法', rows: [['周营镇2023年法治政府建设指标'], ['序号', '指标名称', '单位', '数值'], ...rows.map((r, i) => [i + 1, ...r])] };
  return { name: '周营镇-2023-指标.xlsx', sheets: [sheet] };
}

const county = definitionsFromData(
  {
    指标定义: [
      { 指标名称: '行政执法人员', 别名: ['综合执法人员'], 单位: '名', 上限: 50 },
      // by its synonym: the built-in 持证人数
      { 指标名称: '持证执法人员', 下限: 1 },
    ],
  },
  '县定义.json',
).definitions;

describe('a built-in indicator overridden by the county', () => {
  const rows: [string, string, Cell][] = [
    ['综合执法人员', '名', 12],
    ['持证人数', '人', 14],
  ];

  it('is recognised under the county’s name and unit, and the built-in relation applies to it', () => {
    const plain = check(township(rows));
    expect(plain.observations.filter((o) => o.indicator === 'enforcement_officers')).toEqual([]);
    expect(plain.findings.filter((f) => f.rule === 'part-exceeds-whole')).toEqual([]);
    const r = check(township(rows), { definitions: county });
    expect(r.observations.find((o) => o.indicator === 'enforcement_officers')).toMatchObject({ cell: 'D3', value: 12 });
    const [f] = r.findings.filter((x) => x.rule === 'part-exceeds-whole');
    expect(f).toMatchObject({ sheet: '行政执法', cell: 'D4', refs: ['行政执法!D4', '行政执法!D3'] });
    expect(f.message).toContain('“行政执法人员”（12名）');
  });

  it('its bounds apply: the county’s upper bound, a lower bound set through a synonym', () => {
    const r = check(township([['综合执法人员', '名', 60], ['持证人数', '人', 0]]), { definitions: county });
    expect(r.findings.filter((f) => f.rule === 'out-of-range').map((f) => [f.cell, f.indicators[0]])).toEqual([
      ['D3', 'enforcement_officers'],
      ['D4', 'certified_officers'],
    ]);
  });

  it.each([['综合执法检查', '次'], ['综合执法队伍', '支'], ['综合执法人员培训', '人次']])('a near miss, %s, is not the overridden indicator', (label, unit) => {
    const r = check(township([[label, unit, 12], ['持证人数', '人', 14]]), { definitions: county });
    expect(r.observations.filter((o) => o.indicator === 'enforcement_officers')).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'part-exceeds-whole')).toEqual([]);
  });
});
