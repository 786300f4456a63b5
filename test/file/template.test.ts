/**
 * The blank template (issue 12): generated from the catalog, filled programmatically as a township would (ExcelJS),
 * and checked: a consistent fill gives no finding at all, and planted errors give exactly the planted findings.
 */
import * as ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { CATALOG } from '../../src/core/catalog';
import { check } from '../../src/core/check';
import { blankTemplatePlan, TEMPLATE_IDENTITY_SHEET, TEMPLATE_RULE_SHEET, TEMPLATE_SHEETS, TEMPLATE_TEXT_SHEET } from '../../src/core/plan/template';
import type { Finding } from '../../src/core/types';
import { readXlsx } from '../../src/file';
import { planToNewXlsx } from '../../src/file/exceljs';
import { consistentFigures, loadBook, placesOf } from './helpers';

async function filled(plants: (wb: ExcelJS.Workbook, at: (id: string) => ExcelJS.Cell) => void): Promise<Uint8Array> {
  const blank = await planToNewXlsx(blankTemplatePlan(CATALOG, { year: 2023 }));
  const wb = await loadBook(blank);
  const places = placesOf(wb, CATALOG);
  const at = (id: string) => {
    const p = places.get(id)!;
    return wb.getWorksheet(p.sheet)!.getCell(`D${p.row}`);
  };
  const id = wb.getWorksheet(TEMPLATE_IDENTITY_SHEET)!;
  id.getCell('B3').value = '周营镇人民政府';
  id.getCell('B4').value = 2023;
  id.getCell('B5').value = '中共沈丘县委、沈丘县人民政府';
  id.getCell('B6').value = new Date(Date.UTC(2023, 11, 13));
  for (const [k, v] of consistentFigures(CATALOG)) if (places.has(k)) at(k).value = v;
  const text = wb.getWorksheet(TEMPLATE_TEXT_SHEET)!;
  text.getCell('B3').value = '部分村（社区）法律顾问服务频次不够';
  text.getCell('B8').value = '持续深化“八五”普法';
  plants(wb, at);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function findingsOf(bytes: Uint8Array): Promise<Finding[]> {
  return check(await readXlsx(bytes, '模板.xlsx')).findings.filter((f) => f.status === 'open');
}

describe('the blank template', () => {
  let blank: Uint8Array;
  beforeAll(async () => {
    blank = await planToNewXlsx(blankTemplatePlan(CATALOG, { year: 2023 }));
  });

  test('has the identity block, the sections in order with units, the text sheet and the catalog relations as rules', async () => {
    const wb = await loadBook(blank);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([TEMPLATE_IDENTITY_SHEET, ...TEMPLATE_SHEETS.map((s) => s.name), TEMPLATE_TEXT_SHEET, TEMPLATE_RULE_SHEET]);
    const id = wb.getWorksheet(TEMPLATE_IDENTITY_SHEET)!;
    expect([3, 4, 5, 6].map((r) => id.getCell(`A${r}`).value)).toEqual(['单位名称', '报告年度', '报送对象', '落款日期']);
    const places = placesOf(wb, CATALOG);
    for (const d of CATALOG.indicators.filter((x) => x.kind !== 'text')) {
      const p = places.get(d.id);
      expect(p).toBeDefined();
      const unit = wb.getWorksheet(p!.sheet)!.getCell(`C${p!.row}`).value;
      expect(unit).toBe(d.kind === 'rate' ? '%' : d.unit ?? '—');
    }
    const rules = wb.getWorksheet(TEMPLATE_RULE_SHEET)!;
    expect(rules.getRow(1).values).toEqual([undefined, '规则', '级别', '说明']);
    expect(rules.rowCount).toBe(1 + CATALOG.relations.length);
    expect(String(rules.getCell('A2').value)).toMatch(/^\[.+\] (<=|=) \[.+\]/);
  });

  test('input cells carry data validation with a Chinese input message; label columns are protected without a password', () => {
    const parts = unzipSync(blank);
    const sheets = Object.keys(parts).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => strFromU8(parts[n]));
    const law = sheets.find((x) => x.includes('持证') || x.includes('dataValidation') && x.includes('行政执法人员'))!;
    expect(law).toMatch(/<dataValidation [^>]*type="whole"[^>]*operator="greaterThanOrEqual"[^>]*promptTitle="行政执法人员"[^>]*prompt="请填写“行政执法人员”，单位：人/);
    expect(sheets.join('')).toMatch(/type="decimal"[^>]*prompt="请填写“[^"]*率”：0%～100%之间的百分比/);
    expect(sheets.join('')).toMatch(/type="list"[^>]*>[\s\S]*?<formula1>&quot;是,否&quot;<\/formula1>/);
    const protectedSheets = sheets.filter((x) => /<sheetProtection [^>]*sheet="1"/.test(x));
    expect(protectedSheets.length).toBe(1 + TEMPLATE_SHEETS.length + 1);
    for (const x of protectedSheets) expect(x).not.toMatch(/<sheetProtection [^>]*(password|hashValue)=/);
  });

  test('the input cells are unlocked, the labels locked', async () => {
    const wb = await loadBook(blank);
    const places = placesOf(wb, CATALOG);
    const p = places.get(CATALOG.indicators[0].id)!;
    const ws = wb.getWorksheet(p.sheet)!;
    expect(ws.getCell(`D${p.row}`).protection).toMatchObject({ locked: false });
    expect(ws.getCell(`B${p.row}`).protection?.locked ?? true).toBe(true);
  });

  test('filled consistently, it checks clean: no finding at all', async () => {
    const findings = await findingsOf(await filled(() => undefined));
    expect(findings.map((f) => `${f.rule} ${f.sheet}!${f.cell} ${f.message}`)).toEqual([]);
  });

  test('filled with planted errors, the check finds exactly those', async () => {
    // a part no rate is computed from (so the plant stands alone), and a rate
    const numerators = new Set(CATALOG.relations.flatMap((r) => (r.kind === 'rate' ? [r.numerator] : [])));
    const part = CATALOG.relations.find((r) => r.kind === 'part-of' && !numerators.has(r.part) && CATALOG.indicators.find((d) => d.id === r.part)?.section === 'enforcement')!;
    const rate = CATALOG.relations.find((r) => r.kind === 'rate')!;
    if (part.kind !== 'part-of' || rate.kind !== 'rate') throw new Error('catalog changed');
    let partCell = '';
    let rateCell = '';
    const bytes = await filled((wb, at) => {
      // a part larger than its whole; a rate that does not follow from its parts
      at(part.part).value = Number(at(part.whole).value) + 3;
      partCell = `${at(part.part).worksheet.name}!${at(part.part).address}`;
      at(rate.rate).value = 0.5;
      rateCell = `${at(rate.rate).worksheet.name}!${at(rate.rate).address}`;
      void wb;
    });
    const findings = await findingsOf(bytes);
    const at = (f: Finding) => `${f.sheet}!${f.cell}`;
    // the template's 审核规则 restates the catalog's relations as county rules: each plant is one finding, the
    // county's rule (its 说明, its row), not also the built-in rule's at the same cell — and nothing else is found
    expect(findings.map((f) => `${f.rule} ${at(f)}`).sort()).toEqual([`custom ${partCell}`, `custom ${rateCell}`].sort());
    const name = (id: string) => CATALOG.indicators.find((d) => d.id === id)!.name;
    const partFinding = findings.find((f) => at(f) === partCell)!;
    expect(partFinding.message).toContain(`：“${name(part.part)}”不能多于“${name(part.whole)}”（`);
    expect(partFinding.ruleAt).toMatchObject({ sheet: TEMPLATE_RULE_SHEET });
  });
});
