import * as fs from 'fs';
import * as path from 'path';
import { buildReport, parseTemplates, TemplateError, templatesFromGrid, templatesFromWorkbook } from '../../src/core/narrative';
import { check } from '../../src/core/check';
import type { Cell, Grid, Report, Workbook } from '../../src/core/types';
import { makeResult, obs } from './narrative-fixtures';

const bodyText = (r: Report) => r.paragraphs.map((p) => p.text).join('\n');

function sheet(rows: Cell[][], name = '报告模板', origin?: Grid['origin']): Grid {
  return { name, rows, ...(origin ? { origin } : {}) };
}

const result = makeResult({
  observations: [obs('petitions_received', 37), obs('petitions_resolved', 35), obs('leading_group', true), obs('special_meetings', 4)],
});

function thrown(f: () => unknown): TemplateError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return e as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

describe('templatesFromGrid: a county rewords by group', () => {
  it('replaces the clauses of the groups it names and keeps the others', () => {
    const t = templatesFromGrid(
      sheet([
        ['分组', '条件', '模板'],
        ['petitions', '', '全年接待群众来访{petitions_received}，妥善化解{petitions_resolved}，化解率{petition_resolution_rate}'],
      ]),
    );
    const rep = buildReport(result, { templates: t });
    expect(bodyText(rep)).toContain('全年接待群众来访37件，妥善化解35件，化解率94.6%。');
    expect(bodyText(rep)).not.toContain('全镇共受理信访案件');
    expect(bodyText(rep)).toContain('召开党委（政府）专题会议研究法治建设4次');
  });

  it('accepts Chinese group names and indicator names as placeholders, and conditions', () => {
    const t = templatesFromGrid(
      sheet([
        ['说明：每行一句'],
        ['分组', '条件', '模板'],
        ['第一责任人履职', 'leading_group=是', '镇党委高度重视，成立了依法治镇领导小组'],
        ['第一责任人履职', '', '专题研究法治建设{党委（政府）专题研究法治建设会议}'],
      ]),
    );
    const rep = buildReport(result, { templates: t });
    expect(bodyText(rep)).toContain('镇党委高度重视，成立了依法治镇领导小组，专题研究法治建设4次。');
  });

  it('still states a figure that the county template leaves out', () => {
    const t = templatesFromGrid(sheet([['分组', '条件', '模板'], ['petitions', '', '全年受理信访案件{petitions_received}']]));
    expect(bodyText(buildReport(result, { templates: t }))).toContain('全年受理信访案件37件，信访案件化解35件');
  });

  it('names the cell of an unknown placeholder', () => {
    const e = thrown(() =>
      templatesFromGrid(
        sheet([
          ['分组', '条件', '模板'],
          ['petitions', '', '受理{petitions_received}'],
          [null, null, null],
          ['petitions', '', '化解率{petition_rate}'],
        ]),
      ),
    );
    expect(e.message).toMatch(/^‘报告模板’表 C4：占位符 \{petition_rate\} 不是指标目录中的编号/);
    expect(e.cell).toBe('C4');
    expect(e.sheet).toBe('报告模板');
  });

  it('counts the sheet origin when naming the cell', () => {
    const e = thrown(() => templatesFromGrid(sheet([['分组', '条件', '模板'], ['信访', '', '受理{x}']], '报告模板', { row: 2, col: 1 })));
    expect(e.message).toMatch(/^‘报告模板’表 D4：占位符 \{x\}/);
  });

  it('names the cell of an unknown group, a bad condition, unbalanced braces and an empty template', () => {
    expect(thrown(() => templatesFromGrid(sheet([['分组', '条件', '模板'], ['信仿', '', '受理{petitions_received}']]))).message).toBe(
      '‘报告模板’表 A2：分组“信仿”不是指标目录中的分组',
    );
    expect(thrown(() => templatesFromGrid(sheet([['分组', '条件', '模板'], ['leadership', 'leading_grup=是', '成立了领导小组']]))).message).toMatch(
      /^‘报告模板’表 B2：条件“leading_grup=是”中的 leading_grup 不是指标目录中的编号/,
    );
    expect(thrown(() => templatesFromGrid(sheet([['分组', '条件', '模板'], ['leadership', 'special_meetings=是', '召开']]))).message).toMatch(
      /^‘报告模板’表 B2：.*不是“是\/否”类指标/,
    );
    expect(thrown(() => templatesFromGrid(sheet([['分组', '条件', '模板'], ['petitions', '', '受理{petitions_received']]))).message).toMatch(
      /^‘报告模板’表 C2：.*没有对应的“}”/,
    );
    expect(thrown(() => templatesFromGrid(sheet([['分组', '条件', '模板'], ['petitions', 'petitions_received', '']]))).message).toBe(
      '‘报告模板’表 C2：模板文字为空',
    );
  });

  it('says so when the header is missing', () => {
    expect(thrown(() => templatesFromGrid(sheet([['随便写点什么']]))).message).toContain('没有找到“分组 | 条件 | 模板”表头');
  });
});

