/**
 * The blank template (issue 12): the standard indicator workbook for a catalog (the built-in one, or with a county's
 * definitions), as a WritePlan every host writes — the CLI into a new .xlsx, the pane into the open workbook, the page
 * as a download. Layout (a) of the domain brief: a 基本情况 identity block (单位名称, 报告年度, 报送对象, 落款日期),
 * one sheet per section of measures (序号 | 指标名称 | 单位 | 数值 | 备注, a section row, the section's indicators in
 * catalog order with their units), a 存在问题和下步安排 sheet (类别 | 内容), and 审核规则 holding the catalog's
 * relations as rules the county can read and edit. Every input cell has data validation with a Chinese input
 * message; the label columns are protected (no password), the input cells are not.
 */
import { CATALOG, SECTION_NAMES } from '../catalog';
import { catalogWithDefinitions } from '../definitions/catalog';
import { INDICATOR_SHEET, kindOf } from '../definitions/read';
import { catalogRuleRows } from '../definitions/rules';
import type { CountyDefinitions } from '../definitions/types';
import type { Catalog, CellSpec, CellStyle, CellValidation, IndicatorDef, SectionId, Severity, SheetPlan, WritePlan } from '../types';

/** 级别 as the 审核规则 grammar reads it. */
const RULE_LEVEL: Record<Severity, string> = { error: '错误', verify: '核实', hint: '提示' };

/** The sheets of the template, in order, with the sections each holds. */
export const TEMPLATE_SHEETS: { name: string; section: SectionId }[] = [
  { name: '第一责任人履职', section: 'leadership' },
  { name: '法治宣传教育', section: 'publicity' },
  { name: '矛盾纠纷化解', section: 'disputes' },
  { name: '行政执法', section: 'enforcement' },
  { name: '公共法律服务', section: 'legal-services' },
  { name: '依法决策', section: 'decisions' },
];
export const TEMPLATE_IDENTITY_SHEET = '基本情况';
export const TEMPLATE_TEXT_SHEET = '存在问题和下步安排';
export const TEMPLATE_RULE_SHEET = '审核规则';
/** Empty rows the text sheet offers under each category. */
const TEXT_ROWS = 5;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const STYLES: Record<string, CellStyle> = {
  title: { font: { name: '黑体', size: 16, bold: true }, align: 'center', valign: 'middle' },
  head: { font: { name: '宋体', size: 11, bold: true }, fill: '#D9E1F2', align: 'center', valign: 'middle', wrap: true },
  section: { font: { name: '宋体', size: 11, bold: true }, valign: 'middle' },
  label: { font: { name: '宋体', size: 11 }, valign: 'middle', wrap: true },
  centre: { font: { name: '宋体', size: 11 }, align: 'center', valign: 'middle' },
  input: { font: { name: '宋体', size: 11 }, valign: 'middle', unlocked: true },
  inputPct: { font: { name: '宋体', size: 11 }, valign: 'middle', numFmt: '0.0%', unlocked: true },
  inputDate: { font: { name: '宋体', size: 11 }, valign: 'middle', numFmt: 'yyyy"年"m"月"d"日"', unlocked: true },
  inputText: { font: { name: '宋体', size: 11 }, valign: 'top', wrap: true, unlocked: true },
};

/** What a figure cell of `d` accepts, said as Excel data validation. */
export function indicatorValidation(d: IndicatorDef, cell: string): CellValidation | null {
  const title = d.name.length > 30 ? `${d.name.slice(0, 29)}…` : d.name;
  const unit = d.unit ? `，单位：${d.unit}` : '';
  const keep = '不详请留空；确需填写约数（如“3000余”）时可点“是”保留。';
  switch (d.kind) {
    case 'count':
    case 'amount': {
      const min = d.min ?? 0;
      const whole = d.kind === 'count' && d.integer;
      const what = `${whole ? '整数' : '数'}${d.max !== undefined ? `，最多${d.max}` : ''}`;
      return {
        range: cell,
        type: whole ? 'whole' : 'decimal',
        min,
        ...(d.max !== undefined ? { max: d.max } : {}),
        title,
        prompt: `请填写“${d.name}”${unit}：不小于${min}的${what}。`,
        error: `“${d.name}”应为不小于${min}的${what}${unit}。${keep}`,
      };
    }
    case 'rate':
      return {
        range: cell,
        type: 'decimal',
        min: (d.min ?? 0) / 100,
        max: (d.max ?? 100) / 100,
        title,
        prompt: `请填写“${d.name}”：0%～100%之间的百分比（输入 77.8 即为 77.8%）。`,
        error: `“${d.name}”应为0%～100%之间的百分比。${keep}`,
      };
    case 'yesno':
      return { range: cell, type: 'list', list: ['是', '否'], title, prompt: `“${d.name}”：请选择“是”或“否”。`, error: `“${d.name}”只能填写“是”或“否”。` };
    case 'text':
      return null;
  }
}

