/**
 * The county's definitions (issue 12): 指标定义/审核规则 read by meaning from a definitions workbook, the checked
 * workbook or JSON/YAML; the catalog they make (added and overridden indicators, bounds, facets); missing-required.
 * Township wording comes from the three real reports (`/work/shared/domain/reports/`): 受理信访案件, 化解信访案件,
 * 法律顾问覆盖率, 开展普法宣传活动 …
 */
import { CATALOG } from '../../src/core/catalog';
import { check, checkMany } from '../../src/core/check';
import { catalogWithDefinitions, countyIndicatorId } from '../../src/core/definitions/catalog';
import { definitionsFromData, parseDefinitionsJson, readDefinitionSheets } from '../../src/core/definitions/read';
import type { CountyDefinitions } from '../../src/core/definitions/types';
import { parseYamlSubset } from '../../src/core/definitions/yaml';
import type { Cell, Grid, Workbook } from '../../src/core/types';

const identity: Grid = {
  name: '基本情况',
  rows: [
    ['单位名称', '周营镇'],
    ['报告年度', '2024年'],
  ],
};

/** One indicator per row under section rows: 序号 | 指标 | 单位 | 2024年 | 备注. A string row is a section row. */
function indicatorSheet(name: string, rows: ([string, string, Cell] | string)[]): Grid {
  const body: Cell[][] = rows.map((r, i) => (typeof r === 'string' ? [r] : [i + 1, r[0], r[1], r[2], null]));
  return { name, rows: [[`周营镇2024年法治政府建设指标`], ['序号', '指标', '单位', '2024年', '备注'], ...body] };
}

const township = (rows: ([string, string, Cell] | string)[], name = '周营镇-2024-指标.xlsx', extra: Grid[] = []): Workbook => ({
  name,
  sheets: [identity, indicatorSheet('主要指标', rows), ...extra],
});

/** The county's 指标定义, headed in words other than the (名称, 同义词, 所属部分, 计量单位, 必填（是/否）, 最小值 …). */
const countySheet: Grid = {
  name: '指标定义',
  rows: [
    ['沈丘县2024年法治政府建设指标定义'],
    ['序号', '名称', '同义词', '所属部分', '计量单位', '类型', '必填（是/否）', '最小值', '最大值', '对象', '环节'],
    [1, '信访案件回访数', '回访信访案件', '矛盾纠纷化解与社会治理', '件', '数量', '是', null, null, '信访案件', '回访'],
    [2, '法律顾问覆盖率', null, null, null, null, null, '90%', null, null, null],
    [3, '普法宣传活动', null, null, '期', null, null, null, null, null, null],
    [4, '行政执法人员', null, null, null, null, '是', null, 50, null, null],
    [5, '法治副校长人数', '法治副校长', '法治宣传教育', '人', '数量', '否', null, null, null, null],
  ],
};
const countyBook: Workbook = { name: '沈丘县指标定义.xlsx', sheets: [countySheet] };
const county = (): CountyDefinitions => {
  const r = readDefinitionSheets(countyBook, countyBook.name);
  return { ...r.definitions, problems: r.problems };
};

const figures = (b: Workbook, defs?: CountyDefinitions) => {
  const r = check(b, defs ? { definitions: defs } : {});
  return { r, ids: r.observations.map((o) => o.indicator), of: (rule: string) => r.findings.filter((f) => f.rule === rule) };
};

