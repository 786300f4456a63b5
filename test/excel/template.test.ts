/**
 * 插入空白模板 (issue 12) through office-js, against the faithful fake: the template's sheets are added to the open
 * workbook with their values, number formats, data validation (kind, bounds, Chinese input and error messages) and
 * protection (labels locked, input cells open, no password), in two syncs whatever the catalog; a workbook that has
 * one of the template's sheets already gets nothing and a sentence saying why (a township's figures are never
 * overwritten). Expectations come from the core plan (blankTemplatePlan), never from the adapter.
 */
import { CATALOG } from '../../src/core/catalog';
import { check } from '../../src/core/check';
import type { CountyDefinitions } from '../../src/core/definitions/types';
import { blankTemplateFor, blankTemplatePlan, TEMPLATE_IDENTITY_SHEET, TEMPLATE_RULE_SHEET, templateCatalog } from '../../src/core/plan/template';
import type { CellValidation, IndicatorDef, WritePlan } from '../../src/core/types';
import { createExcelHost } from '../../src/excel/host';
import { insertSheets } from '../../src/excel/insert';
import { readWorkbook } from '../../src/excel/read';
import { createFakeExcel, PAYLOAD_LIMIT, type FakeExcel } from './fake-excel';

const at = (file: string, sheet: string, row: number) => ({ file, sheet, cell: `A${row + 1}`, row });

/** A county's definitions: an indicator of its own in a section of its own, a built-in one re-bounded, a rule. */
const COUNTY: CountyDefinitions = {
  name: '沈丘县指标定义.xlsx',
  indicators: [
    { at: at('沈丘县指标定义.xlsx', '指标定义', 1), name: '法治副校长', aliases: [], section: '其他需要报告的情况', unit: '人', kind: '数量', required: true, min: null, max: null, facets: {} },
    { at: at('沈丘县指标定义.xlsx', '指标定义', 2), name: '行政执法人员', aliases: [], section: null, unit: '人', kind: '数量', required: null, min: null, max: 60, facets: {} },
  ],
  rules: [{ at: at('沈丘县指标定义.xlsx', '审核规则', 1), text: '[法治副校长] <= [行政村（社区）数]', severity: 'verify', message: '法治副校长不应多于行政村（社区）数' }],
};

function excelWith(...sheets: string[]): FakeExcel {
  const fake = createFakeExcel();
  fake.model.name = '周营镇-2024-指标.xlsx';
  for (const s of sheets) fake.model.addSheet(s);
  return fake;
}

/** Where each indicator's figure cell is in the plan: sheet and row (1-based) of its name in column B. */
function figureCells(plan: WritePlan): Map<string, { sheet: string; cell: string }> {
  const out = new Map<string, { sheet: string; cell: string }>();
  for (const sp of plan.sheets) {
    sp.rows.forEach((row, r) => {
      const name = row[1]?.v;
      if (r > 1 && typeof name === 'string') out.set(name, { sheet: sp.name, cell: `D${r + 1}` });
    });
  }
  return out;
}

/** The office-js rule Excel should hold for a validation of the plan. */
function expectedRule(v: CellValidation): unknown {
  if (v.type === 'list') return { list: { inCellDropDown: true, source: '是,否' } };
  const kind = v.type === 'whole' ? 'wholeNumber' : 'decimal';
  if (v.max !== undefined) return { [kind]: { operator: 'Between', formula1: v.min, formula2: v.max } };
  return { [kind]: { operator: 'GreaterThanOrEqualTo', formula1: v.min } };
}

