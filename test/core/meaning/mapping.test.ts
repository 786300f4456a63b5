/**
 * The user's own placements (指标对照): a label the tool could not place, or placed wrongly, is fixed once and
 * stays fixed — in the workbook, at every later check, and from a --mapping file in the CLI.
 */
import { CATALOG, extendCatalog, validateCatalog } from '../../../src/core/catalog';
import { check } from '../../../src/core/check';
import { mappingFor, mappingSheet, parseMappingJson, readMappings, withMapping } from '../../../src/core/meaning/mapping';
import { isToolSheet } from '../../../src/core/toolsheets';
import type { Cell, Grid, Workbook } from '../../../src/core/types';

/** A township sheet in its own words: a 化解率 standing first, with nothing before it to say whose, is ambiguous. */
function township(extra: Grid[] = []): Workbook {
  const rows: Cell[][] = [
    ['序号', '指标名称', '单位', '2023年'],
    [1, '化解率', '%', '100%'],
    [2, '受理信访案件', '件', 9],
    [3, '化解信访案件', '件', 7],
    [4, '受理矛盾纠纷', '件', 40],
    [5, '调解成功', '件', 38],
    [6, '聘请专家', '人次', 21],
  ];
  return { name: '前营乡-2023.xlsx', sheets: [{ name: '基本情况', rows: [['单位名称', '前营乡'], ['报告年度', 2023]] }, { name: '指标', rows }, ...extra] };
}

function mappingGrid(rows: Cell[][]): Grid {
  return { name: '指标对照', rows: [['原标签', '指标', '工作表'], ...rows] };
}

describe('指标对照 sheet', () => {
  test('before it, the ambiguous rate is a hint offering its candidates and is not checked', () => {
    const r = check(township());
    const hint = r.findings.find((f) => f.rule === 'ambiguous-label' && f.cell === 'B2');
    expect(hint?.candidates?.map((c) => c.id)).toEqual(['petition_resolution_rate', 'dispute_mediation_rate']);
    expect(hint?.label).toBe('化解率');
    expect(r.findings.some((f) => f.rule === 'rate-mismatch')).toBe(false);
  });

  test('a label with a word not understood offers every near indicator as a choice', () => {
    const rows: Cell[][] = [['指标名称', '单位', '数值'], ['全年综合化解率', '%', '100%']];
    const r = check({ name: 'x.xlsx', sheets: [{ name: '指标', rows }] });
    const f = r.findings.find((x) => x.rule === 'unknown-indicator');
    expect(f?.message).toContain('综合');
    expect(f?.candidates?.map((c) => c.id)).toEqual(['petition_resolution_rate', 'dispute_mediation_rate']);
  });

  test('a row naming the indicator places the label, and the rate is then checked at its cell', () => {
    const r = check(township([mappingGrid([['化解率', '信访案件化解率', '指标']])]));
    expect(r.findings.some((f) => f.rule === 'ambiguous-label')).toBe(false);
    const obs = r.observations.find((o) => o.cell === 'D2' && o.sheet === '指标');
    expect(obs?.indicator).toBe('petition_resolution_rate');
    expect(obs?.explain).toContain('指标对照');
    // 100% over 7 of 9: the real error the ambiguity was hiding
    const mismatch = r.findings.find((f) => f.rule === 'rate-mismatch');
    expect(mismatch?.cell).toBe('D2');
    expect(mismatch?.expected).toBeCloseTo(77.8, 1);
    // the mapping sheet itself is not read as township figures
    expect(r.observations.some((o) => o.sheet === '指标对照')).toBe(false);
  });

  test('the indicator may be given by id, name or synonym; a placement for one sheet does not apply to another', () => {
    for (const named of ['petition_resolution_rate', '信访案件化解率', '信访化解率']) {
      const r = check(township([mappingGrid([['化解率', named, '']])]));
      expect(r.observations.find((o) => o.cell === 'D2')?.indicator).toBe('petition_resolution_rate');
    }
    const other = check(township([mappingGrid([['化解率', '信访案件化解率', '另一张表']])]));
    expect(other.observations.find((o) => o.cell === 'D2')).toBeUndefined();
  });

  test('a wrong automatic placement is overridden the same way', () => {
    const r = check(township([mappingGrid([['受理矛盾纠纷', '热线/电子工单', '']])]));
    const o = r.observations.find((x) => x.cell === 'D5');
    expect(o?.indicator).toBe('hotline_tickets');
    expect(o?.explain).toContain('指标对照');
  });

  test('a row naming no known indicator is a mapping-invalid hint at its cell, not silently dropped', () => {
    const r = check(township([mappingGrid([['化解率', '综合化解率指标', '']])]));
    const f = r.findings.find((x) => x.rule === 'mapping-invalid');
    expect(f?.sheet).toBe('指标对照');
    expect(f?.cell).toBe('B2');
    expect(f?.message).toContain('综合化解率指标');
  });

  test('the plan writes the sheet with names a person reads; re-reading it gives the same placements', () => {
    const list = withMapping([], { label: '化解率', id: 'petition_resolution_rate', sheet: '指标' });
    const again = withMapping(list, { label: '化解率', id: 'dispute_mediation_rate', sheet: '指标' });
    expect(again).toHaveLength(1);
    const plan = mappingSheet(again, CATALOG);
    expect(plan.rows[1].map((c) => c.v)).toEqual(['化解率', '矛盾纠纷调解成功率', '指标']);
    const grid: Grid = { name: plan.name, rows: plan.rows.map((r) => r.map((c) => c.v as Cell)) };
    expect(isToolSheet(grid)).toBe(true);
    expect(readMappings({ name: '', sheets: [grid] }, CATALOG).mappings).toEqual([
      { label: '化解率', id: 'dispute_mediation_rate', sheet: '指标', source: '指标对照!B2' },
    ]);
  });
});