describe('reading 指标定义 by what its headers mean', () => {
  it('reads every column of a sheet headed in other words, skipping the title row and 序号', () => {
    const { definitions, problems, found } = readDefinitionSheets(countyBook, countyBook.name);
    expect(found).toBe(true);
    expect(problems).toEqual([]);
    expect(definitions.indicators).toHaveLength(5);
    expect(definitions.indicators[0]).toMatchObject({
      name: '信访案件回访数',
      aliases: ['回访信访案件'],
      section: '矛盾纠纷化解与社会治理',
      unit: '件',
      kind: '数量',
      required: true,
      min: null,
      max: null,
      facets: { 对象: '信访案件', 环节: '回访' },
      at: { file: '沈丘县指标定义.xlsx', sheet: '指标定义', cell: 'B3' },
    });
    expect(definitions.indicators[1]).toMatchObject({ name: '法律顾问覆盖率', min: 90, required: null });
    expect(definitions.indicators[3]).toMatchObject({ max: 50, required: true });
  });

  it('a row it cannot use is a problem at its cell, and the other rows are still read', () => {
    const bad: Grid = {
      name: '指标定义',
      rows: [
        ['指标名称', '单位', '类型', '是否必填', '下限', '上限'],
        ['调解成功率', '%', '比率', '是', '95%', null],
        ['受理调解案件', '件', '数据', null, null, null],
        ['化解矛盾纠纷', '件', '数量', '也许', null, null],
        ['调处矛盾纠纷', '件', '数量', null, '十余件', null],
        [null, '件', '数量', null, null, null],
        ['法律顾问人数', '名', '数量', null, 5, 2],
      ],
    };
    const { definitions, problems } = readDefinitionSheets({ name: '县定义.xlsx', sheets: [bad] }, '县定义.xlsx');
    expect(definitions.indicators.map((d) => d.name)).toEqual(['调解成功率']);
    expect(problems.map((p) => [p.at.cell, p.reason])).toEqual([
      ['C3', '类型“数据”不是 数量/金额/比率/是否/文字 之一'],
      ['D4', '是否必填“也许”应填“是”或“否”'],
      ['E5', '下限“十余件”不是一个确定的数字'],
      ['A6', '没有填写指标名称'],
      ['E7', '下限5大于上限2'],
    ]);
  });

  it('a 审核规则 sheet: the rule as written, its severity (错误/核实/提示; blank is 核实) and 说明', () => {
    const rules: Grid = {
      name: '审核规则',
      rows: [
        ['规则表达式', '严重程度', '提示信息'],
        ['[化解信访案件] <= [受理信访案件]', '错误', '化解数不能大于受理数'],
        ['[法治宣传队伍人数] >= [法治宣传队伍] * 3', null, null],
        ['[持证人数] = [行政执法人员]', '严重', '应全员持证'],
      ],
    };
    const { definitions, problems } = readDefinitionSheets({ name: '县定义.xlsx', sheets: [rules] }, '县定义.xlsx');
    expect(definitions.rules.map((r) => [r.text, r.severity, r.message, r.at.cell])).toEqual([
      ['[化解信访案件] <= [受理信访案件]', 'error', '化解数不能大于受理数', 'A2'],
      ['[法治宣传队伍人数] >= [法治宣传队伍] * 3', 'verify', '', 'A3'],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ at: { cell: 'B4' }, reason: '级别“严重”不是 错误/核实/提示 之一' });
  });
});

describe('the same definitions as JSON, with validation messages naming the path', () => {
  it('gives the rows the sheet gives', () => {
    const json = JSON.stringify({
      指标定义: [
        { 指标名称: '信访案件回访数', 别名: ['回访信访案件'], 章节: '矛盾纠纷化解与社会治理', 单位: '件', 类型: '数量', 是否必填: true, 对象: '信访案件', 环节: '回访' },
        { name: '法律顾问覆盖率', min: '90%' },
      ],
      rules: [{ rule: '[化解信访案件] <= [受理信访案件]', severity: '错误', message: '化解数不能大于受理数' }],
    });
    const { definitions, problems } = parseDefinitionsJson(json, '县定义.json');
    expect(problems).toEqual([]);
    const sheet = readDefinitionSheets(countyBook, countyBook.name).definitions.indicators;
    const strip = ({ at: _at, ...rest }: { at: unknown }) => rest;
    expect(strip(definitions.indicators[0])).toEqual(strip(sheet[0]));
    expect(definitions.indicators[1]).toMatchObject({ name: '法律顾问覆盖率', min: 90, at: { sheet: 'indicators[1]'.replace('indicators', '指标定义'), cell: null } });
    expect(definitions.rules[0]).toMatchObject({ severity: 'error', at: { sheet: 'rules[0]' } });
  });

  it('names the path of every entry it cannot use', () => {
    const { definitions, problems } = definitionsFromData(
      {
        指标定义: [{ 指标名称: '调解成功率', 类型: '百分数' }, { 单位: '件' }, '信访案件', { 指标名称: '工单办结率', 颜色: '红' }],
        rules: [{ 规则: '[A] > 0' }, { 规则: '[B] > 0', 级别: '严重' }],
        其他: 1,
      },
      '县定义.json',
    );
    expect(definitions.indicators.map((d) => d.name)).toEqual(['工单办结率']);
    expect(definitions.rules.map((r) => r.text)).toEqual(['[A] > 0']);
    expect(problems.map((p) => `${p.at.sheet}：${p.reason}`)).toEqual([
      '：不认识的项“其他”（应为“指标定义”或“审核规则”）',
      '指标定义[0].类型：类型“百分数”不是 数量/金额/比率/是否/文字 之一',
      '指标定义[1]：没有填写指标名称',
      '指标定义[2]：每一项应为一个对象（指标名称、单位、类型……）',
      '指标定义[3].颜色：不认识的字段“颜色”，已忽略',
      'rules[1].级别：级别“严重”不是 错误/核实/提示 之一',
    ]);
  });

  it('a file that is not JSON at all is refused with its name', () => {
    expect(() => parseDefinitionsJson('{ 指标定义: [', '县定义.json')).toThrow(/县级指标定义文件“县定义\.json”不是有效的 JSON/);
  });
});