describe('插入空白模板 through office-js', () => {
  test('adds every sheet of the template after the workbook’s own, with the values of the plan, in two syncs', async () => {
    const fake = excelWith('Sheet1');
    const plan = blankTemplatePlan(CATALOG, { year: 2024 });
    const out = await insertSheets(fake.context(), plan, { env: fake.env });
    expect(out).toEqual({ ok: true, written: plan.sheets.map((s) => s.name) });
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', ...plan.sheets.map((s) => s.name)]);
    expect(fake.syncCount()).toBe(2);
    // the identity block and every indicator with its unit, as the plan has them
    expect(fake.model.cell(TEMPLATE_IDENTITY_SHEET, 'A1')?.v).toBe('2024年度法治政府建设指标统计表');
    expect(['A3', 'A4', 'A5', 'A6'].map((a) => fake.model.cell(TEMPLATE_IDENTITY_SHEET, a)?.v)).toEqual(['单位名称', '报告年度', '报送对象', '落款日期']);
    const cells = figureCells(plan);
    for (const d of CATALOG.indicators.filter((x) => x.kind !== 'text')) {
      const c = cells.get(d.name)!;
      const row = c.cell.slice(1);
      expect(fake.model.cell(c.sheet, `B${row}`)?.v).toBe(d.name);
      expect(fake.model.cell(c.sheet, `C${row}`)?.v).toBe(d.kind === 'rate' ? '%' : d.unit ?? '—');
      expect(fake.model.cell(c.sheet, c.cell)?.v).toBeUndefined(); // blank, never a 0
      if (d.kind === 'rate') expect(fake.model.cell(c.sheet, c.cell)?.nf).toBe('0.0%');
    }
    // 审核规则 restates the catalog's relations, for the county to read and edit
    expect(fake.model.cell(TEMPLATE_RULE_SHEET, 'A1')?.v).toBe('规则');
    expect(String(fake.model.cell(TEMPLATE_RULE_SHEET, 'A2')?.v)).toMatch(/^\[.+\] (<=|=) \[.+\]/);
    expect(fake.model.sheets.find((s) => s.id === fake.model.activeSheetId)?.name).toBe(TEMPLATE_IDENTITY_SHEET);
  });

  test('every figure cell carries the validation of its indicator: the kind, the bounds, a Chinese prompt, a warning that can be overridden', async () => {
    const fake = excelWith('Sheet1');
    const plan = blankTemplatePlan(CATALOG);
    await insertSheets(fake.context(), plan, { env: fake.env });
    let n = 0;
    for (const sp of plan.sheets) {
      for (const v of sp.validations ?? []) {
        const got = fake.model.cell(sp.name, v.range)?.validation;
        expect(got?.prompt).toEqual({ showPrompt: true, title: v.title, message: v.prompt });
        expect(got?.prompt?.message).toMatch(/^[^a-zA-Z]*(请填写|请选择)/);
        if (v.type === 'any') {
          expect(got?.rule).toBeUndefined();
          continue;
        }
        expect(got?.rule).toEqual(expectedRule(v));
        expect(got?.errorAlert).toEqual({ showAlert: true, style: 'Warning', title: v.title, message: v.error });
        n++;
      }
    }
    // one per indicator with a figure (text indicators have none), and the identity's 报告年度
    expect(n).toBe(CATALOG.indicators.filter((d) => d.kind !== 'text').length + 1);
    // what a clerk sees on three kinds of rows
    const cells = figureCells(plan);
    const of = (d: IndicatorDef) => fake.model.cell(cells.get(d.name)!.sheet, cells.get(d.name)!.cell)!.validation!;
    const officers = CATALOG.indicators.find((d) => d.name === '行政执法人员')!;
    expect(of(officers).rule).toEqual({ wholeNumber: { operator: 'GreaterThanOrEqualTo', formula1: 0 } });
    expect(of(officers).prompt?.message).toBe('请填写“行政执法人员”，单位：人：不小于0的整数。');
    const rate = CATALOG.indicators.find((d) => d.kind === 'rate')!;
    expect(of(rate).rule).toEqual({ decimal: { operator: 'Between', formula1: 0, formula2: 1 } });
    const yesno = CATALOG.indicators.find((d) => d.kind === 'yesno')!;
    expect(of(yesno).rule).toEqual({ list: { inCellDropDown: true, source: '是,否' } });
  });

  test('the label columns are locked and the input cells open on protected sheets without a password; 审核规则 stays editable', async () => {
    const fake = excelWith('Sheet1');
    const plan = blankTemplatePlan(CATALOG);
    await insertSheets(fake.context(), plan, { env: fake.env });
    for (const sp of plan.sheets) {
      const s = fake.model.sheet(sp.name)!;
      expect(s.protected).toBe(Boolean(sp.protect));
      expect(s.protectionPassword).toBe(false);
    }
    expect(fake.model.sheet(TEMPLATE_RULE_SHEET)!.protected).toBe(false);
    const c = figureCells(plan).get('持证人数')!;
    const row = c.cell.slice(1);
    expect(fake.model.cell(c.sheet, c.cell)?.locked).toBe(false);
    expect(fake.model.cell(c.sheet, `E${row}`)?.locked).toBe(false); // 备注
    expect(fake.model.cell(c.sheet, `B${row}`)?.locked).toBeUndefined(); // Excel's default: locked
    expect(fake.model.cell(TEMPLATE_IDENTITY_SHEET, 'B3')?.locked).toBe(false);

    // as a clerk would: a figure goes into its cell, the label cannot be changed
    const ctx = fake.context();
    const ws = ctx.workbook.worksheets.getItem(c.sheet);
    ws.getRange(c.cell).values = [[14]];
    await ctx.sync();
    expect(fake.model.cell(c.sheet, c.cell)?.v).toBe(14);
    ws.getRange(`B${row}`).values = [['持证上岗人数']];
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(fake.model.cell(c.sheet, `B${row}`)?.v).toBe('持证人数');
  });

  test('with the county’s definitions: its own indicator (with its section), its bounds — and still two syncs', async () => {
    const fake = excelWith('Sheet1');
    const plan = blankTemplateFor(COUNTY);
    expect(plan.sheets.length).toBeGreaterThan(blankTemplatePlan(CATALOG).sheets.length);
    await insertSheets(fake.context(), plan, { env: fake.env });
    expect(fake.syncCount()).toBe(2);
    const own = figureCells(plan).get('法治副校长')!;
    expect(own.sheet).toBe('其他需要报告的情况');
    expect(fake.model.cell(own.sheet, own.cell)?.validation?.rule).toEqual({ wholeNumber: { operator: 'GreaterThanOrEqualTo', formula1: 0 } });
    const officers = figureCells(plan).get('行政执法人员')!;
    expect(fake.model.cell(officers.sheet, officers.cell)?.validation?.rule).toEqual({ wholeNumber: { operator: 'Between', formula1: 0, formula2: 60 } });
    expect(templateCatalog(COUNTY).indicators.length).toBe(CATALOG.indicators.length + 1);
  });

  test('each request stays under the 5 MB limit; a smaller budget takes more requests and gives the same sheets', async () => {
    const whole = excelWith('Sheet1');
    const plan = blankTemplatePlan(CATALOG);
    await insertSheets(whole.context(), plan, { env: whole.env });
    const largest = Math.max(...whole.model.syncs.map((s) => s.requestBytes));
    expect(largest).toBeLessThan(PAYLOAD_LIMIT);
    const split = excelWith('Sheet1');
    split.model.payloadLimit = Math.ceil(largest / 3);
    const out = await insertSheets(split.context(), plan, { env: split.env, payloadBudget: Math.ceil(largest / 4) });
    expect(out.ok).toBe(true);
    expect(split.syncCount()).toBeGreaterThan(2);
    expect(split.model.syncs.every((s) => !s.error && s.requestBytes <= split.model.payloadLimit)).toBe(true);
    expect(split.model.snapshot()).toEqual(whole.model.snapshot());
  });

  test('inserting again changes nothing and says the template is there already; the figures typed in stay', async () => {
    const fake = excelWith('Sheet1');
    const host = createExcelHost({ run: fake.run, env: fake.env });
    const plan = blankTemplatePlan(CATALOG);
    expect((await host.insertSheets!(plan)).ok).toBe(true);
    const c = figureCells(plan).get('行政执法人员')!;
    const ctx = fake.context();
    ctx.workbook.worksheets.getItem(c.sheet).getRange(c.cell).values = [[12]];
    await ctx.sync();
    const before = fake.model.snapshot();
    fake.resetCounters();
    const again = await host.insertSheets!(plan);
    expect(again.ok).toBe(false);
    expect(again.message).toBe(
      `工作簿“周营镇-2024-指标.xlsx”已有空白模板的全部工作表（${plan.sheets.map((s) => `‘${s.name}’`).join('、')}），没有再次插入，已填写的内容未改动；如需一份新的空白模板，请新建一个空白工作簿后再插入。`,
    );
    expect(fake.model.writes).toBe(0);
    expect(fake.model.snapshot()).toEqual(before);
    expect(fake.model.cell(c.sheet, c.cell)?.v).toBe(12);
  });

  test('a township’s own sheet named like one of the template’s (行政执法) stops the insert before anything is written', async () => {
    const fake = excelWith('行政执法');
    fake.model.sheet('行政执法')!.cells[3] = [undefined, { v: '行政执法人员' }, undefined, { v: 12 }];
    const before = fake.model.snapshot();
    const out = await insertSheets(fake.context(), blankTemplatePlan(CATALOG), { env: fake.env });
    expect(out.ok).toBe(false);
    expect(out.message).toBe(
      '工作簿“周营镇-2024-指标.xlsx”已有与空白模板同名的工作表‘行政执法’，为免覆盖其中的内容，没有插入任何工作表；请新建一个空白工作簿后再插入，或先将这些工作表改名。',
    );
    expect(fake.model.writes).toBe(0);
    expect(fake.model.snapshot()).toEqual(before);
    expect(fake.syncCount()).toBe(1);
  });

  test('a workbook whose structure is protected is told so, and nothing is written', async () => {
    const fake = excelWith('Sheet1');
    fake.model.structureProtected = true;
    const out = await insertSheets(fake.context(), blankTemplatePlan(CATALOG), { env: fake.env });
    expect(out).toEqual({ ok: false, message: expect.stringMatching(/^工作簿“周营镇-2024-指标\.xlsx”的结构受保护，无法添加工作表。.*没有插入任何工作表。$/), written: [] });
    expect(fake.model.writes).toBe(0);
  });

  test('filled in Excel by a clerk, the template reads back and checks: the planted error is one finding, and the blank required rows are asked for at their cells', async () => {
    const fake = excelWith('Sheet1');
    const plan = blankTemplatePlan(CATALOG, { year: 2024 });
    await insertSheets(fake.context(), plan, { env: fake.env });
    const cells = figureCells(plan);
    const ctx = fake.context();
    const put = (sheet: string, cell: string, v: string | number) => (ctx.workbook.worksheets.getItem(sheet).getRange(cell).values = [[v]]);
    put(TEMPLATE_IDENTITY_SHEET, 'B3', '周营镇人民政府');
    put(TEMPLATE_IDENTITY_SHEET, 'B4', 2024);
    put(cells.get('行政执法人员')!.sheet, cells.get('行政执法人员')!.cell, 12);
    put(cells.get('持证人数')!.sheet, cells.get('持证人数')!.cell, 14);
    await ctx.sync();
    const book = await fake.run((c) => readWorkbook(c, { env: fake.env }));
    const result = check(book);
    expect(result.unit).toBe('周营镇');
    expect(result.year).toBe(2024);
    const held = cells.get('持证人数')!;
    const figures = result.observations.filter((o) => o.indicator === 'certified_officers' || o.indicator === 'enforcement_officers').map((o) => `${o.sheet}!${o.cell} ${o.value}`);
    expect(figures.sort()).toEqual([`${held.sheet}!${held.cell} 14`, `${cells.get('行政执法人员')!.sheet}!${cells.get('行政执法人员')!.cell} 12`].sort());
    const open = result.findings.filter((f) => f.status === 'open');
    // the required indicators left blank are asked for at their own cells; everything else is at the planted cell
    const required = CATALOG.indicators.filter((d) => d.required && d.name !== '行政执法人员').map((d) => `${cells.get(d.name)!.sheet}!${cells.get(d.name)!.cell}`);
    expect(open.filter((f) => f.rule === 'missing-required').map((f) => `${f.sheet}!${f.cell}`).sort()).toEqual(required.sort());
    const rest = open.filter((f) => f.rule !== 'missing-required');
    // one broken relation is one finding: the template's 审核规则 row states it, so the county's rule reports it
    expect(rest.map((f) => `${f.rule} ${f.severity} ${f.sheet}!${f.cell}`)).toEqual([`custom error ${held.sheet}!${held.cell}`]);
    expect(rest[0].message).toMatch(/“持证人数”不能多于“行政执法人员”.*14人.*12人.*‘审核规则’表 A\d+/);
  });
});