describe('--mapping JSON', () => {
  test('both shapes are read; bad entries are problems naming the entry; broken JSON is one problem', () => {
    const a = parseMappingJson('{"化解率": "信访案件化解率", "乱写": "没有这个"}', '对照.json', CATALOG);
    expect(a.mappings.map((m) => [m.label, m.id])).toEqual([['化解率', 'petition_resolution_rate']]);
    expect(a.problems).toHaveLength(1);
    expect(a.problems[0].reason).toContain('没有这个');
    const b = parseMappingJson('[{"原标签": "聘请专家", "指标": "法律顾问人数", "工作表": "指标"}]', '对照.json', CATALOG);
    expect(b.mappings).toEqual([{ label: '聘请专家', id: 'legal_counsels', sheet: '指标', source: '对照.json 第1项' }]);
    expect(parseMappingJson('{oops', '对照.json', CATALOG).problems[0].reason).toContain('JSON');
  });

  test('the workbook’s own 指标对照 wins over the file', () => {
    const file = parseMappingJson('{"化解率": "矛盾纠纷调解成功率"}', 'x.json', CATALOG).mappings;
    const r = check(township([mappingGrid([['化解率', '信访案件化解率', '']])]), { mappings: file });
    expect(r.observations.find((o) => o.cell === 'D2')?.indicator).toBe('petition_resolution_rate');
    const only = check(township(), { mappings: file });
    expect(only.observations.find((o) => o.cell === 'D2')?.indicator).toBe('dispute_mediation_rate');
  });

  test('labels compare as the label normaliser reads them (numbering, brackets, spaces)', () => {
    const list = [{ label: '（五） 全年综合化解率（%）', id: 'petition_resolution_rate', sheet: null }];
    expect(mappingFor(list, '全年综合化解率', '指标')?.id).toBe('petition_resolution_rate');
    expect(mappingFor(list, '化解率', '指标')).toBeNull();
  });
});

describe('the catalog is data with a schema', () => {
  test('the built-in catalog is sound, and a check carries the catalog it used', () => {
    expect(validateCatalog(CATALOG)).toEqual([]);
    const r = check(township());
    expect(r.catalog).toBe(CATALOG);
  });

  test('a county addition that breaks the schema is refused with sentences naming what is wrong', () => {
    const bad = { ...CATALOG.indicators[0], id: 'County-X', name: '', kind: 'number' as never };
    expect(() => extendCatalog(CATALOG, { indicators: [bad], relations: [{ kind: 'part-of', part: 'County-X', whole: 'no_such' }] })).toThrow(
      /编号“County-X”.*没有名称.*类型“number”.*no_such 不存在/,
    );
  });
});