describe('the catalog with the county’s definitions', () => {
  it('overrides built-ins by name or synonym and adds the county’s own, all checked by validateCatalog', () => {
    const eff = catalogWithDefinitions(county());
    expect(eff.problems).toEqual([]);
    const byId = new Map(eff.catalog.indicators.map((d) => [d.id, d]));
    expect(byId.get('counsel_coverage_rate')).toMatchObject({ min: 90, max: 100 });
    expect(byId.get('publicity_events')).toMatchObject({ unit: '期' });
    expect(byId.get('publicity_events')!.unitAliases).toContain('场次');
    expect(byId.get('enforcement_officers')).toMatchObject({ max: 50, required: true });
    const revisits = byId.get(countyIndicatorId('信访案件回访数'))!;
    expect(revisits).toMatchObject({ name: '信访案件回访数', section: 'disputes', kind: 'count', unit: '件', required: true, min: 0 });
    expect(revisits.meaning).toMatchObject({ object: 'petition', stage: ['revisited'], measure: 'count' });
    // 法治副校长 is no word of the lexicon: recognised by its name and aliases only
    expect(byId.get(countyIndicatorId('法治副校长人数'))!.meaning).toBeUndefined();
    // the built-in catalog itself is untouched
    expect(CATALOG.indicators.find((d) => d.id === 'counsel_coverage_rate')!.min).toBe(0);
    // one build per definitions: 30 workbooks share it (and the label placements remembered for it)
    const defs = county();
    expect(catalogWithDefinitions(defs).catalog).toBe(catalogWithDefinitions(defs).catalog);
  });

  it('a county indicator that means exactly a built-in one is kept to its names, and says so', () => {
    const eff = catalogWithDefinitions(definitionsFromData({ 指标定义: [{ 指标名称: '受理信访事项件数', 单位: '件' }] }, '县定义.json').definitions);
    const d = eff.catalog.indicators.find((x) => x.name === '受理信访事项件数')!;
    expect(d.meaning).toBeUndefined();
    expect(eff.problems).toHaveLength(1);
    expect(eff.problems[0].reason).toContain('按含义与指标“信访案件受理数”无法区分');
  });

  it('a row that would make the catalog unsound is a problem and left out (a rate made a count)', () => {
    const eff = catalogWithDefinitions(definitionsFromData({ 指标定义: [{ 指标名称: '信访案件化解率', 类型: '数量' }, { 指标名称: '法律顾问覆盖率', 下限: 95 }] }, 'x.json').definitions);
    expect(eff.catalog.indicators.find((d) => d.id === 'petition_resolution_rate')!.kind).toBe('rate');
    expect(eff.catalog.indicators.find((d) => d.id === 'counsel_coverage_rate')!.min).toBe(95);
    expect(eff.problems.map((p) => p.reason)).toEqual([expect.stringContaining('比率关系中的“信访案件化解率”不是比率指标')]);
  });
});