describe('the 报告模板 sheet of the checked workbook', () => {
  const book = {
    name: 't.xlsx',
    sheets: [sheet([['指标', '数值']], '矛盾纠纷'), sheet([['分组', '条件', '模板'], ['信访', '', '全年接待来访{petitions_received}']])],
  };

  it('is applied only when the user chooses it, and a JSON override wins over it', () => {
    // a township's own sheet must not reword the county's report unasked (issue 17, item 5)
    expect(bodyText(buildReport(result, { book }))).not.toContain('全年接待来访');
    expect(bodyText(buildReport(result, { book }))).toContain('全镇共受理信访案件37件');
    expect(bodyText(buildReport(result, { book, workbookTemplates: true }))).toContain('全年接待来访37件');
    const json = parseTemplates({ petitions: ['来信来访{petitions_received}'] });
    expect(bodyText(buildReport(result, { book, workbookTemplates: true, templates: json }))).toContain('来信来访37件');
  });

  it('is reported by check as a hint when not applied, naming the sheet and how to apply it; not when applied', () => {
    // the probe of issue 17: a township's template claiming 化解率100% above the recomputed 77.8%
    const town: Workbook = {
      name: '周营镇.xlsx',
      sheets: [
        sheet([['单位名称', '周营镇'], ['报告年度', 2023]], '基本情况'),
        sheet([['指标名称', '单位', '数值'], ['信访案件受理数', '件', 9], ['信访案件化解数', '件', 7]], '矛盾纠纷'),
        sheet([['分组', '条件', '模板'], ['信访', '', '全{unitShort}信访案件全部化解，化解率100%']], '报告模板'),
      ],
    };
    const plain = check(town);
    const hints = plain.findings.filter((f) => f.rule === 'workbook-templates');
    expect(hints.map((f) => [f.severity, f.sheet, f.cell])).toEqual([['hint', '报告模板', 'A1']]);
    expect(hints[0].message).toContain('--use-workbook-templates');
    const report = bodyText(buildReport(plain, { book: town }));
    expect(report).not.toContain('化解率100%');
    expect(report).toContain('化解率77.8%');
    const chosen = check(town, { workbookTemplates: true });
    expect(chosen.findings.some((f) => f.rule === 'workbook-templates')).toBe(false);
    expect(bodyText(buildReport(chosen, { book: town, workbookTemplates: true }))).toContain('全镇信访案件全部化解，化解率100%');
    expect(check({ ...town, sheets: town.sheets.slice(0, 2) }).findings.some((f) => f.rule === 'workbook-templates')).toBe(false);
  });

  it('is absent from most workbooks', () => {
    expect(templatesFromWorkbook({ name: 'x', sheets: [sheet([['a']], '基本情况')] })).toBeNull();
  });
});

describe('parseTemplates: the JSON file given to the CLI', () => {
  it('reads groups of strings and objects with conditions', () => {
    const t = parseTemplates({
      petitions: ['受理信访{petitions_received}，化解{petitions_resolved}'],
      leadership: [{ text: '领导小组健全', condition: 'leading_group=是' }, { text: '研究法治{special_meetings}', requires: ['special_meetings'] }],
    });
    const t2 = bodyText(buildReport(result, { templates: t }));
    expect(t2).toContain('受理信访37件，化解35件');
    expect(t2).toContain('领导小组健全，研究法治4次。');
  });

  it('reads the sheet-like array form', () => {
    const t = parseTemplates([{ 分组: '信访', 条件: '', 模板: '共受理{信访案件受理数}' }]);
    expect(t.groups.petitions[0].text).toBe('共受理{petitions_received}');
  });

  it('an alternative wording applies only when its indicator is absent', () => {
    const t = parseTemplates({
      petitions: [
        { text: '受理信访{petitions_received}', requires: 'petitions_received' },
        { text: '本年度无信访件记录', condition: '!petitions_received' },
      ],
    });
    const none = makeResult({ observations: [obs('special_meetings', 1)] });
    expect(bodyText(buildReport(none, { templates: t }))).toContain('本年度无信访件记录');
    expect(bodyText(buildReport(result, { templates: t }))).not.toContain('本年度无信访件记录');
  });

  it('names the JSON path of a bad template', () => {
    expect(thrown(() => parseTemplates({ petitions: ['ok {petitions_received}', '化解率{petition_rate}'] })).message).toMatch(
      /^报告模板 petitions\[1\]：占位符 \{petition_rate\} 不是指标目录中的编号/,
    );
    expect(thrown(() => parseTemplates({ nope: ['x'] })).message).toBe('报告模板 nope：分组“nope”不是指标目录中的分组');
    expect(thrown(() => parseTemplates('x')).message).toContain('报告模板应为 JSON 对象');
    expect(thrown(() => parseTemplates({ petitions: [{ text: 'x', requires: 5 }] })).message).toContain('“requires”应为指标编号的列表');
  });
});

describe('TEMPLATES.md', () => {
  // The JSON example of the documentation is valid and does what it says.
  it('has a JSON example that parses and renders', () => {
    const md = fs.readFileSync(path.resolve(__dirname, '../../src/core/narrative/TEMPLATES.md'), 'utf8');
    const json = /```json\n([\s\S]+?)```/.exec(md)![1];
    const t = parseTemplates(JSON.parse(json));
    const text = bodyText(buildReport(result, { templates: t }));
    expect(text).toContain('全年受理信访案件37件，化解35件，化解率94.6%。');
    expect(text).toContain('成立了法治建设领导小组，专题研究法治建设4次。');
  });
});
