/** `indicator-desk template`: the blank workbook of the active catalog, with a county's definitions too. */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { templateCatalog, TEMPLATE_IDENTITY_SHEET } from '../../src/core/plan/template';
import type { Catalog } from '../../src/core/types';
import { readDefinitionsFile } from '../../src/file/definitions';
import { consistentFigures, placesOf, withRates } from '../file/helpers';
import { openExcelJs, run, tempDirPerTest } from './support';

const tmp = tempDirPerTest('id-template-');

test('with the county’s definitions the template lists its own indicator, with its unit and bounds', async () => {
  const defs = {
    指标定义: [
      { 指标名称: '信访案件回访数', 章节: '矛盾纠纷化解与社会治理', 单位: '件', 类型: '数量', 对象: '信访案件', 环节: '回访' },
      { 指标名称: '行政执法人员', 上限: 50 },
    ],
  };
  fs.writeFileSync(path.join(tmp(), '县定义.json'), JSON.stringify(defs));
  const r = await run(['template', '--out', '空白模板.xlsx', '--catalog', '县定义.json', '--year', '2024'], tmp());
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('已写出空白模板：空白模板.xlsx（按县级指标定义“县定义.json”');
  const wb = await openExcelJs(path.join(tmp(), '空白模板.xlsx'));
  expect(String(wb.getWorksheet('基本情况')!.getCell('A1').value)).toBe('2024年度法治政府建设指标统计表');
  const ws = wb.getWorksheet('矛盾纠纷化解')!;
  let row = 0;
  ws.eachRow((x, i) => {
    if (x.getCell(2).value === '信访案件回访数') row = i;
  });
  expect(row).toBeGreaterThan(0);
  expect(ws.getCell(`C${row}`).value).toBe('件');
  const law = wb.getWorksheet('行政执法')!;
  const dv = (law as unknown as { dataValidations: { model: Record<string, { operator?: string; formulae: unknown[] }> } }).dataValidations.model;
  expect(Object.values(dv).some((v) => v.operator === 'between' && v.formulae[0] === 0 && v.formulae[1] === 50)).toBe(true);
});

test('a year that is no year is a usage error, and nothing is written', async () => {
  const r = await run(['template', '--out', 'x.xlsx', '--year', '24年'], tmp());
  expect(r.code).toBe(2);
  expect(r.err).toContain('--year 应为四位年份');
  expect(fs.existsSync(path.join(tmp(), 'x.xlsx'))).toBe(false);
});