describe('check with the county’s definitions', () => {
  const rows: ([string, string, Cell] | string)[] = [
    '一、法治宣传教育',
    ['开展普法宣讲活动', '期', 12],
    '二、矛盾纠纷化解',
    ['受理信访案件', '件', 9],
    ['化解信访案件', '件', 7],
    ['信访案件化解率', '%', '77.8%'],
    ['开展信访事项回访', '件', 6],
    '三、行政执法',
    ['行政执法人员', '人', 60],
    '四、公共法律服务',
    ['法律顾问覆盖率', '%', '85%'],
  ];

  it('a tighter bound and a renamed unit change what is found; without them nothing is', () => {
    const before = figures(township(rows));
    expect(before.of('out-of-range')).toEqual([]);
    expect(before.ids).not.toContain('publicity_events'); // 期 is no unit of 普法宣传活动 in the built-in catalog
    const after = figures(township(rows), county());
    expect(after.ids).toContain('publicity_events');
    const out = after.of('out-of-range');
    expect(out.map((f) => [f.cell, f.indicators[0], f.severity])).toEqual([
      ['D11', 'enforcement_officers', 'error'],
      ['D13', 'counsel_coverage_rate', 'error'],
    ]);
    expect(out[1].message).toContain('90%');
  });

  it('a county indicator is recognised in a wording it never wrote, through its facets', () => {
    const id = countyIndicatorId('信访案件回访数');
    expect(figures(township(rows)).ids).not.toContain(id);
    const r = figures(township(rows), county()).r;
    const o = r.observations.find((x) => x.indicator === id)!;
    expect(o).toMatchObject({ cell: 'D9', value: 6 });
    expect(r.findings.filter((f) => f.rule === 'unknown-indicator' && f.cell.endsWith('9'))).toEqual([]);
  });

  it('near misses do not land on it: a dispute revisit, a petition revisit rate', () => {
    const id = countyIndicatorId('信访案件回访数');
    const near = township([
      '二、矛盾纠纷化解',
      ['受理信访案件', '件', 9],
      ['矛盾纠纷回访数', '件', 4],
      ['信访事项回访率', '%', '80%'],
    ]);
    const r = figures(near, county()).r;
    expect(r.observations.filter((o) => o.indicator === id)).toEqual([]);
  });

  it('an indicator without facets the lexicon knows is recognised by its name and aliases only', () => {
    const id = countyIndicatorId('法治副校长人数');
    const r = figures(township([['法治副校长', '人', 3], ['法治副校长配备人数', '人', 3]]), county()).r;
    expect(r.observations.filter((o) => o.indicator === id).map((o) => o.cell)).toEqual(['D3']);
  });

  it('one definitions file applied to many workbooks: each is checked with it', () => {
    const defs = county();
    const books = ['周营镇', '李集镇', '王营镇'].map((t, i) => township([['行政执法人员', '人', 40 + i * 10]], `${t}-2024-指标.xlsx`));
    const results = checkMany(books, { definitions: defs });
    expect(results.map((r) => r.findings.filter((f) => f.rule === 'out-of-range').length)).toEqual([0, 0, 1]);
    expect(results[0].catalog).toBe(results[2].catalog);
  });

  it('the workbook’s own 指标定义 wins over the county file’s row of the same name, and is not read as figures', () => {
    const own: Grid = {
      name: '指标定义',
      rows: [
        ['指标名称', '单位', '类型', '是否必填', '下限', '上限'],
        ['法律顾问覆盖率', '%', '比率', '否', '80%', null],
      ],
    };
    const r = figures(township(rows, '周营镇-2024-指标.xlsx', [own]), county()).r;
    const out = r.findings.filter((f) => f.rule === 'out-of-range');
    expect(out.map((f) => f.indicators[0])).toEqual(['enforcement_officers']); // 85% ≥ the workbook's 80%; 60 > the file's 50
    expect(r.observations.filter((o) => o.sheet === '指标定义')).toEqual([]);
    expect(r.findings.filter((f) => f.sheet === '指标定义')).toEqual([]);
    // alone (no county file), the workbook's sheet is the county's definitions
    const alone = figures(township([['法律顾问覆盖率', '%', '75%']], 'x.xlsx', [own])).of('out-of-range');
    expect(alone.map((f) => f.cell)).toEqual(['D3']);
  });

  it('a row that did not apply is a definition-invalid hint: at its cell in the workbook, by file and cell from the county file', () => {
    const own: Grid = { name: '指标定义', rows: [['指标名称', '类型'], ['调解成功率', '百分数']] };
    const fromFile = readDefinitionSheets({ name: '县定义.xlsx', sheets: [{ name: '指标定义', rows: [['指标名称', '单位', '上限'], ['调处矛盾纠纷', '件', '很多']] }] }, '县定义.xlsx');
    const r = check(township(rows, 'w.xlsx', [own]), { definitions: { ...fromFile.definitions, problems: fromFile.problems } });
    const f = r.findings.filter((x) => x.rule === 'definition-invalid');
    expect(f.map((x) => [x.severity, x.sheet, x.cell])).toEqual([
      ['hint', '指标定义', 'B2'],
      ['hint', '', ''],
    ]);
    expect(f[0].message).toBe('‘指标定义’表 B2的指标定义或审核规则“调解成功率 | 百分数”没有生效：类型“百分数”不是 数量/金额/比率/是否/文字 之一。请在县级指标定义中改正这一行，或删除它。');
    expect(f[1].message).toContain('县级指标定义“县定义.xlsx”中的指标定义!C2');
  });
});