function cells(values: (string | number | null)[], styles: (string | undefined)[]): CellSpec[] {
  return values.map((v, i) => ({ v, ...(styles[i] ? { style: styles[i] } : {}) }));
}

function identitySheet(title: string): SheetPlan {
  const rows: CellSpec[][] = [cells([title], ['title']), cells(['项目', '内容', '备注'], ['head', 'head', 'head'])];
  const items: [string, string, string][] = [
    ['单位名称', 'input', '请填写单位全称，如“周营镇人民政府”。'],
    ['报告年度', 'input', '请填写报告所属年度，如 2023。'],
    ['报送对象', 'input', '请填写报送对象，如“中共沈丘县委、沈丘县人民政府”。'],
    ['落款日期', 'inputDate', '请填写落款日期，如 2023年12月13日。'],
  ];
  const validations: CellValidation[] = items.map(([label, , prompt], i) =>
    label === '报告年度'
      ? { range: `B${i + 3}`, type: 'whole', min: 2000, max: 2100, title: label, prompt, error: '报告年度应为 2000～2100 之间的年份，如 2023。' }
      : { range: `B${i + 3}`, type: 'any', title: label, prompt, error: '' },
  );
  for (const [label, style] of items) rows.push(cells([label, null, null], ['label', style, 'input']));
  return { name: TEMPLATE_IDENTITY_SHEET, columns: [18, 40, 30], rows, rowHeights: [30], validations, protect: true };
}

function sectionSheet(name: string, section: SectionId, order: number, title: string, catalog: Catalog): SheetPlan {
  const defs = catalog.indicators.filter((d) => d.section === section);
  const rows: CellSpec[][] = [cells([title], ['title']), cells(['序号', '指标名称', '单位', '数值', '备注'], ['head', 'head', 'head', 'head', 'head'])];
  rows.push(cells([`${NUMERALS[order] ?? order + 1}、${SECTION_NAMES[section]}`], ['section']));
  const validations: CellValidation[] = [];
  defs.forEach((d, i) => {
    const r = rows.length + 1;
    const unit = d.kind === 'rate' ? '%' : d.unit ?? '—';
    rows.push(cells([i + 1, d.name, unit, null, null], ['centre', 'label', 'centre', d.kind === 'rate' ? 'inputPct' : 'input', 'inputText']));
    const v = indicatorValidation(d, `D${r}`);
    if (v) validations.push(v);
  });
  return { name, columns: [6, 36, 8, 14, 40], rows, rowHeights: [30], freezeRows: 2, validations, protect: true };
}

function textSheet(title: string): SheetPlan {
  const rows: CellSpec[][] = [cells([title], ['title']), cells(['类别', '内容'], ['head', 'head'])];
  for (const category of ['存在问题', '下步安排']) for (let i = 0; i < TEXT_ROWS; i++) rows.push(cells([category, null], ['label', 'inputText']));
  return { name: TEMPLATE_TEXT_SHEET, columns: [12, 100], rows, rowHeights: [30], protect: true };
}

/**
 * The catalog's relations as rules (规则 | 级别 | 说明), then the county's own rules as it wrote them; unprotected: the
 * county reads and edits them.
 */
function ruleSheet(catalog: Catalog, definitions: CountyDefinitions | null): SheetPlan {
  const rows: CellSpec[][] = [cells(['规则', '级别', '说明'], ['head', 'head', 'head'])];
  const rules = [...catalogRuleRows(catalog, { sheet: TEMPLATE_RULE_SHEET }), ...(definitions?.rules ?? [])];
  for (const r of rules) rows.push(cells([r.text, RULE_LEVEL[r.severity], r.message], ['label', 'centre', 'label']));
  return { name: TEMPLATE_RULE_SHEET, columns: [60, 10, 60], rows };
}