describe('round trip with a county definitions file: definitions → template → filled → check --catalog', () => {
  /**
   * The county's definitions, in the wording of the real reports: an indicator with facets the lexicon knows
   * (回访信访案件: 对象 信访案件, 环节 回访), one of its own that is required (法治副校长), a built-in one re-bounded
   * (行政执法人员 at most 60), and two rules of its own.
   */
  async function definitionsFile(file: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('指标定义').addRows([
      ['指标名称', '别名', '章节', '单位', '类型', '是否必填', '下限', '上限', '对象', '环节'],
      ['回访信访案件', '信访回访数', '矛盾纠纷化解与社会治理', '件', '数量', null, null, null, '信访案件', '回访'],
      ['法治副校长', '法制副校长', '法治宣传教育', '人', '数量', '是', null, null, null, null],
      ['行政执法人员', null, null, '人', '数量', null, null, 60, null, null],
    ]);
    wb.addWorksheet('审核规则').addRows([
      ['规则', '级别', '说明'],
      ['[回访信访案件] <= [信访案件受理数]', '错误', '回访的信访案件（{回访信访案件}）不能多于受理的信访案件'],
      ['[法治宣传队伍人数] >= [法治宣传队伍] * 3', '核实', '每支法治宣传队伍应不少于3人'],
    ]);
    await wb.xlsx.writeFile(file);
  }

  /** The template the CLI wrote, filled consistently for `catalog`, then `plant` applied, saved as `out`. */
  async function fill(blank: string, out: string, catalog: Catalog, plant: (v: Map<string, number | string>) => void): Promise<Map<string, string>> {
    const wb = await openExcelJs(blank);
    const places = placesOf(wb, catalog);
    const v = consistentFigures(catalog);
    v.set('teams', 4); // 12 people in 4 teams: the county's 3-a-team rule holds
    const own = catalog.indicators.find((d) => d.name === '法治副校长')!;
    v.set(own.id, 3);
    plant(v);
    const id = wb.getWorksheet(TEMPLATE_IDENTITY_SHEET)!;
    id.getCell('B3').value = '纸坊镇人民政府';
    id.getCell('B4').value = 2024;
    id.getCell('B5').value = '中共沈丘县委、沈丘县人民政府';
    for (const [k, x] of v) if (places.has(k)) wb.getWorksheet(places.get(k)!.sheet)!.getCell(`D${places.get(k)!.row}`).value = x;
    await wb.xlsx.writeFile(out);
    return new Map([...places].map(([k, p]) => [k, `${p.sheet}!D${p.row}`]));
  }

  async function checked(file: string, catalogFile: string | null = '县定义.xlsx'): Promise<{ rule: string; severity: string; at: string; message: string }[]> {
    const r = await run(['check', file, ...(catalogFile ? ['--catalog', catalogFile] : []), '--json'], tmp());
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as { files: { findings: { rule: string; severity: string; sheet: string; cell: string; message: string; status?: string }[] }[] };
    return doc.files[0].findings.filter((f) => (f.status ?? 'open') === 'open').map((f) => ({ rule: f.rule, severity: f.severity, at: `${f.sheet}!${f.cell}`, message: f.message }));
  }

  let catalog: Catalog;
  beforeEach(async () => {
    await definitionsFile(path.join(tmp(), '县定义.xlsx'));
    const r = await run(['template', '--out', '空白模板.xlsx', '--catalog', '县定义.xlsx'], tmp());
    expect(r.code).toBe(0);
    catalog = templateCatalog(await readDefinitionsFile(fs.readFileSync(path.join(tmp(), '县定义.xlsx')), '县定义.xlsx'));
  });

  test('filled consistently, it checks clean with the county’s definitions: no finding at all', async () => {
    await fill(path.join(tmp(), '空白模板.xlsx'), path.join(tmp(), '纸坊镇.xlsx'), catalog, () => undefined);
    expect(await checked('纸坊镇.xlsx')).toEqual([]);
  });

  test('planted errors — the county’s rule broken, its required indicator left empty, its bound passed, a built-in rate — are exactly the findings', async () => {
    const id = (name: string) => catalog.indicators.find((d) => d.name === name)!.id;
    const at = await fill(path.join(tmp(), '空白模板.xlsx'), path.join(tmp(), '纸坊镇.xlsx'), catalog, (v) => {
      v.set(id('回访信访案件'), Number(v.get(id('信访案件受理数'))) + 5); // 17 revisited of 12 received
      v.delete(id('法治副校长')); // required, left empty
      v.set(id('行政执法人员'), 70); // over the county's 60
      withRates(catalog, v); // the rates follow their parts again …
      v.set(id('信访案件化解率'), 0.5); // … but this one: 50% of 12 resolved of 12
    });
    const found = await checked('纸坊镇.xlsx');
    expect(found.map((f) => `${f.rule} ${f.severity} ${f.at}`).sort()).toEqual(
      [
        `custom error ${at.get(id('回访信访案件'))}`,
        `missing-required verify ${at.get(id('法治副校长'))}`,
        `out-of-range error ${at.get(id('行政执法人员'))}`,
        // the template's 审核规则 states the rate relation: the county's rule reports it, once
        `custom error ${at.get(id('信访案件化解率'))}`,
      ].sort(),
    );
    expect(found.find((f) => f.at === at.get(id('回访信访案件')))!.message).toContain('回访的信访案件（17件）不能多于受理的信访案件');
    // the template carries the county's 指标定义 and rules: checked where nobody loaded the county's file, the same
    const alone = await checked('纸坊镇.xlsx', null);
    expect(alone.map((f) => `${f.rule} ${f.severity} ${f.at}`).sort()).toEqual(found.map((f) => `${f.rule} ${f.severity} ${f.at}`).sort());
  });

  test('the template holds the county’s 指标定义 as it wrote them and its rules after the catalog’s, read back as the same definitions', async () => {
    const wb = await openExcelJs(path.join(tmp(), '空白模板.xlsx'));
    const own = await readDefinitionsFile(fs.readFileSync(path.join(tmp(), '空白模板.xlsx')), '空白模板.xlsx');
    const county = await readDefinitionsFile(fs.readFileSync(path.join(tmp(), '县定义.xlsx')), '县定义.xlsx');
    const strip = (d: typeof own) => ({
      indicators: d.indicators.map(({ at: _at, ...r }) => r),
      rules: d.rules.slice(-2).map(({ at: _at, ...r }) => r),
    });
    expect(strip(own)).toEqual(strip(county));
    expect(own.problems ?? []).toEqual([]);
    expect(wb.getWorksheet('审核规则')!.rowCount).toBe(1 + catalog.relations.length + 2);
  });
});