describe('missing-required', () => {
  const small = () =>
    township(['一、法治宣传教育', ['开展普法宣传活动', '场次', 12], '二、矛盾纠纷化解', ['受理矛盾纠纷', '件', 37]]);

  it('without county definitions: at most one hint listing the catalog indicators the workbook lacks', () => {
    const f = figures(small()).of('missing-required');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'hint', sheet: '主要指标', cell: 'A1' });
    const missing = CATALOG.indicators.filter((d) => d.required && !['publicity_events', 'disputes_received'].includes(d.id));
    expect(f[0].indicators.sort()).toEqual(missing.map((d) => d.id).sort());
    for (const d of missing) expect(f[0].message).toContain(`“${d.name}”`);
    expect(f[0].message).toMatch(/^‘主要指标’表 A1：工作簿中没有找到目录中的\d+个常用指标：/);
  });

  it('with county definitions: each indicator the county marks required is a 待核实 in its section', () => {
    const f = figures(small(), county()).of('missing-required');
    const verify = f.filter((x) => x.severity === 'verify');
    expect(verify.map((x) => [x.indicators[0], x.sheet, x.cell]).sort()).toEqual(
      [
        // 信访案件回访数 belongs to 矛盾纠纷化解: at that section's heading row
        [countyIndicatorId('信访案件回访数'), '主要指标', 'A5'],
        // 行政执法人员 belongs to 行政执法, which this workbook has no heading for: the sheet's first cell
        ['enforcement_officers', '主要指标', 'A1'],
      ].sort(),
    );
    const revisit = verify.find((x) => x.cell === 'A5')!;
    expect(revisit.message).toBe(
      '‘主要指标’表 A5：工作簿中没有找到县里规定必填的指标“信访案件回访数”（属“矛盾纠纷化解与社会治理”部分，见县级指标定义“沈丘县指标定义.xlsx”的指标定义!B3）。请在这一部分补充这一行并填写本年度数字；确实没有的请填“0”。',
    );
    // the built-in ones the county did not mention stay one hint
    const hints = f.filter((x) => x.severity === 'hint');
    expect(hints).toHaveLength(1);
    expect(hints[0].indicators).not.toContain('enforcement_officers');
  });

  it('a row present but blank is still a 待核实 at its blank cell, with or without definitions', () => {
    for (const defs of [undefined, county()]) {
      const f = figures(township([['行政执法人员', '人', null]]), defs).of('missing-required');
      expect(f.filter((x) => x.indicators.includes('enforcement_officers')).map((x) => [x.severity, x.cell])).toEqual([['verify', 'D3']]);
    }
  });
});

describe('the YAML subset', () => {
  it('reads what a statistician writes: nested lists of mappings, flow lists, quotes, comments', () => {
    const text = [
      '---',
      '# 县定义',
      '指标定义:',
      '- 指标名称: 信访案件回访数   # 县里新增',
      '  别名: [回访信访案件, "信访, 回访"]',
      "  单位: '件'",
      '  下限: 0',
      '审核规则:',
      '  - 规则: "[化解信访案件] <= [受理信访案件]"',
      '    级别: 错误',
      '    说明: "化解数 # 不能大于受理数"',
    ].join('\n');
    expect(parseYamlSubset(text, 'x.yaml')).toEqual({
      指标定义: [{ 指标名称: '信访案件回访数', 别名: ['回访信访案件', '信访, 回访'], 单位: '件', 下限: '0' }],
      审核规则: [{ 规则: '[化解信访案件] <= [受理信访案件]', 级别: '错误', 说明: '化解数 # 不能大于受理数' }],
    });
  });

  it('refuses what it does not support, with the line', () => {
    const bad: [string, RegExp][] = [
      ['审核规则:\n  - 规则: [化解信访案件] <= [受理信访案件]', /第2行以“\[”开头的值被当作列表/],
      ['指标定义:\n  - 指标名称: &a 信访', /第2行用了本工具不支持的 YAML 写法/],
      ['指标定义:\n\t- 指标名称: 信访', /第2行用制表符缩进/],
      ['指标定义:\n  - 指标名称: 信访\n   单位: 件', /第3行的缩进/],
      ['指标定义:\n  说明: |\n    多行', /第2行用了本工具不支持的 YAML 写法/],
      ['a: 1\na: 2', /第2行的键“a”重复/],
    ];
    for (const [text, re] of bad) expect(() => parseYamlSubset(text, '县定义.yaml')).toThrow(re);
  });
});