/**
 * The county's 指标定义 rows as it wrote them (the columns the definitions reader takes, facet columns where a row
 * has them), so that a filled template checks with the county's indicators wherever it is checked; unprotected.
 */
function indicatorSheet(definitions: CountyDefinitions): SheetPlan {
  const facets = [...new Set(definitions.indicators.flatMap((r) => Object.keys(r.facets).filter((k) => r.facets[k]?.trim())))];
  const head = ['指标名称', '别名', '章节', '单位', '类型', '是否必填', '下限', '上限', ...facets];
  const rows: CellSpec[][] = [cells(head, head.map(() => 'head'))];
  for (const r of definitions.indicators) {
    // a rate's bound is read in percent: written `95%`, it reads back as 95 and not as 9500 %
    const rate = kindOf(r.kind ?? '') === 'rate';
    const bound = (n: number | null) => (n === null ? null : rate ? `${n}%` : n);
    const values = [r.name, r.aliases.join('、') || null, r.section, r.unit, r.kind, r.required === null ? null : r.required ? '是' : '否', bound(r.min), bound(r.max), ...facets.map((k) => r.facets[k] || null)];
    rows.push(cells(values, values.map(() => 'label')));
  }
  return { name: INDICATOR_SHEET, columns: [24, 20, 24, 8, 8, 10, 8, 8, ...facets.map(() => 10)], rows };
}

export interface TemplateOptions {
  /** The year the title names (`2023年度…`); none: `____年度`. */
  year?: number;
  /**
   * The county's definitions `catalog` was made with: their rows go into the template too (a 指标定义 sheet, their
   * rules after the catalog's in 审核规则), so the filled template checks the same with or without them loaded.
   */
  definitions?: CountyDefinitions | null;
}

/** The blank template of `catalog` as a WritePlan (new sheets only; nothing of an existing workbook is touched). */
export function blankTemplatePlan(catalog: Catalog = CATALOG, opts: TemplateOptions = {}): WritePlan {
  const year = opts.year ? `${opts.year}` : '____';
  const title = `${year}年度法治政府建设指标统计表`;
  const sheets: SheetPlan[] = [identitySheet(title)];
  // the standard sections, then any other section a county's indicators are in (named after the section)
  const sections = [...TEMPLATE_SHEETS];
  for (const d of catalog.indicators) {
    if (d.kind !== 'text' && !sections.some((s) => s.section === d.section)) sections.push({ name: SECTION_NAMES[d.section].slice(0, 31), section: d.section });
  }
  let order = 0;
  for (const s of sections) {
    if (catalog.indicators.some((d) => d.section === s.section)) sheets.push(sectionSheet(s.name, s.section, order++, SECTION_NAMES[s.section], catalog));
  }
  sheets.push(textSheet(`${year}年度法治政府建设存在的不足和下一年度主要安排`), ruleSheet(catalog, opts.definitions ?? null));
  if (opts.definitions?.indicators.length) sheets.push(indicatorSheet(opts.definitions));
  return { sheets, styles: STYLES, activate: TEMPLATE_IDENTITY_SHEET };
}

/** The catalog a template is made for: the built-in one, or with the county's definitions applied. */
export function templateCatalog(definitions?: CountyDefinitions | null): Catalog {
  return definitions ? catalogWithDefinitions(definitions).catalog : CATALOG;
}

/** The template's file name: `空白模板.xlsx`, or after the county's definitions (`空白模板-沈丘县指标定义.xlsx`). */
export function templateFileName(definitions?: CountyDefinitions | null): string {
  const base = (definitions?.name ?? '').replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '').replace(/[\\/:*?"<>|]/g, '').trim();
  return base ? `空白模板-${base}.xlsx` : '空白模板.xlsx';
}

/** The blank template for the county's definitions in use (none: the built-in catalog), as every host asks for it. */
export function blankTemplateFor(definitions?: CountyDefinitions | null, opts: TemplateOptions = {}): WritePlan {
  return blankTemplatePlan(templateCatalog(definitions), { ...opts, definitions });
}

